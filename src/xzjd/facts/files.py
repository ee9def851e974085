# SPDX-License-Identifier: MIT
"""Data files opened and decoded: the sources the readers accept, UTF-8 with a positioned error.

A data file is UTF-8 (a byte-order mark is allowed and dropped). Bytes that are not UTF-8 are
an ``input/encoding`` diagnostic at the line and column of the first bad byte; a file that
cannot be opened is ``input/unreadable``. A line ends at ``\\n``, ``\\r\\n`` or ``\\r`` and
nowhere else (see :mod:`xzjd.text.lines`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import IO, TypeAlias

from xzjd.errors import InputError, Span
from xzjd.messages import diagnostic
from xzjd.text.escape import escape_controls
from xzjd.text.lines import byte_position

__all__ = ["Source", "decode_utf8", "path_line_blocks", "path_lines", "unreadable"]

#: What the readers accept: a path, or an open file (text or binary).
Source: TypeAlias = "str | os.PathLike[str] | IO[str] | IO[bytes]"


def unreadable(name: str, exc: OSError | ValueError) -> InputError:
    """The error of a data file that cannot be opened (``input/unreadable``)."""
    # open() refuses a name holding a NUL with a ValueError rather than an OSError.
    reason = getattr(exc, "strerror", None) or (
        "the name holds a NUL character" if isinstance(exc, ValueError) else str(exc)
    )
    shown = escape_controls(name)
    return InputError([diagnostic("input/unreadable", file=name, shown=shown, reason=reason)])


def _encoding_error(raw: bytes, offset: int, name: str, line: int, line_start: int) -> InputError:
    """A diagnostic for the first byte of *raw* (from *line_start*) that is not UTF-8."""
    before = raw[line_start:offset]
    column = len(before.decode("utf-8", errors="replace")) + 1
    ends = [at for at in (raw.find(b"\n", offset), raw.find(b"\r", offset)) if at >= 0]
    line_end = min(ends) if ends else len(raw)
    text = raw[line_start:line_end].decode("utf-8", errors="replace")
    return InputError(
        [
            diagnostic(
                "input/encoding",
                file=name,
                span=Span.point(line, column),
                line_text=text,
                raw_offset=raw[offset],
            )
        ]
    )


def decode_utf8(raw: bytes | str, name: str) -> str:
    """The text of a data file's bytes (a BOM dropped); not UTF-8 is a positioned error."""
    if isinstance(raw, str):
        return raw[1:] if raw.startswith("\ufeff") else raw
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, line_start = byte_position(raw, exc.start)
        raise _encoding_error(raw, exc.start, name, line, line_start) from None


def path_lines(name: str) -> Iterator[str]:
    """The lines of a UTF-8 file, one at a time (a BOM is dropped); never the whole file.

    Lines end at ``\n``, ``\r\n`` or ``\r``, as when the text is read from an open file.
    """
    for block in path_line_blocks(name):
        yield from block


#: Bytes decoded at a time by :func:`path_line_blocks`.
_CHUNK = 1 << 16


def path_line_blocks(name: str) -> Iterator[list[str]]:
    """The lines of a UTF-8 file as :func:`path_lines` gives them, a list of lines at a time.

    About 64 KB is read, decoded and split at once: for a file of millions of lines
    this is much faster than a line at a time, and holds no more than one block.
    """
    try:
        handle = open(name, "rb")  # noqa: SIM115 - closed in the finally below
    except (OSError, ValueError) as exc:
        raise unreadable(name, exc) from None
    try:
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
            lines = _decoded_lines(b"".join(pending), name, number, first)
            first = False
            pending = [block[cut + 1 :]]
            number += len(lines)
            yield lines
        rest = b"".join(pending)
        if rest:
            yield _decoded_lines(rest, name, number, first)
    finally:
        handle.close()


def _decoded_lines(chunk: bytes, name: str, number: int, first: bool) -> list[str]:
    """The lines of *chunk*, whose first line is line ``number + 1`` of the file."""
    if first and chunk.startswith(b"\xef\xbb\xbf"):
        chunk = chunk[3:]
    try:
        text = chunk.decode("utf-8")
    except UnicodeDecodeError:
        for line, raw in enumerate(chunk.splitlines(), number + 1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise _encoding_error(raw, exc.start, name, line, 0) from None
        raise AssertionError("unreachable: a line of the chunk is not UTF-8") from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()  # no line after the last line break
    return lines
