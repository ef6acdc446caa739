from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from dienhong.org.models import Province


def test_load_reference_is_idempotent(db):
    before = Province.objects.count()
    out = StringIO()
    call_command("load_reference", stdout=out)
    assert "63" in out.getvalue() and "34" in out.getvalue()
    assert Province.objects.count() == before


def test_bootstrap_refuses_an_existing_organisation(db):
    with pytest.raises(CommandError, match="đã tồn tại"):
        call_command(
            "bootstrap", root_code="X", root_name="X", admin="x", password="Mot-mat-khau-dai-2026"
        )


def test_bootstrap_refuses_weak_passwords(db):
    with pytest.raises(CommandError):
        call_command("bootstrap", root_code="X", root_name="X", admin="x", password="123")


def test_bootstrap_on_an_empty_installation(db, django_user_model):
    from unittest import mock

    from dienhong.accounts.models import RoleGrant

    # The demo world is present; hide it from the emptiness check.
    with mock.patch("dienhong.org.services.Unit.objects.exists", return_value=False):
        out = StringIO()
        call_command(
            "bootstrap",
            root_code="QH",
            root_name="Văn phòng Thử",
            admin="admin2",
            password="Mot-mat-khau-dai-2026",
            stdout=out,
        )
    assert "admin2" in out.getvalue()
    admin = django_user_model.objects.get(username="admin2")
    assert RoleGrant.objects.filter(user=admin, role="org_admin", unit__code="QH").exists()
