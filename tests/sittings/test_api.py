"""The sittings API: public programmes and their differences; sessions; publishing."""

from __future__ import annotations

import json

from django.test import Client

from dienhong.sittings import services


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_the_published_programme_is_public(event, leader):
    services.publish_programme(actor=leader, session=event, reason="Lần đầu", based_on=0)
    item = event.sittings.first().items.first()
    services.move_item(actor=leader, item=item, sitting=event.sittings.last())
    services.publish_programme(actor=leader, session=event, reason="Chuyển", based_on=1)
    client = Client()
    response = client.get(f"/api/v1/programmes/{event.slug}")
    assert response.status_code == 200
    data = response.json()
    assert data["version"]["number"] == 2 and data["version"]["reason"] == "Chuyển"
    assert data["session"]["published_number"] == 2
    assert len(data["sittings"]) == 4
    first = data["sittings"][0]["items"][0]
    assert set(first) >= {
        "key",
        "kind",
        "title",
        "presenter",
        "position",
        "start",
        "end",
        "duration",
        "documents",
    }
    old = client.get(f"/api/v1/programmes/{event.slug}/versions/1").json()
    assert old["version"]["number"] == 1
    diff = client.get(f"/api/v1/programmes/{event.slug}/diff?a=1&b=2").json()
    moved = [c for c in diff["changes"] if c["key"] == f"i{item.pk}"]
    assert moved and moved[0]["kind"] == "moved"
    assert moved[0]["before"]["date"] == "2027-03-08" and moved[0]["after"]["date"] == "2027-03-09"
    assert diff["counts"]["moved"] >= 1
    assert client.get(f"/api/v1/programmes/{event.slug}/versions/5").status_code == 404
    assert client.get("/api/v1/programmes/khong-co").status_code == 404


def test_sessions_need_authentication(event):
    response = Client().get("/api/v1/sessions")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")


def test_sessions_list_and_draft(event, leader, client_for, world):
    client = client_for(world.users["vanthu"])
    page = client.get("/api/v1/sessions?kind=event&limit=50").json()
    assert any(item["id"] == event.pk for item in page["items"])
    detail = client.get(f"/api/v1/sessions/{event.pk}").json()
    assert detail["slug"] == event.slug and detail["published_number"] == 0
    draft = client.get(f"/api/v1/sessions/{event.pk}/draft").json()
    assert draft["version"] is None and len(draft["sittings"]) == 4
    assert client.get(f"/api/v1/sessions/{event.pk}/versions").json() == []
    assert client.get("/api/v1/sessions/99999999").status_code == 404


def test_publishing_through_the_api(event, leader, client_for, world):
    client = client_for(leader)
    url = f"/api/v1/sessions/{event.pk}/versions"
    created = _post(client, url, {"reason": "Công bố", "based_on": 0})
    assert created.status_code == 201 and created.json()["number"] == 1
    again = _post(client, url, {"reason": "Lại", "based_on": 1})
    assert again.status_code == 422 and again.json()["code"] == "no_change"
    conflict = _post(client, url, {"reason": "Cũ", "based_on": 0})
    assert conflict.status_code == 409 and conflict.json()["code"] == "publish_conflict"
    assert client.get(url).json()[0]["number"] == 1
    refused = _post(
        client_for(world.users["vutruong.tonghop"]), url, {"reason": "X", "based_on": 1}
    )
    assert refused.status_code == 403
    invalid = _post(client, url, {"reason": "X", "based_on": -1})
    assert invalid.status_code == 422


def test_people_without_the_view_permission_are_refused(event, world, client_for):
    from dienhong.accounts.models import RoleGrant

    user = world.users["kiemtoan"]
    RoleGrant.objects.filter(user=user, role="staff").delete()
    client = client_for(user)
    assert client.get("/api/v1/sessions").status_code == 403
    assert client.get(f"/api/v1/sessions/{event.pk}").status_code == 403
