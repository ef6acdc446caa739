"""The Office's working-day calendar (Monday–Friday week, Vietnamese days off and swaps).

Periods in Vietnamese law count from the day after the starting event: ``add_working_days(
date(2026, 2, 10), 10)`` is 3 March 2026 because the Tết days 16–20/2 are skipped.

Sources of truth, per year:
- a year whose government notice is loaded (``CalendarYear.announced``) uses its
  ``CalendarDay`` rows only (holidays, bridge days, Saturdays worked);
- any other year uses its rows plus defaults computed by the ``holidays`` package's ``VN``
  calendar (lunar dates, weekend make-up), flagged ``provisional``; a row on the same date
  wins over a default.

Each year is computed once per process and cached; saving a calendar row clears the cache.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta

_CACHE_SECONDS = 300.0
_lock = threading.Lock()
_cache: dict[int, tuple[float, YearCalendar]] = {}

HOLIDAY = "holiday"
BRIDGE = "bridge"
MAKEUP_WORKDAY = "makeup_workday"


@dataclass(frozen=True)
class CalendarEntry:
    """A weekday off or a Saturday worked, as shown to people and scripts."""

    date: date
    name: str
    kind: str
    source: str
    provisional: bool

    @property
    def is_day_off(self) -> bool:
        return self.kind != MAKEUP_WORKDAY


@dataclass(frozen=True)
class YearCalendar:
    year: int
    announced: bool
    entries: tuple[CalendarEntry, ...]
    off: frozenset[date]
    worked: frozenset[date]


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def _defaults(year: int) -> list[CalendarEntry]:
    """Provisional defaults computed from the lunar calendar (python-holidays ``VN``)."""
    import holidays

    calendar = holidays.country_holidays("VN", years=[year], language="vi")
    entries = []
    for day, name in sorted(calendar.items()):
        lowered = name.lower()
        kind = BRIDGE if any(word in lowered for word in ("bù", "hoán đổi", "thay")) else HOLIDAY
        entries.append(CalendarEntry(day, name, kind, "python-holidays VN (computed)", True))
    for day in sorted(getattr(calendar, "weekend_workdays", set())):
        if day.year == year:
            entries.append(
                CalendarEntry(
                    day, "Làm bù (thứ Bảy)", MAKEUP_WORKDAY, "python-holidays VN (computed)", True
                )
            )
    return entries


def _load(year: int) -> YearCalendar:
    from dienhong.core.models import CalendarDay, CalendarYear

    announced = CalendarYear.objects.filter(year=year, announced=True).exists()
    stored = {
        row.date: CalendarEntry(row.date, row.name, row.kind, row.source, row.provisional)
        for row in CalendarDay.objects.filter(date__year=year)
    }
    entries: dict[date, CalendarEntry] = {}
    if not announced:
        entries.update({entry.date: entry for entry in _defaults(year)})
    entries.update(stored)
    ordered = tuple(sorted(entries.values(), key=lambda entry: entry.date))
    return YearCalendar(
        year=year,
        announced=announced,
        entries=ordered,
        off=frozenset(e.date for e in ordered if e.is_day_off),
        worked=frozenset(e.date for e in ordered if not e.is_day_off),
    )


def year_calendar(year: int) -> YearCalendar:
    now = time.monotonic()
    hit = _cache.get(year)
    if hit is not None and now - hit[0] < _CACHE_SECONDS:
        return hit[1]
    loaded = _load(year)
    with _lock:
        _cache[year] = (now, loaded)
    return loaded


def is_working_day(day: date) -> bool:
    """Monday–Friday except days off, plus Saturdays worked in exchange (làm bù)."""
    calendar = year_calendar(day.year)
    if day in calendar.worked:
        return True
    return day.weekday() < 5 and day not in calendar.off


def add_working_days(start: date, days: int) -> date:
    """The ``days``-th working day after ``start`` (the start day itself is not counted).

    ``days = 0`` returns ``start`` unchanged; a negative count goes backwards.
    """
    step = 1 if days >= 0 else -1
    remaining = abs(days)
    current = start
    while remaining:
        current += timedelta(days=step)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days in ``(start, end]``: ``working_days_between(a, add_working_days(a, n)) == n``.

    Negative when ``end`` is before ``start``.
    """
    if end < start:
        return -working_days_between(end, start)
    count = 0
    year = start.year
    first = start + timedelta(days=1)
    while year <= end.year:
        calendar = year_calendar(year)
        lo = max(first, date(year, 1, 1))
        hi = min(end, date(year, 12, 31))
        if lo <= hi:
            count += _weekdays_in(lo, hi)
            count -= sum(1 for d in calendar.off if lo <= d <= hi and d.weekday() < 5)
            count += sum(1 for d in calendar.worked if lo <= d <= hi and d.weekday() >= 5)
        year += 1
    return count


def _weekdays_in(lo: date, hi: date) -> int:
    """Monday–Friday dates in ``[lo, hi]`` without walking every day."""
    total = (hi - lo).days + 1
    weeks, extra = divmod(total, 7)
    count = weeks * 5
    for offset in range(extra):
        if (lo.weekday() + offset) % 7 < 5:
            count += 1
    return count


def next_working_day(day: date) -> date:
    """``day`` itself when it is a working day, else the first working day after it.

    A deadline that falls on a day off moves to the next working day.
    """
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def days_off(year: int) -> list[CalendarEntry]:
    """The year's days off (holidays and bridge days), provisional ones flagged."""
    return [entry for entry in year_calendar(year).entries if entry.is_day_off]


def worked_saturdays(year: int) -> list[CalendarEntry]:
    return [entry for entry in year_calendar(year).entries if not entry.is_day_off]
