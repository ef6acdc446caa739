from dienhong.search.analysis import field_terms, heading_end, number_terms, parse_query, snippet


def test_a_field_gives_accented_and_folded_syllables_and_bigrams():
    terms = field_terms("Quốc hội Đà Nẵng")
    assert {"quốc", "hội", "_quoc", "_hoi", "quốc_hội", "_quoc_hoi", "_da_nang"} <= set(terms)


def test_d_bar_folds_to_d():
    assert "_dang" in field_terms("Đảng") and "_dang" in field_terms("đảng")


def test_document_numbers_are_kept_whole_and_in_parts():
    terms = number_terms("Nghị quyết 1097/2015/UBTVQH13 và 30/2020/NĐ-CP")
    assert terms == [
        "#1097/2015/ubtvqh13",
        "#1097/2015",
        "#2015/ubtvqh13",
        "#30/2020/nd-cp",
        "#30/2020",
        "#2020/nd-cp",
    ]
    assert {"1097", "2015", "ubtvqh13"} <= set(field_terms("1097/2015/UBTVQH13"))


def test_an_accented_query_searches_accented_terms():
    parsed = parse_query("Quốc hội", any_word=True)
    assert parsed.optional == ["quốc", "hội", "quốc_hội"]
    assert not parsed.required


def test_a_query_without_diacritics_searches_folded_terms():
    assert parse_query("quoc hoi", any_word=True).optional == ["_quoc", "_hoi", "_quoc_hoi"]


def test_a_keyword_search_needs_every_syllable_and_ranks_by_its_bigrams():
    parsed = parse_query("Quốc hội")
    assert parsed.required == ["quốc", "hội"] and parsed.optional == ["quốc_hội"]
    parsed = parse_query("tai san chung")
    assert parsed.required == ["_tai", "_san", "_chung"]
    assert parsed.optional == ["_tai_san", "_san_chung"]
    # the same terms either way: only what must match differs, never the score
    assert sorted(parsed.terms) == sorted(parse_query("tai san chung", any_word=True).terms)
    assert parse_query("tài sản tài").required == ["tài", "sản", "tài"]


def test_questions_numbers_long_queries_and_single_words_match_any_term():
    for text in (
        "Tesla chết năm nào",  # a question word
        "Ai hát quốc ca?",  # a question mark
        "nghị quyết 1097/2015/UBTVQH13",  # a document number
        "quyền nghĩa vụ viên chức",  # five syllables or more: a question
        "sách",  # one word: nothing to require
    ):
        assert not parse_query(text).required, text
    assert parse_query("quyền nghĩa vụ viên").required == ["quyền", "nghĩa", "vụ", "viên"]


def test_a_quoted_phrase_is_required_as_its_bigrams():
    parsed = parse_query('"ủy ban thường vụ" quốc hội')
    assert parsed.required == ["ủy_ban", "ban_thường", "thường_vụ", "quốc", "hội"]
    assert parsed.optional == ["quốc_hội"]
    parsed = parse_query('"ủy ban thường vụ" quốc hội', any_word=True)
    assert parsed.required == ["ủy_ban", "ban_thường", "thường_vụ"]
    assert "quốc_hội" in parsed.optional


def test_question_words_are_dropped_but_never_the_whole_query():
    assert "gì" not in parse_query("Viên chức là gì?").optional
    assert parse_query("là gì").optional == ["là", "gì", "là_gì"]


def test_a_reference_query_keeps_the_number_whole():
    parsed = parse_query("khoản 1 điều 237 91/2015/QH13")
    assert "#91/2015/qh13" in parsed.optional and "điều_237" in parsed.optional


def test_snippets_mark_matches_on_the_original_text_and_escape_the_rest():
    text = "Mở đầu <b>. " + "từ " * 50 + "Quốc hội thông qua Nghị quyết 1097/2015/UBTVQH13 & khác."
    marked = snippet(text, parse_query("quoc hoi 1097/2015/UBTVQH13"))
    assert "<mark>Quốc</mark> <mark>hội</mark>" in marked
    assert "<mark>1097/2015/UBTVQH13</mark>" in marked
    assert "&amp;" in marked and marked.startswith("…")
    assert "<b>" not in snippet("a <b> c", parse_query("a"))


HEADING = (
    "VĂN PHÒNG QUỐC HỘI ________ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh "
    "phúc Số: 1594/VPQH-CDS V/v bố trí hội trường Hà Nội, ngày 17 tháng 9 năm 2025 "
)


def test_a_snippet_prefers_the_text_after_the_document_heading():
    body = "Kính gửi: Vụ Quản trị. " + "Văn bản này nói về việc khác. " * 8
    body += "Văn phòng Quốc hội đề nghị bố trí hội trường phục vụ phiên họp thứ 51."
    text = HEADING + body
    assert heading_end(text) == len(HEADING) - 1
    # as many words in the heading (issuer, national name) as in the body: the body's
    marked = snippet(text, parse_query("quoc hoi"))
    assert "<mark>Quốc</mark> <mark>hội</mark> đề nghị" in marked and "NGHĨA" not in marked
    assert "Hạnh phúc" not in snippet(text, parse_query("hội trường"))
    # what only the heading holds, the heading shows; more words beat a later window
    assert "<mark>1594/VPQH-CDS</mark>" in snippet(text, parse_query("1594/VPQH-CDS"))
    assert "<mark>CHỦ</mark> <mark>NGHĨA</mark>" in snippet(text, parse_query("xã hội chủ nghĩa"))
    # the type name and subject, shown with the result, end at the rule under them
    titled = HEADING + "KẾT LUẬN Về Kỳ họp của Quốc hội ____________ " + body
    assert heading_end(titled) == titled.index(" Kính gửi")
    assert "đề nghị" in snippet(titled, parse_query("quoc hoi"))
    # without the date, the heading ends with the motto; without the motto, there is none
    assert heading_end("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Doc lap - Tu do - Hanh phuc. X") == 62
    assert heading_end(body) == 0


def test_a_snippet_without_matches_starts_at_the_beginning():
    assert snippet("Một hai ba", parse_query("zzz")) == "Một hai ba"
    assert snippet("", parse_query("zzz")) == ""
