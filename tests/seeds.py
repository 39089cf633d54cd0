"""Helpers shared by the tests that read the bundled seeds."""

from __future__ import annotations

from pathlib import Path

from indexer.normalize import clean_layout
from indexer.segment import segment


def segments_by_label(path: Path) -> dict[str, str]:
    """label -> text of the first segment with that label in a document."""
    found: dict[str, str] = {}
    for seg in segment(clean_layout(path.read_text(encoding="utf-8"))):
        found.setdefault(seg.label, seg.text)
    return found
