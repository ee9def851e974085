# SPDX-License-Identifier: MIT
"""iCalendar (RFC 5545) export of an agency's coming deadlines.

Each deadline becomes a ``VTODO`` with an all-day ``DUE`` (or, on request, an all-day
``VEVENT`` on the deadline day), with a ``VALARM`` on the first day of the warning window when
the obligation's ladder has a warn line. The output is deterministic: no clock is read.

* ``UID`` is ``<agency>.<obligation>.<period>@xzjd``: the same deadline keeps the same UID in
  every export, so calendar programs update it instead of adding a copy.
* ``DTSTAMP`` must be a UTC date-time (RFC 5545 section 3.8.7.2); it is derived from the first
  day of the exported range (midnight UTC), never from the clock.
* Alarms fire at 09:00 Beijing time (01:00 UTC) on the warning day; an absolute ``TRIGGER``
  must be written in UTC (section 3.8.6.3).
* Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character
  (section 3.1); text values escape backslash, semicolon, comma and newline (section 3.3.11).
* Text taken from the input (ids, titles, names, deliverables, sources) never brings a control
  character into the file, which TEXT does not allow (section 3.3.11): control and
  bidirectional characters are written out as escapes (``\\x1b``, ``\\u202e``,
  :func:`xzjd.text.escape.escape_controls`) before the TEXT escaping.
* Dates always have four-digit years (``DATE`` is ``4DIGIT 2DIGIT 2DIGIT``, section 3.3.4):
  the year 999 is ``0999``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from xzjd.text.escape import escape_controls
from xzjd.views.agenda import AgendaItem

__all__ = ["escape_text", "fold_line", "iter_ics", "render_ics"]

_PRODID = "-//xzjd//xzjd agenda//EN"


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 section 3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold_line(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 section 3.1), joined with CRLF + space.

    Continuation lines start with one space, which counts towards their 75 octets; a
    multi-octet UTF-8 character is never split.
    """
    out: list[str] = []
    current: list[str] = []
    size = 0
    limit = 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append("".join(current))
            current, size, limit = [], 0, 74
        current.append(ch)
        size += n
    out.append("".join(current))
    return "\r\n ".join(out)


def _date(d: dt.date) -> str:
    # Not strftime("%Y"): it does not pad years before 1000 on every platform.
    return f"{d.year:04d}{d.month:02d}{d.day:02d}"


def _text(value: str) -> str:
    """A TEXT value from input text: control characters spelt out, then TEXT-escaped."""
    return escape_text(escape_controls(value))


def render_ics(
    items: Sequence[AgendaItem],
    *,
    stamp: dt.date,
    name: str | None = None,
    event: bool = False,
) -> str:
    """The items as one VCALENDAR.

    Args:
        items: the deadlines (from :func:`xzjd.views.agenda.agenda`).
        stamp: the day ``DTSTAMP`` is derived from (the CLI passes ``--from``).
        name: a calendar name (``X-WR-CALNAME``).
        event: all-day ``VEVENT`` on the deadline day instead of ``VTODO`` with ``DUE``.

    Returns:
        The calendar text, CRLF line ends, folded.
    """
    return "".join(iter_ics(items, stamp=stamp, name=name, event=event))


def iter_ics(
    items: Sequence[AgendaItem],
    *,
    stamp: dt.date,
    name: str | None = None,
    event: bool = False,
) -> Iterator[str]:
    """:func:`render_ics` one content line at a time, each folded and ending in CRLF."""
    for line in _lines(items, stamp=stamp, name=name, event=event):
        yield fold_line(line) + "\r\n"


def _lines(
    items: Sequence[AgendaItem], *, stamp: dt.date, name: str | None, event: bool
) -> Iterator[str]:
    """The content lines, unfolded."""
    yield from [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{_PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if name:
        yield f"X-WR-CALNAME:{_text(name)}"
    dtstamp = f"{_date(stamp)}T000000Z"
    for item in items:
        # Each value from the input is cleaned on its own, so that the description's own
        # line breaks stay line breaks and a line break in a value does not.
        c = escape_controls
        summary = f"{c(item.title or item.obligation)} ({c(item.period)})"
        details = [f"obligation: {c(item.obligation)}", f"period: {c(item.period)}"]
        if item.deliverable:
            details.append(f"deliverable: {c(item.deliverable)}")
        if item.recipients:
            details.append("to: " + ", ".join(c(r) for r in item.recipients))
        details.append(f"window: {item.opens} .. {item.due}")
        if item.nominal_due != item.due:
            details.append(f"nominal deadline {item.nominal_due}, moved to {item.due}")
        if item.source:
            details.append(f"source: {c(item.source)}")
        description = "\n".join(details)
        uid = c(f"{item.agency}.{item.obligation}.{item.period}@xzjd")
        if event:
            yield from [
                "BEGIN:VEVENT",
                f"UID:{escape_text(uid)}",
                f"DTSTAMP:{dtstamp}",
                f"DTSTART;VALUE=DATE:{_date(item.due)}",
            ]
            # An all-day event ends the next day; on the last day a date can have there is
            # no next day, and without DTEND a DATE event lasts one day (section 3.6.1).
            if item.due < dt.date.max:
                yield f"DTEND;VALUE=DATE:{_date(item.due + dt.timedelta(days=1))}"
            yield "TRANSP:TRANSPARENT"
        else:
            yield from [
                "BEGIN:VTODO",
                f"UID:{escape_text(uid)}",
                f"DTSTAMP:{dtstamp}",
            ]
            # DUE must be later than DTSTART (RFC 5545 section 3.8.2.3): only give the window's
            # first day when it is before the deadline.
            if item.opens < item.due:
                yield f"DTSTART;VALUE=DATE:{_date(item.opens)}"
            yield f"DUE;VALUE=DATE:{_date(item.due)}"
        yield from [
            f"SUMMARY:{escape_text(summary)}",
            f"DESCRIPTION:{escape_text(description)}",
        ]
        if item.warn_from is not None:
            yield from [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"DESCRIPTION:{escape_text('warning: ' + summary + ' due ' + str(item.due))}",
                f"TRIGGER;VALUE=DATE-TIME:{_date(item.warn_from)}T010000Z",
                "END:VALARM",
            ]
        yield "END:VEVENT" if event else "END:VTODO"
    yield "END:VCALENDAR"
