"""The unit page: people, sub-units, details and the history of names, places and events."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dienhong.org.models import Membership, Unit

pytestmark = pytest.mark.django_db


def unit_url(world, code: str) -> str:
    return reverse("org:unit", args=[world.units[code].pk])


def test_it_lists_the_people_and_the_sub_units(client_for, staff_member, world):
    response = client_for(staff_member).get(unit_url(world, "VPQH-HC"))
    assert response.status_code == 200
    assert len(response.context["members"]) == 4
    assert [v.name for v in response.context["children"]] == [
        "Phòng Văn thư - Lưu trữ",
        "Phòng Hành chính - Tổng hợp",
        "Phòng Tiếp công dân",
    ]
    html = response.content.decode()
    assert "Vụ trưởng" in html
    assert '<ol class="breadcrumbs">' in html and ">Văn phòng Quốc hội</a>" in html


def test_it_shows_the_rename_with_its_legal_basis(client_for, staff_member, world):
    html = client_for(staff_member).get(unit_url(world, "VPQH-TTTV")).content.decode()
    assert "Đổi tên" in html
    assert "Nghị quyết 74/2025/UBTVQH15" in html
    assert "Vụ Thông tin → Vụ Thông tin và Thư viện" in html
    assert "01/01/2016 – 06/03/2025" in html  # the old name's period, last day inclusive


def test_it_shows_the_name_of_the_chosen_date(client_for, staff_member, world):
    response = client_for(staff_member).get(unit_url(world, "VPQH-TTTV"), {"as_of": "2024-01-01"})
    html = response.content.decode()
    assert "<h1>Vụ Thông tin</h1>" in html
    assert "hiện nay đơn vị có tên Vụ Thông tin và Thư viện" in html


def test_a_dissolved_unit_shows_its_last_day(client_for, staff_member, world):
    response = client_for(staff_member).get(unit_url(world, "VPQH-VNCLP"))
    html = response.content.decode()
    assert "Đơn vị này đã giải thể kể từ ngày 7 tháng 1 năm 2025" in html
    assert response.context["as_of"].isoformat() == "2025-01-06"
    assert len(response.context["members"]) == 1
    assert "Nghị quyết 63/2025/UBTVQH15" in html


def test_a_merged_delegation_office_links_to_the_office_it_joined(client_for, staff_member, world):
    merged = Unit.objects.filter(code__startswith="VPDD-", dissolved_on__isnull=False).first()
    response = client_for(staff_member).get(reverse("org:unit", args=[merged.pk]))
    event = response.context["events"][0]
    assert event.kind == "merged"
    target = event.results.get()
    assert f'href="/org/units/{target.pk}/"' in response.content.decode()
    assert "Nghị quyết 202/2025/QH15" in response.content.decode()


def test_an_unknown_unit_is_a_translated_404(client_for, staff_member):
    response = client_for(staff_member).get(reverse("org:unit", args=[999999]))
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_a_manager_sees_the_link_to_manage_the_unit(client_for, org_admin, staff_member, world):
    url = unit_url(world, "VPQH-TH")
    assert "Quản lý đơn vị này" in client_for(org_admin).get(url).content.decode()
    assert "Quản lý đơn vị này" not in client_for(staff_member).get(url).content.decode()


def test_the_unit_page_runs_a_fixed_number_of_queries(
    client_for, staff_member, world, django_assert_num_queries
):
    client = client_for(staff_member)
    client.get(unit_url(world, "VPQH-HC"))
    # session, user, scope, unit, ancestors, version, members, children,
    # versions, events (+ sources, results), manage scope, navigation
    with django_assert_num_queries(14):
        client.get(unit_url(world, "VPQH-HC"))
    Membership.objects.filter(unit=world.units["VPQH-HC"]).update(valid_from=None)
    with django_assert_num_queries(14):
        client.get(unit_url(world, "VPQH-HC"))
