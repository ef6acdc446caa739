"""The demo agenda is consistent with today, whatever day the suite runs."""

from __future__ import annotations

import pytest
from django.db.models import F, Q
from django.utils import timezone

from dienhong.work import demo, selectors
from dienhong.work.models import OPEN_STATES, Directive, Task, TaskState, Timeliness

pytestmark = pytest.mark.django_db


def ours():
    """The work module's own demo tasks (other modules add theirs to the same world)."""
    numbers = {spec.number for spec in demo.agenda(timezone.localdate())}
    return Task.objects.filter(is_demo=True, directive__number__in=numbers)


def test_nothing_is_done_in_the_future_and_every_task_is_complete():
    today = timezone.localdate()
    tasks = ours()
    assert tasks.count() > 100
    assert not tasks.filter(state=TaskState.DONE, completed_on__gt=today).exists()
    assert not tasks.filter(state=TaskState.DONE, completed_on__isnull=True).exists()
    assert not tasks.filter(
        Q(owner__isnull=True) | Q(lead_unit__isnull=True) | Q(due__isnull=True)
    ).exists()
    assert not tasks.filter(due__lt=F("assigned_on")).exists()
    assert not tasks.filter(assigned_on__gt=today).exists()


def test_the_mix_looks_like_a_real_office(secretary_general):
    counts = {value: 0 for value in Timeliness.values}
    for task in selectors.with_timeliness(ours()):
        counts[task.timeliness] += 1
    assert counts[Timeliness.ON_TIME] > counts[Timeliness.LATE] > 0
    assert counts[Timeliness.OVERDUE] > 0 and counts[Timeliness.IN_TIME] > 0
    assert (
        ours()
        .filter(state__in=OPEN_STATES)
        .filter(selectors.q_due_soon(timezone.localdate()))
        .exists()
    )
    titles = " ".join(Directive.objects.values_list("title", flat=True))
    for words in ("Tổng tuyển cử", "Giải Báo chí", "bầu cử", "74/2025/UBTVQH15", "Chuyển đổi số"):
        assert words in titles


def test_api_list_query_count_is_constant(
    client_for, secretary_general, django_assert_max_num_queries
):
    client = client_for(secretary_general)
    client.get("/api/v1/tasks?limit=5")
    with django_assert_max_num_queries(12):
        response = client.get("/api/v1/tasks?limit=200")
    data = response.json()
    assert len(data["items"]) == min(200, data["count"]) and data["count"] > 100
