"""Every setting newsflow reads, declared once with its default (pydantic-settings).

Only ``KAFKA_BOOTSTRAP_SERVERS`` and ``DATABASE_URL`` matter to most users;
every other setting is ``NEWSFLOW_<GROUP>__<NAME>`` (e.g.
``NEWSFLOW_POLLER__TIMEOUT_SECONDS=10``) or one of the flat aliases below.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, BaseModel, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEAD_LETTER_ENVELOPE_BYTES = 16 * 1024  # a DeadLetter's fields around the base64 of the failed record


class KafkaSettings(BaseModel):
    """Broker connection and topic layout."""

    partitions: int = Field(4, ge=1, description="partitions of every pipeline topic")
    replication_factor: int = Field(1, ge=1)
    rebalance_timeout_seconds: float = Field(3.0, gt=0, description="kept short for the embedded broker")
    session_timeout_seconds: float = Field(10.0, gt=0)
    producer_batch_bytes: int = Field(
        65536, ge=1, description="largest record batch a producer sends per partition (aiokafka max_batch_size); "
                                 "end offsets are read from fetches (services/common/offsets.py), so batches are "
                                 "safe on the embedded broker")
    fetch_max_wait_ms: int = Field(
        20, ge=1, description="longest a fetch waits for data: the embedded broker answers a fetch only when this "
                              "wait ends, so it bounds each hop's latency; 500 suits Apache Kafka")
    standby_replicas: int = Field(
        0, ge=0, description="live copies of each table partition kept by other workers for fast fail-over; each "
                             "copy reads its changelog continuously. 1 suits Apache Kafka across machines; keep 0 on "
                             "the embedded broker, whose fetches cost more the longer a partition grows")
    max_message_bytes: int = Field(
        1024 * 1024, ge=256 * 1024, le=64 * 1024 * 1024,
        description="largest record newsflow writes: every producer's max_request_size and every topic's "
                    "max.message.bytes (the Kafka broker's message.max.bytes must be at least this)")

    @property
    def raw_record_bytes(self) -> int:
        """Largest news.raw record the poller publishes: room left for a dead letter carrying it in base64."""
        return (self.max_message_bytes - DEAD_LETTER_ENVELOPE_BYTES) * 3 // 4


class PostgresSettings(BaseModel):
    """Database pool settings (the URL itself is ``DATABASE_URL``)."""

    pool_min: int = 1
    pool_max: int = 8
    default_database: str = "newsflow"


class PollerSettings(BaseModel):
    """Feed fetching."""

    user_agent: str = "newsflow/0.1 (feed fetcher)"
    connect_timeout_seconds: float = Field(5.0, gt=0)
    timeout_seconds: float = Field(20.0, gt=0, description="total time for one request")
    max_feed_bytes: int = Field(10 * 1024 * 1024, gt=0)
    max_page_bytes: int = Field(
        5 * 1024 * 1024, gt=0, description="cap on a page download; a page too large for news.raw is reduced "
                                           "(scripts, styles, comments dropped), then cut, and flagged")
    max_redirects: int = Field(5, ge=0)
    interval_seconds: float = Field(900.0, gt=0, description="default time between polls of one feed")
    concurrency: int = Field(16, ge=1, description="feeds fetched at once")
    fetch_full_article: bool = True
    per_host: int = Field(2, ge=1, description="requests at once to one host")
    min_interval_seconds: float = Field(300.0, gt=0, description="floor of a feed's adaptive interval")
    max_interval_seconds: float = Field(86400.0, gt=0, description="ceiling of a feed's interval and of server floors")
    adaptive: bool = Field(True, description="set each feed's interval from how often it publishes")
    jitter: float = Field(0.1, ge=0, lt=1, description="± fraction of random spread on every interval")
    max_backoff_seconds: float = Field(86400.0, gt=0, description="longest wait after errors or a Retry-After")
    max_consecutive_errors: int = Field(20, ge=0, description="errors in a row that disable a feed (0 = never)")
    unconditional_every: int = Field(20, ge=0, description="about one poll in N skips ETag/Last-Modified (0 = never)")
    metrics_log_seconds: float = Field(60.0, gt=0, description="how often run mode logs the metrics line (DEBUG)")
    recheck_seconds: float = Field(60.0, gt=0, description="longest sleep before a feed's schedule is re-read")
    shared_feeds: bool = Field(False, description="share feeds among pollers through the news.feeds topic")
    group_id: str = Field("newsflow-poller", description="consumer group of pollers sharing news.feeds")
    max_title_chars: int = Field(1000, ge=80, description="an item title longer than this is cut (and flagged)")
    publish_batch_items: int = Field(
        500, ge=1, le=100_000, description="items of one feed published and acknowledged before the next batch "
                                           "starts; each batch is marked seen as soon as it is acknowledged")

    @model_validator(mode="after")
    def _floor_below_ceiling(self) -> PollerSettings:
        if self.min_interval_seconds > self.max_interval_seconds:
            raise ValueError("min_interval_seconds must not exceed max_interval_seconds")
        return self


class PipelineSettings(BaseModel):
    """Stream stages."""

    dedup_window_days: float = Field(7.0, gt=0, description="how long URLs, content hashes and LSH entries are kept")
    dedup_near_threshold: float = Field(0.6, gt=0, le=1, description="estimated Jaccard at which a copy is 'near'")
    dedup_bucket_cap: int = Field(64, ge=1, description="articles kept per LSH bucket (the newest)")
    cluster_window_days: float = Field(30.0, gt=0)
    max_events_per_article: int = Field(3, ge=1, description="happenings read from one article: its principal "
                                        "happening and up to this many minus one secondary ones (1: principal only)")
    max_retries: int = Field(3, ge=0, description="attempts before a record goes to the dead-letter topic")
    sink_batch_size: int = Field(500, ge=1)
    once_timeout_seconds: float = Field(600.0, gt=0, description="limit for `newsflow run --once`")
    rotate_broker_articles: int = Field(
        5000, ge=0, description="embedded broker only: once the sink stored this many raw articles and the "
                                "pipeline caught up, a continuous `newsflow run` stops polling, drains, and goes on "
                                "with a new broker whose tables are rebuilt from Postgres, so the memory-only broker "
                                "does not grow (0: never)")


class Settings(BaseSettings):
    """All of newsflow's configuration."""

    model_config = SettingsConfigDict(env_prefix="NEWSFLOW_", env_nested_delimiter="__", extra="ignore",
                                      populate_by_name=True)

    kafka_bootstrap_servers: str | None = Field(
        None, validation_alias=AliasChoices("KAFKA_BOOTSTRAP_SERVERS", "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS"),
        description="host:port[,host:port]; unset starts the embedded broker",
    )
    database_url: SecretStr | None = Field(
        None, validation_alias=AliasChoices("DATABASE_URL", "NEWSFLOW_DATABASE_URL"),
        description="postgresql://...; unset uses 127.0.0.1:5432/newsflow or an embedded server",
    )
    allow_private_networks: bool = Field(
        False, validation_alias=AliasChoices("NEWSFLOW_ALLOW_PRIVATE_NETWORKS"),
        description="allow fetching loopback/private addresses (tests and the demo only)",
    )
    data_dir: Path = Field(Path(".newsflow"), description="embedded Postgres data and other local state")
    log_level: str = "INFO"
    log_format: str = Field("text", description="text or json")
    ops_host: str = Field("127.0.0.1", description="address the ops endpoints (/metrics, /livez, /readyz) bind to")
    ops_port: int = Field(9180, ge=0, le=65535, description="port of the ops endpoints; 0 serves none")
    ops_lag_seconds: float = Field(10.0, gt=0, description="how often consumer lag and broker memory are sampled")
    progress_seconds: float = Field(60.0, gt=0, description="how often `newsflow run` logs its one-line progress")
    sink_stall_seconds: float = Field(
        120.0, gt=0, description="the sink is not ready when it has records to take and committed none this long")
    kafka: KafkaSettings = KafkaSettings()
    postgres: PostgresSettings = PostgresSettings()
    poller: PollerSettings = PollerSettings()
    pipeline: PipelineSettings = PipelineSettings()

    @field_validator("log_format")
    @classmethod
    def _known_format(cls, value: str) -> str:
        if value not in {"text", "json"}:
            raise ValueError("log_format must be 'text' or 'json'")
        return value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read once from the environment."""
    return Settings()
