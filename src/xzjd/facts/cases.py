# SPDX-License-Identifier: MIT
"""Cases (办件): the rows of a case events file, ``case,agency,obligation,event,date[,note]``.

A case is one application, request or petition that an agency handles under one event-based
obligation; its rows are what happened to it, in date order: the obligation's own event
starts the clock (``accepted``, ``收到申请``), then ``paused``/``resumed``, ``extended``, the
rule's restart event, a stage's name when that stage ends, ``completed`` or ``withdrawn``.
Reading checks what can be checked without the ruleset; :mod:`xzjd.engine.cases` reads the
rows against the rule (docs/cases.md).

The file is CSV (UTF-8, a byte-order mark allowed) or a JSON array of objects with the same
keys, read as filings and events are (:mod:`xzjd.facts.table_reader`). Besides the cells
(ids, dates), reading checks that the rows of a case are together in the file, that its
dates never go back, and that every row names the agency and the obligation of its first
row; every problem is a positioned :class:`~xzjd.errors.Diagnostic` naming the case.

:func:`read_cases` gives every case of a file, or raises one :class:`~xzjd.errors.InputError`
with all of the file's problems. :func:`iter_cases` reads a CSV file one case at a time, for
files of millions of rows; :func:`check_cases` is the same reading building nothing, the
cheap first pass of a caller that must not act on part of a bad file.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from xzjd.errors import Diagnostic, InputError
from xzjd.facts.case_reading import scan
from xzjd.facts.case_records import Case, CaseRow
from xzjd.facts.case_table import CaseColumnsBuilder
from xzjd.facts.files import Source

__all__ = ["Case", "CaseRow", "check_cases", "iter_cases", "read_cases"]


def read_cases(
    source: Source, *, encoding: str | None = None, sheet: str | None = None
) -> Sequence[Case]:
    """Read a case events file (``case,agency,obligation,event,date[,note]``).

    Every column but ``note`` is required; an empty note is ``None``. ``case``, ``agency``,
    ``obligation`` and ``event`` are ids (letters of any script, digits, ``-``, ``_``), the
    date is ``YYYY-MM-DD``. The rows of a case must be together in the file, in the order
    things happened (a date never before the one of the row above it), and name the agency
    and the obligation of the case's first row.

    Args:
        source: a path or an open file; CSV, JSON or an Excel workbook (by extension, else
            by content).
        encoding: a CSV file's encoding, ``"utf-8"``, ``"gb18030"`` or ``"gbk"``; ``None``
            finds it out (UTF-8, else GB18030 Chinese text; docs/evaluation.md).
        sheet: the sheet of an ``.xlsx`` workbook to read; ``None`` is the first one.

    Returns:
        The cases in file order, each with its rows in file order: from a CSV file a
        :class:`~xzjd.facts.case_table.CaseList`, which holds them as columns (what the
        evaluation reads) and makes a case when it is asked for; else a tuple.

    Raises:
        InputError: with a diagnostic for every problem of the file; nothing is returned
            from a bad file.
    """
    diags: list[Diagnostic] = []
    sink = CaseColumnsBuilder()
    cases = tuple(scan(source, diags, build=True, encoding=encoding, sheet=sheet, sink=sink))
    if diags:
        raise InputError(diags)
    if sink.origin is None:
        return cases  # type: ignore[return-value]  # built: no None
    return sink.finish()


def iter_cases(
    source: Source, *, encoding: str | None = None, sheet: str | None = None
) -> Iterator[Case]:
    """Read a case events file one case at a time, as :func:`read_cases` reads it.

    A case is given as soon as its rows end (the next case starts, or the file ends). A CSV
    file given by path is read a block of lines at a time and only the rows of the current
    case are held: memory does not grow with the number of cases while the case ids come
    in ascending order (a file sorted by case). From the first id out of order on, the id
    and last line of every case that ended are kept, to find a case whose rows are not
    together (found for the lines before by reading them again). A JSON file, or an open
    file, is read whole first, as everywhere.

    **On errors.** The file is checked as it is read, so a problem may be found after some
    cases were given. Every case given is whole and good in itself (all its rows were read
    and none has a problem); from the first problem on nothing more is given, the rest of
    the file is still read, and :class:`~xzjd.errors.InputError` is raised at its end with
    every problem of the file. A caller that must not act on part of a bad file runs
    :func:`check_cases` on it first (some 60% of the time of this reading), then this.

    Args:
        source: a path or an open file; CSV, JSON or an Excel workbook.
        encoding: a CSV file's encoding, ``"utf-8"``, ``"gb18030"`` or ``"gbk"``; ``None``
            finds it out (UTF-8, else GB18030 Chinese text; docs/evaluation.md).
        sheet: the sheet of an ``.xlsx`` workbook to read; ``None`` is the first one.

    Yields:
        The cases in file order.

    Raises:
        InputError: the file cannot be read or its header is wrong (at the first case), or,
            at the end of the file, with every problem of its rows.
    """
    diags: list[Diagnostic] = []
    for case in scan(source, diags, build=True, encoding=encoding, sheet=sheet):
        assert case is not None
        yield case
    if diags:
        raise InputError(diags)


def check_cases(source: Source, *, encoding: str | None = None, sheet: str | None = None) -> int:
    """Check a case events file as :func:`read_cases` does, building no case; the count.

    Returns:
        How many cases the file has.

    Raises:
        InputError: with a diagnostic for every problem of the file.
    """
    diags: list[Diagnostic] = []
    count = sum(1 for _ in scan(source, diags, build=False, encoding=encoding, sheet=sheet))
    if diags:
        raise InputError(diags)
    return count
