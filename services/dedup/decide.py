"""The near-duplicate decision for one article, as a state machine over the messages of its partition.

Articles are ordered by ``(seen_at, article_id)``. Once an article and its
BANDS votes are in, it sends an inquiry (its id, ``seen_at`` and digest) to
every candidate the buckets gave, and waits for every answer. The inquired
article answers from its stored signature (``signatures.py``) at once:

- the similarity, and its own ``seen_at``;
- when the inquirer is *earlier* and similar, that is a claim: an undecided
  article yields (it will be the duplicate), one already published as an
  original refuses (the inquirer becomes its duplicate instead);
- an article whose own message has not arrived yet answers 0 and inquires
  the inquirer back when it decides, so a copy is never lost to that race.

An article then is a duplicate of the earliest of: earlier similar articles
that answered, later ones that refused, and earlier ones that claimed it;
otherwise an original. Two copies always end as one original and one
duplicate, however their probes interleave across band partitions.
"""

from __future__ import annotations

import base64
from typing import Literal, NamedTuple

from schemas.records import Article
from services.dedup.minhash import BANDS
from services.dedup.near import Found, NearVote, Pending
from services.dedup.signatures import DUPLICATE, ORIGINAL, UNDECIDED, Signature


class Action(NamedTuple):
    """What the decision partition must send: an outcome, an inquiry or an answer."""

    kind: Literal["original", "duplicate", "inquiry", "reply"]
    to: str
    message: NearVote | Article | None = None
    original: Found | None = None


def _order(found: Found) -> tuple[int, str]:
    return (found[1], found[0])


def step(state: Pending, vote: NearVote, own: Signature | None,
         threshold: float) -> tuple[Pending, Signature | None, list[Action]]:
    """Apply one message to an article's state and signature; returns both and the actions to perform."""
    state, me = state.upgraded(), vote.article_id
    actions = [_answer(state, vote, own, threshold)] if vote.inquiry or vote.claim_by else []
    if vote.article is not None and own is None and vote.digest:
        own = Signature(vote.seen_at, UNDECIDED, base64.b64decode(vote.digest))
    if state.decided:  # a redelivered article: publish the same outcome again (the sends are idempotent)
        if vote.article is not None:
            actions.append(Action("original" if state.decided == "original" else "duplicate", me,
                                  vote.article, state.outcome))
        return state, own, actions
    if vote.article is not None:
        state.article, state.seen_at = vote.article, vote.seen_at
    if vote.band is not None and not state.asked:
        state.bands[vote.band] = vote.candidates + [f[0] for f in vote.matches + vote.later]
    for found, current in ((vote.answer, True), (vote.reply_from, False)):
        if found is not None and found[0] in state.awaiting:
            state.awaiting.remove(found[0])
            earlier = current and found[2] >= threshold and _order(found) < (state.seen_at, me)
            if vote.refused or earlier:
                state.earlier.append(found)
    if state.article is None or own is None or (not state.asked and len(state.bands) < BANDS):
        return state, own, actions
    if not state.asked:
        others = sorted({c for ids in state.bands.values() for c in ids} | set(state.extra) - {me})
        state.asked, state.awaiting = True, others
        inquiry = (me, state.seen_at, 0.0)
        digest = base64.b64encode(own.digest).decode()
        actions += [Action("inquiry", other, NearVote(article_id=other, inquiry=inquiry, digest=digest))
                    for other in others]
    if state.awaiting:
        return state, own, actions
    return _decide(state, own, actions)


def _answer(state: Pending, vote: NearVote, own: Signature | None, threshold: float) -> Action:
    """The answer to an inquiry (or to a claim in the previous format); records a claim or an inquirer."""
    me = vote.article_id
    if vote.claim_by is not None:  # previous format: an earlier similar article claims this one
        asker, similarity, claim = vote.claim_by, vote.claim_by[2], True
    else:
        assert vote.inquiry is not None
        asker = vote.inquiry
        if own is None or not vote.digest:
            if not state.decided and not state.asked and asker[0] not in state.extra:
                state.extra.append(asker[0])
            return Action("reply", asker[0], NearVote(article_id=asker[0], answer=(me, 0, 0.0)))
        similarity = own.similarity(base64.b64decode(vote.digest))
        claim = similarity >= threshold and _order(asker) < (own.seen_at, me)
    outcome = own.outcome if own is not None else UNDECIDED
    refused = claim and (outcome == ORIGINAL or state.decided == "original")
    undecided = outcome == UNDECIDED and not state.decided
    if claim and undecided and asker[0] not in [c[0] for c in state.claims]:
        state.claims.append((asker[0], asker[1], similarity))
    if vote.claim_by is not None:
        return Action("reply", asker[0], NearVote(article_id=asker[0], reply_from=(me, *vote.claim_by[1:]),
                                                  refused=refused))
    seen_at = own.seen_at if own is not None else state.seen_at
    return Action("reply", asker[0], NearVote(article_id=asker[0], answer=(me, seen_at, similarity),
                                              refused=refused))


def _decide(state: Pending, own: Signature, actions: list[Action]) -> tuple[Pending, Signature, list[Action]]:
    article = state.article
    assert article is not None
    earlier = state.earlier + state.claims
    if earlier:
        first = min(earlier, key=_order)
        best = max(f[2] for f in earlier if f[0] == first[0])
        state.decided, state.outcome = "duplicate", (first[0], first[1], best)
        actions.append(Action("duplicate", article.article_id, article, state.outcome))
        own = own._replace(outcome=DUPLICATE)
    else:
        state.decided = "original"
        actions.append(Action("original", article.article_id, article))
        own = own._replace(outcome=ORIGINAL)
    state.article = None
    return state, own, actions
