"""`newsflow-eval-dedup`: near-duplicate precision and recall on the generated labelled pairs, and state cost.

Each pair goes through the streaming logic itself: the first article is put
in the LSH buckets of its band keys, the second probes its own; the pair is
predicted a duplicate when a probe returns the first article as a candidate
(a band matched and the band's sketch passed the prefilter) and the
similarity of the full digests, as the decision partition verifies it,
reaches the threshold.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import uuid
from collections import Counter
from pathlib import Path

from services.common.settings import PipelineSettings
from services.dedup import lsh
from services.dedup.minhash import BANDS, DIGEST_BITS, NUM_PERM, ROWS, SHINGLE_WORDS, band_keys, digest, text_signature
from services.dedup.signatures import UNDECIDED, Signature
from services.eval import results
from services.eval.neardup_corpus import Pair, Story, labelled_pairs
from services.eval.neardup_memory import measure

RESULTS = Path("bench/results/eval_neardup.json")
FLOORS = Path("bench/floors.json")


def _entry(story: Story, seen_at: int) -> tuple[lsh.Entry, list[bytes]]:
    sig = text_signature(story.text)
    return lsh.Entry(str(uuid.uuid5(uuid.NAMESPACE_URL, story.story_id)), seen_at, digest(sig)), band_keys(sig)


def predicted(pair: Pair, threshold: float) -> bool:
    """True when the second article of the pair is found to be a near duplicate of the first."""
    first, first_keys = _entry(pair.a, 1000)
    second, second_keys = _entry(pair.b, 1001)
    buckets = {key: lsh.probe(None, first, 1000, 86400.0, threshold, band=band)[1]
               for band, key in enumerate(first_keys)}
    candidate = any(first.article_id in lsh.probe(buckets.get(key), second, 1001, 86400.0, threshold, band=band)[0]
                    for band, key in enumerate(second_keys))
    return candidate and Signature(first.seen_at, UNDECIDED, first.digest).similarity(second.digest) >= threshold


def score(pairs: list[Pair], threshold: float) -> dict[str, float]:
    """Precision, recall, F1 and the confusion counts (errors per way the pair was made)."""
    outcome: Counter[tuple[bool, bool]] = Counter()
    errors: Counter[str] = Counter()
    for pair in pairs:
        guess = predicted(pair, threshold)
        outcome[(pair.duplicate, guess)] += 1
        if guess != pair.duplicate:
            errors[("missed " if pair.duplicate else "false ") + pair.kind] += 1
    tp, fp, fn = outcome[(True, True)], outcome[(False, True)], outcome[(True, False)]
    precision, recall = tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pairs": len(pairs), "positives": tp + fn, "negatives": len(pairs) - tp - fn, "tp": tp, "fp": fp,
            "fn": fn, "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "errors": dict(sorted(errors.items()))}  # type: ignore[dict-item]


def main(argv: list[str] | None = None) -> int:
    """Score, print, write the results file; exit 1 when a figure is below its floor or the state above its max."""
    parser = argparse.ArgumentParser(prog="newsflow-eval-dedup", description=__doc__)
    parser.add_argument("--threshold", type=float, default=PipelineSettings().dedup_near_threshold)
    parser.add_argument("--seed", type=int, default=4, help="seed of the generated pair set")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--floors", type=Path, default=FLOORS)
    args = parser.parse_args(argv)
    figures = score(labelled_pairs(args.seed), args.threshold)
    memory = measure()
    print(f"near-duplicates: precision {figures['precision']:.4f}  recall {figures['recall']:.4f}  "
          f"F1 {figures['f1']:.4f}  at threshold {args.threshold}  ({figures['pairs']} pairs, "
          f"{figures['positives']} positive; errors {figures['errors'] or 'none'})")
    for case, label in (("window", "on the eval window"), ("worst", "worst case (no shared bucket)")):
        m = memory[case]
        print(f"dedup state per article {label}: {m['total_serialized_bytes_per_article']} bytes serialized "
              f"= {m['near_serialized_bytes_per_article']} LSH + {m['signature_serialized_bytes_per_article']} "
              f"signatures + {m['exact_serialized_bytes_per_article']} exact (URL + content hash); "
              f"{m['total_in_process_bytes_per_article']} bytes in process")
    result = {"command": "newsflow-eval-dedup " + " ".join(sys.argv[1:] if argv is None else argv),
              "commit": results.commit() or "unknown", "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
              "threshold": args.threshold, "seed": args.seed,
              "parameters": {"shingle_words": SHINGLE_WORDS, "num_perm": NUM_PERM, "bands": BANDS, "rows": ROWS,
                             "digest_bits": DIGEST_BITS, "sketch_bits": 8 * lsh.SKETCH_BYTES,
                             "sketch_min_agreement": lsh.min_agreement(args.threshold)},
              **figures, "memory": memory}
    results.write_results(args.out, result)
    floors = results.read_floors(args.floors)
    below = [f"{name} {figures[name]} < floor {floors[f'neardup_{name}']}" for name in ("precision", "recall")
             if f"neardup_{name}" in floors and figures[name] < floors[f"neardup_{name}"]]
    for case in ("window", "worst"):
        state = memory[case]["total_serialized_bytes_per_article"]
        if "dedup_state_bytes_max" in floors and state > floors["dedup_state_bytes_max"]:
            below.append(f"dedup state ({case}) {state} bytes per article > max {floors['dedup_state_bytes_max']}")
    for line in below:
        print("below floor:", line, file=sys.stderr)
    return 1 if below else 0


if __name__ == "__main__":
    raise SystemExit(main())
