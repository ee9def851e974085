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
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from xzjd.agenda import AgendaItem

__all__ = ["escape_text", "fold_line", "render_ics"]

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
    return d.strftime("%Y%m%d")


def render_ics(
    items: Sequence[AgendaItem],
    *,
    stamp: dt.date,
    name: str | None = None,
    event: bool = False,
) -> str:
    """The items as one VCALENDAR.

    Args:
        items: the deadlines (from :func:`xzjd.agenda.agenda`).
        stamp: the day ``DTSTAMP`` is derived from (the CLI passes ``--from``).
        name: a calendar name (``X-WR-CALNAME``).
        event: all-day ``VEVENT`` on the deadline day instead of ``VTODO`` with ``DUE``.

    Returns:
        The calendar text, CRLF line ends, folded.
    """
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{_PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    dtstamp = f"{_date(stamp)}T000000Z"
    for item in items:
        summary = f"{item.title or item.obligation} ({item.period})"
        details = [f"obligation: {item.obligation}", f"period: {item.period}"]
        if item.deliverable:
            details.append(f"deliverable: {item.deliverable}")
        if item.recipients:
            details.append("to: " + ", ".join(item.recipients))
        details.append(f"window: {item.opens} .. {item.due}")
        if item.nominal_due != item.due:
            details.append(f"nominal deadline {item.nominal_due}, moved to {item.due}")
        if item.source:
            details.append(f"source: {item.source}")
        description = "\n".join(details)
        uid = f"{item.agency}.{item.obligation}.{item.period}@xzjd"
        if event:
            lines += [
                "BEGIN:VEVENT",
                f"UID:{escape_text(uid)}",
                f"DTSTAMP:{dtstamp}",
                f"DTSTART;VALUE=DATE:{_date(item.due)}",
                f"DTEND;VALUE=DATE:{_date(item.due + dt.timedelta(days=1))}",
                "TRANSP:TRANSPARENT",
            ]
        else:
            lines += [
                "BEGIN:VTODO",
                f"UID:{escape_text(uid)}",
                f"DTSTAMP:{dtstamp}",
            ]
            # DUE must be later than DTSTART (RFC 5545 section 3.8.2.3): only give the window's
            # first day when it is before the deadline.
            if item.opens < item.due:
                lines.append(f"DTSTART;VALUE=DATE:{_date(item.opens)}")
            lines.append(f"DUE;VALUE=DATE:{_date(item.due)}")
        lines += [
            f"SUMMARY:{escape_text(summary)}",
            f"DESCRIPTION:{escape_text(description)}",
        ]
        if item.warn_from is not None:
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"DESCRIPTION:{escape_text('warning: ' + summary + ' due ' + str(item.due))}",
                f"TRIGGER;VALUE=DATE-TIME:{_date(item.warn_from)}T010000Z",
                "END:VALARM",
            ]
        lines.append("END:VEVENT" if event else "END:VTODO")
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)
