"""Near-duplicate decision: an article's band probes vote; once every band has voted, one place decides.

Flow: the content check sends each new article once per band to
news.dedup-by-band (key = band key, so candidates meet in one partition) and
once to news.dedup-near (key = article_id). Each band partition answers with a
vote (the earlier similar articles in its bucket) on news.dedup-near, so all
of one article's votes and the article itself meet in one partition, where
the decision is made and emitted exactly once per delivery.

Hazard (ordering inversion): two copies are ordered by ``(seen_at,
article_id)``. If the earlier copy's probes reach every shared bucket *after*
the later copy's (lag between partitions longer than the gap in ``seen_at``),
neither sees the other as earlier and both are kept as originals — a missed
duplicate, never two copies marked as each other's duplicate. Simultaneous
copies on different band partitions resolve deterministically: only the later
one in the total order can match the other.
"""

from __future__ import annotations

import base64

from pydantic import BaseModel, Field

from schemas.records import Article
from services.dedup.lsh import Entry
from services.dedup.minhash import band_keys, digest, text_signature


class BandProbe(BaseModel):
    """An article's entry for one band (internal record on news.dedup-by-band)."""

    article_id: str
    seen_at: int
    band: int
    digest: str = Field(description="base64 of the 1-bit MinHash digest")

    def entry(self) -> Entry:
        """The bucket entry this probe adds."""
        return Entry(self.article_id, self.seen_at, base64.b64decode(self.digest))


Found = tuple[str, int, float]  # (article_id, seen_at, similarity)


class NearVote(BaseModel):
    """Anything for one article's decision partition (internal record on news.dedup-near, key = article_id).

    A band's vote (``band``, ``matches`` earlier and ``later`` similar articles
    found in its bucket), the article itself, a claim by an earlier similar
    article (``claim_by``), or the answer to this article's claim (``reply_from``,
    ``refused`` when that article was already published as an original).
    """

    article_id: str
    band: int | None = None
    matches: list[Found] = Field(default_factory=list)
    later: list[Found] = Field(default_factory=list)
    article: Article | None = None
    seen_at: int = 0
    claim_by: Found | None = None
    reply_from: Found | None = None
    refused: bool = False


class Pending(BaseModel):
    """An article's decision state: until decided, then kept (without the article) to answer late claims."""

    article: Article | None = None
    votes: dict[int, list[Found]] = Field(default_factory=dict)
    later: dict[str, Found] = Field(default_factory=dict)
    claims: list[Found] = Field(default_factory=list)
    awaiting: list[str] = Field(default_factory=list)
    refusals: list[Found] = Field(default_factory=list)
    decided: str | None = None
    outcome: Found | None = None
    seen_at: int = 0
    first_seen: float = 0.0


def probes(article: Article, seen_at: int) -> list[tuple[bytes, BandProbe]]:
    """The (band key, probe) pairs to send for an article."""
    sig = text_signature(article.text)
    encoded = base64.b64encode(digest(sig)).decode()
    return [(key, BandProbe(article_id=article.article_id, seen_at=seen_at, band=band, digest=encoded))
            for band, key in enumerate(band_keys(sig))]


