"""The near-duplicate decision for one article, as a state machine over the messages of its partition.

Rules, with articles ordered by ``(seen_at, article_id)``:

1. An article with an earlier similar article (a band's ``matches``, or a
   claim received) is a duplicate of the earliest of them.
2. An article with only *later* similar articles (it reached their buckets
   after them: a race) claims each of them and waits for the answers. A
   claimed article still undecided yields (it will be the duplicate); one
   already published as an original refuses, and the claimer becomes its
   duplicate instead. So two copies always end as one original and one
   duplicate, however their probes interleave across band partitions.
3. Otherwise the article is an original.

Hazard: the decided state is kept for DECIDED_TTL_SECONDS to answer claims;
a claim arriving later than that (a partition lagging by hours) is answered
as if the article were undecided, and both copies stay originals.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from schemas.records import Article
from services.dedup.minhash import BANDS
from services.dedup.near import Found, NearVote, Pending

DECIDED_TTL_SECONDS = 6 * 3600.0


class Action(NamedTuple):
    """What the decision partition must send: an outcome, a claim or a reply."""

    kind: Literal["original", "duplicate", "claim", "reply"]
    to: str
    message: NearVote | Article | None = None
    original: Found | None = None


def _order(found: Found) -> tuple[int, str]:
    return (found[1], found[0])


def step(state: Pending, vote: NearVote) -> tuple[Pending, list[Action]]:
    """Apply one message to an article's state; returns the new state and the actions to perform."""
    actions: list[Action] = []
    if vote.claim_by is not None:
        refused = state.decided == "original"
        if not refused and vote.claim_by not in state.claims:
            state.claims.append(vote.claim_by)
        actions.append(Action("reply", vote.claim_by[0], NearVote(
            article_id=vote.claim_by[0], reply_from=(vote.article_id, *vote.claim_by[1:]), refused=refused)))
    if state.decided:  # a redelivered article: publish the same outcome again (the sends are idempotent)
        if vote.article is not None:
            actions.append(Action("original" if state.decided == "original" else "duplicate", vote.article_id,
                                  vote.article, state.outcome))
        return state, actions
    if vote.article is not None:
        state.article, state.seen_at = vote.article, vote.seen_at
    if vote.band is not None:
        state.votes[vote.band] = vote.matches
        state.later.update({found[0]: found for found in vote.later})
    if vote.reply_from is not None and vote.reply_from[0] in state.awaiting:
        state.awaiting.remove(vote.reply_from[0])
        if vote.refused:
            state.refusals.append(vote.reply_from)
    if state.article is None or len(state.votes) < BANDS:
        return state, actions
    return _decide(state, actions)


def _decide(state: Pending, actions: list[Action]) -> tuple[Pending, list[Action]]:
    article = state.article
    assert article is not None
    earlier = [found for vote in state.votes.values() for found in vote] + state.claims + state.refusals
    if earlier:
        first = min(earlier, key=_order)
        best = max(f[2] for f in earlier if f[0] == first[0])
        state.decided, state.outcome = "duplicate", (first[0], first[1], best)
        actions.append(Action("duplicate", article.article_id, article, state.outcome))
    elif state.later and not state.awaiting:
        state.awaiting = sorted(state.later)
        actions += [Action("claim", other, NearVote(article_id=other, claim_by=(article.article_id, state.seen_at,
                                                                                found[2])))
                    for other, found in sorted(state.later.items())]
        state.later = {}
        return state, actions
    elif not state.awaiting:
        actions.append(Action("original", article.article_id, article))
        state.decided = "original"
    else:
        return state, actions
    state.article = None
    return state, actions

