"""Nothing holds every word (or the phrase in quotes): the search page says it shows the
documents holding some of them."""

import pytest

from dienhong.documents import indexing
from dienhong.documents.models import Document
from dienhong.documents.selectors import search_documents

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "form, said",
    [
        ('"{word} zzqqxx"', "chứa các từ của cụm từ đó"),
        ("{word} zzqqxx", "chứa đủ mọi từ đã tìm; dưới đây là các văn bản chứa một phần"),
    ],
)
def test_the_page_says_the_search_was_relaxed(client_for, secretary_general, form, said):
    document = Document.objects.filter(access="public").exclude(subject="").first()
    indexing.reindex([document.pk])
    client = client_for(secretary_general)
    # the subject's rarest word (a word in most documents is not searched for)
    word = min(
        document.subject.split(),
        key=lambda w: (search_documents(secretary_general, text=w).total or 10**9, w),
    )
    page = client.get("/documents/", {"q": form.format(word=word)})
    assert page.status_code == 200
    assert said in page.content.decode() and f"/documents/{document.pk}/" in page.content.decode()
    exact = client.get("/documents/", {"q": word})
    assert said not in exact.content.decode()
    nothing = client.get("/documents/", {"q": form.format(word="zzqqyy")})
    assert said not in nothing.content.decode()  # nothing to show: no claim about it
