"""Legacy Vietnamese encodings: detect TCVN3 (ABC) and VNI text and convert it to Unicode.

Documents typed before Unicode (TCVN 6909:2001) used 8-bit fonts (.VnTime for TCVN3, VNI-Times
for VNI). Text extracted from such PDFs, DOCX or spreadsheets comes out as Latin-1 letters:
"Quèc héi" (TCVN3) or "Quoác hoäi" (VNI) for "Quốc hội". The tables below map those bytes,
read as Latin-1 code points, back to Unicode.
"""

from __future__ import annotations

import re
import unicodedata

# TCVN 5712:1993 (VN3, the "ABC" fonts): one byte per letter, lower case only for toned
# letters; the ".VnTimeH" fonts draw the same codes as capitals.
TCVN3: dict[str, str] = {
    "\xa1": "Ă",
    "\xa2": "Â",
    "\xa3": "Ê",
    "\xa4": "Ô",
    "\xa5": "Ơ",
    "\xa6": "Ư",
    "\xa7": "Đ",
    "\xa8": "ă",
    "\xa9": "â",
    "\xaa": "ê",
    "\xab": "ô",
    "\xac": "ơ",
    "\xad": "ư",
    "\xae": "đ",
    "\xb5": "à",
    "\xb6": "ả",
    "\xb7": "ã",
    "\xb8": "á",
    "\xb9": "ạ",
    "\xbb": "ằ",
    "\xbc": "ẳ",
    "\xbd": "ẵ",
    "\xbe": "ắ",
    "\xc6": "ặ",
    "\xc7": "ầ",
    "\xc8": "ẩ",
    "\xc9": "ẫ",
    "\xca": "ấ",
    "\xcb": "ậ",
    "\xcc": "è",
    "\xce": "ẻ",
    "\xcf": "ẽ",
    "\xd0": "é",
    "\xd1": "ẹ",
    "\xd2": "ề",
    "\xd3": "ể",
    "\xd4": "ễ",
    "\xd5": "ế",
    "\xd6": "ệ",
    "\xd7": "ì",
    "\xd8": "ỉ",
    "\xdc": "ĩ",
    "\xdd": "í",
    "\xde": "ị",
    "\xdf": "ò",
    "\xe1": "ỏ",
    "\xe2": "õ",
    "\xe3": "ó",
    "\xe4": "ọ",
    "\xe5": "ồ",
    "\xe6": "ổ",
    "\xe7": "ỗ",
    "\xe8": "ố",
    "\xe9": "ộ",
    "\xea": "ờ",
    "\xeb": "ở",
    "\xec": "ỡ",
    "\xed": "ớ",
    "\xee": "ợ",
    "\xef": "ù",
    "\xf1": "ủ",
    "\xf2": "ũ",
    "\xf3": "ú",
    "\xf4": "ụ",
    "\xf5": "ừ",
    "\xf6": "ử",
    "\xf7": "ữ",
    "\xf8": "ứ",
    "\xf9": "ự",
    "\xfa": "ỳ",
    "\xfb": "ỷ",
    "\xfc": "ỹ",
    "\xfd": "ý",
    "\xfe": "ỵ",
}
_TCVN3_TABLE = str.maketrans(TCVN3)

# VNI Windows: a base letter followed by a mark byte. Tones in order: sắc, huyền, hỏi, ngã, nặng.
_TONES = "\u0301\u0300\u0309\u0303\u0323"
_VNI_PLAIN_TONES = "ùøûõï"  # after a, e, o, u, y, ơ (ô), ư (ö)
_VNI_HAT_TONES = "áàåãä"  # after â, ê, ô: the mark carries the circumflex and the tone
_VNI_BREVE_TONES = "éèúüë"  # after a: breve plus tone


def _compose(base: str, *marks: str) -> str:
    return unicodedata.normalize("NFC", base + "".join(marks))


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for upper in (False, True):

        def case(text: str, upper: bool = upper) -> str:
            return text.upper() if upper else text

        for base in "aeouy":
            for mark, tone in zip(_VNI_PLAIN_TONES, _TONES, strict=True):
                table[case(base) + case(mark)] = case(_compose(base, tone))
        for base in "aeo":
            table[case(base) + case("â")] = case(_compose(base, "\u0302"))
            for mark, tone in zip(_VNI_HAT_TONES, _TONES, strict=True):
                table[case(base) + case(mark)] = case(_compose(base, "\u0302", tone))
        table[case("a") + case("ê")] = case("ă")
        for mark, tone in zip(_VNI_BREVE_TONES, _TONES, strict=True):
            table[case("a") + case(mark)] = case(_compose("a", "\u0306", tone))
        # ơ and ư are single bytes (ô, ö) that take the plain tone marks.
        for byte, letter in (("ô", "ơ"), ("ö", "ư")):
            for mark, tone in zip(_VNI_PLAIN_TONES, _TONES, strict=True):
                table[case(byte) + case(mark)] = case(_compose(letter, tone))
    singles = {
        "ô": "ơ",
        "ö": "ư",
        "ñ": "đ",
        "í": "í",
        "ì": "ì",
        "æ": "ỉ",
        "ó": "ĩ",
        "ò": "ị",
        "î": "ỵ",
    }
    for byte, letter in singles.items():
        table[byte] = letter
        table[byte.upper()] = letter.upper()
    return table


VNI = _vni_table()
_VNI_PATTERN = re.compile("|".join(re.escape(k) for k in sorted(VNI, key=len, reverse=True)))

# Letters only Vietnamese Unicode text has (ă â đ ê ô ơ ư and the toned vowels U+1EA0..U+1EF9).
_VIET = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")
# Latin-1 symbols that never occur in Vietnamese words but are TCVN3 letters.
_TCVN3_SIGNS = re.compile("[\xa1-\xae\xb5-\xb9\xbb-\xbe\xc6-\xcc\xce-\xd8\xdc-\xdf\xf1]")
# VNI mark bytes glued after a vowel, e.g. "aù", "oä", "öï".
_VNI_SIGNS = re.compile("[aeouyAEOUYôöÔÖ][ùøûõïáàåãäéèúüëÙØÛÕÏÁÀÅÃÄÉÈÚÜË]|ñ|Ñ")


def tcvn3_to_unicode(text: str) -> str:
    converted = text.translate(_TCVN3_TABLE)
    # Lines set in a ".VnTimeH" (capitals) font come out with ASCII capitals and lower-case
    # toned letters: "QUèC HéI". Upper-case such lines whole.
    return "\n".join(_fix_caps(line) for line in converted.split("\n"))


def _fix_caps(line: str) -> str:
    letters = [c for c in line if c.isascii() and c.isalpha()]
    if len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.9 * len(letters):
        return line.upper()
    return line


def vni_to_unicode(text: str) -> str:
    return _VNI_PATTERN.sub(lambda m: VNI[m.group(0)], text)


def _score(text: str) -> int:
    return len(_VIET.findall(text))


def detect(text: str) -> str:
    """``"unicode"``, ``"tcvn3"`` or ``"vni"``: which encoding the text was typed in."""
    sample = text[:20000]
    if not any("\xa0" < ch <= "\xff" for ch in sample):
        return "unicode"
    native = _score(sample)
    tcvn3_signs = len(_TCVN3_SIGNS.findall(sample))
    vni_signs = len(_VNI_SIGNS.findall(sample))
    if max(tcvn3_signs, vni_signs) < 3 or native > 2 * max(tcvn3_signs, vni_signs):
        return "unicode"
    best = "vni" if vni_signs > tcvn3_signs else "tcvn3"
    converted = vni_to_unicode(sample) if best == "vni" else tcvn3_to_unicode(sample)
    if _score(converted) > native + 2:
        return best
    return "unicode"


def to_unicode(text: str) -> tuple[str, str]:
    """Convert legacy-encoded text; returns ``(text, encoding detected)``."""
    encoding = detect(text)
    if encoding == "tcvn3":
        return tcvn3_to_unicode(text), encoding
    if encoding == "vni":
        return vni_to_unicode(text), encoding
    return text, encoding
