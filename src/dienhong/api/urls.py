"""URLs of /api/v1/: ninja's operations, each wrapped so that a wrong method, an unknown
address or an error escaping ninja still answers ``application/problem+json``."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from dienhong.api.main import api
from dienhong.api.problems import PROBLEM_CONTENT_TYPE, on_not_found, problem_response

View = Callable[..., HttpResponse]


def as_problems(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except Http404 as error:
            return on_not_found(request, error)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            PROBLEM_CONTENT_TYPE
        ):
            allowed = response.get("Allow", "")
            return problem_response(
                request,
                405,
                _("The method %(method)s is not allowed here; use %(allowed)s.")
                % {"method": request.method, "allowed": allowed},
                code="method_not_allowed",
                headers={"Allow": allowed},
            )
        return response

    return wrapper


@csrf_exempt
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return on_not_found(request, Http404())


def _wrapped(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    result: list[URLPattern | URLResolver] = []
    for pattern in patterns:
        if isinstance(pattern, URLPattern) and pattern.name not in {"openapi-json", "openapi-view"}:
            pattern = URLPattern(
                pattern.pattern, as_problems(pattern.callback), pattern.default_args, pattern.name
            )
        result.append(pattern)
    return result


_patterns, _app_name, _namespace = api.urls
urlpatterns = [
    path("", (_wrapped(_patterns), _app_name, _namespace)),
    re_path(r"^.*$", not_found, name="api-not-found"),
]
