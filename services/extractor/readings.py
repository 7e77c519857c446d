"""Readings the CAMEO dictionary alone gets wrong: aims, own deployments, outcome verbs, symmetric types.

- "agreed to resume talks": the dictionary's bare AGREE is 050 (agreeing with someone); agreeing to do
  something is CAMEO 03 (express intent), 036 when the aim is to meet or negotiate.
- "deployed 2,000 troops to Kupiansk": the SEND block codes troops sent to another actor as military
  cooperation (062) or aid (072); one's own forces sent with no foreign recipient are a force posture (154).
- "killing six SDF members": the object of an outcome verb counts the killed, whatever noun it uses.
- "agreed to a ceasefire", "agree truce": agreeing to a truce itself (not to an aim such as "agreed to observe")
  declares it, CAMEO 0871 (the dictionary's "agree to &CEASEFIRE" is 0356, intent to de-escalate).
- "expelled twelve embassy staff", "ordered French embassy officials to leave": expelling people the object names
  as diplomatic staff, or whose expelled party is a state or its government ("ordered him to leave" of Chad's
  envoy), is CAMEO 161 (reduce or break diplomatic relations), not 174 (deport individuals); the dictionary
  recognises only the word "diplomat".
- "began a hunger strike to protest", "shunned work to protest the settlement": an act whose purpose is to protest
  is a protest (CAMEO 140), whatever the dictionary reads in its verb.
- "supporters arrested by police": the police are armed but are not the &MILITARY of the dictionary's patterns
  (APPREHEND's "&MILITARY seize" is 192, occupying territory).
"""

from __future__ import annotations

from dataclasses import replace

from services.extractor.actors import ResolvedActor
from services.extractor.patterns import OUTCOME_VERBS
from services.extractor.verbs import Sense, VerbMatch
from services.extractor.words import codes, words

MOBILIZE_CODE = "154"
CEASEFIRE_CODE, EXPEL_DIPLOMATS_CODE, EXPEL_PERSONS_CODE = "0871", "161", "174"
CEASEFIRE_WORDS = words("ceasefire_words")
DIPLOMATIC_WORDS = words("diplomatic_words")
MUTUAL_CODES = frozenset({CEASEFIRE_CODE})  # two parties declare a truce: a conjoined subject is the other party
INTENT_TO_COOPERATE, INTENT_TO_MEET = "030", "036"
MEETING_WORDS = words("meeting_words")
PROTEST_AIMS = words("protest_aims")
PROTEST_CODE = "140"
SYMMETRIC = codes("symmetric_types")  # a conjoined subject is the other party


def protest_purpose(match: VerbMatch | None, senses: list[Sense], purposes: frozenset[str]) -> VerbMatch | None:
    """A protest when the act's purpose is to protest ("began a hunger strike to protest"), else the match."""
    if not purposes & PROTEST_AIMS or not senses:
        return match
    if match is not None and match.code.startswith("14"):
        return match
    return VerbMatch(senses[0].phrase, senses[0].block, PROTEST_CODE)


def outcome_of(verb: str, role: str) -> str | None:
    """The count category a participant of this verb takes ('killing' → its object counts the killed)."""
    return next((what for pattern, what, side in OUTCOME_VERBS if side == role and pattern.match(verb)), None)


def refine(
    match: VerbMatch,
    aim_words: frozenset[str],
    source: ResolvedActor | None,
    target: ResolvedActor | None,
    after_words: frozenset[str] = frozenset(),
) -> tuple[VerbMatch, ResolvedActor | None]:
    """The code after the intent, truce, expulsion and deployment readings, and the target (none for an own
    deployment)."""
    if match.block == "AGREE" and after_words & CEASEFIRE_WORDS and not aim_words:
        match = replace(match, code=CEASEFIRE_CODE, pattern_words=max(match.pattern_words, 1))
    elif match.block == "AGREE" and not match.pattern_words and aim_words:
        match = replace(match, code=INTENT_TO_MEET if aim_words & MEETING_WORDS else INTENT_TO_COOPERATE)
    if match.code == EXPEL_PERSONS_CODE and (after_words & DIPLOMATIC_WORDS or represents(target)):
        match = replace(match, code=EXPEL_DIPLOMATS_CODE, pattern_words=max(match.pattern_words, 1))
    if own_deployment(match, source, target):
        return replace(match, code=MOBILIZE_CODE), None
    return match, target


def represents(target: ResolvedActor | None) -> bool:
    """Whether an expelled party is a state or its government, i.e. its envoys ("declared Chad's envoy persona non
    grata and ordered him to leave"): deported individuals resolve to people of a country, never to the state."""
    return target is not None and (target.state or target.sector == "GOV")


def military(actor: ResolvedActor | None) -> bool:
    """Whether an actor stands for the CAMEO &MILITARY set: an armed actor other than the police ("arrested by
    police" is an arrest; the APPREHEND block's &MILITARY pattern, armed forces seizing a place, is 192)."""
    return actor is not None and actor.armed and actor.sector != "COP"


def own_deployment(match: VerbMatch, source: ResolvedActor | None, target: ResolvedActor | None) -> bool:
    """Sending or deploying one's own forces with no foreign recipient is a force posture (CAMEO 154), not the
    military cooperation (062) or aid (072) the SEND block codes when troops go to another actor."""
    if match.block != "SEND" or match.code[:2] not in ("06", "07", "03"):
        return False
    if target is None or (target.generic and target.sector == "MIL"):
        return True
    return source is not None and target.country is not None and target.country == source.country
