"""The attribute ruler's matching from an index instead of spaCy's Matcher.

``AttributeRuler.match`` runs the Matcher over every token for its ~180 rules; here a
rule whose first token names its lower form(s) is filed under them, the others are
evaluated once per (tag, dependency, space) and cached, and the result per token's
features is cached too. The matches (attribute id, match id, start, end) are those of
the Matcher, sorted the same way, so later rules still win.
"""

from __future__ import annotations

import re
from typing import Any

CACHE_SIZE = 1 << 16
TOKEN_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")
Spec = dict[str, Any]
Features = tuple[str, str, str, bool]
Rule = tuple[int, int, list[Spec]]  # attribute id, match id (hash of the id's string), token patterns


def spec_holds(spec: Spec, features: Features) -> bool:
    """Whether a token's (tag, lower, dep, is_space) satisfy one Matcher token pattern."""
    for name, want in spec.items():
        value = features[TOKEN_KEYS.index(name)]
        if isinstance(want, dict):
            (op, arg), = want.items()
            if op == "IN" and value not in arg:
                return False
            if op == "NOT_IN" and value in arg:
                return False
            if op == "REGEX" and not re.search(arg, str(value)):
                return False
        elif value != want:
            return False
    return True


def check_spec(spec: Spec) -> None:
    """Raise ValueError for a token pattern the index cannot evaluate."""
    for name, want in spec.items():
        if name not in TOKEN_KEYS:
            raise ValueError(f"attribute {name}")
        if isinstance(want, dict) and (len(want) != 1 or next(iter(want)) not in ("IN", "NOT_IN", "REGEX")):
            raise ValueError(f"predicate {want}")
        if name == "IS_SPACE" and not isinstance(want, bool):
            raise ValueError("IS_SPACE needs a bool")


class IndexedRules:
    """``AttributeRuler.match`` without the Matcher: the rules a token can start, cached per token features.

    A rule whose first token names its lower form(s) is indexed under them; the others are tried on a cache
    keyed without the lower form unless they test it (a regex), which are tried on every token."""

    def __init__(self, ruler: Any) -> None:
        """Read the ruler's patterns (rule i has attribute id i, as in spaCy); ValueError if one is unsupported."""
        strings = self.strings = ruler.vocab.strings
        self._features: dict[tuple[int, ...], Features] = {}
        self.by_lower: dict[str, list[Rule]] = {}
        self.general: list[Rule] = []
        self.lower_tests: list[Rule] = []
        for attr_id, rule in enumerate(ruler.patterns):
            match_id = strings.add(str(attr_id))
            for pattern in rule["patterns"]:
                if not pattern:
                    raise ValueError("empty pattern")
                for spec in pattern:
                    check_spec(spec)
                self._index((attr_id, match_id, pattern))
        self._general: dict[tuple[str, str, bool], list[Rule]] = {}
        self._starting: dict[Features, list[Rule]] = {}

    def _index(self, rule: Rule) -> None:
        """File a rule under the lower forms its first token requires, or with the general rules."""
        lower = rule[2][0].get("LOWER")
        if isinstance(lower, str):
            self.by_lower.setdefault(lower, []).append(rule)
        elif isinstance(lower, dict) and "IN" in lower:
            for word in lower["IN"]:
                self.by_lower.setdefault(word, []).append(rule)
        elif lower is None:
            self.general.append(rule)
        else:
            self.lower_tests.append(rule)

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        """(attribute id, match id, start, end) of every rule match, sorted so later rules win, as spaCy's."""
        features = [self.features(row) for row in doc.to_array(TOKEN_KEYS).tolist()] if len(doc) else []
        matches = []
        for i, token in enumerate(features):
            for attr_id, match_id, pattern in self.starting(token):
                end = i + len(pattern)
                if end <= len(features) and all(spec_holds(s, features[i + k]) for k, s in enumerate(pattern[1:], 1)):
                    matches.append((attr_id, match_id, i, end))
        matches.sort()
        return matches

    def features(self, row: list[int]) -> Features:
        """A token's (tag, lower, dep, is_space) from its attribute ids, cached per ids."""
        found = self._features.get(tuple(row))
        if found is None:
            if len(self._features) >= CACHE_SIZE:
                self._features.clear()
            tag, lower, dep, space = row
            strings = self.strings
            found = self._features[tuple(row)] = (strings[tag], strings[lower], strings[dep], bool(space))
        return found

    def starting(self, features: Features) -> list[Rule]:
        """Rules whose first token pattern these features satisfy."""
        found = self._starting.get(features)
        if found is None:
            if len(self._starting) >= CACHE_SIZE:
                self._starting.clear()
            tag, lower, dep, space = features
            general = self._general.get((tag, dep, space))
            if general is None:
                general = self._general[(tag, dep, space)] = [r for r in self.general if spec_holds(r[2][0], features)]
            found = self._starting[features] = general + [
                r for r in [*self.by_lower.get(lower, []), *self.lower_tests] if spec_holds(r[2][0], features)
            ]
        return found
