"""The chair's script: generated from templates, edited as versions, stale when the programme
changes, and regenerated with what changed."""

from __future__ import annotations

from datetime import time

import pytest

from dienhong.core.errors import Conflict, PermissionDenied, ValidationFailed
from dienhong.sittings import scripts, services
from dienhong.sittings.models import ItemKind, Script, ScriptTemplate


def _sections(result):
    return {section["key"]: section for section in result.version.sections}


def test_a_script_is_filled_with_names_positions_times_and_documents(event, leader, world):
    from dienhong.documents import services as documents

    sitting = event.sittings.order_by("date", "start_time").first()
    item = sitting.items.order_by("position").first()
    document = documents.create_document(
        actor=world.users["vanthu"],
        owner_unit=world.units["VPQH-HC"],
        subject="Tờ trình dự án Luật",
        number="712/TTr-CP",
    )
    services.update_item(
        actor=leader,
        item=item,
        data={
            "documents": [document],
            "presenter_name": "Nguyễn Văn An",
        },
    )
    result = services.generate_script(actor=leader, sitting=sitting)
    assert result.created and result.version.number == 1
    sections = _sections(result)
    assert next(iter(sections)) == "opening" and list(sections)[-1] == "closing"
    report = sections[f"i{item.pk}"]
    assert report["time"] == "08:00–08:30"
    assert "Xin trân trọng kính mời Bộ trưởng Bộ Tư pháp Nguyễn Văn An trình bày." in report["text"]
    assert "(tài liệu: 712/TTr-CP)" in report["text"]
    assert "(Thời gian dự kiến: 08:00–08:30, 30 phút.)" in report["text"]
    opening = sections["opening"]["text"]
    assert "thứ Hai, ngày 8 tháng 3 năm 2027" in opening
    assert "gồm 3 phần" in opening  # an event's opening lists its parts
    assert "Phòng thử nghiệm" in opening
    assert sections["opening"]["speaker"] == "Người dẫn chương trình"


def test_a_session_script_opens_and_closes_with_the_chair(leader, world, hall):
    from .conftest import build_session

    session = build_session(leader, world, hall, kind="session", title="")
    morning = session.sittings.order_by("date", "start_time").first()
    result = services.generate_script(actor=leader, sitting=morning)
    sections = _sections(result)
    assert sections["opening"]["speaker"] == "Chủ tịch Quốc hội"
    assert "Quốc hội tiếp tục Kỳ họp thứ 99, Quốc hội khóa XVI" in sections["opening"]["text"]
    assert "Phiên họp tiếp theo bắt đầu lúc 14 giờ 00, chiều thứ Hai" in sections["closing"]["text"]
    discussion = next(s for s in result.version.sections if "thảo luận" in s["text"])
    assert "không quá 7 phút" in discussion["text"]


def test_vote_and_qa_wording(event, leader):
    sitting = event.sittings.order_by("date", "start_time").first()
    services.update_sitting(actor=leader, sitting=sitting, data={"end_time": time(12, 30)})
    vote = services.add_item(
        actor=leader,
        sitting=sitting,
        kind=ItemKind.VOTE,
        duration=10,
        title="Biểu quyết thông qua Luật Dân số",
    )
    qa = services.add_item(
        actor=leader,
        sitting=sitting,
        kind=ItemKind.QA,
        duration=30,
        title="Chất vấn về giáo dục",
        presenter_position="Bộ trưởng Bộ GD&ĐT",
    )
    sections = _sections(services.generate_script(actor=leader, sitting=sitting))
    assert "chuẩn bị biểu quyết thông qua Luật Dân số" in sections[f"i{vote.pk}"]["text"]
    assert "đã thông qua Luật Dân số." in sections[f"i{vote.pk}"]["text"]
    assert "Người trả lời chất vấn: Bộ trưởng Bộ GD&ĐT" in sections[f"i{qa.pk}"]["text"]


def test_a_programme_change_marks_the_script_stale_and_regenerating_shows_what_changed(
    event, leader
):
    morning, afternoon = list(event.sittings.order_by("date", "start_time"))[:2]
    services.generate_script(actor=leader, sitting=morning)
    services.generate_script(actor=leader, sitting=afternoon)
    script = Script.objects.get(sitting=morning)
    assert not script.stale
    # a hand edit of the opening
    version = script.versions.get(number=1)
    services.edit_script(
        actor=leader,
        script=script,
        based_on=1,
        texts={"opening": version.sections[0]["text"] + "\nLời chào riêng."},
    )
    # the programme changes: the second item of the morning is retimed
    second = morning.items.order_by("position")[1]
    services.update_item(actor=leader, item=second, data={"duration": 60})
    script.refresh_from_db()
    assert script.stale and script.stale_since is not None
    assert not Script.objects.get(sitting=afternoon).stale  # other sittings are unaffected
    result = services.generate_script(actor=leader, sitting=morning)
    assert result.created and result.version.number == 3
    assert result.changes is not None
    changed = {c.key: c.kind for c in result.changes.changes}
    assert changed[f"i{second.pk}"] == "retimed"
    assert "opening" not in result.replaced_edits
    assert (
        result.kept_edits == ["Khai mạc"]
        or "Lời chào riêng." in _sections(result)["opening"]["text"]
    )
    script.refresh_from_db()
    assert not script.stale
    # regenerating again changes nothing
    again = services.generate_script(actor=leader, sitting=morning)
    assert not again.created and again.version.number == 3


def test_an_edit_is_replaced_when_its_part_of_the_programme_changed(event, leader):
    morning = event.sittings.order_by("date", "start_time").first()
    first = morning.items.order_by("position").first()
    services.generate_script(actor=leader, sitting=morning)
    script = Script.objects.get(sitting=morning)
    services.edit_script(
        actor=leader, script=script, based_on=1, texts={f"i{first.pk}": "Lời dẫn viết tay."}
    )
    services.update_item(actor=leader, item=first, data={"title": "Nội dung đã đổi"})
    result = services.generate_script(actor=leader, sitting=morning)
    assert result.replaced_edits == ["1. Nội dung đã đổi"]
    assert "Lời dẫn viết tay." not in _sections(result)[f"i{first.pk}"]["text"]


def test_the_next_sittings_change_makes_the_previous_script_stale(event, leader):
    morning, afternoon = list(event.sittings.order_by("date", "start_time"))[:2]
    services.generate_script(actor=leader, sitting=morning)
    services.update_sitting(actor=leader, sitting=afternoon, data={"start_time": time(14, 30)})
    assert Script.objects.get(sitting=morning).stale


def test_editing_a_script_keeps_versions_and_refuses_lost_edits(event, leader, world):
    morning = event.sittings.order_by("date", "start_time").first()
    services.generate_script(actor=leader, sitting=morning)
    script = Script.objects.get(sitting=morning)
    services.edit_script(
        actor=leader, script=script, based_on=1, texts={"closing": "Bế mạc."}, note="Rút gọn"
    )
    assert script.versions.count() == 2
    with pytest.raises(Conflict):
        services.edit_script(actor=leader, script=script, based_on=1, texts={"closing": "Khác"})
    with pytest.raises(ValidationFailed) as caught:
        services.edit_script(actor=leader, script=script, based_on=2, texts={"closing": "Bế mạc."})
    assert caught.value.code == "no_change"
    with pytest.raises(ValidationFailed):
        services.edit_script(actor=leader, script=script, based_on=2, texts={"closing": "  "})
    with pytest.raises(PermissionDenied):
        services.edit_script(
            actor=world.users["chuyenvien.tonghop"],
            script=script,
            based_on=2,
            texts={"closing": "X"},
        )
    assert [v.origin for v in script.versions.order_by("number")] == ["generated", "edited"]


def test_administrators_wording_overrides_the_default(event, leader):
    ScriptTemplate.objects.create(
        kind="event_closing", body="Xin cảm ơn. Hẹn gặp lại lúc {{ end }}."
    )
    morning = event.sittings.order_by("date", "start_time").first()
    sections = _sections(services.generate_script(actor=leader, sitting=morning))
    assert sections["closing"]["text"] == "Xin cảm ơn. Hẹn gặp lại lúc 11 giờ 30."


def test_generate_all_scripts(event, leader):
    results = services.generate_all_scripts(actor=leader, session=event)
    assert len(results) == 4 and all(r.created for r in results)
    again = services.generate_all_scripts(actor=leader, session=event)
    assert not any(r.created for r in again)


def test_vote_subject_strips_the_verb():
    assert scripts.vote_subject("Biểu quyết thông qua Luật X") == "Luật X"
    assert scripts.vote_subject("Nghị quyết Y") == "Nghị quyết Y"
