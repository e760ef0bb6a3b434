"""Activities that send notifications: webhooks over HTTP, e-mail over SMTP. Each records its own attempts.

A delivery already delivered (or failed for good) is not sent again, so a retried activity never repeats
a success it recorded. One lost between the send and the record is sent twice: receivers dedupe on the
`Mouflow-Delivery` header, mail clients on the Message-ID.
"""

import asyncio
import smtplib
import time
from datetime import UTC, datetime

import httpx
from sqlalchemy.orm import Session, sessionmaker
from temporalio import activity
from temporalio.exceptions import ApplicationError

from mouflow.metrics import count_delivery
from mouflow.notify.destinations import Destination, RefusedDestination, destination
from mouflow.notify.mail import build_message
from mouflow.notify.models import Channel, Deliver, DeliveryStatus
from mouflow.notify.smtp import SmtpSender, is_permanent
from mouflow.notify.webhook import is_retryable, is_success, webhook_body, webhook_headers
from mouflow.sealed_secrets import Sealer, SecretUnreadable
from mouflow.store.db import session_scope
from mouflow.store.deliveries import Attempt, DeliveryJob, record_attempt, start_delivery

PENDING, DELIVERED, FAILED = DeliveryStatus.PENDING, DeliveryStatus.DELIVERED, DeliveryStatus.FAILED


class DeliveryLedger:
    """The database side of one attempt: what to send, then what happened, each in its own transaction."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def start(self, delivery_id: str) -> DeliveryJob | None:
        with session_scope(self._sessions) as session:
            return start_delivery(session=session, delivery_id=delivery_id)

    def settle(self, attempt: Attempt) -> None:
        """Records the attempt, then raises what tells Temporal whether to try again."""
        with session_scope(self._sessions) as session:
            record_attempt(session=session, attempt=attempt)
        if attempt.outcome is PENDING:
            raise ApplicationError(attempt.error or "not delivered", type="DeliveryRetry")
        if attempt.outcome is FAILED:
            raise ApplicationError(attempt.error or "refused", type="DeliveryRefused", non_retryable=True)


def new_attempt(job: DeliveryJob, started: float, outcome: DeliveryStatus, **found: object) -> Attempt:
    return Attempt.model_validate(
        {
            "delivery_id": job.delivery_id,
            "attempt": activity.info().attempt,
            "at": datetime.now(UTC),
            "duration_ms": round((time.monotonic() - started) * 1000),
            "outcome": outcome,
            **found,
        }
    )


def counted(channel: Channel, attempt: Attempt) -> Attempt:
    count_delivery(channel.value, outcome=attempt.outcome.value, seconds=attempt.duration_ms / 1000)
    return attempt


class WebhookActivities:
    def __init__(
        self,
        ledger: DeliveryLedger,
        http: httpx.AsyncClient,
        *,
        sealer: Sealer,
        allow_private: bool,
        deadline_seconds: float = 20.0,
    ) -> None:
        self._ledger, self._http, self._allow_private, self._sealer = ledger, http, allow_private, sealer
        self._deadline = deadline_seconds

    @activity.defn(name="notify.webhook")
    async def deliver(self, request: Deliver) -> None:
        job = await asyncio.to_thread(self._ledger.start, request.delivery_id)
        if job is None:
            return  # delivered by an earlier attempt, failed for good, or its webhook was removed
        started = time.monotonic()
        attempt = await self._attempt(job, started)
        counted(Channel.WEBHOOK, attempt)
        await asyncio.to_thread(self._ledger.settle, attempt)

    async def _attempt(self, job: DeliveryJob, started: float) -> Attempt:
        try:
            target = await asyncio.to_thread(destination, job.url, allow_private=self._allow_private)
            code, reason = await self._post(job, target)
        except RefusedDestination as refused:
            return new_attempt(job, started, FAILED, error=str(refused))
        except SecretUnreadable as unreadable:  # sealed with another key, or altered: no retry opens it
            return new_attempt(job, started, FAILED, error=f"the webhook's secret cannot be read: {unreadable}")
        except httpx.InvalidURL as error:  # no retry will make it callable
            return new_attempt(job, started, FAILED, error=f"the URL cannot be called: {error}")
        except (httpx.HTTPError, OSError) as error:  # timeouts (ours too), refused connections, DNS: may pass
            return new_attempt(job, started, PENDING, error=f"{type(error).__name__}: {error}")
        outcome = DELIVERED if is_success(code) else PENDING if is_retryable(code) else FAILED
        refusal = None if outcome is DELIVERED else f"the receiver answered {code} {reason}"
        return new_attempt(job, started, outcome, status_code=code, error=refusal)

    async def _post(self, job: DeliveryJob, target: Destination) -> tuple[int, str]:
        body = webhook_body(job.delivery_id, job.payload)
        headers = webhook_headers(
            delivery_id=job.delivery_id,
            payload=job.payload,
            body=body,
            secret=self._sealer.open(job.secret),  # sealed at rest (mouflow.sealed_secrets), in clear only here
            now=int(time.time()),
        )
        # to the address checked, not to the name again: a second lookup could answer otherwise (DNS
        # rebinding); the Host header and TLS's server name, whose certificate is verified, stay the name's
        headers["Host"] = target.host_header
        extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
        # no redirects: a receiver could otherwise send our signed request on to an address we refuse;
        # streamed and never read, so a receiver cannot make us hold a huge answer in memory
        request = self._http.stream(
            "POST", target.pinned_url, content=body, headers=headers, follow_redirects=False, extensions=extensions
        )
        # httpx's timeouts bound each read, not the request: a receiver trickling its answer a byte at a time
        # would hold a slot of the notify queue for ever, since the SDK does not cancel an activity that does
        # not heartbeat; this deadline ends the attempt, recorded, inside the activity's own timeout
        async with asyncio.timeout(self._deadline), request as response:
            return response.status_code, response.reason_phrase


class EmailActivities:
    def __init__(self, ledger: DeliveryLedger, smtp: SmtpSender) -> None:
        self._ledger, self._smtp = ledger, smtp

    @activity.defn(name="notify.email")
    def send(self, request: Deliver) -> None:
        job = self._ledger.start(request.delivery_id)
        if job is None:
            return
        self._ledger.settle(counted(Channel.EMAIL, self._attempt(job, time.monotonic())))

    def _attempt(self, job: DeliveryJob, started: float) -> Attempt:
        if not self._smtp.enabled:  # planned while e-mail was on; switched off since
            return new_attempt(job, started, DeliveryStatus.SKIPPED, error="e-mail is off (no smtp_host)")
        message = build_message(
            payload=job.payload,
            delivery_id=job.delivery_id,
            sender=self._smtp.sender,
            recipient=job.email,
            public_url=self._smtp.settings.public_url,
            reads=job.reads,
            names=job.party_names,
        )
        try:
            self._smtp.send(message)
        except smtplib.SMTPException as error:
            code = getattr(error, "smtp_code", None)
            outcome = FAILED if is_permanent(error) else PENDING
            return new_attempt(job, started, outcome, status_code=code, error=f"{type(error).__name__}: {error}")
        except OSError as error:  # the server is down or unreachable: it may come back
            return new_attempt(job, started, PENDING, error=f"{type(error).__name__}: {error}")
        return new_attempt(job, started, DELIVERED)
