"""Actor resolution: dictionary matches → canonical actors (name, kind, country, CAMEO code).

Rules, in order: a named organisation in the phrase wins ("Daesh fighters" → Islamic
State); a generic agent ("rebel forces") becomes its country's collective actor
(demonym + sector label, "Syrian opposition factions"), the country coming from an
adjective in the phrase or else from context; a bare country is the state. Named
groups whose code is only a country+sector code resolve to that collective actor
unless marked as their own entity (see data/actors_supplement.tsv).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from services.extractor.actor_lexicon import ActorLexicon, Entry, Mention
from services.extractor.words import codes, ordered_codes

ARMED_KINDS = codes("armed_kinds")
PRIORITY_ROLES = ordered_codes("priority_roles")
PREFIX_ROLES = codes("prefix_roles")


@dataclass(frozen=True)
class ResolvedActor:
    """An actor as the event will carry it, plus what later rules need (armed, generic, sector)."""

    name: str
    kind: str | None = None
    country: str | None = None
    code: str | None = None
    resolved: bool = True
    armed: bool = False
    generic: bool = False
    sector: str | None = None
    state: bool = False


class ActorResolver:
    """Turns dictionary matches into ResolvedActor values."""

    def __init__(self, lexicon: ActorLexicon) -> None:
        """Keep the lexicon and an ISO→CAMEO country map."""
        self.lexicon = lexicon
        self._by_iso2 = {c.iso2: c.cameo for c in lexicon.countries.values()}

    def cameo_country(self, iso2: str | None) -> str | None:
        """CAMEO country code for an ISO alpha-2 code."""
        return self._by_iso2.get(iso2 or "")

    def pick_code(self, entry: Entry, on: dt.date | None) -> str:
        """The entry's code valid on a date: dated ranges first, then the last undated code."""
        day = (on or dt.date.today()).isoformat()
        codes = list(self.lexicon.iter_codes(entry))
        dated = [c for c, s, u in codes if (s or u) and (not s or s <= day) and (not u or day < u)]
        undated = [c for c, s, u in codes if not s and not u]
        if dated:
            return dated[0]
        return undated[-1] if undated else codes[-1][0]

    def split_code(self, code: str) -> tuple[str | None, list[str]]:
        """(CAMEO country, role chunks) of an actor code: SYRREBMUS → (SYR, [REB, MUS])."""
        country = code[:3] if code[:3] in self.lexicon.countries else None
        rest = code[3:] if country else code
        return country, [rest[i : i + 3] for i in range(0, len(rest), 3)]

    def entry_actor(self, entry: Entry, on: dt.date | None = None, context: str | None = None) -> ResolvedActor:
        """A named dictionary entry as an actor (collective, state or its own entity); unknown organisations
        keep their text, unresolved, with the context country."""
        if entry.origin == "U":
            armed = entry.kind == "armed group"
            iso2 = self.lexicon.countries[context].iso2 if context in self.lexicon.countries else None
            return ResolvedActor(entry.canonical, entry.kind, iso2, None, False, armed, sector="REB" if armed else None)
        code = self.pick_code(entry, on)
        country, chunks = self.split_code(code)
        roles = [c for c in chunks if c in self.lexicon.sectors and self.lexicon.sectors[c].role]
        known = all(c in self.lexicon.sectors for c in chunks)
        iso2 = entry.country or (self.lexicon.countries[country].iso2 if country else None)
        if country and not chunks and entry.origin != "S":
            return self.state(country)
        collective = entry.identity == "collective" or (entry.identity == "auto" and entry.origin == "C" and known)
        if collective and country and roles:
            return self.collective(country, self.primary_role(roles))
        kind = entry.kind or (self.lexicon.sectors[roles[0]].kind if roles else None)
        armed = (kind in ARMED_KINDS) or any(self.lexicon.sectors[r].armed for r in roles)
        sector = self.primary_role(roles) if roles else None
        return ResolvedActor(entry.canonical, kind, iso2, code, True, armed, sector=sector)

    def primary_role(self, roles: list[str]) -> str:
        """The role that names a collective actor: armed opposition (OPP+UAF) is REB, else by priority."""
        if "OPP" in roles and "UAF" in roles:
            return "REB"
        return next((r for r in PRIORITY_ROLES if r in roles), roles[0])

    def state(self, country: str) -> ResolvedActor:
        """A country as a state actor."""
        info = self.lexicon.countries[country]
        return ResolvedActor(info.name, "state", info.iso2, country, state=True)

    def collective(self, country: str, role: str) -> ResolvedActor:
        """A country's collective actor for a sector: SYR + REB → Syrian opposition factions."""
        info, sector = self.lexicon.countries[country], self.lexicon.sectors[role]
        return ResolvedActor(
            f"{info.demonym} {sector.label}",
            sector.kind,
            info.iso2,
            country + role,
            True,
            sector.armed,
            generic=True,
            sector=role,
        )

    def agent_actor(self, agent: str, text: str, country: str | None) -> ResolvedActor:
        """A generic agent: collective when its country is known, else its own text (unresolved)."""
        chunks = [c for c in agent.replace("~", "").split() for c in [c[i : i + 3] for i in range(0, len(c), 3)]]
        roles = [c for c in chunks if c in self.lexicon.sectors and self.lexicon.sectors[c].role] or ["PPL"]
        role = self.primary_role(roles)
        if country and role not in PREFIX_ROLES:
            return self.collective(country, role)
        sector = self.lexicon.sectors[role]
        return ResolvedActor(text, sector.kind, None, role, False, sector.armed, generic=True, sector=role)

    def phrase_actor(self, mentions: list[Mention], on: dt.date | None, context: str | None) -> ResolvedActor | None:
        """The actor a noun phrase names, from the dictionary matches inside it."""
        named = [m for m in mentions if m.entry is not None and not m.is_country]
        if named and named[-1].entry is not None:  # the head comes last: "the UN World Food Programme"
            return self.entry_actor(named[-1].entry, on, context)
        countries = [m for m in mentions if m.is_country and m.entry is not None]
        country = (
            self.split_code(self.pick_code(countries[0].entry, on))[0] if countries and countries[0].entry else None
        )
        agents = [m for m in mentions if m.agent]
        if agents:
            codes = [m.agent or "" for m in agents]
            best = next((c for r in PRIORITY_ROLES[:5] for c in codes if r in c), codes[-1])
            text = " ".join(m.text for m in mentions if m.agent or m.is_country)
            return self.agent_actor(best, text, country or context)
        if country:
            return self.state(country)
        return None

    def person_group(self, noun: str, context: str | None) -> ResolvedActor:
        """A group named only by an agentive plural noun ('miners', 'students'): demonym + noun, unresolved."""
        if context in self.lexicon.countries:
            info = self.lexicon.countries[context]
            return ResolvedActor(f"{info.demonym} {noun}", "people", info.iso2, None, False, generic=True, sector="PPL")
        return ResolvedActor(noun, "people", None, None, False, generic=True, sector="PPL")

    def militarise(self, actor: ResolvedActor, context: str | None) -> ResolvedActor:
        """In a military event, a generic opposition counterpart is the armed opposition (REB)."""
        if actor.generic and actor.sector == "OPP":
            country = self.cameo_country(actor.country) or context
            if country:
                return self.collective(country, "REB")
            return replace(actor, sector="REB", kind="rebels", armed=True)
        return actor
