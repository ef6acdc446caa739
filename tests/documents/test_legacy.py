from dienhong.documents import legacy

TCVN3 = (
    "Céng hßa x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\nQuèc héi ban hµnh NghÞ quyÕt"
)
VNI = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nÑoäc laäp - Töï do - Haïnh phuùc\nQuoác hoäi"
UNICODE = "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc"


def test_it_converts_tcvn3_text():
    text, encoding = legacy.to_unicode(TCVN3)
    assert encoding == "tcvn3"
    assert text.splitlines() == [
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Độc lập - Tự do - Hạnh phúc",
        "Quốc hội ban hành Nghị quyết",
    ]


def test_it_upper_cases_lines_set_in_tcvn3_capital_fonts():
    text, _ = legacy.to_unicode("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM\nQuèc héi ban hµnh")
    assert text.splitlines()[0] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def test_it_converts_vni_text():
    text, encoding = legacy.to_unicode(VNI)
    assert encoding == "vni"
    assert text.splitlines() == [
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Độc lập - Tự do - Hạnh phúc",
        "Quốc hội",
    ]
    assert legacy.vni_to_unicode("COÄNG HOØA") == "CỘNG HÒA"
    assert legacy.vni_to_unicode("Thöïc hieän nghò quyeát") == "Thực hiện nghị quyết"


def test_it_leaves_unicode_and_foreign_text_alone():
    assert legacy.to_unicode(UNICODE) == (UNICODE, "unicode")
    assert legacy.detect("Café crème à la française, déjà vu") == "unicode"
    assert legacy.detect("plain ascii") == "unicode"


def test_every_vietnamese_letter_round_trips_through_the_tables():
    letters = set(legacy.TCVN3.values())
    assert {"ắ", "ặ", "ề", "ữ", "ỵ", "đ", "Đ"} <= letters
    assert len(set(legacy.TCVN3.values())) == len(legacy.TCVN3)
    vni_letters = set(legacy.VNI.values())
    for letter in "áàảãạâấầẩẫậăắằẳẵặéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵđ":
        assert letter in vni_letters, letter
        assert letter.upper() in vni_letters, letter.upper()
