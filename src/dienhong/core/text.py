"""Vietnamese text normalization shared by search, directory and matching.

Three levels, each built on the one before:
- ``nfc``: Unicode NFC (Vietnamese arrives in NFC, NFD and legacy mixes);
- ``fold_case``: NFC + case-folding;
- ``fold``: case-folded with every diacritic removed, ``đ``→``d`` explicitly (Unicode has no
  decomposition for đ, so stripping combining marks alone leaves it).
"""

from __future__ import annotations

import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC with runs of whitespace collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold_case(text: str) -> str:
    return nfc(text).casefold()


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese tone and vowel marks, keeping base letters (đ→d)."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped)


def fold(text: str) -> str:
    """Case- and diacritic-insensitive form: ``"Nguyễn Đức"`` → ``"nguyen duc"``."""
    return strip_diacritics(fold_case(text))


def has_diacritics(text: str) -> bool:
    return fold_case(text) != fold(text)


def words(text: str) -> list[str]:
    """Split into word tokens (Vietnamese syllables), NFC and case-folded."""
    return _WORD.findall(fold_case(text))
