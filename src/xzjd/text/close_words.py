# SPDX-License-Identifier: MIT
"""The closest known word to a misspelt one, among many words, in bounded time.

``difflib.get_close_matches`` compares the word with every choice: 166 ms for one unknown
agency id against 10,000 ids, 1.5 s against 100,000, so a file with a thousand bad rows would
take minutes before its errors are shown. With few words (up to :data:`SMALL`) :class:`CloseWords`
asks difflib about all of them, exactly as before. With many, it looks first for the words one
slip away (a character left out, added, changed, or two neighbours swapped: the slips of
typing), by making each such variant of the misspelt word and looking it up; when there is
none, it takes as candidates the words sharing the most pairs of characters with it (at most
:data:`CANDIDATES`, found through at most :data:`BUDGET` index entries). Among the candidates,
difflib chooses.

A suggestion is a help, not a promise: with many words a match difflib would have found
further away may be missed. Each distinct word is answered once.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable

__all__ = ["ALPHABET", "BUDGET", "CANDIDATES", "SMALL", "CloseWords"]

#: Up to this many words, every one is compared (exactly difflib's answer).
SMALL = 2000
#: The most words difflib compares for one query over a large set.
CANDIDATES = 64
#: The most index entries read for one query.
BUDGET = 20000
#: Characters left out, changed or added are tried only when the words use at most this many
#: distinct characters (ids in Latin letters and digits); otherwise only swaps and omissions.
ALPHABET = 128


def _pairs(word: str) -> set[str]:
    padded = f"\x02{word.casefold()}\x03"
    return {padded[i : i + 2] for i in range(len(padded) - 1)}


class CloseWords:
    """The words of a set, ready to answer "did you mean" questions."""

    def __init__(self, words: Iterable[str], *, cutoff: float = 0.6) -> None:
        self.words = list(dict.fromkeys(words))
        self.cutoff = cutoff
        self._index: dict[str, list[int]] | None = None
        self._known: set[str] | None = None
        self._alphabet: str = ""
        self._answers: dict[str, str | None] = {}

    def best(self, word: str) -> str | None:
        """The known word closest to *word*, or ``None`` when none is close enough."""
        if word in self._answers:
            return self._answers[word]
        if len(self.words) <= SMALL:
            found = difflib.get_close_matches(word, self.words, n=1, cutoff=self.cutoff)
        else:
            near = self._one_slip(word) or self._candidates(word)
            found = difflib.get_close_matches(word, near, n=1, cutoff=self.cutoff)
        answer = found[0] if found else None
        self._answers[word] = answer
        return answer

    def _one_slip(self, word: str) -> list[str]:
        """The known words one typing slip away from *word*."""
        known = self._known
        if known is None:
            known = self._known = set(self.words)
            letters = {ch for w in self.words for ch in w}
            self._alphabet = "".join(sorted(letters)) if len(letters) <= ALPHABET else ""
        n = len(word)
        variants = {word[:i] + word[i + 1 :] for i in range(n)}
        variants.update(word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(n - 1))
        for ch in self._alphabet:
            variants.update(word[:i] + ch + word[i + 1 :] for i in range(n))
            variants.update(word[:i] + ch + word[i:] for i in range(n + 1))
        variants.discard(word)
        return sorted(variants & known)

    def _candidates(self, word: str) -> list[str]:
        index = self._index
        if index is None:
            index = self._index = {}
            for i, known in enumerate(self.words):
                for pair in _pairs(known):
                    index.setdefault(pair, []).append(i)
        postings = sorted((index.get(p, []) for p in _pairs(word)), key=len)
        shared: Counter[int] = Counter()
        budget = BUDGET
        for posting in postings:
            if not posting:
                continue
            if len(posting) > budget:
                break  # the commonest pairs say little and cost the most
            shared.update(posting)
            budget -= len(posting)
        return [self.words[i] for i, _ in shared.most_common(CANDIDATES)]
