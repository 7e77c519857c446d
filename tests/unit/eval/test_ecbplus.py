"""ECB+ documents as articles: text joined back from tokens, headline, source address, gold cluster."""

from __future__ import annotations

from services.eval.ecbplus import parse


def xml(sentences: list[list[str]]) -> bytes:
    """An ECB+-shaped document (invented text) with these tokens per sentence."""
    tokens = "".join(f'<token t_id="{i}{j}" sentence="{i}" number="{j}">{t}</token>'
                     for i, sentence in enumerate(sentences) for j, t in enumerate(sentence))
    return f'<Document doc_name="x">{tokens}<Markables/><Relations/></Document>'.encode()


def test_an_ecbplus_document_takes_its_source_address_and_drops_it_from_the_text() -> None:
    doc = parse("ECB+/4/4_2ecbplus.xml", xml([
        ["http", ":", "//www.harbour.example/2013/06/06/quay-fire"],
        ["Fire", "closes", "north", "quay"],
        ["A", "fire", "closed", "the", "north", "quay", "on", "Thursday", ",", "officials", "said", "."]]))
    assert doc is not None
    assert (doc.doc_id, doc.topic, doc.cluster) == ("4_2ecbplus", 4, "4ecbplus")
    assert doc.url == "http://www.harbour.example/2013/06/06/quay-fire"
    assert doc.title == "Fire closes north quay"
    assert doc.paragraphs == ("A fire closed the north quay on Thursday, officials said.",)


def test_an_ecb_document_has_no_address_and_other_files_are_not_documents() -> None:
    doc = parse("ECB+/4/4_7ecb.xml", xml([["Quay", "fire", "out"], ["The", "fire", "is", "out", "."]]))
    assert doc is not None and doc.url is None and doc.title == "Quay fire out"
    assert parse("ECB+/4/readme.xml", xml([["x"]])) is None
