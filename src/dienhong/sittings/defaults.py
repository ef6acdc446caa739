"""Shipped data: checklist templates and the default wording of the chair's script.

Both are data an administrator may change: checklist templates are rows (loaded by a data
migration from ``CHECKLISTS``), script wording is overridden by ``ScriptTemplate`` rows.
Unit codes are those of the Office after NQ 74/2025/UBTVQH15 (see ``org.demo``); an
installation with other codes edits the template items.
"""

from __future__ import annotations

# (code, kind, name, [(offset working days before, unit code, task, expected result)])
CHECKLISTS: list[tuple[str, str, str, list[tuple[int, str, str, str]]]] = [
    (
        "plenary",
        "plenary",
        "Chuẩn bị phiên họp toàn thể tại hội trường",
        [
            (
                15,
                "VPQH-TH",
                "Dự kiến chương trình phiên họp, trình lãnh đạo Văn phòng",
                "Dự kiến chương trình được phê duyệt",
            ),
            (
                10,
                "VPQH-HC",
                "Phát hành giấy mời, gửi tài liệu phiên họp đến đại biểu",
                "Giấy mời và tài liệu đã gửi",
            ),
            (
                7,
                "VPQH-TH",
                "Xây dựng kịch bản điều hành phiên họp",
                "Kịch bản điều hành trình Chủ tọa",
            ),
            (
                5,
                "VPQH-CQT-P2",
                "Kiểm tra âm thanh, hệ thống biểu quyết điện tử và màn hình",
                "Biên bản kiểm tra kỹ thuật hội trường",
            ),
            (
                3,
                "VPQH-CDS",
                "Cập nhật tài liệu lên Hệ thống thông tin phục vụ đại biểu",
                "Tài liệu điện tử đầy đủ trên hệ thống",
            ),
            (
                3,
                "VPQH-TTTV",
                "Kế hoạch thông tin, tuyên truyền về phiên họp",
                "Kế hoạch thông tin được duyệt",
            ),
            (
                2,
                "VPQH-CQT-P1",
                "Bố trí chỗ ngồi, đón tiếp khách mời",
                "Sơ đồ chỗ ngồi và danh sách khách mời",
            ),
            (
                1,
                "VPQH-HC",
                "Lập danh sách cấp thẻ, phối hợp bảo đảm an ninh",
                "Danh sách cấp thẻ gửi lực lượng bảo vệ",
            ),
            (1, "VPQH-BDBND", "Phân công phóng viên đưa tin phiên họp", "Kế hoạch đưa tin"),
        ],
    ),
    (
        "meeting",
        "meeting",
        "Chuẩn bị phiên họp Ủy ban Thường vụ Quốc hội",
        [
            (
                10,
                "VPQH-TH",
                "Dự kiến chương trình phiên họp, trình Tổng Thư ký Quốc hội",
                "Dự kiến chương trình được phê duyệt",
            ),
            (7, "VPQH-HC", "Gửi giấy mời các cơ quan, thành phần dự họp", "Giấy mời đã phát hành"),
            (
                5,
                "VPQH-TH",
                "Tổng hợp hồ sơ, tài liệu các nội dung trình Ủy ban Thường vụ Quốc hội",
                "Bộ tài liệu phiên họp",
            ),
            (
                3,
                "VPQH-TH",
                "Xây dựng kịch bản điều hành phiên họp",
                "Kịch bản điều hành trình Chủ tọa",
            ),
            (
                3,
                "VPQH-CDS",
                "Đưa tài liệu phiên họp lên hệ thống điện tử",
                "Tài liệu điện tử đầy đủ",
            ),
            (2, "VPQH-CQT-P2", "Chuẩn bị phòng họp, âm thanh, ghi hình", "Phòng họp sẵn sàng"),
            (1, "VPQH-BDBND", "Chuẩn bị thông cáo báo chí", "Dự thảo thông cáo báo chí"),
        ],
    ),
    (
        "online",
        "online",
        "Chuẩn bị phiên họp trực tuyến với các địa phương",
        [
            (
                10,
                "VPQH-CDS",
                "Phương án kết nối trực tuyến với các điểm cầu",
                "Phương án kết nối được duyệt",
            ),
            (
                7,
                "VPQH-HC",
                "Công văn gửi Văn phòng Đoàn ĐBQH và HĐND các tỉnh, thành phố",
                "Công văn đã phát hành",
            ),
            (
                5,
                "VPQH-CDS",
                "Kiểm tra đường truyền với các điểm cầu (lần 1)",
                "Danh sách điểm cầu đạt yêu cầu",
            ),
            (2, "VPQH-CDS", "Chạy thử tổng thể với tất cả các điểm cầu", "Biên bản chạy thử"),
            (
                1,
                "VPQH-CQT-P2",
                "Kiểm tra âm thanh, hình ảnh tại điểm cầu trung tâm",
                "Điểm cầu trung tâm sẵn sàng",
            ),
            (0, "VPQH-CDS", "Trực kỹ thuật trong suốt phiên họp", "Nhật ký trực kỹ thuật"),
        ],
    ),
    (
        "forum",
        "forum",
        "Chuẩn bị tổ chức Diễn đàn",
        [
            (
                20,
                "VPQH-TH",
                "Kế hoạch tổ chức Diễn đàn trình lãnh đạo Quốc hội",
                "Kế hoạch được phê duyệt",
            ),
            (15, "VPQH-KHTC", "Dự toán kinh phí tổ chức Diễn đàn", "Dự toán được duyệt"),
            (
                12,
                "VPQH-TH",
                "Xây dựng chương trình, tài liệu đề dẫn Diễn đàn",
                "Chương trình và đề dẫn",
            ),
            (10, "VPQH-HC", "Phát hành giấy mời đại biểu, khách mời", "Giấy mời đã gửi"),
            (7, "VPQH-TTTV", "Kế hoạch truyền thông về Diễn đàn", "Kế hoạch truyền thông"),
            (
                5,
                "VPQH-CQT-P1",
                "Lễ tân, khánh tiết, trang trí hội trường",
                "Hội trường trang trí xong",
            ),
            (3, "VPQH-CQT-P2", "Âm thanh, ánh sáng, màn hình LED", "Kỹ thuật sẵn sàng"),
            (
                2,
                "VPQH-CDS",
                "Truyền hình trực tiếp, phát trực tuyến Diễn đàn",
                "Đường truyền đã kiểm tra",
            ),
            (
                1,
                "VPQH-TH",
                "Kịch bản điều hành và bài phát biểu của lãnh đạo",
                "Kịch bản trình Chủ tọa",
            ),
            (1, "VPQH-BDBND", "Đưa tin Diễn đàn", "Kế hoạch đưa tin"),
        ],
    ),
    (
        "congress",
        "congress",
        "Chuẩn bị tổ chức Đại hội Thi đua yêu nước",
        [
            (25, "VPQH-TCCB", "Kế hoạch tổ chức Đại hội", "Kế hoạch được phê duyệt"),
            (
                20,
                "VPQH-TCCB",
                "Hồ sơ khen thưởng các tập thể, cá nhân điển hình tiên tiến",
                "Hồ sơ khen thưởng hoàn chỉnh",
            ),
            (15, "VPQH-TH", "Báo cáo tổng kết phong trào thi đua", "Dự thảo báo cáo"),
            (10, "VPQH-HC", "Phát hành giấy mời đại biểu dự Đại hội", "Giấy mời đã gửi"),
            (
                7,
                "VPQH-TTTV",
                "Phim phóng sự và triển lãm ảnh về phong trào thi đua",
                "Phim và triển lãm hoàn thành",
            ),
            (5, "VPQH-CQT-P1", "Khánh tiết, hoa, bằng khen, kỷ niệm chương", "Khánh tiết sẵn sàng"),
            (3, "VPQH-CQT-P2", "Âm thanh, ánh sáng, màn hình", "Kỹ thuật sẵn sàng"),
            (2, "VPQH-TH", "Kịch bản điều hành Đại hội", "Kịch bản trình Chủ tọa"),
            (1, "VPQH-BDBND", "Đưa tin Đại hội", "Kế hoạch đưa tin"),
        ],
    ),
    (
        "anniversary",
        "anniversary",
        "Chuẩn bị Lễ kỷ niệm",
        [
            (
                30,
                "VPQH-TH",
                "Đề án tổ chức Lễ kỷ niệm trình Ủy ban Thường vụ Quốc hội",
                "Đề án được phê duyệt",
            ),
            (20, "VPQH-TTTV", "Triển lãm, ấn phẩm kỷ niệm", "Ấn phẩm và triển lãm"),
            (15, "VPQH-KHTC", "Dự toán kinh phí Lễ kỷ niệm", "Dự toán được duyệt"),
            (10, "VPQH-HC", "Phát hành giấy mời", "Giấy mời đã gửi"),
            (7, "VPQH-QHQT", "Đón tiếp khách quốc tế", "Chương trình đón tiếp"),
            (5, "VPQH-CQT-P1", "Lễ tân, khánh tiết, trang trí", "Khánh tiết sẵn sàng"),
            (3, "VPQH-CQT-P2", "Âm thanh, ánh sáng, truyền hình", "Kỹ thuật sẵn sàng"),
            (2, "VPQH-TH", "Kịch bản buổi lễ và diễn văn kỷ niệm", "Kịch bản và diễn văn"),
            (1, "VPQH-BDBND", "Đưa tin Lễ kỷ niệm", "Kế hoạch đưa tin"),
        ],
    ),
    (
        "museum_opening",
        "museum_opening",
        "Chuẩn bị Lễ khánh thành Bảo tàng",
        [
            (40, "VPQH-TTTV", "Hoàn thiện nội dung trưng bày", "Đề cương trưng bày được duyệt"),
            (30, "VPQH-CQT", "Hoàn thiện cơ sở vật chất Bảo tàng", "Biên bản nghiệm thu"),
            (20, "VPQH-KHTC", "Dự toán kinh phí Lễ khánh thành", "Dự toán được duyệt"),
            (10, "VPQH-HC", "Phát hành giấy mời", "Giấy mời đã gửi"),
            (7, "VPQH-TTTV", "Thuyết minh, hướng dẫn tham quan", "Bài thuyết minh"),
            (5, "VPQH-CQT-P1", "Lễ cắt băng khánh thành, khánh tiết", "Khánh tiết sẵn sàng"),
            (3, "VPQH-CDS", "Bảo tàng số, mã QR tại hiện vật", "Ứng dụng tham quan số"),
            (2, "VPQH-TH", "Kịch bản buổi lễ", "Kịch bản trình lãnh đạo"),
            (1, "VPQH-BDBND", "Đưa tin Lễ khánh thành", "Kế hoạch đưa tin"),
        ],
    ),
]


# Wording of each section of the chair's script (Django template syntax, plain text).
# Sitting sections see: session, assembly, weekday, date_long, part_label, where, start, end,
# items (titles), live, points_count, next_sitting, is_event, kind.
# Item sections also see: title, position, name, presenter, start, end, duration, documents.
SCRIPT_TEMPLATES: dict[str, str] = {
    "opening": (
        "Kính thưa {{ greeting }},\n"
        "Hôm nay, {{ weekday }}, {{ date_long }}, {{ assembly }} tiếp tục {{ session }}."
        "{% if live %} Phiên họp được phát thanh, truyền hình trực tiếp.{% endif %}"
        "{% if points_count %} Phiên họp được kết nối trực tuyến với {{ points_count }} điểm cầu"
        " tại các tỉnh, thành phố.{% endif %}\n"
        "Theo chương trình, phiên họp buổi {{ part_label }} nay tại {{ where }} gồm"
        " {{ items|length }} nội dung:\n"
        "{% for title in items %}{{ forloop.counter }}. {{ title }};\n{% endfor %}"
        "Xin tuyên bố khai mạc phiên họp."
    ),
    "event_opening": (
        "Kính thưa các đồng chí lãnh đạo,\n"
        "Kính thưa các vị đại biểu, các vị khách quý,\n"
        "Hôm nay, {{ weekday }}, {{ date_long }}, tại {{ where }}, {{ session }} được long trọng"
        " tổ chức.{% if live %} Chương trình được truyền hình trực tiếp.{% endif %}\n"
        "Chương trình gồm {{ items|length }} phần:\n"
        "{% for title in items %}{{ forloop.counter }}. {{ title }};\n{% endfor %}"
        "Xin trân trọng giới thiệu các đồng chí lãnh đạo và các vị đại biểu tham dự."
    ),
    "ceremony": (
        "{% if is_event %}Kính thưa các vị đại biểu,"
        "{% else %}Kính thưa {{ assembly }},{% endif %}\n"
        "Tiếp theo chương trình: {{ title }}."
        "{% if position %} Xin trân trọng kính mời {{ position }}{% if name %} {{ name }}"
        "{% endif %}.{% endif %}"
    ),
    "report": (
        "Kính thưa {{ greeting }},\n"
        "Tiếp theo chương trình, {{ assembly }} nghe {{ title }}"
        "{% if documents %} (tài liệu: {{ documents }}){% endif %}.\n"
        "Xin trân trọng kính mời {{ position }}{% if name %} {{ name }}{% endif %} trình bày.\n"
        "(Thời gian dự kiến: {{ start }}–{{ end }}, {{ duration }} phút.)"
    ),
    "verification": (
        "Tiếp theo, {{ assembly }} nghe {{ title }}"
        "{% if documents %} (tài liệu: {{ documents }}){% endif %}.\n"
        "Xin trân trọng kính mời {{ position }}{% if name %} {{ name }}{% endif %} trình bày.\n"
        "(Thời gian dự kiến: {{ start }}–{{ end }}, {{ duration }} phút.)"
    ),
    "discussion": (
        "Kính thưa {{ greeting }},\n"
        "Sau đây, {{ assembly }} thảo luận về {{ title }}"
        "{% if documents %} (tài liệu: {{ documents }}){% endif %}.\n"
        "Đề nghị các vị đại biểu phát biểu ngắn gọn, tập trung vào những vấn đề còn ý kiến khác"
        " nhau; mỗi lượt phát biểu không quá 7 phút, tranh luận không quá 3 phút. Các vị đại biểu"
        " đăng ký phát biểu qua hệ thống điện tử.\n"
        "{% if position %}Cuối phiên thảo luận, xin mời {{ position }}{% if name %} {{ name }}"
        "{% endif %} phát biểu giải trình, làm rõ các vấn đề đại biểu quan tâm.\n{% endif %}"
        "(Thời gian dự kiến: {{ start }}–{{ end }}, {{ duration }} phút.)"
    ),
    "qa": (
        "Kính thưa {{ greeting }},\n"
        "Tiếp theo chương trình, {{ assembly }} tiến hành chất vấn và trả lời chất vấn:"
        " {{ title }}.\n"
        "Người trả lời chất vấn: {{ position }}{% if name %} {{ name }}{% endif %}.\n"
        "Mỗi vị đại biểu nêu câu hỏi không quá 1 phút; người trả lời chất vấn trả lời không quá"
        " 3 phút; đại biểu có thể tranh luận không quá 1 phút.\n"
        "(Thời gian dự kiến: {{ start }}–{{ end }}, {{ duration }} phút.)"
    ),
    "vote": (
        "Kính thưa {{ greeting }},\n"
        "Đề nghị các vị đại biểu kiểm tra thẻ biểu quyết và chuẩn bị biểu quyết thông qua"
        " {{ vote_subject }}{% if documents %} (tài liệu: {{ documents }}){% endif %}.\n"
        "Xin mời các vị đại biểu biểu quyết.\n"
        "(Công bố kết quả trên màn hình: tán thành …, không tán thành …, không biểu quyết …)\n"
        "Như vậy, với kết quả biểu quyết trên, {{ assembly }} đã thông qua {{ vote_subject }}."
    ),
    "other": (
        "Tiếp theo chương trình: {{ title }}."
        "{% if position %} Xin mời {{ position }}{% if name %} {{ name }}{% endif %}.{% endif %}"
    ),
    "closing": (
        "Kính thưa {{ greeting }},\n"
        "Phiên họp buổi {{ part_label }} nay đã hoàn thành các nội dung theo chương trình.\n"
        "{% if next_sitting %}{{ next_sitting }}\n{% endif %}"
        "Xin cảm ơn các vị đại biểu. Xin tuyên bố bế mạc phiên họp."
    ),
    "event_closing": (
        "Kính thưa các đồng chí lãnh đạo, các vị đại biểu, các vị khách quý,\n"
        "{{ session }} đến đây đã hoàn thành chương trình.\n"
        "Xin trân trọng cảm ơn các đồng chí lãnh đạo, các vị đại biểu, khách quý đã tham dự."
    ),
}
