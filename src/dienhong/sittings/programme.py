"""The programme as data: snapshots of the draft, their digest, and the difference of two.

A snapshot is plain JSON (what a ``ProgrammeVersion`` stores):

    {"session": {...}, "sittings": [{"key": "s12", "date": "2025-10-20", "part": "morning",
      "start": "08:00", "end": "11:30", ..., "items": [{"key": "i55", "kind": "report",
      "title": ..., "presenter": ..., "position": ..., "start": "08:00", "end": "08:40",
      "duration": 40, "documents": [{"number": ..., "subject": ...}]}]}]}

Keys are the draft rows' ids, stable across versions, so the diff can tell an item that moved
from one that was removed and another that was added.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from typing import Any

from django.db.models import Prefetch

from dienhong.sittings.models import AgendaItem, Session, Sitting, add_minutes

# --- snapshots ----------------------------------------------------------------------------------


def sittings_with_items(session: Session) -> list[Sitting]:
    """The draft programme in four queries, items in order, their documents attached."""
    items = AgendaItem.objects.select_related("presenter").order_by("position", "id")
    sittings = list(
        Sitting.objects.filter(session=session)
        .select_related("hall", "chair")
        .prefetch_related(Prefetch("items", queryset=items))
        .order_by("date", "start_time", "id")
    )
    attach_documents(
        [item for sitting in sittings for item in sitting.items.all()],
        agendaitem__sitting__session=session,
    )
    return sittings


def attach_documents(items: list[AgendaItem], **where: Any) -> None:
    """Each item's documents as ``item.attached_documents``, from one query on the link table
    (a plain many-to-many prefetch costs a queryset per item: too slow for 400 items)."""
    link = AgendaItem.documents.through
    by_item: dict[int, list[Any]] = {item.pk: [] for item in items}
    rows = (
        link.objects.filter(**where)
        .select_related("document")
        .only("agendaitem_id", "document__id", "document__number", "document__subject")
    )
    for row in rows:
        if row.agendaitem_id in by_item:
            by_item[row.agendaitem_id].append(row.document)
    for item in items:
        item.attached_documents = by_item[item.pk]  # type: ignore[attr-defined]


def item_data(item: AgendaItem, start: Any) -> dict[str, Any]:
    end = add_minutes(start, item.duration)
    return {
        "key": f"i{item.pk}",
        "id": item.pk,
        "kind": item.kind,
        "title": item.title,
        "presenter": item.presenter_label,
        "position": item.presenter_position,
        "start": start.strftime("%H:%M"),
        "end": end.strftime("%H:%M"),
        "duration": item.duration,
        "documents": [
            {"id": doc.pk, "number": doc.number, "subject": doc.subject[:300]}
            for doc in sorted(_documents_of(item), key=lambda d: (d.number, d.pk))
        ],
        "note": item.note,
    }


def _documents_of(item: AgendaItem) -> list[Any]:
    attached = getattr(item, "attached_documents", None)
    return list(attached) if attached is not None else list(item.documents.all())


def sitting_data(sitting: Sitting) -> dict[str, Any]:
    """One sitting with its items' computed times (each starts when the one before ends)."""
    clock = sitting.start_time
    items = []
    for item in sitting.items.all():
        data = item_data(item, clock)
        items.append(data)
        clock = add_minutes(clock, item.duration)
    return {
        "key": f"s{sitting.pk}",
        "id": sitting.pk,
        "date": sitting.date.isoformat(),
        "part": sitting.part,
        "start": sitting.start_time.strftime("%H:%M"),
        "end": sitting.end_time.strftime("%H:%M"),
        "format": sitting.format,
        "where": sitting.where,
        "title": sitting.title,
        "chair": sitting.chair_title,
        "chair_name": sitting.chair.full_name if sitting.chair_id and sitting.chair else "",
        "live": sitting.live_broadcast,
        "note": sitting.note,
        "items": items,
    }


def session_data(session: Session) -> dict[str, Any]:
    return {
        "id": session.pk,
        "kind": session.kind,
        "event_type": session.event_type,
        "title": session.title,
        "start": session.start.isoformat(),
        "end": session.end.isoformat(),
        "place": session.place,
    }


def build_snapshot(session: Session, sittings: list[Sitting] | None = None) -> dict[str, Any]:
    sittings = sittings if sittings is not None else sittings_with_items(session)
    return {
        "session": session_data(session),
        "sittings": [sitting_data(sitting) for sitting in sittings],
    }


def digest(data: Any) -> str:
    """A stable hash of programme content: equal digests mean nothing changed."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def snapshot_digest(snapshot: dict[str, Any]) -> str:
    return digest({"session": snapshot.get("session"), "sittings": snapshot.get("sittings")})


# --- the difference of two snapshots ------------------------------------------------------------

ADDED = "added"
REMOVED = "removed"
MOVED = "moved"
RETIMED = "retimed"
CHANGED = "changed"

ITEM_FIELDS = ("kind", "title", "presenter", "position", "documents", "note")
SITTING_FIELDS = ("format", "where", "title", "chair", "chair_name", "live")


@dataclass
class Located:
    """An item with where it sits in its programme."""

    item: dict[str, Any]
    sitting: dict[str, Any]
    index: int  # position within the sitting

    @property
    def when(self) -> tuple[str, str]:
        return (self.sitting["date"], self.item["start"])


@dataclass
class Change:
    kind: str  # added | removed | moved | retimed | changed
    subject: str  # item | sitting
    key: str
    before: Located | dict[str, Any] | None
    after: Located | dict[str, Any] | None
    fields: list[str] = field(default_factory=list)
    also: list[str] = field(default_factory=list)  # other kinds (a moved item also retimed...)

    @property
    def sort_key(self) -> tuple[str, str, int]:
        side = self.after if self.after is not None else self.before
        if isinstance(side, Located):
            return (side.sitting["date"], side.item["start"], 1)
        assert side is not None
        return (side["date"], side["start"], 0)

    @property
    def title(self) -> str:
        side = self.after if self.after is not None else self.before
        if isinstance(side, Located):
            return str(side.item["title"])
        return str((side or {}).get("title", ""))


@dataclass
class ProgrammeDiff:
    changes: list[Change]

    def count(self, kind: str) -> int:
        return sum(1 for change in self.changes if change.kind == kind or kind in change.also)

    @property
    def counts(self) -> dict[str, int]:
        return {kind: self.count(kind) for kind in (ADDED, REMOVED, MOVED, RETIMED, CHANGED)}

    @property
    def empty(self) -> bool:
        return not self.changes

    def of(self, kind: str) -> list[Change]:
        return [change for change in self.changes if change.kind == kind]

    def status_by_key(self) -> dict[str, str]:
        """Each changed key's main kind, to highlight the side-by-side view."""
        return {change.key: change.kind for change in self.changes}


def _locate(snapshot: dict[str, Any]) -> dict[str, Located]:
    located: dict[str, Located] = {}
    for sitting in snapshot.get("sittings", []):
        for index, item in enumerate(sitting.get("items", [])):
            located[item["key"]] = Located(item=item, sitting=sitting, index=index)
    return located


def _reordered(before: dict[str, Located], after: dict[str, Located]) -> set[str]:
    """Items that stayed in their sitting but changed place relative to the others."""
    groups: dict[str, list[str]] = {}
    for key, old in before.items():
        new = after.get(key)
        if new is not None and new.sitting["key"] == old.sitting["key"]:
            groups.setdefault(old.sitting["key"], []).append(key)
    moved: set[str] = set()
    for keys in groups.values():
        old_order = sorted(keys, key=lambda k: before[k].index)
        new_order = sorted(keys, key=lambda k: after[k].index)
        if old_order == new_order:
            continue
        matcher = SequenceMatcher(a=old_order, b=new_order, autojunk=False)
        stable = {
            old_order[block.a + offset]
            for block in matcher.get_matching_blocks()
            for offset in range(block.size)
        }
        moved |= set(keys) - stable
    return moved


def _sitting_changes(a: dict[str, Any], b: dict[str, Any]) -> list[Change]:
    before = {s["key"]: s for s in a.get("sittings", [])}
    after = {s["key"]: s for s in b.get("sittings", [])}
    changes: list[Change] = []
    for key, old in before.items():
        if key not in after:
            changes.append(Change(REMOVED, "sitting", key, old, None))
    for key, new in after.items():
        old = before.get(key)
        if old is None:
            changes.append(Change(ADDED, "sitting", key, None, new))
            continue
        kinds = []
        if (old["date"], old["part"]) != (new["date"], new["part"]):
            kinds.append(MOVED)
        if (old["start"], old["end"]) != (new["start"], new["end"]):
            kinds.append(RETIMED)
        fields = [name for name in SITTING_FIELDS if old.get(name) != new.get(name)]
        if fields:
            kinds.append(CHANGED)
        if kinds:
            changes.append(Change(kinds[0], "sitting", key, old, new, fields, kinds[1:]))
    return changes


def diff(a: dict[str, Any], b: dict[str, Any]) -> ProgrammeDiff:
    """What changed from programme ``a`` to programme ``b``: items and sittings added, removed,
    moved (to another sitting, or to another place in their sitting), retimed or changed."""
    before = _locate(a)
    after = _locate(b)
    reordered = _reordered(before, after)
    changes = _sitting_changes(a, b)
    for key, old in before.items():
        if key not in after:
            changes.append(Change(REMOVED, "item", key, old, None))
    for key, new in after.items():
        found = before.get(key)
        if found is None:
            changes.append(Change(ADDED, "item", key, None, new))
            continue
        old = found
        kinds: list[str] = []
        moved_sitting = old.sitting["key"] != new.sitting["key"] or (
            (old.sitting["date"], old.sitting["part"]) != (new.sitting["date"], new.sitting["part"])
        )
        if moved_sitting or key in reordered:
            kinds.append(MOVED)
        if (old.item["start"], old.item["end"]) != (new.item["start"], new.item["end"]) or (
            old.sitting["date"] != new.sitting["date"]
        ):
            kinds.append(RETIMED)
        fields = [name for name in ITEM_FIELDS if old.item.get(name) != new.item.get(name)]
        if fields:
            kinds.append(CHANGED)
        if kinds:
            changes.append(Change(kinds[0], "item", key, old, new, fields, kinds[1:]))
    changes.sort(key=lambda change: change.sort_key)
    return ProgrammeDiff(changes)


# --- side by side ---------------------------------------------------------------------------------


@dataclass
class DayRow:
    """One day of two programmes side by side, items tagged with how they changed."""

    day: date
    left: list[dict[str, Any]]
    right: list[dict[str, Any]]


def _tag(
    sittings: Iterable[dict[str, Any]], status: dict[str, str], side: str
) -> list[dict[str, Any]]:
    tagged = []
    for sitting in sittings:
        sitting_status = status.get(sitting["key"], "")
        if side == "left" and sitting_status == ADDED:
            sitting_status = ""
        if side == "right" and sitting_status == REMOVED:
            sitting_status = ""
        items = []
        for item in sitting.get("items", []):
            item_status = status.get(item["key"], "")
            if (side == "left" and item_status == ADDED) or (
                side == "right" and item_status == REMOVED
            ):
                item_status = ""
            items.append({**item, "status": item_status})
        tagged.append({**sitting, "status": sitting_status, "items": items})
    return tagged


def side_by_side(a: dict[str, Any], b: dict[str, Any], result: ProgrammeDiff) -> list[DayRow]:
    status = result.status_by_key()
    days: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {}
    for sitting in a.get("sittings", []):
        days.setdefault(sitting["date"], ([], []))[0].append(sitting)
    for sitting in b.get("sittings", []):
        days.setdefault(sitting["date"], ([], []))[1].append(sitting)
    return [
        DayRow(date.fromisoformat(day), _tag(left, status, "left"), _tag(right, status, "right"))
        for day, (left, right) in sorted(days.items())
    ]


def counts_text(result: ProgrammeDiff) -> dict[str, int]:
    return {kind: count for kind, count in result.counts.items() if count}
