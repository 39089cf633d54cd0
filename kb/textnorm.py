"""The two text foldings every comparison in the project uses."""

from __future__ import annotations

import unicodedata


def nfkc(text: str) -> str:
    """NFKC: full-width digits and punctuation (２０２５, （）) become their plain forms."""
    return unicodedata.normalize("NFKC", text)


def fold(text: str) -> str:
    """NFKC and lower case: the form search comparisons use."""
    return nfkc(text).lower()
