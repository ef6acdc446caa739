"""List endpoints answer in a fixed number of queries, whatever the page size (no N+1)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

# Queries per request with a warm token: token+user (1), scope (1), count (1), page (1), plus
# one per prefetched relation.
LISTS = {
    "/api/v1/units": ({}, 4),
    "/api/v1/units?as_of=2025-01-01": ({}, 4),
    "/api/v1/people": ({}, 5),
    "/api/v1/people?unit={unit}": ({}, 6),
    "/api/v1/positions": ({}, 3),
    "/api/v1/terms": ({}, 4),
    "/api/v1/bodies": ({}, 3),
    "/api/v1/provinces?history=true": ({}, 3),
    "/api/v1/delegations": ({}, 4),
    "/api/v1/deputies": ({}, 4),
    "/api/v1/tokens": ({}, 3),
}


def _count(api, url):
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url)
    assert response.status_code == 200, response.content
    return len(queries), response.json()


@pytest.mark.parametrize(("url", "expected"), [(url, spec[1]) for url, spec in LISTS.items()])
def test_a_list_costs_the_same_for_5_or_200_items(api_for, secretary_general, world, url, expected):
    api = api_for(secretary_general)
    api.get("/api/v1/me")  # the token's first use is recorded once; later requests only read it
    url = url.format(unit=world.root.pk)
    sep = "&" if "?" in url else "?"
    small, small_body = _count(api, f"{url}{sep}limit=5")
    large, large_body = _count(api, f"{url}{sep}limit=200")
    assert small == large == expected
    assert len(large_body["items"]) >= len(small_body["items"])


def test_the_audit_log_costs_the_same_for_5_or_200_events(api_for, auditor):
    api = api_for(auditor)
    api.get("/api/v1/me")
    small, _ = _count(api, "/api/v1/audit-events?limit=5")
    large, body = _count(api, "/api/v1/audit-events?limit=200")
    assert len(body["items"]) == 200
    assert small == large == 4


def test_a_unit_page_does_not_grow_with_its_children(api_for, secretary_general, world):
    api = api_for(secretary_general)
    api.get("/api/v1/me")
    few, _ = _count(api, f"/api/v1/units/{world.units['VPQH-TH'].pk}")
    many, body = _count(api, f"/api/v1/units/{world.units['VPDDBQH'].pk}")
    assert len(body["children"]) == 34
    assert few == many
