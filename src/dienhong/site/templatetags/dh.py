"""Template helpers shared by every page: Vietnamese dates, search highlighting, form fields."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from django import template
from django.urls import get_script_prefix, reverse
from django.utils import formats, timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from dienhong.core.text import fold

register = template.Library()


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, date):
        return value
    return None


@register.filter
def longdate(value: Any) -> str:
    """``ngày 24 tháng 11 năm 2026`` in Vietnamese, ``24 November 2026`` in English."""
    day = _as_date(value)
    if day is None:
        return ""
    if (get_language() or "vi").startswith("vi"):
        return f"ngày {day.day} tháng {day.month} năm {day.year}"
    return formats.date_format(day, "j F Y")


@register.filter
def shortdate(value: Any) -> str:
    """``24/11/2026``: the day-first numeric form used in Vietnamese administration."""
    day = _as_date(value)
    return day.strftime("%d/%m/%Y") if day else ""


@register.filter
def shortdatetime(value: Any) -> str:
    if not isinstance(value, datetime):
        return shortdate(value)
    moment = timezone.localtime(value) if timezone.is_aware(value) else value
    return moment.strftime("%H:%M:%S %d/%m/%Y")


@register.filter
def highlight(text: Any, query: str) -> SafeString:
    """Mark the words of ``query`` in ``text``, ignoring case and diacritics."""
    text = str(text)
    words = [word for word in fold(query or "").split() if word]
    folded_chars = [fold(char) or char for char in text]
    if not words or any(len(char) != 1 for char in folded_chars):
        return conditional_escape(text)
    folded = "".join(folded_chars)
    marked = [False] * len(text)
    for word in words:
        start = folded.find(word)
        while start != -1:
            for index in range(start, start + len(word)):
                marked[index] = True
            start = folded.find(word, start + len(word))
    pieces: list[str] = []
    index = 0
    while index < len(text):
        end = index
        while end < len(text) and marked[end] == marked[index]:
            end += 1
        chunk = conditional_escape(text[index:end])
        pieces.append(f"<mark>{chunk}</mark>" if marked[index] else str(chunk))
        index = end
    return mark_safe("".join(pieces))


@register.inclusion_tag("includes/field.html")
def field(bound_field: Any, **attrs: Any) -> dict[str, Any]:
    """One labelled form field with its help text and errors (see includes/field.html)."""
    return {"field": bound_field, "attrs": attrs}


@register.filter
def lastday(value: Any) -> date | None:
    """The last day of a period whose end is stored exclusive (``valid_to``)."""
    day = _as_date(value)
    return day - timedelta(days=1) if day else None


_SENTINEL = 987654321


@lru_cache(maxsize=256)
def _url_pattern(name: str, prefix: str) -> str:
    return reverse(name, args=[_SENTINEL])


@register.simple_tag
def idurl(name: str, pk: Any) -> str:
    """``{% url name pk %}`` for long lists: the route is resolved once, then only formatted."""
    return _url_pattern(name, get_script_prefix()).replace(str(_SENTINEL), str(int(pk)), 1)
