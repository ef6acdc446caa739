"""The people list (search, pagination, htmx) and the person page (posts over time)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dienhong.org.models import Deputy, Membership, Person

pytestmark = pytest.mark.django_db


def test_it_lists_people_25_per_page(client_for, staff_member):
    client = client_for(staff_member)
    first = client.get(reverse("org:people"))
    assert first.status_code == 200
    page = first.context["page_obj"]
    assert len(page) == 25
    assert page.paginator.count == Person.objects.filter(is_active=True).count()
    second = client.get(reverse("org:people"), {"page": 2})
    assert {p.pk for p in page}.isdisjoint({p.pk for p in second.context["page_obj"]})
    assert "Trang 2/" in second.content.decode()


def test_the_pager_keeps_the_search(client_for, staff_member):
    response = client_for(staff_member).get(reverse("org:people"), {"q": "an"})
    assert response.context["page_obj"].paginator.num_pages > 1
    assert 'href="/org/people/?q=an&amp;page=2"' in response.content.decode()


def test_a_search_ignores_case_and_diacritics(client_for, staff_member):
    client = client_for(staff_member)
    person = Person.objects.filter(full_name__startswith="Đặng").first()
    plain = client.get(reverse("org:people"), {"q": "dang"}).context["page_obj"]
    upper = client.get(reverse("org:people"), {"q": "ĐẶNG"}).context["page_obj"]
    assert person.pk in {p.pk for p in plain.paginator.object_list}
    assert [p.pk for p in plain] == [p.pk for p in upper]


def test_it_says_when_nobody_matches(client_for, staff_member):
    html = client_for(staff_member).get(reverse("org:people"), {"q": "zzzz"}).content.decode()
    assert "Không tìm thấy ai" in html


def test_htmx_gets_the_results_only(client_for, staff_member):
    response = client_for(staff_member).get(
        reverse("org:people"), {"q": "le"}, HTTP_HX_REQUEST="true"
    )
    assert "<html" not in response.content.decode()
    assert response.context["page_obj"].paginator.count > 0


def test_it_shows_current_posts_and_deputy_mandates(client_for, staff_member):
    deputy = (
        Deputy.objects.filter(term__number=16)
        .select_related("person", "delegation__province")
        .first()
    )
    html = (
        client_for(staff_member)
        .get(reverse("org:people"), {"q": deputy.person.full_name})
        .content.decode()
    )
    assert f"Đại biểu Quốc hội khóa XVI, Đoàn ĐBQH {deputy.delegation.province.name}" in html


def test_the_list_query_count_does_not_grow_with_the_page(
    client_for, staff_member, django_assert_num_queries
):
    client = client_for(staff_member)
    client.get(reverse("org:people"))
    # session, user, scope, count, page, posts, mandates, navigation
    with django_assert_num_queries(8):
        response = client.get(reverse("org:people"))
    assert len(response.context["page_obj"]) == 25
    one = Person.objects.filter(is_active=True).first()
    with django_assert_num_queries(8):
        response = client.get(reverse("org:people"), {"q": one.full_name})
    assert len(response.context["page_obj"]) == 1


def test_the_person_page_shows_posts_over_time(client_for, staff_member, world):
    membership = (
        Membership.objects.filter(unit=world.units["VPQH-VNCLP"]).select_related("person").get()
    )
    person = membership.person
    Membership.objects.create(
        person=person,
        unit=world.units["VPQH-TH"],
        position=membership.position,
        valid_from=membership.valid_to,
    )
    response = client_for(staff_member).get(reverse("org:person", args=[person.pk]))
    html = response.content.decode()
    assert [p.unit.code for p in response.context["posts"]] == ["VPQH-TH", "VPQH-VNCLP"]
    assert "06/01/2025" in html  # last day in the dissolved institute
    assert "hiện tại" in html


def test_the_person_page_of_a_deputy_lists_the_mandates(client_for, staff_member):
    deputy = Deputy.objects.filter(term__number=15).first()
    response = client_for(staff_member).get(reverse("org:person", args=[deputy.person_id]))
    assert response.context["mandates"]
    assert "Nhiệm kỳ đại biểu Quốc hội" in response.content.decode()


def test_an_unknown_person_is_a_404(client_for, staff_member):
    assert client_for(staff_member).get(reverse("org:person", args=[999999])).status_code == 404


def test_someone_without_a_role_cannot_read_the_directory(client, world):
    from dienhong.accounts.models import User

    nobody = User.objects.create_user(username="nobody", password="x" * 12)
    client.force_login(nobody)
    assert client.get(reverse("org:people")).status_code == 403
    assert client.get(reverse("org:directory")).status_code == 403
