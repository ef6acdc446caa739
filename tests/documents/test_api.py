"""The documents API: lists, detail, writes, errors as problems, scoped like the pages."""

from __future__ import annotations

import json

import pytest

from dienhong.documents.models import Document

pytestmark = pytest.mark.django_db


def post(client, path, data, method="post"):
    return getattr(client, method)(path, data=json.dumps(data), content_type="application/json")


def test_the_list_is_keyset_paginated_and_scoped(world, client_for):
    client = client_for(world.users["tongthuky"])
    first = client.get("/api/v1/documents", {"limit": 5}).json()
    assert len(first["items"]) == 5 and first["next_cursor"]
    second = client.get("/api/v1/documents", {"limit": 5, "cursor": first["next_cursor"]}).json()
    assert max(d["id"] for d in second["items"]) < min(d["id"] for d in first["items"])
    hanoi = (
        client_for(world.users["vanphong.hanoi"]).get("/api/v1/documents", {"limit": 200}).json()
    )
    assert all(
        d["access"] in ("public", "internal") or d["owner_unit_id"] == world.units["VPDD-01"].pk
        for d in hanoi["items"]
    )
    assert not any(d["access"] == "confidential" for d in hanoi["items"])
    typed = client.get("/api/v1/documents", {"type": "Nghị quyết"}).json()
    assert {d["doc_type"] for d in typed["items"]} == {"Nghị quyết"}


def test_detail_write_register_and_errors(world, client_for):
    clerk = client_for(world.users["vanthu"])
    response = post(
        clerk,
        "/api/v1/documents",
        {
            "owner_unit_id": world.units["VPQH-HC"].pk,
            "doc_type": "Công văn",
            "subject": "Về việc thử API",
            "number": "5/VPQH-HC",
            "date": "2026-01-05",
            "access": "restricted",
        },
    )
    assert response.status_code == 201, response.content
    document_id = response.json()["id"]
    detail = clerk.get(f"/api/v1/documents/{document_id}").json()
    assert detail["number"] == "5/VPQH-HC" and detail["files"] == []
    patched = post(
        clerk, f"/api/v1/documents/{document_id}", {"signer": "Nguyễn Văn An"}, method="patch"
    )
    assert patched.json()["signer"] == "Nguyễn Văn An"
    registered = clerk.post(f"/api/v1/documents/{document_id}/register")
    assert registered.json()["status"] == "registered"
    staff = client_for(world.users["vanphong.hanoi"])
    assert staff.get(f"/api/v1/documents/{document_id}").status_code == 404
    denied = post(
        client_for(world.users["chuyenvien.tonghop"]),
        "/api/v1/documents",
        {"owner_unit_id": world.units["VPQH-HC"].pk, "subject": "x"},
    )
    assert denied.status_code == 403
    assert denied["Content-Type"].startswith("application/problem+json")
    bad = post(clerk, "/api/v1/documents", {"owner_unit_id": 99999999, "subject": "x"})
    assert bad.status_code == 422
    missing = clerk.post(f"/api/v1/documents/{document_id}/files/99999/retry")
    assert missing.status_code == 404
    assert Document.objects.filter(pk=document_id, status="registered").exists()
