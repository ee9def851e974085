# SPDX-License-Identifier: MIT
"""A byte-level mutator: random edits of a seed, biased towards what breaks parsers.

No hypothesis here: a :class:`random.Random` drives everything, so a seed gives the same
inputs on every run. Each mutation applies one to four edits, chosen by weight: flip or
insert bytes, insert an interesting token (huge numbers, edge dates, control and
bidirectional characters, quotes, brackets, keywords of the grammar), delete or duplicate a
range, swap, repeat or drop lines, change every line end, splice a piece of another seed,
nest brackets deeply, make a line very long, truncate.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

#: The largest input the harness makes; larger ones are cut back to this size.
MAX_SIZE = 1_000_000

# fmt: off
NUMBERS = [
    "0", "1", "00", "13", "29", "30", "31", "32", "59", "60", "366", "999", "1000", "9998",
    "9999", "10000", "10001", "65535", "2147483647", "2147483648", "4294967296",
    "9223372036854775808", "9" * 30, "9" * 4301, "1" + "0" * 5000, "٣", "１２", "߂",
]
DATES = [
    "0001-01-01", "0001-01-02", "0999-12-31", "1000-01-01", "2003-12-31", "2004-01-01",
    "2010-02-28", "2010-02-29", "2012-02-29", "2010-13-01", "2010-00-10", "2010-04-31",
    "2026-12-31", "2027-01-01", "9998-12-31", "9999-12-30", "9999-12-31", "2010-1-1",
    "10000-01-01", "0000-01-01",
]
TEXT = [
    "\x00", "\r", "\r\n", "\n\r", "\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028",
    "\u2029", "\u202e", "\u200b", "\ufeff", "\t", "\u3000", "\xa0", '"', "“", "”", "「", "」",
    "'", ",", "，", "、", ":", "：", "#", "\\", "[", "]", "{", "}", "=cmd|'/c calc'!A1",
    "+1", "-1", "@x", "\x1b[31m", "%s", "{}", "\u0301", "𠀀", "🙂", ";", "null", "true",
    "\n  ", "\n    ", "\n\n", "  ", "-", "_", "/", "..",
]
BAD_BYTES = [b"\xff", b"\xfe", b"\xc3", b"\xed\xa0\x80", b"\xe4\xb8", b"\x80", b"\xef\xbb\xbf"]
# fmt: on
_DIGITS = re.compile(rb"\d+")
_DATE = re.compile(rb"\d{4}-\d{2}-\d{2}")
_LINE_ENDS = [b"\r", b"\r\n", "\u2028".encode(), b"\n\n", "\x85".encode()]


class Mutator:
    """Random edits of byte strings.

    Args:
        rng: the source of randomness.
        words: extra tokens to insert (the grammar's keywords, ids of the examples).
        seeds: other inputs to splice pieces from.
    """

    def __init__(self, rng: random.Random, words: Sequence[str], seeds: Sequence[bytes]) -> None:
        self.rng = rng
        self.tokens = [t.encode() for t in (*NUMBERS, *DATES, *TEXT, *words)] + BAD_BYTES
        self.seeds = list(seeds)
        self._edits: list[tuple[int, Callable[[bytes], bytes]]] = [
            (6, self.flip),
            (14, self.insert_token),
            (6, self.delete),
            (4, self.duplicate),
            (10, self.number),
            (8, self.date),
            (6, self.swap_lines),
            (3, self.repeat_line),
            (3, self.drop_line),
            (2, self.line_ends),
            (4, self.splice),
            (2, self.nest),
            (1, self.long_line),
            (2, self.truncate),
            (2, self.indent),
        ]
        self._total = sum(w for w, _ in self._edits)

    def mutate(self, data: bytes) -> bytes:
        """One to four edits of *data*, cut back to :data:`MAX_SIZE`."""
        for _ in range(self.rng.choice((1, 1, 1, 2, 2, 3, 4))):
            data = self._pick()(data)
        return data[:MAX_SIZE]

    def _pick(self) -> Callable[[bytes], bytes]:
        n = self.rng.randrange(self._total)
        for weight, edit in self._edits:
            if n < weight:
                return edit
            n -= weight
        raise AssertionError("unreachable")

    def _pos(self, data: bytes) -> int:
        return self.rng.randrange(len(data) + 1)

    def _range(self, data: bytes, most: int = 64) -> tuple[int, int]:
        start = self._pos(data)
        return start, min(len(data), start + self.rng.randint(1, most))

    # ------------------------------------------------------------------ edits

    def flip(self, data: bytes) -> bytes:
        if not data:
            return bytes([self.rng.randrange(256)])
        i = self.rng.randrange(len(data))
        return data[:i] + bytes([self.rng.randrange(256)]) + data[i + 1 :]

    def insert_token(self, data: bytes) -> bytes:
        i = self._pos(data)
        return data[:i] + self.rng.choice(self.tokens) + data[i:]

    def delete(self, data: bytes) -> bytes:
        a, b = self._range(data)
        return data[:a] + data[b:]

    def duplicate(self, data: bytes) -> bytes:
        a, b = self._range(data, 200)
        i = self._pos(data)
        return data[:i] + data[a:b] + data[i:]

    def number(self, data: bytes) -> bytes:
        found = list(_DIGITS.finditer(data))
        if not found:
            return self.insert_token(data)
        m = self.rng.choice(found)
        return data[: m.start()] + self.rng.choice(NUMBERS).encode() + data[m.end() :]

    def date(self, data: bytes) -> bytes:
        found = list(_DATE.finditer(data))
        if not found:
            return self.number(data)
        m = self.rng.choice(found)
        return data[: m.start()] + self.rng.choice(DATES).encode() + data[m.end() :]

    def _lines(self, data: bytes) -> list[bytes]:
        return data.split(b"\n")

    def swap_lines(self, data: bytes) -> bytes:
        lines = self._lines(data)
        i, j = self.rng.randrange(len(lines)), self.rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return b"\n".join(lines)

    def repeat_line(self, data: bytes) -> bytes:
        lines = self._lines(data)
        i = self.rng.randrange(len(lines))
        times = self.rng.choice((2, 3, 10, 100, 2000))
        return b"\n".join(lines[:i] + [lines[i]] * times + lines[i + 1 :])

    def drop_line(self, data: bytes) -> bytes:
        lines = self._lines(data)
        del lines[self.rng.randrange(len(lines))]
        return b"\n".join(lines)

    def line_ends(self, data: bytes) -> bytes:
        return data.replace(b"\n", self.rng.choice(_LINE_ENDS))

    def splice(self, data: bytes) -> bytes:
        other = self.rng.choice(self.seeds) if self.seeds else data
        a, b = self._range(other, 400)
        i = self._pos(data)
        return data[:i] + other[a:b] + data[i:]

    def nest(self, data: bytes) -> bytes:
        opener = self.rng.choice((b"[", b'{"a":', b'["x",', b"(", b"\xe3\x80\x8c"))
        i = self._pos(data)
        return data[:i] + opener * self.rng.choice((50, 200, 1000, 3000)) + data[i:]

    def long_line(self, data: bytes) -> bytes:
        i = self._pos(data)
        piece = self.rng.choice((b"x", b"\xe5\x8a\xa1", b" ", b",", b"9", b"\t"))
        return data[:i] + piece * self.rng.choice((1000, 20_000, 200_000)) + data[i:]

    def truncate(self, data: bytes) -> bytes:
        return data[: self._pos(data)]

    def indent(self, data: bytes) -> bytes:
        lines = self._lines(data)
        i = self.rng.randrange(len(lines))
        prefix = self.rng.choice((b"\t", "\u3000".encode(), b" ", b"   ", b"\xc2\xa0", b"\x0c"))
        lines[i] = prefix + lines[i]
        return b"\n".join(lines)
