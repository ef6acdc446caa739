"""Permission matrix: role × action × allowed/denied, on a task of Vụ Tổng hợp."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest

from dienhong.core.errors import PermissionDenied, ValidationFailed
from dienhong.work import selectors, services
from dienhong.work.models import TaskState

pytestmark = pytest.mark.django_db

USERS = [
    "tongthuky",
    "vutruong.tonghop",
    "chuyenvien.tonghop",
    "vanthu",
    "vutruong.hanhchinh",
    "kiemtoan",
]


def attempt(call) -> bool:
    try:
        call()
    except PermissionDenied:
        return False
    return True


SEE = {
    "tongthuky": True,
    "vutruong.tonghop": True,
    "chuyenvien.tonghop": True,
    "vanthu": False,
    "vutruong.hanhchinh": False,
    "kiemtoan": False,
}


@pytest.mark.parametrize("username", USERS)
def test_who_sees_the_task(world, make_task, frozen, username):
    frozen(date(2026, 2, 10))
    task = make_task()
    user = world.users[username]
    assert selectors.tasks_visible_to(user).filter(pk=task.pk).exists() is SEE[username]
    assert (selectors.task_detail(user, task.pk) is not None) is SEE[username]


ASSIGN = {
    "tongthuky": True,
    "vutruong.tonghop": True,
    "chuyenvien.tonghop": False,
    "vanthu": False,
    "vutruong.hanhchinh": False,
    "kiemtoan": False,
}


@pytest.mark.parametrize("username", USERS)
def test_who_may_assign_in_the_general_department(world, make_task, frozen, username):
    frozen(date(2026, 2, 10))
    assert attempt(lambda: make_task(actor=world.users[username])) is ASSIGN[username]


def test_a_clerk_assigns_in_their_own_department(world, make_task, frozen, hc):
    from dienhong.org.models import Membership

    frozen(date(2026, 2, 10))
    person = (
        Membership.objects.filter(unit__path__startswith=hc.path, valid_to__isnull=True)
        .first()
        .person
    )
    task = make_task(
        actor=world.users["vanthu"],
        lead_unit=hc,
        owner=person,
        acceptor=world.users["vutruong.hanhchinh"].person,
    )
    assert task.state == TaskState.ASSIGNED


ACCEPT_AND_UPDATE = {
    "tongthuky": True,
    "vutruong.tonghop": True,
    "chuyenvien.tonghop": True,
    "vanthu": False,
    "vutruong.hanhchinh": False,
    "kiemtoan": False,
}


@pytest.mark.parametrize("username", USERS)
def test_who_may_accept_and_update(world, make_task, frozen, username):
    frozen(date(2026, 2, 10))
    task = make_task()
    user = world.users[username]
    assert (
        attempt(lambda: services.accept_task(actor=user, task=task)) is ACCEPT_AND_UPDATE[username]
    )
    task.refresh_from_db()
    assert (
        attempt(lambda: services.add_progress(actor=user, task=task, percent=10, comment="x"))
        is ACCEPT_AND_UPDATE[username]
    )


APPROVE = {
    "tongthuky": True,
    "vutruong.tonghop": True,
    "chuyenvien.tonghop": False,
    "vanthu": False,
    "vutruong.hanhchinh": False,
    "kiemtoan": False,
}


@pytest.mark.parametrize("username", USERS)
def test_who_may_approve_the_result(world, make_task, frozen, username, staff_member):
    frozen(date(2026, 2, 10))
    task = make_task()
    services.submit_result(actor=staff_member, task=task, comment="Xong")
    assert (
        attempt(lambda: services.approve_result(actor=world.users[username], task=task))
        is APPROVE[username]
    )


REASSIGN_AND_CANCEL = {
    "tongthuky": True,
    "vutruong.tonghop": True,
    "chuyenvien.tonghop": False,
    "vanthu": False,
    "vutruong.hanhchinh": False,
    "kiemtoan": False,
}


@pytest.mark.parametrize("username", USERS)
def test_who_may_cancel(world, make_task, frozen, username):
    frozen(date(2026, 2, 10))
    task = make_task()
    assert (
        attempt(lambda: services.cancel_task(actor=world.users[username], task=task, reason="x"))
        is REASSIGN_AND_CANCEL[username]
    )


@pytest.mark.parametrize("username", USERS)
def test_who_may_reassign(world, make_task, frozen, username):
    frozen(date(2026, 2, 10))
    task = make_task()
    head = world.users["vutruong.tonghop"].person
    assert (
        "reassign" in services.allowed_actions(world.users[username], task)
    ) is REASSIGN_AND_CANCEL[username]

    def call():
        with contextlib.suppress(ValidationFailed):
            services.reassign_task(actor=world.users[username], task=task, owner=head)

    assert attempt(call) is REASSIGN_AND_CANCEL[username]


def test_the_owner_cannot_approve_their_own_result_even_as_acceptor_of_record(
    make_task, frozen, staff_member, staff_person
):
    frozen(date(2026, 2, 10))
    task = make_task()
    services.submit_result(actor=staff_member, task=task, comment="Xong")
    assert "approve" not in services.allowed_actions(staff_member, task)


def test_wrong_state_is_a_validation_error_not_a_permission_error(
    make_task, frozen, department_head
):
    frozen(date(2026, 2, 10))
    task = make_task()
    with pytest.raises(ValidationFailed) as error:
        services.approve_result(actor=department_head, task=task)
    assert error.value.code == "wrong_state"
