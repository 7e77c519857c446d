"""Article-body extraction scored as in scrapinghub/article-extraction-benchmark (4-gram shingles, macro P/R).

Per page: `\\w+` tokens, counts of 4-token shingles (a text of one to three tokens is one shingle),
TP = Σ min(counts), FP and FN the excess on each side, all divided by TP + FP + FN. Precision and
recall are 1 when FP = FN = 0; a page with TP + FP = 0 is left out of the precision mean, one with
TP + FN = 0 out of the recall mean. F1 = 2PR / (P + R) over the macro-averaged P and R.
"""

from __future__ import annotations

import ast
import gzip
import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

TOKEN = re.compile(r"\w+")
SHINGLE_SIZE = 4


@dataclass(frozen=True)
class Score:
    """Macro-averaged precision, recall and F1 over a set of pages."""

    precision: float
    recall: float
    f1: float
    pages: int


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Counts of the text's `size`-token shingles (a shorter, non-empty text is one shingle)."""
    tokens = TOKEN.findall(text or "")
    if 0 < len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def page_counts(true: str, predicted: str) -> tuple[float, float, float]:
    """(TP, FP, FN) of one page, normalised by their sum."""
    true_counts, predicted_counts = shingles(true), shingles(predicted)
    tp = sum((true_counts & predicted_counts).values())
    fp = sum((predicted_counts - true_counts).values())
    fn = sum((true_counts - predicted_counts).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def page_precision_recall(true: str, predicted: str) -> tuple[float | None, float | None]:
    """Precision and recall of one page; None where the benchmark leaves the page out of that mean."""
    tp, fp, fn = page_counts(true, predicted)
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp > 0 else None
    recall = tp / (tp + fn) if tp + fn > 0 else None
    return precision, recall


def score(truth: Mapping[str, str], predicted: Mapping[str, str]) -> Score:
    """Macro P/R/F1 of `predicted` bodies against `truth` (a page missing from `predicted` is empty)."""
    precisions: list[float] = []
    recalls: list[float] = []
    for page_id, true in truth.items():
        precision, recall = page_precision_recall(true, predicted.get(page_id, ""))
        if precision is not None:
            precisions.append(precision)
        if recall is not None:
            recalls.append(recall)
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return Score(p, r, 2 * p * r / (p + r) if p + r else 0.0, len(truth))


def load_truth(benchmark: Path) -> dict[str, str]:
    """{page id: true article body} from ground-truth.json."""
    data = json.loads((benchmark / "ground-truth.json").read_text(encoding="utf-8"))
    return {page_id: item.get("articleBody") or "" for page_id, item in data.items()}


def load_html(benchmark: Path, page_id: str) -> str:
    """The page's HTML (UTF-8, gzipped in the benchmark)."""
    return gzip.decompress((benchmark / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8", "replace")


def load_reference(path: Path) -> tuple[dict[str, str], str | None]:
    """({page id: body}, tool version) from one reference output; bodies may be dicts or their Python repr."""
    data = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    version = data.get("version") if isinstance(data.get("version"), str) else None
    outputs = data["output"] if isinstance(data.get("output"), dict) else data
    return {page_id: _body(item) for page_id, item in outputs.items()}, version


def _body(item: object) -> str:
    """The articleBody of one reference item: a dict, a repr of a dict, or a bare string."""
    if isinstance(item, str):
        try:
            item = ast.literal_eval(item) if item.startswith("{") else item
        except (ValueError, SyntaxError):
            return item
    if isinstance(item, dict):
        return str(item.get("articleBody") or "")
    return item if isinstance(item, str) else ""
