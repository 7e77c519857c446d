"""Normalizer stage: RawArticle → Article (clean text, captions, dates, language, canonical URL).

The pure logic lives in `transform.normalise` and the modules it calls; `agents` wires it to Kafka.
"""

from services.normalizer.transform import NormalisationError, normalise

__all__ = ["NormalisationError", "normalise"]
