-- newsflow initial schema: feeds, articles, duplicates, events, event mentions, dead letters.

CREATE TABLE feeds (
    feed_url            text PRIMARY KEY,
    title               text,
    enabled             boolean NOT NULL DEFAULT true,
    etag                text,
    last_modified       text,
    interval_seconds    double precision,
    last_polled_at      timestamptz,
    last_success_at     timestamptz,
    last_error_at       timestamptz,
    last_error          text,
    error_count         integer NOT NULL DEFAULT 0,
    next_poll_at        timestamptz,
    items_seen          bigint NOT NULL DEFAULT 0,
    added_at            timestamptz NOT NULL DEFAULT now()
);

-- Items already published, so a re-polled item is not published again unless its content changed.
CREATE TABLE feed_items (
    feed_url        text NOT NULL REFERENCES feeds (feed_url) ON DELETE CASCADE,
    item_key        text NOT NULL,
    article_id      uuid NOT NULL,
    content_hash    text NOT NULL,
    first_seen_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (feed_url, item_key)
);

CREATE TABLE articles (
    article_id          uuid PRIMARY KEY,
    url                 text NOT NULL,
    canonical_url       text NOT NULL,
    source              text NOT NULL,
    feed_url            text,
    title               text NOT NULL,
    text                text NOT NULL,
    captions            jsonb NOT NULL DEFAULT '[]',
    language            text,
    published_at        timestamptz,
    published_precision text,
    published_source    text,
    content_hash        text NOT NULL,
    word_count          integer NOT NULL DEFAULT 0,
    duplicate_of        uuid,
    fetched_at          timestamptz NOT NULL,
    stored_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX articles_source_published_idx ON articles (source, published_at DESC);
CREATE INDEX articles_published_idx ON articles (published_at DESC);
CREATE INDEX articles_content_hash_idx ON articles (content_hash);

CREATE TABLE duplicates (
    article_id      uuid PRIMARY KEY,
    duplicate_of    uuid NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('url', 'content', 'near')),
    similarity      real NOT NULL,
    detected_at     timestamptz NOT NULL
);
CREATE INDEX duplicates_of_idx ON duplicates (duplicate_of);

CREATE TABLE events (
    event_id        uuid PRIMARY KEY,
    version         integer NOT NULL,
    plover_type     text NOT NULL,
    plover_mode     text,
    cameo_code      text,
    event_date      date,
    date_precision  text,
    country         text,
    admin1          text,
    place           text,
    lat             double precision,
    lon             double precision,
    num_mentions    integer NOT NULL,
    num_sources     integer NOT NULL,
    num_articles    integer NOT NULL,
    confidence      real NOT NULL,
    first_reported  timestamptz,
    last_reported   timestamptz,
    record          jsonb NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX events_date_idx ON events (event_date DESC);
CREATE INDEX events_country_date_idx ON events (country, event_date DESC);
CREATE INDEX events_type_date_idx ON events (plover_type, event_date DESC);

CREATE TABLE event_actors (
    event_id    uuid NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
    role        text NOT NULL,
    name        text NOT NULL,
    kind        text,
    country     text,
    PRIMARY KEY (event_id, role, name)
);
CREATE INDEX event_actors_name_idx ON event_actors (name);

CREATE TABLE event_mentions (
    mention_id      uuid PRIMARY KEY,
    event_id        uuid NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
    article_id      uuid NOT NULL,
    url             text NOT NULL,
    source          text NOT NULL,
    published_at    timestamptz,
    sentence        text NOT NULL,
    confidence      real NOT NULL
);
CREATE INDEX event_mentions_event_idx ON event_mentions (event_id);
CREATE INDEX event_mentions_article_idx ON event_mentions (article_id);

CREATE TABLE dead_letters (
    id          bigserial PRIMARY KEY,
    stage       text NOT NULL,
    error_type  text NOT NULL,
    error       text NOT NULL,
    topic       text,
    "partition" integer,
    "offset"    bigint,
    record      jsonb NOT NULL,
    failed_at   timestamptz NOT NULL,
    UNIQUE (topic, "partition", "offset", stage)
);
