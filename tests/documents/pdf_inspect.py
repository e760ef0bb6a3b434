"""Looking inside a PDF: its fonts and its XMP metadata."""

import io
from collections.abc import Iterator
from typing import Any
from xml.etree import ElementTree

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"


def fonts(pdf: bytes) -> dict[str, DictionaryObject]:
    """Every font the pages use, by name, including those inside form XObjects (the inline SVG)."""
    found: dict[str, DictionaryObject] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in _fonts_in(page.get("/Resources")):
            found[str(font["/BaseFont"])] = font
    return found


def _fonts_in(resources: Any) -> Iterator[DictionaryObject]:
    resources = resources.get_object() if resources is not None else {}
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object()
    for xobject in (resources.get("/XObject") or {}).values():
        yield from _fonts_in(xobject.get_object().get("/Resources"))


def font_file(font: DictionaryObject) -> Any:
    """The embedded font program: Type0 fonts keep it in their descendant's descriptor."""
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font["/FontDescriptor"].get_object()
    return next((descriptor[key] for key in ("/FontFile", "/FontFile2", "/FontFile3") if key in descriptor), None)


def pdfa_identification(pdf: bytes) -> tuple[str | None, str | None]:
    """(part, conformance) from the XMP packet, written as attributes or as elements."""
    catalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    if "/Metadata" not in catalog:
        return None, None
    xmp = ElementTree.fromstring(catalog["/Metadata"].get_object().get_data())
    for element in xmp.iter():
        part = element.get(f"{PDFAID}part") or _text(element, "part")
        if part:
            return part, element.get(f"{PDFAID}conformance") or _text(element, "conformance")
    return None, None


def _text(element: ElementTree.Element, name: str) -> str | None:
    child = element.find(f"{PDFAID}{name}")
    return child.text if child is not None else None


def has_images(pdf: bytes) -> bool:
    return b"/Subtype /Image" in pdf or b"/Subtype/Image" in pdf


def output_intents(pdf: bytes) -> list[str]:
    catalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    return [str(intent.get_object()["/S"]) for intent in catalog.get("/OutputIntents", [])]
