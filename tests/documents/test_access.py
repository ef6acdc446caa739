"""The permission matrix: who sees which document in lists, pages, downloads and previews."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from django.urls import reverse

from dienhong.core.models import AuditEvent
from dienhong.documents import blobs, selectors, services
from dienhong.documents.models import Access, Document
from tests.documents.conftest import text_pdf, write

pytestmark = pytest.mark.django_db

PEOPLE = [
    "tongthuky",
    "vutruong.tonghop",
    "chuyenvien.tonghop",
    "vanthu",
    "vanphong.hanoi",
    "kiemtoan",
]
# access level → who may see a document owned by Vụ Tổng hợp (restricted: also Vụ Hành chính;
# confidential: also chuyenvien.tonghop by name)
ALLOWED = {
    Access.PUBLIC: set(PEOPLE),
    Access.INTERNAL: set(PEOPLE),
    Access.RESTRICTED: {"tongthuky", "vutruong.tonghop", "chuyenvien.tonghop", "vanthu"},
    Access.CONFIDENTIAL: {"tongthuky", "chuyenvien.tonghop"},
}


def _imported(world, path, access, run_jobs) -> Document:
    """``path`` imported for Vụ Tổng hợp at ``access``, digitized."""
    with run_jobs():
        outcome = services.import_file(
            incoming=services.Incoming(name=path.name, path=path),
            owner_unit=world.units["VPQH-TH"],
            access=access,
        )
    return outcome.document


def _downloaded(client, document: Document) -> tuple[object, bytes, bytes]:
    """The response to downloading ``document``'s file, its body and the stored original."""
    vfile = document.current_version.files.get()
    response = client.get(reverse("documents:download", args=[document.pk, vfile.pk]))
    data = _body(response)
    assert response.status_code == 200, data[:300]
    return response, data, Path(blobs.storage().path(vfile.stored.storage_name)).read_bytes()


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def documents(world, tmp_path, run_jobs):
    made = {}
    for access in Access.values:
        path = write(
            tmp_path / f"{access}.pdf",
            text_pdf(f"Về việc tài liệu {access}", number=f"9{len(made)}/VPQH-TH"),
        )
        document = _imported(world, path, access, run_jobs)
        if access == Access.RESTRICTED:
            document.allowed_units.add(world.units["VPQH-HC"])
        if access == Access.CONFIDENTIAL:
            document.allowed_users.add(world.users["chuyenvien.tonghop"])
        made[access] = document
    return made


@pytest.mark.parametrize("username", PEOPLE)
def test_lists_pages_downloads_and_previews_follow_the_access_level(
    world, documents, client_for, username
):
    user = world.users[username]
    client = client_for(user)
    listed = {d.pk for d in selectors.document_list(user, limit=500).items}
    for access, document in documents.items():
        allowed = username in ALLOWED[access]
        assert selectors.can_see(user, document) is allowed, access
        assert (document.pk in listed) is allowed, access
        vfile = document.current_version.files.get()
        expected = 200 if allowed else 404
        assert client.get(reverse("documents:detail", args=[document.pk])).status_code == expected
        download = client.get(reverse("documents:download", args=[document.pk, vfile.pk]))
        assert download.status_code == expected, access
        preview = client.get(reverse("documents:preview", args=[document.pk, vfile.pk, 1]))
        assert preview.status_code == expected, access


def test_anonymous_users_are_sent_to_log_in(documents, client):
    document = documents[Access.PUBLIC]
    response = client.get(reverse("documents:detail", args=[document.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
    assert selectors.documents_visible_to(None).count() == 0


def test_restricted_downloads_carry_a_watermark_and_public_ones_do_not(
    world, documents, client_for
):
    clerk = world.users["vanthu"]
    client = client_for(clerk)
    restricted = documents[Access.RESTRICTED]
    vfile = restricted.current_version.files.get()
    response = client.get(reverse("documents:download", args=[restricted.pk, vfile.pk]))
    data = _body(response)
    stored_path = Path(blobs.storage().path(vfile.stored.storage_name))
    assert data != stored_path.read_bytes()
    text = pdfium.PdfDocument(io.BytesIO(data))[0].get_textpage().get_text_bounded()
    assert "vanthu" in text and "tài liệu restricted" in text
    assert response["Cache-Control"] == "private, no-store"
    public = documents[Access.PUBLIC]
    pfile = public.current_version.files.get()
    plain = client.get(reverse("documents:download", args=[public.pk, pfile.pk]))
    public_path = Path(blobs.storage().path(pfile.stored.storage_name))
    assert _body(plain) == public_path.read_bytes()


def test_restricted_docx_downloads_carry_the_stamp_in_headers_and_footers(
    world, client_for, tmp_path, run_jobs
):
    import docx

    client = client_for(world.users["vutruong.tonghop"])
    for access, stamped in ((Access.RESTRICTED, True), (Access.PUBLIC, False)):
        made = docx.Document()
        made.add_paragraph(f"Báo cáo kết quả giám sát chuyên đề ({access})")
        path = tmp_path / f"{access}.docx"
        made.save(path)
        response, data, stored = _downloaded(client, _imported(world, path, access, run_jobs))
        assert (data != stored) is stamped, access
        got = docx.Document(io.BytesIO(data))
        assert [p.text for p in got.paragraphs] == [
            f"Báo cáo kết quả giám sát chuyên đề ({access})"
        ]
        section = got.sections[0]
        for part in (section.header, section.footer):
            assert ("vutruong.tonghop" in part.paragraphs[0].text) is stamped, access
        assert f"{access}.docx" in response["Content-Disposition"]


def test_restricted_xlsx_downloads_carry_the_stamp_in_headers_and_footers(
    world, client_for, tmp_path, run_jobs
):
    import zipfile

    import openpyxl
    from openpyxl.drawing.image import Image as SheetImage
    from PIL import Image

    client = client_for(world.users["vutruong.tonghop"])
    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 20), (0, 90, 160)).save(logo)
    for access, stamped in ((Access.RESTRICTED, True), (Access.PUBLIC, False)):
        made = openpyxl.Workbook()
        sheet = made.active
        sheet.append(["Tỉnh", "Số kiến nghị"])
        sheet.append(["Hà Giang", 12])
        sheet.oddHeader.center.text = "Tổng hợp kiến nghị cử tri"
        second = made.create_sheet("Chi tiết")  # no header of its own
        second.append(["Nội dung", f"({access})"])
        second.add_image(SheetImage(str(logo)), "D2")
        path = tmp_path / f"{access}.xlsx"
        made.save(path)
        response, data, stored = _downloaded(client, _imported(world, path, access, run_jobs))
        assert (data != stored) is stamped, access
        # Every part of the workbook is still there (the image too), the cells unchanged.
        delivered = zipfile.ZipFile(io.BytesIO(data))
        parts = delivered.namelist()
        assert parts == zipfile.ZipFile(io.BytesIO(stored)).namelist()
        assert any(name.startswith("xl/media/") for name in parts)
        # A header made where there was none, in the schema's order: before the drawing.
        sheet_xml = delivered.read("xl/worksheets/sheet2.xml")
        assert (b"<headerFooter" in sheet_xml) is stamped
        assert sheet_xml.find(b"<headerFooter") < sheet_xml.find(b"<drawing")
        got = openpyxl.load_workbook(io.BytesIO(data))
        assert [list(r) for r in got["Sheet"].iter_rows(values_only=True)] == [
            ["Tỉnh", "Số kiến nghị"],
            ["Hà Giang", 12],
        ]
        header = got["Sheet"].oddHeader.center.text
        assert header.startswith("Tổng hợp kiến nghị cử tri") and header.count("\n") == stamped
        for name in ("Sheet", "Chi tiết"):
            for part in (got[name].oddHeader, got[name].oddFooter):
                assert ("vutruong.tonghop" in (part.center.text or "")) is stamped, (access, name)
        assert f"{access}.xlsx" in response["Content-Disposition"]


def test_restricted_previews_carry_the_stamp_and_public_ones_do_not(world, documents, client_for):
    from PIL import Image

    from dienhong.documents import delivery

    client = client_for(world.users["vanthu"])
    for access, stamped in ((Access.RESTRICTED, True), (Access.PUBLIC, False)):
        document = documents[access]
        vfile = document.current_version.files.get()
        shown = client.get(reverse("documents:preview", args=[document.pk, vfile.pk, 1]))
        assert shown.status_code == 200 and shown["Content-Type"] == "image/png"
        plain = delivery.preview(vfile.stored, 1, 900)
        assert (shown.content != plain) is stamped, access
        with Image.open(io.BytesIO(shown.content)) as image:
            pixels = image.convert("RGB").getdata()
            reddish = sum(1 for r, g, b in pixels if r > g + 40 and r > b + 40)
        assert (reddish > 500) is stamped, (access, reddish)


def test_every_view_and_download_is_audited(world, documents, client_for):
    user = world.users["vutruong.tonghop"]
    document = documents[Access.INTERNAL]
    vfile = document.current_version.files.get()
    client = client_for(user)
    client.get(reverse("documents:detail", args=[document.pk]))
    client.get(reverse("documents:download", args=[document.pk, vfile.pk]))
    events = AuditEvent.objects.filter(object_id=str(document.pk), actor_id=user.pk)
    assert set(events.values_list("action", flat=True)) == {
        "document.viewed",
        "document.downloaded",
    }


def test_a_file_of_another_document_cannot_be_reached_through_a_visible_one(
    world, documents, client_for
):
    user = world.users["vanphong.hanoi"]
    secret_file = documents[Access.CONFIDENTIAL].current_version.files.get()
    public = documents[Access.PUBLIC]
    client = client_for(user)
    url = reverse("documents:download", args=[public.pk, secret_file.pk])
    assert client.get(url).status_code == 404


def test_the_list_page_uses_a_constant_number_of_queries(
    world, documents, client_for, django_assert_max_num_queries
):
    client = client_for(world.users["tongthuky"])
    client.get(reverse("documents:list"))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("documents:list"))
    assert response.status_code == 200
    assert Document.objects.count() > 30  # demo documents and these


def test_keyset_pages_walk_the_whole_list_once(world, documents):
    user = world.users["tongthuky"]
    seen: list[int] = []
    cursor = None
    while True:
        page = selectors.document_list(user, cursor=cursor, limit=7)
        seen += [d.pk for d in page.items]
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    assert seen == sorted(seen, reverse=True)
    assert len(seen) == len(set(seen)) == selectors.documents_visible_to(user).count()


@pytest.mark.parametrize(
    ("header", "stamped"),
    [
        ("", "&CS"),
        ("Tổng hợp", "&CTổng hợp\nS"),  # text before any section code is the centre's
        ("&LA && B&CMid&RTrang &P", "&LA && B&CMid\nS&RTrang &P"),  # && is a literal &
        ("&RTrang &P&LVụ", "&LVụ&CS&RTrang &P"),
    ],
)
def test_the_xlsx_stamp_goes_under_the_centre_section_and_keeps_the_others(header, stamped):
    from dienhong.documents import delivery

    assert delivery._with_stamp(header, "S") == stamped


def test_the_xlsx_stamp_keeps_within_excels_limit_and_wins_over_old_text():
    from dienhong.documents import delivery

    stamp = "S" * 100
    # fits: everything kept
    header = "&L" + "l" * 60 + "&C" + "c" * 60 + "&R" + "r" * 20
    assert delivery._with_stamp(header, stamp) == header.replace("&R", "\n" + stamp + "&R")
    # the old centre goes first, then the right, then the left section
    header = "&L" + "l" * 60 + "&C" + "c" * 120 + "&R" + "r" * 60
    assert delivery._with_stamp(header, stamp) == "&L" + "l" * 60 + "&C" + stamp + "&R" + "r" * 60
    header = "&L" + "l" * 100 + "&C" + "c" * 10 + "&R" + "r" * 100
    assert delivery._with_stamp(header, stamp) == "&L" + "l" * 100 + "&C" + stamp
    header = "&L" + "l" * 200 + "&R" + "r" * 40
    assert delivery._with_stamp(header, stamp) == "&C" + stamp
    for header in ("&L" + "x" * 250, "&C" + "y" * 253, "z" * 300):
        assert len(delivery._with_stamp(header, stamp)) <= delivery.HEADER_LIMIT


def test_the_xlsx_stamp_covers_first_pages_in_the_schemas_order():
    from lxml import etree

    from dienhong.documents import delivery

    sheet = (
        b'<worksheet xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"><sheetData/>'
        b'<headerFooter differentFirst="1"><oddHeader>&amp;CA</oddHeader>'
        b"<firstFooter>&amp;RB</firstFooter></headerFooter><tableParts/></worksheet>"
    )
    root = etree.fromstring(delivery._stamp_sheet(sheet, "S"))
    box = root[1]
    assert [etree.QName(e).localname for e in root] == ["sheetData", "headerFooter", "tableParts"]
    assert [(etree.QName(e).localname, e.text) for e in box] == [
        ("oddHeader", "&CA\nS"),
        ("oddFooter", "&CS"),
        ("firstHeader", "&CS"),
        ("firstFooter", "&CS&RB"),
    ]


def test_the_xlsx_stamp_covers_chart_sheets_too():
    import zipfile

    import openpyxl
    from openpyxl.chart import BarChart, Reference

    from dienhong.documents import delivery

    made = openpyxl.Workbook()
    data = made.active
    for row in (["Tỉnh", "Số kiến nghị"], ["Hà Giang", 12], ["Cao Bằng", 7]):
        data.append(row)
    chart = BarChart()
    chart.add_data(Reference(data, min_col=2, min_row=1, max_row=3), titles_from_data=True)
    made.create_chartsheet("Biểu đồ").add_chart(chart)
    source = io.BytesIO()
    made.save(source)
    stamped = delivery.stamp_xlsx(source.getvalue(), "vutruong.tonghop · hạn chế")
    sheet = zipfile.ZipFile(io.BytesIO(stamped)).read("xl/chartsheets/sheet1.xml")
    # CT_Chartsheet: headerFooter before the drawing that holds the chart
    assert -1 < sheet.find(b"<headerFooter") < sheet.find(b"<drawing")
    got = openpyxl.load_workbook(io.BytesIO(stamped))
    assert "vutruong.tonghop" in got["Biểu đồ"].oddFooter.center.text
    assert got["Biểu đồ"]._charts and got["Sheet"]["B2"].value == 12
