"""Services and commands not covered by the page tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from dienhong.core.errors import NotFound, PermissionDenied, ValidationFailed
from dienhong.documents import blobs, delivery, jobs, selectors, services
from dienhong.documents.models import Document, DocumentLink, StoredFile
from dienhong.documents.templatetags import documents_tags
from tests.documents.conftest import text_pdf, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(world, tmp_path, run_jobs):
    path = write(tmp_path / "d.pdf", text_pdf("Về việc hồ sơ lưu trữ", number="7/VPQH-HC"))
    with run_jobs():
        return services.import_file(
            incoming=services.Incoming(name="d.pdf", path=path), owner_unit=world.units["VPQH-HC"]
        ).document


def test_dossiers_tags_and_links(world, clerk, document):
    dossier = services.create_dossier(
        actor=clerk,
        owner_unit=world.units["VPQH-HC"],
        title="Hồ sơ kỳ họp thứ 10",
        code="01/HS",
        year=2025,
    )
    services.file_in_dossier(actor=clerk, document=document, dossier=dossier)
    assert list(document.dossiers.all()) == [dossier]
    assert dossier in selectors.dossiers_visible_to(clerk)
    services.set_tags(actor=clerk, document=document, names=["Kỳ họp", " kỳ họp ", ""])
    assert [t.name for t in document.tags.all()] == ["Kỳ họp"]
    target = Document.objects.get(number="202/2025/QH15")
    link = services.link_documents(actor=clerk, source=document, target=target, kind="implements")
    with pytest.raises(ValidationFailed):
        services.link_documents(actor=clerk, source=document, target=target, kind="eats")
    with pytest.raises(ValidationFailed):
        services.link_documents(actor=clerk, source=document, target=document, kind="amends")
    secret = Document.objects.get(number="1756/QĐ-VPQH")
    with pytest.raises(NotFound):
        services.link_documents(actor=clerk, source=document, target=secret, kind="amends")
    services.unlink_documents(actor=clerk, link=link)
    assert not DocumentLink.objects.filter(pk=link.pk).exists()
    with pytest.raises(PermissionDenied):
        services.create_dossier(
            actor=world.users["chuyenvien.tonghop"], owner_unit=world.units["VPQH-HC"], title="x"
        )


def test_wrong_values_are_refused(world, clerk, document):
    with pytest.raises(ValidationFailed):
        services.upload_files(
            actor=clerk, files=[], owner_unit=world.units["VPQH-HC"], access="everyone"
        )
    with pytest.raises(ValidationFailed):
        services.upload_files(
            actor=clerk, files=[], owner_unit=world.units["VPQH-HC"], direction="sideways"
        )
    with pytest.raises(PermissionDenied):
        services.upload_files(
            actor=world.users["vanphong.hanoi"], files=[], owner_unit=world.units["VPQH-HC"]
        )
    with pytest.raises(ValidationFailed):
        services.add_version(actor=clerk, document=document, files=[])
    with pytest.raises(ValidationFailed):
        services.save_search(actor=clerk, name="  ", query="q=x")
    with pytest.raises(PermissionDenied):
        services.save_search(actor=None, name="x", query="")
    unchanged = services.update_document(actor=clerk, document=document, data={})
    assert unchanged.pk == document.pk


def test_moving_a_document_needs_rights_over_the_new_unit(world, clerk, document):
    with pytest.raises(PermissionDenied):
        services.update_document(
            actor=clerk, document=document, data={"owner_unit": world.units["VPQH-TH"]}
        )
    services.update_document(
        actor=clerk, document=document, data={"owner_unit": world.units["VPQH-HC-P1"]}
    )
    assert document.owner_unit.code == "VPQH-HC-P1"


def test_lost_blobs_are_restored_when_the_same_content_arrives(world, tmp_path, document):
    stored = document.current_version.files.get().stored
    Path(blobs.storage().path(stored.storage_name)).unlink()
    path = write(tmp_path / "again.pdf", text_pdf("Về việc hồ sơ lưu trữ", number="7/VPQH-HC"))
    again = services.store_content(services.Incoming(name="again.pdf", path=path))
    assert again.pk == stored.pk
    assert blobs.storage().exists(stored.storage_name)


def test_the_consume_job_imports_and_recovers(world, settings, run_jobs):
    folder = Path(settings.DIENHONG_CONSUME_DIR)
    write(folder / "sub" / "a.pdf", text_pdf("Về việc thư mục con"))
    write(folder / ".hidden", b"ignored")
    with run_jobs():
        result = jobs.consume_folder.call()
    assert result["consumed"] == 1 and result["requeued"] == 0
    assert result["next_run"] is None  # the immediate backend cannot defer a job
    assert Document.objects.filter(source="consume").count() == 1


def test_the_consume_job_schedules_its_next_run_on_a_deferring_queue(settings, monkeypatch, capsys):
    from types import SimpleNamespace

    settings.DIENHONG_CONSUME_INTERVAL = 30
    enqueued = []

    class Deferring:
        when = None

        def get_backend(self):
            return SimpleNamespace(supports_defer=True)

        def using(self, run_after):
            self.when = run_after
            return self

        def enqueue(self):
            enqueued.append(self.when)

    monkeypatch.setattr(jobs, "consume_folder", Deferring())
    assert jobs.schedule_next_consume() is not None
    assert len(enqueued) == 1 and enqueued[0] is not None
    call_command("consume", "--schedule")
    assert json.loads(capsys.readouterr().out) == {"scheduled": True}
    assert len(enqueued) == 2


def test_previews_of_missing_pages_are_not_found(world, client_for, document):
    vfile = document.current_version.files.get()
    client = client_for(world.users["vanthu"])
    url = f"/documents/{document.pk}/files/{vfile.pk}/pages/9.png"
    assert client.get(url).status_code == 404
    first = client.get(f"/documents/{document.pk}/files/{vfile.pk}/pages/1.png?w=200")
    again = client.get(f"/documents/{document.pk}/files/{vfile.pk}/pages/1.png?w=200")
    assert first.content == again.content  # served from the cache
    assert (
        delivery.preview(StoredFile(sha256="0" * 64, kind="other", storage_name="x"), 1, 200)
        is None
    )


def test_template_helpers():
    from datetime import date

    assert documents_tags.vndate(date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    assert documents_tags.vndate(date(2026, 11, 24)) == "ngày 24 tháng 11 năm 2026"
    assert documents_tags.vndate(None) == ""
    assert documents_tags.filesize(512) == "512 B"
    assert documents_tags.filesize(3 * 1024 * 1024) == "3.0 MB"
    assert list(documents_tags.page_range("x")) == []
    assert documents_tags.state_label("failed")


def test_reindex_all_feeds_every_document(world):
    from dienhong.documents import indexing

    pytest.importorskip("dienhong.search.engine")
    assert indexing.reindex_all() == Document.objects.count()


def test_reindex_takes_its_turn_before_it_reads_the_documents(world, monkeypatch):
    # Of two workers indexing a document at once, the later must read what the earlier
    # committed: the turn is taken (inside the transaction) before the documents are read.
    from dienhong.documents import indexing
    from dienhong.search import engine

    calls = []
    take_turns, read = engine.take_turns, indexing._documents
    monkeypatch.setattr(
        engine,
        "take_turns",
        lambda kind, ids, **options: (
            calls.append(("turn", kind, sorted(ids))) or take_turns(kind, ids, **options)
        ),
    )
    monkeypatch.setattr(
        indexing, "_documents", lambda ids: calls.append(("read", sorted(ids))) or read(ids)
    )
    ids = sorted(Document.objects.values_list("pk", flat=True))[:3]
    assert indexing.reindex([*ids, 10**9]) == 3  # an id gone: removed from the index
    assert calls == [("turn", "document", [*ids, 10**9]), ("read", [*ids, 10**9])]


@pytest.mark.slow
def test_bench_ingest_prints_json(world, capsys):
    call_command("bench_ingest", "--documents", "2", "--pages", "1", "--ocr-pages", "1")
    result = json.loads(capsys.readouterr().out)
    assert result["text_pdf"]["pages"] == 2
    assert result["ocr"]["pages"] == 1 and result["ocr"]["seconds_per_page"] > 0
