"""Logging for mouflow's own processes: our lines at INFO, the libraries' chatter only from WARNING up."""

import logging

# WeasyPrint logs each step of every render at INFO (about ten lines a PDF: "Step 5 - Creating layout -
# Page 2"), and fontTools each table it subsets when it does the subsetting; their warnings still show
QUIET_LIBRARIES = ("weasyprint", "fontTools")


def configure_logging(process: str, level: int = logging.INFO) -> None:
    """Each line names the process (the stack's logs interleave); the libraries log from WARNING up."""
    logging.basicConfig(level=level, format=f"%(asctime)s {process} %(levelname)s %(message)s")
    quiet_libraries()


def quiet_libraries() -> None:
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.WARNING)
