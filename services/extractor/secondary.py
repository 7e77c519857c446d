"""Secondary happenings: the other news an article reports besides its principal happening.

A wire report of an expulsion also reports the expelled side's threat to respond and its rejection of the charges;
a protest report, the police firing tear gas and arresting marchers. These reactions are read from single clauses,
not from the weight of many (as the principal happening is, ``happenings.group``), so only clauses that say plainly
that a happening of their type took place count:

- the verb is one of the type's trigger verbs (``TRIGGERS``): "accused", "rejected the charge", "fired tear gas",
  "arrested", "vowed to respond" — not one of the dictionary's looser readings ("came", "studied", "helped");
- the clause is in the headline or the first three paragraphs, stated (not hedged with "may", not a participle or
  relative clause describing a noun, not dated a month or more before publication);
- it names its doer (an identified actor: "rights groups" or "a man who said he was a commander" do not count),
  and a target other than the doer; an accusation names whom it blames ("condemned the measures" blames no one),
  a release whom it frees ("released emergency funds" frees no one);
- it is no comment on a happening its object reports ("condemned the killing of a dozen soldiers");
- a warning threatens something ("warned of a strike") or someone, it does not only state a fear ("warned that
  hunger was spreading");
- it is not what a demand, threat or refusal is about ("demanding that lawmakers reject the bill");
- it is no part of the principal happening: an agreement reached beside a formal agreement signed is one deal;
  protesters (or any unnamed crowd) demanding something are protesting
  for it;
- its type differs from the principal happening's: a second clause of that type is, far more often, the same
  happening told again with other words or actors (the attackers "stormed", "opened fire", "killed").

Clauses of one type and doer are one happening (a headline and a lead reporting one threat); one happening per
type is kept, the best-placed first (``secondary``).
"""

from __future__ import annotations

from services.extractor.candidates import Candidate
from services.extractor.data import read_rows
from services.extractor.happenings import Happening, identity, unidentified
from services.extractor.words import codes

TRIGGERS_FILE = "secondary_triggers.tsv"


def load_triggers(name: str = TRIGGERS_FILE) -> dict[str, frozenset[str]]:
    """PLOVER type → its trigger verbs and phrases, from the data file."""
    found: dict[str, set[str]] = {}
    for kind, phrase in read_rows(name):
        found.setdefault(kind, set()).add(phrase)
    return {kind: frozenset(phrases) for kind, phrases in found.items()}


TRIGGERS = load_triggers()
PARTS = {"PROTEST": frozenset({"REQUEST"})}  # the protesters' demand is what their protest is for
ALIKE = {"SUPPORT": frozenset({"AGREE"})}  # an agreement signed (CAMEO 057, PLOVER SUPPORT) and one agreed are one
NAMED_TARGET_TYPES = codes("named_target_types")
PARAGRAPHS = 3  # the headline is paragraph 0, the lead 1


def eligible(candidate: Candidate, principal_type: str | None, doers: frozenset[str] = frozenset()) -> bool:
    """Whether a clause plainly reports a happening of its own (see the module's rules); ``doers``: the identities of
    the doers of the principal happening's clauses."""
    kind = candidate.event_type.plover
    clause = candidate.clause
    if kind == principal_type or candidate.match.phrase not in TRIGGERS.get(kind, ()):
        return False
    if kind in PARTS.get(principal_type or "", ()) and candidate.source is not None and (
            identity(candidate.source) in doers or candidate.source.generic):
        return False  # the marchers', "the protesters'" or an unnamed crowd's demand
    if kind in ALIKE.get(principal_type or "", ()):
        return False  # "struck a deal" (SUPPORT 057) and "agreed that the posts would reopen": one deal
    if (clause.sentence.paragraph > PARAGRAPHS or clause.hedged or clause.reported or candidate.background
            or candidate.comment or candidate.governed):
        return False
    if candidate.match.phrase == "warn" and candidate.target is None and "of" not in clause.after_words:
        return False  # "warned that hunger was spreading" states a fear; "warned of a strike" threatens one
    if candidate.source is None or unidentified(candidate.source):
        return False
    if candidate.target is not None and identity(candidate.target) == identity(candidate.source):
        return False  # "Chad expels Sudan's ambassador, accuses Khartoum" misparsed: Sudan accusing Sudan
    return kind not in NAMED_TARGET_TYPES or candidate.target is not None


def placement(candidate: Candidate) -> tuple[int, int]:
    """Sort key: headline first, then by paragraph, then by position in the text."""
    sentence = candidate.clause.sentence
    return (sentence.paragraph, candidate.clause.verb_start)


def secondary(candidates: list[Candidate], principal_type: str | None, limit: int,
              principal: Happening | None = None) -> list[Happening]:
    """Up to ``limit`` secondary happenings of distinct types, the best-placed first. Clauses of one type and doer
    are one happening; of a type reported with several doers, the happening whose clauses name a target is taken
    (a misparsed headline "Chad expels Sudan's ambassador, accuses Khartoum" gives the accusation to Sudan; the lead
    names both sides), then the best-placed."""
    if limit <= 0:
        return []
    doers = frozenset(identity(m.source) for m in (principal.members if principal else []) if m.source is not None)
    found: dict[tuple[str, str], Happening] = {}
    for candidate in sorted((c for c in candidates if eligible(c, principal_type, doers)), key=placement):
        assert candidate.source is not None  # eligible() requires it
        key = (candidate.event_type.plover, identity(candidate.source))
        found.setdefault(key, Happening(candidate.actor_names)).members.append(candidate)
    by_type: dict[str, list[Happening]] = {}
    for (kind, _), happening in found.items():
        by_type.setdefault(kind, []).append(happening)
    chosen = {id(next((h for h in alike if targeted(h)), alike[0])) for alike in by_type.values()}
    return [h for h in found.values() if id(h) in chosen][:limit]


def targeted(happening: Happening) -> bool:
    """Whether any of a happening's clauses names its target."""
    return any(m.target is not None for m in happening.members)
