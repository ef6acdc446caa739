"""Verified reference data shipped with the package: provinces before and after 1/7/2025.

Source files (copied from the project's reference/ folder, with their sources in the header):
``core/data/provinces.csv`` (the 34) and ``core/data/provinces_2025_mapping.csv`` (63 → 34).
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction

from dienhong.org.models import Province, ProvinceKind

MERGER_DATE = date(2025, 7, 1)  # NQ 202/2025/QH15: new provincial authorities from 1/7/2025


def _rows(name: str) -> list[dict[str, str]]:
    path = Path(settings.DIENHONG_REFERENCE_DIR) / name
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def _split_kind(official: str) -> tuple[str, ProvinceKind]:
    for prefix, kind in (("Thành phố ", ProvinceKind.CITY), ("Tỉnh ", ProvinceKind.PROVINCE)):
        if official.startswith(prefix):
            return official[len(prefix) :], kind
    return official, ProvinceKind.PROVINCE


@transaction.atomic
def load_provinces() -> dict[str, int]:
    """Create the 63 pre-merger and 34 current provinces (idempotent).

    A province unchanged by the merger is one row in force throughout; a merged one ends on
    30/6/2025 and points at its successor, which starts on 1/7/2025.
    """
    current = {row["code"]: row for row in _rows("provinces.csv")}
    mapping = _rows("provinces_2025_mapping.csv")
    unchanged = {
        code for code, row in current.items() if row["merged_from"].split(";") == [row["name"]]
    }
    new: dict[str, Province] = {}
    for code, row in current.items():
        kind = ProvinceKind.CITY if row["type"].startswith("thành phố") else ProvinceKind.PROVINCE
        valid_from = None if code in unchanged else MERGER_DATE
        new[code], _ = Province.objects.update_or_create(
            code=code,
            valid_from=valid_from,
            defaults={"name": row["name"], "kind": kind, "seat": row["seat"]},
        )
    for row in mapping:
        if row["new_code"] in unchanged and row["old_code"] == row["new_code"]:
            continue
        name, old_kind = _split_kind(row["old_name"])
        Province.objects.update_or_create(
            code=row["old_code"],
            valid_from=None,
            defaults={
                "name": name,
                "kind": old_kind,
                "valid_to": MERGER_DATE,
                "successor": new[row["new_code"]],
            },
        )
    return {
        "before": Province.objects.in_force(date(2025, 6, 30)).count(),
        "after": Province.objects.in_force(MERGER_DATE).count(),
    }
