"""The jobs facade: enqueue after commit, run by `dienhong worker`, on the configured backend."""

import os

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import transaction

from dienhong.core import jobs
from dienhong.core.tasks import echo


@pytest.fixture
def db_queue(settings, db):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    settings.JOBS_BACKEND = "db"
    from django_tasks_db.models import DBTaskResult

    # The demo world leaves jobs waiting (mail, indexing); start each test from an empty queue.
    DBTaskResult.objects.all().delete()


def test_enqueue_on_commit_waits_for_the_commit(db, db_queue, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        jobs.enqueue_on_commit(echo, value="xin chào")
        assert DBTaskResult.objects.count() == 0
    assert DBTaskResult.objects.count() == 1


def test_nothing_is_enqueued_when_the_transaction_rolls_back(
    db_queue, db, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        jobs.enqueue_on_commit(echo, value="x")
        raise RuntimeError
    assert callbacks == []
    assert DBTaskResult.objects.count() == 0


def test_the_database_worker_runs_waiting_jobs(db_queue, db, monkeypatch):
    # The worker recycles connections between jobs; inside a test transaction it must not.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    # Apps load what their jobs need before the first one (RQ forks a process per job).
    prepared = []
    documents = apps.get_app_config("documents")
    monkeypatch.setattr(documents, "prepare_worker", lambda: prepared.append(jobs.queue_status()))
    result = echo.enqueue(value="Quốc hội")
    status = jobs.queue_status()
    assert status["backend"] == "db" and status["waiting"] == 1
    assert status["oldest_waiting_seconds"] is not None
    call_command("worker", "--batch", verbosity=0)
    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == "Quốc hội"
    assert jobs.queue_status()["workers_seen"] == 1
    assert [p["waiting"] for p in prepared] == [1]  # once, before the job ran


def test_the_immediate_backend_needs_no_worker(db):
    with pytest.raises(CommandError, match="no worker"):
        call_command("worker", "--batch")
    assert jobs.queue_status()["backend"] == "immediate"


@pytest.mark.skipif(os.environ.get("DIENHONG_JOBS") != "rq", reason="runs in the Redis CI pass")
def test_the_rq_worker_runs_waiting_jobs(settings, db):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.JOBS_BACKEND = "rq"
    import django_rq

    django_rq.get_queue("default").empty()
    result = echo.enqueue(value="Diên Hồng")
    status = jobs.queue_status()
    assert status["backend"] == "rq" and status["waiting"] == 1
    call_command("worker", "--batch", verbosity=0)
    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == "Diên Hồng"
