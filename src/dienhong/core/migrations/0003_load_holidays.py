"""Load the announced days off and Saturdays worked (src/dienhong/core/data/holidays.csv)."""

import csv
from datetime import date
from pathlib import Path

from django.db import migrations

ANNOUNCED = {
    2025: "Thông báo 6150/TB-BLĐTBXH 03/12/2024",
    2026: "Thông báo 9441/TB-BNV 16/10/2025; Công văn 12729/VPCP-KGVX 25/12/2025; "
    "Công văn 3383/BNV-CVL 10/4/2026",
}


def load(apps, schema_editor):
    CalendarDay = apps.get_model("core", "CalendarDay")
    CalendarYear = apps.get_model("core", "CalendarYear")
    path = Path(__file__).resolve().parent.parent / "data" / "holidays.csv"
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    years = set()
    for row in csv.DictReader(lines):
        day = date.fromisoformat(row["date"])
        years.add(day.year)
        CalendarDay.objects.update_or_create(
            date=day,
            defaults={"name": row["name_vi"], "kind": row["kind"], "source": row["source"][:500],
                      "provisional": "UNVERIFIED" in row["source"] or "computed" in row["source"]},
        )
    for year in sorted(years):
        CalendarYear.objects.update_or_create(
            year=year,
            defaults={
                "announced": year in ANNOUNCED,
                "source": ANNOUNCED.get(year, "BLLĐ 2019 Đ112(1): statutory days only"),
                "note": "" if year in ANNOUNCED else "Tết and the second Quốc khánh day not yet announced.",
            },
        )


def unload(apps, schema_editor):
    apps.get_model("core", "CalendarDay").objects.all().delete()
    apps.get_model("core", "CalendarYear").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0002_calendar")]
    operations = [migrations.RunPython(load, unload)]
