"""Recording a poll's outcome: validators, the next poll (adaptive, server floors, backoff), auto-disable."""

from __future__ import annotations

import datetime as dt
import logging
import random

from services.common.settings import PollerSettings
from services.poller.errors import FetchError, HttpStatusError
from services.poller.fetch import FetchResult
from services.poller.items import PublishError
from services.poller.metrics import PollerMetrics
from services.poller.models import FeedState, LostItem, PollResult
from services.poller.parse import FeedParseError, ParsedFeed
from services.poller.schedule import Clock, adaptive_interval, clamp, next_delay
from services.poller.store import FeedStore

logger = logging.getLogger("newsflow.poller.outcomes")

NOT_THE_FEEDS_FAULT = frozenset({"publish", "internal"})


def failure_kind(exc: Exception) -> str:
    """One word for why a poll failed: a FetchError kind, parse, publish, or internal (a bug or the store)."""
    if isinstance(exc, FetchError):
        return exc.kind
    if isinstance(exc, FeedParseError):
        return "parse"
    return "publish" if isinstance(exc, PublishError) else "internal"


class Recorder:
    """Writes each poll's outcome to the store and decides when the feed is polled next."""

    def __init__(self, store: FeedStore, settings: PollerSettings, metrics: PollerMetrics, clock: Clock,
                 rng: random.Random) -> None:
        self._store, self._settings, self._metrics, self._clock, self._rng = store, settings, metrics, clock, rng

    def interval(self, state: FeedState | None) -> float:
        """The feed's own interval, else the default, within floor and ceiling."""
        s = self._settings
        return clamp((state.interval_seconds if state else None) or s.interval_seconds, s.min_interval_seconds,
                     s.max_interval_seconds)

    def _next(self, interval: float, *floors: float | None) -> dt.datetime:
        """Now plus the jittered interval, raised to the server's floors (up to the ceiling)."""
        s = self._settings
        delay = next_delay(interval, floors, s.max_interval_seconds, self._rng, s.jitter)
        return self._clock() + dt.timedelta(seconds=delay)

    async def not_modified(self, state: FeedState, result: FetchResult) -> PollResult:
        """304: keep the stored validators unless the server sent new ones, schedule the next poll."""
        await self._store.record_success(
            state.feed_url, etag=result.etag or state.etag, last_modified=result.last_modified or state.last_modified,
            next_poll_at=self._next(self.interval(state), result.fresh_seconds), items_seen=0,
        )
        self._metrics.feeds_not_modified += 1
        logger.debug("feed not modified", extra={"feed_url": state.feed_url, "status": 304})
        return PollResult(state.feed_url, "not_modified", moved_to=result.permanent_redirect_to)

    async def succeeded(self, state: FeedState, result: FetchResult, parsed: ParsedFeed,
                        published: list[str], lost: list[LostItem]) -> PollResult:
        """Store the new validators only now, after every new item was published; none when an item was lost.

        Lost items are not the feed's fault: the poll counts as a success, but the
        next one is unconditional so the lost items are tried again.
        """
        s = self._settings
        interval = (adaptive_interval((i.published for i in parsed.items), self._clock(), s.interval_seconds,
                                      s.min_interval_seconds, s.max_interval_seconds)
                    if s.adaptive else self.interval(state))
        await self._store.record_success(
            state.feed_url, etag=None if lost else result.etag, last_modified=None if lost else result.last_modified,
            next_poll_at=self._next(interval, parsed.ttl_seconds, result.fresh_seconds), items_seen=len(published),
            interval_seconds=interval if s.adaptive else None,
        )
        self._metrics.feeds_ok += 1
        self._metrics.items_rejected += parsed.rejected
        self._metrics.items_duplicate += parsed.duplicates
        logger.log(  # one line per feed and poll only when something was lost (the counts are on /metrics)
            logging.INFO if lost else logging.DEBUG,
            "feed polled: %d published, %d rejected, %d lost", len(published), parsed.rejected, len(lost),
            extra={"feed_url": state.feed_url, "status": result.status},
        )
        return PollResult(state.feed_url, "ok", published, parsed.rejected, moved_to=result.permanent_redirect_to,
                          duplicates=parsed.duplicates, lost=lost)

    async def failed(self, feed_url: str, exc: Exception, published: list[str],
                     lost: list[LostItem] | None = None) -> PollResult:
        """Count the error, back off (at least Retry-After), disable on 410 or too many errors in a row."""
        kind = failure_kind(exc)
        error = str(exc) if isinstance(exc, FetchError) else f"{kind}: {exc}"
        self._metrics.feed_errors[kind] += 1
        log = logger.exception if kind in NOT_THE_FEEDS_FAULT else logger.warning
        log("feed poll failed: %s", error, extra={"feed_url": feed_url, "error_kind": kind})
        reason = None
        try:
            reason = await self._record_error(feed_url, exc, kind, error)
        except Exception:
            logger.exception("cannot record the feed's error", extra={"feed_url": feed_url})
        return PollResult(feed_url, "error", published, error=error, error_kind=kind, disabled_reason=reason,
                          lost=lost or [])

    async def _record_error(self, feed_url: str, exc: Exception, kind: str, error: str) -> str | None:
        """Store the error and the backoff; the reason when the feed was disabled."""
        s = self._settings
        retry_after = exc.retry_after if isinstance(exc, HttpStatusError) else None
        state = await self._store.record_error(
            feed_url, error, interval_seconds=self.interval(await self._store.get_state(feed_url)),
            min_delay_seconds=min(retry_after or 0.0, s.max_backoff_seconds), max_backoff_seconds=s.max_backoff_seconds,
        )
        reason = None
        if isinstance(exc, HttpStatusError) and exc.status == 410:
            reason = "gone (HTTP 410)"
        elif s.max_consecutive_errors and kind not in NOT_THE_FEEDS_FAULT and \
                state.error_count >= s.max_consecutive_errors:
            reason = f"{state.error_count} errors in a row, last: {error}"
        if reason:
            await self._store.set_enabled(feed_url, False, reason)
            self._metrics.feeds_disabled += 1
            logger.warning("feed disabled: %s", reason, extra={"feed_url": feed_url})
        return reason
