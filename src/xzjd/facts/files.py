# SPDX-License-Identifier: MIT
"""Data files opened and decoded: the sources the readers accept, the encodings they read.

A data file is UTF-8 (a byte-order mark is allowed and dropped) or GB18030 (which holds GBK
and GB2312), found out by :func:`decode_data` or given by the caller (``encoding``):

* Bytes that are valid UTF-8 are UTF-8. (Chinese text in GB18030 is practically never valid
  UTF-8: a GBK character is two bytes, the first 0x81-0xFE, and UTF-8 wants a run of 0x80-0xBF
  after a lead byte of a fixed form.)
* Otherwise the file is GB18030 when its bytes decode as GB18030 *and* the text looks
  Chinese (:func:`looks_chinese`): every character beyond ASCII is a Chinese character or
  Chinese punctuation, with at least one Chinese character, and at least four in five of the
  Chinese characters are among the 6763 of GB2312. Latin-1 text (an accented letter followed
  by an ASCII letter decodes as a rare GBK character outside GB2312, an accented letter before
  a space or a comma does not decode at all) and binary data fail this test.
* Otherwise the file is an ``input/encoding`` diagnostic at the line and column of the first
  byte that is not UTF-8, with a hint naming ``--encoding``.

A file read a block at a time (:func:`path_line_blocks`) is decided at its first block that
is not ASCII; the later blocks must be of the same encoding. Given an encoding, the bytes are
decoded with it and nothing else; the first byte that does not decode is the error. A file
that cannot be opened is ``input/unreadable``. A line ends at ``\\n``, ``\\r\\n`` or ``\\r``
and nowhere else (see :mod:`xzjd.text.lines`); columns count characters.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import IO, NoReturn, TypeAlias

from xzjd.errors import InputError, Span
from xzjd.messages import diagnostic
from xzjd.text.escape import escape_controls
from xzjd.text.lines import byte_position

__all__ = [
    "ENCODINGS",
    "Chunk",
    "LineFinder",
    "Source",
    "decode_data",
    "decode_utf8",
    "looks_chinese",
    "path_chunks",
    "path_line_blocks",
    "path_lines",
    "unreadable",
]

#: What the readers accept: a path, or an open file (text or binary).
Source: TypeAlias = "str | os.PathLike[str] | IO[str] | IO[bytes]"

#: The encodings a data file may be given in (``--encoding``); ``None`` finds it out.
ENCODINGS = ("utf-8", "gb18030", "gbk")

#: A character beyond ASCII that Chinese text in GB18030 does not hold: anything but Chinese
#: characters (CJK unified ideographs and extension A), CJK punctuation, full-width forms,
#: general punctuation (dashes, quotes, ellipsis), the middle dot, ×, ÷, °, ℃, №, Roman and
#: circled numerals. Control characters other than tab and line breaks count too.
_NOT_CHINESE = re.compile(
    "[^\t\n\r\x20-\x7e\u00b0\u00b7\u00d7\u00f7\u2010-\u2027\u2030-\u205e\u2103\u2116"
    "\u2160-\u217f\u2460-\u24ff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
)
_IDEOGRAPHS = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")


def looks_chinese(text: str) -> bool:
    """Whether *text*, decoded from GB18030, is Chinese text rather than a mis-decoding.

    Every character beyond ASCII must be a Chinese character or Chinese punctuation
    (:data:`_NOT_CHINESE`), there must be a Chinese character, and at least four in five of
    the Chinese characters (counted with repeats) must be among those of GB2312, the common
    characters every GBK file of an office is mostly made of.
    """
    if _NOT_CHINESE.search(text):
        return False
    ideographs = "".join(_IDEOGRAPHS.findall(text))
    if not ideographs:
        return False
    # Each character GB2312 lacks becomes one "?" (no ideograph is a "?").
    rare = ideographs.encode("gb2312", errors="replace").count(b"?")
    return rare * 5 <= len(ideographs)


def unreadable(name: str, exc: OSError | ValueError) -> InputError:
    """The error of a data file that cannot be opened (``input/unreadable``)."""
    # open() refuses a name holding a NUL with a ValueError rather than an OSError.
    reason = getattr(exc, "strerror", None) or (
        "the name holds a NUL character" if isinstance(exc, ValueError) else str(exc)
    )
    shown = escape_controls(name)
    return InputError([diagnostic("input/unreadable", file=name, shown=shown, reason=reason)])


def _encoding_error(
    raw: bytes,
    offset: int,
    name: str,
    line: int,
    line_start: int,
    encoding: str | None = None,
) -> InputError:
    """A diagnostic for the byte at *offset* of *raw* (its line from *line_start*) that does
    not decode: as UTF-8 nor as GB18030 (*encoding* ``None``), or as *encoding*."""
    codec = encoding or "utf-8"
    before = raw[line_start:offset]
    column = len(before.decode(codec, errors="replace")) + 1
    ends = [at for at in (raw.find(b"\n", offset), raw.find(b"\r", offset)) if at >= 0]
    line_end = min(ends) if ends else len(raw)
    text = raw[line_start:line_end].decode(codec, errors="replace")
    key = "input/encoding" if encoding is None else "input/encoding#given"
    return InputError(
        [
            diagnostic(
                key,
                file=name,
                span=Span.point(line, column),
                line_text=text,
                raw_offset=raw[offset],
                encoding=encoding or "utf-8",
            )
        ]
    )


def decode_utf8(raw: bytes | str, name: str) -> str:
    """The text of a UTF-8 file's bytes (a BOM dropped); not UTF-8 is a positioned error."""
    if isinstance(raw, str):
        return raw[1:] if raw.startswith("\ufeff") else raw
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, line_start = byte_position(raw, exc.start)
        raise _encoding_error(raw, exc.start, name, line, line_start) from None


def decode_data(raw: bytes | str, name: str, encoding: str | None = None) -> str:
    """The text of a data file's bytes, in *encoding* or the one found (module docstring).

    Raises:
        InputError: ``input/encoding`` at the first byte that does not decode.
    """
    if isinstance(raw, str):
        return raw[1:] if raw.startswith("\ufeff") else raw
    return _Decoder(name, encoding).decode(raw, 0, first=True)


class _Decoder:
    """The decoding of one file, a block of whole lines at a time: the encoding asked for,
    and (when none was) the one found so far: ``None`` while every byte was ASCII."""

    __slots__ = ("asked", "found", "name")

    def __init__(self, name: str, encoding: str | None) -> None:
        self.name = name
        self.asked = encoding
        self.found: str | None = encoding

    def decode(self, chunk: bytes, number: int, *, first: bool) -> str:
        """The text of *chunk*, whose first line is line ``number + 1`` of the file."""
        if first and chunk.startswith(b"\xef\xbb\xbf") and self.found in (None, "utf-8"):
            chunk = chunk[3:]
            self.found = "utf-8"
        codec = self.found or "utf-8"
        try:
            text = chunk.decode(codec)
        except UnicodeDecodeError:
            text = self._other(chunk, number)
        else:
            if self.found is None and not text.isascii():
                self.found = "utf-8"
            elif (
                self.asked is None
                and codec == "gb18030"
                and not text.isascii()  # ASCII reads the same in every encoding
                and not looks_chinese(text)
            ):
                self._fail(chunk, number)
        return text

    def _other(self, chunk: bytes, number: int) -> str:
        """*chunk* did not decode as the file's encoding so far."""
        if self.asked is None and self.found is None:
            try:
                text = chunk.decode("gb18030")
            except UnicodeDecodeError:
                pass
            else:
                if looks_chinese(text):
                    self.found = "gb18030"
                    return text
        self._fail(chunk, number)

    def _fail(self, chunk: bytes, number: int) -> NoReturn:
        """Raise the error at the first byte of *chunk* that does not decode as the encoding
        asked for, or (none asked) as UTF-8."""
        encoding = self.asked
        codec = encoding or "utf-8"
        for line, raw in enumerate(_split_lines(chunk), number + 1):
            try:
                raw.decode(codec)
            except UnicodeDecodeError as exc:
                raise _encoding_error(raw, exc.start, self.name, line, 0, encoding) from None
        # Every line decodes as UTF-8 alone: the chunk as a whole did not (a mix of
        # encodings: UTF-8 here, GB18030 before); the first non-ASCII character is the error.
        for line, raw in enumerate(_split_lines(chunk), number + 1):
            for offset, byte in enumerate(raw):
                if byte >= 0x80:
                    raise _encoding_error(raw, offset, self.name, line, 0, encoding)
        raise AssertionError("unreachable: a chunk with no byte beyond ASCII decodes")


def _split_lines(chunk: bytes) -> list[bytes]:
    """The lines of *chunk* as :class:`~xzjd.text.lines.LineIndex` counts them."""
    return chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")


def path_lines(name: str, encoding: str | None = None) -> Iterator[str]:
    """The lines of a data file, one at a time (a BOM is dropped); never the whole file.

    Lines end at ``\n``, ``\r\n`` or ``\r``, as when the text is read from an open file.
    """
    for block in path_line_blocks(name, encoding):
        yield from block


#: Bytes decoded at a time by :func:`path_line_blocks`.
_CHUNK = 1 << 16
_BOM = b"\xef\xbb\xbf"


def path_line_blocks(name: str, encoding: str | None = None) -> Iterator[list[str]]:
    """The lines of a data file as :func:`path_lines` gives them, a list of lines at a time.

    The encoding is *encoding*, or found out as the blocks are read (module docstring).

    About 64 KB is read, decoded and split at once: for a file of millions of lines
    this is much faster than a line at a time, and holds no more than one block.
    """
    for chunk in path_chunks(name, encoding):
        yield chunk.lines()


class Chunk:
    """Whole lines of a data file: their decoded text, split into lines on demand, and (when
    read from a path) their bytes as in the file.

    Attributes:
        raw: the bytes of the lines (a byte-order mark dropped), ``None`` when not known.
        text: the decoded text (line breaks as in the file), ``None`` when only the lines are
            known.
        codec: the codec *text* was decoded with.
        count: the number of lines.
    """

    __slots__ = ("_lines", "codec", "count", "raw", "text")

    def __init__(
        self,
        raw: bytes | None,
        text: str | None,
        codec: str = "utf-8",
        lines: list[str] | None = None,
    ) -> None:
        self.raw = raw
        self.text = text
        self.codec = codec
        self._lines = lines
        if lines is not None:
            self.count = len(lines)
        else:
            assert text is not None
            if "\r" in text:
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            self.count = text.count("\n") + (0 if text.endswith("\n") else 1)

    def lines(self) -> list[str]:
        """The lines, split at ``\\n``, ``\\r\\n`` and ``\\r``."""
        if self._lines is None:
            assert self.text is not None
            self._lines = _lines_of(self.text)
        return self._lines


def path_chunks(name: str, encoding: str | None = None) -> Iterator[Chunk]:
    """The lines of a data file as :func:`path_line_blocks` gives them, a :class:`Chunk` of
    about 64 KB at a time, its bytes with it."""
    try:
        handle = open(name, "rb")  # noqa: SIM115 - closed in the finally below
    except (OSError, ValueError) as exc:
        raise unreadable(name, exc) from None
    try:
        decoder = _Decoder(name, encoding)
        number = 0  # lines given so far
        pending: list[bytes] = []  # the start of a line that runs past the blocks read so far
        first = True
        while True:
            block = handle.read(_CHUNK)
            if not block:
                break
            # A "\r" at the very end may be the first half of a "\r\n": leave it for later.
            end = len(block) - 1 if block.endswith(b"\r") else len(block)
            cut = max(block.rfind(b"\n", 0, end), block.rfind(b"\r", 0, end))
            if cut < 0:
                pending.append(block)
                continue
            pending.append(block[: cut + 1])
            chunk = _decoded_chunk(b"".join(pending), decoder, number, first)
            first = False
            pending = [block[cut + 1 :]]
            number += chunk.count
            yield chunk
        rest = b"".join(pending)
        if rest:
            yield _decoded_chunk(rest, decoder, number, first)
    finally:
        handle.close()


class LineFinder:
    """The lines of a data file found again by number, without holding the file.

    Made once, it reads the file a block of whole lines at a time (:func:`path_chunks`) and
    notes where each block begins: its first line, its bytes' offset and length, its codec.
    A line is then read again from its block alone; the last few blocks read are kept, for
    the warnings of one run often quote neighbouring lines. A file of millions of lines
    costs a few numbers per 64 KB, not its whole text.

    Raises:
        InputError, OSError: the file cannot be read (again).
    """

    __slots__ = ("_codecs", "_firsts", "_kept", "_lengths", "_offsets", "count", "name")

    #: How many blocks' lines are kept.
    KEPT = 8

    def __init__(self, name: str, encoding: str | None = None) -> None:
        self.name = name
        with open(name, "rb") as handle:
            head = handle.read(len(_BOM))
        self._firsts: list[int] = []
        self._offsets: list[int] = []
        self._lengths: list[int] = []
        self._codecs: list[str] = []
        at, number = 0, 1
        for chunk in path_chunks(name, encoding):
            raw = chunk.raw
            assert raw is not None
            if not self._firsts and head == _BOM and not raw.startswith(_BOM):
                at = len(_BOM)  # the byte-order mark was dropped from the first block
            self._firsts.append(number)
            self._offsets.append(at)
            self._lengths.append(len(raw))
            self._codecs.append(chunk.codec)
            at += len(raw)
            number += chunk.count
        #: The number of lines of the file.
        self.count = number - 1
        self._kept: dict[int, list[str]] = {}

    def line_text(self, line: int) -> str | None:
        """The text of *line* (1-based), ``None`` past the file's lines."""
        if not 1 <= line <= self.count:
            return None
        index = bisect_right(self._firsts, line) - 1
        lines = self._kept.get(index)
        if lines is None:
            with open(self.name, "rb") as handle:
                handle.seek(self._offsets[index])
                raw = handle.read(self._lengths[index])
            lines = _lines_of(raw.decode(self._codecs[index], errors="replace"))
            if len(self._kept) >= self.KEPT:
                del self._kept[next(iter(self._kept))]
            self._kept[index] = lines
        at = line - self._firsts[index]
        return lines[at] if at < len(lines) else None


def _decoded_chunk(raw: bytes, decoder: _Decoder, number: int, first: bool) -> Chunk:
    """The lines of *raw*, whose first line is line ``number + 1`` of the file."""
    text = decoder.decode(raw, number, first=first)
    if first and raw.startswith(b"\xef\xbb\xbf") and decoder.found == "utf-8":
        raw = raw[3:]
    return Chunk(raw, text, decoder.found or "utf-8")


def _lines_of(text: str) -> list[str]:
    """The lines of *text* (whole lines, line breaks as in the file)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()  # no line after the last line break
    return lines
