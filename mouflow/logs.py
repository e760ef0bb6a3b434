"""Logging for mouflow's own processes: our lines at INFO, the libraries' chatter only from WARNING up."""

import logging
import re

# WeasyPrint logs each step of every render at INFO (about ten lines a PDF: "Step 5 - Creating layout -
# Page 2"), and fontTools each table it subsets when it does the subsetting; their warnings still show
QUIET_LIBRARIES = ("weasyprint", "fontTools")


# mouflow's secrets by their prefixes (API tokens, calendar feed tokens, webhook secrets): a feed URL is the
# feed's only credential, and uvicorn's access log writes every path it serves
SECRET = re.compile(r"\b(mfcal_|mf_|whsec_)[A-Za-z0-9_-]{8,}")
# the loggers whose handlers write the lines: the root's (ours), and uvicorn's, which do not propagate
WRITING_LOGGERS = ("", "uvicorn", "uvicorn.access", "uvicorn.error")


def configure_logging(process: str, level: int = logging.INFO) -> None:
    """Each line names the process (the stack's logs interleave); the libraries log from WARNING up."""
    logging.basicConfig(level=level, format=f"%(asctime)s {process} %(levelname)s %(message)s")
    quiet_libraries()
    redact_secrets()


def redacted(text: str) -> str:
    return SECRET.sub(r"\1[redacted]", text)


class SecretRedaction(logging.Filter):
    """Takes every secret out of a record, its message and the values formatted into it, before any handler
    writes it; a formatter that reads the values (uvicorn's access log) still finds them where they were."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redacted(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redacted(arg) if isinstance(arg, str) else arg for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: redacted(v) if isinstance(v, str) else v for key, v in record.args.items()}
        return True


REDACTION = SecretRedaction()


def redact_secrets() -> None:
    """On every handler that writes lines, once; called again after a server configured its own logging."""
    for name in WRITING_LOGGERS:
        for handler in logging.getLogger(name).handlers:
            if REDACTION not in handler.filters:
                handler.addFilter(REDACTION)


def quiet_libraries() -> None:
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.WARNING)
