# SPDX-License-Identifier: MIT
"""CSV lines read as bytes: the cells of a block found, checked and coded with numpy.

The fast path of :mod:`xzjd.facts.column_reading` for a file given by path. A block of a few
MB of whole lines is taken as it is in the file, without a Python string a line or a cell:

* **The cells** (:func:`grid`): the offsets of every comma and line break (one pass of numpy
  over the bytes). The block is of the usual kind when it has no double quote, no carriage
  return and no zero byte, and every line has exactly the header's number of commas (then
  every ``width``-th separator is a line break); otherwise ``None``, and the block is read
  as text.
* **A column's cells as keys**: a cell's bytes, zero-padded to whole 8-byte words, read as
  unsigned integers straight from the block (one array a word). As no cell holds a zero
  byte, the key is the cell exactly: two cells have equal keys if and only if they are the
  same bytes.
  Cells of more than 64 bytes are left to the text path.
* **Codes** (:class:`ByteCodes`): a key's hash is looked up in an open-addressing table held
  in numpy arrays (a few vector operations for a whole column, however many distinct values
  it has), and every cell's key is then compared with its entry's key, word by word, so a
  collision of hashes can never give a wrong code. A key not in the table is decoded (with
  the file's codec) and checked once a file by the column's coder
  (:meth:`~xzjd.facts.column_coders.Coder.raw_code`, the check of the text path), then added.
  The codes of a raw text are the same on both paths, as both ask the same coder.

A raw byte is never part of a multi-byte character when it is a comma, a line break or a
double quote, in UTF-8 as in GB18030, so the cells found in the bytes are the cells of the
decoded text, and equal bytes are equal texts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["ByteCodes", "Grid", "grid", "id_cells", "joined_cells"]

#: Words (of 8 bytes) a cell may have on this path: cells up to 64 bytes.
WORDS = 8
_PAD = b"\0" * (8 * WORDS + 8)
_U64 = np.uint64
#: The mask of the first *i* bytes of a little-endian word, for i = 0..8.
_MASKS = np.array([(1 << (8 * i)) - 1 for i in range(9)], dtype=np.uint64)
#: Odd multipliers, one a word.
_MULS = [
    _U64(m)
    for m in (
        0x9E3779B97F4A7C15,
        0xC2B2AE3D27D4EB4F,
        0x165667B19E3779F9,
        0xD6E8FEB86659FD93,
        0xFF51AFD7ED558CCD,
        0xC4CEB9FE1A85EC53,
        0x94D049BB133111EB,
        0xBF58476D1CE4E5B9,
    )
]
_ZERO = _U64(0)
_COMMA, _NEWLINE = np.uint8(44), np.uint8(10)
#: The bytes of an ASCII id (:data:`xzjd.facts.cells.ID`: ``\w`` and ``-``) and the line break
#: that joins two.
_ID_BYTE = np.zeros(256, dtype=bool)
for _c in b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-\n":
    _ID_BYTE[_c] = True


class Grid(NamedTuple):
    """The cells of a block of CSV lines as byte offsets."""

    data: NDArray[np.uint8]  # the block's bytes, zero bytes after them
    words: NDArray[np.uint64]  # words[i]: the 8 bytes at offset i, little-endian
    ends: NDArray[np.int64]  # the separator after each cell, by line and column

    @property
    def lines(self) -> int:
        return len(self.ends)

    def column(self, at: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """The offsets and the lengths of the cells of column *at*."""
        ends = self.ends
        stop = np.ascontiguousarray(ends[:, at])
        if at:
            starts = ends[:, at - 1] + 1
        else:
            starts = np.empty(len(ends), dtype=np.int64)
            starts[0] = 0
            starts[1:] = ends[:-1, -1] + 1
        return starts, stop - starts


def grid(raw: bytes, width: int) -> Grid | None:
    """The cells of *raw*, whole lines each ending with a line break, ``width`` cells a line;
    ``None`` when the block is not of the usual kind (module docstring)."""
    if b'"' in raw or b"\r" in raw or b"\0" in raw:
        return None
    padded = raw + _PAD
    data = np.frombuffer(padded, dtype=np.uint8)
    body = data[: len(raw)]
    separators = np.flatnonzero((body == _COMMA) | (body == _NEWLINE))
    breaks = data[separators] == _NEWLINE
    n = int(np.count_nonzero(breaks))
    if n == 0 or len(separators) != n * width or not breaks[width - 1 :: width].all():
        return None
    words = np.ndarray((len(padded) - 7,), dtype="<u8", buffer=padded, strides=(1,))
    return Grid(data, words, separators.reshape(n, width))


def _words(g: Grid, starts: NDArray[np.int64], lengths: NDArray[np.int64], k: int) -> list[Any]:
    """The first *k* words of each cell (bytes past its end zero)."""
    out = []
    shortest = int(lengths.min())
    for i in range(k):
        word = g.words[starts + 8 * i if i else starts]
        if shortest < 8 * (i + 1):  # a cell ends inside the word: mask the bytes after it
            word &= _MASKS[np.clip(lengths - 8 * i, 0, 8) if i else np.minimum(lengths, 8)]
        out.append(word)
    return out


def _hash(words: list[Any]) -> NDArray[np.uint64]:
    """The hash of each key; zero words add nothing, so a key hashes the same whatever the
    number of words it is read with."""
    h: NDArray[np.uint64] = words[0] * _MULS[0]
    for word, mul in zip(words[1:], _MULS[1:], strict=False):
        h += word * mul
    return h  # a slot is the top bits of the product (multiplicative hashing)


def joined_cells(
    data: NDArray[np.uint8], starts: NDArray[np.int64], lengths: NDArray[np.int64]
) -> NDArray[np.uint8]:
    """The bytes of the cells, each followed by a line break."""
    step = lengths + 1
    ends = np.cumsum(step)
    src = np.arange(int(ends[-1]), dtype=np.int64) - np.repeat(ends - step - starts, step)
    out = data[src]
    out[ends - 1] = _NEWLINE
    return out


class Ids(NamedTuple):
    """The ids of a block: joined by line breaks, their lengths in characters, and whether
    they come in strictly ascending order (``None``: not worked out here)."""

    text: str
    lengths: NDArray[np.int64]
    ascending: bool | None


def id_cells(g: Grid, column: int, codec: str, *, order: bool) -> Ids | None:
    """The ids of column *column*, or ``None`` when one is not a good id (empty, a character
    not a letter, digit, ``_`` or ``-``, spaces around it); with *order*, whether they
    ascend."""
    starts, lengths = g.column(column)
    shortest, longest = int(lengths.min()), int(lengths.max())
    if shortest == 0:
        return None
    words: list[Any] | None = None
    if longest <= 8 * WORDS:
        words = _words(g, starts, lengths, (longest + 7) // 8)
    if words is not None and shortest == longest:
        # Ids of one length (the usual case, "F0000001"...): the bytes of the words, the
        # line breaks a last column.
        n = len(starts)
        table = np.empty((n, longest + 1), dtype=np.uint8)
        for i, word in enumerate(words):
            width = min(8, longest - 8 * i)
            table[:, 8 * i : 8 * i + width] = word.view(np.uint8).reshape(n, 8)[:, :width]
        table[:, longest] = _NEWLINE
        joined = table.reshape(-1)
    else:
        joined = joined_cells(g.data, starts, lengths)
    if int(joined.max()) >= 0x80:
        return None  # not ASCII: the text path checks the ids with the id pattern
    if not _ID_BYTE[joined].all():
        return None
    text = joined[:-1].tobytes().decode("ascii")
    ascending: bool | None = None
    if order and words is not None:
        # Big-endian words of zero-padded ids compare as the ids do (no id holds a zero
        # byte, so a shorter id that is a prefix of a longer one comes first).
        keys = [word.byteswap() for word in words]
        less = np.zeros(len(starts) - 1, dtype=bool)
        same = np.ones(len(starts) - 1, dtype=bool)
        for key in keys:
            a, b = key[:-1], key[1:]
            less |= same & (a < b)
            same &= a == b
        ascending = bool(less.all())
    return Ids(text, lengths, ascending)


class ByteCodes:
    """The codes of one column's raw cells, by their bytes (module docstring).

    *new* gives the codes of raw texts seen for the first time (``None``: the cell is bad).
    """

    __slots__ = ("count", "hashes", "key_hashes", "keys", "new", "slots", "values")

    def __init__(self, new: Callable[[list[str]], list[int | None]]) -> None:
        self.new = new
        self.slots = np.full(1 << 10, -1, dtype=np.int64)  # entry of each slot, -1: empty
        self.hashes = np.zeros(1 << 10, dtype=np.uint64)  # hash of each slot's entry
        self.count = 0  # entries
        self.keys: list[NDArray[np.uint64]] = []  # by word, by entry
        self.key_hashes = np.zeros(1 << 8, dtype=np.uint64)
        self.values = np.zeros(1 << 8, dtype=np.int64)  # the code of each entry

    def codes(self, g: Grid, column: int, codec: str) -> NDArray[np.int64] | None:
        """The codes of the cells of *column*, ``None`` when a cell is bad or too long."""
        starts, lengths = g.column(column)
        k = max(1, (int(lengths.max()) + 7) // 8)
        if k > WORDS:
            return None
        words = _words(g, starts, lengths, k)
        h = _hash(words)
        entry = self._find(h)
        missing = entry < 0
        if missing.any():
            if not self._add(g, starts, lengths, h, np.flatnonzero(missing), words, codec):
                return None
            entry[missing] = self._find(h[missing])
            if (entry < 0).any():  # two new keys of one hash
                return None
        if len(self.keys) > 1:
            # Keys of one word never share a hash (the hash of one word is a bijection);
            # once the table holds a longer key, every cell is compared with its entry.
            same = self.keys[0][entry] == words[0]
            for at, keys in enumerate(self.keys[1:], 1):
                if at < k:
                    same &= keys[entry] == words[at]
                else:  # the cells have no more words: nor may their entries
                    same &= keys[entry] == _ZERO
            if not same.all():
                return None  # a collision of hashes: the text path codes the block
        return self.values[entry]

    def _find(self, h: NDArray[np.uint64]) -> NDArray[np.int64]:
        """The entry of each hash, -1 when none."""
        slots, hashes = self.slots, self.hashes
        mask = len(slots) - 1
        shift = _U64(64 - mask.bit_length())
        at = (h >> shift).astype(np.int64)
        found = slots[at]
        # An empty slot holds entry -1 (and hash 0): a cell that lands there is missing,
        # whether its hash is 0 or not. A slot taken by another hash: look further.
        other = hashes[at] != h
        todo = np.flatnonzero(other & (found >= 0))
        found[other] = -1
        at, hh = at[todo], h[todo]
        while todo.size:
            at = (at + 1) & mask
            entry = slots[at]
            hit = hashes[at] == hh
            found[todo[hit]] = entry[hit]
            more = ~hit & (entry >= 0)
            todo, at, hh = todo[more], at[more], hh[more]
        return found

    def _add(
        self,
        g: Grid,
        starts: NDArray[np.int64],
        lengths: NDArray[np.int64],
        h: NDArray[np.uint64],
        missing: NDArray[np.int64],
        words: list[Any],
        codec: str,
    ) -> bool:
        """Add the keys of the cells *missing* (``False``: one is a bad cell)."""
        hashes, first = np.unique(h[missing], return_index=True)
        order = np.argsort(first, kind="stable")  # in the order they first occur
        hashes = hashes[order]
        cells = missing[first[order]]
        raw = joined_cells(g.data, starts[cells], lengths[cells])
        texts = raw[:-1].tobytes().decode(codec).split("\n")
        values = self.new(texts)
        if None in values:
            return False
        m = len(cells)
        start = self.count
        self._reserve(start + m, len(words))
        stop = start + m
        for word, keys in zip(words, self.keys, strict=False):
            keys[start:stop] = word[cells]
        self.key_hashes[start:stop] = hashes
        self.values[start:stop] = np.array(values, dtype=np.int64)
        self.count = stop
        if 2 * stop > len(self.slots):
            size = len(self.slots)
            while 2 * stop > size:
                size *= 4
            self.slots = np.full(size, -1, dtype=np.int64)
            self.hashes = np.zeros(size, dtype=np.uint64)
            self._place(self.key_hashes[:stop], np.arange(stop, dtype=np.int64))
        else:
            self._place(hashes, np.arange(start, stop, dtype=np.int64))
        return True

    def _reserve(self, n: int, k: int) -> None:
        """Room for *n* entries of *k* words."""
        size = len(self.values)
        if n > size:
            while n > size:
                size *= 2
            self.key_hashes = _grown(self.key_hashes, size)
            self.values = _grown(self.values, size)
            self.keys = [_grown(keys, size) for keys in self.keys]
        while len(self.keys) < k:
            self.keys.append(np.zeros(size, dtype=np.uint64))

    def _place(self, h: NDArray[np.uint64], entries: NDArray[np.int64]) -> None:
        """Put *entries*, of hashes *h*, in free slots (linear probing)."""
        slots, hashes = self.slots, self.hashes
        mask = len(slots) - 1
        shift = _U64(64 - mask.bit_length())
        at = (h >> shift).astype(np.int64)
        while entries.size:
            free = np.flatnonzero(slots[at] < 0)
            slots[at[free]] = entries[free]  # of entries wanting one slot, one is there now
            left = slots[at] != entries
            placed = ~left
            hashes[at[placed]] = h[placed]
            entries, h, at = entries[left], h[left], (at[left] + 1) & mask


def _grown(array: NDArray[Any], size: int) -> NDArray[Any]:
    out = np.zeros(size, dtype=array.dtype)
    out[: len(array)] = array
    return out
