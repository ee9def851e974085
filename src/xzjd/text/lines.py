# SPDX-License-Identifier: MIT
"""Lines of an input file: one definition of a line, and positions found without rescanning.

**A line ends at** ``\\n``, ``\\r\\n`` **or a lone** ``\\r``, and at nothing else. That is
what the rules parser sees (:func:`xzjd.language.parser.prepare` turns ``\\r\\n`` and ``\\r`` into
``\\n``), what the :mod:`csv` module and Python's universal newlines treat as line ends, and
what JSON allows as white space. The other characters that :meth:`str.splitlines` breaks at
(``\\f``, ``\\v``, ``\\x1c``-``\\x1e``, ``\\x85``, U+2028, U+2029) are ordinary characters of
the line they are on. Every reader of xzjd (rules files, agencies, filings and events in CSV
or JSON, read from a path or from an open file, calendar files) numbers lines this way, so a
diagnostic quotes the line it points at.

:class:`LineIndex` holds the offsets where the lines of a text start, built in one pass the
first time a position is asked for; a position is then a binary search and a line's text a
slice, so a file with a hundred thousand diagnostics is not split a hundred thousand times.
"""

from __future__ import annotations

import re
import threading
import weakref
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate, repeat
from operator import add
from typing import IO

__all__ = ["BLOCK_SIZE", "LineIndex", "byte_lines", "byte_position", "lines_of"]

_BREAK = re.compile(r"\r\n?|\n")

#: Bytes read at a time by :func:`byte_lines`.
BLOCK_SIZE = 1 << 16


class LineIndex:
    """The line starts of *text*, for positions and line texts in logarithmic time.

    Lines are numbered from 1 and columns count characters from 1. A text that ends with a
    line break has an empty last line after it (as ``text.split("\\n")`` would), so the
    position just past the end of the text is always a valid one.
    """

    __slots__ = ("_last", "_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: array[int] | None = None
        self._last: tuple[int, str] = (0, "")

    @property
    def starts(self) -> array[int]:
        """The offset of the first character of each line (built on first use)."""
        starts = self._starts
        if starts is None:
            text = self.text
            if "\r" in text:
                starts = array("q", [0])
                starts.extend(m.end() for m in _BREAK.finditer(text))
            else:
                # Each line's length plus its "\n", summed up: C-level all the way.
                lengths = map(len, text.split("\n"))
                starts = array("q", accumulate(map(add, lengths, repeat(1)), initial=0))
                starts.pop()  # the sum past the last line is not a line start
            self._starts = starts
        return starts

    @property
    def line_count(self) -> int:
        """The number of lines, counting the empty one after a final line break."""
        return len(self.starts)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of character *offset* (clamped to the text)."""
        offset = min(max(offset, 0), len(self.text))
        starts = self.starts
        line = bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def line_start(self, line: int) -> int:
        """The offset where 1-based line *line* starts."""
        return self.starts[line - 1]

    def line_text(self, line: int) -> str | None:
        """The text of 1-based line *line* without its line break; ``None`` if there is none.

        The last line asked for is kept, so the records of a file written on one line
        (a JSON array without line breaks) share one string instead of a copy each.
        """
        if self._last[0] == line and line:
            return self._last[1]
        starts = self.starts
        if not 1 <= line <= len(starts):
            return None
        text = self.text
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(text)
        if end > start and text[end - 1] == "\n":
            end -= 1
        if end > start and text[end - 1] == "\r":
            end -= 1
        found = text[start:end]
        self._last = (line, found)
        return found

    def lines(self) -> Iterator[str]:
        """Every line's text in order, without the empty line after a final line break."""
        starts = self.starts
        count = len(starts) - (starts[-1] == len(self.text))
        for line in range(1, count + 1):
            found = self.line_text(line)
            assert found is not None
            yield found


_OWNED: dict[int, LineIndex] = {}
_OWNED_LOCK = threading.Lock()


def lines_of(owner: object, text: str) -> LineIndex:
    """The line index of *text*, kept as long as *owner* (a ruleset, say) lives.

    For code that quotes lines of the same text from many places, one diagnostic at a time:
    the index is built once, not once per diagnostic, and is dropped with its owner.
    """
    key = id(owner)
    with _OWNED_LOCK:
        found = _OWNED.get(key)
        if found is None or found.text is not text:
            found = _OWNED[key] = LineIndex(text)
            weakref.finalize(owner, _forget, key, found)
    return found


def _forget(key: int, index: LineIndex) -> None:
    with _OWNED_LOCK:
        if _OWNED.get(key) is index:
            del _OWNED[key]


def byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line of byte *offset* in *raw* and the offset where that line starts."""
    before = raw[:offset]
    line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
    start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
    return line, start


def byte_lines(handle: IO[bytes], block_size: int = BLOCK_SIZE) -> Iterator[bytes]:
    """The lines of a binary file without their line breaks, reading a block at a time.

    Lines end as in :class:`LineIndex`; a file that ends with a line break has no empty
    line after it. Only one block and the line in progress are held, so a file with
    carriage returns only is read in bounded pieces like any other.
    """
    pending: list[bytes] = []  # the start of a line that runs past the blocks read so far
    while True:
        block = handle.read(block_size)
        if not block:
            break
        # A "\r" at the very end may be the first half of a "\r\n": leave it for later.
        end = len(block) - 1 if block.endswith(b"\r") else len(block)
        cut = max(block.rfind(b"\n", 0, end), block.rfind(b"\r", 0, end))
        if cut < 0:
            pending.append(block)
            continue
        head = block[: cut + 1]
        if pending:
            pending.append(head)
            head = b"".join(pending)
            pending = []
        yield from head.splitlines()  # bytes break at \n, \r\n and \r only
        if cut + 1 < len(block):
            pending.append(block[cut + 1 :])
    if pending:
        yield from b"".join(pending).splitlines()
