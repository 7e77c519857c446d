"""The clustering table rebuilt from stored mentions equals the table the worker wrote."""

import datetime as dt

from schemas.records import EventMention
from services.clusterer.cluster import OpenEvents
from services.clusterer.rebuild import StoredMention, rebuild, stored_mention
from tests.unit.clusterer.test_cluster import FLOOD, OTHER_QUAKE, QUAKE, QUAKE_AGAIN, WINDOW
from tests.unit.factories import NOW, mention

REPORTS = [mention("q1", source="wire", **QUAKE), mention("q3", source="post", **OTHER_QUAKE),
           mention("f1", source="ledger", **FLOOD), mention("q2", source="ledger", **QUAKE_AGAIN),
           mention("p1", title="Farmers block roads in Rennes"), mention("p2", source="post")]


def _live(reports: list[EventMention]) -> tuple[OpenEvents, dict[bytes, bytes | None], list[StoredMention]]:
    """The reports through the worker's code, a minute apart; the table it wrote and the rows the sink stores."""
    live, table, rows = OpenEvents(WINDOW), {}, []
    for i, m in enumerate(reports):
        outcome = live.handle(m, NOW + dt.timedelta(minutes=i))
        table.update(outcome.writes)
        detail = m.model_dump(mode="json", exclude={"sentence"})  # what the sink stores (services/sink/rows.py)
        rows.append(stored_mention(outcome.event.event_id, outcome.event.version, outcome.event.updated_at,
                                   m.sentence, detail))
    return live, table, rows


def test_rebuilt_values_are_the_ones_the_worker_wrote() -> None:
    live, table, rows = _live(REPORTS)
    rebuilt = rebuild(rows, WINDOW, NOW + dt.timedelta(hours=1))
    assert rebuilt.skipped == [] and rebuilt.events == len(live.states) == 3
    assert rebuilt.values == {"en": {k: v for k, v in table.items() if v is not None}}


def test_a_rebuilt_table_decides_as_the_live_one() -> None:
    live, _, rows = _live(REPORTS[:3])
    rebuilt = OpenEvents(WINDOW)
    rebuilt.load(rebuild(rows, WINDOW, NOW).values["en"].items())
    late = mention("q4", source="daily", **QUAKE_AGAIN)
    assert rebuilt.handle(late, NOW).event.model_dump() == live.handle(late, NOW).event.model_dump()
    again = REPORTS[0]  # a report already counted (re-polled after a restart) changes nothing
    assert rebuilt.handle(again, NOW).event.version == 3  # q1, q3 and the late report: one event


def test_an_event_without_every_mention_detail_is_left_out() -> None:
    _, _, rows = _live(REPORTS[2:5])  # three events: the flood, the quake, the farmers
    legacy = [StoredMention(rows[0].event_id, None, None, None)]  # a row written before migration 0008
    rebuilt = rebuild([*legacy, *rows[1:]], WINDOW, NOW)
    assert rebuilt.skipped == [rows[0].event_id] and rebuilt.events == 2


def test_events_past_the_window_are_not_rebuilt() -> None:
    _, _, rows = _live(REPORTS[:3])
    assert rebuild(rows, WINDOW, NOW + WINDOW + dt.timedelta(days=1)).events == 0


def test_a_large_event_is_rebuilt_with_every_key_the_worker_wrote() -> None:
    reports = [mention(f"p{i}", source=f"outlet{i}", title="Farmers block roads in Rennes") for i in range(70)]
    live, table, rows = _live(reports)
    rebuilt = rebuild(rows, WINDOW, NOW + dt.timedelta(hours=2))
    assert len(live.states) == rebuilt.events == 1 and live.states[rows[0].event_id].events[0].version == 70
    assert rebuilt.values == {"en": {k: v for k, v in table.items() if v is not None}}
