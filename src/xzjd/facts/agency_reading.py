# SPDX-License-Identifier: MIT
"""Reading an agencies file: :func:`read_agencies`.

A CSV line of the usual kind becomes an :class:`~xzjd.facts.agencies.Agency` at once; any
other line, and every row of a JSON file or a workbook, is checked as a row by the reader's
checks, which add the diagnostics (:class:`_Reading`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from xzjd.errors import Diagnostic, InputError, Span
from xzjd.facts.agencies import (
    _COLUMNS_OPTIONAL,
    _COLUMNS_REQUIRED,
    Agency,
    Registry,
    _kind,
    _level,
    _norm,
    _region,
    _tags,
)
from xzjd.facts.cells import ID, check_unique, require
from xzjd.facts.files import Source
from xzjd.facts.rows import Origin, Row
from xzjd.facts.table_reader import csv_row, open_table
from xzjd.model import AnyKind, DeclaredKind, KindDecl, Level
from xzjd.vocab import KIND_SPELLINGS, LEVEL_SPELLINGS

__all__ = ["read_agencies", "read_agency_file"]


def read_agencies(
    source: Source,
    *,
    kinds: Iterable[KindDecl] = (),
    encoding: str | None = None,
    sheet: str | None = None,
) -> Registry:
    """Read an agencies file (``id,name,kind,level,region,tags,system``).

    Args:
        source: a path or an open file; CSV, JSON or an Excel workbook (by extension, else
            by content).
        kinds: the kinds the ruleset declares (:attr:`Ruleset.kinds
            <xzjd.model.Ruleset.kinds>`), which the kind column may name besides the
            built-in ones.
        encoding: a CSV file's encoding, ``"utf-8"``, ``"gb18030"`` or ``"gbk"``; ``None``
            finds it out (UTF-8, else GB18030 Chinese text; docs/evaluation.md).
        sheet: the sheet of an ``.xlsx`` workbook to read; ``None`` is the first one.

    Returns:
        A :class:`Registry` of the agencies.

    Raises:
        InputError: with a diagnostic for every bad row (unknown kind or level, duplicate id,
            empty id or kind); nothing is returned from a bad file.
    """
    return read_agency_file(source, _declared(kinds), encoding, sheet)


def _declared(kinds: Iterable[KindDecl]) -> dict[str, DeclaredKind]:
    """Spelling -> declared kind: each kind's name and title. One object a kind, so that
    agencies of one kind share it."""
    out: dict[str, DeclaredKind] = {}
    for decl in kinds:
        kind = decl.kind
        for word in (decl.name, decl.title):
            if word is not None:
                out.setdefault(_norm(word), kind)
    return out


def read_agency_file(
    source: Source,
    declared: Mapping[str, DeclaredKind],
    encoding: str | None,
    sheet: str | None,
) -> Registry:
    """The body of :func:`read_agencies`: the agencies of *source*,
    kinds spelt as *declared* allowed."""
    diags: list[Diagnostic] = []
    table = open_table(
        source,
        required=_COLUMNS_REQUIRED,
        optional=_COLUMNS_OPTIONAL,
        what="agencies",
        diags=diags,
        encoding=encoding,
        sheet=sheet,
    )
    reading = _Reading(table.origin, declared, diags)
    if table.rows is not None:
        for row in table.rows:
            reading.row(row)
    else:
        line = table.header_line + 1
        for block in table.blocks:
            reading.lines(block, line)
            line += len(block)
    if diags:
        raise InputError(diags)
    return Registry(reading.out, file=table.origin.name)


class _Reading:
    """The agencies of one file as they are read, and the problems found.

    A CSV line of the usual kind (no double quote, the header's number of cells, a good id
    not seen before, a known kind and level) is made an :class:`Agency` at once, its
    spellings worked out once per distinct text; any other line is made a row and checked
    by :meth:`row`, which adds the diagnostics, so a bad line's diagnostics and their order
    are the row reader's.
    """

    def __init__(
        self, origin: Origin, declared: Mapping[str, DeclaredKind], diags: list[Diagnostic]
    ) -> None:
        self.origin = origin
        self.declared = declared
        self.diags = diags
        self.out: list[Agency] = []
        self.seen: dict[str, int] = {}
        self.kinds: dict[str, AnyKind | None] = {}  # raw kind text -> kind (None: unknown)
        self.levels: dict[str, Level | None] = {}  # raw level text -> level (None: unknown)
        columns = origin.columns
        self.width = len(columns)
        self.at = [columns.index(c) if c in columns else -1 for c in _FAST_COLUMNS]

    def lines(self, lines: list[str], first: int) -> None:
        """Read CSV *lines*, the first of which is line *first*."""
        width = self.width
        at_id, at_name, at_kind, at_level, at_region, at_tags, at_system = self.at
        seen, out, kinds, levels = self.seen, self.out, self.kinds, self.levels
        origin = self.origin
        name_of_file = origin.name
        place = origin.place(first, None)
        fullmatch = ID.fullmatch
        for line, text in enumerate(lines, first):
            parts = text.split(",")
            if len(parts) != width or '"' in text:
                self._slow(line, text)
                continue
            ident = parts[at_id].strip()
            kind_text = parts[at_kind].strip()
            kind = kinds.get(kind_text, _UNKNOWN) if kind_text else None
            if kind is _UNKNOWN:
                kind = kinds[kind_text] = self._kind(kind_text)
            level_text = parts[at_level].strip()
            level = None
            if level_text:
                level = levels.get(level_text, _UNKNOWN)
                if level is _UNKNOWN:
                    level = levels[level_text] = LEVEL_SPELLINGS.get(_norm(level_text))
            if (
                kind is None
                or (level is None and level_text)
                or not ident
                or not fullmatch(ident)
                or seen.setdefault(ident, line) != line  # last: the line is good but for this
            ):
                self._slow(line, text)
                continue
            name = parts[at_name].strip()
            system = parts[at_system].strip() if at_system >= 0 else ""
            out.append(
                Agency(
                    id=ident,
                    name=name or ident,
                    kind=kind,
                    level=level,
                    region=_region(parts[at_region].strip()),
                    tags=_tags(parts[at_tags].strip()) if at_tags >= 0 else _NO_TAGS,
                    system=system or None,
                    file=name_of_file,
                    line=line,
                    line_text=text,
                    span=Span(line, 1, line, max(len(text), 1) + 1),  # rows.line_span
                    place=place,
                )
            )

    def _kind(self, text: str) -> AnyKind | None:
        kind: AnyKind | None = KIND_SPELLINGS.get(_norm(text))
        if kind is None:
            kind = self.declared.get(_norm(text))
        return kind

    def _slow(self, line: int, text: str) -> None:
        row = csv_row(self.origin, line, text, self.diags)
        if row is not None:
            self.row(row)

    def row(self, row: Row) -> None:
        """Check one row, adding its agency or its diagnostics."""
        diags = self.diags
        before = len(diags)
        ident = require(row, "id", diags, ident=True)
        kind = _kind(row, diags, self.declared)
        ok, level = _level(row, diags)
        region = _region(row.get("region") or "")
        tags = _tags(row.get("tags") or "")
        system = (row.get("system") or "").strip() or None
        if ident is not None:
            check_unique(self.seen, ident, row, "agency", diags)
        if len(diags) > before or ident is None or kind is None or not ok:
            return
        self.out.append(
            Agency(
                id=ident,
                name=row.get("name") or ident,
                kind=kind,
                level=level,
                region=region,
                tags=tags,
                system=system,
                file=row.file,
                line=row.line,
                line_text=row.line_text,
                span=row.span,
                place=row.origin.place(row.line, None),
            )
        )


_NO_TAGS: frozenset[str] = frozenset()


#: The columns the fast path of :class:`_Reading` reads, in the order of its ``at``.
_FAST_COLUMNS = ("id", "name", "kind", "level", "region", "tags", "system")
#: A spelling not looked up yet.
_UNKNOWN: Any = object()
