"""URL cleaning shared by the poller and the normalizer."""

from __future__ import annotations

import uuid
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "_ga",
    "_gl", "ref", "ref_src", "ref_url", "cmpid", "icid", "ncid", "ocid", "sr_share", "spm",
    "guccounter", "guce_referrer", "guce_referrer_sig", "__twitter_impression", "s_cid", "at_medium",
    "at_campaign", "wt_mc", "mkt_tok", "oly_anon_id", "oly_enc_id", "rss", "taid", "xtor",
})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "vero_", "__hs")
DEFAULT_PORTS = {"http": 80, "https": 443}
ARTICLE_NAMESPACE = uuid.UUID("6f1d2c1e-5b0b-4c8e-9a55-3f0e1d7a2b10")


def is_tracking_param(name: str) -> bool:
    """True for query parameters that only track the reader (utm_*, fbclid, ...)."""
    low = name.lower()
    return low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES)


def canonicalize_url(url: str) -> str:
    """Lower-case scheme and host, drop default port, fragment and tracking parameters, sort the query."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if parts.port and DEFAULT_PORTS.get(scheme) != parts.port:
        host = f"{host}:{parts.port}"
    if parts.username:
        host = f"{parts.username}@{host}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_param(k))
    path = parts.path or "/"
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def article_id_for(canonical_url: str) -> str:
    """The stable article id: uuid5 of the canonical URL."""
    return str(uuid.uuid5(ARTICLE_NAMESPACE, canonical_url))
