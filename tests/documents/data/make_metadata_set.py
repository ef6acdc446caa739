"""Writes ``metadata_set/``: faithful reproductions of the first page of public Vietnamese
legal and administrative documents (header, type, subject, signature), as text extraction or
OCR gives them, and ``labels.json`` with the true metadata. Run once; the output is committed.

Numbers, issuers, types and subjects are those of the real documents; dates and signers were
written from public knowledge and not re-checked against the official gazette here (no
network in this workplace). Bodies are shortened to a sentence or two.
"""

from __future__ import annotations

import json
from pathlib import Path

QH = "QUỐC HỘI"
CP = "CHÍNH PHỦ"
# (number, date d/m/y, issuer label, type, subject, signer, position block)
LAWS = [
    ("57/2014/QH13", "20/11/2014", "Tổ chức Quốc hội", "Nguyễn Sinh Hùng"),
    ("80/2015/QH13", "22/6/2015", "Ban hành văn bản quy phạm pháp luật", "Nguyễn Sinh Hùng"),
    ("93/2015/QH13", "25/11/2015", "Tố tụng hành chính", "Nguyễn Sinh Hùng"),
    ("52/2014/QH13", "19/6/2014", "Hôn nhân và gia đình", "Nguyễn Sinh Hùng"),
    ("58/2010/QH12", "15/11/2010", "Viên chức", "Nguyễn Phú Trọng"),
    ("54/2010/QH12", "17/6/2010", "Trọng tài thương mại", "Nguyễn Phú Trọng"),
    ("104/2016/QH13", "06/4/2016", "Tiếp cận thông tin", "Nguyễn Thị Kim Ngân"),
    ("09/2017/QH14", "19/6/2017", "Du lịch", "Nguyễn Thị Kim Ngân"),
    ("24/2018/QH14", "12/6/2018", "An ninh mạng", "Nguyễn Thị Kim Ngân"),
    ("31/2018/QH14", "19/11/2018", "Trồng trọt", "Nguyễn Thị Kim Ngân"),
    ("32/2018/QH14", "19/11/2018", "Chăn nuôi", "Nguyễn Thị Kim Ngân"),
    ("43/2019/QH14", "14/6/2019", "Giáo dục", "Nguyễn Thị Kim Ngân"),
    ("72/2020/QH14", "17/11/2020", "Bảo vệ môi trường", "Nguyễn Thị Kim Ngân"),
    ("68/2020/QH14", "13/11/2020", "Cư trú", "Nguyễn Thị Kim Ngân"),
    ("57/2020/QH14", "16/6/2020", "Thanh niên", "Nguyễn Thị Kim Ngân"),
    ("73/2021/QH14", "30/3/2021", "Phòng, chống ma túy", "Nguyễn Thị Kim Ngân"),
    ("05/2022/QH15", "15/6/2022", "Điện ảnh", "Vương Đình Huệ"),
    ("02/2011/QH13", "11/11/2011", "Khiếu nại", "Nguyễn Sinh Hùng"),
    ("25/2018/QH14", "12/6/2018", "Tố cáo", "Nguyễn Thị Kim Ngân"),
    ("42/2013/QH13", "25/11/2013", "Tiếp công dân", "Nguyễn Sinh Hùng"),
    (
        "87/2015/QH13",
        "20/11/2015",
        "Hoạt động giám sát của Quốc hội và Hội đồng nhân dân",
        "Nguyễn Sinh Hùng",
    ),
    ("77/2015/QH13", "19/6/2015", "Tổ chức chính quyền địa phương", "Nguyễn Sinh Hùng"),
    ("76/2015/QH13", "19/6/2015", "Tổ chức Chính phủ", "Nguyễn Sinh Hùng"),
    ("31/2024/QH15", "18/01/2024", "Đất đai", "Vương Đình Huệ"),
    ("33/2024/QH15", "21/6/2024", "Lưu trữ", "Trần Thanh Mẫn"),
    ("39/2024/QH15", "28/6/2024", "Thủ đô", "Trần Thanh Mẫn"),
    ("34/2024/QH15", "24/6/2024", "Tổ chức Tòa án nhân dân", "Trần Thanh Mẫn"),
    ("26/2023/QH15", "27/11/2023", "Căn cước", "Vương Đình Huệ"),
    ("20/2023/QH15", "22/6/2023", "Giao dịch điện tử", "Vương Đình Huệ"),
    ("27/2023/QH15", "27/11/2023", "Nhà ở", "Vương Đình Huệ"),
    ("22/2023/QH15", "23/6/2023", "Đấu thầu", "Vương Đình Huệ"),
    ("36/2018/QH14", "20/11/2018", "Phòng, chống tham nhũng", "Nguyễn Thị Kim Ngân"),
    ("22/2008/QH12", "13/11/2008", "Cán bộ, công chức", "Nguyễn Phú Trọng"),
    ("06/2022/QH15", "15/6/2022", "Thi đua, khen thưởng", "Vương Đình Huệ"),
    ("21/2017/QH14", "24/11/2017", "Quy hoạch", "Nguyễn Thị Kim Ngân"),
    ("01/2011/QH13", "11/11/2011", "Lưu trữ", "Nguyễn Sinh Hùng"),
    ("29/2018/QH14", "15/11/2018", "Bảo vệ bí mật nhà nước", "Nguyễn Thị Kim Ngân"),
    ("67/2006/QH11", "29/6/2006", "Công nghệ thông tin", "Nguyễn Phú Trọng"),
]
OTHERS = [
    # number, date, issuer (as printed), type, subject, signer, position, parent
    (
        "91/2015/QH13",
        "24/11/2015",
        QH,
        "Luật",
        "Dân sự",
        "Nguyễn Sinh Hùng",
        "CHỦ TỊCH QUỐC HỘI",
        "",
        "BỘ LUẬT",
    ),
    (
        "30/2020/NĐ-CP",
        "05/3/2020",
        CP,
        "Nghị định",
        "Về công tác văn thư",
        "Nguyễn Xuân Phúc",
        "TM. CHÍNH PHỦ\nTHỦ TƯỚNG",
        "",
        "",
    ),
    (
        "138/2020/NĐ-CP",
        "27/11/2020",
        CP,
        "Nghị định",
        "Quy định về tuyển dụng, sử dụng và quản lý công chức",
        "Nguyễn Xuân Phúc",
        "TM. CHÍNH PHỦ\nTHỦ TƯỚNG",
        "",
        "",
    ),
    (
        "13/2023/NĐ-CP",
        "17/4/2023",
        CP,
        "Nghị định",
        "Bảo vệ dữ liệu cá nhân",
        "Trần Lưu Quang",
        "TM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG",
        "",
        "",
    ),
    (
        "45/2020/NĐ-CP",
        "08/4/2020",
        CP,
        "Nghị định",
        "Về thực hiện thủ tục hành chính trên môi trường điện tử",
        "Nguyễn Xuân Phúc",
        "TM. CHÍNH PHỦ\nTHỦ TƯỚNG",
        "",
        "",
    ),
    (
        "47/2020/NĐ-CP",
        "09/4/2020",
        CP,
        "Nghị định",
        "Về quản lý, kết nối và chia sẻ dữ liệu số của cơ quan nhà nước",
        "Nguyễn Xuân Phúc",
        "TM. CHÍNH PHỦ\nTHỦ TƯỚNG",
        "",
        "",
    ),
    (
        "08/2022/NĐ-CP",
        "10/01/2022",
        CP,
        "Nghị định",
        "Quy định chi tiết một số điều của Luật Bảo vệ môi trường",
        "Lê Văn Thành",
        "TM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG",
        "",
        "",
    ),
    (
        "749/QĐ-TTg",
        "03/6/2020",
        "THỦ TƯỚNG CHÍNH PHỦ",
        "Quyết định",
        'Phê duyệt "Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030"',
        "Nguyễn Xuân Phúc",
        "THỦ TƯỚNG",
        "",
        "",
    ),
    (
        "06/QĐ-TTg",
        "06/01/2022",
        "THỦ TƯỚNG CHÍNH PHỦ",
        "Quyết định",
        "Phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục "
        "vụ chuyển đổi số quốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030",
        "Vũ Đức Đam",
        "KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG",
        "",
        "",
    ),
    (
        "28/2018/QĐ-TTg",
        "12/7/2018",
        "THỦ TƯỚNG CHÍNH PHỦ",
        "Quyết định",
        "Về việc gửi, nhận văn bản điện tử giữa các cơ quan trong hệ thống hành chính nhà nước",
        "Nguyễn Xuân Phúc",
        "THỦ TƯỚNG",
        "",
        "",
    ),
    (
        "74/2025/UBTVQH15",
        "07/3/2025",
        "ỦY BAN THƯỜNG VỤ QUỐC HỘI",
        "Nghị quyết",
        "Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Văn phòng Quốc hội",
        "Trần Thanh Mẫn",
        "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI\nCHỦ TỊCH",
        "",
        "",
    ),
    (
        "202/2025/QH15",
        "12/6/2025",
        QH,
        "Nghị quyết",
        "Về việc sắp xếp đơn vị hành chính cấp tỉnh",
        "Trần Thanh Mẫn",
        "CHỦ TỊCH QUỐC HỘI",
        "",
        "",
    ),
    (
        "01/2011/TT-BNV",
        "19/01/2011",
        "BỘ NỘI VỤ",
        "Thông tư",
        "Hướng dẫn thể thức và kỹ thuật trình bày văn bản hành chính",
        "Nguyễn Thái Bình",
        "BỘ TRƯỞNG",
        "",
        "",
    ),
    (
        "07/2013/TT-TTCP",
        "31/10/2013",
        "THANH TRA CHÍNH PHỦ",
        "Thông tư",
        "Quy định quy trình giải quyết khiếu nại hành chính",
        "Huỳnh Phong Tranh",
        "TỔNG THANH TRA",
        "",
        "",
    ),
]
ISSUER_LABELS = {
    QH: "Quốc hội",
    CP: "Chính phủ",
    "THỦ TƯỚNG CHÍNH PHỦ": "Thủ tướng Chính phủ",
    "ỦY BAN THƯỜNG VỤ QUỐC HỘI": "Ủy ban Thường vụ Quốc hội",
    "BỘ NỘI VỤ": "Bộ Nội vụ",
    "THANH TRA CHÍNH PHỦ": "Thanh tra Chính phủ",
}
MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]


def vn_date(text: str) -> tuple[str, str]:
    day, month, year = (int(x) for x in text.split("/"))
    month_text = f"{month:02d}" if month < 3 else str(month)
    return f"ngày {day:02d} tháng {month_text} năm {year}", f"{year:04d}-{month:02d}-{day:02d}"


def page(
    number: str,
    when: str,
    issuer: str,
    type_line: str,
    subject_lines: list[str],
    signer: str,
    position: str,
    layout: int,
    body: str,
    law: bool,
) -> str:
    date_text, _iso = vn_date(when)
    number_line = f"{'Luật số' if law else 'Số'}: {number}"
    place = "" if law else f"Hà Nội, {date_text}"
    lines: list[str] = []
    if layout == 0:  # text layer read column by column
        lines += [issuer, "-------", *MOTTO, "---------------", number_line]
        if place:
            lines.append(place)
    elif layout == 1:  # two columns read line by line
        lines += [
            f"{issuer} {MOTTO[0]}",
            f"------- {MOTTO[1]}",
            "---------------",
            f"{number_line} {place}".strip(),
        ]
    elif layout == 3:  # OCR of a worn photocopy: misread marks, broken lines
        number_line = number_line.replace("Số", "Sô").replace("Luật số", "Luật sô")
        place = place.replace("tháng", "thảng").replace("ngày", "ngảy")
        lines += [
            issuer,
            "",
            f"{MOTTO[0]}",
            MOTTO[1].replace(" - ", " — "),
            "",
            number_line.replace(": ", " : "),
        ]
        if place:
            lines.append(place)
        lines.append("")
    else:  # OCR of a scan: spacing noise, blank lines
        lines += [issuer, "", MOTTO[0], MOTTO[1], "", number_line.replace(": ", ":")]
        if place:
            lines.append(place)
        lines.append("")
    lines += ["", type_line, *subject_lines, "-----------", ""]
    if law:
        lines += [
            "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
            "Quốc hội ban hành " + type_line.lower() + " " + subject_lines[0].lower() + ".",
            body,
            f"{type_line.capitalize()} này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa "
            f"Việt Nam thông qua {date_text}.",
            "",
        ]
    else:
        lines += ["Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;", body, ""]
    signature = [
        *position.split("\n"),
        "",
        "(Đã ký)" if layout >= 2 else "",
        "",
        signer + (" ./." if layout == 3 else ""),
    ]
    recipients = [] if law else ["Nơi nhận:", "- Như Điều 3;", "- Lưu: VT."]
    lines += ([*recipients, "", *signature]) if layout == 1 else ([*signature, "", *recipients])
    return "\n".join(lines) + "\n"


def main() -> None:
    out = Path(__file__).parent / "metadata_set"
    out.mkdir(exist_ok=True)
    labels = []
    records = [
        (n, d, QH, "Luật", s, signer, "CHỦ TỊCH QUỐC HỘI", "", "LUẬT") for n, d, s, signer in LAWS
    ] + OTHERS
    for index, (
        number,
        when,
        issuer,
        doc_type,
        subject,
        signer,
        position,
        _p,
        type_line,
    ) in enumerate(records):
        law = doc_type == "Luật"
        type_line = type_line or doc_type.upper()
        subject_lines = [subject.upper()] if law else [subject]
        body = (
            ("Luật này quy định về " if law else "Văn bản này quy định về ")
            + (subject[0].lower() + subject[1:])
            + "."
        )
        layout = 3 if index % 4 == 3 else index % 3
        if layout == 3 and not law and len(subject) > 40:
            cut = subject.rfind(" ", 0, len(subject) // 2 + 10)
            subject_lines = [subject[:cut], subject[cut + 1 :]]
        text = page(
            number, when, issuer, type_line, subject_lines, signer, position, layout, body, law
        )
        name = f"{index + 1:03d}-{number.replace('/', '_')}.txt"
        (out / name).write_text(text, encoding="utf-8")
        labels.append(
            {
                "file": name,
                "number": number,
                "date": vn_date(when)[1],
                "type": doc_type,
                "issuer": ISSUER_LABELS.get(issuer, issuer),
                "subject": subject,
                "signer": signer,
            }
        )
    (out / "labels.json").write_text(
        json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(len(labels), "documents")


if __name__ == "__main__":
    main()
