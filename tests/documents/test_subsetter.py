"""The start-up check for WeasyPrint's fast font subsetter."""

import logging

import pytest
from weasyprint.text import ffi

from mouflow.documents.subsetter import fast_subsetter_available, warn_if_slow_subsetter


def test_harfbuzz_subset_is_installed_here() -> None:
    assert fast_subsetter_available()
    assert warn_if_slow_subsetter()


def test_a_missing_subsetter_is_a_loud_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    with caplog.at_level(logging.WARNING, logger="mouflow.documents.subsetter"):
        assert not warn_if_slow_subsetter()
    assert "libharfbuzz-subset" in caplog.text and caplog.records[0].levelno == logging.WARNING
