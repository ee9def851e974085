# SPDX-License-Identifier: MIT
"""iCalendar export: RFC 5545 line ends, folding, escaping and a deterministic content."""

from __future__ import annotations

import datetime as dt

from icalcheck import parse_ics
from xzjd.views import ics as ics
from xzjd.views.agenda import AgendaItem
from xzjd.views.ics import escape_text, fold_line

D = dt.date


def render_ics(items: list[AgendaItem], **options: object) -> str:
    """xzjd.views.ics.render_ics, every calendar it writes parsed by icalendar (tests/icalcheck)."""
    text = ics.render_ics(items, **options)  # type: ignore[arg-type]
    parse_ics(text)
    return text


def item(**changes: object) -> AgendaItem:
    values: dict[str, object] = {
        "agency": "km-gov",
        "obligation": "bimonthly-report",
        "title": "双月报告",
        "period": "2010-B2",
        "opens": D(2010, 3, 1),
        "nominal_due": D(2010, 4, 30),
        "due": D(2010, 4, 30),
        "warn_from": D(2010, 4, 23),
        "recipients": ("km-jc",),
        "deliverable": "推进情况",
        "source": "实施办法第十七条",
    }
    values.update(changes)
    return AgendaItem(**values)  # type: ignore[arg-type]


def unfold(text: str) -> list[str]:
    """Undo RFC 5545 folding: CRLF followed by one space joins lines."""
    return text.replace("\r\n ", "").split("\r\n")


class TestFolding:
    def test_short_line_unchanged(self) -> None:
        """A line of 75 octets or fewer is not folded."""
        assert fold_line("A" * 75) == "A" * 75

    def test_long_ascii_line(self) -> None:
        """76 octets fold into 75 + CRLF + space + 1."""
        assert fold_line("A" * 76) == "A" * 75 + "\r\n A"

    def test_never_splits_a_character(self) -> None:
        """Chinese characters (3 octets each) are never cut; every line is at most 75 octets."""
        folded = fold_line("SUMMARY:" + "报" * 60)
        for line in folded.split("\r\n"):
            assert len(line.encode("utf-8")) <= 75
        assert folded.replace("\r\n ", "") == "SUMMARY:" + "报" * 60


class TestEscaping:
    def test_specials(self) -> None:
        """Backslash, semicolon, comma and newline are escaped."""
        assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"


class TestCalendar:
    def test_structure_and_crlf(self) -> None:
        """A VCALENDAR with one VTODO, CRLF everywhere, no bare LF."""
        text = render_ics([item()], stamp=D(2010, 4, 1), name="昆明市人民政府")
        assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
        assert text.endswith("END:VCALENDAR\r\n")
        assert "\n" not in text.replace("\r\n", "")
        lines = unfold(text)
        assert "BEGIN:VTODO" in lines and "END:VTODO" in lines
        assert "UID:km-gov.bimonthly-report.2010-B2@xzjd" in lines
        assert "DTSTAMP:20100401T000000Z" in lines
        assert "DUE;VALUE=DATE:20100430" in lines
        assert "DTSTART;VALUE=DATE:20100301" in lines
        assert "SUMMARY:双月报告 (2010-B2)" in lines

    def test_alarm_on_warning_day(self) -> None:
        """The alarm fires on the warning day, 09:00 Beijing time = 01:00 UTC."""
        lines = unfold(render_ics([item()], stamp=D(2010, 4, 1)))
        assert "TRIGGER;VALUE=DATE-TIME:20100423T010000Z" in lines
        assert lines.index("BEGIN:VALARM") < lines.index("END:VALARM") < lines.index("END:VTODO")

    def test_no_alarm_without_warn_line(self) -> None:
        """No warn line, no VALARM."""
        assert "VALARM" not in render_ics([item(warn_from=None)], stamp=D(2010, 4, 1))

    def test_all_day_event(self) -> None:
        """event=True gives an all-day VEVENT ending the next day."""
        lines = unfold(render_ics([item()], stamp=D(2010, 4, 1), event=True))
        assert "DTSTART;VALUE=DATE:20100430" in lines
        assert "DTEND;VALUE=DATE:20100501" in lines
        assert "BEGIN:VTODO" not in lines

    def test_deterministic(self) -> None:
        """The same agenda gives byte-identical output (no clock)."""
        assert render_ics([item()], stamp=D(2010, 4, 1)) == render_ics(
            [item()], stamp=D(2010, 4, 1)
        )

    def test_moved_deadline_is_described(self) -> None:
        """A moved deadline says so in the description (escaped commas)."""
        text = render_ics(
            [item(nominal_due=D(2010, 2, 28), due=D(2010, 3, 1), period="2010-B1")],
            stamp=D(2010, 2, 1),
        )
        joined = "".join(unfold(text))
        assert "nominal deadline 2010-02-28\\, moved to 2010-03-01" in joined
