"""Demo documents: a few dozen registered documents of the Office with small generated PDFs.

Resolutions named by their real numbers (1097/2015/UBTVQH13, 1004/2020/UBTVQH14,
74/2025/UBTVQH15, 202/2025/QH15) carry their real date, issuer and subject; their body text
and every other document (letters, invitations, reports of the Office) are illustrative.
Everything is made in about a second: one PDF is drawn for all pages, then split.
"""

from __future__ import annotations

import io
import logging
import tempfile
import textwrap
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.utils import timezone

from dienhong.documents import blobs, extract, indexing, metadata
from dienhong.documents.models import (
    Access,
    Confidentiality,
    Direction,
    DocStatus,
    Document,
    DocumentLink,
    DocumentVersion,
    Dossier,
    ExtractionStatus,
    LinkKind,
    Retention,
    Source,
    StoredFile,
    Tag,
    Urgency,
    VersionFile,
)
from dienhong.documents.services import Incoming, store_content

FONT_DIR = "/usr/share/fonts/truetype/liberation2"


@dataclass
class Spec:
    key: str
    direction: str
    doc_type: str
    number: str
    when: date
    issuer: str
    subject: str
    signer: str
    position: str
    owner: str
    access: str = Access.INTERNAL
    tags: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    parent_issuer: str = ""
    urgency: str = Urgency.NORMAL
    confidentiality: str = Confidentiality.NORMAL
    allowed: list[str] = field(default_factory=list)
    registered: bool = True
    issuer_label: str = ""


SPECS = [
    Spec(
        "nq1097",
        Direction.INCOMING,
        "Nghị quyết",
        "1097/2015/UBTVQH13",
        date(2015, 12, 22),
        "ỦY BAN THƯỜNG VỤ QUỐC HỘI",
        "Về chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Văn phòng Đoàn đại biểu Quốc hội",
        "Nguyễn Sinh Hùng",
        "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI\nCHỦ TỊCH",
        "VPQH",
        Access.PUBLIC,
        ["đoàn đại biểu", "tổ chức bộ máy"],
        [
            "Văn phòng Đoàn đại biểu Quốc hội là cơ quan giúp việc của Đoàn đại biểu Quốc hội, "
            "có tư cách pháp nhân, có con dấu và tài khoản riêng.",
            "Văn phòng Đoàn đại biểu Quốc hội có chức năng tham mưu, giúp việc và phục vụ "
            "hoạt động của Đoàn đại biểu Quốc hội và đại biểu Quốc hội ở địa phương.",
        ],
    ),
    Spec(
        "nq1004",
        Direction.INCOMING,
        "Nghị quyết",
        "1004/2020/UBTVQH14",
        date(2020, 9, 30),
        "ỦY BAN THƯỜNG VỤ QUỐC HỘI",
        "Về tổ chức Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân cấp tỉnh",
        "Nguyễn Thị Kim Ngân",
        "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI\nCHỦ TỊCH",
        "VPQH",
        Access.PUBLIC,
        ["đoàn đại biểu", "hội đồng nhân dân"],
        [
            "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân cấp tỉnh tham mưu, giúp việc "
            "và phục vụ hoạt động của Đoàn đại biểu Quốc hội, Hội đồng nhân dân cấp tỉnh.",
            "Nghị quyết này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2021 và thay thế Nghị "
            "quyết số 1097/2015/UBTVQH13.",
        ],
    ),
    Spec(
        "nq74",
        Direction.INCOMING,
        "Nghị quyết",
        "74/2025/UBTVQH15",
        date(2025, 3, 7),
        "ỦY BAN THƯỜNG VỤ QUỐC HỘI",
        "Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Văn phòng Quốc hội",
        "Trần Thanh Mẫn",
        "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI\nCHỦ TỊCH",
        "VPQH",
        Access.PUBLIC,
        ["tổ chức bộ máy", "Văn phòng Quốc hội"],
        [
            "Văn phòng Quốc hội là cơ quan hành chính, tham mưu tổng hợp, phục vụ Quốc hội, Ủy ban "
            "Thường vụ Quốc hội, Hội đồng Dân tộc, các Ủy ban của Quốc hội và đại biểu Quốc hội.",
            "Cơ cấu tổ chức gồm: Vụ Tổng hợp; Vụ Tổ chức - Cán bộ; Vụ Quan hệ quốc tế; Vụ Hành "
            "chính; Vụ Chuyển đổi số; Vụ Kế hoạch - Tài chính; Vụ Thông tin và Thư viện; Cục Quản "
            "trị; Báo Đại biểu Nhân dân.",
        ],
    ),
    Spec(
        "nq202",
        Direction.INCOMING,
        "Nghị quyết",
        "202/2025/QH15",
        date(2025, 6, 12),
        "QUỐC HỘI",
        "Về việc sắp xếp đơn vị hành chính cấp tỉnh",
        "Trần Thanh Mẫn",
        "CHỦ TỊCH QUỐC HỘI",
        "VPQH",
        Access.PUBLIC,
        ["đơn vị hành chính", "sáp nhập tỉnh"],
        [
            "Sắp xếp các đơn vị hành chính cấp tỉnh; sau khi sắp xếp, cả nước có 34 đơn vị hành "
            "chính cấp tỉnh, gồm 28 tỉnh và 06 thành phố.",
            "Nghị quyết này có hiệu lực thi hành từ ngày được Quốc hội thông qua.",
        ],
    ),
]

_LETTERS = [
    (
        "Về việc chuẩn bị tài liệu phục vụ Kỳ họp thứ 10, Quốc hội khóa XV",
        ["kỳ họp thứ 10"],
        "Đề nghị các đơn vị gửi tài liệu phục vụ Kỳ họp thứ 10 về Vụ Tổng hợp trước ngày "
        "10 tháng 10 năm 2025 để tổng hợp, in ấn và phát hành tới đại biểu Quốc hội.",
    ),
    (
        "Về việc tổng hợp kiến nghị cử tri trước Kỳ họp thứ 10",
        ["kiến nghị cử tri"],
        "Đề nghị Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân các tỉnh, thành phố tổng "
        "hợp kiến nghị cử tri và gửi về Ủy ban Dân nguyện và Giám sát đúng thời hạn.",
    ),
    (
        "Về việc bố trí hội trường phục vụ phiên họp thứ 51 của Ủy ban Thường vụ Quốc hội",
        ["phiên họp UBTVQH"],
        "Cục Quản trị bố trí hội trường, thiết bị âm thanh, màn hình và điểm cầu trực tuyến "
        "phục vụ phiên họp thứ 51 của Ủy ban Thường vụ Quốc hội.",
    ),
    (
        "Về việc triển khai hệ thống quản lý văn bản và hồ sơ điện tử",
        ["chuyển đổi số"],
        "Vụ Chuyển đổi số hướng dẫn các đơn vị số hóa văn bản đến, văn bản đi và lập hồ sơ điện "
        "tử theo quy định của Nghị định số 30/2020/NĐ-CP về công tác văn thư.",
    ),
    (
        "Về việc góp ý dự thảo Luật sửa đổi, bổ sung một số điều của Luật Tiếp công dân, Luật "
        "Khiếu nại, Luật Tố cáo",
        ["góp ý dự án luật"],
        "Đề nghị các cơ quan nghiên cứu, góp ý vào dự thảo Luật và gửi ý kiến bằng văn bản về "
        "Ủy ban Dân nguyện và Giám sát.",
    ),
    (
        "Về việc báo cáo kết quả thực hiện nhiệm vụ năm 2025",
        ["báo cáo năm"],
        "Đề nghị các đơn vị báo cáo kết quả thực hiện nhiệm vụ năm 2025, phương hướng nhiệm vụ "
        "năm 2026 và gửi về Vụ Tổng hợp.",
    ),
    (
        "Về việc cử cán bộ tham dự lớp bồi dưỡng kỹ năng thư ký kỳ họp",
        ["đào tạo"],
        "Vụ Tổ chức - Cán bộ đề nghị các đơn vị cử cán bộ tham dự lớp bồi dưỡng kỹ năng phục vụ "
        "kỳ họp Quốc hội.",
    ),
    (
        "Về việc phối hợp tổ chức tiếp xúc cử tri sau Kỳ họp thứ 10",
        ["kiến nghị cử tri"],
        "Đề nghị Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân thành phố Hà Nội phối hợp "
        "tổ chức tiếp xúc cử tri sau Kỳ họp thứ 10.",
    ),
]


def _more_specs() -> list[Spec]:
    specs: list[Spec] = []
    owners = [
        "VPQH-TH",
        "VPQH-HC",
        "VPQH-CDS",
        "VPQH-TH",
        "VPQH-TCCB",
        "VPQH-TH",
        "VPQH-TCCB",
        "VPDD-01",
    ]
    for index, (subject, tags, body) in enumerate(_LETTERS):
        owner = owners[index]
        code = "HC" if owner == "VPQH-HC" else owner.split("-")[-1]
        specs.append(
            Spec(
                f"cv{index}",
                Direction.OUTGOING,
                "Công văn",
                f"{1520 + index * 37}/VPQH-{code}",
                date(2025, 9, 15 + index),
                "VĂN PHÒNG QUỐC HỘI",
                subject,
                "Phạm Văn Hòa",
                "KT. CHỦ NHIỆM\nPHÓ CHỦ NHIỆM",
                owner,
                Access.RESTRICTED if index in (3, 6) else Access.INTERNAL,
                tags,
                [body],
                parent_issuer="ỦY BAN THƯỜNG VỤ QUỐC HỘI",
                urgency=Urgency.URGENT if index == 0 else Urgency.NORMAL,
                allowed=["VPQH-TH"] if index == 3 else [],
            )
        )
    specs += [
        Spec(
            "gm10",
            Direction.OUTGOING,
            "Giấy mời",
            "215/GM-VPQH",
            date(2025, 10, 10),
            "VĂN PHÒNG QUỐC HỘI",
            "Dự phiên khai mạc Kỳ họp thứ 10, Quốc hội khóa XV",
            "Lê Minh Tuấn",
            "TL. CHỦ NHIỆM\nVỤ TRƯỞNG VỤ HÀNH CHÍNH",
            "VPQH-HC",
            Access.INTERNAL,
            ["kỳ họp thứ 10"],
            [
                "Văn phòng Quốc hội trân trọng kính mời dự phiên khai mạc Kỳ họp thứ 10, Quốc hội "
                "khóa XV, vào hồi 08 giờ 00, thứ Hai, ngày 20 tháng 10 năm 2025, tại Nhà Quốc hội."
            ],
        ),
        Spec(
            "tb51",
            Direction.INTERNAL,
            "Thông báo",
            "1289/TB-VPQH",
            date(2025, 11, 20),
            "VĂN PHÒNG QUỐC HỘI",
            "Kết luận của Ủy ban Thường vụ Quốc hội tại phiên họp thứ 51",
            "Phạm Văn Hòa",
            "KT. CHỦ NHIỆM\nPHÓ CHỦ NHIỆM",
            "VPQH-TH",
            Access.INTERNAL,
            ["phiên họp UBTVQH"],
            [
                "Ủy ban Thường vụ Quốc hội cơ bản tán thành nội dung các báo cáo và đề nghị "
                "cơ quan chủ trì tiếp thu, chỉnh lý, hoàn thiện hồ sơ trình Quốc hội."
            ],
        ),
        Spec(
            "kh-cds",
            Direction.INTERNAL,
            "Kế hoạch",
            "45/KH-VPQH",
            date(2025, 4, 2),
            "VĂN PHÒNG QUỐC HỘI",
            "Chuyển đổi số của Văn phòng Quốc hội năm 2025",
            "Phạm Văn Hòa",
            "KT. CHỦ NHIỆM\nPHÓ CHỦ NHIỆM",
            "VPQH-CDS",
            Access.INTERNAL,
            ["chuyển đổi số"],
            [
                "Mục tiêu: 100% văn bản đến, văn bản đi được số hóa và quản lý trên hệ thống; "
                "hồ sơ công việc được lập và lưu trữ điện tử."
            ],
        ),
        Spec(
            "bc-kh10",
            Direction.OUTGOING,
            "Báo cáo",
            "512/BC-VPQH",
            date(2025, 12, 15),
            "VĂN PHÒNG QUỐC HỘI",
            "Tổng kết công tác phục vụ Kỳ họp thứ 10, Quốc hội khóa XV",
            "Phạm Văn Hòa",
            "KT. CHỦ NHIỆM\nPHÓ CHỦ NHIỆM",
            "VPQH-TH",
            Access.RESTRICTED,
            ["kỳ họp thứ 10", "báo cáo năm"],
            [
                "Kỳ họp thứ 10 khai mạc ngày 20 tháng 10 năm 2025; Văn phòng Quốc hội đã phục vụ "
                "chu đáo, an toàn các phiên họp toàn thể, thảo luận tổ và hoạt động chất vấn."
            ],
            allowed=["VPQH-HC"],
        ),
        Spec(
            "ttr-bm",
            Direction.INTERNAL,
            "Tờ trình",
            "38/TTr-VPQH",
            date(2025, 2, 20),
            "VĂN PHÒNG QUỐC HỘI",
            "Về việc sắp xếp tổ chức bộ máy của Văn phòng Quốc hội",
            "Phạm Văn Hòa",
            "KT. CHỦ NHIỆM\nPHÓ CHỦ NHIỆM",
            "VPQH-TCCB",
            Access.RESTRICTED,
            ["tổ chức bộ máy"],
            [
                "Văn phòng Quốc hội kính trình Ủy ban Thường vụ Quốc hội phương án sắp xếp các vụ, "
                "đơn vị thuộc Văn phòng Quốc hội."
            ],
        ),
        Spec(
            "qd-ns",
            Direction.INTERNAL,
            "Quyết định",
            "1756/QĐ-VPQH",
            date(2025, 8, 5),
            "VĂN PHÒNG QUỐC HỘI",
            "Về việc điều động cán bộ",
            "Phạm Văn Hòa",
            "KT. CHỦ NHIỆM\nPHÓ CHỦ NHIỆM",
            "VPQH-TCCB",
            Access.CONFIDENTIAL,
            ["nhân sự"],
            ["Điều động công chức Vụ Tổng hợp đến công tác tại Vụ Chuyển đổi số."],
            confidentiality=Confidentiality.SECRET,
        ),
        Spec(
            "bb-giao",
            Direction.INTERNAL,
            "Biên bản",
            "12/BB-VPQH",
            date(2025, 3, 14),
            "VĂN PHÒNG QUỐC HỘI",
            "Bàn giao hồ sơ, tài liệu của Viện Nghiên cứu lập pháp",
            "Lê Minh Tuấn",
            "ĐẠI DIỆN BÊN NHẬN",
            "VPQH-HC",
            Access.INTERNAL,
            ["lưu trữ", "tổ chức bộ máy"],
            ["Hôm nay, hai bên tiến hành bàn giao hồ sơ, tài liệu lưu trữ theo danh mục kèm theo."],
        ),
        Spec(
            "cv-hn-in",
            Direction.INCOMING,
            "Công văn",
            "356/VPĐĐBQH&HĐND-TH",
            date(2025, 11, 3),
            "VĂN PHÒNG ĐOÀN ĐBQH VÀ HĐND THÀNH PHỐ HÀ NỘI",
            "Về việc gửi tổng hợp kiến nghị cử tri thành phố Hà Nội",
            "Nguyễn Ngọc Anh",
            "CHÁNH VĂN PHÒNG",
            "VPDD-01",
            Access.RESTRICTED,
            ["kiến nghị cử tri"],
            [
                "Văn phòng gửi kèm theo đây bản tổng hợp kiến nghị cử tri thành phố Hà Nội trước "
                "Kỳ họp thứ 10."
            ],
            registered=False,
        ),
        Spec(
            "kl-48",
            Direction.INCOMING,
            "Kết luận",
            "310/KL-UBTVQH15",
            date(2025, 9, 30),
            "ỦY BAN THƯỜNG VỤ QUỐC HỘI",
            "Phiên họp thứ 48 của Ủy ban Thường vụ Quốc hội",
            "Trần Thanh Mẫn",
            "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI\nCHỦ TỊCH",
            "VPQH-TH",
            Access.INTERNAL,
            ["phiên họp UBTVQH"],
            ["Ủy ban Thường vụ Quốc hội kết luận về việc chuẩn bị nội dung Kỳ họp thứ 10."],
        ),
    ]
    return specs


def _lines(spec: Spec) -> list[tuple[str, str, float, str]]:
    """(text, style, x mm, align) lines of the first page, Decree 30 layout, one column order."""
    out: list[tuple[str, str, float, str]] = []
    if spec.parent_issuer:
        out.append((spec.parent_issuer, "", 20, "L"))
    out.append((spec.issuer, "B", 20, "L"))
    out.append(("________", "", 30, "L"))
    out.append(("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "B", 100, "L"))
    out.append(("Độc lập - Tự do - Hạnh phúc", "B", 112, "L"))
    out.append((f"Số: {spec.number}", "", 20, "L"))
    if spec.doc_type == "Công văn":
        out.append(
            (
                f"V/v {spec.subject[8:] if spec.subject.startswith('Về việc') else spec.subject}",
                "",
                20,
                "L",
            )
        )
    out.append(
        (
            f"Hà Nội, ngày {spec.when.day:02d} tháng {spec.when.month:02d} năm {spec.when.year}",
            "I",
            100,
            "L",
        )
    )
    out.append(("", "", 0, "L"))
    if spec.doc_type != "Công văn":
        out.append((spec.doc_type.upper(), "B", 0, "C"))
        for part in textwrap.wrap(spec.subject, 70):
            out.append((part, "B", 0, "C"))
        out.append(("____________", "", 90, "L"))
        out.append((spec.issuer, "B", 0, "C"))
    else:
        out.append(("Kính gửi: Các đơn vị thuộc Văn phòng Quốc hội", "", 60, "L"))
    for paragraph in spec.body:
        for part in textwrap.wrap(paragraph, 88):
            out.append((part, "", 30, "L"))
    out.append(("", "", 0, "L"))
    for part in spec.position.split("\n"):
        out.append((part, "B", 115, "L"))
    out += [
        ("", "", 0, "L"),
        ("", "", 0, "L"),
        (spec.signer, "B", 120, "L"),
        ("Nơi nhận:", "BI", 30, "L"),
        ("- Như trên;", "", 30, "L"),
        ("- Lưu: VT.", "", 30, "L"),
    ]
    return out


def render_pdfs(specs: list[Spec]) -> list[bytes]:
    """One PDF per spec (a page each), drawn in one pass and split (fast)."""
    import pikepdf
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    for style, name in (("", "Regular"), ("B", "Bold"), ("I", "Italic"), ("BI", "BoldItalic")):
        pdf.add_font("serif", style=style, fname=f"{FONT_DIR}/LiberationSerif-{name}.ttf")
    for spec in specs:
        pdf.add_page()
        y = 22.0
        for text, style, x, align in _lines(spec):
            if text:
                pdf.set_font("serif", style=style, size=12.5)
                if align == "C":
                    x = (210 - pdf.get_string_width(text)) / 2
                pdf.text(x, y, text)
            y += 6.5
    whole = pikepdf.open(io.BytesIO(bytes(pdf.output())))
    out = []
    for index in range(len(specs)):
        single = pikepdf.new()
        single.pages.append(whole.pages[index])
        buffer = io.BytesIO()
        single.save(buffer)
        out.append(buffer.getvalue())
    return out


def _reports() -> list[Spec]:
    """Reports of delegations on meeting voters (incoming, illustrative)."""
    provinces = [
        "thành phố Hà Nội",
        "Thành phố Hồ Chí Minh",
        "thành phố Đà Nẵng",
        "thành phố Hải Phòng",
        "thành phố Cần Thơ",
        "thành phố Huế",
        "tỉnh Thanh Hóa",
        "tỉnh Nghệ An",
        "tỉnh Quảng Ninh",
        "tỉnh Đắk Lắk",
    ]
    specs = []
    for index, name in enumerate(provinces):
        specs.append(
            Spec(
                f"bc-tx{index}",
                Direction.INCOMING,
                "Báo cáo",
                f"{40 + index}/BC-ĐĐBQH",
                date(2025, 11, 5 + index),
                f"ĐOÀN ĐẠI BIỂU QUỐC HỘI {name.upper()}",
                f"Kết quả tiếp xúc cử tri trước Kỳ họp thứ 10 của Đoàn đại biểu Quốc hội {name}",
                "Nguyễn Văn Bình",
                "TRƯỞNG ĐOÀN",
                "VPQH-TH",
                Access.INTERNAL,
                ["kiến nghị cử tri", "kỳ họp thứ 10"],
                [
                    f"Đoàn đại biểu Quốc hội {name} đã tổ chức tiếp xúc cử tri tại các xã, "
                    "phường; cử tri kiến nghị về đất đai, y tế, giáo dục, giao thông và an sinh "
                    "xã hội."
                ],
                issuer_label=f"Đoàn đại biểu Quốc hội {name}",
            )
        )
    return specs


def load(world: Any) -> None:
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    specs = SPECS + _more_specs() + _reports()
    pdfs = render_pdfs(specs)
    clerk = world.users.get("vanthu")
    documents: dict[str, Document] = {}
    tags: dict[str, Tag] = {}
    with tempfile.TemporaryDirectory(prefix="dienhong-demo-") as tmp:
        for spec, data in zip(specs, pdfs, strict=True):
            path = Path(tmp) / f"{spec.key}.pdf"
            path.write_bytes(data)
            stored = store_content(Incoming(name=path.name, path=path))
            if stored.status != ExtractionStatus.DONE:
                with blobs.local_path(stored.storage_name) as local:
                    result = extract.extract(local, stored.kind, workdir=Path(tmp))
                StoredFile.objects.filter(pk=stored.pk).update(
                    status=ExtractionStatus.DONE,
                    text=result.text,
                    pages=result.pages,
                    method=result.method,
                    attempts=1,
                    processed_at=timezone.now(),
                )
            owner = world.units[spec.owner]
            registered = spec.registered
            document = Document.objects.create(
                direction=spec.direction,
                doc_type=spec.doc_type,
                number=spec.number,
                date=spec.when,
                issuer=spec.issuer_label or metadata.title_case(spec.issuer),
                subject=spec.subject,
                signer=spec.signer,
                owner_unit=owner,
                access=spec.access,
                urgency=spec.urgency,
                confidentiality=spec.confidentiality,
                page_count=1,
                status=DocStatus.REGISTERED if registered else DocStatus.DRAFT,
                registered_at=timezone.now() if registered else None,
                registered_by=clerk if registered else None,
                register_number=len(documents) + 1 if registered else None,
                source=Source.IMPORT,
                created_by=clerk,
            )
            version = DocumentVersion.objects.create(document=document, number=1, created_by=clerk)
            VersionFile.objects.create(version=version, stored=stored, name=f"{spec.key}.pdf")
            document.current_version = version
            document.save(update_fields=["current_version"])
            for name in spec.tags:
                if name not in tags:
                    tags[name] = Tag.objects.get_or_create(name=name)[0]
                document.tags.add(tags[name])
            for code in spec.allowed:
                document.allowed_units.add(world.units[code])
            documents[spec.key] = document
    for source, target, kind in [
        ("nq1004", "nq1097", LinkKind.REPLACES),
        ("cv1", "kl-48", LinkKind.IMPLEMENTS),
        ("cv-hn-in", "cv1", LinkKind.REPLIES_TO),
        ("bc-kh10", "gm10", LinkKind.IMPLEMENTS),
    ]:
        DocumentLink.objects.create(source=documents[source], target=documents[target], kind=kind)
    for code, title, owner, retention, keys in [
        (
            "HC-2025-07",
            "Hồ sơ phục vụ Kỳ họp thứ 10, Quốc hội khóa XV",
            "VPQH-HC",
            Retention.PERMANENT,
            ["gm10", "bc-kh10", "kl-48"],
        ),
        (
            "VPQH-2025-01",
            "Hồ sơ về chức năng, nhiệm vụ và cơ cấu tổ chức của Văn phòng Quốc hội",
            "VPQH",
            Retention.PERMANENT,
            ["nq1097", "nq1004", "nq74"],
        ),
    ]:
        dossier = Dossier.objects.create(
            code=code, title=title, owner_unit=world.units[owner], year=2025, retention=retention
        )
        dossier.documents.add(*(documents[key] for key in keys))
    indexing.reindex([d.pk for d in documents.values()])
