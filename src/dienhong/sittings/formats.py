"""Dates and times as the Office writes them.

``long_date`` (UI): "ngày 24 tháng 11 năm 2026". ``official_date`` (Decree 30/2020, Phụ lục I):
days below 10 and the months January and February take a leading zero, "ngày 05 tháng 01 năm
2026". Official documents are always in Vietnamese, whatever the reader's interface language.
"""

from __future__ import annotations

from datetime import date, time

from django.utils import formats
from django.utils.translation import get_language

WEEKDAYS_VI = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]
PARTS_VI = {"morning": "sáng", "afternoon": "chiều", "evening": "tối"}


def vi_long_date(day: date) -> str:
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def official_date(day: date) -> str:
    """Decree 30 date line: leading zero for days < 10 and for months 1 and 2."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def weekday_vi(day: date) -> str:
    return WEEKDAYS_VI[day.weekday()]


def day_heading_vi(day: date) -> str:
    """ "Thứ Hai, ngày 20/10/2025": the day headings of a programme."""
    name = weekday_vi(day)
    return f"{name[0].upper()}{name[1:]}, ngày {day:%d/%m/%Y}"


def long_date(day: date) -> str:
    """In the interface language: Vietnamese words, or "24 November 2026"."""
    if (get_language() or "vi").startswith("vi"):
        return vi_long_date(day)
    return str(formats.date_format(day, "j F Y"))


def day_heading(day: date) -> str:
    if (get_language() or "vi").startswith("vi"):
        return day_heading_vi(day)
    return str(formats.date_format(day, "l, j F Y"))


def clock_vi(moment: time) -> str:
    """ "8 giờ 30" as spoken in a script."""
    return f"{moment.hour} giờ {moment.minute:02d}"


def hhmm(moment: time) -> str:
    return moment.strftime("%H:%M")
