"""The input and output models of NotificationWorkflow and its activities, one per call."""

from enum import StrEnum

from pydantic import BaseModel


class Channel(StrEnum):
    WEBHOOK = "webhook"
    EMAIL = "email"


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"
    SKIPPED = "skipped"  # the webhook was removed, or the user lost their address, before it was sent


class NotificationInput(BaseModel):
    notification_id: str


class PlanDeliveries(BaseModel):
    notification_id: str


class PlannedDelivery(BaseModel):
    delivery_id: str
    channel: Channel


class Deliver(BaseModel):
    delivery_id: str


class MarkFailed(BaseModel):
    delivery_id: str
    error: str
