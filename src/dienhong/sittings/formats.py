"""Dates and times as the Office writes them.

``long_date`` (UI): "ngày 24 tháng 11 năm 2026". ``official_date`` (Decree 30/2020, Phụ lục I):
days below 10 and the months January and February take a leading zero, "ngày 05 tháng 01 năm
2026". Official documents are always in Vietnamese, whatever the reader's interface language.
"""

from __future__ import annotations

from datetime import date, time

from django.utils import formats
from django.utils.translation import get_language

from dienhong.core.dates import long_date, official_date, vi_long_date

__all__ = ["long_date", "official_date", "vi_long_date"]

WEEKDAYS_VI = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]
PARTS_VI = {"morning": "sáng", "afternoon": "chiều", "evening": "tối"}


def weekday_vi(day: date) -> str:
    return WEEKDAYS_VI[day.weekday()]


def day_heading_vi(day: date) -> str:
    """ "Thứ Hai, ngày 20/10/2025": the day headings of a programme."""
    name = weekday_vi(day)
    return f"{name[0].upper()}{name[1:]}, ngày {day:%d/%m/%Y}"


def day_heading(day: date) -> str:
    if (get_language() or "vi").startswith("vi"):
        return day_heading_vi(day)
    return str(formats.date_format(day, "l, j F Y"))


def clock_vi(moment: time) -> str:
    """ "8 giờ 30" as spoken in a script."""
    return f"{moment.hour} giờ {moment.minute:02d}"


def hhmm(moment: time) -> str:
    return moment.strftime("%H:%M")
