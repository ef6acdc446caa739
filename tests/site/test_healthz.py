import json
import logging

from django.test import Client

from dienhong.core.logging import JsonFormatter, RequestIdFilter


def test_healthz_reports_database_jobs_and_disk(db):
    response = Client().get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["jobs"]["backend"] in {"db", "rq", "immediate"}
    assert "oldest_waiting_seconds" in body["checks"]["jobs"]
    assert body["checks"]["disk"]["free_bytes"] > 0


def test_healthz_fails_when_disk_is_low(db, settings):
    settings.DIENHONG_HEALTH_MIN_FREE_BYTES = 10**18
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["disk"]["ok"] is False


def test_healthz_reports_the_database_queue(db, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    settings.JOBS_BACKEND = "db"
    from django_tasks_db.models import DBTaskResult

    from dienhong.core.tasks import echo

    DBTaskResult.objects.all().delete()
    echo.enqueue(value="x")
    jobs = Client().get("/healthz").json()["checks"]["jobs"]
    assert jobs["waiting"] == 1 and jobs["oldest_waiting_seconds"] >= 0


def test_healthz_fails_when_the_queue_is_unreachable(db, settings, monkeypatch):
    def broken():
        raise ConnectionError

    monkeypatch.setattr("dienhong.core.jobs.queue_status", broken)
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["jobs"] == {"ok": False, "error": "ConnectionError"}


def test_every_response_carries_a_request_id(db):
    response = Client().get("/healthz")
    assert len(response["X-Request-ID"]) == 32
    given = Client().get("/healthz", headers={"X-Request-ID": "proxy-1234abcd"})
    assert given["X-Request-ID"] == "proxy-1234abcd"
    forged = Client().get("/healthz", headers={"X-Request-ID": "<script>"})
    assert forged["X-Request-ID"] != "<script>"


def test_log_lines_are_json_with_the_request_id():
    record = logging.LogRecord(
        "dienhong", logging.INFO, __file__, 1, "xin chào %s", ("Quốc hội",), None
    )
    RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "xin chào Quốc hội"
    assert line["request_id"] == "-"
    assert line["level"] == "INFO"
