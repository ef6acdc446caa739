from datetime import date

from django.contrib.auth.models import AnonymousUser

from dienhong.org import selectors


def test_people_search_works_with_and_without_diacritics(world, staff_member):
    person = selectors.person_list(staff_member).first()
    family, *_, given = person.full_name.split()
    from dienhong.core.text import fold

    with_marks = selectors.person_list(staff_member, q=f"{family} {given}")
    without = selectors.person_list(staff_member, q=fold(f"{family} {given}"))
    assert person in with_marks
    assert list(with_marks) == list(without)


def test_nguyen_duc_finds_nguyen_duc_written_without_marks(world, org_admin, staff_member):
    from dienhong.org import services

    services.create_person(actor=org_admin, full_name="Nguyễn Đức Thử")
    assert [p.full_name for p in selectors.person_list(staff_member, q="nguyen duc thu")] == [
        "Nguyễn Đức Thử"
    ]
    assert [p.full_name for p in selectors.person_list(staff_member, q="Nguyễn Đức Thử")] == [
        "Nguyễn Đức Thử"
    ]


def test_anonymous_and_roleless_users_see_nothing(world, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="x")
    assert not selectors.person_list(AnonymousUser()).exists()
    assert not selectors.person_list(nobody).exists()
    assert not selectors.unit_list(nobody).exists()
    assert selectors.unit_tree_as_of(nobody) == []
    assert not selectors.deputies(nobody).exists()


def test_people_list_prefetches_current_posts(world, staff_member, django_assert_num_queries):
    with django_assert_num_queries(3):  # role scope, people, their posts
        people = list(selectors.person_list(staff_member, unit=world.units["VPQH"])[:50])
        posts = [m.unit.name for p in people for m in p.current_posts]
    assert len(people) == 50 and posts


def test_unit_list_filters(world, staff_member):
    assert selectors.unit_list(staff_member, q="tong hop").filter(code="VPQH-TH").exists()
    assert selectors.unit_list(staff_member, q="VPQH-HC").count() == 1
    divisions = selectors.unit_list(
        staff_member, kind="division", parent_id=world.units["VPQH-HC"].pk
    )
    assert divisions.count() == 3
    assert not selectors.unit_list(staff_member).filter(code="VPQH-VNCLP").exists()
    assert (
        selectors.unit_list(staff_member, include_dissolved=True).filter(code="VPQH-VNCLP").exists()
    )


def test_tree_as_of_dates(world, staff_member):
    before = selectors.unit_tree_as_of(staff_member, date(2024, 12, 31))
    names = {n.name for root in before for n in root.children}
    assert "Viện Nghiên cứu lập pháp" in names
    assert "Vụ Thông tin" in names
    after = {
        n.name
        for root in selectors.unit_tree_as_of(staff_member, date(2025, 12, 31))
        for n in root.children
    }
    assert "Viện Nghiên cứu lập pháp" not in after and "Vụ Thông tin và Thư viện" in after


def test_provinces_before_and_after_the_merger(db):
    assert selectors.provinces(on=date(2025, 6, 30)).count() == 63
    assert selectors.provinces(on=date(2025, 7, 1)).count() == 34
    ha_giang = selectors.provinces(q="ha giang").get()
    assert ha_giang.successor.name == "Tuyên Quang"


def test_terms_bodies_delegations_deputies(world, staff_member):
    assert selectors.current_term(date(2025, 1, 1)).roman == "XV"
    assert selectors.current_term(date(2026, 11, 27)).roman == "XVI"
    assert selectors.bodies(date(2025, 1, 1)).count() == 1
    assert selectors.bodies(date(2026, 1, 1)).count() == 9
    assert selectors.delegations(term=world.terms[16]).count() == 34
    assert selectors.delegations(term=world.terms[15]).count() == 63 + 23
    hanoi = selectors.delegations(term=world.terms[16]).get(province__code="01")
    assert selectors.deputies(staff_member, delegation_id=hanoi.pk).count() == 3
    assert selectors.deputies(staff_member, term=world.terms[16], full_time=True).count() == 34
    name = selectors.deputies(staff_member).first().person.full_name
    assert selectors.deputies(staff_member, q=name).exists()
    assert selectors.positions().exists() and selectors.terms().count() == 2


def test_name_search_finds_words_anywhere_in_the_name(world, staff_member):
    """Whatever the index (trigrams on SQLite and PostgreSQL), a word matches inside names."""
    from dienhong.core.text import fold
    from dienhong.org.models import Person

    names = {p.pk: p.name_folded for p in Person.objects.filter(is_active=True)}
    for q in ["nguyen", "uyen", "le", "van th", "nguyen van", "ong", "xyzq", "n", "thi hu"]:
        words = fold(q).split()
        expected = sorted(pk for pk, name in names.items() if all(w in name for w in words))
        found = sorted(p.pk for p in selectors.person_list(staff_member, q=q))
        assert found == expected, q


def test_the_name_index_follows_creation_renaming_and_deletion(world, org_admin, staff_member):
    from dienhong.org import services

    def found(q: str) -> list[str]:
        return [p.full_name for p in selectors.person_list(staff_member, q=q)]

    person = services.create_person(actor=org_admin, full_name="Khổng Minh Triết")
    assert found("khong minh") == ["Khổng Minh Triết"]
    services.update_person(actor=org_admin, person=person, data={"full_name": "Khúc Thừa Dụ"})
    assert found("khong minh") == []
    assert found("thua du") == ["Khúc Thừa Dụ"]
    services.delete_person(actor=org_admin, person=person)
    assert found("thua du") == []
