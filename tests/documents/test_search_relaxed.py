"""A mistyped phrase in quotes: the search page says it shows the results for its words."""

import pytest

from dienhong.documents import indexing
from dienhong.documents.models import Document

pytestmark = pytest.mark.django_db


def test_the_page_says_the_phrase_was_relaxed(client_for, secretary_general):
    document = Document.objects.filter(access="public").exclude(subject="").first()
    indexing.reindex([document.pk])
    word = document.subject.split()[0]
    client = client_for(secretary_general)
    page = client.get("/documents/", {"q": f'"{word} zzqqxx"'})
    assert page.status_code == 200
    assert "chứa các từ của cụm từ đó" in page.content.decode()
    exact = client.get("/documents/", {"q": word})
    assert "chứa các từ của cụm từ đó" not in exact.content.decode()
