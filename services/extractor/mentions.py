"""The assembly pass: the chosen happenings as event mentions, the principal one first.

An extra-type story is one mention built from its headline and lead (``extra.extra_mention``); an article no rule
could type is one untyped (``OTHER``) mention all the same, so it still joins the other reports of its story; a
typed happening's candidates are merged by ``assemble.assemble``. Secondary happenings follow, numbered after it.
"""

from __future__ import annotations

import datetime as dt

from schemas.records import Article, EventMention, EventType
from services.extractor.actors import ActorResolver
from services.extractor.assemble import assemble
from services.extractor.cast import Cast
from services.extractor.document import Choice
from services.extractor.extra import extra_mention
from services.extractor.focus import TownTally
from services.extractor.gazetteer import Gazetteer
from services.extractor.happenings import Happening
from services.extractor.places import PlaceHit, toponyms
from services.extractor.plover import PloverMap
from services.extractor.quantities import Count

UNTYPED = EventType(plover="OTHER", mode="untyped")  # a report whose happening no rule could type
UNTYPED_CONFIDENCE = 0.3


class Assembler:
    """What building mentions reads besides the document: the resolver, the PLOVER map and the gazetteer."""

    def __init__(self, resolver: ActorResolver, plover: PloverMap, gazetteer: Gazetteer) -> None:
        """Keep the lookups."""
        self.resolver = resolver
        self.plover = plover
        self.gazetteer = gazetteer

    def mentions(self, article: Article, cast: Cast, choice: Choice, now: dt.datetime) -> list[EventMention]:
        """The mentions of a choice: the extra-type, untyped or principal mention, then the secondary ones."""
        if choice.extra is not None:
            return [extra_mention(article, choice.extra, choice.lead, choice.lead_place, now, choice.early),
                    *self.typed(article, choice.secondary, cast, now, choice, [], first=1)]
        if not choice.principal:
            untyped = extra_mention(article, (UNTYPED, 0), choice.lead, choice.lead_place, now, choice.early,
                                    UNTYPED_CONFIDENCE)
            return [untyped] if choice.lead or article.title else []
        return [*self.typed(article, choice.principal, cast, now, choice, choice.figures),
                *self.typed(article, choice.secondary, cast, now, choice, [], first=len(choice.principal))]

    def typed(self, article: Article, happenings: list[Happening], cast: Cast, now: dt.datetime, choice: Choice,
              figures: list[Count], first: int = 0) -> list[EventMention]:
        """Mentions of happenings, numbered from ``first`` (the principal happening is 0; secondary happenings do
        not take the article's early figures, which count the principal one, nor a target inferred from the
        article: the police firing tear gas have no "armed counterpart")."""
        return [
            assemble(article, first + i, h, cast, self.resolver, now, self.plover.is_military(h.chosen()[0].match.code),
                     choice.focus, choice.named, figures, lambda iso2: self.seat(iso2, cast, choice.towns),
                     infer_target=first == 0)
            for i, h in enumerate(happenings)
        ]

    def seat(self, iso2: str, cast: Cast, towns: TownTally) -> PlaceHit | None:
        """The town of a country the article names for the country or its government, by name ("the Niamey
        government", "Bamako orders envoy out", Phoenix lists capitals as country aliases) or after a locative
        ("said in Islamabad"): the most often placed-in, then the most populous."""
        forms = [f for name, actor in cast.actors.items() if actor.country == iso2 and (actor.state or
                 actor.sector == "GOV") for f in cast.surfaces.get(name, [])]
        found = {place: PlaceHit(place, name, 0, surface=[name]) for form in forms for name, _, hint in toponyms(form)
                 if (place := self.gazetteer.lookup(name, hint, (iso2,))) is not None
                 and place.precision == "place" and place.country == iso2}
        found |= {p: h for p, h in towns.first.items() if p.country == iso2 and p not in found}
        if not found:
            return None
        return found[max(found, key=lambda p: (towns.counts[p], p.population))]
