"""The OpenAPI document: served, checked in, complete about errors; the docs page works offline."""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.test import Client

SECURED = [{"TokenAuth": []}, {"SessionAuth": []}]
CHECKED_IN = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.json"


def test_the_checked_in_schema_is_up_to_date():
    from dienhong.api.main import openapi_text

    assert CHECKED_IN.read_text(encoding="utf-8") == openapi_text(), (
        "docs/api/openapi.json differs from the live API schema; regenerate it with:\n"
        "    .venv/bin/dienhong export_openapi\n"
        "and review the difference (it is the API's public contract)."
    )


def test_the_schema_is_served_without_login(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Diên Hồng API"
    assert "/api/v1/people" in schema["paths"]


def test_the_schema_does_not_depend_on_the_language(db):
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get("/api/v1/openapi.json").json()
    vietnamese = Client(HTTP_ACCEPT_LANGUAGE="vi").get("/api/v1/openapi.json").json()
    assert english == vietnamese


def test_every_operation_documents_its_problems():
    schema = json.loads(CHECKED_IN.read_text(encoding="utf-8"))
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            expected = {"400", "401", "403", "404", "422"} | ({"409"} if method != "get" else set())
            assert expected <= set(operation["responses"]), f"{method.upper()} {path}"
            problem = operation["responses"]["422"]["content"]
            assert problem == {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
            }
            # Public operations (published programmes, say) have no security at all.
            assert operation.get("security", SECURED) == SECURED, f"{method.upper()} {path}"


def test_the_organisation_account_and_audit_operations_need_credentials():
    schema = json.loads(CHECKED_IN.read_text(encoding="utf-8"))
    ours = [
        operation
        for operations in schema["paths"].values()
        for operation in operations.values()
        if operation["operationId"].startswith(("org_", "accounts_", "api_"))
    ]
    assert len(ours) == 25
    assert all(operation["security"] == SECURED for operation in ours)


def test_export_command_writes_and_checks(tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    target = tmp_path / "openapi.json"
    call_command("export_openapi", output=str(target))
    assert target.read_text(encoding="utf-8") == CHECKED_IN.read_text(encoding="utf-8")
    call_command("export_openapi", output=str(target), check=True)
    target.write_text("{}", encoding="utf-8")
    try:
        call_command("export_openapi", output=str(target), check=True)
    except CommandError as error:
        assert "dienhong export_openapi" in str(error)
    else:
        raise AssertionError("--check accepted an outdated file")


def test_the_docs_page_uses_only_local_assets(client_for, staff_member):
    response = client_for(staff_member).get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(asset.startswith("/static/") for asset in assets), assets
    assert not re.search(r"https?://", html.replace("http://www.w3.org", ""))
    assert '"validatorUrl": null' in html


def test_the_docs_assets_are_shipped():
    from django.contrib.staticfiles import finders

    for asset in ("ninja/swagger-ui.css", "ninja/swagger-ui-bundle.js", "ninja/swagger-ui-init.js"):
        assert finders.find(asset), asset
