"""Benchmark of the CPU-bound pure stages (normalise, extract) on the bundled demo corpus.

    newsflow-bench-stages [--repeat N] [--out bench/results/stages.json]

Each article is normalised and extracted ``repeat`` times; the medians per
article, the throughput in words/s and the share of sentences and words the
extractor parsed are written with the command that produced them. One process,
one core, models loaded before timing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import statistics
import sys
import time
from pathlib import Path

from schemas.records import RawArticle
from services.common.urls import article_id_for
from services.devtools.feedserver import article_page

REPO = Path(__file__).resolve().parents[2]


def demo_raw_articles(corpus: Path) -> list[RawArticle]:
    """RawArticles for every demo article, as the poller would build them from the served pages."""
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    out = []
    for art in manifest["articles"]:
        lines = [ln.strip() for ln in (corpus / art["file"]).read_text(encoding="utf-8").splitlines() if ln.strip()]
        headline = art.get("headline_line", 1) - 1
        url = f"https://{art['source']}.example/{Path(art['file']).stem}.html"
        out.append(RawArticle(article_id=article_id_for(url), url=url, feed_url=f"https://{art['source']}.example/rss",
                              source=art["source"], title=lines[headline], html=article_page(lines, headline).decode(),
                              final_url=url, fetched_at=dt.datetime(2025, 3, 20, tzinfo=dt.UTC)))
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and write the results file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "stages.json")
    args = parser.parse_args(argv)

    from services.extractor.extract import load_extractor
    from services.normalizer.transform import normalise

    raws = demo_raw_articles(REPO / "demo" / "corpus")
    extractor = load_extractor()
    articles = [normalise(r) for r in raws]
    extractor.extract(articles[0])  # warm-up
    norm_ms: list[float] = []
    extract_ms: list[float] = []
    for raw, article in zip(raws, articles, strict=True):
        for _ in range(args.repeat):
            start = time.perf_counter()
            normalise(raw)
            norm_ms.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            extractor.extract(article)
            extract_ms.append((time.perf_counter() - start) * 1000)
    words = statistics.median(a.word_count for a in articles)
    parse = extractor.stats
    result = {
        "command": "newsflow-bench-stages " + " ".join(argv if argv is not None else sys.argv[1:]),
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpu": platform.processor() or platform.machine()},
        "corpus": "demo/corpus", "articles": len(articles), "repeat": args.repeat,
        "median_words_per_article": words,
        "normalise_ms_median": round(statistics.median(norm_ms), 2),
        "extract_ms_median": round(statistics.median(extract_ms), 2),
        "extract_words_per_second": round(words / (statistics.median(extract_ms) / 1000)),
        "parsed_sentence_share": round(parse.parsed / max(parse.sentences, 1), 3),
        "parsed_word_share": round(parse.parsed_words / max(parse.words, 1), 3),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
