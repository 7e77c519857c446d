"""The CAMEO verb lexicon: verb lemma (with particles) → CAMEO code, refined by PETRARCH-style patterns.

Converted from the PETRARCH2 CAMEO verb dictionary (data/cameo_verbs.json.xz) plus the
curated data/verbs_supplement.tsv. A pattern such as ``- &MILITARY * [0874]`` names words
that must stand before the verb (the source side) or after it (the target side);
``&SET`` words may also be satisfied by the resolved actor's kind (an armed group or
fighters fill ``&MILITARY``). A preposition alone in parentheses (``* (TO)``, stored as ``(to``) is a prepositional
phrase of the verb's own, as PETRARCH2 reads ``( )``: the "to" of an infinitive or a preposition inside a complement
does not match it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from services.extractor.data import read_lines, read_rows
from services.extractor.verb_supplements import condition_holds, inflections, supplement
from services.extractor.words import codes, words

WORD = re.compile(r"[A-Za-z]+")
ARMED_SETS = codes("armed_sets")
AUXILIARIES = words("auxiliaries")


@dataclass(frozen=True)
class Pattern:
    """Words required before and after the verb, and the code they select (None: not an event)."""

    pre: tuple[str, ...]
    post: tuple[str, ...]
    code: str | None
    reverse: bool = False  # the code goes from the target to the source ("received support from" [:051])


@dataclass(frozen=True)
class Sense:
    """One reading of a verb phrase: its dictionary block, default code and supplement condition."""

    phrase: str
    block: str
    code: str | None
    condition: str = ""
    reverse: bool = False  # the block's default goes from the target to the source (OFFEND [:110]: "X shocked Y")


@dataclass(frozen=True)
class Side:
    """What stands on one side of the verb: words (texts and lemmas), text, whether the actor is armed, and the
    prepositions that open the verb's own prepositional phrases there ("returned [to] Geneva"; not the "to" of an
    infinitive, "ordered X [to] appear", nor one inside a complement, "ordered X to appear [for] questioning")."""

    words: frozenset[str] = frozenset()
    text: str = ""
    armed: bool = False
    preps: frozenset[str] = frozenset()
    beside: Side | None = None  # the side with the verb's own phrases beside the happening ("over", "for" ...)
    beside_preps: frozenset[str] = frozenset()  # their prepositions


@dataclass(frozen=True)
class VerbMatch:
    """The code chosen for a verb occurrence and how specific the choice was."""

    phrase: str
    block: str
    code: str
    pattern_words: int = 0
    pattern: Pattern | None = field(default=None, compare=False)
    reverse: bool = False  # the event goes from the target to the source (``Pattern.reverse``)


@dataclass(frozen=True)
class SetParts:
    """A &SET flattened: its plain words, phrases and prepositions, and whether an armed actor satisfies it."""

    words: frozenset[str]
    phrases: tuple[str, ...]
    preps: frozenset[str]
    armed: bool


class VerbLexicon:
    """Verb phrases → senses, block patterns, and the surface forms used to prefilter sentences."""

    def __init__(
        self,
        senses: dict[str, list[Sense]],
        patterns: dict[str, list[Pattern]],
        sets: dict[str, tuple[str, ...]],
        forms: Iterable[str],
        lemmas: dict[str, str] | None = None,
    ) -> None:
        """Keep senses, patterns, synonym sets, prefilter forms and the dictionary's surface form → verb table."""
        self._senses = senses
        self._patterns = patterns
        self._sets = sets
        self._flat: dict[str, SetParts] = {}
        self.forms = frozenset(forms)
        self._lemmas = lemmas or {}

    @classmethod
    def load(cls, is_event_code: Callable[[str], bool]) -> VerbLexicon:
        """Read the converted dictionary and the supplement; keep forms of verbs that can yield an event code."""
        raw = json.loads(read_lines("cameo_verbs.json.xz")[0])
        supplement(raw["sets"], raw["blocks"])
        sets = {name: tuple(members) for name, members in raw["sets"].items()}
        senses: dict[str, list[Sense]] = {}
        patterns: dict[str, list[Pattern]] = {}
        defaults = {name: code for name, code, *_ in read_rows("block_defaults.tsv")}
        for block in raw["blocks"]:
            patterns[block["name"]] = [Pattern(tuple(p["pre"]), tuple(p["post"]), p["code"], p.get("reverse", False))
                                       for p in block["patterns"]]
            default = defaults.get(block["name"], block["code"])
            for phrase, code in block["verbs"].items():
                reverse = bool(block.get("reverse")) and code == block["code"] and phrase not in defaults
                code = defaults.get(phrase, default) if code == block["code"] else code
                senses.setdefault(phrase, []).append(Sense(phrase, block["name"], code, reverse=reverse))
        block_codes = {block["name"]: defaults.get(block["name"], block["code"]) for block in raw["blocks"]}
        for phrase, condition, block_name, code, *_ in read_rows("verbs_supplement.tsv"):
            senses.setdefault(phrase, []).append(
                Sense(phrase, block_name, code or block_codes.get(block_name), condition)
            )
        coded_blocks = {name for name, items in patterns.items()
                        if any(p.code and is_event_code(p.code) for p in items)}
        useful = {
            phrase.split()[0]
            for phrase, items in senses.items()
            if any((s.code and is_event_code(s.code)) or s.block in coded_blocks for s in items)
        }  # a verb whose block codes nothing by default may still code by its patterns ("staged a rally" → 141)
        forms = {form for form, lemma in raw["forms"].items() if lemma in useful and form not in AUXILIARIES}
        known = set(raw["forms"].values())
        for phrase, items in senses.items():
            if any(s.condition for s in items) or phrase.split()[0] not in known:  # verbs only the supplement has
                forms |= inflections(phrase.split()[0])
        return cls(senses, patterns, sets, forms, dict(raw["forms"]))

    def lemma(self, form: str) -> str | None:
        """The dictionary verb a surface form inflects ("staged" → "stage"), when the dictionary lists the form."""
        return self._lemmas.get(form.lower())

    def may_hold_event(self, sentence: str) -> bool:
        """Cheap prefilter: does a word look like a form of a verb whose default code has a PLOVER type?
        Capitalised words inside the sentence (Islamic State, Free Syrian Army, March) do not count."""
        for i, match in enumerate(WORD.finditer(sentence)):
            word = match.group(0)
            if (i == 0 or word.islower()) and word.lower() in self.forms:
                return True
        return False

    def senses(
        self,
        lemma: str,
        particles: Iterable[str] = (),
        objects: Iterable[str] = (),
        plural_subject: bool = False,
        aims: Iterable[str] = (),
        carried: Iterable[str] = (),
    ) -> list[Sense]:
        """Senses of a verb occurrence, phrasal readings ("give up") first; a supplement reading whose condition
        holds comes before the dictionary's."""
        object_words = {o.lower() for o in objects}
        aim_words = {a.lower() for a in aims}
        carried_words = {c.lower() for c in carried}
        found: list[Sense] = []
        for phrase in [f"{lemma} {p.lower()}" for p in particles] + [lemma]:
            for sense in self._senses.get(phrase, []):
                if condition_holds(sense.condition, object_words, plural_subject, aim_words, carried_words):
                    found.append(sense)
            if found:
                break
        return sorted(found, key=lambda s: not s.condition)

    def code(self, senses: list[Sense], before: Side, after: Side) -> VerbMatch | None:
        """The most specific code for the occurrence: the best matching pattern (most words, then the longest code:
        "signed a ceasefire agreement" matches &TREATY → 057 and &CEASEFIRE → 0871, then the nearest the verb),
        else the sense's default. A supplement reading whose condition holds is read alone: other senses' patterns do
        not apply ("the army-backed government would take all necessary measures" is no &MILITARY taking of
        territory)."""
        best: VerbMatch | None = None
        best_rank: tuple[int, int, int] = (0, 0, 0)
        senses = [s for s in senses if s.condition] or senses
        for sense in senses:
            for pattern in self._patterns.get(sense.block, []):
                size = len(pattern.pre) + len(pattern.post)
                if best is not None and (size, len(pattern.code or "")) < best_rank[:2]:
                    continue
                side = self._side_for(pattern.post, after)
                if self._side_matches(pattern.pre, before) and self._side_matches(pattern.post, side):
                    if pattern.code is None:
                        return None
                    rank = (size, len(pattern.code), -self._reach(pattern.post, side))
                    if best is None or rank > best_rank:
                        best = VerbMatch(sense.phrase, sense.block, pattern.code, size, pattern, pattern.reverse)
                        best_rank = rank
        if best is not None:
            return best
        for sense in senses:
            if sense.code:
                return VerbMatch(sense.phrase, sense.block, sense.code, reverse=sense.reverse)
        return None

    @staticmethod
    def _side_for(words: tuple[str, ...], side: Side) -> Side:
        """The side a pattern reads: with the verb's phrases beside the happening when the pattern names such a
        phrase, its preposition and what follows ("protested to Uganda [over the attack]" for ``* (OVER ATTACK)``; a
        lone ``(WITH)`` names none), else without them."""
        if side.beside is not None and any(w.lstrip("(") in side.beside_preps for w in words[:-1]):
            return side.beside
        return side

    def _reach(self, words: tuple[str, ...], side: Side) -> int:
        """How far after the verb a pattern's first word stands (in words of the side's text; none: far; no words
        after the verb: 0): of two equally specific patterns the one nearer the verb wins ("stopped work ... of a
        strike")."""
        if not words:
            return 0  # a pattern of the subject's words alone: the subject adjoins the verb
        tokens = side.text.split()
        members = [m for w in words[:1] for m in (self._sets.get(w, ()) if w.startswith("&") else (w.lstrip("("),))]
        found = [i for i, token in enumerate(tokens) for m in members if token.startswith(m.split()[0])]
        return min(found, default=len(tokens) + 1)

    def _side_matches(self, words: tuple[str, ...], side: Side) -> bool:
        """Whether every pattern word is present on that side of the verb."""
        return all(self._word_present(word, side) for word in words)

    def _flatten(self, name: str, seen: frozenset[str]) -> SetParts:
        """A &SET's members, nested sets included, by how each is matched: what ``_word_present`` would test member
        by member, tested at once (a pattern word of a set was 70% of the pattern matching's time)."""
        words, phrases, preps, armed = set[str](), list[str](), set[str](), name in ARMED_SETS
        for member in self._sets.get(name, ()):
            if member.startswith("&"):
                if member not in seen:
                    inner = self._flatten(member, seen | {name})
                    words |= inner.words
                    phrases += inner.phrases
                    preps |= inner.preps
                    armed = armed or inner.armed
            elif member.startswith("("):
                preps.add(member[1:])
            elif " " in member:
                phrases.append(member)
            else:
                words.add(member)
        return SetParts(frozenset(words), tuple(phrases), frozenset(preps), armed)

    def _word_present(self, word: str, side: Side) -> bool:
        """One pattern word: a plain word, a phrase, a &SET (which an armed actor satisfies for &MILITARY), or the
        preposition of a prepositional phrase of the verb's own ("(to": "returned [to] Geneva", not "ordered X [to]
        appear")."""
        if word.startswith("("):
            return word[1:] in side.preps
        if word.startswith("&"):
            parts = self._flat.get(word) or self._flat.setdefault(word, self._flatten(word, frozenset()))
            if (parts.armed and side.armed) or not parts.words.isdisjoint(side.words) or \
                    not parts.preps.isdisjoint(side.preps):
                return True
            text = f" {side.text} "
            return any(f" {phrase} " in text for phrase in parts.phrases)
        if " " in word:
            return f" {word} " in f" {side.text} "
        return word in side.words
