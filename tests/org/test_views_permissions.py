"""Who may open and use the administration pages: role × action → allowed or denied."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROLE_USERS = {
    "staff": "chuyenvien.tonghop",
    "clerk": "vanthu",
    "unit_head": "vutruong.tonghop",
    "leader": "tongthuky",
    "org_admin": "quantri",
    "auditor": "kiemtoan",
}

ACTIONS = {
    "open administration": ("get", "org:manage", [], None),
    "list units": ("get", "org:manage_units", [], None),
    "create unit": (
        "post",
        "org:unit_create",
        [],
        {
            "code": "PM-1",
            "name": "Phòng Ma trận",
            "kind": "division",
            "effective_on": "2026-01-05",
            "parent": "@VPQH-TH",
        },
    ),
    "edit unit details": (
        "post",
        "org:unit_edit",
        ["@VPQH-TH"],
        {"kind": "department", "short_name": "T"},
    ),
    "rename unit": (
        "post",
        "org:unit_change",
        ["@VPQH-CDS", "rename"],
        {"name": "Vụ Số", "effective_on": "2026-05-01"},
    ),
    "list positions": ("get", "org:manage_positions", [], None),
    "list people": ("get", "org:manage_people", [], None),
    "create person": ("post", "org:person_create", [], {"full_name": "Phạm Ma Trận"}),
    "list role grants": ("get", "org:manage_roles", [], None),
    "grant role": (
        "post",
        "org:manage_roles",
        [],
        {"username": "vanthu", "role": "staff", "unit": "@VPQH-TH"},
    ),
    "read audit log": ("get", "site:audit", [], None),
}

ALLOWED = {
    "org_admin": set(ACTIONS) - {"read audit log"},
    "auditor": {"read audit log"},
}


def resolve(value, world):
    return world.units[value[1:]].pk if isinstance(value, str) and value.startswith("@") else value


@pytest.mark.parametrize("role", list(ROLE_USERS))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_the_permission_matrix(role, action, world, client_for):
    client = client_for(world.users[ROLE_USERS[role]])
    method, name, args, data = ACTIONS[action]
    url = reverse(name, args=[resolve(a, world) for a in args])
    payload = {k: resolve(v, world) for k, v in (data or {}).items()}
    response = client.post(url, payload) if method == "post" else client.get(url)
    if action in ALLOWED.get(role, set()):
        assert response.status_code in (200, 302), (role, action, response.status_code)
    else:
        assert response.status_code == 403, (role, action, response.status_code)
        assert "Không có quyền truy cập" in response.content.decode()


def test_the_navigation_shows_administration_to_administrators_only(world, client_for):
    for role, username in ROLE_USERS.items():
        html = client_for(world.users[username]).get(reverse("site:home")).content.decode()
        assert (f'href="{reverse("org:manage")}"' in html) == (role == "org_admin"), role
        assert (f'href="{reverse("site:audit")}"' in html) == (role == "auditor"), role


def test_an_administrator_must_pass_the_second_factor_first(world, client):
    client.force_login(world.users["quantri"])
    response = client.get(reverse("org:manage"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor"))
