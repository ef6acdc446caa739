"""Suggest a document's metadata from its text: number and symbol, date, type, issuer,
subject (trích yếu) and signer. The clerk confirms; nothing here is saved on its own.

The rules follow the layout of Decree 30/2020/NĐ-CP (and the Law on legal documents for
normative texts): issuer at the top left above "Số: …", national motto at the top right, place
and date "Hà Nội, ngày 10 tháng 12 năm 2015", the type name in capitals with the subject under
it (or "V/v …" under the number for a công văn), the signature block at the end.
"""

from __future__ import annotations

import re
from datetime import date

from dienhong.core.text import DATE_IN_WORDS, MOTTO, NATIONAL_NAME, fold, nfc

FIELDS = ["number", "date", "type", "issuer", "subject", "signer"]

TYPES = [
    "Nghị quyết",
    "Quyết định",
    "Công văn",
    "Tờ trình",
    "Báo cáo",
    "Thông báo",
    "Kế hoạch",
    "Luật",
    "Nghị định",
    "Thông tư",
    "Chỉ thị",
    "Kết luận",
    "Biên bản",
    "Giấy mời",
]
_TYPE_BY_FOLD = {fold(t): t for t in TYPES} | {"bo luat": "Luật"}
# Abbreviations of type names in the symbol (Decree 30, Phụ lục III).
_ABBREVIATIONS = {
    "nq": "Nghị quyết",
    "qd": "Quyết định",
    "ttr": "Tờ trình",
    "bc": "Báo cáo",
    "tb": "Thông báo",
    "kh": "Kế hoạch",
    "nd": "Nghị định",
    "tt": "Thông tư",
    "ct": "Chỉ thị",
    "kl": "Kết luận",
    "bb": "Biên bản",
    "gm": "Giấy mời",
    "nqlt": "Nghị quyết",
    "ttlt": "Thông tư",
}

_MOTTO = [NATIONAL_NAME, MOTTO]
_RULE = re.compile(r"^[\s\-_–—=.*]+$")
_NUMBER = re.compile(
    r"(?:^|\b)(?:Luật\s+)?S[ốô]\s*(?:hiệu)?\s*[:.]?\s*"
    r"(\d{1,6}\s*/\s*[0-9A-Za-zĐđƯưÂâ/.&\-]*[0-9A-Za-zĐđ])",
    re.I,
)
_NUMBER_BARE = re.compile(r"\b(\d{1,6}/(?:\d{4}/)?[A-ZĐ][A-ZĐƯ0-9]*(?:-[A-ZĐƯ0-9]+)*)\b")
_DATE_NUMERIC = re.compile(r",\s*(?:ngày\s*)?(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
_PLACE_DATE = re.compile(r"[A-ZĐ][\wÀ-ỹ .]{1,40},\s*ngày\s*\d", re.U)
_VV = re.compile(r"^(?:V/v|V/V|Về việc)\s*[:.]?\s*(.+)$")
_STOP_SUBJECT = re.compile(
    r"^(?:Căn cứ|Kính gửi|Điều\s+\d|Chương\s+[IVX\d]|Thực hiện|Theo\s|Trên cơ sở|Sau khi|"
    r"Xét\s|Nhằm|Ngày\s+\d|Hôm nay|Thời gian|I\.|1\.|Phần)",
    re.I,
)
_ISSUER_JOIN = {
    fold(name)
    for name in [
        "Ủy ban Thường vụ Quốc hội",
        "Văn phòng Quốc hội",
        "Văn phòng Chính phủ",
        "Thủ tướng Chính phủ",
        "Hội đồng Dân tộc",
        "Ủy ban Pháp luật và Tư pháp",
        "Ủy ban Kinh tế và Tài chính",
        "Ủy ban Văn hóa và Xã hội",
        "Ủy ban Dân nguyện và Giám sát",
        "Ủy ban Công tác đại biểu",
        "Ủy ban Khoa học, Công nghệ và Môi trường",
        "Ủy ban Quốc phòng, An ninh và Đối ngoại",
        "Kiểm toán nhà nước",
        "Tòa án nhân dân tối cao",
        "Viện kiểm sát nhân dân tối cao",
        "Ban Chấp hành Trung ương",
        "Ủy ban nhân dân thành phố Hà Nội",
    ]
}
_CANONICAL = {
    fold(name): name
    for name in [
        "Quốc hội",
        "Ủy ban Thường vụ Quốc hội",
        "Văn phòng Quốc hội",
        "Chính phủ",
        "Thủ tướng Chính phủ",
        "Văn phòng Chính phủ",
        "Hội đồng Dân tộc",
        "Kiểm toán nhà nước",
        "Tòa án nhân dân tối cao",
        "Viện kiểm sát nhân dân tối cao",
        "Bộ Nội vụ",
        "Bộ Tư pháp",
        "Bộ Tài chính",
        "Bộ Công an",
        "Bộ Quốc phòng",
        "Bộ Ngoại giao",
        "Bộ Kế hoạch và Đầu tư",
        "Bộ Giáo dục và Đào tạo",
        "Bộ Y tế",
        "Bộ Thông tin và Truyền thông",
        "Bộ Khoa học và Công nghệ",
        "Bộ Xây dựng",
        "Bộ Tài nguyên và Môi trường",
        "Bộ Nông nghiệp và Môi trường",
        "Ủy ban Pháp luật và Tư pháp",
        "Ủy ban Kinh tế và Tài chính",
        "Ủy ban Văn hóa và Xã hội",
        "Ủy ban Dân nguyện và Giám sát",
        "Ủy ban Công tác đại biểu",
        "Ủy ban Khoa học, Công nghệ và Môi trường",
        "Ủy ban Quốc phòng, An ninh và Đối ngoại",
        "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
        "Ban Chấp hành Trung ương",
    ]
}
_SIGN_POSITION = re.compile(
    r"^(?:TM\.|KT\.|TL\.|TUQ\.|Q\.|CHỦ TỊCH|PHÓ CHỦ TỊCH|CHỦ NHIỆM|PHÓ CHỦ NHIỆM|TỔNG THƯ KÝ|"
    r"BỘ TRƯỞNG|THỨ TRƯỞNG|THỦ TƯỚNG|PHÓ THỦ TƯỚNG|VỤ TRƯỞNG|PHÓ VỤ TRƯỞNG|CHÁNH VĂN PHÒNG|"
    r"PHÓ CHÁNH VĂN PHÒNG|GIÁM ĐỐC|TRƯỞNG|PHÓ TRƯỞNG|TỔNG KIỂM TOÁN|CHÁNH ÁN|VIỆN TRƯỞNG|"
    r"CỤC TRƯỞNG|BÍ THƯ|THƯ KÝ|CHỦ TỌA|NGƯỜI GHI|ĐẠI DIỆN)",
)
_NAME_WORD = re.compile(r"^[A-ZĐÀ-ỸẠ-Ỹ][a-zđà-ỹạ-ỹ]*$")
SURNAMES = {
    fold(s)
    for s in [
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Đinh",
        "Trịnh",
        "Đoàn",
        "Lương",
        "Tạ",
        "Mai",
        "Vương",
        "Cao",
        "Chu",
        "Hà",
        "Lâm",
        "Đào",
        "Tô",
        "Tống",
        "Văn",
        "Kiều",
        "Thái",
        "Trương",
        "Lại",
        "Quách",
        "Hứa",
        "Triệu",
        "Nông",
        "Mạc",
        "Phùng",
        "Khuất",
        "Lò",
        "Giàng",
        "Y",
        "Kim",
        "Thân",
        "Tăng",
        "Lưu",
        "Hầu",
        "Châu",
        "Diệp",
        "Âu",
        "La",
        "Đàm",
        "Nghiêm",
        "Doãn",
        "Tôn",
        "Từ",
        "Thạch",
        "Trình",
        "Giáp",
        "Khúc",
        "Mẫn",
        "Lục",
        "Quan",
        "Ninh",
        "Bạch",
    ]
}


def suggest(text: str) -> dict[str, str]:
    """The metadata found in ``text``; fields not found are left out."""
    lines = [_strip_motto(nfc(line)) for line in text.replace("\f", "\n").split("\n")]
    header = lines[:60]
    out: dict[str, str] = {}
    number_index, number = _number(header)
    if number:
        out["number"] = number
    found_date = _date(header)
    if found_date:
        out["date"] = found_date.isoformat()
    type_index, doc_type = _type(header, number_index)
    subject = _subject(header, number_index, type_index)
    if not doc_type:
        doc_type = _type_from_number(number, has_vv=subject is not None and subject[1])
    if doc_type:
        out["type"] = doc_type
    issuer = _issuer(header, number_index if number_index is not None else type_index)
    if issuer:
        out["issuer"] = issuer
    if subject and subject[0]:
        out["subject"] = subject[0]
    signer = _signer(lines)
    if signer:
        out["signer"] = signer
    return out


def _strip_motto(line: str) -> str:
    for pattern in _MOTTO:
        line = pattern.sub(" ", line)
    return nfc(line)


def _number(lines: list[str]) -> tuple[int | None, str]:
    for index, line in enumerate(lines):
        match = _NUMBER.search(line)
        if match:
            return index, re.sub(r"\s+", "", match.group(1)).rstrip(".-/")
    for index, line in enumerate(lines[:25]):
        match = _NUMBER_BARE.search(line)
        if match:
            return index, match.group(1)
    return None, ""


def _date(lines: list[str]) -> date | None:
    # the place-and-date line first; dates inside "Căn cứ ..." cite other documents
    ordered = [line for line in lines if "," in line[:40]] + [
        line for line in lines if not line.lstrip().lower().startswith("căn cứ")
    ]
    for pattern in (DATE_IN_WORDS, _DATE_NUMERIC):
        for line in ordered:
            for match in pattern.finditer(line):
                day, month, year = (int(g) for g in match.groups())
                try:
                    return date(year, month, day)
                except ValueError:
                    continue
    return None


def _is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def _type(lines: list[str], number_index: int | None) -> tuple[int | None, str]:
    start = 0 if number_index is None else number_index
    for index in range(start, min(len(lines), start + 25)):
        line = lines[index].strip(" :.")
        if not _is_upper(line):
            continue
        folded = fold(line)
        for key in sorted(_TYPE_BY_FOLD, key=len, reverse=True):
            if folded == key or folded.startswith(key + " "):
                return index, _TYPE_BY_FOLD[key]
    return None, ""


def _type_from_number(number: str, *, has_vv: bool) -> str:
    if number:
        parts = re.split(r"[/\-]", fold(number))
        for part in parts[1:]:
            if part in _ABBREVIATIONS:
                return _ABBREVIATIONS[part]
    if has_vv:
        return "Công văn"
    if number and re.search(r"/\d{4}/qh\d+$", fold(number)):
        return "Luật"
    if number and re.search(r"/\d{4}/ubtvqh\d+$", fold(number)):
        return "Nghị quyết"
    return ""


def _subject(
    lines: list[str], number_index: int | None, type_index: int | None
) -> tuple[str, bool] | None:
    """``(subject, is a V/v line)``."""
    start = number_index or 0
    for index in range(start, min(len(lines), start + 8)):
        match = _VV.match(lines[index].strip())
        if match:
            parts = [_cut_place_date(match.group(1))]
            for follow in lines[index + 1 : index + 4]:
                follow = follow.strip()
                if (
                    not follow
                    or _STOP_SUBJECT.match(follow)
                    or _PLACE_DATE.search(follow)
                    or (_is_upper(follow))
                ):
                    break
                parts.append(_cut_place_date(follow))
            return _clean_subject(" ".join(parts)), True
    if type_index is None:
        return None
    type_line = lines[type_index].strip(" :.")
    folded = fold(type_line)
    parts = []
    for key in sorted(_TYPE_BY_FOLD, key=len, reverse=True):
        if folded.startswith(key + " "):
            parts.append(type_line[len(key) :].strip())  # "THÔNG BÁO KẾT LUẬN ..." on one line
            break
    upper_subject: bool | None = None
    for follow in lines[type_index + 1 : type_index + 6]:
        follow = follow.strip()
        if not follow:
            if parts:
                break
            continue
        if _STOP_SUBJECT.match(follow) or _RULE.match(follow) or follow.endswith(":"):
            break
        if upper_subject is None:
            upper_subject = _is_upper(follow)  # a law's name is in capitals; a subject is not
        elif _is_upper(follow) != upper_subject or len(parts) >= 3:
            break
        parts.append(follow)
        if follow.endswith("."):
            break
    subject = _clean_subject(" ".join(p for p in parts if p))
    return (subject, False) if subject else None


def _cut_place_date(text: str) -> str:
    match = _PLACE_DATE.search(text)
    return text[: match.start()].strip() if match else text


def _clean_subject(text: str) -> str:
    text = nfc(text).strip(" -_.;:")
    return text[:1].upper() + text[1:] if text else text


def _issuer(lines: list[str], before: int | None) -> str:
    end = before if before is not None else min(len(lines), 8)
    block: list[str] = []
    for line in lines[:end]:
        line = line.strip(" -_")
        if not line or _RULE.match(line) or DATE_IN_WORDS.search(line):
            continue
        if _is_upper(line) and not _NUMBER.search(line):
            block.append(line)
    if not block:
        return ""
    issuer = block[-1]
    if len(block) >= 2 and fold(f"{block[-2]} {block[-1]}") in _ISSUER_JOIN | _CANONICAL.keys():
        issuer = f"{block[-2]} {block[-1]}"
    return title_case(issuer)


def title_case(upper: str) -> str:
    folded = fold(upper)
    if folded in _CANONICAL:
        return _CANONICAL[folded]
    lowered = upper.lower()
    return lowered[:1].upper() + lowered[1:]


def _signer(lines: list[str]) -> str:
    tail = [line.strip() for line in lines[-45:]]
    seen_position = False
    candidates: list[tuple[bool, str]] = []
    for line in tail:
        if _SIGN_POSITION.match(line):
            seen_position = True
        for piece in re.split(r"[.;:]\s+", line):
            piece = piece.strip(" .;-/")
            name = _as_name(piece)
            if name:
                candidates.append((seen_position, name))
    after_position = [name for seen, name in candidates if seen]
    if after_position:
        return after_position[-1]
    with_surname = [name for _, name in candidates if fold(name.split()[0]) in SURNAMES]
    return with_surname[-1] if with_surname else ""


def _as_name(text: str) -> str:
    words = text.split()
    if not 2 <= len(words) <= 5:
        return ""
    if not all(_NAME_WORD.match(word) for word in words):
        return ""
    if fold(words[0]) not in SURNAMES:
        return ""
    return " ".join(words)


def normalize(field: str, value: str) -> str:
    """The comparable form of a value, for the evaluation."""
    value = nfc(value or "")
    if field == "subject":
        value = re.sub(r"^(?:V/v|Về việc)\s+", "", value, flags=re.I)
    if field == "number":
        return fold(value).replace(" ", "")
    return re.sub(r"[\s.;:,]+", " ", fold(value)).strip()
