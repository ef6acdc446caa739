"""The home page: the user's posts, units, roles, security and the modules they may open."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_needs_a_login(client):
    response = client.get(reverse("site:home"))
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_shows_the_post_unit_and_role(client_for, department_head):
    html = client_for(department_head).get(reverse("site:home")).content.decode()
    assert "Vụ trưởng" in html
    assert ">Vụ Tổng hợp</a>" in html
    assert "Thủ trưởng đơn vị" in html
    assert "tại Vụ Tổng hợp và các đơn vị trực thuộc" in html


def test_it_shows_the_modules_the_user_may_open(client_for, staff_member, auditor):
    staff = client_for(staff_member).get(reverse("site:home")).content.decode()
    assert "<strong>Danh bạ</strong>" in staff
    assert "<strong>Nhật ký hệ thống</strong>" not in staff
    audit = client_for(auditor).get(reverse("site:home")).content.decode()
    assert "<strong>Nhật ký hệ thống</strong>" in audit


def test_it_marks_the_current_module_only(client_for, org_admin):
    html = client_for(org_admin).get(reverse("org:manage")).content.decode()
    assert html.count('aria-current="page"') == 2  # the module in the top bar and the tab
    assert f'<a href="{reverse("org:manage")}" aria-current="page">' in html
    assert f'<a href="{reverse("org:directory")}" aria-current="page">' not in html


def test_it_tells_whether_two_factor_is_on(client_for, staff_member, org_admin):
    assert (
        "Chưa bật xác thực hai lớp"
        in client_for(staff_member).get(reverse("site:home")).content.decode()
    )
    assert (
        "Đã bật xác thực hai lớp"
        in client_for(org_admin).get(reverse("site:home")).content.decode()
    )


def test_a_user_without_a_person_or_role_still_gets_a_page(client, world):
    from dienhong.accounts.models import User

    user = User.objects.create_user(username="moi", password="x" * 12)
    client.force_login(user)
    html = client.get(reverse("site:home")).content.decode()
    assert "Chưa có vai trò nào" in html
    assert "Chưa có chức vụ nào" in html


def test_every_page_has_a_skip_link_and_a_labelled_language_switch(client_for, staff_member):
    html = client_for(staff_member).get(reverse("site:home")).content.decode()
    assert '<a class="skip-link" href="#main">Chuyển đến nội dung chính</a>' in html
    assert '<main id="main" tabindex="-1">' in html
    assert 'aria-label="Ngôn ngữ"' in html


def test_the_home_page_runs_a_fixed_number_of_queries(
    client_for, department_head, django_assert_num_queries
):
    client = client_for(department_head)
    client.get(reverse("site:home"))
    # session, user, person, posts, grants, device, navigation
    with django_assert_num_queries(7):
        client.get(reverse("site:home"))
