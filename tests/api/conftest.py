"""Fixtures for the API tests: personal tokens and clients that send them."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client


class ApiClient:
    """A test client speaking JSON with a bearer token (or a session), one language."""

    def __init__(self, client: Client, *, language: str = "vi") -> None:
        self.client = client
        self.language = language

    def request(
        self, method: str, path: str, data: Any = None, *, raw: str | None = None, **extra: Any
    ) -> Any:
        extra.setdefault("HTTP_ACCEPT_LANGUAGE", self.language)
        kwargs: dict[str, Any] = {}
        if method == "get":
            kwargs["data"] = data
        elif raw is not None or data is not None:
            kwargs["data"] = raw if raw is not None else json.dumps(data)
            kwargs["content_type"] = "application/json"
        return getattr(self.client, method)(path, **kwargs, **extra)

    def get(self, path: str, params: dict[str, Any] | None = None, **extra: Any) -> Any:
        return self.request("get", path, params, **extra)

    def post(self, path: str, data: Any = None, **extra: Any) -> Any:
        return self.request("post", path, data, **extra)

    def patch(self, path: str, data: Any = None, **extra: Any) -> Any:
        return self.request("patch", path, data, **extra)

    def delete(self, path: str, **extra: Any) -> Any:
        return self.request("delete", path, **extra)


@pytest.fixture
def token_for(db: Any) -> Callable[..., str]:
    """``token_for(user)`` → the secret of a new personal token of ``user``."""
    from dienhong.accounts.services import create_api_token

    def make(user: Any, *, days: int | None = None) -> str:
        _token, secret = create_api_token(actor=user, name="tests", days=days)
        return secret

    return make


@pytest.fixture
def api_for(token_for: Callable[..., str]) -> Callable[..., ApiClient]:
    """``api_for(user)`` → an ``ApiClient`` authenticated with a fresh token of ``user``."""

    def make(user: Any, *, language: str = "vi") -> ApiClient:
        client = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(user)}")
        return ApiClient(client, language=language)

    return make


@pytest.fixture
def anonymous_api() -> ApiClient:
    return ApiClient(Client())
