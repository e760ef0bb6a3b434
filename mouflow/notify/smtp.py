"""Sending one message through the configured SMTP server, and which of its refusals are final."""

import smtplib
import ssl
from email.message import EmailMessage

from mouflow.config import Settings

TIMEOUT = 20.0  # seconds; below the activity's 30 s start-to-close, so a hung server is recorded as an attempt


class SmtpSender:
    """A client of the SMTP server: one connection per message, as notifications are few."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @property
    def enabled(self) -> bool:
        return self.settings.smtp_host is not None

    @property
    def sender(self) -> str:
        return self.settings.smtp_from

    def send(self, message: EmailMessage) -> None:
        settings = self.settings
        with smtplib.SMTP(settings.smtp_host or "", settings.smtp_port, timeout=TIMEOUT) as smtp:
            if settings.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.smtp_username:
                password = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
                smtp.login(settings.smtp_username, password)
            smtp.send_message(message)


def is_permanent(error: smtplib.SMTPException) -> bool:
    """5xx replies are final in SMTP (a mailbox that does not exist); 4xx and lost connections pass."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500
