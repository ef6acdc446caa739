"""Routers of other apps are mounted when present; a broken one is not hidden."""

from __future__ import annotations

import sys
import types

import pytest
from ninja import Router

from dienhong.api import main


@pytest.fixture
def fresh_api(monkeypatch):
    api = main.DienHongAPI(title="t", version="test", urls_namespace="api-test")
    monkeypatch.setattr(main, "api", api)
    return api


def _module(monkeypatch, name, **attributes):
    module = types.ModuleType(name)
    for key, value in attributes.items():
        setattr(module, key, value)
    monkeypatch.setitem(sys.modules, name, module)


def _prefixes(api):
    return [prefix for prefix, _router in api._routers]


def test_an_app_without_api_module_is_skipped(fresh_api):
    main._mount("core")  # dienhong.core.api does not exist
    assert _prefixes(fresh_api) == [""]


def test_a_router_is_mounted_with_its_prefix(fresh_api, monkeypatch):
    _module(monkeypatch, "dienhong.fake.api", router=Router(), API_PREFIX="/fake")
    main._mount("fake")
    assert _prefixes(fresh_api) == ["", "/fake"]


def test_a_module_without_router_is_ignored(fresh_api, monkeypatch):
    _module(monkeypatch, "dienhong.fake.api")
    main._mount("fake")
    assert _prefixes(fresh_api) == [""]


def test_a_broken_import_is_not_hidden(fresh_api, monkeypatch):
    def broken_import(name, *args, **kwargs):
        raise ModuleNotFoundError("No module named 'missing_dependency'", name="missing_dependency")

    monkeypatch.setattr(main.importlib, "import_module", broken_import)
    with pytest.raises(ModuleNotFoundError):
        main._mount("fake")


def test_the_known_routers_are_mounted():
    paths = main.api.get_openapi_schema()["paths"]
    assert {"/api/v1/units", "/api/v1/me", "/api/v1/audit-events"} <= set(paths)
