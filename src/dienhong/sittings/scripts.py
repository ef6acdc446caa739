"""The chair's operational script (kịch bản điều hành): its source and its sections.

A script is generated from the sitting's programme (its *source*: times, titles, presenters,
document numbers, the next sitting) and the wording of one template per section kind (opening,
one per agenda item type, closing). The source's digest tells whether a script still matches
the programme: when it no longer does, the script is stale.
"""

from __future__ import annotations

from datetime import date, time
from functools import lru_cache
from typing import Any

from django.template import Context, Engine, Template

from dienhong.sittings import programme
from dienhong.sittings.defaults import SCRIPT_TEMPLATES
from dienhong.sittings.formats import PARTS_VI, clock_vi, vi_long_date, weekday_vi
from dienhong.sittings.models import (
    EventType,
    ScriptTemplate,
    Session,
    SessionKind,
    Sitting,
    SittingFormat,
)

_ENGINE = Engine(debug=False, autoescape=False, libraries={}, builtins=[])

EVENT_ASSEMBLY: dict[str, str] = {
    EventType.FORUM: "Diễn đàn",
    EventType.CONGRESS: "Đại hội",
    EventType.ANNIVERSARY: "Buổi lễ",
    EventType.MUSEUM_OPENING: "Buổi lễ",
    EventType.CONFERENCE: "Hội nghị",
}


@lru_cache(maxsize=64)
def _compile(body: str) -> Template:
    return _ENGINE.from_string(body)


def templates_map() -> dict[str, str]:
    """Default wording, overridden by the administrator's ``ScriptTemplate`` rows."""
    wording = dict(SCRIPT_TEMPLATES)
    wording.update(dict(ScriptTemplate.objects.values_list("kind", "body")))
    return wording


def render(body: str, context: dict[str, Any]) -> str:
    text = _compile(body).render(Context(context, autoescape=False))
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return "\n".join(line for line in lines if line)


# --- source ---------------------------------------------------------------------------------------


def _next_sitting_query(sitting: Sitting) -> Sitting | None:
    later = Sitting.objects.filter(session_id=sitting.session_id).exclude(pk=sitting.pk)
    candidates = later.filter(date__gt=sitting.date) | later.filter(
        date=sitting.date, start_time__gt=sitting.start_time
    )
    return (
        candidates.order_by("date", "start_time", "id")
        .only("id", "date", "part", "start_time")
        .first()
    )


def build_source(sitting: Sitting, *, session: Session | None = None) -> dict[str, Any]:
    """What a script is generated from: the sitting's programme, its session and what follows."""
    session = session or sitting.session
    loaded = _one_sitting(sitting)
    following = _next_sitting_query(sitting)
    points = loaded.connection_points.count() if loaded.format == SittingFormat.ONLINE else 0
    return {
        "session": programme.session_data(session),
        "sitting": programme.sitting_data(loaded),
        "next": None
        if following is None
        else {
            "date": following.date.isoformat(),
            "part": following.part,
            "start": following.start_time.strftime("%H:%M"),
        },
        "points": points,
    }


def _one_sitting(sitting: Sitting) -> Sitting:
    from django.db.models import Prefetch

    from dienhong.sittings.models import AgendaItem

    items = AgendaItem.objects.select_related("presenter").order_by("position", "id")
    loaded = (
        Sitting.objects.select_related("hall", "chair")
        .prefetch_related(Prefetch("items", queryset=items))
        .get(pk=sitting.pk)
    )
    programme.attach_documents(list(loaded.items.all()), agendaitem__sitting=loaded)
    return loaded


def source_digest(source: dict[str, Any]) -> str:
    return programme.digest(source)


# --- sections -------------------------------------------------------------------------------------


def _time(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def _sitting_context(source: dict[str, Any]) -> dict[str, Any]:
    session = source["session"]
    sitting = source["sitting"]
    day = date.fromisoformat(sitting["date"])
    kind = session["kind"]
    is_event = kind == SessionKind.EVENT
    if kind == SessionKind.MEETING:
        assembly, greeting = (
            "Ủy ban Thường vụ Quốc hội",
            ("các đồng chí Ủy viên Ủy ban Thường vụ Quốc hội"),
        )
    elif is_event:
        assembly = EVENT_ASSEMBLY.get(session.get("event_type") or "", "Hội nghị")
        greeting = "các vị đại biểu"
    else:
        assembly, greeting = "Quốc hội", "Quốc hội"
    following = source.get("next")
    next_text = ""
    if following and not is_event:
        next_day = date.fromisoformat(following["date"])
        next_text = (
            f"Phiên họp tiếp theo bắt đầu lúc {clock_vi(_time(following['start']))},"
            f" {PARTS_VI.get(following['part'], '')} {weekday_vi(next_day)},"
            f" {vi_long_date(next_day)}."
        )
    return {
        "session": session["title"],
        "kind": kind,
        "is_event": is_event,
        "assembly": assembly,
        "greeting": greeting,
        "weekday": weekday_vi(day),
        "date_long": vi_long_date(day),
        "part_label": PARTS_VI.get(sitting["part"], ""),
        "where": sitting["where"] or session.get("place") or "",
        "start": clock_vi(_time(sitting["start"])),
        "end": clock_vi(_time(sitting["end"])),
        "items": [item["title"] for item in sitting["items"]],
        "live": sitting["live"],
        "points_count": source.get("points") or 0,
        "next_sitting": next_text,
    }


VOTE_PREFIXES = (
    "biểu quyết thông qua ",
    "xem xét, quyết định thông qua ",
    "xem xét, thông qua ",
    "biểu quyết ",
    "thông qua ",
)


def vote_subject(title: str) -> str:
    """ "Biểu quyết thông qua Luật X" → "Luật X", so the script does not say it twice."""
    lowered = title.lower()
    for prefix in VOTE_PREFIXES:
        if lowered.startswith(prefix):
            return title[len(prefix) :]
    return title


def documents_text(item: dict[str, Any]) -> str:
    return "; ".join(
        f"{doc['number']}" if doc["number"] else doc["subject"][:80] for doc in item["documents"]
    )


def build_sections(source: dict[str, Any], wording: dict[str, str]) -> list[dict[str, Any]]:
    """The script's sections, in order: opening, one per agenda item, closing."""
    context = _sitting_context(source)
    sitting = source["sitting"]
    speaker = "Người dẫn chương trình" if context["is_event"] else "Chủ tọa"
    chair = sitting.get("chair") or ""
    opening_kind = "event_opening" if context["is_event"] else "opening"
    closing_kind = "event_closing" if context["is_event"] else "closing"
    sections = [
        {
            "key": "opening",
            "heading": "Khai mạc"
            if not context["is_event"]
            else "Tuyên bố lý do, giới thiệu đại biểu",
            "time": sitting["start"],
            "speaker": chair if chair and not context["is_event"] else speaker,
            "text": render(wording[opening_kind], context),
            "edited": False,
        }
    ]
    for index, item in enumerate(sitting["items"], start=1):
        item_context = {
            **context,
            "index": index,
            "title": item["title"],
            "position": item["position"],
            "name": item["presenter"],
            "presenter": " ".join(p for p in (item["position"], item["presenter"]) if p),
            "start": item["start"],
            "end": item["end"],
            "duration": item["duration"],
            "documents": documents_text(item),
            "vote_subject": vote_subject(item["title"]),
        }
        sections.append(
            {
                "key": item["key"],
                "heading": f"{index}. {item['title']}",
                "time": f"{item['start']}–{item['end']}",
                "speaker": speaker,
                "text": render(wording.get(item["kind"], wording["other"]), item_context),
                "edited": False,
            }
        )
    sections.append(
        {
            "key": "closing",
            "heading": "Bế mạc" if not context["is_event"] else "Kết thúc chương trình",
            "time": sitting["end"],
            "speaker": chair if chair and not context["is_event"] else speaker,
            "text": render(wording[closing_kind], context),
            "edited": False,
        }
    )
    return sections


def section_sources(source: dict[str, Any]) -> dict[str, Any]:
    """What each section depends on: an edited section survives regeneration while it holds."""
    sitting = source["sitting"]
    header = {k: v for k, v in sitting.items() if k != "items"}
    titles = [item["title"] for item in sitting["items"]]
    shared = {"session": source["session"], "header": header, "titles": titles}
    result: dict[str, Any] = {
        "opening": {**shared, "points": source.get("points")},
        "closing": {**shared, "next": source.get("next")},
    }
    for item in sitting["items"]:
        result[item["key"]] = item
    return result
