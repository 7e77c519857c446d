"""A labelled near-duplicate pair set, generated deterministically from the project's fictional templates."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from services.eval import neardup_templates as t

FILLS_PER_TEMPLATE = 3
COPIES_PER_BASE = 6
SAME_TEMPLATE_NEGATIVES = 2


@dataclass(frozen=True)
class Story:
    """A generated article: id, headline, paragraphs."""

    story_id: str
    title: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        """The body as newsflow stores it: paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Pair:
    """Two stories and whether they are near-duplicates; ``kind`` says how the pair was made."""

    a: Story
    b: Story
    duplicate: bool
    kind: str


def _fill(rng: random.Random) -> dict[str, str]:
    person, pronoun = rng.choice(t.PEOPLE)
    return {"town": rng.choice(t.TOWNS), "country": rng.choice(t.COUNTRIES), "org": rng.choice(t.ORGS),
            "person": person, "pronoun": pronoun, "cap_pronoun": pronoun.capitalize(), "river": rng.choice(t.RIVERS),
            "product": rng.choice(t.PRODUCTS), "day": rng.choice(t.DAYS), "nth": rng.choice(t.NTH),
            "n1": str(rng.randint(12, 9000)), "n2": str(rng.randint(2, 40))}


def _story(story_id: str, topic: str, paragraphs: list[str], fill: dict[str, str]) -> Story:
    lede = paragraphs[0].format(**fill)
    title = f"{topic.capitalize()} in {fill['town']}: " + " ".join(lede.split()[:7])
    return Story(story_id, title, tuple(p.format(**fill) for p in paragraphs))


def base_stories(rng: random.Random) -> dict[tuple[str, int], list[Story]]:
    """Per (topic, template): FILLS_PER_TEMPLATE stories about different happenings."""
    out: dict[tuple[str, int], list[Story]] = {}
    for topic, templates in t.TEMPLATES.items():
        fills = [_fill(rng) for _ in range(FILLS_PER_TEMPLATE)]
        for index, paragraphs in enumerate(templates):
            out[(topic, index)] = [_story(f"{topic}-{index}-{n}", topic, paragraphs, fill)
                                   for n, fill in enumerate(fills)]
    return out


def _substitute(paragraphs: list[str], rng: random.Random) -> list[str]:
    chosen = rng.sample(sorted(t.SUBSTITUTIONS), 3)
    out = paragraphs
    for word in chosen:
        out = [re.sub(rf"\b{word}\b", t.SUBSTITUTIONS[word], p, count=1) for p in out]
    return out


EDITS = ("header", "footer", "headline", "cut", "add", "substitute")


def edited_copy(story: Story, rng: random.Random, copy: int) -> tuple[Story, str]:
    """A syndicated or lightly edited copy: one to three controlled edits; returns the copy and the edits made."""
    edits = sorted(rng.sample(EDITS, rng.randint(1, 3)))
    paragraphs, title = list(story.paragraphs), story.title
    for edit in edits:
        if edit == "header":
            paragraphs.insert(0, rng.choice(t.HEADERS))
        elif edit == "footer":
            paragraphs.append(rng.choice(t.FOOTERS))
        elif edit == "headline":
            title = "UPDATE: " + " ".join(reversed(title.split()[:6]))
        elif edit == "cut":
            del paragraphs[rng.randrange(1, len(paragraphs))]
        elif edit == "add":
            paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), rng.choice(t.EXTRA_PARAGRAPHS))
        else:
            paragraphs = _substitute(paragraphs, rng)
    return Story(f"{story.story_id}~{copy}", title, tuple(paragraphs)), "+".join(edits)


def labelled_pairs(seed: int = 4) -> list[Pair]:
    """Positives (edited copies) and negatives (same template other happening, same topic, other topic)."""
    rng = random.Random(seed)
    bases = base_stories(rng)
    keys = sorted(bases)
    pairs: list[Pair] = []
    for (topic, index), stories in sorted(bases.items()):
        for n, story in enumerate(stories):
            for copy in range(COPIES_PER_BASE):
                edited, how = edited_copy(story, rng, copy)
                pairs.append(Pair(story, edited, True, how))
            others = [s for s in stories if s is not story][:SAME_TEMPLATE_NEGATIVES]
            pairs += [Pair(story, edited_copy(o, rng, 9)[0], False, "same-template") for o in others]
            sibling = bases[(topic, 1 - index)][n]
            pairs.append(Pair(story, sibling, False, "same-topic"))
            other_key = rng.choice([k for k in keys if k[0] != topic])
            pairs.append(Pair(story, rng.choice(bases[other_key]), False, "other-topic"))
    return pairs
