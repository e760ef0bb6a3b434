"""A file a PDF carries inside it: plain data, so a plan can hold it before anything is rendered."""

from dataclasses import dataclass


@dataclass(frozen=True)
class EmbeddedFile:
    name: str  # WeasyPrint 70 takes the media type (/Subtype) from the name's extension: .json, application/json
    data: bytes
    relationship: str  # PDF/A-3's /AFRelationship: Source, Data, Alternative, Supplement or Unspecified
    description: str  # /Desc, which readers show beside the file
