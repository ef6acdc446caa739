"""``dienhong calendar``: working-day arithmetic and the year's days off, for people and scripts.

dienhong calendar add-working-days 2026-02-10 10     -> 2026-03-03
dienhong calendar between 2026-02-10 2026-03-03      -> 10
dienhong calendar is-working-day 2026-01-10          -> yes (Saturday worked)
dienhong calendar holidays 2026 [--json]
dienhong calendar import notice-2027.csv --announced   (date,name_vi,kind,source rows)
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from dienhong.core import calendar


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Not an ISO date (YYYY-MM-DD): {value!r}") from error


class Command(BaseCommand):
    help = "Working-day calendar: add-working-days, between, is-working-day, holidays, import."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add-working-days", help="Date N working days after START.")
        add.add_argument("start")
        add.add_argument("days", type=int)
        between = sub.add_parser("between", help="Working days in (START, END].")
        between.add_argument("start")
        between.add_argument("end")
        check = sub.add_parser("is-working-day", help="yes/no; exit status 1 for a day off.")
        check.add_argument("day")
        year = sub.add_parser("holidays", help="The year's days off and Saturdays worked.")
        year.add_argument("year", type=int)
        year.add_argument("--json", action="store_true")
        load = sub.add_parser("import", help="Load a notice's rows (date,name_vi,kind,source).")
        load.add_argument("path")
        load.add_argument(
            "--announced",
            action="store_true",
            help="The file is the year's complete official list.",
        )
        load.add_argument("--source", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "add-working-days":
            self.stdout.write(
                calendar.add_working_days(_date(options["start"]), options["days"]).isoformat()
            )
        elif action == "between":
            self.stdout.write(
                str(calendar.working_days_between(_date(options["start"]), _date(options["end"])))
            )
        elif action == "is-working-day":
            working = calendar.is_working_day(_date(options["day"]))
            self.stdout.write("yes" if working else "no")
            if not working:
                raise CommandError("day off", returncode=1)
        elif action == "holidays":
            self._holidays(options["year"], as_json=options["json"])
        else:
            self._import(
                Path(options["path"]), announced=options["announced"], source=options["source"]
            )

    def _holidays(self, year: int, *, as_json: bool) -> None:
        info = calendar.year_calendar(year)
        if as_json:
            self.stdout.write(
                json.dumps(
                    {
                        "year": year,
                        "announced": info.announced,
                        "days": [
                            {
                                "date": e.date.isoformat(),
                                "weekday": e.date.strftime("%a"),
                                "kind": e.kind,
                                "name": e.name,
                                "source": e.source,
                                "provisional": e.provisional,
                            }
                            for e in info.entries
                        ],
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        status = (
            "official list announced"
            if info.announced
            else "no official list: provisional defaults"
        )
        self.stdout.write(f"{year} ({status})")
        self.stdout.write("Days off:")
        for entry in calendar.days_off(year):
            mark = " [provisional]" if entry.provisional else ""
            self.stdout.write(
                f"  {entry.date.isoformat()} {entry.date.strftime('%a')}  {entry.name}{mark}"
            )
        self.stdout.write("Saturdays worked:")
        worked = calendar.worked_saturdays(year)
        for entry in worked:
            mark = " [provisional]" if entry.provisional else ""
            self.stdout.write(
                f"  {entry.date.isoformat()} {entry.date.strftime('%a')}  {entry.name}{mark}"
            )
        if not worked:
            self.stdout.write("  (none)")

    @transaction.atomic
    def _import(self, path: Path, *, announced: bool, source: str) -> None:
        from dienhong.core import audit
        from dienhong.core.models import CalendarDay, CalendarDayKind, CalendarYear

        if not path.exists():
            raise CommandError(f"No such file: {path}")
        lines = [
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        ]
        years: set[int] = set()
        count = 0
        for number, row in enumerate(csv.DictReader(lines), start=2):
            kind = (row.get("kind") or "").strip()
            if kind not in CalendarDayKind.values:
                raise CommandError(f"line {number}: unknown kind {kind!r}")
            day = _date((row.get("date") or "").strip())
            years.add(day.year)
            CalendarDay.objects.update_or_create(
                date=day,
                defaults={
                    "name": row.get("name_vi") or row.get("name") or "",
                    "kind": kind,
                    "source": (row.get("source") or source)[:500],
                    "provisional": False,
                },
            )
            count += 1
        for year in years:
            entry, _created = CalendarYear.objects.get_or_create(year=year)
            if announced:
                entry.announced = True
                entry.source = source or entry.source
                entry.save()
        audit.record(
            None,
            "calendar.imported",
            None,
            changes={
                "file": path.name,
                "rows": count,
                "years": sorted(years),
                "announced": announced,
            },
        )
        calendar.clear_cache()
        self.stdout.write(f"{count} calendar rows loaded for {', '.join(map(str, sorted(years)))}.")
