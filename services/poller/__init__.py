"""Feed poller: fetches feeds and their article pages, publishes RawArticle records to news.raw.

PostgresFeedStore lives in ``services.poller.pgstore`` so importing this package needs no database driver.
"""

from services.poller.errors import FetchError
from services.poller.feedlist import FeedListError, load_feed_list
from services.poller.fetch import Fetcher, FetchResult, Validators
from services.poller.metrics import PollerMetrics
from services.poller.models import FeedSpec, FeedState, PollResult
from services.poller.service import Poller
from services.poller.store import FeedStore, InMemoryFeedStore

__all__ = [
    "FeedListError", "FeedSpec", "FeedState", "FeedStore", "FetchError", "FetchResult", "Fetcher",
    "InMemoryFeedStore", "PollResult", "Poller", "PollerMetrics", "Validators", "load_feed_list",
]
