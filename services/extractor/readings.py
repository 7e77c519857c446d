"""Readings the CAMEO dictionary alone gets wrong: aims, own deployments, outcome verbs, symmetric types.

- "agreed to resume talks": the dictionary's bare AGREE is 050 (agreeing with someone); agreeing to do
  something is CAMEO 03 (express intent), 036 when the aim is to meet or negotiate.
- "deployed 2,000 troops to Kupiansk": the SEND block codes troops sent to another actor as military
  cooperation (062) or aid (072); one's own forces sent with no foreign recipient are a force posture (154).
- "killing six SDF members": the object of an outcome verb counts the killed, whatever noun it uses.
"""

from __future__ import annotations

import re
from dataclasses import replace

from services.extractor.actors import ResolvedActor
from services.extractor.verbs import VerbMatch

MOBILIZE_CODE = "154"
INTENT_TO_COOPERATE, INTENT_TO_MEET = "030", "036"
MEETING_WORDS = frozenset({"talk", "talks", "negotiation", "negotiate", "meet", "meeting", "dialogue", "negotiating"})
SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE", "SUPPORT"})  # a conjoined subject is the other party
OUTCOME_VERBS = (
    (re.compile(r"(?i)^(?:kill|slay|slain|slew|murder|massacr|execut)"), "killed", "target"),
    (re.compile(r"(?i)^(?:die|died|dying)$"), "killed", "source"),
    (re.compile(r"(?i)^(?:wound|injur)"), "injured", "target"),
    (re.compile(r"(?i)^(?:arrest|detain)"), "arrested", "target"),
)


def outcome_of(verb: str, role: str) -> str | None:
    """The count category a participant of this verb takes ('killing' → its object counts the killed)."""
    return next((what for pattern, what, side in OUTCOME_VERBS if side == role and pattern.match(verb)), None)


def refine(
    match: VerbMatch, aim_words: frozenset[str], source: ResolvedActor | None, target: ResolvedActor | None
) -> tuple[VerbMatch, ResolvedActor | None]:
    """The code after the intent and deployment readings, and the target (none for an own deployment)."""
    if match.block == "AGREE" and not match.pattern_words and aim_words:
        match = replace(match, code=INTENT_TO_MEET if aim_words & MEETING_WORDS else INTENT_TO_COOPERATE)
    if own_deployment(match, source, target):
        return replace(match, code=MOBILIZE_CODE), None
    return match, target


def own_deployment(match: VerbMatch, source: ResolvedActor | None, target: ResolvedActor | None) -> bool:
    """Sending or deploying one's own forces with no foreign recipient is a force posture (CAMEO 154), not the
    military cooperation (062) or aid (072) the SEND block codes when troops go to another actor."""
    if match.block != "SEND" or match.code[:2] not in ("06", "07", "03"):
        return False
    if target is None or (target.generic and target.sector == "MIL"):
        return True
    return source is not None and target.country is not None and target.country == source.country
