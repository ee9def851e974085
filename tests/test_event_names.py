# SPDX-License-Identifier: MIT
"""Event names on both sides: ``event/unused`` and ``event/never-happens`` (docs/evaluation.md).

An event-based obligation has a period per event of its name; an events file that spells the
name differently used to give ``(no periods)`` and exit 0. Now evaluation warns, naming both
sides, at the events file's row and at the rules line, once per name.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import xzjd
from xzjd.cli import main
from xzjd.engine import Evaluator, State, evaluate, iter_evaluate
from xzjd.errors import Diagnostic, Severity
from xzjd.facts.agencies import Registry
from xzjd.facts.agency_reading import read_agencies
from xzjd.facts.tables import Event, read_events, text_source

D = dt.date

RULES = """\
ruleset "许可与公开"
effective 2025-01-01

义务 decide：
  适用于 各级行政机关
  自收到申请之日起20个工作日内，完成 许可决定

义务 reply：
  适用于 各级行政机关
  收到公开申请后十五个工作日内，完成 答复

义务 review：
  适用于 各级行政机关
  收到公开申请后60日内，完成 复核
"""

AGENCIES = """\
id,name,kind,level,region
km-gov,昆明市人民政府,government,prefecture,云南省/昆明市
"""

# Rows 2..: 收到申请 is used by decide; 自收到申请 (twice) and 收到申清 by no obligation;
# 收到公开申请 (reply, review) never happens.
EVENTS = """\
id,agency,event,date
a1,km-gov,收到申请,2025-04-25
a2,km-gov,自收到申请,2025-04-28
a3,km-gov,收到申清,2025-04-28
a4,km-gov,自收到申请,2025-04-29
"""


def rules() -> xzjd.Ruleset:
    return xzjd.loads(RULES, file="rules.xzjd")


def agencies() -> Registry:
    return read_agencies(text_source(AGENCIES, "agencies.csv"))


def events(text: str = EVENTS) -> tuple[Event, ...]:
    return read_events(text_source(text, "events.csv"))


def event_warnings(warnings: tuple[Diagnostic, ...]) -> list[Diagnostic]:
    return [w for w in warnings if w.code.startswith("event/")]


class TestUnused:
    def test_one_warning_per_name_at_its_first_row(self) -> None:
        """自收到申请 has two rows and one warning, at the event cell of its first (line 3)."""
        found = event_warnings(
            evaluate(rules(), agencies(), on=D(2025, 5, 6), events=events()).warnings
        )
        unused = [w for w in found if w.code == "event/unused"]
        assert [(w.file, w.span.line, w.span.column) for w in unused] == [  # type: ignore[union-attr]
            ("events.csv", 3, 11),  # a2,km-gov,|自收到申请: the cell starts at column 11
            ("events.csv", 4, 11),
        ]
        assert all(w.severity is Severity.WARNING for w in found)

    def test_the_warning_names_both_sides(self) -> None:
        """The message names the event and the events the rules count from."""
        found = event_warnings(
            evaluate(rules(), agencies(), on=D(2025, 5, 6), events=events()).warnings
        )
        zi = found[0]
        assert "'自收到申请' (2 rows)" in zi.message
        assert "'收到申请'" in zi.message and "'收到公开申请'" in zi.message
        assert zi.message_zh is not None and "（2 行）" in zi.message_zh

    def test_did_you_mean_the_name_without_zi(self) -> None:
        """自收到申请 vs 收到申请: the hint says that the rules read 自 as 'from'."""
        found = event_warnings(
            evaluate(rules(), agencies(), on=D(2025, 5, 6), events=events()).warnings
        )
        hint = found[0].hint
        assert hint is not None
        assert hint.startswith("did you mean '收到申请'?")
        assert "自自收到申请之日起" in hint

    def test_did_you_mean_a_close_spelling(self) -> None:
        """收到申清 (a typo of 请) is close to 收到申请."""
        found = event_warnings(
            evaluate(rules(), agencies(), on=D(2025, 5, 6), events=events()).warnings
        )
        typo = found[1]
        assert "'收到申清'" in typo.message and "rows" not in typo.message
        assert typo.hint is not None and typo.hint.startswith("did you mean '收到申请'?")

    def test_rules_without_event_obligations(self) -> None:
        """Every name is unused when no obligation counts from an event; the message says so."""
        plain = xzjd.loads("effective 2025-01-01\nobligation o:\n  by 2025-06-30, publish x\n")
        found = evaluate(plain, agencies(), on=D(2025, 5, 6), events=events()).warnings
        assert [w.code for w in found] == ["event/unused"] * 3
        assert "no event-based obligation" in found[0].message


class TestNeverHappens:
    def test_one_warning_per_obligation_at_its_schedule(self) -> None:
        """reply and review count from 收到公开申请, which has no row: each warns at its line."""
        found = event_warnings(
            evaluate(rules(), agencies(), on=D(2025, 5, 6), events=events()).warnings
        )
        never = [w for w in found if w.code == "event/never-happens"]
        assert [(w.file, w.span.line, w.span.column) for w in never] == [  # type: ignore[union-attr]
            ("rules.xzjd", 10, 3),
            ("rules.xzjd", 14, 3),
        ]
        assert "obligation reply" in never[0].message and "'收到公开申请'" in never[0].message
        assert "events.csv" in never[0].message
        assert never[0].line_text == "  收到公开申请后十五个工作日内，完成 答复"

    def test_did_you_mean_an_unused_name_of_the_events(self) -> None:
        """The events spell it 收到公开申清: the hint names that row's name."""
        text = EVENTS + "a5,km-gov,收到公开申清,2025-04-30\n"
        found = event_warnings(
            evaluate(rules(), agencies(), on=D(2025, 5, 6), events=events(text)).warnings
        )
        never = [w for w in found if w.code == "event/never-happens"]
        assert never[0].hint is not None and "'收到公开申清'" in never[0].hint

    def test_an_old_zi_text_points_at_the_preposition(self) -> None:
        """Rules 自查之日起 (the event 查) and events 自查: both warnings explain the 自."""
        old = xzjd.loads(
            "effective 2025-01-01\n义务 o：\n  适用于 各级行政机关\n  自查之日起30日内，完成 x\n"
        )
        rows = "id,agency,event,date\ne1,km-gov,自查,2025-04-01\n"
        found = evaluate(old, agencies(), on=D(2025, 5, 6), events=events(rows)).warnings
        assert [w.code for w in found] == ["event/unused", "event/never-happens"]
        for w in found:
            assert w.hint is not None and "自自查之日起" in w.hint, w.hint


class TestWhen:
    def test_no_events_no_warning(self) -> None:
        """Without events (none yet, or no events file) nothing warns: no event has happened."""
        assert evaluate(rules(), agencies(), on=D(2025, 5, 6)).warnings == ()
        header_only = events("id,agency,event,date\n")
        assert evaluate(rules(), agencies(), on=D(2025, 5, 6), events=header_only).warnings == ()

    def test_names_that_match_give_no_warning(self) -> None:
        rows = (
            "id,agency,event,date\n"
            "a1,km-gov,收到申请,2025-04-25\n"
            "a2,km-gov,收到公开申请,2025-04-25\n"
        )
        assert evaluate(rules(), agencies(), on=D(2025, 5, 6), events=events(rows)).warnings == ()

    def test_the_same_warnings_on_every_date_and_stream(self) -> None:
        """The warnings depend on the names only: each evaluation date gives them once."""
        evaluator = Evaluator(rules(), agencies(), events=events())
        first = event_warnings(evaluator.on(D(2025, 5, 6)).warnings)
        assert len(first) == 4
        assert event_warnings(evaluator.on(D(2025, 6, 30)).warnings) == first
        stream = iter_evaluate(rules(), agencies(), on=D(2025, 5, 6), events=events())
        list(stream)
        assert event_warnings(stream.warnings) == first

    def test_events_after_the_date_still_count_as_appearing(self) -> None:
        """Whether a name appears does not depend on the date: an event after it is not unused."""
        rows = (
            "id,agency,event,date\n"
            "a1,km-gov,收到申请,2025-04-25\n"
            "a2,km-gov,收到公开申请,2025-09-01\n"
        )
        found = evaluate(rules(), agencies(), on=D(2025, 5, 6), events=events(rows)).warnings
        assert [w.code for w in found] == ["input/after-on"]


class TestEndToEnd:
    def test_a_request_received_before_labour_day(self) -> None:
        """自收到申请之日起20个工作日内, received Friday 2025-04-25: due Tuesday 2025-05-27.

        Worked by hand on the 2025 notice (劳动节 5-1..5-5 rest; Sunday 4-27 a make-up
        working day); the day of receipt does not count:
          4-26 Sat rest; 4-27 Sun (work) 1; 4-28 Mon 2; 4-29 Tue 3; 4-30 Wed 4;
          5-01..5-05 rest; 5-06 Tue 5; 5-07 6; 5-08 7; 5-09 Fri 8;
          5-12 Mon 9; 5-13 10; 5-14 11; 5-15 12; 5-16 Fri 13;
          5-19 Mon 14; 5-20 15; 5-21 16; 5-22 17; 5-23 Fri 18;
          5-26 Mon 19; 5-27 Tue 20.
        """
        rows = "id,agency,event,date\nreq-1,km-gov,收到申请,2025-04-25\n"
        on_due = evaluate(rules(), agencies(), on=D(2025, 5, 27), events=events(rows))
        (decide,) = [s for s in on_due if s.obligation == "decide"]
        assert (decide.period, decide.due, decide.state) == ("req-1", D(2025, 5, 27), State.PENDING)
        after = evaluate(rules(), agencies(), on=D(2025, 5, 28), events=events(rows))
        (late,) = [s for s in after if s.obligation == "decide"]
        assert (late.state, late.days_overdue) == (State.OVERDUE, 1)


class TestCommandLine:
    def test_check_prints_both_warnings_with_places(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """xzjd check --events: the periods of 收到申请, then the warnings on stderr; exit 0."""
        (tmp_path / "rules.xzjd").write_text(RULES, encoding="utf-8")
        (tmp_path / "agencies.csv").write_text(AGENCIES, encoding="utf-8")
        (tmp_path / "events.csv").write_text(EVENTS, encoding="utf-8")
        code = main(
            [
                "check",
                str(tmp_path / "rules.xzjd"),
                "--agencies",
                str(tmp_path / "agencies.csv"),
                "--events",
                str(tmp_path / "events.csv"),
                "--on",
                "2025-05-06",
            ]
        )
        out, err = capsys.readouterr()
        assert code == 0
        assert "a1" in out and "2025-05-27" in out
        events_csv, rules_xzjd = tmp_path / "events.csv", tmp_path / "rules.xzjd"
        assert f"{events_csv}:3:11: warning[event/unused]: event '自收到申请' (2 rows)" in err
        assert f"{events_csv}:4:11: warning[event/unused]: event '收到申清'" in err
        assert f"{rules_xzjd}:10:3: warning[event/never-happens]: obligation reply" in err
        assert f"{rules_xzjd}:14:3: warning[event/never-happens]: obligation review" in err
        assert err.count("warning[event/") == 4
        assert "hint: did you mean '收到申请'?" in err
