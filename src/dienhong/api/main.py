"""The JSON API under /api/v1/ (Django Ninja).

Each app contributes ``router`` in ``dienhong/<app>/api.py``; it is mounted here when the
module exists. Routers declare full paths (``/units``, ``/tasks``); a module may set
``API_PREFIX`` to mount its router under a prefix instead.

Every operation needs a logged-in session or a personal token, answers errors as
``application/problem+json`` and documents those answers (400/401/403/404/422, and 409 for
writes) in the OpenAPI schema, which is checked in at ``docs/api/openapi.json``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ninja import NinjaAPI, Router
from ninja.errors import ValidationError, ValidationErrorContext
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer

from dienhong.api import problems
from dienhong.api.auth import SessionAuth, TokenAuth
from dienhong.core.schemas import FieldProblem, Problem

if TYPE_CHECKING:
    from ninja.openapi.schema import OpenAPISchema
    from ninja.operation import Operation

ROUTER_APPS = ("org", "accounts", "documents", "search", "work", "sittings")
UNSAFE = {"post", "put", "patch", "delete"}
ERROR_STATUSES = {
    400: "Bad request: the body is not valid JSON, or a rule was broken.",
    401: "Not authenticated, or the token is unknown, expired or revoked.",
    403: "Authenticated, but not allowed to do this (or the CSRF check failed).",
    404: "No such object, or not visible to you.",
    409: "Conflicts with the current state (e.g. the object is still referenced).",
    422: "Invalid input; `errors` names each field.",
}

DESCRIPTION = """\
The JSON API of Diên Hồng, the digital secretariat of the Office of the National Assembly.

**Authentication.** Send a personal token in the header `Authorization: Bearer dh_…` (create one
with `POST /api/v1/tokens` from a logged-in browser session, or in *Account → API tokens*), or
use the browser session of a logged-in user; unsafe methods then need the `X-CSRFToken` header.

**Errors** are `application/problem+json` (RFC 9457) with `detail` in the request's language
(`Accept-Language`; Vietnamese by default) and, for invalid input, `errors: [{field, message}]`.

**Lists** take `limit` (at most 200) and `offset` and answer `{count, limit, offset, items}`.
Text filters (`q`) match with or without Vietnamese diacritics.
"""


class Utf8Renderer(JSONRenderer):
    """Vietnamese stays readable (and a third shorter) when not escaped to ``\\uXXXX``."""

    json_dumps_params = {"ensure_ascii": False}


class DienHongAPI(NinjaAPI):
    def validation_error_from_error_contexts(
        self, error_contexts: list[ValidationErrorContext]
    ) -> ValidationError:
        """Name fields as the client sent them: ``valid_from``, not ``body.payload.valid_from``."""
        errors: list[dict[str, Any]] = []
        for context in error_contexts:
            model = context.model
            single_attr = getattr(model, "__read_from_single_attr__", None)
            flatten = getattr(model, "__ninja_flatten_map_reverse__", {})
            for error in context.pydantic_validation_error.errors(include_url=False):
                location = tuple(flatten.get(error["loc"], error["loc"]))
                if single_attr and location[:1] == (single_attr,):
                    location = location[1:]
                ctx = error.get("ctx") or {}
                errors.append(
                    {
                        "type": error["type"],
                        "loc": location,
                        "msg": error["msg"],
                        "ctx": dict(ctx),
                        "text_input": isinstance(error.get("input"), str),
                        "source": model.__ninja_param_source__,
                    }
                )
        return ValidationError(errors)

    def get_openapi_operation_id(self, operation: Operation) -> str:
        module = operation.view_func.__module__.split(".")
        app = module[1] if len(module) > 2 else module[-1]
        return f"{app}_{operation.view_func.__name__}"

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_problems(schema)
        return schema


def document_problems(schema: dict[str, Any]) -> None:
    """Declare the problem responses every operation can give (schemathesis holds us to it),
    and drop ``null`` from optional query parameters."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["FieldProblem"] = FieldProblem.model_json_schema()
    problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    problem.pop("$defs", None)
    components["Problem"] = problem
    content = {problems.PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                _drop_null(parameter)
            responses = operation.setdefault("responses", {})
            declared = {str(status) for status in responses}
            for status, description in ERROR_STATUSES.items():
                if status == 409 and method not in UNSAFE:
                    continue
                if str(status) not in declared:
                    responses[status] = {"description": description, "content": content}


def _drop_null(parameter: dict[str, Any]) -> None:
    """An optional query parameter is omitted, never null: say so, or clients send "null"."""
    schema = parameter.get("schema", {})
    options = schema.get("anyOf")
    if parameter.get("in") != "query" or not options:
        return
    kept = [option for option in options if option.get("type") != "null"]
    if len(kept) == 1:
        del schema["anyOf"]
        schema.update(kept[0])
    else:
        schema["anyOf"] = kept


api = DienHongAPI(
    title="Diên Hồng API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=[TokenAuth(), SessionAuth()],
    renderer=Utf8Renderer(),
    # Swagger UI is served from ninja's bundled static files; no validator badge calls out.
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
)
problems.install(api)


def _mount(app: str) -> None:
    module_name = f"dienhong.{app}.api"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name == module_name:
            return  # the app has no API yet
        raise
    router = getattr(module, "router", None)
    if isinstance(router, Router):
        api.add_router(getattr(module, "API_PREFIX", ""), router)


for _app in ROUTER_APPS:
    _mount(_app)
api.add_router("", "dienhong.api.audit.router")


def openapi_text() -> str:
    """The OpenAPI document as checked in: English descriptions, sorted keys, final newline."""
    import json

    from django.utils import translation

    with translation.override("en"):
        schema = api.get_openapi_schema()
        return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True, default=str) + "\n"
