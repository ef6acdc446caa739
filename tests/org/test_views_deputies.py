"""Deputies by term and province, and the delegations of a term."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dienhong.org.models import Delegation

pytestmark = pytest.mark.django_db


def test_it_lists_the_deputies_of_the_current_term(client_for, staff_member, world):
    response = client_for(staff_member).get(reverse("org:deputies"))
    assert response.context["term"] == world.terms[16]
    assert response.context["page_obj"].paginator.count == 102
    assert "Đại biểu Quốc hội khóa XVI" in response.content.decode()


def test_it_filters_by_term_and_province(client_for, staff_member, world):
    hanoi = Delegation.objects.get(
        term=world.terms[15], province__code="01", province__valid_from__isnull=True
    )
    response = client_for(staff_member).get(
        reverse("org:deputies"), {"term": 15, "delegation": hanoi.pk}
    )
    page = response.context["page_obj"]
    assert response.context["chosen"] == hanoi
    assert page.paginator.count == 2
    assert all(d.delegation_id == hanoi.pk for d in page)


def test_it_searches_names_without_diacritics(client_for, staff_member):
    response = client_for(staff_member).get(reverse("org:deputies"), {"q": "nguyen"})
    page = response.context["page_obj"]
    assert page.paginator.count > 0
    assert all(
        d.person.full_name.startswith("Nguyễn") or "nguyen" in d.person.name_folded for d in page
    )


def test_the_deputies_query_count_is_fixed(client_for, staff_member, django_assert_num_queries):
    client = client_for(staff_member)
    client.get(reverse("org:deputies"))
    # session, user, scope, terms, current term, delegations, count, page,
    # navigation
    with django_assert_num_queries(9):
        response = client.get(reverse("org:deputies"))
    assert len(response.context["page_obj"]) == 50


def test_the_delegations_of_term_xv_include_those_before_and_after_the_merger(
    client_for, staff_member
):
    response = client_for(staff_member).get(reverse("org:delegations"), {"term": 15})
    rows = response.context["delegations"]
    assert len(rows) == 86
    assert response.context["current_count"] == 34
    html = response.content.decode()
    assert "hợp nhất vào" in html
    assert "30/06/2025" in html


def test_the_delegations_of_term_xvi_count_their_deputies(client_for, staff_member):
    response = client_for(staff_member).get(reverse("org:delegations"), {"term": 16})
    rows = response.context["delegations"]
    assert len(rows) == 34
    assert {d.deputy_count for d in rows} == {3}


def test_the_delegations_query_count_is_fixed(client_for, staff_member, django_assert_num_queries):
    client = client_for(staff_member)
    client.get(reverse("org:delegations"), {"term": 15})
    # session, user, scope, terms, delegations, navigation
    with django_assert_num_queries(6):
        client.get(reverse("org:delegations"), {"term": 15})
