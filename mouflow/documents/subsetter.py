"""Whether WeasyPrint can subset fonts with HarfBuzz: ~0.4 s a page instead of ~12 s with fontTools."""

import logging

logger = logging.getLogger(__name__)


def fast_subsetter_available() -> bool:
    """Asks WeasyPrint's own test: `pdf/fonts.py` subsets with HarfBuzz when its cffi binding
    loaded libharfbuzz-subset (`text/ffi.py`, `harfbuzz_subset`) and HarfBuzz is at least 4.1.0."""
    from weasyprint.text import ffi  # type: ignore[import-untyped]

    return ffi.harfbuzz_subset is not None and bool(ffi.harfbuzz.hb_version_atleast(4, 1, 0))


def warn_if_slow_subsetter() -> bool:
    """Call at start-up; returns whether the fast subsetter is there."""
    if fast_subsetter_available():
        return True
    logger.warning(
        "!!! libharfbuzz-subset (>= 4.1) is MISSING: WeasyPrint falls back to fontTools and every PDF "
        "with CJK fonts takes ~30x longer (seconds per page). Install it: apt-get install libharfbuzz-subset0"
    )
    return False
