"""A signature in counterpart is printed as such in the executed copy."""

import subprocess

from mouflow.demo import HKTE, HKTE_SIGNATORY, QIANHAI, officer
from mouflow.documents.models import DocumentKind
from mouflow.domain import signatures
from mouflow.domain.actions import Sign
from mouflow.domain.enums import SigningMode, Stage
from tests.documents.builders import request
from tests.documents.rendered import render
from tests.domain.builders import QIANHAI_SIGNATORY, T0, signing_open


def text_of(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def test_the_executed_copy_says_which_party_signed_in_counterpart() -> None:
    state = signing_open()
    counterpart = Sign(actor=officer(QIANHAI), version=1, signatory=QIANHAI_SIGNATORY, mode=SigningMode.IN_COUNTERPART)
    signatures.apply_sign(state, counterpart, T0)
    signatures.apply_sign(state, Sign(actor=officer(HKTE), version=1, signatory=HKTE_SIGNATORY), T0)
    assert state.stage is Stage.IN_FORCE
    text = text_of(render(request(DocumentKind.EXECUTED, state)))
    assert text.count("Signed in counterpart") == 1  # Qianhai's block; HKTE signed at the ceremony
    assert text.count("以副本方式簽署") == 1
    assert "in counterpart" in text and "副本簽署" in text  # the certificate's table of signatures
