"""Each party's webhooks: register, list, remove, and read every delivery attempt."""

from fastapi import APIRouter

router = APIRouter(tags=["webhooks"])
