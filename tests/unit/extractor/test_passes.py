"""The pass list: its order, and what each pass writes into the document model."""

from __future__ import annotations

from services.extractor.document import Document
from services.extractor.extract import EventExtractor
from services.extractor.passes import PASSES
from tests.unit.extractor.conftest import make_article

ARTICLE = make_article(
    "Police arrest 30 suspected smugglers in Agadez",
    "Police arrested 30 suspected smugglers in Agadez on Friday, a police spokesman said.\n\n"
    "Officers seized two trucks and several weapons during the raid on the edge of the town.",
)


def test_the_passes_run_in_the_stated_order() -> None:
    assert [p.__name__ for p in PASSES] == ["parse", "find_clauses", "code", "read_candidates", "weigh_candidates",
                                           "group_happenings", "choose_happenings", "assemble_mentions"]


def test_each_pass_writes_its_fields(extractor: EventExtractor) -> None:
    doc = Document(ARTICLE, 3)
    written = []
    for step in PASSES:
        after = step(extractor, doc)
        written.append({name for name in vars(doc) if getattr(after, name) is not getattr(doc, name)})
        doc = after
    assert written[0] >= {"sentences", "selected", "parses", "cast"}
    assert written[1] >= {"clauses", "dates", "body"} and written[2] == {"reader"}
    assert written[3] == {"candidates"} and written[4] == {"candidates"} and written[5] == {"happenings"}
    assert written[6] == {"choice"} and written[7] == {"mentions"}
    assert [m.event_type.plover for m in doc.mentions][:1] == ["COERCE"]


def test_parse_records_are_plain(extractor: EventExtractor) -> None:
    doc = PASSES[0](extractor, Document(ARTICLE, 3))
    assert all(type(t).__module__ == "services.extractor.parse" for records in doc.parses for t in records)
