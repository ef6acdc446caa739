from pathlib import Path

from dienhong.documents.metadata import suggest
from dienhong.documents.metadata_eval import evaluate

SET = Path(__file__).parent / "data" / "metadata_set"
LETTER = """VĂN PHÒNG QUỐC HỘI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 1520/VPQH-TH Hà Nội, ngày 05 tháng 01 năm 2026
V/v chuẩn bị tài liệu phục vụ
Kỳ họp thứ nhất, Quốc hội khóa XVI
Kính gửi: Các đơn vị thuộc Văn phòng Quốc hội
Đề nghị các đơn vị gửi tài liệu đúng hạn.
KT. CHỦ NHIỆM
PHÓ CHỦ NHIỆM
Nguyễn Văn An
Nơi nhận:
- Như trên;
- Lưu: VT, TH.
"""


def test_it_suggests_the_metadata_of_an_official_letter():
    found = suggest(LETTER)
    assert found == {
        "number": "1520/VPQH-TH",
        "date": "2026-01-05",
        "type": "Công văn",
        "issuer": "Văn phòng Quốc hội",
        "subject": "Chuẩn bị tài liệu phục vụ Kỳ họp thứ nhất, Quốc hội khóa XVI",
        "signer": "Nguyễn Văn An",
    }


def test_it_suggests_nothing_for_text_without_a_header():
    assert suggest("Một đoạn văn bản bình thường không có tiêu đề.") == {}


def test_the_labelled_set_holds_fifty_documents_and_keeps_a_floor():
    result = evaluate(SET)
    assert result["documents"] >= 50
    for field, figures in result["fields"].items():
        assert figures["precision"] >= 0.9, (field, figures)
        assert figures["recall"] >= 0.9, (field, figures)


def test_metadata_eval_prints_json(capsys):
    import json

    from django.core.management import call_command

    call_command("metadata_eval", "--set", str(SET))
    printed = json.loads(capsys.readouterr().out)
    assert set(printed["fields"]) == {"number", "date", "type", "issuer", "subject", "signer"}
