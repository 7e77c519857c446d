"""Actor dictionaries (Phoenix actors and agents, curated supplements) and the text matcher over them.

Names are matched on ``name_key`` (so "Hayaat Tahrir Al-Shaam" finds Hay'at Tahrir
al-Sham), longest match first. Named actors must start with a capital; all-capital
aliases (SDF, ISIS) only match all-capital text; aliases marked ambiguous in the
supplement ("IS") are returned flagged and kept only with context (see actors.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from services.extractor.actor_scan import ActorScan, singular
from services.extractor.data import read_rows
from services.extractor.normalize import fold, name_key
from services.extractor.patterns import ACRONYM, SPACE_OR_HYPHEN, TOKEN
from services.extractor.words import words

LOWER_PARTS = words("name_lower_parts")
SHORT_AGENT = 3
ARTICLE_WORDS = words("name_articles")
ORIGIN_RANK = {"S": 0, "M": 1, "C": 2, "I": 3}
PEOPLE_AGENT = "~PPL"
# English determiners that spelling folding maps onto short foreign aliases ("Some" → SOOME, Finland in Estonian)
FUNCTION_WORDS = words("function_words")


@dataclass(frozen=True)
class Entry:
    """One dictionary actor: canonical name, dated codes, origin file and identity rule."""

    canonical: str
    codes: tuple[str, ...]
    origin: str
    identity: str = "auto"
    kind: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Sector:
    """A CAMEO role code's kind and collective label."""

    kind: str
    label: str
    armed: bool
    role: bool


@dataclass(frozen=True)
class Country:
    """A country: CAMEO code, ISO alpha-2, name and demonym."""

    cameo: str
    iso2: str
    name: str
    demonym: str


@dataclass(frozen=True)
class Mention:
    """A dictionary match in a text: char span, text, and the entry or agent code it names."""

    start: int
    end: int
    text: str
    entry: Entry | None = None
    agent: str | None = None
    ambiguous: bool = False

    @property
    def is_country(self) -> bool:
        """Whether the match names a bare country (SYR; its latest code, so Ukraine after USRUKR counts)."""
        return self.entry is not None and len(self.entry.codes[-1].split("@")[0]) == 3 and self.entry.origin != "S"


class ActorLexicon:
    """All actor names, agents, sectors and countries, with a longest-match text matcher."""

    def __init__(
        self,
        entries: list[Entry],
        aliases: dict[str, list[tuple[int, bool, bool]]],
        agents: dict[str, str],
        sectors: dict[str, Sector],
        countries: dict[str, Country],
        starts: dict[str, int] | None = None,
    ) -> None:
        """Keep entries, alias index, agents, sectors, countries and the first-word index of every name."""
        self._starts = starts if starts is not None else {}
        self._scan = ActorScan(self._starts, set(aliases), set(agents))
        self.entries = entries
        self._aliases = aliases
        self._agents = agents
        self.sectors = sectors
        self.countries = countries

    @classmethod
    def load(cls) -> ActorLexicon:
        """Read the converted Phoenix files and the curated supplements."""
        entries: list[Entry] = []
        aliases: dict[str, list[tuple[int, bool, bool]]] = {}

        def add(entry: Entry, names: list[str]) -> None:
            """Register an entry and index its aliases."""
            entries.append(entry)
            for name in names:
                ambiguous = name.endswith("?")
                text = name.rstrip("?")
                key = name_key(text)
                if key:
                    acronym = bool(ACRONYM.match(text)) and entry.origin == "S"
                    aliases.setdefault(key, []).append((len(entries) - 1, ambiguous, acronym))

        renames: dict[str, Entry] = {}
        alias_texts: list[str] = []
        for canonical, codes, kind, country, identity, names in read_rows("actors_supplement.tsv"):
            entry = Entry(canonical, tuple(codes.split(";")), "S", identity, kind or None, country or None)
            add(entry, [canonical, *names.split("|")])
            alias_texts.append(f"{canonical}|{names}")
            if identity == "rename":
                renames[codes] = entry
        for origin, canonical, codes, names in read_rows("phoenix_actors.tsv.xz"):
            renamed = renames.get(codes.split("@")[0].split(";")[0])
            entry = renamed or Entry(canonical, tuple(codes.split(";")), origin)
            add(entry, [n.title() if n.isupper() and len(n) > 6 else n for n in names.split("|")])
            alias_texts.append(names)
        agent_rows = list(read_rows("phoenix_agents.tsv")) + list(read_rows("agents_supplement.tsv"))
        agents = {name_key(phrase): code for phrase, code in agent_rows}
        alias_texts += [phrase for phrase, _ in agent_rows]
        sectors = {row[0]: Sector(row[1], row[2], row[3] == "1", row[4] == "1") for row in read_rows("sectors.tsv")}
        countries = {row[0]: Country(row[0], row[1], row[2], row[3]) for row in read_rows("countries.tsv")}
        for row in read_rows("countries_supplement.tsv"):
            countries.setdefault(row[0], Country(row[0], row[1], row[2], row[3]))
        starts: dict[str, int] = {}
        for joined in alias_texts:
            for name in joined.split("|"):
                tokens = TOKEN.findall(name.rstrip("?"))
                if tokens:
                    first = name_key(tokens[0])
                    starts[first] = max(starts.get(first, 0), len(tokens))
        return cls(entries, aliases, agents, sectors, countries, starts)

    def find(self, text: str) -> list[Mention]:
        """Every named actor, country and generic agent in a text, longest match first, left to right."""
        return self._scan.find(text, self._match)

    def _match(self, text: str, start: int, end: int) -> Mention | None:
        """The dictionary entry or agent a span names, if any."""
        phrase = text[start:end]
        key = name_key(phrase)
        first, last = phrase.split(" ", 1)[0], phrase.rsplit(" ", 1)[-1]
        if (
            not key
            or any(ch in phrase for ch in ",;:")
            or (" " in phrase and ((first.islower() and first in ARTICLE_WORDS) or last.lower() in ARTICLE_WORDS))
        ):
            return None
        if (phrase[:4] == "The " and " " in phrase) or phrase.lower() in FUNCTION_WORDS:
            return None
        hits = self._aliases.get(key)
        if not hits and " " not in phrase and phrase[-1:] == "s" and phrase[:1].isupper():
            people = self._people_of(phrase[:-1])
            if people is not None:  # "Kenyans" → the people of Kenya
                return Mention(start, end, phrase, entry=people, agent=PEOPLE_AGENT)
        if hits and self._capitalised(phrase):
            best = min(hits, key=lambda h: ORIGIN_RANK.get(self.entries[h[0]].origin, 9))
            if not best[2] or phrase.replace(".", "").replace("-", "").isupper():
                return Mention(start, end, phrase, entry=self.entries[best[0]], ambiguous=best[1])
        words = fold(phrase).split()
        if (words and not phrase[:1].isupper()) or len(words) == 1 or phrase.islower():
            code = self._agents.get(key) or self._agents.get(name_key(" ".join([*words[:-1], singular(words[-1])])))
            if code and len(key) <= SHORT_AGENT and not phrase.isupper():
                code = None
            if code and "~" in code:
                return Mention(start, end, phrase, agent=code)
        return None

    def _people_of(self, demonym: str) -> Entry | None:
        """The country a capitalised demonym names ("Kenyan"), if it is one of that country's aliases."""
        for index, _, _ in self._aliases.get(name_key(demonym), []):
            entry = self.entries[index]
            mention = Mention(0, 0, demonym, entry=entry)
            if mention.is_country and any(c.demonym.lower() == demonym.lower() for c in self.countries.values()):
                return entry
        return None

    @staticmethod
    def _capitalised(phrase: str) -> bool:
        """Whether a phrase looks like a name: its first and last words not in lower case (articles aside)."""
        words = [w for w in SPACE_OR_HYPHEN.split(phrase) if w]
        content = [w for w in words if w.lower() not in LOWER_PARTS] or words
        return content[0][:1].isupper() and content[-1][:1].isupper()

    def iter_codes(self, entry: Entry) -> Iterator[tuple[str, str, str]]:
        """(code, from, until) for each of an entry's codes."""
        for item in entry.codes:
            code, _, dates = item.partition("@")
            start, _, until = dates.partition("..")
            yield code, start, until
