from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from dienhong.core import audit
from dienhong.core.models import AppendOnlyError, AuditEvent


def verify() -> str:
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def test_the_demo_world_leaves_an_intact_chain(db):
    assert AuditEvent.objects.count() > 100
    assert "intact" in verify()


def test_each_event_chains_to_the_previous_one(world, org_admin):
    first = audit.record(org_admin, "test.one", world.root)
    second = audit.record(org_admin, "test.two", world.root, changes={"a": 1})
    assert second.prev_hash == first.hash
    assert second.seq == first.seq + 1
    assert second.object_type == "org.unit"


def test_events_cannot_be_changed_or_deleted_through_the_orm(world, org_admin):
    event = audit.record(org_admin, "test.one", world.root)
    event.action = "forged"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_verify_reports_an_edited_event(world, org_admin):
    event = audit.record(org_admin, "test.one", world.root, changes={"name": "A"})
    AuditEvent.objects.filter(pk=event.pk).update(changes={"name": "B"})
    with pytest.raises(CommandError, match="tampered"):
        verify()


def test_verify_reports_a_deleted_event_in_the_middle(world, org_admin):
    middle = audit.record(org_admin, "test.one", world.root)
    audit.record(org_admin, "test.two", world.root)
    AuditEvent.objects.filter(pk=middle.pk)._raw_delete(AuditEvent.objects.db)
    problems = list(audit.verify_chain())
    assert any("missing" in p.problem for p in problems)


def test_verify_reports_removed_newest_events(world, org_admin):
    last = audit.record(org_admin, "test.one", world.root)
    AuditEvent.objects.filter(pk=last.pk)._raw_delete(AuditEvent.objects.db)
    problems = list(audit.verify_chain())
    assert any("head" in p.problem for p in problems)
