"""The open events of a deciding partition: which one a report joins, or the one it opens.

Every report of a language arrives on one deciding partition (news.mentions is keyed by the language), so all
its candidate events are here whichever partition the article came in on. Per open event the clustering table
holds one value (``state.py``: the event's aggregates, its kept mentions and its summed evidence); this class
keeps them decoded with an inverted index from words and names to events, a mention-to-event index and the
online document frequency, all rebuilt from the table by ``load`` (after a restart or a rebalance).

A report is scored (``score.py``) against the open events sharing a word or name with it, at most
``MAX_CANDIDATES`` of them (most shared first); the best at or above the scorer's threshold takes it, else it
opens an event. An event never takes two reports of one article (a secondary happening of an article is not
its principal one). Events not reported for longer than the window are closed: their table values deleted
(they stay in Postgres and on news.events).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from schemas.records import Event, EventMention, Evidence
from services.clusterer.chunks import attach, freeze, keys, split_key, table_key
from services.clusterer.evidence import evidence_of
from services.clusterer.idf import DocumentFrequency
from services.clusterer.kept import pack_id
from services.clusterer.merge import MAX_KEPT_MENTIONS, build_event, event_id_for
from services.clusterer.profile import Profile
from services.clusterer.score import Report, Scorer, features, load_scorer, report_time
from services.clusterer.state import BlockState, Chunks, Kept, OpenEvent

MAX_CANDIDATES = 24  # open events scored per report: those sharing the most words and names with it
MAX_DECODED_MENTIONS = 20_000  # kept mentions of recently updated events kept decoded (about 1 KB each)
SWEEP_SECONDS = 60.0

Choice = Callable[[list[tuple[str, list[float]]]], str | None]  # candidates with their features -> the one joined

__all__ = ["BlockState", "OpenEvent", "OpenEvents", "Outcome", "evidence", "table_key"]


def evidence(mention: EventMention) -> Evidence:
    """The mention's evidence; for a record of an older extractor, from its headline and sentence."""
    return mention.evidence or evidence_of(mention.title, mention.sentence)


@dataclass
class Outcome:
    """What handling one report did: the event version to send and the table changes to make."""

    event: Event
    writes: dict[bytes, bytes | None] = field(default_factory=dict)  # None deletes the key


class OpenEvents:
    """The open events of the partitions this worker decides (see the module docstring)."""

    def __init__(self, window: dt.timedelta, scorer: Scorer | None = None) -> None:
        self.window = window
        self.scorer = scorer or load_scorer()
        self._clear()

    def _clear(self) -> None:
        """No open events, indexes or counts."""
        self.states: dict[str, BlockState] = {}  # event id -> a state holding that one event
        # word or name -> ids of open events whose evidence has it; dicts, not sets, so that candidates sharing as
        # many words come in one order whatever the process's string hashing (the same decisions every run)
        self.postings: dict[str, dict[str, None]] = {}
        self.by_mention: dict[str, str] = {}  # packed mention id -> event id
        self.idf = DocumentFrequency()
        self.decoded: OrderedDict[str, dict[str, EventMention]] = OrderedDict()  # event id -> kept, decoded
        self.decoded_count = 0
        self.last_sweep = 0.0

    def load(self, items: Iterable[tuple[bytes, bytes]]) -> None:
        """Rebuild everything from the clustering table's values (events' own and their chunks)."""
        self._clear()
        values: list[bytes] = []
        chunks: dict[bytes, dict[int, bytes]] = {}
        for key, value in items:
            event_key, number = split_key(key)
            if number is None:
                values.append(value)
            else:
                chunks.setdefault(event_key, {})[number] = value
        for value in values:
            state = BlockState.load(value)
            for event in state.events:
                if event.chunks.numbers:
                    attach(event, chunks.get(table_key(event.event_id), {}))
                self._index(state, event)
                if event.profile is not None:
                    self.idf.add_profile(event.profile)

    def handle(self, mention: EventMention, now: dt.datetime, choose: Choice | None = None) -> Outcome:
        """Add the report to its event (a new version) or open one; a report already counted (a redelivery)
        changes nothing and re-emits its event's current version. Closes events past the window first.
        ``choose`` replaces ``best_match`` (training decides by the gold)."""
        writes = self.sweep(now)
        packed = Kept.of(mention)
        holder_id = self.by_mention.get(packed.packed_id)
        if holder_id is not None:
            state = self.states[holder_id]
            holder = state.events[0]
            event = self._built(state, holder.mentions, packed, mention, holder.event_id, holder.version, now)
            return Outcome(event, writes)
        found = evidence(mention)
        self.idf.add_report(found.terms)
        target = (choose or self.best_match)(self.candidates(found, mention))
        if target is None:
            state, kept, event_id, version, chunks = BlockState(), [packed], event_id_for(mention), 1, Chunks()
            profile = Profile(mention.blocking_key)
            event = build_event(event_id, 1, [mention], now, (mention.mention_id,))
        else:
            state, open_event = self.states[target], self.states[target].events[0]
            self._unindex(open_event)
            event_id, version = target, open_event.version + 1
            kept, chunks, chunk_writes = freeze(event_id, [*open_event.mentions, packed], open_event.chunks,
                                                MAX_KEPT_MENTIONS)
            writes.update(chunk_writes)
            profile = open_event.profile or Profile(mention.blocking_key)
            event = self._built(state, kept, packed, mention, event_id, version, now)
        for term, reports in profile.add(found, report_time(found, mention), self.idf.idf):
            self.idf.forget(term, reports)
        opened = OpenEvent.built(event, kept, profile)
        opened.chunks = chunks
        state.events = [opened]
        self._index(state, opened)
        writes[table_key(event_id)] = state.dump()
        return Outcome(event, writes)

    def candidates(self, found: Evidence, mention: EventMention) -> list[tuple[str, list[float]]]:
        """The open events that may take the report, with its feature values against each: those of its
        deciding key sharing the most words and names with it, none holding a report of the same article."""
        shared: Counter[str] = Counter()
        for word in dict.fromkeys([*found.terms, *found.names]):
            shared.update(self.postings.get(word, {}).keys())
        article = pack_id(mention.article_id)
        report = Report.of(found, mention, self.idf)
        scored = []
        for event_id, _ in shared.most_common(MAX_CANDIDATES):
            open_event = self.states[event_id].events[0]
            if open_event.profile is None or open_event.profile.key != mention.blocking_key \
                    or article in open_event.articles:
                continue
            scored.append((event_id, features(report, open_event.profile, open_event.view)))
        return scored

    def best_match(self, candidates: list[tuple[str, list[float]]]) -> str | None:
        """The candidate the report most likely tells of, if one scores at or above the threshold."""
        best, best_p = None, self.scorer.threshold
        for event_id, values in candidates:
            p = self.scorer.probability(values)
            if p >= best_p:
                best, best_p = event_id, p
        return best

    def sweep(self, now: dt.datetime) -> dict[bytes, bytes | None]:
        """Close the events not reported within the window (at most once a minute); their table deletions."""
        if now.timestamp() - self.last_sweep < SWEEP_SECONDS:
            return {}
        self.last_sweep = now.timestamp()
        stale = [i for i, s in self.states.items() if now - s.events[0].updated_at > self.window]
        writes: dict[bytes, bytes | None] = {}
        for event_id in stale:
            closed = self.states.pop(event_id).events[0]
            self._unindex(closed, forget=True)
            self.decoded_count -= len(self.decoded.pop(event_id, {}))
            writes.update(dict.fromkeys(keys(event_id, closed.chunks)))
        return writes

    def state_bytes(self) -> int:
        """Bytes the clustering table holds for the open events (keys and values as stored, chunks too)."""
        return sum(len(table_key(i)) + len(s.dump()) + sum(s.events[0].chunks.sizes) for i, s in self.states.items())

    def _index(self, state: BlockState, event: OpenEvent) -> None:
        self.states[event.event_id] = state
        for k in event.mentions:
            self.by_mention[k.packed_id] = event.event_id
        for word in dict.fromkeys([*event.profile.terms, *event.profile.names]) if event.profile else ():
            self.postings.setdefault(word, {})[event.event_id] = None

    def _unindex(self, event: OpenEvent, forget: bool = False) -> None:
        if event.profile is not None:
            for word in {*event.profile.terms, *event.profile.names}:
                ids = self.postings.get(word)
                if ids is not None:
                    ids.pop(event.event_id, None)
                    if not ids:
                        del self.postings[word]
            if forget:
                self.idf.remove_profile(event.profile)
        if forget:
            for k in event.mentions:
                self.by_mention.pop(k.packed_id, None)

    def _built(self, state: BlockState, kept: list[Kept], packed: Kept, mention: EventMention, event_id: str,
               version: int, now: dt.datetime) -> Event:
        """The event version built from the ``kept`` summaries, ``mention`` among them in full (its sentence
        rides along); kept mentions decoded for an earlier version are reused."""
        cache = self.decoded.pop(event_id, {})
        self.decoded_count -= len(cache)
        earlier = []
        for k in kept:
            if k.packed_id != packed.packed_id:
                if k.packed_id not in cache:
                    cache[k.packed_id] = k.mention(mention.blocking_key, state.decoded)
                earlier.append(cache[k.packed_id])
        as_kept = mention.model_copy(update={"confidence": packed.confidence / 1000})  # as the others were kept
        cache[packed.packed_id] = packed.mention(mention.blocking_key, state.decoded)
        live = {k.packed_id for k in kept}
        self.decoded[event_id] = kept_now = {p: m for p, m in cache.items() if p in live}
        self.decoded_count += len(kept_now)
        while self.decoded_count > MAX_DECODED_MENTIONS and len(self.decoded) > 1:
            self.decoded_count -= len(self.decoded.popitem(last=False)[1])
        return build_event(event_id, version, [*earlier, as_kept], now, (mention.mention_id,), num_mentions=version)
