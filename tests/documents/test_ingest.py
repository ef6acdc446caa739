"""Bringing files in: upload, dedupe, size limit, bad files, retry, killed workers, import,
consume folder. Real files are generated here."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from dienhong.documents import services
from dienhong.documents.models import Document, ExtractionStatus, StoredFile
from tests.documents.conftest import text_pdf, write

pytestmark = pytest.mark.django_db


def upload(client, files, unit, run_jobs, **extra):
    data = {
        "owner_unit": unit.pk,
        "direction": "incoming",
        "access": "internal",
        **extra,
        "files": [SimpleUploadedFile(name, content) for name, content in files],
    }
    with run_jobs():
        return client.post(reverse("documents:upload"), data)


def doc_named(name):
    return Document.objects.filter(current_version__files__name=name).get()


def test_it_uploads_many_files_and_digitizes_them(world, client_for, clerk, run_jobs):
    unit = world.units["VPQH-HC"]
    pdf = text_pdf("Về việc tổ chức hội nghị", number="77/VPQH-HC")
    response = upload(
        client_for(clerk), [("a.pdf", pdf), ("b.pdf", text_pdf("Về việc khác"))], unit, run_jobs
    )
    assert response.status_code == 200
    document = doc_named("a.pdf")
    stored = document.current_version.files.get().stored
    assert stored.status == ExtractionStatus.DONE and stored.method == "text"
    assert "tổ chức hội nghị" in stored.text
    assert document.suggestions["number"] == "77/VPQH-HC"
    assert document.page_count == 1
    assert doc_named("b.pdf").owner_unit == unit


def test_the_same_content_is_stored_once_and_not_registered_twice(
    world, client_for, clerk, run_jobs
):
    unit = world.units["VPQH-HC"]
    pdf = text_pdf("Về việc trùng lặp")
    client = client_for(clerk)
    upload(client, [("one.pdf", pdf)], unit, run_jobs)
    response = upload(client, [("copy.pdf", pdf)], unit, run_jobs)
    assert (
        "đã có trong hệ thống" in response.content.decode()
        or "already" in response.content.decode()
    )
    assert StoredFile.objects.filter(size=len(pdf)).count() == 1
    assert Document.objects.filter(versions__files__stored__size=len(pdf)).count() == 1


def test_a_file_over_the_limit_is_refused_and_the_others_arrive(
    world, client_for, clerk, run_jobs, settings
):
    settings.DIENHONG_MAX_UPLOAD_BYTES = 60_000
    small = text_pdf("Về việc nhỏ")
    big = b"%PDF-1.4\n" + b"0" * 200_000
    response = upload(
        client_for(clerk),
        [("big.pdf", big), ("small.pdf", small)],
        world.units["VPQH-HC"],
        run_jobs,
    )
    assert response.status_code == 200
    assert "big.pdf" in response.content.decode()
    assert not Document.objects.filter(current_version__files__name="big.pdf").exists()
    assert doc_named("small.pdf")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.pdf", b"", "empty"),
        ("corrupt.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 20, "damaged"),
        ("program.exe", b"MZ\x90\x00" + b"\x00\xff" * 500, "unsupported"),
    ],
)
def test_bad_files_fail_with_a_clear_reason(
    world, client_for, clerk, run_jobs, name, content, code
):
    upload(client_for(clerk), [(name, content)], world.units["VPQH-HC"], run_jobs)
    stored = doc_named(name).current_version.files.get().stored
    assert stored.status == ExtractionStatus.FAILED
    assert stored.reason_code == code
    page = client_for(clerk).get(reverse("documents:detail", args=[doc_named(name).pk]))
    assert page.status_code == 200
    assert (
        reverse(
            "documents:retry",
            args=[doc_named(name).pk, doc_named(name).current_version.files.get().pk],
        )
        in page.content.decode()
    )


def test_an_encrypted_and_a_truncated_pdf_fail_without_stopping_the_others(
    world, client_for, clerk, run_jobs
):
    import pikepdf

    source = pikepdf.open(io.BytesIO(text_pdf("Về việc mật khẩu")))
    out = io.BytesIO()
    source.save(out, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    good = text_pdf("Về việc vẫn đến nơi")
    truncated = text_pdf("Về việc bị cắt", pages=2)[:700]
    upload(
        client_for(clerk),
        [("locked.pdf", out.getvalue()), ("cut.pdf", truncated), ("good.pdf", good)],
        world.units["VPQH-HC"],
        run_jobs,
    )
    locked = doc_named("locked.pdf").current_version.files.get().stored
    cut = doc_named("cut.pdf").current_version.files.get().stored
    assert (locked.status, locked.reason_code) == ("failed", "encrypted")
    assert (cut.status, cut.reason_code) == ("failed", "damaged")
    assert doc_named("good.pdf").current_version.files.get().stored.status == "done"


def test_a_decompression_bomb_image_is_refused(world, client_for, clerk, run_jobs, settings):
    settings.DIENHONG_MAX_IMAGE_PIXELS = 1_000_000
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (4000, 4000), 1).save(out, format="PNG")  # 16 Mpx in a few kB
    assert len(out.getvalue()) < 10_000
    upload(client_for(clerk), [("bomb.png", out.getvalue())], world.units["VPQH-HC"], run_jobs)
    stored = doc_named("bomb.png").current_version.files.get().stored
    assert (stored.status, stored.reason_code) == ("failed", "image_too_large")


def test_docx_and_xlsx_are_read(world, client_for, clerk, run_jobs, tmp_path):
    import docx
    import openpyxl

    document = docx.Document()
    document.add_paragraph("VĂN PHÒNG QUỐC HỘI")
    document.add_paragraph("Số: 12/VPQH-HC")
    document.add_paragraph("V/v kiểm kê tài sản năm 2025")
    document.save(tmp_path / "a.docx")
    book = openpyxl.Workbook()
    book.active.append(["Đơn vị", "Số văn bản"])
    book.active.append(["Vụ Hành chính", 42])
    book.save(tmp_path / "b.xlsx")
    upload(
        client_for(clerk),
        [
            ("a.docx", (tmp_path / "a.docx").read_bytes()),
            ("b.xlsx", (tmp_path / "b.xlsx").read_bytes()),
        ],
        world.units["VPQH-HC"],
        run_jobs,
    )
    word = doc_named("a.docx")
    assert word.suggestions["number"] == "12/VPQH-HC"
    assert word.suggestions["subject"] == "Kiểm kê tài sản năm 2025"
    sheet = doc_named("b.xlsx").current_version.files.get().stored
    assert "Vụ Hành chính 42" in sheet.text, (sheet.status, sheet.reason)


def test_a_zip_that_is_not_office_is_unsupported(world, client_for, clerk, run_jobs):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "xin chào")
    upload(client_for(clerk), [("archive.zip", out.getvalue())], world.units["VPQH-HC"], run_jobs)
    assert doc_named("archive.zip").current_version.files.get().stored.reason_code == "unsupported"


def test_a_failed_file_can_be_retried(world, client_for, clerk, run_jobs):
    client = client_for(clerk)
    upload(client, [("x.bin", b"\x00\x01\x02" * 10)], world.units["VPQH-HC"], run_jobs)
    document = doc_named("x.bin")
    vfile = document.current_version.files.get()
    with run_jobs():
        response = client.post(reverse("documents:retry", args=[document.pk, vfile.pk]))
    assert response.status_code == 302
    vfile.stored.refresh_from_db()
    assert vfile.stored.status == "failed" and vfile.stored.attempts == 1
    with run_jobs():
        client.post(reverse("documents:retry", args=[document.pk, vfile.pk]))
    # a file that is done cannot be "retried"
    StoredFile.objects.filter(pk=vfile.stored_id).update(status="done")
    response = client.post(reverse("documents:retry", args=[document.pk, vfile.pk]), follow=True)
    assert "Chỉ" in response.content.decode() or "Only" in response.content.decode()


def test_a_worker_killed_during_ocr_leaves_a_file_that_is_requeued(
    world, run_jobs, tmp_path, time_machine
):
    path = write(tmp_path / "in" / "a.pdf", text_pdf("Về việc bị gián đoạn"))
    with run_jobs():
        outcome = services.import_file(
            incoming=services.Incoming(name="a.pdf", path=path), owner_unit=world.units["VPQH-TH"]
        )
    stored = outcome.stored
    # simulate a worker that claimed the file and died: processing, lease running
    StoredFile.objects.filter(pk=stored.pk).update(
        status="processing", attempts=1, lease_until=timezone.now() + timedelta(hours=1)
    )
    assert services.process_file(stored.pk) == "processing"  # another worker does not touch it
    assert services.requeue_stale()["requeued"] == 0
    time_machine.move_to(timezone.now() + timedelta(hours=2))
    with run_jobs():
        summary = services.requeue_stale()
    assert summary["requeued"] == 1
    stored.refresh_from_db()
    assert stored.status == "done" and stored.attempts == 2
    assert Document.objects.filter(versions__files__stored=stored).count() == 1


def test_a_file_that_keeps_killing_workers_is_given_up(world, run_jobs, tmp_path, time_machine):
    path = write(tmp_path / "a.pdf", text_pdf("Về việc treo máy"))
    outcome = services.import_file(
        incoming=services.Incoming(name="a.pdf", path=path), owner_unit=world.units["VPQH-TH"]
    )
    StoredFile.objects.filter(pk=outcome.stored.pk).update(
        status="processing",
        attempts=services.MAX_AUTO_ATTEMPTS,
        lease_until=timezone.now() - timedelta(minutes=1),
    )
    assert services.requeue_stale()["given_up"] == 1
    outcome.stored.refresh_from_db()
    assert (outcome.stored.status, outcome.stored.reason_code) == ("failed", "interrupted")


def test_import_is_recursive_idempotent_and_prints_json(world, tmp_path, capsys, run_jobs):
    for index in range(3):
        write(
            tmp_path / "archive" / f"y{index}" / f"doc{index}.pdf",
            text_pdf(f"Về việc lưu trữ số {index}", number=f"{index + 1}/VPQH-HC"),
        )
    write(tmp_path / "archive" / "copy.pdf", (tmp_path / "archive/y0/doc0.pdf").read_bytes())
    with run_jobs():
        call_command("import", str(tmp_path / "archive"), "--unit", "VPQH-HC", "--no-progress")
    first = json.loads(capsys.readouterr().out)
    assert (first["files"], first["imported"], first["duplicates"]) == (4, 3, 1)
    call_command("import", str(tmp_path / "archive"), "--no-progress")
    second = json.loads(capsys.readouterr().out)
    assert (second["imported"], second["duplicates"]) == (0, 4)
    names = ["doc0.pdf", "doc1.pdf", "doc2.pdf", "copy.pdf"]
    imported = Document.objects.filter(versions__files__name__in=names)
    assert imported.count() == 3
    assert {d.owner_unit.code for d in imported} == {"VPQH-HC"}


def test_the_consume_folder_is_emptied_into_documents(world, settings, run_jobs, capsys):
    from pathlib import Path

    folder = Path(settings.DIENHONG_CONSUME_DIR)
    write(folder / "scan-in.pdf", text_pdf("Về việc thư mục theo dõi"))
    with run_jobs():
        call_command("consume")
    summary = json.loads(capsys.readouterr().out)
    assert summary["consumed"] == 1
    assert not (folder / "scan-in.pdf").exists()
    document = Document.objects.get(source="consume")
    assert document.current_version.files.get().stored.status == "done"
