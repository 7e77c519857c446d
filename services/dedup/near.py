"""Near-duplicate decision: an article's band probes vote; once every band has voted, one place decides.

Flow: the content check sends each new article once to news.dedup-near (key
= article_id, with its digest) and once per band to news.dedup-by-band (key =
band key, so candidates meet in one partition). Each band partition answers
with a vote (the candidates in its bucket) on news.dedup-near, so all of one
article's votes and the article itself meet in one partition. That partition
keeps the article's full digest (``signatures.py``), sends an inquiry with
its digest to each candidate's partition, and decides once every candidate
has answered with the similarity (and, for a later candidate, whether it
yields): see ``decide.py``.

Hazard (ordering inversion): two copies are ordered by ``(seen_at,
article_id)``. Whichever reaches a shared bucket second inquires the other,
and the answer is given from the other's stored signature and outcome, so
two copies end as one original and one duplicate however their probes
interleave; a copy whose probes lag by more than the window finds nothing.
"""

from __future__ import annotations

import base64
import logging

from pydantic import BaseModel, Field

from schemas.records import Article
from services.dedup.lsh import Entry
from services.dedup.minhash import band_keys, digest, text_signature


class BandProbe(BaseModel):
    """An article's entry for one band (internal record on news.dedup-by-band)."""

    article_id: str
    seen_at: int
    band: int
    digest: str = Field(description="base64 of the 1-bit MinHash digest (the bucket keeps the band's slice)")

    def entry(self) -> Entry:
        """The bucket entry this probe adds."""
        return Entry(self.article_id, self.seen_at, base64.b64decode(self.digest))


log = logging.getLogger("newsflow.dedup")
_warned: set[str] = set()
Found = tuple[str, int, float]  # (article_id, seen_at, similarity)


class NearVote(BaseModel):
    """Anything for one article's decision partition (internal record on news.dedup-near, key = article_id).

    The article itself (with ``seen_at`` and its ``digest``), a band's vote
    (``band``, the ``candidates`` in its bucket), an inquiry by a candidate
    (``inquiry`` = its id and ``seen_at``, with its ``digest``), or the answer
    to this article's inquiry (``answer`` = the answering article's id,
    ``seen_at`` and similarity; ``refused`` when it is later, similar and
    already published as an original). ``matches``, ``later``, ``claim_by``
    and ``reply_from`` are the previous format's, still read during an upgrade.
    """

    article_id: str
    band: int | None = None
    candidates: list[str] = Field(default_factory=list)
    article: Article | None = None
    seen_at: int = 0
    digest: str | None = Field(None, description="base64 of the 1-bit MinHash digest")
    inquiry: Found | None = None
    answer: Found | None = None
    refused: bool = False
    matches: list[Found] = Field(default_factory=list)
    later: list[Found] = Field(default_factory=list)
    claim_by: Found | None = None
    reply_from: Found | None = None


class Pending(BaseModel):
    """An article's decision state: until decided, then kept (without the article) to republish on redelivery.

    ``votes``, ``later`` and ``refusals`` are the previous format's (read by ``upgraded``).
    """

    article: Article | None = None
    holding: bool = Field(False, description="the article is stored apart (table dedup-held) until decided")
    bands: dict[int, list[str]] = Field(default_factory=dict)
    extra: list[str] = Field(default_factory=list, description="inquirers met before the article: asked back")
    asked: bool = False
    awaiting: list[str] = Field(default_factory=list)
    earlier: list[Found] = Field(default_factory=list)
    claims: list[Found] = Field(default_factory=list)
    decided: str | None = None
    outcome: Found | None = None
    seen_at: int = 0
    first_seen: float = 0.0
    votes: dict[int, list[Found]] = Field(default_factory=dict)
    later: dict[str, Found] = Field(default_factory=dict)
    refusals: list[Found] = Field(default_factory=list)

    def upgraded(self) -> Pending:
        """The state with the previous format's fields moved into the current ones."""
        for band, found in self.votes.items():
            self.bands[band] = [f[0] for f in found]
        self.extra += [other for other in self.later if other not in self.extra]
        self.earlier += self.refusals
        self.asked = self.asked or bool(self.awaiting)
        self.votes, self.later, self.refusals = {}, {}, []
        return self


def encoded_digest(article: Article) -> str:
    """Base64 of the article's digest."""
    return base64.b64encode(digest(text_signature(article.text))).decode()


def probes(article: Article, seen_at: int) -> tuple[str, list[tuple[bytes, BandProbe]]]:
    """The article's encoded digest and the (band key, probe) pairs to send for it."""
    sig = text_signature(article.text)
    encoded = base64.b64encode(digest(sig)).decode()
    return encoded, [(key, BandProbe(article_id=article.article_id, seen_at=seen_at, band=band, digest=encoded))
                     for band, key in enumerate(band_keys(sig))]




def read_pending(stored: bytes | None) -> Pending | None:
    """A stored decision state; None when absent or unreadable (another format: logged once)."""
    if not stored:
        return None
    try:
        return Pending.model_validate_json(stored)
    except ValueError as exc:
        if "pending" not in _warned:
            _warned.add("pending")
            log.warning("pending near-duplicate state unreadable, read as absent: %s", type(exc).__name__)
        return None
