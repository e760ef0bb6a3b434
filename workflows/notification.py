"""NotificationWorkflow: one per outbox row. Plans the deliveries, then makes them all at once."""

import asyncio
from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from activities.notify import EmailActivities, WebhookActivities
    from activities.store import DeliveryStoreActivities
    from mouflow import names
    from mouflow.notify.models import (
        Channel,
        Deliver,
        MarkFailed,
        NotificationInput,
        PlanDeliveries,
        PlannedDelivery,
    )

STORE_RETRY = RetryPolicy(initial_interval=timedelta(seconds=1), maximum_interval=timedelta(minutes=1))
STORE_TIMEOUT = timedelta(seconds=10)
# a receiver down for a while is tried for about 1.7 hours (5 s, 10 s, 20 s ... then every 30 min)
DELIVERY_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=5),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(minutes=30),
    maximum_attempts=12,
)
# above the HTTP and SMTP timeouts (10 s, 20 s), so a slow receiver's attempt ends in our own record of it
DELIVERY_TIMEOUT = timedelta(seconds=30)


@workflow.defn(name=names.NOTIFICATION_WORKFLOW)  # its class name, as the recorded histories have it
class NotificationWorkflow:
    @workflow.init
    def __init__(self, notification: NotificationInput) -> None:
        self._notification_id = notification.notification_id
        self._planned: list[PlannedDelivery] = []

    @workflow.run
    async def run(self, notification: NotificationInput) -> list[PlannedDelivery]:
        self._planned = await workflow.execute_activity_method(
            DeliveryStoreActivities.plan,
            PlanDeliveries(notification_id=self._notification_id),
            start_to_close_timeout=STORE_TIMEOUT,
            retry_policy=STORE_RETRY,
        )
        await asyncio.gather(*(self._deliver(planned) for planned in self._planned))
        return self._planned

    @workflow.query
    def planned(self) -> list[PlannedDelivery]:
        return self._planned

    async def _deliver(self, planned: PlannedDelivery) -> None:
        send = WebhookActivities.deliver if planned.channel is Channel.WEBHOOK else EmailActivities.send
        try:
            await workflow.execute_activity_method(
                send,  # one is async, the other sync: both take a Deliver
                Deliver(delivery_id=planned.delivery_id),
                start_to_close_timeout=DELIVERY_TIMEOUT,
                retry_policy=DELIVERY_RETRY,
            )
        except ActivityError as error:  # retries exhausted, or a refusal that no retry will change
            reason = str(error.cause or error)
            await workflow.execute_activity_method(
                DeliveryStoreActivities.mark_failed,
                MarkFailed(delivery_id=planned.delivery_id, error=reason),
                start_to_close_timeout=STORE_TIMEOUT,
                retry_policy=STORE_RETRY,
            )
