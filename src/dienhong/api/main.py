"""The JSON API under /api/v1/ (Django Ninja)."""

from __future__ import annotations

from ninja import NinjaAPI

api = NinjaAPI(title="Diên Hồng API", version="1", urls_namespace="api")
