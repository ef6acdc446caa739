import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dienhong.core.text import fold, has_diacritics, nfc, words


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Nguyễn Đức", "nguyen duc"),
        ("QUỐC HỘI", "quoc hoi"),
        ("đ Đ d", "d d d"),
        ("Ủy ban Thường vụ Quốc hội", "uy ban thuong vu quoc hoi"),
        ("1097/2015/UBTVQH13", "1097/2015/ubtvqh13"),
    ],
)
def test_fold_removes_case_and_every_diacritic_including_d_bar(text, folded):
    assert fold(text) == folded


def test_nfd_input_folds_like_nfc():
    decomposed = unicodedata.normalize("NFD", "Quốc hội")
    assert decomposed != "Quốc hội"
    assert nfc(decomposed) == "Quốc hội"
    assert fold(decomposed) == "quoc hoi"


def test_has_diacritics():
    assert has_diacritics("Hà Nội")
    assert not has_diacritics("Ha Noi")


def test_words_split_syllables():
    assert words("Luật Tổ chức Quốc hội, 2014!") == ["luật", "tổ", "chức", "quốc", "hội", "2014"]


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)
