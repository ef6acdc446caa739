"""Template filters of the sittings pages: Vietnamese dates, day headings, diff labels."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from dienhong.sittings import formats

register = template.Library()

CHANGE_LABELS = {
    "added": _("added"),
    "removed": _("removed"),
    "moved": _("moved"),
    "retimed": _("retimed"),
    "changed": _("changed"),
}
PART_LABELS = {"morning": _("Morning"), "afternoon": _("Afternoon"), "evening": _("Evening")}
FORMAT_LABELS = {
    "hall": _("In the hall"),
    "group": _("Group discussion"),
    "online": _("Online with the provinces"),
}


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


@register.filter
def vndate(value: Any) -> str:
    """ "ngày 24 tháng 11 năm 2026" (Vietnamese) or "24 November 2026"."""
    day = _day(value)
    return formats.long_date(day) if day else ""


@register.filter
def dayheading(value: Any) -> str:
    day = _day(value)
    return formats.day_heading(day) if day else ""


@register.filter
def dmy(value: Any) -> str:
    day = _day(value)
    return day.strftime("%d/%m/%Y") if day else ""


@register.filter
def change_label(value: str) -> str:
    return str(CHANGE_LABELS.get(value, value))


@register.filter
def part_label(value: str) -> str:
    return str(PART_LABELS.get(value, value))


@register.filter
def format_label(value: str) -> str:
    return str(FORMAT_LABELS.get(value, value))


@register.filter
def get(mapping: Any, key: Any) -> Any:
    try:
        return mapping.get(key)
    except AttributeError:
        return None
