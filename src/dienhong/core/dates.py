"""Dates as the Office writes them, shared by every module.

``long_date`` (UI): "ngày 24 tháng 11 năm 2026" in Vietnamese, "24 November 2026" in English.
``official_date`` (Decree 30/2020, Phụ lục I): days below 10 and the months January and
February take a leading zero, "ngày 05 tháng 01 năm 2026"; official documents are always in
Vietnamese, whatever the reader's interface language.
"""

from __future__ import annotations

from datetime import date

from django.utils import formats
from django.utils.translation import get_language


def vi_long_date(day: date) -> str:
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def official_date(day: date) -> str:
    """Decree 30 date line: leading zero for days < 10 and for months 1 and 2."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def long_date(day: date) -> str:
    """In the interface language: Vietnamese words, or "24 November 2026"."""
    if (get_language() or "vi").startswith("vi"):
        return vi_long_date(day)
    return str(formats.date_format(day, "j F Y"))
