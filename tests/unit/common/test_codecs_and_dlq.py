import pytest
from pydantic import ValidationError

from schemas.records import Article
from services.common.codecs import decode, encode
from services.common.deadletter import dead_letter, original_bytes
from tests.unit.factories import article


def test_round_trip():
    a = article("x")
    assert decode(Article, encode(a)) == a


@pytest.mark.parametrize("data", [b"", b"not json", b'{"article_id": 1}'], ids=["empty", "garbage", "invalid"])
def test_bad_bytes_raise(data):
    with pytest.raises((ValidationError, ValueError)):
        decode(Article, data)


def test_dead_letter_keeps_the_original_bytes_and_headers():
    letter = dead_letter("normalizer", ValueError("no title"), value=b"\x00raw", key=b"k", topic="news.raw",
                         partition=2, offset=41, headers=[("trace", b"\x01")])
    assert (letter.stage, letter.error_type, letter.topic, letter.partition, letter.offset) == (
        "normalizer", "ValueError", "news.raw", 2, 41)
    assert original_bytes(letter) == (b"k", b"\x00raw", [("trace", b"\x01")])
