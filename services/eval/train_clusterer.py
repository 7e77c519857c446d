"""Fit the clusterer's scorer (services/clusterer/data/scorer.json) on labelled clustering data.

    newsflow-train-clusterer [--data PATH] [--corpus DIR] [--generated N] [--out FILE] [--orders N] [--folds K]

Training pairs come from the clusterer itself, teacher-forced: the reports arrive in a shuffled order (ECB+
topics 1-35, ``--orders`` orders) or in publication order (the project's event corpus and the benchmark's
generated stories, where same-kind happenings in different towns must stay apart), each is scored
against the candidates ``OpenEvents.candidates`` finds, labelled by whether the candidate holds reports of
its gold happening, and then joins the event of its gold happening (or opens it), so later pairs look as in a
good run. A logistic regression (scikit-learn) is fitted on the pairs, every weight of the sign its feature's
meaning gives (a feature fitted the other way is left out). Three weights are set priors (``PRIORS``), not
fitted: the time decay (``days_apart``), as ECB+ is served without feed dates and the dates its pages show
are few and noisy; agreement of the extracted type and a shared actor, as ECB+'s extractions agree about as
often across a topic's two happenings as within one, so it cannot say what agreement is worth on
well-extracted reports (docs/clusterer.md). The threshold is the one giving the
best mean B-cubed F1 when the documents are clustered online with the fitted weights. Cross-validation by
ECB+ topic (``--folds``) reports how the method does on topics it was not fitted on; that figure, the command
and the data are written beside the weights.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shlex
import statistics
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schemas.records import EventMention
from services.clusterer.cluster import OpenEvents
from services.clusterer.score import FEATURES, SCORER_FILE, Scorer
from services.eval import generated, results
from services.eval.clustering_cli import DEFAULT_DATA, FETCHED, cluster, extract_all
from services.eval.ecbplus import Document, load
from services.eval.events import bcubed, load_corpus

THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(2, 11))
REGULARISATION = 1.0  # scikit-learn's C
SIGNS = {"cosine": 1, "headline": 1, "nearest": 1, "mean_link": 1, "names": 1, "figures": 1, "same_type": 1,
         "shares_actor": 1, "key_names_missing": -1, "event_names_missing": -1, "figures_differ": -1,
         "years_differ": -1, "type_differs": -1, "place_differs": -1, "date_differs": -1, "sources_differ": -1,
         "days_apart": -1}  # the direction each feature's evidence points; no_names may go either way
PRIORS = {"days_apart": -0.5, "same_type": 0.5, "shares_actor": 1.0}  # set, not fitted (see above)


@dataclass
class Stream:
    """Reports in arrival order, each with its document's gold cluster and arrival time."""

    items: list[tuple[str, EventMention, dt.datetime]]
    gold: dict[str, str]  # mention id -> gold cluster


def pairs(stream: Stream) -> tuple[list[list[float]], list[int]]:
    """Teacher-forced (features, label) pairs of one stream: each report joins its gold event."""
    events = OpenEvents(dt.timedelta(days=30), Scorer(tuple(0.0 for _ in FEATURES), 0.0, 1.0))
    gold_event: dict[str, str] = {}  # gold cluster -> the event holding it
    event_gold: dict[str, str] = {}
    xs: list[list[float]] = []
    ys: list[int] = []
    for cluster_id, mention, now in stream.items:

        def choose(found: list[tuple[str, list[float]]], cluster_id: str = cluster_id) -> str | None:
            for event_id, values in found:
                xs.append(values)
                ys.append(int(event_gold.get(event_id) == cluster_id))
            target = gold_event.get(cluster_id)
            return target if any(e == target for e, _ in found) else None

        event = events.handle(mention, now, choose).event
        if cluster_id not in gold_event or gold_event[cluster_id] not in events.states:
            gold_event[cluster_id] = event.event_id
        event_gold.setdefault(event.event_id, cluster_id)
    return xs, ys


def ecb_streams(docs: list[Document], mentions: dict[str, list[EventMention]], orders: int) -> list[Stream]:
    """Shuffled arrival orders of the ECB+ documents' principal mentions."""
    streams = []
    for seed in range(orders):
        order = list(docs)
        random.Random(1000 + seed).shuffle(order)
        items = [(d.cluster, mentions[d.doc_id][0], FETCHED + dt.timedelta(seconds=i))
                 for i, d in enumerate(order) if mentions[d.doc_id]]
        streams.append(Stream(items, {m.mention_id: c for c, m, _ in items}))
    return streams


def corpus_stream(folder: Path) -> Stream:
    """The project's event corpus in publication order (its gold events as clusters)."""
    from services.eval.events_cli import to_article
    from services.extractor.extract import load_extractor

    extractor = load_extractor()
    items = []
    for gold in sorted(load_corpus(folder), key=lambda g: (g.published, g.id)):
        article = to_article(gold)
        found = extractor.extract(article)
        if found and article.published_at:
            items.append((f"corpus-{gold.cluster}", found[0], article.published_at))
    return Stream(items, {m.mention_id: c for c, m, _ in items})


def generated_stream(articles: int) -> Stream:
    """The benchmark generator's stories (``services.eval.generated``, its training seed) in publication order."""
    items = [(r.happening, r.mentions[0], r.published)
             for r in generated.reports(articles, generated.TRAIN_SEED) if r.mentions]
    return Stream(items, {m.mention_id: c for c, m, _ in items})


def fit(streams: list[Stream]) -> tuple[list[float], float]:
    """Logistic-regression weights and bias over the streams' teacher-forced pairs, each feature's weight of
    the sign its meaning gives (``SIGNS``): a feature the fit weighs the wrong way (agreement counting against,
    on noisy extractions of correlated reports) is left out (weight 0) and the rest refitted."""
    from sklearn.linear_model import LogisticRegression

    xs: list[list[float]] = []
    ys: list[int] = []
    for stream in streams:
        x, y = pairs(stream)
        xs += x
        ys += y
    active = [i for i, name in enumerate(FEATURES) if name not in PRIORS]
    while True:
        model = LogisticRegression(C=REGULARISATION, max_iter=2000).fit([[row[i] for i in active] for row in xs], ys)
        fitted = dict(zip(active, (float(w) for w in model.coef_[0]), strict=True))
        wrong = [i for i, w in fitted.items() if SIGNS.get(FEATURES[i], 0) * w < 0]
        if not wrong:
            return [PRIORS.get(name, fitted.get(i, 0.0)) for i, name in enumerate(FEATURES)], float(model.intercept_[0])
        active = [i for i in active if i not in wrong]


def online_f1(docs: list[Document], mentions: dict[str, list[EventMention]], scorer: Scorer, seeds: int) -> float:
    """Mean B-cubed F1 of online clustering with ``scorer`` over ``seeds`` arrival orders."""
    import services.clusterer.cluster as module

    gold = {d.doc_id: d.cluster for d in docs}
    saved = module.load_scorer
    module.load_scorer = lambda: scorer  # type: ignore[assignment]
    try:
        return statistics.mean(bcubed(gold, cluster(docs, mentions, seed)[0])[2] for seed in range(seeds))
    finally:
        module.load_scorer = saved


def best_threshold(docs: list[Document], mentions: dict[str, list[EventMention]], weights: list[float],
                   bias: float) -> tuple[float, float]:
    """The threshold with the best mean online B-cubed F1, and that F1."""
    scored = [(online_f1(docs, mentions, Scorer(tuple(weights), bias, t), 2), t) for t in THRESHOLDS]
    f1, threshold = max(scored)
    return threshold, f1


def cross_validate(docs: list[Document], mentions: dict[str, list[EventMention]], extra: list[Stream],
                   orders: int, folds: int) -> dict[str, Any]:
    """B-cubed F1 on held-out ECB+ topics, fitted (weights and threshold) on the others."""
    topics = sorted({d.topic for d in docs})
    scores = []
    for k in range(folds):
        test = set(topics[k::folds])
        train = [d for d in docs if d.topic not in test]
        held = [d for d in docs if d.topic in test]
        weights, bias = fit(ecb_streams(train, mentions, orders) + extra)
        threshold, _ = best_threshold(train, mentions, weights, bias)
        scores.append(online_f1(held, mentions, Scorer(tuple(weights), bias, threshold), 3))
    return {"folds": folds, "f1_by_fold": [round(s, 4) for s in scores], "mean_f1": round(statistics.mean(scores), 4)}


def main(argv: list[str] | None = None) -> int:
    """Fit, cross-validate, write the scorer file."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ECB+ release: a .tar.gz or a folder")
    parser.add_argument("--corpus", type=Path, default=results.REPO / "eval" / "events",
                        help="the project's event corpus, added to the training pairs")
    parser.add_argument("--generated", type=int, default=generated.ARTICLES,
                        help="articles of the benchmark's generated corpus added to the training pairs (0: none)")
    parser.add_argument("--out", type=Path, default=SCORER_FILE)
    parser.add_argument("--orders", type=int, default=3, help="shuffled ECB+ arrival orders to draw pairs from")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds by topic (0: none)")
    args = parser.parse_args(argv)
    docs = load(args.data)
    mentions = extract_all(docs)
    extra = [corpus_stream(args.corpus)] + ([generated_stream(args.generated)] if args.generated else [])
    cv = cross_validate(docs, mentions, extra, args.orders, args.folds) if args.folds else {}
    weights, bias = fit(ecb_streams(docs, mentions, args.orders) + extra)
    threshold, f1 = best_threshold(docs, mentions, weights, bias)
    counts = Counter(m[0].event_type.plover == "OTHER" for m in mentions.values() if m)
    args.out.write_text(json.dumps({
        "weights": {name: round(w, 4) for name, w in zip(FEATURES, weights, strict=True)}, "bias": round(bias, 4),
        "threshold": threshold,
        "fitted": {"command": shlex.join(["newsflow-train-clusterer", *(sys.argv[1:] if argv is None else argv)]),
                   "commit": results.commit(), "model": f"scikit-learn LogisticRegression(C={REGULARISATION})",
                   "data": ["ECB+ 1.0 topics 1-35 (Cybulska & Vossen 2014, CC BY 3.0), ../shared/eval/ecbplus_dev",
                            f"{args.corpus.name}: the project's own event corpus",
                            f"the benchmark's generated corpus: {args.generated} articles, seed "
                            f"{generated.TRAIN_SEED} (services/bench/corpus.py, fictional)"],
                   "untyped_reports": counts[True], "training_f1": round(f1, 4), "cross_validation": cv},
    }, indent=2) + "\n")
    print(f"threshold {threshold}, training B-cubed F1 {f1:.4f}; cross-validated by topic {cv.get('mean_f1')}")
    return 0
