"""Property-based fuzzing of the whole API from its own OpenAPI schema (schemathesis).

Every operation gets generated requests, as a user with broad read rights, as the
organisation administrator for writes, as the auditor for the audit log, and without
credentials. No answer may be a 5xx, and every answer must match the schema: its status is
documented, its content type and body conform. Runs derandomized so CI is reproducible.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = [pytest.mark.slow]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# The budget is shared by all operations, so the run stays under a minute as apps add routers;
# each operation gets at least a few positive and negative cases.
POSITIVE_BUDGET = 320
MIN_POSITIVE = 4
UNAUTHENTICATED_EXAMPLES = 3
UNAUTHENTICATED = {
    "GET /api/v1/units",
    "GET /api/v1/me",
    "POST /api/v1/units",
    "GET /api/v1/audit-events",
}


@pytest.fixture
def wsgi_app() -> Iterator[Any]:
    """Django's WSGI app inside the test transaction (as the test client does it)."""
    from django.core.wsgi import get_wsgi_application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _run(
    operation: Any,
    mode: GenerationMode,
    examples: int,
    headers: dict[str, str],
    counter: Counter[str],
    **fixed: Any,
) -> None:
    strategy = operation.as_strategy(generation_mode=mode, **fixed)

    @settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def check(case: Any) -> None:
        # Each example in a savepoint, rolled back: examples stay independent, and a database
        # error inside one (answered 500) cannot poison the test's transaction on PostgreSQL.
        with transaction.atomic():
            response = case.call(headers=headers)
            transaction.set_rollback(True)
        case.validate_response(response, checks=CHECKS, headers=headers)
        counter[f"{operation.label} {mode.value} {response.status_code}"] += 1

    check()


def test_the_api_survives_generated_requests(world: Any, wsgi_app: Any, token_for: Any) -> None:
    def bearer(username: str) -> dict[str, str]:
        # A fresh token per operation: DELETE /tokens/{id} may revoke the one in use.
        return {"Authorization": f"Bearer {token_for(world.users[username])}"}

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    known = {
        "unit_id": world.units["VPQH-TH"].pk,
        "person_id": world.users["chuyenvien.tonghop"].person.pk,
    }
    counter: Counter[str] = Counter()
    failures: dict[str, str] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    positive = max(MIN_POSITIVE, POSITIVE_BUDGET // len(operations))
    for operation in operations:
        try:
            _fuzz(operation, known, bearer, counter, positive)
        except Exception as error:  # collect every operation's failure, then report them all
            failures[operation.label] = str(error)[:2000]
    assert not failures, "\n\n".join(f"{label}:\n{message}" for label, message in failures.items())
    total = sum(counter.values())
    assert total >= 300, counter


def _fuzz(
    operation: Any, known: dict[str, int], bearer: Any, counter: Counter[str], positive: int
) -> None:
    label = operation.label
    if label.startswith("GET /api/v1/audit-events"):
        headers = bearer("kiemtoan")  # the auditor
    elif operation.method.upper() == "GET":
        headers = bearer("tongthuky")  # the Secretary-General: reads everything
    else:
        headers = bearer("quantri")  # the organisation administrator
    _run(operation, GenerationMode.POSITIVE, positive, headers, counter)
    # Some operations admit no invalid request (a free-text path segment, say).
    with contextlib.suppress(Unsatisfiable):
        _run(operation, GenerationMode.NEGATIVE, max(2, positive // 3), headers, counter)
    fixed = {name: value for name, value in known.items() if "{" + name + "}" in operation.path}
    if fixed:
        _run(
            operation,
            GenerationMode.POSITIVE,
            positive,
            headers,
            counter,
            path_parameters=fixed,
        )
    if label in UNAUTHENTICATED:
        _run(operation, GenerationMode.POSITIVE, UNAUTHENTICATED_EXAMPLES, {}, counter)
