# SPDX-License-Identifier: MIT
"""Text from the input made safe to show or to hand to a spreadsheet.

Names, ids, titles and source clauses come from files xzjd does not control. Printed raw, an
ESC starts a terminal escape sequence, a CR overwrites the line, U+202E reverses what
follows; written raw into CSV, ``=HYPERLINK(...)`` becomes a live formula when the file is
opened in a spreadsheet. This module has the two remedies:

* :func:`escape_controls` spells control and bidirectional characters out as Python-style
  escapes (``\\x1b``, ``\\r``, ``\\u202e``), for the table output, the iCalendar text values
  and diagnostics that quote the input.
* :func:`csv_row` writes one CSV record and, unless told not to, neutralises cells that a
  spreadsheet would run as formulas (:func:`neutralise_cell`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

__all__ = [
    "FORMULA_START",
    "csv_field",
    "csv_row",
    "escape_controls",
    "has_controls",
    "neutralise_cell",
]

# C0 controls, DEL, C1 controls; the bidirectional marks, embeddings, overrides and isolates
# (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069); the line and paragraph separators,
# which some terminals and editors take for a line break.
_UNSAFE = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    named = _NAMED.get(ch)
    if named is not None:
        return named
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@functools.lru_cache(maxsize=8)
def _pattern(keep: str) -> re.Pattern[str]:
    unsafe = _UNSAFE
    if keep:
        # A character class minus the kept ones: a lookahead keeps the class readable.
        return re.compile(f"(?![{re.escape(keep)}])[{unsafe}]")
    return re.compile(f"[{unsafe}]")


def has_controls(text: str) -> bool:
    """Whether :func:`escape_controls` would change *text* (with nothing kept)."""
    return _pattern("").search(text) is not None


def escape_controls(text: str, keep: str = "") -> str:
    """*text* with every control and bidirectional character written as an escape.

    Tab, newline and CR become ``\\t``, ``\\n``, ``\\r``; other characters below U+0100
    become ``\\xNN`` (``\\x1b`` for ESC, ``\\x85`` for NEL); the rest ``\\uNNNN``
    (``\\u202e``). Characters in *keep* (for example ``"\\n"`` for a text whose lines are
    meant) are left as they are. A backslash already in the text is not doubled: the escapes
    are for a reader, not for a program to decode.
    """
    return _pattern(keep).sub(_escape, text)


# --------------------------------------------------------------------------- CSV

#: The first characters that make a spreadsheet read a cell as a formula (OWASP, "CSV
#: Injection"): equals, plus, minus, at, tab and carriage return.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# A plain decimal number: a spreadsheet reads it as that number, never as a formula, so a
# numeric cell such as "-5" keeps its value and its type.
_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?\Z")

# Inside a cell, a semicolon followed (after spaces) by a formula character: a spreadsheet
# whose list separator is the semicolon would split the cell there and run the rest.
_FORMULA_AFTER_SEMICOLON = re.compile(r";[ ]*[=+\-@\t\r]")

# What makes a field need quotes in CSV (RFC 4180): the separator, the quote, a line break.
_NEEDS_QUOTES = re.compile(r'[",\r\n]')


_QUOTED = ('"', ",", "\r", "\n")
_CELL_STARTS = tuple("\x00" + c for c in FORMULA_START)
_AFTER_SEMICOLON = tuple(";" + c for c in (*FORMULA_START, " "))


def _plain(joined: str, raw: bool) -> bool:
    """Whether a row, its cells joined by NUL, needs neither quotes nor (unless *raw*)
    neutralising. Plain substring tests: much faster than one regular expression."""
    if any(c in joined for c in _QUOTED):
        return False
    if raw:
        return True
    if joined.startswith(FORMULA_START) or any(c in joined for c in _CELL_STARTS):
        return False
    return ";" not in joined or not any(c in joined for c in _AFTER_SEMICOLON)


def neutralise_cell(text: str) -> str:
    """*text* made inert for a spreadsheet: a leading ``'`` if it starts like a formula.

    A cell starting with one of :data:`FORMULA_START` gets a single quote in front, which
    spreadsheets take as "this is text" and do not show. A plain number (``-5``, ``+2.5``)
    is left alone: it is read as a number, not run.
    """
    if text.startswith(FORMULA_START) and _NUMBER.match(text) is None:
        return "'" + text
    return text


def csv_field(text: str, *, force_quotes: bool = False) -> str:
    """One CSV field: quoted (quotes doubled) when it holds a comma, quote, CR or LF."""
    if force_quotes or _NEEDS_QUOTES.search(text) is not None:
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_row(cells: Iterable[str], *, raw: bool = False) -> str:
    """One CSV record ending in ``\\n``, its cells neutralised unless *raw*.

    Neutralised: each cell through :func:`neutralise_cell`, and a cell in which a semicolon
    is followed by a formula character is quoted, so that a spreadsheet splitting fields at
    semicolons keeps it whole. Quoting otherwise follows the ``csv`` module's minimal
    quoting with a ``\\n`` line end, except that a CR alone also quotes a field.
    """
    cells = list(cells)
    # Most rows need nothing: one look at the cells joined by NUL (which no plain cell holds)
    # decides, and the slow path below handles the rest.
    joined = "\x00".join(cells)
    if _plain(joined, raw) and joined.count("\x00") == len(cells) - 1 and cells != [""]:
        return joined.replace("\x00", ",") + "\n"
    if raw:
        fields = [csv_field(c) for c in cells]
    else:
        fields = []
        for cell in cells:
            safe = neutralise_cell(cell)
            force = ";" in safe and _FORMULA_AFTER_SEMICOLON.search(safe) is not None
            fields.append(csv_field(safe, force_quotes=force))
    if fields == [""]:  # a record of one empty field is "", not an empty line
        return '""\n'
    return ",".join(fields) + "\n"
