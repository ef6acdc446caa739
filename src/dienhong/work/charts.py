"""Server-side SVG charts (no JavaScript, no CDN): the monthly trend of the dashboards."""

from __future__ import annotations

from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

SERIES = [
    ("on_time", "#1e6b2f"),
    ("late", "#b36b00"),
    ("overdue", "#a11d1d"),
    ("in_time", "#1f5fbf"),
]


def series_labels() -> dict[str, str]:
    return {
        "on_time": _("Completed on time"),
        "late": _("Completed late"),
        "overdue": _("Open, overdue"),
        "in_time": _("Open, within deadline"),
    }


def trend_svg(trend: list[dict[str, Any]], *, width: int = 720, height: int = 260) -> SafeString:
    """Stacked monthly bars: tasks falling due each month, by timeliness."""
    labels = series_labels()
    left, right, top, bottom = 40, 10, 12, 58
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(month[key] for key, _colour in SERIES) for month in trend] or [0]
    peak = max(max(totals), 1)
    step = _nice_step(peak)
    ceiling = step * -(-peak // step)
    slot = plot_w / max(len(trend), 1)
    bar = slot * 0.62
    title = _("Tasks falling due per month, by timeliness")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="trend-title" class="trend-chart" font-family="Liberation Sans, Arial, sans-serif" '  # noqa: E501
        f'font-size="11">',
        f'<title id="trend-title">{escape(title)}</title>',
    ]
    for tick in range(0, ceiling + 1, step):
        y = top + plot_h - plot_h * tick / ceiling
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e0e0e0"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#4a4a4a">{tick}</text>'
        )
    for index, month in enumerate(trend):
        x = left + index * slot + (slot - bar) / 2
        y = top + plot_h
        tooltip = [f"{month['month']:%m/%Y}"]
        for key, colour in SERIES:
            value = month[key]
            if not value:
                continue
            h = plot_h * value / ceiling
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{colour}">'
                f"<title>{escape(labels[key])}: {value}</title></rect>"
            )
            tooltip.append(f"{labels[key]}: {value}")
        total = sum(month[key] for key, _c in SERIES)
        if total:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle" fill="#1a1a1a">{total}</text>'  # noqa: E501
            )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{top + plot_h + 14}" text-anchor="middle" fill="#1a1a1a">'  # noqa: E501
            f"{month['month']:%m/%y}</text>"
        )
    legend_y = height - 18
    x = left
    for key, colour in SERIES:
        parts.append(f'<rect x="{x}" y="{legend_y - 9}" width="10" height="10" fill="{colour}"/>')
        parts.append(
            f'<text x="{x + 14}" y="{legend_y}" fill="#1a1a1a">{escape(labels[key])}</text>'
        )
        x += 26 + 6.2 * len(labels[key])
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _nice_step(peak: int) -> int:
    for step in (
        1,
        2,
        5,
        10,
        20,
        25,
        50,
        100,
        200,
        250,
        500,
        1000,
        2000,
        5000,
        10000,
        20000,
        50000,
    ):
        if peak / step <= 5:
            return step
    return max(1, peak // 5)
