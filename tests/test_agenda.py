# SPDX-License-Identifier: MIT
"""The agenda of one agency, with event-based periods when events are given.

The rules and agencies are those of examples/yunnan-2010 (rules.zh.xzjd): ``rectification``
(发现问题之日起30日内, ladder ``tasks``: warning 5 working days before) and
``coordination-meeting`` (领导小组成立之日起10个工作日内, ladder ``tasks``), both owed by every
administrative organ, km-gov among them; ``bimonthly-report`` (逢双月底前, ladder ``reporting``:
warning 3 working days before) and the one-off ``trading-platforms`` (10月底前, ``tasks``).

Rest days of 2010 from the holiday notice 国办发明电〔2009〕27号 (国务院办公厅关于2010年部分
节假日安排的通知): 端午节 6-14..6-16 rest, 6-12 (Sat) and 6-13 (Sun) worked; 中秋节 9-22..9-24
rest, 9-19 (Sun) and 9-25 (Sat) worked; 国庆节 10-01..10-07 rest, 9-26 (Sun) and 10-09 (Sat)
worked. Other Saturdays and Sundays are rest days.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
from pathlib import Path

import pytest

from icalcheck import parse_ics
from xzjd.cli import main
from xzjd.errors import InputError
from xzjd.facts.agency_reading import read_agencies
from xzjd.facts.tables import read_events, text_source
from xzjd.language.loader import load
from xzjd.model import Ruleset
from xzjd.views.agenda import AgendaItem, agenda
from xzjd.views.why import explain

ROOT = Path(__file__).resolve().parents[1]
YUNNAN = ROOT / "examples" / "yunnan-2010"
D = dt.date

EVENTS = """id,agency,event,date
f1,km-gov,发现问题,2010-09-01
f2,km-gov,发现问题,2010-05-20
f3,km-gov,发现问题,2010-10-20
l1,km-gov,领导小组成立,2010-09-20
f4,km-gov,发现问题,2010-11-05
y1,yn-gov,发现问题,2010-09-01
"""

# f1: 9-01 + 30 days = 10-01, 国庆节 rest to 10-07 -> due Friday 10-08 (nominal 10-01).
#     Warning: 5 working days back from 10-08: 9-30, 9-29, 9-28, 9-27, 9-26 (Sunday, worked)
#     -> 9-26.
# l1: the 10th working day after 9-20: 9-21 (1); 9-22..24 rest; 9-25 Sat worked (2); 9-26 Sun
#     worked (3); 9-27 (4), 9-28 (5), 9-29 (6), 9-30 (7); 10-01..07 rest; 10-08 (8); 10-09 Sat
#     worked (9); 10-10 Sun rest; 10-11 Monday (10) -> due 10-11, a working day, not moved.
#     Warning: 10-09, 10-08, 9-30, 9-29, 9-28 -> 9-28.
# f2: 5-20 + 30 days = Saturday 6-19 (an ordinary weekend; 端午 is 6-14..16) -> Monday 6-21.
# f3: 10-20 + 30 days = 11-19, after the range; f4: the event is after the range;
# y1: another agency's event.
EXPECTED_SEP_OCT = [
    ("rectification", "f1", D(2010, 9, 1), D(2010, 10, 1), D(2010, 10, 8), D(2010, 9, 26)),
    (
        "coordination-meeting",
        "l1",
        D(2010, 9, 20),
        D(2010, 10, 11),
        D(2010, 10, 11),
        D(2010, 9, 28),
    ),
]


@pytest.fixture(scope="module")
def rules() -> Ruleset:
    return load(YUNNAN / "rules.zh.xzjd")


@pytest.fixture
def events_file(tmp_path: Path) -> Path:
    path = tmp_path / "events.csv"
    path.write_text(EVENTS, encoding="utf-8")
    return path


def rows(items: list[AgendaItem]) -> list[tuple[object, ...]]:
    return [(i.obligation, i.period, i.opens, i.nominal_due, i.due, i.warn_from) for i in items]


class TestEventPeriods:
    def test_events_in_range(self, rules: Ruleset) -> None:
        """With events, each event period of the agency whose deadline is in range is listed."""
        items, warnings = agenda(
            rules,
            read_agencies(YUNNAN / "agencies.csv"),
            agency="km-gov",
            start=D(2010, 9, 1),
            end=D(2010, 10, 31),
            events=read_events(text_source(EVENTS, "events.csv")),
        )
        assert rows(items) == EXPECTED_SEP_OCT
        assert warnings == ()

    def test_without_events_left_out(self, rules: Ruleset) -> None:
        """Without events, event-based obligations are left out, as before."""
        items, _ = agenda(
            rules,
            read_agencies(YUNNAN / "agencies.csv"),
            agency="km-gov",
            start=D(2010, 9, 1),
            end=D(2010, 10, 31),
        )
        # km-gov's other deadlines near the range (B5, trading-platforms) fall on 11-01.
        assert items == []

    def test_sorted_with_scheduled_deadlines(self, rules: Ruleset) -> None:
        """Event periods and scheduled periods are sorted together by deadline, then id."""
        items, _ = agenda(
            rules,
            read_agencies(YUNNAN / "agencies.csv"),
            agency="km-gov",
            start=D(2010, 9, 1),
            end=D(2010, 11, 1),
            events=read_events(text_source(EVENTS, "events.csv")),
        )
        # 2010-B5 and trading-platforms: nominal Sunday 10-31 -> Monday 11-01; warnings 3
        # working days back (10-29, 10-28, 10-27) and 5 (... 10-26, 10-25).
        assert rows(items) == [
            *EXPECTED_SEP_OCT,
            ("bimonthly-report", "2010-B5", D(2010, 9, 1), D(2010, 10, 31), D(2010, 11, 1),
             D(2010, 10, 27)),
            ("trading-platforms", "once", D(2010, 3, 1), D(2010, 10, 31), D(2010, 11, 1),
             D(2010, 10, 25)),
        ]  # fmt: skip
        assert items[2].recipients == ("km-jc",)

    def test_range_is_inclusive(self, rules: Ruleset) -> None:
        """A range of one day lists the event period due that day (f2: 6-19 moved to 6-21)."""
        items, _ = agenda(
            rules,
            read_agencies(YUNNAN / "agencies.csv"),
            agency="km-gov",
            start=D(2010, 6, 21),
            end=D(2010, 6, 21),
            events=read_events(text_source(EVENTS, "events.csv")),
        )
        assert [(i.obligation, i.period, i.nominal_due, i.due) for i in items] == [
            ("rectification", "f2", D(2010, 6, 19), D(2010, 6, 21))
        ]

    def test_unknown_agency_in_events(self, rules: Ruleset) -> None:
        """An event of an agency that does not exist is an input error, as in evaluation."""
        bad = EVENTS + "z1,no-such-gov,发现问题,2010-09-01\n"
        with pytest.raises(InputError) as info:
            agenda(
                rules,
                read_agencies(YUNNAN / "agencies.csv"),
                agency="km-gov",
                start=D(2010, 9, 1),
                end=D(2010, 10, 31),
                events=read_events(text_source(bad, "events.csv")),
            )
        assert info.value.diagnostics[0].span is not None
        assert info.value.diagnostics[0].span.line == 8


class TestCommand:
    def agenda(
        self, capsys: pytest.CaptureFixture[str], events: Path | None, *args: str
    ) -> tuple[int, str, str]:
        argv = [
            "agenda",
            str(YUNNAN / "rules.zh.xzjd"),
            "--agencies",
            str(YUNNAN / "agencies.csv"),
            "--agency",
            "km-gov",
            "--from",
            "2010-09-01",
            "--to",
            "2010-10-31",
        ]
        if events is not None:
            argv += ["--events", str(events)]
        code = main([*argv, *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    def test_json(self, capsys: pytest.CaptureFixture[str], events_file: Path) -> None:
        """--events adds the event periods to the JSON, labelled with the event id."""
        code, out, _ = self.agenda(capsys, events_file, "--format", "json")
        assert code == 0
        got = [
            (i["obligation"], i["period"], i["opens"], i["nominal_due"], i["due"], i["warn_from"])
            for i in json.loads(out)
        ]
        assert got == [
            (o, p, opens.isoformat(), nominal.isoformat(), due.isoformat(), warn.isoformat())
            for o, p, opens, nominal, due, warn in EXPECTED_SEP_OCT
        ]

    def test_table(self, capsys: pytest.CaptureFixture[str], events_file: Path) -> None:
        """The table shows the event id as the period, by deadline."""
        code, out, _ = self.agenda(capsys, events_file)
        assert code == 0
        lines = out.splitlines()
        assert lines[0] == "km-gov"
        assert lines[2].split()[:3] == ["2010-10-08", "2010-09-26", "rectification"]
        assert " f1 " in lines[2]
        assert lines[3].split()[:3] == ["2010-10-11", "2010-09-28", "coordination-meeting"]
        assert " l1 " in lines[3]
        assert len(lines) == 4

    def test_table_without_events(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without --events the same range has no deadline."""
        code, out, _ = self.agenda(capsys, None)
        assert code == 0
        assert out == "(no deadlines in this range)\n"

    def test_ics(self, capsys: pytest.CaptureFixture[str], events_file: Path) -> None:
        """The ICS has one VTODO per event period: window from the event day, alarm on the
        warning day."""
        code, out, _ = self.agenda(capsys, events_file, "--format", "ics")
        assert code == 0
        parse_ics(out)
        text = out.replace("\r\n ", "")
        assert text.count("BEGIN:VTODO") == 2
        assert "UID:km-gov.rectification.f1@xzjd\r\n" in text
        assert "DTSTART;VALUE=DATE:20100901\r\nDUE;VALUE=DATE:20101008\r\n" in text
        assert "TRIGGER;VALUE=DATE-TIME:20100926T010000Z\r\n" in text
        assert "UID:km-gov.coordination-meeting.l1@xzjd\r\n" in text
        assert "DTSTART;VALUE=DATE:20100920\r\nDUE;VALUE=DATE:20101011\r\n" in text
        assert "TRIGGER;VALUE=DATE-TIME:20100928T010000Z\r\n" in text

    def test_bad_events_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A bad events row is exit status 2 with file:line:col on stderr, no traceback."""
        path = tmp_path / "events.csv"
        path.write_text("id,agency,event,date\nf1,km-gov,发现问题,2010-13-01\n", encoding="utf-8")
        code, out, err = self.agenda(capsys, path)
        assert code == 2
        assert out == ""
        assert f"{path}:2:" in err
        assert "Traceback" not in err


class TestMovedNames:
    def test_old_paths_are_gone(self) -> None:
        """agenda, AgendaItem and explain live in xzjd.views.agenda and xzjd.views.why only."""
        module = importlib.import_module("xzjd.engine")
        for name in ("agenda", "AgendaItem", "explain"):
            assert not hasattr(module, name)
        assert importlib.import_module("xzjd.views.agenda").agenda is agenda
        assert importlib.import_module("xzjd.views.why").explain is explain
