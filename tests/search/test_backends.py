import pytest
from django.db import connection

from dienhong.search import backends, urls
from dienhong.search.analysis import parse_query
from dienhong.search.models import AccessToken, Entry, FacetValue


def test_the_tsvector_holds_each_term_once_with_its_weighted_frequency():
    literal = backends.tsvector_literal([["quốc", "quốc"], ["quốc"], [], ["quốc", "it's"]])
    # title 3 × 2 + subject 2 × 1 + body 1 × 1 = 9 positions
    assert "'quốc':1,2,3,4,5,6,7,8,9" in literal
    assert "'it''s':1" in literal


def test_the_tsvector_caps_positions_at_256():
    literal = backends.tsvector_literal([[], [], [], ["a"] * 300])
    assert literal.endswith(",256")


def test_the_queries_of_both_engines_say_the_same():
    parsed = parse_query('quốc hội "kỳ họp"', any_word=True)
    assert backends.fts_expression(parsed) == ('("quốc" OR "hội" OR "quốc_hội") AND "kỳ_họp"')
    assert backends.tsquery_literal(parsed) == "('quốc' | 'hội' | 'quốc_hội') & 'kỳ_họp'"
    parsed = parse_query('quốc hội "kỳ họp"')
    # every syllable; the bigram scored once, in the group of the syllable it implies
    assert backends.fts_expression(parsed) == '"kỳ_họp" AND ("quốc" OR "quốc_hội") AND "hội"'
    assert backends.tsquery_literal(parsed) == "'kỳ_họp' & ('quốc' | 'quốc_hội') & 'hội'"
    twice = parse_query("tài sản tài")  # a term as often as typed, but once in a tsquery
    assert backends.fts_expression(twice) == (
        '("tài" OR "tài_sản") AND ("sản" OR "sản_tài") AND "tài"'
    )
    assert backends.tsquery_literal(twice) == "('tài' | 'tài_sản') & ('sản' | 'sản_tài') & 'tài'"
    assert backends.fts_expression(parse_query('"kỳ họp"')) == '"kỳ_họp"'


def test_the_backend_follows_the_database():
    backend = backends.backend_for(connection)
    assert backend.vendor == connection.vendor


def test_an_unknown_database_has_no_backend():
    class Other:
        vendor = "oracle"
        alias = "x"

    with pytest.raises(NotImplementedError):
        backends.backend_for(Other())  # type: ignore[arg-type]


def test_cursors_survive_garbage():
    assert backends._decode_cursor("%%%") == ""
    assert backends._decode_cursor(backends._encode_cursor("o:20")) == "o:20"


def test_models_read_well():
    entry = Entry(kind="document", object_id=5)
    assert str(entry) == "document:5"
    assert str(AccessToken(entry=entry, token="i")) == "i"
    assert str(FacetValue(entry=entry, name="year", value="2015")) == "year=2015"
    assert urls.app_name == "search" and urls.urlpatterns == []
