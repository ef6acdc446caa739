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

# The heading of a Vietnamese administrative document (Decree 30/2020/NĐ-CP), tolerant of the
# marks that OCR and legacy fonts lose: the national name, the motto under it, and the date
# written in words ("Hà Nội, ngày 10 tháng 12 năm 2015") on the same level.
NATIONAL_NAME = re.compile(
    r"C[ỘO]NG\s+H[ÒOÓ]A\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM", re.I
)
MOTTO = re.compile(r"[ĐD][ộo]c\s+l[ậa]p\s*[-–]\s*T[ựu]\s+do\s*[-–]\s*H[ạa]nh\s+ph[úu]c", re.I)
# Tolerant of the marks OCR misreads on worn copies ("ngảy 12 thảng 7 năm 2018").
DATE_IN_WORDS = re.compile(
    r"ng[àaảáạãâ]y\s*(\d{1,2})\s*th[áaảàạãâ]ng\s*(\d{1,2})\s*n[ăaâắằ]m\s*(\d{4})", re.I
)


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
