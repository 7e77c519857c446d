"""Which sentences are parsed: those that may hold an event and name an actor, the early ones first.

Parsing is most of the cost (70-100 µs a word), so few sentences are parsed: those that hold a form of a coded
verb and are the title or name an actor (a dictionary or unknown-organisation match, or a plural person noun: no
other body sentence can give a candidate), and of these only the first ``max_parsed`` in reading order (the
headline, the lead and the early paragraphs, where wire copy reports its principal event; later sentences weigh
least, candidates.position_weight, and are mostly background), then the later ones naming an organisation or
person the first ones name, which can add to that happening. When the article names no country the first
actorless verb sentences are parsed too (``more_to_parse``), since their places can set the context.
``parse_all`` parses every verb sentence (for comparisons).
"""

from __future__ import annotations

from services.extractor.actor_lexicon import ActorLexicon
from services.extractor.sentences import Sentence, names_within, naming_actors
from services.extractor.unknown_orgs import find_unknown_orgs


def to_parse(actors: ActorLexicon, full: str, selected: list[Sentence], max_parsed: int,
             parse_all: bool = False) -> list[Sentence]:
    """The title and the selected sentences that name an actor (see ``naming_actors``), the first
    ``max_parsed`` of them, then the later ones naming an organisation or person those first ones name:
    they can add to the lead's happening."""
    if parse_all:
        return selected
    mentions = actors.find(full)
    mentions += find_unknown_orgs(full, mentions)
    naming = set(naming_actors(selected, [(m.start, m.end) for m in mentions]))
    chosen = [s for s in selected if s.is_title or s in naming]  # a headline without actors still counts
    early, later = chosen[:max_parsed], chosen[max_parsed:]
    names = sorted((m.start, m.entry.canonical) for m in mentions if m.entry is not None and not m.is_country)
    lead = {name for s in early for name in names_within(s, names)}
    return early + [s for s in later if names_within(s, names) & lead]


def more_to_parse(selected: list[Sentence], parsed: set[Sentence], limit: int | None) -> list[Sentence]:
    """The first selected sentences not parsed yet (all with no ``limit``), whose places may set the context."""
    return [s for s in selected if s not in parsed][:limit]
