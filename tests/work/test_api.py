"""The work API: scoped lists, detail, transitions, problems for bad input and conflicts."""

from __future__ import annotations

import pytest

from dienhong.work.models import TaskState

pytestmark = pytest.mark.django_db


def test_list_tasks_is_scoped_and_paginated(client_for, secretary_general, clerk):
    everyone = client_for(secretary_general).get("/api/v1/tasks?limit=5").json()
    assert everyone["count"] > 100 and len(everyone["items"]) == 5
    assert {"timeliness", "due_soon", "version"} <= set(everyone["items"][0])
    theirs = client_for(clerk).get("/api/v1/tasks?limit=200").json()
    assert theirs["count"] < everyone["count"]
    led = {item["lead_unit"] for item in theirs["items"]}
    assert "Vụ Hành chính" in led  # its own tasks, and those it supports
    assert "Vụ Quan hệ quốc tế" not in led


def test_filters(client_for, secretary_general):
    data = client_for(secretary_general).get("/api/v1/tasks?timeliness=overdue").json()
    assert data["count"] >= 1 and {item["timeliness"] for item in data["items"]} == {"overdue"}


def test_detail_and_transitions(client_for, staff_member, department_head, make_task):
    task = make_task()
    owner = client_for(staff_member)
    detail = owner.get(f"/api/v1/tasks/{task.pk}").json()
    assert "update" in detail["allowed_actions"] and detail["events"][0]["kind"] == "created"
    response = owner.post(
        f"/api/v1/tasks/{task.pk}/progress",
        {"percent": 30, "comment": "Đang làm", "version": detail["version"]},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["progress"] == 30
    stale = response.json()["version"]
    owner.post(
        f"/api/v1/tasks/{task.pk}/submit", {"comment": "Xong"}, content_type="application/json"
    )
    head = client_for(department_head)
    assert (
        head.post(f"/api/v1/tasks/{task.pk}/approve", {}, content_type="application/json").json()[
            "state"
        ]
        == TaskState.DONE
    )
    conflict = head.post(
        f"/api/v1/tasks/{task.pk}/return",
        {"reason": "x", "version": stale},
        content_type="application/json",
    )
    assert conflict.status_code in (409, 422)


def test_unknown_and_invisible_tasks_are_404(client_for, clerk, make_task):
    task = make_task()
    assert client_for(clerk).get(f"/api/v1/tasks/{task.pk}").status_code == 404
    assert client_for(clerk).get("/api/v1/tasks/999999999").status_code == 404


def test_bad_progress_is_422(client_for, staff_member, make_task):
    task = make_task()
    response = client_for(staff_member).post(
        f"/api/v1/tasks/{task.pk}/progress", {"percent": 150}, content_type="application/json"
    )
    assert response.status_code == 422


def test_dashboard_directives_and_report(client_for, secretary_general):
    client = client_for(secretary_general)
    board = client.get("/api/v1/work/dashboard").json()
    assert board["counts"]["total"] > 100 and len(board["trend"]) == 12
    assert client.get("/api/v1/directives").json()["count"] >= 8
    report = client.get("/api/v1/work/report?start=2025-11-01&end=2026-01-31").json()
    assert report["count"] > 10
    assert client.get("/api/v1/work/report?start=2026-02-01&end=2026-01-01").status_code == 422


def test_anonymous_gets_401(client):
    assert client.get("/api/v1/tasks").status_code == 401
