"""The audit log page: for auditors only; filters by person, object, action and time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dienhong.core import audit
from dienhong.core.models import AuditEvent
from dienhong.core.selectors import audit_events
from dienhong.org import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def auditor_client(client_for, auditor):
    return client_for(auditor)


@pytest.fixture
def renamed(org_admin, world):
    unit = world.units["VPQH-CDS"]
    services.rename_unit(
        actor=org_admin,
        unit=unit,
        name="Vụ Chuyển đổi số và Dữ liệu",
        effective_on=timezone.localdate(),
        legal_basis="Nghị quyết 1/2026",
    )
    return unit


def test_it_is_forbidden_to_everyone_but_auditors(client_for, world):
    for username in ["quantri", "tongthuky", "vanthu", "chuyenvien.tonghop"]:
        response = client_for(world.users[username]).get(reverse("site:audit"))
        assert response.status_code == 403, username
        assert "Không có quyền truy cập" in response.content.decode()


def test_the_selector_returns_nothing_to_others(org_admin, auditor):
    assert not audit_events(org_admin).exists()
    assert audit_events(auditor).exists()


def test_it_lists_the_newest_events_first(auditor_client):
    response = auditor_client.get(reverse("site:audit"))
    seqs = [e.seq for e in response.context["events"]]
    assert seqs == sorted(seqs, reverse=True)
    assert seqs[0] == AuditEvent.objects.order_by("-seq").first().seq
    assert len(seqs) == 50


def test_it_shows_changes_before_and_after(auditor_client, renamed):
    html = auditor_client.get(reverse("site:audit"), {"action": "unit.renamed"}).content.decode()
    before = '<span class="before">Vụ Chuyển đổi số</span>'
    after = '<span class="after">Vụ Chuyển đổi số và Dữ liệu</span>'
    assert f"{before} → {after}" in html


def test_it_filters_by_person(auditor_client, org_admin, clerk):
    audit.record(clerk, "test.by_clerk", None)
    events = auditor_client.get(reverse("site:audit"), {"actor": clerk.pk}).context["events"]
    assert events[0].action == "test.by_clerk"
    assert {e.actor_id for e in events} == {clerk.pk}
    assert AuditEvent.objects.exclude(actor=clerk).exists()


def test_it_filters_by_object(auditor_client, renamed):
    events = auditor_client.get(
        reverse("site:audit"), {"object_type": "org.unit", "object_id": str(renamed.pk)}
    ).context["events"]
    assert {e.action for e in events} == {"unit.created", "unit.renamed"}


def test_it_filters_by_time(auditor_client, clerk):
    old = AuditEvent.objects.count()
    audit.record(clerk, "test.today", None)
    today = timezone.localdate()
    response = auditor_client.get(
        reverse("site:audit"), {"since": today.isoformat(), "until": today.isoformat()}
    )
    assert response.context["events"][0].action == "test.today"
    tomorrow = (today + timedelta(days=1)).isoformat()
    assert not auditor_client.get(reverse("site:audit"), {"since": tomorrow}).context["events"]
    assert old > 0


def test_a_reversed_period_is_a_form_error(auditor_client):
    response = auditor_client.get(
        reverse("site:audit"), {"since": "2026-05-01", "until": "2026-04-01"}
    )
    assert response.context["form"].errors["until"]


def test_it_pages_with_a_keyset(auditor_client):
    first = auditor_client.get(reverse("site:audit"))
    older = first.context["older"]
    assert older == first.context["events"][-1].seq
    second = auditor_client.get(reverse("site:audit"), {"before": older})
    assert second.context["events"][0].seq == older - 1
    assert "Mới nhất" in second.content.decode()


def test_the_keyset_keeps_the_filters(auditor_client):
    response = auditor_client.get(reverse("site:audit"), {"action": "person.created"})
    html = response.content.decode()
    assert f"?action=person.created&amp;before={response.context['older']}" in html


def test_the_audit_page_runs_a_fixed_number_of_queries(auditor_client, django_assert_num_queries):
    auditor_client.get(reverse("site:audit"))
    # session, user, audit.view scope, actors, actions, types, events, navigation
    with django_assert_num_queries(8):
        auditor_client.get(reverse("site:audit"))
    with django_assert_num_queries(8):
        auditor_client.get(reverse("site:audit"), {"action": "unit.merged"})


def test_the_selector_filters_by_action_prefix_and_moments(auditor, org_admin):
    from datetime import datetime

    units = audit_events(auditor, action="unit.")
    assert units.exists() and all(e.action.startswith("unit.") for e in units)
    first = AuditEvent.objects.order_by("seq").first()
    moment = first.at.replace(tzinfo=None)
    assert audit_events(auditor, until=first.at).filter(seq=first.seq).count() == 0
    assert audit_events(
        auditor, since=datetime.combine(moment.date(), datetime.min.time())
    ).exists()


def test_nobody_reads_the_log_before_accounts_installs_the_check(auditor):
    from dienhong.accounts.permissions import has_perm
    from dienhong.core import selectors

    selectors.set_permission_check(selectors._deny)
    try:
        assert not audit_events(auditor).exists()
    finally:
        selectors.set_permission_check(lambda user, permission: has_perm(user, permission))
