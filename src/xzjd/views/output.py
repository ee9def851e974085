# SPDX-License-Identifier: MIT
"""Output written piece by piece, every write and flush checked.

The reports of ``xzjd check`` can be gigabytes. They are never built as one string: each
format is produced as a sequence of pieces (a record, an agency's block of the table, a line
of iCalendar) and written through a :class:`CheckedStream`, which

* hands each piece to the underlying stream and checks what it says it took: a stream that
  takes only part of a piece is given the rest (as ``write(2)`` may do above 2 GiB), and one
  that takes nothing is an error;
* writes the encoded bytes to the file itself when the text stream sits on an unbuffered
  one (``python -u``, ``PYTHONUNBUFFERED=1``): there ``TextIOWrapper`` hands each write to
  the file once and drops what a short write left over, which is how a report stopped at
  2,147,479,552 bytes (Linux's cap on one ``write(2)``) with exit status 0;
* turns an ``OSError`` while writing or flushing (``ENOSPC``, ``EIO``, ``EFBIG``...) and a
  character the output's encoding cannot hold into :class:`~xzjd.errors.OutputError`, which
  the command line reports with exit status :data:`EXIT_OUTPUT` (74), never 0;
* lets :class:`BrokenPipeError` through: the reader went away (``xzjd check ... | head``),
  which the command line treats as a quiet stop (status 141), as other Unix tools do.

The library never writes to ``sys.stdout`` by itself; the command line wraps its streams.
"""

from __future__ import annotations

import codecs
import io
import os
from collections.abc import Callable, Iterable
from typing import IO, Any, Generic, TypeVar

from xzjd.errors import OutputError
from xzjd.messages import diagnostic

__all__ = ["EXIT_OUTPUT", "CheckedBytes", "CheckedStream", "checked", "unicode_capable"]

#: Exit status of a run whose output could not be written completely (``EX_IOERR``).
EXIT_OUTPUT = 74

AnyStrT = TypeVar("AnyStrT", str, bytes)

# What an unbuffered text stream gathers before one write (characters).
_DIRECT_BUFFER = 1 << 16

# Encodings that can hold every character: JSON written to anything else is kept to ASCII.
_UNICODE = frozenset(
    {
        "utf-8",
        "utf-8-sig",
        "utf-16",
        "utf-16-be",
        "utf-16-le",
        "utf-32",
        "utf-32-be",
        "utf-32-le",
        "gb18030",
    }
)


def unicode_capable(stream: Any) -> bool:
    """Whether *stream* encodes every character (true for a stream with no ``encoding``)."""
    encoding = getattr(stream, "encoding", None)
    if not isinstance(encoding, str):
        return True
    try:
        return codecs.lookup(encoding).name in _UNICODE
    except LookupError:
        return False


class _Checked(Generic[AnyStrT]):
    """The checking shared by the text and the byte stream."""

    unit = "characters"

    def __init__(self, stream: IO[AnyStrT], name: str) -> None:
        self._stream: IO[AnyStrT] = stream
        self.name = name
        #: How much has been taken by the underlying stream (characters or bytes).
        self.written = 0

    def _fail(self, key: str, **fields: Any) -> OutputError:
        """The error of catalogue entry *key* (``output/incomplete#...``), with the count."""
        unit_zh = "个字符" if self.unit == "characters" else "字节"
        return OutputError(
            diagnostic(
                key, file=self.name, written=self.written, unit=self.unit, unit_zh=unit_zh, **fields
            )
        )

    def _os_error(self, exc: OSError) -> OutputError:
        what = exc.strerror or str(exc) or type(exc).__name__
        return self._fail("output/incomplete#os-error", reason=what)

    def _unencodable(self, exc: UnicodeEncodeError) -> OutputError:
        bad = ascii(exc.object[exc.start : exc.end])
        return self._fail("output/incomplete#unencodable", encoding=exc.encoding, bad=bad)

    def write(self, data: AnyStrT) -> int:
        """Write all of *data*, or raise :class:`OutputError`; return ``len(data)``."""
        remaining = data
        while remaining:
            try:
                taken = self._stream.write(remaining)
            except BrokenPipeError:
                raise
            except OSError as exc:
                raise self._os_error(exc) from exc
            except UnicodeEncodeError as exc:
                raise self._unencodable(exc) from exc
            if taken is None:  # a stream that does not count: it took all or it raised
                taken = len(remaining)
            if taken <= 0:
                raise self._fail("output/incomplete#no-more-data")
            taken = min(taken, len(remaining))
            self.written += taken
            remaining = remaining[taken:]
        return len(data)

    def write_all(self, pieces: Iterable[AnyStrT]) -> None:
        """Write each piece in turn, as it is produced."""
        for piece in pieces:
            self.write(piece)

    def flush(self) -> None:
        """Flush the underlying stream, or raise :class:`OutputError`."""
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._os_error(exc) from exc

    def isatty(self) -> bool:
        isatty = getattr(self._stream, "isatty", None)
        return bool(isatty and isatty())

    def fileno(self) -> int:
        return int(self._stream.fileno())


class CheckedBytes(_Checked[bytes]):
    """A byte stream whose every write and flush is checked (for iCalendar, always UTF-8)."""

    unit = "bytes"


class CheckedStream(_Checked[str]):
    """A text stream whose every write and flush is checked.

    It can stand in for the stream it wraps (``print(..., file=out)`` works): it has
    ``write``, ``flush``, ``isatty``, ``fileno``, ``encoding`` and ``buffer``.
    """

    def __init__(self, stream: IO[str], name: str = "<stdout>") -> None:
        super().__init__(stream, name)
        self._bytes: CheckedBytes | None = None
        self._encode: Callable[[str], bytes] | None = None
        self._pending: list[str] = []
        self._pending_size = 0
        self._limit = 0
        raw = getattr(stream, "buffer", None)
        if isinstance(raw, io.RawIOBase) and os.linesep == "\n":
            # Unbuffered: encode here (incrementally, so a BOM or a stateful encoding comes
            # out once) and write the bytes with the short-write loop of CheckedBytes. Pieces
            # are gathered up to 64 KiB first (one system call per piece would be slow), except
            # on a terminal, where each piece is shown at once. Where lines end in CRLF the
            # text layer's newline translation is needed, and it is kept.
            encoding = self.encoding or "utf-8"
            encoder = codecs.getincrementalencoder(encoding)(self.errors or "strict")
            self._encode = encoder.encode
            self._limit = 0 if self.isatty() else _DIRECT_BUFFER

    def write(self, data: str) -> int:
        """Write all of *data*, or raise :class:`OutputError`; return ``len(data)``."""
        if self._encode is None:
            return super().write(data)
        self._pending.append(data)
        self._pending_size += len(data)
        if self._pending_size > self._limit:
            self._drain()
        return len(data)

    @property
    def started(self) -> bool:
        """Whether anything has been written (or gathered to be written)."""
        return self.written > 0 or self._pending_size > 0

    def _drain(self) -> None:
        """Encode and write what :meth:`write` gathered (unbuffered streams only)."""
        if not self._pending or self._encode is None:
            return
        data = "".join(self._pending)
        self._pending.clear()
        self._pending_size = 0
        buffer = self.buffer
        assert buffer is not None
        try:
            self._stream.flush()  # anything written to the text layer by others goes first
            encoded = self._encode(data)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._os_error(exc) from exc
        except UnicodeEncodeError as exc:
            raise self._unencodable(exc) from exc
        before = buffer.written
        try:
            buffer.write(encoded)
        finally:
            # Count characters for the message: all of them, or those whose bytes went out.
            done = buffer.written - before
            self.written += (
                len(data)
                if done == len(encoded)
                else len(encoded[:done].decode(self.encoding or "utf-8", "ignore"))
            )

    def flush(self) -> None:
        """Write what is gathered, then flush the underlying stream; check both."""
        self._drain()
        super().flush()

    @property
    def encoding(self) -> str | None:
        encoding = getattr(self._stream, "encoding", None)
        return encoding if isinstance(encoding, str) else None

    @property
    def errors(self) -> str | None:
        errors = getattr(self._stream, "errors", None)
        return errors if isinstance(errors, str) else None

    @property
    def buffer(self) -> CheckedBytes | None:
        """The underlying byte stream, checked, or ``None`` when there is none.

        Flush this text stream before writing bytes, so that the two keep their order.
        """
        raw = getattr(self._stream, "buffer", None)
        if raw is None:
            return None
        if self._bytes is None:
            self._bytes = CheckedBytes(raw, self.name)
        return self._bytes

    def write_all(self, pieces: Iterable[str]) -> None:
        """Write each piece in turn, as it is produced.

        On a buffered stream each piece goes straight to the stream's ``write`` and is
        checked there: a report is hundreds of thousands of pieces, and the calls of
        :meth:`write` would be a tenth of its time. A short write is finished by
        :meth:`write`, with the same checks and errors.
        """
        if self._encode is not None:
            super().write_all(pieces)
            return
        stream_write = self._stream.write
        for piece in pieces:
            try:
                taken = stream_write(piece)
            except BrokenPipeError:
                raise
            except OSError as exc:
                raise self._os_error(exc) from exc
            except UnicodeEncodeError as exc:
                raise self._unencodable(exc) from exc
            if taken is None or taken == len(piece):
                self.written += len(piece)
            elif taken <= 0:
                raise self._fail("output/incomplete#no-more-data")
            else:
                self.written += taken
                self.write(piece[taken:])

    def writelines(self, lines: Iterable[str]) -> None:
        self.write_all(lines)


def checked(stream: IO[str] | CheckedStream, name: str = "<stdout>") -> CheckedStream:
    """*stream* wrapped in a :class:`CheckedStream` (itself if it is one already)."""
    if isinstance(stream, CheckedStream):
        return stream
    return CheckedStream(stream, name)
