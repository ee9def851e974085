# SPDX-License-Identifier: MIT
"""The JSON and JSON Lines of ``xzjd check`` written from the evaluation core's columns.

:func:`iter_json_parts` and :func:`iter_jsonl_parts` give the very pieces of
:func:`~xzjd.views.records.iter_json` and :func:`~xzjd.views.records.iter_jsonl` for the
records of a :meth:`StatusStream.parts <xzjd.engine.StatusStream.parts>` (or of any runs of
records). A run that is a :class:`~xzjd.engine.table.Table` is written from its columns: no
:class:`~xzjd.engine.Status` is made. For each template of the table's bank and what the
period received (nothing, a filing by the deadline or after it, a waiver...) the record is
laid out once as a format with the fields that do not vary written in (its obligation,
period, dates, state, source, title...), and each recipient list is written once; each row
then joins in its agency, its recipients, its filings, its agency's name, its recipients'
names, and the day it was satisfied and the days it was late. The rows the core holds as
records (walked ones) and any other run are written by
:func:`~xzjd.views.records.record_texts`, the record writer. tests/test_record_columns.py
holds the two writers' bytes equal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence

from xzjd.engine import Status
from xzjd.engine.records import (
    DAYS_LATE,
    DAYS_OVERDUE,
    DELIVERABLE,
    DUE,
    NOMINAL_DUE,
    OBLIGATION,
    OPENS,
    PERIOD,
    PROVISIONAL_YEARS,
    SATISFIED_ON,
    SOURCE,
    STATE,
    STEP,
    TITLE,
)
from xzjd.engine.table import BLANK, DONE, EXPLICIT, LATE, PARTIAL, SEVERAL, WAIVED, Table
from xzjd.model import State
from xzjd.views.jsontext import Encode, string_encoder
from xzjd.views.records import LINE_TEXT, RECORD_TEXT, record_texts

__all__ = ["iter_json_parts", "iter_jsonl_parts"]

#: How many record formats (templates times kinds of row) and texts of recipient lists
#: :func:`_table_texts` keeps before it starts each memo afresh: memory stays bounded
#: whatever the number of templates (event periods) and of lists (which grows with the
#: agencies).
_FORMATS_KEPT = 1 << 14
_LISTS_KEPT = 1 << 12
#: Rows read from the columns at a time (a bounded list of values in hand).
_STEP = 8192
#: The kinds of row whose record says the day the period was satisfied.
_SATISFIED = frozenset({DONE, LATE})


def iter_json_parts(
    parts: Iterable[Iterable[Status]],
    *,
    ensure_ascii: bool = False,
    names: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """The pieces of :func:`~xzjd.views.records.iter_json` for the records of *parts*, in
    order; the tables among them written from their columns. Reads *parts* as it goes."""
    # Each record comes with the separator before it (as json_array would add it): the
    # first one's is made the opening bracket.
    pieces = _texts(parts, string_encoder(ensure_ascii), names, compact=False)
    first = next(pieces, None)
    if first is None:
        yield "[]\n"
        return
    yield "[" + first[1:]
    yield from pieces
    yield "\n]\n"


def iter_jsonl_parts(
    parts: Iterable[Iterable[Status]],
    *,
    ensure_ascii: bool = False,
    names: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """The lines of :func:`~xzjd.views.records.iter_jsonl` for the records of *parts*."""
    return _texts(parts, string_encoder(ensure_ascii), names, compact=True)


#: What comes before each record of a JSON array (the first's comma becomes the bracket).
_SEPARATOR = ",\n  "


def _texts(
    parts: Iterable[Iterable[Status]],
    encode: Encode,
    names: Mapping[str, str] | None,
    compact: bool,
) -> Iterator[str]:
    """The records' texts; in a JSON array (not *compact*) each after :data:`_SEPARATOR`."""
    for part in parts:
        if isinstance(part, Table):
            yield from _table_texts(part, encode, names, compact)
        elif compact:
            yield from record_texts(part, encode, names, compact)
        else:
            yield from map(_SEPARATOR.__add__, record_texts(part, encode, names, compact))


def _text(value: str | None, encode: Encode) -> str:
    return "null" if value is None else encode(value)


def _number(value: int | None) -> str:
    return "null" if value is None else int.__repr__(value)


def _day(value: dt.date | None) -> str:
    return "null" if value is None else f'"{value.isoformat()}"'


class _Layout:
    """The record formats of one table: one per template and kind of row, made when first
    needed; and the texts of the recipient lists of one agency."""

    def __init__(
        self, table: Table, encode: Encode, names: Mapping[str, str] | None, compact: bool
    ) -> None:
        self.table = table
        self.encode = encode
        self.names = names
        if compact:
            self.template = LINE_TEXT
            self.opening, self.separator, self.closing = "[", ",", "]"
            self.provisional = ',"provisional":true'
        else:
            self.template = RECORD_TEXT
            self.opening, self.separator, self.closing = "[\n      ", ",\n      ", "\n    ]"
            self.provisional = ',\n    "provisional": true'
        #: The formats made, by template and kind (``template << 4 | kind``).
        self.formats: dict[int, tuple[str, str, str]] = {}
        #: The texts of the recipient lists and of their names, by list.
        self.lists: dict[int, tuple[str, str]] = {}
        self.lead = "" if compact else _SEPARATOR

    def listed(self, items: Sequence[str]) -> str:
        """A list of strings as the record writes it."""
        if not items:
            return "[]"
        return self.opening + self.separator.join(map(self.encode, items)) + self.closing

    def recipients(self, number: int) -> tuple[str, str]:
        """The texts of recipient list *number* and of its names, made and kept."""
        recipients = self.table.recipients[number]
        names = self.names
        recipient_names = recipients if names is None else [names.get(r, r) for r in recipients]
        found = self.lists[number] = (self.listed(recipients), self.listed(recipient_names))
        return found

    def format(self, template: int, kind: int) -> tuple[str, str, str]:
        """The format of the records of *template* whose period received *kind* (a kind of
        :class:`~xzjd.engine.table.Table` but :data:`EXPLICIT`), made and kept: its slots
        are the agency, the recipients, the filings, the agency's name, the recipients'
        names, the day satisfied and the days late; with the texts of the last two where
        they do not vary. In a JSON array the record's separator comes first."""
        if len(self.formats) >= _FORMATS_KEPT:
            self.formats.clear()
        key = template << 4 | kind
        # A partly received period's record is its blank one with filings.
        kind = BLANK if kind == PARTIAL else kind & ~SEVERAL
        encode = self.encode
        fields = (self.table.bank.blank if kind == BLANK else self.table.bank.done)[template]
        state = State.LATE if kind == LATE else State.WAIVED if kind == WAIVED else fields[STATE]
        step = fields[STEP]

        def fixed(text: str) -> str:
            return text.replace("%", "%%")

        written = self.lead + self.template % (
            "%s",
            fixed(encode(fields[OBLIGATION])),  # type: ignore[arg-type]
            fixed(encode(fields[PERIOD])),  # type: ignore[arg-type]
            fields[OPENS].isoformat(),  # type: ignore[attr-defined]
            fields[NOMINAL_DUE].isoformat(),  # type: ignore[attr-defined]
            fields[DUE].isoformat(),  # type: ignore[attr-defined]
            encode(state.value),  # type: ignore[attr-defined]
            _number(fields[DAYS_OVERDUE]),  # type: ignore[arg-type]
            "null" if step is None else encode(step.value),  # type: ignore[attr-defined]
            "%s",
            "%s",
            fixed(_text(fields[SOURCE], encode)),  # type: ignore[arg-type]
            "%s",
            fixed(_text(fields[TITLE], encode)),  # type: ignore[arg-type]
            fixed(_text(fields[DELIVERABLE], encode)),  # type: ignore[arg-type]
            "%s",
            "%s",
            "%s",
            self.provisional if fields[PROVISIONAL_YEARS] else "",
        )
        found = self.formats[key] = (
            written,
            _day(fields[SATISFIED_ON]),  # type: ignore[arg-type]
            _number(fields[DAYS_LATE]),  # type: ignore[arg-type]
        )
        return found


def _table_texts(
    table: Table, encode: Encode, names: Mapping[str, str] | None, compact: bool
) -> Iterator[str]:
    """Each record's text of *table*, as :func:`~xzjd.views.records.record_texts` writes it
    (in a JSON array, after :data:`_SEPARATOR`)."""
    layout = _Layout(table, encode, names, compact)
    formats, form, listed = layout.formats, layout.format, layout.listed
    lists, recipients = layout.lists, layout.recipients
    opening, closing = layout.opening, layout.closing
    agencies, explicit, several = table.agencies, table.explicit, table.several
    filing_id, due = table.filing_id, table.bank.due_days
    days: dict[int, str] = {}
    agency = -1
    agency_text = agency_name = ""
    for start in range(0, len(table), _STEP):
        rows = slice(start, start + _STEP)
        cells, ids = table.row_fields(rows)
        for a, j, t, k, r, d in cells:
            if k == EXPLICIT:
                text = next(record_texts((explicit[r],), encode, names, compact))
                yield text if compact else _SEPARATOR + text
                continue
            if a != agency:
                agency = a
                agency_text = encode(agencies[a])
                name = None if names is None else names.get(agencies[a])
                agency_name = "null" if name is None else encode(name)
                if len(lists) > _LISTS_KEPT:
                    lists.clear()
            owed, owed_names = lists.get(j) or recipients(j)
            written, satisfied, late = formats.get(t << 4 | k) or form(t, k)
            if k in _SATISFIED:
                filings = opening + encode(next(ids)) + closing
            elif k == BLANK:
                yield written % (agency_text, owed, "[]", agency_name, owed_names, satisfied, late)
                continue
            elif k == WAIVED:
                filings = opening + encode(next(ids)) + closing
            else:  # PARTIAL, or with SEVERAL
                filings = listed([filing_id(f) for f in several[r]])
                k &= ~SEVERAL
            if k in _SATISFIED:
                day = days.get(d)
                if day is None:
                    day = days[d] = f'"{dt.date.fromordinal(d).isoformat()}"'
                satisfied = day
                if k == LATE:
                    late = int.__repr__(d - due[t])
            yield written % (agency_text, owed, filings, agency_name, owed_names, satisfied, late)
