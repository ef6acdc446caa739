"""Administration of positions and people: create with a first post, edit, posts, delete, login."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from dienhong.accounts.models import User
from dienhong.core.models import AuditEvent
from dienhong.org.models import Membership, Person, Position

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client_for, org_admin):
    return client_for(org_admin)


def edit_url(person: Person) -> str:
    return reverse("org:person_edit", args=[person.pk])


def test_it_lists_positions_and_creates_one(admin):
    response = admin.post(
        reverse("org:manage_positions"), {"title": "Chuyên viên cao cấp chính", "rank": "29"}
    )
    assert response.status_code == 302
    assert Position.objects.filter(title="Chuyên viên cao cấp chính", rank=29).exists()
    html = admin.get(reverse("org:manage_positions")).content.decode()
    assert "Chuyên viên cao cấp chính" in html


def test_a_duplicate_position_title_is_refused_on_the_field(admin):
    response = admin.post(reverse("org:manage_positions"), {"title": "Vụ trưởng", "rank": "10"})
    assert response.status_code == 422
    assert response.context["form"].errors["title"]


def test_it_edits_a_position(admin):
    position = Position.objects.get(title="Văn thư")
    response = admin.post(
        reverse("org:position_edit", args=[position.pk]),
        {"title": "Văn thư", "rank": "41", "is_leadership": ""},
    )
    assert response.status_code == 302
    position.refresh_from_db()
    assert position.rank == 41
    assert AuditEvent.objects.filter(action="position.updated", object_id=str(position.pk)).exists()


def test_it_creates_a_person_with_a_first_post(admin, world):
    position = Position.objects.get(title="Chuyên viên")
    response = admin.post(
        reverse("org:person_create"),
        {
            "full_name": "  Nguyễn   Thị Hồng Nhung ",
            "gender": "female",
            "birth_year": "1990",
            "unit": world.units["VPQH-TH"].pk,
            "position": position.pk,
            "valid_from": "2026-01-02",
        },
    )
    person = Person.objects.get(full_name="Nguyễn Thị Hồng Nhung")
    assert response.status_code == 302
    assert response["Location"] == edit_url(person)
    post = person.memberships.get()
    assert (post.unit, post.position, post.valid_from) == (
        world.units["VPQH-TH"],
        position,
        date(2026, 1, 2),
    )


def test_a_first_post_needs_both_unit_and_position(admin, world):
    response = admin.post(
        reverse("org:person_create"), {"full_name": "Lê Văn Tám", "unit": world.units["VPQH-TH"].pk}
    )
    assert response.status_code == 422
    assert "position" in response.context["form"].errors


def test_it_edits_a_person(admin, world):
    person = Membership.objects.filter(unit=world.units["VPQH-TH"]).first().person
    response = admin.post(
        edit_url(person),
        {
            "action": "details",
            "full_name": person.full_name,
            "gender": "male",
            "email": "a@quochoi.vn",
            "phone": "",
            "birth_year": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.email == "a@quochoi.vn"


def test_it_adds_and_ends_a_post(admin, world):
    person = (
        Membership.objects.filter(unit=world.units["VPQH-TH"], valid_to__isnull=True).first().person
    )
    position = Position.objects.get(title="Phó Vụ trưởng")
    response = admin.post(
        edit_url(person),
        {
            "action": "add_post",
            "unit": world.units["VPQH-QHQT"].pk,
            "position": position.pk,
            "valid_from": "2026-02-01",
        },
    )
    assert response.status_code == 302
    post = person.memberships.get(unit=world.units["VPQH-QHQT"])
    response = admin.post(
        edit_url(person), {"action": "end_post", "membership": post.pk, "valid_to": "2026-06-01"}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.valid_to == date(2026, 6, 1)


def test_ending_a_post_before_it_began_shows_the_error(admin, world):
    post = Membership.objects.filter(unit=world.units["VPQH-TH"], valid_to__isnull=True).first()
    response = admin.post(
        edit_url(post.person),
        {"action": "end_post", "membership": post.pk, "valid_to": "2010-01-01"},
    )
    assert response.status_code == 422
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()


def test_ending_a_post_of_someone_else_is_refused(admin, world):
    post = Membership.objects.filter(unit=world.units["VPQH-TH"], valid_to__isnull=True)[0]
    other = Membership.objects.filter(unit=world.units["VPQH-TH"], valid_to__isnull=True)[1].person
    response = admin.post(
        edit_url(other), {"action": "end_post", "membership": post.pk, "valid_to": "2026-06-01"}
    )
    assert response.status_code == 422
    assert "Chức vụ này không tồn tại." in response.content.decode()


def test_an_unknown_action_is_a_bad_request(admin, world):
    person = Membership.objects.filter(unit=world.units["VPQH-TH"]).first().person
    assert admin.post(edit_url(person), {"action": "fly"}).status_code == 400


def test_deleting_a_person_with_history_is_refused_with_a_translated_message(admin, world):
    person = Membership.objects.filter(unit=world.units["VPQH-TH"]).first().person
    response = admin.post(reverse("org:person_delete", args=[person.pk]))
    assert response.status_code == 409
    assert "đang được tham chiếu trong các hồ sơ khác" in response.content.decode()
    assert Person.objects.filter(pk=person.pk).exists()


def test_deleting_a_person_recorded_by_mistake_works(admin):
    admin.post(reverse("org:person_create"), {"full_name": "Người Nhập Nhầm"})
    person = Person.objects.get(full_name="Người Nhập Nhầm")
    assert admin.get(reverse("org:person_delete", args=[person.pk])).status_code == 200
    response = admin.post(reverse("org:person_delete", args=[person.pk]))
    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()
    assert AuditEvent.objects.filter(action="person.deleted").exists()


def test_it_gives_a_person_a_login(admin, world):
    person = (
        Membership.objects.filter(unit=world.units["VPQH-TH"], person__user__isnull=True)
        .first()
        .person
    )
    response = admin.post(
        edit_url(person),
        {
            "action": "create_login",
            "username": "chuyenvien.moi",
            "password": "Mat-khau-2026!",
            "password_again": "Mat-khau-2026!",
            "unit": world.units["VPQH-TH"].pk,
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.user.username == "chuyenvien.moi"
    assert person.user.check_password("Mat-khau-2026!")


def test_a_weak_password_is_refused_on_its_field(admin, world):
    person = (
        Membership.objects.filter(unit=world.units["VPQH-TH"], person__user__isnull=True)
        .first()
        .person
    )
    response = admin.post(
        edit_url(person),
        {
            "action": "create_login",
            "username": "cv.yeu",
            "password": "1234567890",
            "password_again": "1234567890",
            "unit": world.units["VPQH-TH"].pk,
        },
    )
    assert response.status_code == 422
    assert response.context["login_form"].errors["password"]
    assert not User.objects.filter(username="cv.yeu").exists()


def test_the_people_list_is_paginated_with_a_fixed_query_count(admin, django_assert_num_queries):
    admin.get(reverse("org:manage_people"))
    # session, user, second-factor device, org.manage scope, count, page, current posts, navigation
    with django_assert_num_queries(8):
        response = admin.get(reverse("org:manage_people"))
    assert len(response.context["page_obj"]) == 50
    with django_assert_num_queries(8):
        admin.get(reverse("org:manage_people"), {"page": 2})


def test_the_people_list_searches_without_diacritics(admin):
    response = admin.get(reverse("org:manage_people"), {"q": "dang"})
    assert all("dang" in p.name_folded for p in response.context["page_obj"])


def test_the_two_passwords_must_match(admin, world):
    person = (
        Membership.objects.filter(unit=world.units["VPQH-TH"], person__user__isnull=True)
        .first()
        .person
    )
    response = admin.post(
        edit_url(person),
        {
            "action": "create_login",
            "username": "cv.khac",
            "password": "Mat-khau-2026!",
            "password_again": "Mat-khau-2027!",
            "unit": world.units["VPQH-TH"].pk,
        },
    )
    assert response.status_code == 422
    assert response.context["login_form"].errors["password_again"]
