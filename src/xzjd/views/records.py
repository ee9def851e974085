# SPDX-License-Identifier: MIT
"""Evaluation results and agendas for programs: JSON and CSV.

The JSON of :func:`render_json` is the contract of language.md section 6: one array, sorted by
agency, obligation and deadline, of objects with exactly the keys
``agency, obligation, period, opens, nominal_due, due, state, days_overdue, step, recipients,
filings, source`` in that order, then the keys added since (:data:`ADDED_KEYS`: the agency's
name, the obligation's title and deliverable, the recipients' names, the day a done or late
period was satisfied and the days it was late), then ``"provisional": true`` on a record
computed from a provisional calendar year. The CSV has the section 6 columns, then
``provisional``, then the added ones: a column keeps its position as columns are added.

Each format is also produced in pieces (``iter_json``, ``iter_csv``, ``iter_agenda_json``):
one record or one CSV row at a time, so that the command line writes a report of any size
without holding it (:mod:`xzjd.views.output`). The ``render_*`` functions join the pieces.
CSV cells a spreadsheet would run as formulas are neutralised unless ``raw=True``
(:mod:`xzjd.text.escape`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from xzjd.engine import Status
from xzjd.text.escape import csv_row
from xzjd.views.agenda import AgendaItem

__all__ = [
    "ADDED_KEYS",
    "CONTRACT_KEYS",
    "CSV_KEYS",
    "JSON_KEYS",
    "iter_agenda_json",
    "iter_csv",
    "iter_json",
    "render_agenda_json",
    "render_csv",
    "render_json",
]

#: The keys of language.md section 6, in order.
CONTRACT_KEYS = (
    "agency",
    "obligation",
    "period",
    "opens",
    "nominal_due",
    "due",
    "state",
    "days_overdue",
    "step",
    "recipients",
    "filings",
    "source",
)

#: The keys added after section 6's (issue 15): names beside the ids, and lateness.
ADDED_KEYS = (
    "agency_name",
    "title",
    "deliverable",
    "recipient_names",
    "satisfied_on",
    "days_late",
)

#: The keys of one JSON record, in order (``provisional`` follows when it is true).
JSON_KEYS = (*CONTRACT_KEYS, *ADDED_KEYS)

#: The columns of ``--format csv``: section 6's keys, ``provisional`` (``true`` or empty),
#: then the added keys.
CSV_KEYS = (*CONTRACT_KEYS, "provisional", *ADDED_KEYS)


def _json_array(records: Iterable[Mapping[str, Any]], ensure_ascii: bool) -> Iterator[str]:
    """``json.dumps(list(records), indent=2) + "\\n"``, one record at a time.

    Each record is dumped on its own and indented one level further (a JSON string never
    holds a raw newline, so every newline of the dump starts a line of the layout): the
    pieces joined are the very bytes of the whole array dumped at once.
    """
    first = True
    for record in records:
        text = json.dumps(record, ensure_ascii=ensure_ascii, indent=2).replace("\n", "\n  ")
        yield ("[\n  " if first else ",\n  ") + text
        first = False
    yield "[]\n" if first else "\n]\n"


def iter_json(
    statuses: Iterable[Status],
    *,
    ensure_ascii: bool = False,
    names: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """:func:`render_json` in pieces: the first record with the opening bracket, then one
    piece per record, then the closing bracket. Reads *statuses* as it goes.

    *ensure_ascii* writes non-ASCII characters as ``\\uXXXX`` escapes (the same JSON value),
    for an output whose encoding cannot hold them. *names* maps agency ids to their names
    (:meth:`Status.to_json <xzjd.engine.Status.to_json>`).
    """
    return _json_array((s.to_json(names) for s in statuses), ensure_ascii)


def render_json(statuses: Iterable[Status], *, names: Mapping[str, str] | None = None) -> str:
    """One JSON array of the records, in the order given (``evaluate`` sorts them)."""
    return "".join(iter_json(statuses, names=names))


def render_csv(
    statuses: Iterable[Status], *, raw: bool = False, names: Mapping[str, str] | None = None
) -> str:
    """CSV with :data:`CSV_KEYS` as header; lists joined by ``;``, null as empty.

    Cells that a spreadsheet would run as formulas are neutralised (a leading ``'``) unless
    *raw* (:func:`xzjd.text.escape.csv_row`). *names* as for :func:`iter_json`.
    """
    return "".join(iter_csv(statuses, raw=raw, names=names))


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


def iter_csv(
    statuses: Iterable[Status], *, raw: bool = False, names: Mapping[str, str] | None = None
) -> Iterator[str]:
    """:func:`render_csv` in pieces: the header line, then one line per record."""
    yield csv_row(CSV_KEYS, raw=raw)
    for s in statuses:
        record = s.to_json(names)
        row = [_cell(record[key]) for key in CONTRACT_KEYS]
        row.append("true" if s.provisional_years else "")
        row += [_cell(record[key]) for key in ADDED_KEYS]
        yield csv_row(row, raw=raw)


def render_agenda_json(items: Iterable[AgendaItem]) -> str:
    """The agenda as one JSON array."""
    return "".join(iter_agenda_json(items))


def iter_agenda_json(items: Iterable[AgendaItem], *, ensure_ascii: bool = False) -> Iterator[str]:
    """:func:`render_agenda_json` in pieces, one item at a time (see :func:`iter_json`)."""
    return _json_array((i.to_json() for i in items), ensure_ascii)
