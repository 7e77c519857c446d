"""The actor scan: every token window of a text tried longest first, most rejected before a full match.

The plain scan would compute ``name_key`` for every window of up to MAX_WORDS tokens
from every token that can start a name. Here each token is folded once; a window's
key is joined from its tokens' folds (exactly ``name_key`` of the window when only
spaces separate them) and must key an alias or agent, or its singular an agent,
before the lexicon's full match runs; and windows stop growing once their key begins
no known key. The answer equals the plain scan's (tests/unit/extractor/test_actor_scan.py).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

from services.extractor.normalize import ARTICLES, CACHE_SIZE, collapse, fold, key_of_folded, name_key
from services.extractor.patterns import TOKEN

POSSESSIVE = ("'s", "’s")
MAX_WORDS = 8
T = TypeVar("T")


@lru_cache(maxsize=CACHE_SIZE)
def folded_words(word: str) -> tuple[str, ...]:
    """A token's folded words (usually one; "al-Sham" gives two)."""
    return tuple(fold(word).split())


def singular(word: str) -> str:
    """A rough English singular for agent nouns (militants → militant, militiamen → militiaman)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


class ActorScan:
    """Window search over a text for a lexicon: first-word reach, known keys, caches per word and window."""

    def __init__(self, starts: dict[str, int], names: set[str], agents: set[str]) -> None:
        """Keep the first-word index (key → most tokens of a name starting so) and the alias and agent keys."""
        self._starts = starts
        self._names = names | agents
        self._agents = agents
        self._keys = sorted(self._names)
        self._longest_cache: dict[str, int] = {}
        self._word_cache: dict[str, bool] = {}
        self._words_cache: dict[tuple[str, ...], bool] = {}
        self._begins_cache: dict[str, bool] = {}
        self._last: tuple[str | None, list[object]] = (None, [])

    def find(self, text: str, match: Callable[[str, int, int], T | None]) -> list[T]:
        """What ``match`` finds, longest window first, left to right; the last text's answer is kept (the
        extractor asks before parsing and ``build_cast`` again after)."""
        last_text, last_found = self._last  # one read: another thread may replace it
        if text == last_text:
            return list(last_found)  # type: ignore[arg-type]
        tokens = [(m.start(), m.end() - 2 * m.group(0).endswith(POSSESSIVE)) for m in TOKEN.finditer(text)]
        words = [text[start:end] for start, end in tokens]
        folds = [folded_words(word) for word in words]
        spaced = [text[tokens[k][1] : tokens[k + 1][0]].isspace() for k in range(len(tokens) - 1)]
        longest = [self._longest(word) for word in words]
        found: list[T] = []
        i = 0
        while i < len(tokens):
            limit = min(longest[i], MAX_WORDS, len(tokens) - i)
            for n in range(self._reach(folds, spaced, i, limit) if limit > 1 else limit, 0, -1):
                start, end = tokens[i][0], tokens[i + n - 1][1]
                phrase = text[start:end]
                if n == 1:  # a token holds no bracket or newline
                    may = self._word_may_name(phrase)
                elif "(" in phrase or ")" in phrase or "\n" in phrase:
                    continue
                elif all(spaced[i : i + n - 1]):
                    may = self._words_may_name(sum(folds[i : i + n], ()))
                else:
                    may = self._may_name(phrase, fold(phrase).split())
                hit = match(text, start, end) if may else None
                if hit is not None:
                    found.append(hit)
                    i += n
                    break
            else:
                i += 1
        self._last = (text, list(found))
        return found

    def _longest(self, word: str) -> int:
        """The most tokens of any name that can start with this word (0: none)."""
        longest = self._longest_cache.get(word)
        if longest is None:
            if len(self._longest_cache) >= CACHE_SIZE:
                self._longest_cache.clear()
            longest = max(self._starts.get(name_key(word), 0), self._starts.get(name_key(singular(word.lower())), 0))
            self._longest_cache[word] = longest
        return longest

    def _reach(self, folds: list[tuple[str, ...]], spaced: list[bool], i: int, limit: int) -> int:
        """The longest window from token i, up to ``limit``, whose key can still begin a known key: past the
        first n tokens (one of them not an article, spaces between them) whose key begins none, none can.
        A trailing "o" is left out of the prefix, since "ou" across the next token becomes "u"."""
        joined = ""
        for n in range(1, limit):
            if n > 1 and not spaced[i + n - 2]:
                return limit  # a possessive or punctuation changes the fold across the gap: no pruning
            joined += "".join(w for w in folds[i + n - 1] if w not in ARTICLES)
            if joined and not self._begins_key(joined):
                return n
        return limit

    def _begins_key(self, joined: str) -> bool:
        """Whether some alias or agent key begins with the key of these joined folded words, cached."""
        begins = self._begins_cache.get(joined)
        if begins is None:
            if len(self._begins_cache) >= CACHE_SIZE:
                self._begins_cache.clear()
            prefix = collapse(joined[:-1] if joined[-1] == "o" else joined)
            at = bisect.bisect_left(self._keys, prefix)
            begins = self._begins_cache[joined] = at < len(self._keys) and self._keys[at].startswith(prefix)
        return begins

    def _word_may_name(self, word: str) -> bool:
        """``_may_name`` of a one-token window, cached per word."""
        may = self._word_cache.get(word)
        if may is None:
            if len(self._word_cache) >= CACHE_SIZE:
                self._word_cache.clear()
            may = self._word_cache[word] = self._may_name(word, list(folded_words(word)))
        return may

    def _words_may_name(self, words: tuple[str, ...]) -> bool:
        """``_may_name`` of a window of several tokens with only spaces between them, cached per folded words
        (such a phrase holds no ``,;:`` and is no one-word people name, so its words decide)."""
        may = self._words_cache.get(words)
        if may is None:
            if len(self._words_cache) >= CACHE_SIZE:
                self._words_cache.clear()
            may = self._words_cache[words] = self._may_name(" ", list(words))
        return may

    def _may_name(self, phrase: str, words: list[str]) -> bool:
        """Cheap necessary condition for the lexicon's match: the phrase's folded words key an alias or an
        agent (or its singular an agent), or it is one capitalised word in -s (a people: "Kenyans")."""
        if not words or "," in phrase or ";" in phrase or ":" in phrase:
            return False
        key = key_of_folded(words)
        if key in self._names:
            return True
        if key_of_folded([*words[:-1], singular(words[-1])]) in self._agents:
            return True
        return " " not in phrase and phrase[-1:] == "s" and phrase[:1].isupper()
