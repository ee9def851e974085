# SPDX-License-Identifier: MIT
"""Check an iCalendar text the tests wrote: parsed by the ``icalendar`` package, plus what
that parser forgives.

``icalendar`` rejects malformed dates (``DTSTAMP:9990601T000000Z``) and bad structure, but it
accepts raw control characters and lines longer than 75 octets; RFC 5545 does not, so
:func:`parse_ics` checks those itself.
"""

from __future__ import annotations

import re

import icalendar

# Control characters TEXT may not hold (RFC 5545 section 3.3.11: CONTROL is %x00-08 /
# %x0A-1F / %x7F; tab is allowed), C1 controls, and the bidirectional controls the export
# escapes.
_FORBIDDEN = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def parse_ics(text: str) -> icalendar.Calendar:
    """Parse *text*; fail the test if it is not a well-formed RFC 5545 calendar.

    Checked here: CRLF after every line, every physical line at most 75 octets of UTF-8, no
    forbidden character in a line. Checked by ``icalendar``: the structure, and every
    property's value (each is decoded), with no error recorded on any component.
    """
    data = text.encode("utf-8")
    assert data.endswith(b"\r\n"), "the calendar must end with CRLF"
    for number, line in enumerate(data.split(b"\r\n")[:-1], start=1):
        assert len(line) <= 75, f"line {number} has {len(line)} octets: {line!r}"
        decoded = line.decode("utf-8")
        bad = _FORBIDDEN.search(decoded)
        assert bad is None, f"line {number} holds {bad.group()!r}: {decoded!r}"
    calendar = icalendar.Calendar.from_ical(text)
    assert isinstance(calendar, icalendar.Calendar)
    for component in calendar.walk():
        assert component.errors == [], (component.name, component.errors)
        for name in component:
            component.decoded(name)
    return calendar
