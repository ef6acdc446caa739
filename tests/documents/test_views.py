"""Pages: registration, metadata, suggestions, versions, links, saved searches."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dienhong.core.errors import PermissionDenied, ValidationFailed
from dienhong.documents import services
from dienhong.documents.models import Access, Document, DocumentLink, SavedSearch
from tests.documents.conftest import text_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world, clerk, client_for, run_jobs):
    with run_jobs():
        client_for(clerk).post(
            reverse("documents:upload"),
            {
                "owner_unit": world.units["VPQH-HC"].pk,
                "direction": "incoming",
                "access": "internal",
                "files": [
                    SimpleUploadedFile(
                        "cv.pdf", text_pdf("Về việc mua sắm thiết bị", number="301/VPQH-HC")
                    )
                ],
            },
        )
    return Document.objects.get(current_version__files__name="cv.pdf")


def test_the_clerk_accepts_suggestions_and_registers(draft, clerk, client_for):
    client = client_for(clerk)
    page = client.get(reverse("documents:detail", args=[draft.pk])).content.decode()
    assert "301/VPQH-HC" in page and 'name="field"' in page
    client.post(
        reverse("documents:accept_suggestions", args=[draft.pk]),
        {"field": ["number", "date", "type", "issuer", "subject", "signer"]},
    )
    draft.refresh_from_db()
    assert (draft.number, draft.date, draft.doc_type) == (
        "301/VPQH-HC",
        date(2025, 12, 10),
        "Công văn",
    )
    assert draft.subject == "Mua sắm thiết bị" and draft.signer == "Nguyễn Văn An"
    response = client.post(reverse("documents:register", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "registered" and draft.register_number >= 1


def test_the_processing_record_and_the_file_read_in_words(draft, clerk, client_for):
    client = client_for(clerk)
    client.get(reverse("documents:detail", args=[draft.pk]))
    page = client.get(reverse("documents:detail", args=[draft.pk])).content.decode()
    record = page[page.index('class="trail"') :]
    assert '<span title="document.viewed">xem</span>' in record
    assert '<span title="document.received">tiếp nhận</span>' in record
    assert "lớp chữ có sẵn" in page  # a text PDF: its own text layer
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("documents:detail", args=[draft.pk])).content.decode()
    assert '<span title="document.viewed">viewed</span>' in page and "text layer" in page


def test_registration_needs_a_subject_and_a_date(world, clerk):
    document = services.create_document(
        actor=clerk, owner_unit=world.units["VPQH-HC"], subject="Giấy tờ chưa có ngày"
    )
    with pytest.raises(ValidationFailed):
        services.register_document(actor=clerk, document=document)


def test_staff_cannot_register_or_edit_others_documents(draft, world, client_for):
    staff = world.users["chuyenvien.tonghop"]
    with pytest.raises(PermissionDenied):
        services.register_document(actor=staff, document=draft)
    response = client_for(staff).get(reverse("documents:edit", args=[draft.pk]))
    assert response.status_code == 404


def test_editing_metadata_access_and_tags(draft, clerk, client_for, world):
    client = client_for(clerk)
    form = {
        "direction": "incoming",
        "doc_type": "Công văn",
        "number": "301/VPQH-HC",
        "date": "2025-12-10",
        "issuer": "Văn phòng Quốc hội",
        "subject": "Mua sắm thiết bị",
        "signer": "Nguyễn Văn An",
        "urgency": "urgent",
        "confidentiality": "normal",
        "page_count": "1",
        "retention": "10",
        "tags": "mua sắm, thiết bị",
        "acl-access": "restricted",
        "acl-units": "VPQH-TH",
        "acl-users": "kiemtoan",
    }
    assert client.get(reverse("documents:edit", args=[draft.pk])).status_code == 200
    response = client.post(reverse("documents:edit", args=[draft.pk]), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.access == Access.RESTRICTED and draft.urgency == "urgent"
    assert {t.name for t in draft.tags.all()} == {"mua sắm", "thiết bị"}
    assert [u.code for u in draft.allowed_units.all()] == ["VPQH-TH"]
    assert [u.username for u in draft.allowed_users.all()] == ["kiemtoan"]
    bad = client.post(reverse("documents:edit", args=[draft.pk]), {**form, "acl-units": "NOPE"})
    assert bad.status_code == 422


def test_a_classified_document_becomes_confidential(draft, clerk):
    services.update_document(actor=clerk, document=draft, data={"confidentiality": "secret"})
    assert draft.access == Access.CONFIDENTIAL
    with pytest.raises(ValidationFailed):
        services.set_access(actor=clerk, document=draft, access=Access.INTERNAL)


def test_a_new_version_keeps_the_old_one(draft, clerk, client_for, run_jobs):
    client = client_for(clerk)
    with run_jobs():
        client.post(
            reverse("documents:add_version", args=[draft.pk]),
            {
                "note": "Bản có chữ ký",
                "files": [
                    SimpleUploadedFile(
                        "cv-signed.pdf", text_pdf("Về việc mua sắm thiết bị (bản ký)")
                    )
                ],
            },
        )
    draft.refresh_from_db()
    assert draft.versions.count() == 2 and draft.current_version.number == 2
    page = client.get(reverse("documents:detail", args=[draft.pk])).content.decode()
    assert "cv-signed.pdf" in page and "cv.pdf" in page


def test_links_between_documents(draft, world, clerk, client_for):
    target = Document.objects.get(number="1097/2015/UBTVQH13")
    client = client_for(clerk)
    client.post(
        reverse("documents:add_link", args=[draft.pk]), {"kind": "implements", "target": target.pk}
    )
    assert DocumentLink.objects.filter(source=draft, target=target, kind="implements").exists()
    page = client.get(reverse("documents:detail", args=[target.pk])).content.decode()
    assert reverse("documents:detail", args=[draft.pk]) in page
    response = client.post(
        reverse("documents:add_link", args=[draft.pk]),
        {"kind": "implements", "target": 999999},
        follow=True,
    )
    assert DocumentLink.objects.filter(source=draft).count() == 1
    assert response.status_code == 200


def test_a_document_registered_by_hand(world, clerk, client_for):
    client = client_for(clerk)
    assert client.get(reverse("documents:create")).status_code == 200
    response = client.post(
        reverse("documents:create"),
        {
            "owner_unit": world.units["VPQH-HC"].pk,
            "access": "internal",
            "direction": "incoming",
            "doc_type": "Giấy mời",
            "number": "12/GM-UBTVQH",
            "date": "2025-10-01",
            "issuer": "Ủy ban Thường vụ Quốc hội",
            "subject": "Dự phiên họp thứ 50",
            "signer": "",
            "urgency": "normal",
            "confidentiality": "normal",
            "page_count": "",
            "retention": "",
        },
    )
    assert response.status_code == 302
    assert Document.objects.filter(number="12/GM-UBTVQH", source="manual").exists()


def test_saved_searches_belong_to_their_owner(world, clerk, client_for):
    client = client_for(clerk)
    client.post(reverse("documents:save_search"), {"name": "Kỳ họp", "query": "q=ky+hop"})
    saved = SavedSearch.objects.get(user=clerk)
    assert saved.query == "q=ky+hop"
    other = client_for(world.users["vutruong.tonghop"])
    assert other.post(reverse("documents:delete_search", args=[saved.pk])).status_code == 404
    client.post(reverse("documents:delete_search", args=[saved.pk]))
    assert not SavedSearch.objects.filter(pk=saved.pk).exists()


def test_upload_page_is_for_people_who_may_add(world, client_for):
    assert client_for(world.users["vanthu"]).get(reverse("documents:upload")).status_code == 200
    assert client_for(world.users["kiemtoan"]).get(reverse("documents:upload")).status_code == 200
    assert client_for(world.users["quantri"]).get(reverse("documents:list")).status_code == 200


def test_the_list_shows_the_newest_documents_with_dates_in_vietnamese(world, client_for):
    page = client_for(world.users["tongthuky"]).get(reverse("documents:list")).content.decode()
    assert "ngày 12 tháng 6 năm 2025" in page or "ngày 22 tháng 12 năm 2015" in page


def test_dossiers_are_opened_and_documents_filed(draft, world, clerk, client_for):
    client = client_for(clerk)
    assert client.get(reverse("documents:dossiers")).status_code == 200
    response = client.post(
        reverse("documents:dossiers"),
        {
            "owner_unit": world.units["VPQH-HC"].pk,
            "code": "05/HS",
            "title": "Hồ sơ mua sắm 2025",
            "year": "2025",
            "retention": "10",
        },
    )
    assert response.status_code == 302
    from dienhong.documents.models import Dossier

    dossier = Dossier.objects.get(code="05/HS")
    assert (
        "Hồ sơ mua sắm 2025"
        in client.get(reverse("documents:detail", args=[draft.pk])).content.decode()
    )
    client.post(reverse("documents:file_in_dossier", args=[draft.pk]), {"dossier": dossier.pk})
    assert list(draft.dossiers.all()) == [dossier]
    listed = client.get(reverse("documents:list"), {"dossier": dossier.pk}).content.decode()
    assert reverse("documents:detail", args=[draft.pk]) in listed
    assert client.post(reverse("documents:dossiers"), {"title": ""}).status_code == 422
    bad = client.post(
        reverse("documents:file_in_dossier", args=[draft.pk]), {"dossier": "x"}, follow=True
    )
    assert bad.status_code == 200
    staff = client_for(world.users["chuyenvien.tonghop"])
    assert staff.post(reverse("documents:dossiers"), {"title": "x"}).status_code == 404
