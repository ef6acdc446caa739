"""Template helpers of the work pages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import template
from django.utils import formats, timezone
from django.utils.translation import get_language

register = template.Library()


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value if isinstance(value, date) else None


@register.filter
def vndate(value: Any) -> str:
    """``ngày 24 tháng 11 năm 2026`` in Vietnamese, ``24 November 2026`` in English."""
    day = _day(value)
    if day is None:
        return ""
    if (get_language() or "vi").startswith("vi"):
        return f"ngày {day.day} tháng {day.month} năm {day.year}"
    return formats.date_format(day, "j F Y")


@register.filter
def dmy(value: Any) -> str:
    day = _day(value)
    return day.strftime("%d/%m/%Y") if day else ""


@register.filter
def hm_dmy(value: Any) -> str:
    if not isinstance(value, datetime):
        return dmy(value)
    moment = timezone.localtime(value) if timezone.is_aware(value) else value
    return moment.strftime("%H:%M %d/%m/%Y")


@register.filter
def pct(value: Any) -> str:
    try:
        return f"{float(value):.1f}"
    except (TypeError, ValueError):
        return "0"


@register.simple_tag(takes_context=True)
def query_with(context: Any, **changes: Any) -> str:
    """The current query string with ``changes`` applied (page links, drill-down)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.simple_tag(takes_context=True)
def unread_notifications(context: Any) -> int:
    from dienhong.work.selectors import unread_count

    request = context.get("request")
    return unread_count(getattr(request, "user", None)) if request is not None else 0


@register.inclusion_tag("work/_timeliness.html")
def timeliness(task: Any) -> dict[str, Any]:
    return {"task": task}
