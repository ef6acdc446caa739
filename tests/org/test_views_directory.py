"""The directory page: the unit tree as of a date, dissolved units, and the people search."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

OFFICE_LINK = re.compile(
    r'<a href="/org/units/\d+/[^"]*">Văn phòng Đoàn ĐBQH và HĐND (?:tỉnh|thành phố) '
)


def tree_offices(response) -> int:
    """Delegation offices linked from the tree (the dissolved units table comes after it)."""
    html = response.content.decode().split('class="dissolved"')[0]
    return len(OFFICE_LINK.findall(html))


def test_it_requires_login(client):
    response = client.get(reverse("org:directory"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_shows_the_34_delegation_offices_in_force_today(client_for, staff_member):
    response = client_for(staff_member).get(reverse("org:directory"))
    assert response.status_code == 200
    assert tree_offices(response) == 34


def test_it_shows_the_63_delegation_offices_before_the_merger(client_for, staff_member):
    response = client_for(staff_member).get(reverse("org:directory"), {"as_of": "2025-06-30"})
    assert tree_offices(response) == 63
    assert "ngày 30 tháng 6 năm 2025" in response.content.decode()


def test_it_lists_units_dissolved_by_the_chosen_date(client_for, staff_member):
    before = (
        client_for(staff_member)
        .get(reverse("org:directory"), {"as_of": "2025-06-30"})
        .content.decode()
    )
    today = client_for(staff_member).get(reverse("org:directory")).content.decode()
    assert "Viện Nghiên cứu lập pháp" in before
    assert "2 đơn vị đã giải thể" in before
    assert "31 đơn vị đã giải thể" in today  # the 2 of January 2025 and the 29 merged offices


def test_it_shows_the_name_a_unit_had_on_the_chosen_date(client_for, staff_member):
    html = (
        client_for(staff_member)
        .get(reverse("org:directory"), {"as_of": "2024-12-31"})
        .content.decode()
    )
    assert ">Vụ Thông tin<" in html
    assert "Vụ Thông tin và Thư viện" not in html


def test_it_falls_back_to_today_on_an_invalid_date(client_for, staff_member):
    response = client_for(staff_member).get(reverse("org:directory"), {"as_of": "2025-02-30"})
    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()
    assert tree_offices(response) == 34


def test_it_counts_people_per_subtree(client_for, staff_member):
    html = client_for(staff_member).get(reverse("org:directory")).content.decode()
    # Vụ Hành chính: 4 people in the department and 2 in each of its 3 divisions.
    assert re.search(
        r">Vụ Hành chính</a> <span class=\"count\">\(3 đơn vị trực thuộc · 10 người\)", html
    )


def test_a_search_without_diacritics_finds_names_with_them(client_for, staff_member):
    response = client_for(staff_member).get(reverse("org:directory"), {"q": "nguyen duc"})
    html = response.content.decode()
    assert "<mark>Nguyễn</mark> <mark>Đức</mark>" in html


def test_a_search_with_diacritics_finds_the_same_people(client_for, staff_member):
    plain = (
        client_for(staff_member).get(reverse("org:people"), {"q": "nguyen duc"}).context["page_obj"]
    )
    marked = (
        client_for(staff_member).get(reverse("org:people"), {"q": "Nguyễn Đức"}).context["page_obj"]
    )
    assert [p.pk for p in plain] == [p.pk for p in marked]
    assert plain.paginator.count >= 1


def test_htmx_gets_the_results_only(client_for, staff_member):
    response = client_for(staff_member).get(
        reverse("org:directory"), {"q": "nguyen"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="people-results-inner"' in html


def test_the_search_form_works_without_javascript(client_for, staff_member):
    html = client_for(staff_member).get(reverse("org:directory")).content.decode()
    assert 'action="/org/"' in html
    assert 'name="q"' in html and '<label for="id_q">' in html


def test_the_directory_page_runs_a_fixed_number_of_queries(
    client_for, staff_member, django_assert_num_queries
):
    from django.core.cache import cache

    client = client_for(staff_member)
    client.get(reverse("org:directory"))
    # session, user, org.view scope, directory version, navigation; the tree comes from the
    # cache
    with django_assert_num_queries(5):
        client.get(reverse("org:directory"))
    cache.clear()
    # + tree, people counts, dissolved units when the tree is not cached
    with django_assert_num_queries(8):
        client.get(reverse("org:directory"), {"as_of": "2025-06-30"})
    with django_assert_num_queries(5):
        client.get(reverse("org:directory"), {"as_of": "2025-06-30"})


def test_the_cached_tree_follows_every_change_of_the_structure(client_for, staff_member, world):
    from datetime import date

    from dienhong.org import services
    from dienhong.org.models import Position

    client = client_for(staff_member)
    assert ">Vụ Hành chính</a>" in client.get(reverse("org:directory")).content.decode()
    admin = world.users["quantri"]
    services.rename_unit(
        actor=admin,
        unit=world.units["VPQH-HC"],
        name="Vụ Hành chính mới",
        effective_on=date.today(),
    )
    services.create_person(
        actor=admin,
        full_name="Trần Văn Mới",
        unit=world.units["VPQH-HC"],
        position=Position.objects.get(title="Chuyên viên"),
        valid_from=date(2020, 1, 1),
    )
    html = client.get(reverse("org:directory")).content.decode()
    assert re.search(
        r">Vụ Hành chính mới</a> <span class=\"count\">\(3 đơn vị trực thuộc · 11 người\)", html
    )
    # the structure of an earlier day is cached apart, with that day's name
    before = client.get(reverse("org:directory"), {"as_of": "2025-06-30"}).content.decode()
    assert ">Vụ Hành chính</a>" in before


def test_the_cached_tree_is_kept_per_language(client_for, staff_member):
    client = client_for(staff_member)
    assert "đơn vị trực thuộc" in client.get(reverse("org:directory")).content.decode()
    client.post(reverse("site:set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("org:directory")).content.decode()
    assert "sub-units" in html and "đơn vị trực thuộc" not in html


def test_the_search_query_count_does_not_grow_with_the_results(
    client_for, staff_member, django_assert_num_queries
):
    client = client_for(staff_member)
    client.get(reverse("org:directory"))
    # the page's 5 + count, page, current posts, current mandates
    with django_assert_num_queries(9):
        response = client.get(reverse("org:directory"), {"q": "nguyen"})
    assert len(response.context["page_obj"]) > 5
    with django_assert_num_queries(9):
        client.get(reverse("org:directory"), {"q": "nguyen van"})


def test_the_directory_reads_return_nothing_without_a_role(world):
    from datetime import date

    from dienhong.accounts.models import User
    from dienhong.org import selectors

    nobody = User.objects.create_user(username="khong.vai.tro", password="x" * 12)
    unit = world.units["VPQH-HC"]
    today = date.today()
    assert selectors.people_counts(nobody, today) == {}
    assert not selectors.unit_members(nobody, unit, today).exists()
    assert not selectors.unit_children(nobody, unit, today).exists()
    assert selectors.visible_person(nobody, 1) is None
    assert not selectors.delegation_summary(nobody, term=world.terms[16]).exists()
    assert not selectors.people_managed_by(nobody).exists()
