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

Each format is also produced in pieces (``iter_json``, ``iter_jsonl``, ``iter_csv``,
``iter_agenda_json``): one record or one CSV row at a time, so that the command line writes a
report of any size without holding it (:mod:`xzjd.views.output`). ``iter_jsonl`` is JSON
Lines: the same records, one compact object a line. The ``render_*`` functions join the pieces.
CSV cells a spreadsheet would run as formulas are neutralised unless ``raw=True``
(:mod:`xzjd.text.escape`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from xzjd.engine import Status
from xzjd.model import State, Step
from xzjd.text.escape import csv_row
from xzjd.views.agenda import AgendaItem
from xzjd.views.jsontext import Encode, json_array, json_value, string_encoder

__all__ = [
    "ADDED_KEYS",
    "CONTRACT_KEYS",
    "CSV_KEYS",
    "JSON_KEYS",
    "LINE_TEXT",
    "RECORD_TEXT",
    "iter_agenda_json",
    "iter_csv",
    "iter_json",
    "iter_jsonl",
    "record_texts",
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

    Each record is laid out at depth one by :func:`~xzjd.views.jsontext.json_value` with the
    C string encoder (``json.dumps`` with an indent runs the encoder written in Python, and
    each of its calls leaves objects in reference cycles): the pieces joined are the very
    bytes of the whole array dumped at once.
    """
    encode = string_encoder(ensure_ascii)
    return json_array(json_value(record, "  ", encode) for record in records)


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

    The pieces joined are the bytes of ``json.dumps([s.to_json(names) for s in statuses],
    indent=2) + "\\n"``, but no record is built as a dict: each is laid out from a template
    with the C string encoder (:mod:`xzjd.views.jsontext`), several times faster than
    ``json.dumps`` with an indent. tests/test_json_text.py holds the two equal.
    """
    return json_array(record_texts(statuses, string_encoder(ensure_ascii), names, compact=False))


def iter_jsonl(
    statuses: Iterable[Status],
    *,
    ensure_ascii: bool = False,
    names: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """JSON Lines: one line per record, the object of :func:`iter_json` written compactly
    (``json.dumps(s.to_json(names), separators=(",", ":")) + "\\n"``), the same keys in the
    same order. A reader takes the lines one at a time; an empty report is no line at all.
    *ensure_ascii* and *names* as for :func:`iter_json`.
    """
    return record_texts(statuses, string_encoder(ensure_ascii), names, compact=True)


#: One record as ``json.dumps(status.to_json(), indent=2)`` writes it, indented by two:
#: the keys of :data:`JSON_KEYS` in order; ``provisional`` is added before the last brace.
RECORD_TEXT = (
    "{\n"
    '    "agency": %s,\n'
    '    "obligation": %s,\n'
    '    "period": %s,\n'
    '    "opens": "%s",\n'
    '    "nominal_due": "%s",\n'
    '    "due": "%s",\n'
    '    "state": %s,\n'
    '    "days_overdue": %s,\n'
    '    "step": %s,\n'
    '    "recipients": %s,\n'
    '    "filings": %s,\n'
    '    "source": %s,\n'
    '    "agency_name": %s,\n'
    '    "title": %s,\n'
    '    "deliverable": %s,\n'
    '    "recipient_names": %s,\n'
    '    "satisfied_on": %s,\n'
    '    "days_late": %s%s\n'
    "  }"
)

#: The same record on one line, as ``json.dumps(..., separators=(",", ":"))`` writes it.
LINE_TEXT = (
    '{"agency":%s,"obligation":%s,"period":%s,"opens":"%s","nominal_due":"%s","due":"%s",'
    '"state":%s,"days_overdue":%s,"step":%s,"recipients":%s,"filings":%s,"source":%s,'
    '"agency_name":%s,"title":%s,"deliverable":%s,"recipient_names":%s,"satisfied_on":%s,'
    '"days_late":%s%s}\n'
)
# Enum words are plain ASCII: the same text whichever encoder is used.
_STATE_JSON = {m: json.dumps(m.value) for m in State}
_STEP_JSON: dict[Step | None, str] = {m: json.dumps(m.value) for m in Step}
_STEP_JSON[None] = "null"
#: How many encoded texts :func:`record_texts` keeps before it starts its memo afresh.
_TEXTS_KEPT = 4096


def record_texts(
    statuses: Iterable[Status],
    encode: Encode,
    names: Mapping[str, str] | None,
    compact: bool,
) -> Iterator[str]:
    """Each record's text: :data:`LINE_TEXT` if *compact*, else :data:`RECORD_TEXT`.

    The loop is written out in one function (no call per field), and the text of a date,
    of an agency and of a list of recipients is made once: this is most of the time of a
    JSON report.
    """
    if compact:
        template, opening, separator, closing = LINE_TEXT, "[", ",", "]"
        provisional = ',"provisional":true'
    else:
        template, opening, separator, closing = RECORD_TEXT, "[\n      ", ",\n      ", "\n    ]"
        provisional = ',\n    "provisional": true'
    state_json, step_json = _STATE_JSON, _STEP_JSON
    days: dict[dt.date, str] = {}
    # The records come agency by agency, and an agency's periods share their recipients:
    # the agency's text and each list of recipients (with its names) are made once an
    # agency (the lists are forgotten at the next, so memory does not grow with the run).
    agency: str | None = None
    agency_text = agency_name = ""
    listed: dict[tuple[str, ...], tuple[str, str]] = {}
    # The texts of an obligation's id, title, source and deliverable and of its period labels
    # repeat for every agency: each is encoded once (the memo is emptied when it grows past a
    # bound, for event periods, whose labels are many).
    texts: dict[str | None, str] = {None: "null"}
    for s in statuses:
        if s.agency != agency:
            agency = s.agency
            agency_text = encode(agency)
            name = None if names is None else names.get(agency)
            agency_name = "null" if name is None else encode(name)
            listed.clear()
            if len(texts) > _TEXTS_KEPT:
                texts.clear()
                texts[None] = "null"
        recipients = s.recipients
        if (lists := listed.get(recipients)) is None:
            recipient_names = recipients if names is None else [names.get(r, r) for r in recipients]
            lists = listed[recipients] = (
                opening + separator.join(map(encode, recipients)) + closing if recipients else "[]",
                opening + separator.join(map(encode, recipient_names)) + closing
                if recipient_names
                else "[]",
            )
        filings = s.filings
        source, title, deliverable, obligation, period = (
            s.source,
            s.title,
            s.deliverable,
            s.obligation,
            s.period,
        )
        if (source_text := texts.get(source)) is None:
            source_text = texts[source] = encode(source)  # type: ignore[arg-type]
        if (title_text := texts.get(title)) is None:
            title_text = texts[title] = encode(title)  # type: ignore[arg-type]
        if (deliverable_text := texts.get(deliverable)) is None:
            deliverable_text = texts[deliverable] = encode(deliverable)  # type: ignore[arg-type]
        if (obligation_text := texts.get(obligation)) is None:
            obligation_text = texts[obligation] = encode(obligation)
        if (period_text := texts.get(period)) is None:
            period_text = texts[period] = encode(period)
        days_overdue, days_late, satisfied_on = s.days_overdue, s.days_late, s.satisfied_on
        opens, nominal_due, due = s.opens, s.nominal_due, s.due
        if (opened := days.get(opens)) is None:
            opened = days[opens] = opens.isoformat()
        if (nominal := days.get(nominal_due)) is None:
            nominal = days[nominal_due] = nominal_due.isoformat()
        if (dued := days.get(due)) is None:
            dued = days[due] = due.isoformat()
        yield template % (
            agency_text,
            obligation_text,
            period_text,
            opened,
            nominal,
            dued,
            state_json[s.state],
            "null" if days_overdue is None else int.__repr__(days_overdue),
            step_json[s.step],
            lists[0],
            opening + separator.join(map(encode, filings)) + closing if filings else "[]",
            source_text,
            agency_name,
            title_text,
            deliverable_text,
            lists[1],
            "null" if satisfied_on is None else f'"{satisfied_on.isoformat()}"',
            "null" if days_late is None else int.__repr__(days_late),
            provisional if s.provisional_years else "",
        )


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


def _optional(value: object) -> str:
    return "" if value is None else str(value)


def iter_csv(
    statuses: Iterable[Status], *, raw: bool = False, names: Mapping[str, str] | None = None
) -> Iterator[str]:
    """:func:`render_csv` in pieces: the header line, then one line per record.

    The cells are those of :meth:`Status.to_json <xzjd.engine.Status.to_json>` (lists
    ``;``-joined, null as empty), taken from the record's fields without building the dict.
    """
    yield csv_row(CSV_KEYS, raw=raw)
    for s in statuses:
        if names is None:
            agency_name = ""
            recipient_names = ";".join(s.recipients)
        else:
            agency_name = names.get(s.agency) or ""
            recipient_names = ";".join([names.get(r, r) for r in s.recipients])
        satisfied_on = s.satisfied_on
        row = [
            s.agency,
            s.obligation,
            s.period,
            s.opens.isoformat(),
            s.nominal_due.isoformat(),
            s.due.isoformat(),
            s.state.value,
            _optional(s.days_overdue),
            "" if s.step is None else s.step.value,
            ";".join(s.recipients),
            ";".join(s.filings),
            _optional(s.source),
            "true" if s.provisional_years else "",
            agency_name,
            _optional(s.title),
            _optional(s.deliverable),
            recipient_names,
            "" if satisfied_on is None else satisfied_on.isoformat(),
            _optional(s.days_late),
        ]
        yield csv_row(row, raw=raw)


def render_agenda_json(items: Iterable[AgendaItem]) -> str:
    """The agenda as one JSON array."""
    return "".join(iter_agenda_json(items))


def iter_agenda_json(items: Iterable[AgendaItem], *, ensure_ascii: bool = False) -> Iterator[str]:
    """:func:`render_agenda_json` in pieces, one item at a time (see :func:`iter_json`)."""
    return _json_array((i.to_json() for i in items), ensure_ascii)
