"""PLOVER gold records: old labels mapped, types and actors judged, the summary per type."""

from __future__ import annotations

import datetime as dt

from schemas.records import Actor, EventMention, EventType
from services.eval.plover_cli import gold_type, judge, summarise


def mention(plover: str, actors: list[Actor]) -> EventMention:
    """A principal mention of this type with these actors (invented)."""
    return EventMention(mention_id="m", article_id="a", url="https://x.example/a", source="s", title="",
                        sentence="", event_type=EventType(plover=plover), actors=actors, confidence=0.5,
                        blocking_key="en", extracted_at=dt.datetime(2021, 3, 1, tzinfo=dt.UTC))


def record(event: str, source: str | None = None, target: str | None = None) -> dict:
    """A gold record shaped like the PLOVER GSR's (invented text)."""
    return {"event": event, "text": "x", "source": [{"actorText": source}] if source else [],
            "target": [{"actorText": target}] if target else []}


def test_old_labels_are_mapped_to_plover_0_8() -> None:
    assert [gold_type({"event": e}) for e in ("DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT", "AGREE")] == [
        "REQUEST", "ACCUSE", "ACCUSE", "ASSAULT", "AGREE"]


def test_judge_types_and_actors() -> None:
    found = mention("ACCUSE", [Actor(role="source", name="Harbour Board", surface_forms=["the harbour board"]),
                               Actor(role="target", name="Ferry Union")])
    assert judge(record("DISAPPROVE", "Harbour board", "Pilots"), found) == {
        "gold": "ACCUSE", "found": "ACCUSE", "source": True, "target": False}
    assert judge(record("AGREE", "Harbour board"), mention("OTHER", [])) == {
        "gold": "AGREE", "found": "none", "source": False}
    assert judge(record("AGREE"), None) == {"gold": "AGREE", "found": "none"}


def test_summary_per_type_and_actor_rates() -> None:
    rows = [{"gold": "AGREE", "found": "AGREE", "source": True}, {"gold": "AGREE", "found": "none", "source": False},
            {"gold": "REJECT", "found": "AGREE", "target": True}, {"gold": "REJECT", "found": "REJECT"}]
    result = summarise(rows)
    assert result["figures"] == {"type_accuracy": 0.5, "no_event_share": 0.25, "source_match": 0.5,
                                 "target_match": 1.0}
    assert result["per_type"]["AGREE"] == {"records": 2, "recall": 0.5, "given": 2, "precision": 0.5}
    assert result["confusions"] == {"AGREE->none": 1, "REJECT->AGREE": 1}
