"""Error pages are translated and keep the layout."""

from __future__ import annotations

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_the_404_page_is_translated(client_for, staff_member):
    response = client_for(staff_member).get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_the_403_page_is_in_english_when_chosen(client_for, staff_member):
    client = client_for(staff_member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/org/manage/")
    assert response.status_code == 403
    assert "Access denied" in response.content.decode()
