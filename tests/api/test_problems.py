"""Every error is application/problem+json (RFC 9457), translated, with the right status."""

from __future__ import annotations

import pytest

from dienhong.core.errors import Conflict


def _problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status
    assert body["title"] and body["detail"]
    assert body["instance"] == response.wsgi_request.path
    assert body["request_id"] == response["X-Request-ID"]
    return body


def test_malformed_json_is_a_400(api_for, org_admin):
    response = api_for(org_admin, language="en").request(
        "post", "/api/v1/units", raw='{"code": "X",'
    )
    body = _problem(response, 400)
    assert body["detail"] == "The request body is not valid JSON."
    assert body["code"] == "malformed_json"


def test_malformed_json_is_explained_in_vietnamese(api_for, org_admin):
    response = api_for(org_admin).request("post", "/api/v1/units", raw="{")
    assert _problem(response, 400)["detail"] == "Nội dung yêu cầu không phải JSON hợp lệ."


def test_an_unknown_id_is_a_404(api_for, staff_member):
    body = _problem(api_for(staff_member, language="en").get("/api/v1/units/987654"), 404)
    assert body["detail"] == "No unit with id 987654."


def test_an_invalid_date_in_the_query_names_the_field(api_for, staff_member):
    body = _problem(
        api_for(staff_member, language="en").get("/api/v1/units", {"as_of": "2025-02-30"}), 422
    )
    assert body["errors"] == [
        {
            "field": "as_of",
            "message": "Enter a valid date in the form YYYY-MM-DD.",
            "code": "date_from_datetime_parsing",
        }
    ]
    assert body["detail"].startswith("as_of:")


def test_an_invalid_date_in_the_body_names_the_field(api_for, org_admin, world):
    payload = {
        "full_name": "Nguyễn Văn Thử",
        "unit_id": world.units["VPQH-TH"].pk,
        "position_id": 1,
        "valid_from": "2026-13-01",
    }
    body = _problem(api_for(org_admin).post("/api/v1/people", payload), 422)
    assert [error["field"] for error in body["errors"]] == ["valid_from"]
    assert body["errors"][0]["message"] == "Nhập ngày hợp lệ theo dạng YYYY-MM-DD."


def test_a_missing_field_is_named(api_for, org_admin):
    body = _problem(api_for(org_admin, language="en").post("/api/v1/units", {"code": "X"}), 422)
    assert {"field": "name", "message": "This field is required.", "code": "missing"} in body[
        "errors"
    ]


def test_an_unknown_field_is_refused(api_for, org_admin, world):
    unit = world.units["VPQH-TH"]
    body = _problem(
        api_for(org_admin, language="en").patch(f"/api/v1/units/{unit.pk}", {"name": "Vụ mới"}), 422
    )
    assert body["errors"][0]["field"] == "name"
    assert body["errors"][0]["code"] == "extra_forbidden"


def test_nested_fields_are_named_with_their_path(api_for, org_admin, world):
    unit = world.units["VPQH-TH"]
    payload = {
        "parts": [{"code": "A", "name": "A"}, {"code": "", "name": "B"}],
        "effective_on": "2026-12-01",
    }
    body = _problem(
        api_for(org_admin, language="en").post(f"/api/v1/units/{unit.pk}/split", payload), 422
    )
    assert body["errors"][0]["field"] == "parts.1.code"
    assert body["errors"][0]["message"] == "This field cannot be empty."


def test_control_characters_are_refused(api_for, staff_member):
    body = _problem(
        api_for(staff_member, language="en").get("/api/v1/people", {"q": "a\x00b"}), 422
    )
    assert body["errors"][0] == {
        "field": "q",
        "message": "Remove control characters from this text.",
        "code": "value_error",
    }


def test_a_wrong_method_is_a_405_problem(api_for, staff_member):
    response = api_for(staff_member).request("put", "/api/v1/units", {})
    body = _problem(response, 405)
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "POST"}
    assert body["code"] == "method_not_allowed"


def test_an_unknown_address_is_a_404_problem(api_for, staff_member):
    assert _problem(api_for(staff_member).get("/api/v1/no-such-thing"), 404)["code"] == "not_found"


def test_a_non_numeric_id_is_a_404(api_for, staff_member):
    _problem(api_for(staff_member).get("/api/v1/units/abc"), 404)


def test_an_unexpected_error_is_a_500_without_traceback(api_for, staff_member, monkeypatch):
    from dienhong.org import selectors

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(selectors, "unit_list", broken)
    response = api_for(staff_member, language="en").get("/api/v1/units")
    body = _problem(response, 500)
    assert "secret internals" not in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert body["request_id"] in body["detail"]


def test_a_domain_conflict_is_a_409(api_for, org_admin, monkeypatch):
    from dienhong.org import services

    def conflict(**kwargs):
        raise Conflict()

    monkeypatch.setattr(services, "create_unit", conflict)
    body = _problem(api_for(org_admin).post("/api/v1/units", {"code": "X", "name": "Y"}), 409)
    assert body["code"] == "conflict"


@pytest.mark.parametrize(
    ("exception", "status"),
    [
        ("integrity", 409),
        ("django_validation", 422),
        ("django_permission", 403),
        ("does_not_exist", 404),
    ],
)
def test_framework_errors_that_escape_a_service_are_still_problems(
    api_for, org_admin, monkeypatch, exception, status
):
    from django.core import exceptions
    from django.db import IntegrityError

    from dienhong.org import services
    from dienhong.org.models import Unit

    errors = {
        "integrity": IntegrityError("duplicate"),
        "django_validation": exceptions.ValidationError({"code": ["Taken."]}),
        "django_permission": exceptions.PermissionDenied(),
        "does_not_exist": Unit.DoesNotExist(),
    }

    def fail(**kwargs):
        raise errors[exception]

    monkeypatch.setattr(services, "create_unit", fail)
    _problem(api_for(org_admin).post("/api/v1/units", {"code": "X", "name": "Y"}), status)
