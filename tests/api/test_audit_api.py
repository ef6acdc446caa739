"""``GET /audit-events``: readable by auditors only, filtered by actor, object, action and time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from dienhong.core.models import AuditEvent


def test_the_auditor_reads_the_log_newest_first(api_for, auditor):
    body = api_for(auditor).get("/api/v1/audit-events", {"limit": 3}).json()
    assert body["count"] == AuditEvent.objects.count()
    seqs = [item["seq"] for item in body["items"]]
    assert seqs == sorted(seqs, reverse=True)
    assert len(body["items"][0]["hash"]) == 64


@pytest.mark.parametrize(
    "role", ["secretary_general", "department_head", "staff_member", "clerk", "org_admin"]
)
def test_others_may_not_read_the_log(request, api_for, role):
    response = api_for(request.getfixturevalue(role)).get("/api/v1/audit-events")
    assert response.status_code == 403


def test_filters_by_actor_object_and_action(api_for, auditor, org_admin, world):
    unit = world.units["VPQH-TH"]
    api_for(org_admin).patch(f"/api/v1/units/{unit.pk}", {"short_name": "VTH"})
    api = api_for(auditor)
    by_object = api.get(
        "/api/v1/audit-events", {"object_type": "org.unit", "object_id": unit.pk}
    ).json()
    assert {item["action"] for item in by_object["items"]} >= {"unit.created", "unit.updated"}
    by_actor = api.get(
        "/api/v1/audit-events", {"actor": org_admin.pk, "action": "unit.updated"}
    ).json()
    assert by_actor["count"] == 1
    assert by_actor["items"][0]["changes"] == {"short_name": ["", "VTH"]}
    family = api.get("/api/v1/audit-events", {"action": "unit."}).json()
    assert family["count"] == AuditEvent.objects.filter(action__startswith="unit.").count()


def test_filters_by_time(api_for, auditor):
    api = api_for(auditor)
    today = timezone.localdate()
    assert (
        api.get("/api/v1/audit-events", {"since": today.isoformat()}).json()["count"]
        == AuditEvent.objects.count()
    )
    assert (
        api.get("/api/v1/audit-events", {"until": (today - timedelta(days=1)).isoformat()}).json()[
            "count"
        ]
        == 0
    )
    moment = (timezone.now() + timedelta(hours=1)).isoformat()
    assert api.get("/api/v1/audit-events", {"since": moment}).json()["count"] == 0


def test_an_invalid_time_names_the_field(api_for, auditor):
    response = api_for(auditor, language="en").get("/api/v1/audit-events", {"since": "yesterday"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "since"
    assert (
        response.json()["errors"][0]["message"]
        == "Enter a date (YYYY-MM-DD) or a date and time (ISO 8601)."
    )


def test_dates_out_of_range_are_refused_not_crashed(api_for, auditor):
    response = api_for(auditor).get("/api/v1/audit-events", {"since": "0001-01-01T00:00:00+07:00"})
    assert response.status_code == 422
