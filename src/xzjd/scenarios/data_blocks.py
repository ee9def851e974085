# SPDX-License-Identifier: MIT
"""The data blocks of a scenario file, read into the facts of each scenario.

Data lines (``agencies "agencies.csv"``, ``filings:`` followed by inline CSV rows, ``events
none``, ``cases "cases.csv"``) at the top of a file are the defaults of every scenario in it;
a scenario that has its own line of a kind (for example ``filings:``) uses only its own lines
of that kind. Files are named relative to the test file and read once per run
(:class:`Loader`); an error in an inline row points at its cell in the test file, not into a
made-up CSV.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from xzjd.errors import CheckError, Diagnostic, InputError, Span
from xzjd.facts.agencies import Agency, Registry
from xzjd.facts.agency_reading import read_agencies
from xzjd.facts.cases import Case, read_cases
from xzjd.facts.tables import Event, Filing, read_events, read_filings, text_source
from xzjd.language import CheckedRuleset, load_checked
from xzjd.model import DataDecl, DataKind, KindDecl, Scenario
from xzjd.scenarios.diagnostics import diagnostic, source_line
from xzjd.text.escape import escape_controls

__all__ = ["Facts", "Loader", "data_path", "into_test_file", "scenario_facts"]


_HEADERS = {
    DataKind.AGENCIES: "id,name,kind,level,region,tags",
    DataKind.FILINGS: "id,agency,obligation,filed_on,period,recipient,status",
    DataKind.EVENTS: "id,agency,event,date",
    DataKind.CASES: "case,agency,obligation,event,date,note",
}


@attrs.frozen(kw_only=True)
class Facts:
    """The agencies, filings, events and cases one scenario is evaluated against.

    ``inline`` maps the name an inline block of rows was read under to that block, so that a
    diagnostic the evaluation gives about one of its rows can be moved to the row in the test
    file (:func:`into_test_file`).
    """

    registry: Registry
    filings: tuple[Filing, ...]
    events: tuple[Event, ...]
    cases: tuple[Case, ...] = ()
    inline: Mapping[str, DataDecl] = attrs.field(factory=dict, repr=False)


class Loader:
    """Reads the data files of a run once, whatever number of scenarios use them."""

    def __init__(self) -> None:
        self._files: dict[tuple[DataKind, str, tuple[KindDecl, ...]], tuple[Any, ...]] = {}
        self._rules: dict[str, CheckedRuleset] = {}

    def rules(self, path: str) -> CheckedRuleset:
        """The rules file at *path*, read and checked once per run."""
        key = os.path.abspath(path)
        if key not in self._rules:
            self._rules[key] = load_checked(path)
        return self._rules[key]

    def data(
        self,
        decl: DataDecl,
        base: str,
        file: str,
        text: str,
        kinds: tuple[KindDecl, ...] = (),
    ) -> tuple[Any, ...]:
        """The rows of one data line; *kinds* are the kinds the rules declare (an agencies
        file may name them)."""
        if decl.path is not None:
            path = data_path(decl.path, base)
            key = (decl.kind, os.path.abspath(path), kinds)
            if key not in self._files:
                if not os.path.isfile(path):
                    raise CheckError(
                        [
                            diagnostic(
                                "scenario/no-such-file",
                                file,
                                text,
                                decl.span,
                                kind_value=decl.kind.value,
                                value=escape_controls(path),
                            )
                        ]
                    )
                self._files[key] = _read(decl.kind, path, kinds)
            return self._files[key]
        return _read_rows(decl, file, text, kinds)


def data_path(path: str, base: str) -> str:
    """A path named in a test file: as written when absolute, else relative to *base*."""
    return path if os.path.isabs(path) else os.path.join(base, path)


def _read(kind: DataKind, source: Any, kinds: tuple[KindDecl, ...] = ()) -> tuple[Any, ...]:
    if kind is DataKind.AGENCIES:
        return tuple(read_agencies(source, kinds=kinds))
    if kind is DataKind.FILINGS:
        return tuple(read_filings(source))
    if kind is DataKind.CASES:
        return tuple(read_cases(source))
    return read_events(source)


def inline_name(decl: DataDecl, file: str) -> str:
    """The name the inline rows of *decl* are read under (one per block)."""
    line = decl.span.line if decl.span is not None else 0
    return f"{file}:{line}.csv" if decl.kind is DataKind.CASES else file + ".csv"


def _row_text(decl: DataDecl, text: str) -> str:
    """An inline row as a line of its CSV: a case row without its note gets an empty one
    (the note is the last column, so no cell moves)."""
    if decl.kind is DataKind.CASES and len(next(csv.reader([text]), [])) == 5:
        return text + ","
    return text


def _read_rows(
    decl: DataDecl, file: str, text: str, kinds: tuple[KindDecl, ...] = ()
) -> tuple[Any, ...]:
    """Read inline rows; diagnostics point into the test file, not into a made-up CSV."""
    header = _HEADERS[decl.kind]
    csv_text = header + "\n" + "\n".join(_row_text(decl, r.text) for r in decl.rows) + "\n"
    try:
        return _read(decl.kind, text_source(csv_text, inline_name(decl, file)), kinds)
    except InputError as exc:
        raise InputError(_moved(exc.diagnostics, decl, file, text)) from None


def into_test_file(
    diagnostics: Iterable[Diagnostic], facts: Facts, file: str, text: str
) -> list[Diagnostic]:
    """*diagnostics*, those about a row of an inline block of *facts* moved to the row in the
    test file *file* (the others as they are)."""
    out: list[Diagnostic] = []
    for d in diagnostics:
        decl = facts.inline.get(d.file) if d.file is not None else None
        out.extend([d] if decl is None else _moved([d], decl, file, text))
    return out


def _moved(
    diagnostics: Iterable[Diagnostic], decl: DataDecl, file: str, text: str
) -> list[Diagnostic]:
    """Diagnostics about the made-up CSV of *decl*'s rows, pointing at the rows instead."""
    moved: list[Diagnostic] = []
    for d in diagnostics:
        row = None
        if d.span is not None and 2 <= d.span.line <= len(decl.rows) + 1:
            row = decl.rows[d.span.line - 2]
        if row is None or row.span is None or d.span is None:
            first = decl.rows[0].span if decl.rows else decl.span
            moved.append(
                attrs.evolve(
                    d,
                    file=file,
                    span=first,
                    line_text=source_line(text, first.line) if first else None,
                )
            )
            continue
        shift = row.span.column - 1
        span = Span(
            row.span.line,
            d.span.column + shift,
            row.span.line,
            (d.span.end_column + shift) if d.span.end_line == d.span.line else row.span.end_column,
        )
        moved.append(
            attrs.evolve(d, file=file, span=span, line_text=source_line(text, row.span.line))
        )
    return moved


def scenario_facts(
    scenario: Scenario,
    defaults: Sequence[DataDecl],
    loader: Loader,
    base: str,
    file: str,
    text: str,
    kinds: tuple[KindDecl, ...] = (),
) -> Facts:
    """The facts of *scenario*: its own data lines of each kind, else the file's *defaults*.

    *kinds* are the kinds the rules declare, which an agencies file may name."""
    found: dict[DataKind, list[Any]] = {}
    inline: dict[str, DataDecl] = {}
    for kind in DataKind:
        decls = [d for d in scenario.data if d.kind is kind] or [
            d for d in defaults if d.kind is kind
        ]
        _refuse_repeated_files(decls, base, file, text)
        items: list[Any] = []
        for decl in decls:
            items.extend(loader.data(decl, base, file, text, kinds))
            if decl.path is None and decl.rows:
                inline[inline_name(decl, file)] = decl
        found[kind] = items
    agencies: list[Agency] = found[DataKind.AGENCIES]
    return Facts(
        registry=Registry(agencies, file=file),
        filings=tuple(found[DataKind.FILINGS]),
        events=tuple(found[DataKind.EVENTS]),
        cases=tuple(found[DataKind.CASES]),
        inline=inline,
    )


def _refuse_repeated_files(decls: Sequence[DataDecl], base: str, file: str, text: str) -> None:
    """A file named twice for the same kind in one block would count each of its rows twice.

    Refused before any file is read: a block naming one filings file two thousand times would
    otherwise read and evaluate two thousand copies of it.
    """
    first: dict[str, DataDecl] = {}
    problems: list[Diagnostic] = []
    for decl in decls:
        if decl.path is None:
            continue
        earlier = first.setdefault(os.path.abspath(data_path(decl.path, base)), decl)
        if earlier is decl:
            continue
        at = f" (line {earlier.span.line})" if earlier.span else ""
        at_zh = f"（第 {earlier.span.line} 行）" if earlier.span else ""
        what = decl.kind.value
        shown = escape_controls(decl.path)
        problems.append(
            diagnostic(
                "scenario/repeated-data",
                file,
                text,
                decl.span,
                what=what,
                shown=shown,
                at=at,
                at_zh=at_zh,
            )
        )
    if problems:
        raise CheckError(problems)
