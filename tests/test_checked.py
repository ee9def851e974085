# SPDX-License-Identifier: MIT
"""check() and CheckedRuleset (issue 11): the checks run once, their warnings travel with the
ruleset, and evaluation takes a checked ruleset without checking it again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

import xzjd
from xzjd.cli import main
from xzjd.engine import Evaluator, Inspector, calendar_for
from xzjd.errors import CheckError, Diagnostic, Severity
from xzjd.language import (
    CheckedRuleset,
    check,
    load_checked,
    loads_checked,
    parse_unchecked,
    warnings,
)
from xzjd.language import checked as checked_module
from xzjd.model import (
    Action,
    AgencyRecipient,
    Kind,
    KindBearer,
    MonthParity,
    Obligation,
    Parity,
    Ruleset,
    Verb,
)
from xzjd.views.agenda import agenda
from xzjd.views.why import explain

YUNNAN = Path(__file__).resolve().parents[1] / "examples" / "yunnan-2010"
ON = dt.date(2010, 11, 15)

# Line 6 holds a schedule whose every deadline falls before `effective`: the last even month
# of 2008 is December, so the last deadline is 2008-12-31, before 2010-01-22. A year is
# written, so it is a warning (schedule/before-effective), at the schedule: column 3, after
# the two spaces of indentation.
WARNED = (
    'ruleset "t"\n'  # 1
    "effective 2010-01-22\n"  # 2
    "\n"  # 3
    'obligation old "An old report":\n'  # 4
    "  applies to every government\n"  # 5
    "  by the end of every even month from 2005 until 2008, file old report with the "
    "same-level supervisory organ\n"  # 6
)

# Two errors: February never has a 30th (line 6, at the schedule, column 3), and no ladder
# is called `nosuch` (line 7; "  escalation " is 13 characters, so the name is at column 14).
BROKEN = (
    'ruleset "t"\n'  # 1
    "effective 2010-01-22\n"  # 2
    "\n"  # 3
    "obligation a:\n"  # 4
    "  applies to every government\n"  # 5
    "  by February 30 each year, file x with the same-level supervisory organ\n"  # 6
    "  escalation nosuch\n"  # 7
)


def where(diags: tuple[Diagnostic, ...] | list[Diagnostic]) -> list[tuple[str, int, int]]:
    """(code, line, column) of each diagnostic."""
    out = []
    for d in diags:
        assert d.span is not None
        out.append((d.code, d.span.line, d.span.column))
    return out


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The file of every ruleset the checks run on, one entry per run."""
    seen: list[str] = []
    original = checked_module.diagnostics

    def spy(ruleset: Ruleset) -> list[Diagnostic]:
        seen.append(ruleset.file)
        return original(ruleset)

    monkeypatch.setattr(checked_module, "diagnostics", spy)
    yield seen


class TestCheck:
    def test_returns_the_ruleset_with_its_warnings(self) -> None:
        """check() gives the ruleset and its warnings: the one at line 6, column 3."""
        ruleset, problems = parse_unchecked(WARNED, file="w.xzjd")
        assert problems == []
        result = check(ruleset)
        assert isinstance(result, CheckedRuleset)
        assert result.ruleset is ruleset
        assert where(result.warnings) == [("schedule/before-effective", 6, 3)]
        assert "(the last is 2008-12-31)" in result.warnings[0].message
        assert all(d.severity is Severity.WARNING for d in result.warnings)
        assert list(result.warnings) == warnings(ruleset)

    def test_no_warnings(self) -> None:
        """A ruleset with nothing to say has no warnings."""
        result = check(xzjd.load(YUNNAN / "rules.en.xzjd"))
        assert result.warnings == ()

    def test_a_checked_ruleset_is_not_checked_again(self, calls: list[str]) -> None:
        """check() of a CheckedRuleset returns it as it is, without running the checks."""
        result = loads_checked(WARNED, file="w.xzjd")
        assert calls == ["w.xzjd"]
        assert check(result) is result
        assert calls == ["w.xzjd"]

    def test_errors_raise_check_error_with_every_problem(self) -> None:
        """Both errors, in source order; the same as loads gives for the text."""
        ruleset, _ = parse_unchecked(BROKEN, file="b.xzjd")
        with pytest.raises(CheckError) as info:
            check(ruleset)
        expected = [("date/no-such-day", 6, 3), ("ref/unknown-escalation", 7, 14)]
        assert where(info.value.diagnostics) == expected
        assert info.value.diagnostics[0].message == "February has no day 30"
        assert info.value.diagnostics[1].message == "unknown escalation 'nosuch'"
        with pytest.raises(CheckError) as loaded:
            xzjd.loads(BROKEN, file="b.xzjd")
        assert loaded.value.diagnostics == info.value.diagnostics

    def test_check_error_keeps_the_warnings_too(self) -> None:
        """As loads does: the CheckError holds the warnings beside the errors, in order."""
        text = WARNED + BROKEN.split("\n\n", 1)[1].replace("obligation a:", "obligation b:")
        ruleset, _ = parse_unchecked(text, file="wb.xzjd")
        with pytest.raises(CheckError) as info:
            check(ruleset)
        # WARNED is 6 lines; BROKEN's obligation follows it, from line 7: its schedule is
        # on line 9 and its escalation line on line 10.
        assert where(info.value.diagnostics) == [
            ("schedule/before-effective", 6, 3),
            ("date/no-such-day", 9, 3),
            ("ref/unknown-escalation", 10, 14),
        ]
        with pytest.raises(CheckError) as loaded:
            xzjd.loads(text, file="wb.xzjd")
        assert loaded.value.diagnostics == info.value.diagnostics

    def test_read_through(self) -> None:
        """The checked ruleset reads like its ruleset."""
        ruleset = xzjd.load(YUNNAN / "rules.en.xzjd")
        result = check(ruleset)
        assert result.obligations == ruleset.obligations
        assert result.escalations == ruleset.escalations
        assert result.calendars == ruleset.calendars
        # rules.en.xzjd, line 2: effective 2010-03-01
        assert result.effective == ruleset.effective == dt.date(2010, 3, 1)
        assert result.calendar == "cn"
        assert result.rest_days is ruleset.rest_days
        assert (result.title, result.file, result.text) == (
            ruleset.title,
            ruleset.file,
            ruleset.text,
        )
        first = ruleset.obligations[0]
        assert result.obligation(first.id) is first
        with pytest.raises(KeyError):
            result.obligation("no-such-obligation")
        ladder = ruleset.escalations[0]
        assert result.escalation(ladder.name) is ladder

    def test_exported(self) -> None:
        """check and CheckedRuleset are public at the top and in xzjd.language."""
        assert xzjd.check is check is xzjd.language.check
        assert xzjd.CheckedRuleset is CheckedRuleset is xzjd.language.CheckedRuleset
        assert xzjd.language.load_checked is load_checked


class TestLoadChecked:
    def test_loads_checked_is_loads_with_its_warnings(self, calls: list[str]) -> None:
        """One run of the checks; the same ruleset as loads, the warnings of check()."""
        result = loads_checked(WARNED, file="w.xzjd")
        assert calls == ["w.xzjd"]
        assert result.ruleset == xzjd.loads(WARNED, file="w.xzjd")
        assert where(result.warnings) == [("schedule/before-effective", 6, 3)]

    def test_load_checked(self, tmp_path: Path) -> None:
        """The file's name is in the warnings, as load puts it in diagnostics."""
        path = tmp_path / "w.xzjd"
        path.write_text(WARNED, encoding="utf-8")
        result = load_checked(path)
        assert result.ruleset == xzjd.load(path)
        assert [d.file for d in result.warnings] == [str(path)]

    def test_errors(self) -> None:
        """The CheckError of loads_checked is the one of loads."""
        with pytest.raises(CheckError) as info:
            loads_checked(BROKEN, file="b.xzjd")
        assert [d.code for d in info.value.diagnostics] == [
            "date/no-such-day",
            "ref/unknown-escalation",
        ]

    def test_build_problems_come_first_in_their_place(self) -> None:
        """A problem seen while building (a second effective line, line 3) is reported with
        the checks' problems, in line order, as loads reports it."""
        text = BROKEN.replace("\n\n", "\neffective 2011-01-01\n", 1)  # line 3 now
        with pytest.raises(CheckError) as info:
            loads_checked(text, file="b.xzjd")
        assert where(info.value.diagnostics) == [
            ("dup/line", 3, 1),
            ("date/no-such-day", 6, 3),
            ("ref/unknown-escalation", 7, 14),
        ]


@pytest.fixture(scope="module")
def yunnan() -> tuple[Ruleset, xzjd.Registry, list[xzjd.Filing], list[xzjd.Event]]:
    return (
        xzjd.load(YUNNAN / "rules.zh.xzjd"),
        xzjd.read_agencies(YUNNAN / "agencies.csv"),
        xzjd.read_filings(YUNNAN / "filings.csv"),
        xzjd.read_events(YUNNAN / "events.csv"),
    )


Yunnan = tuple[Ruleset, xzjd.Registry, list[xzjd.Filing], list[xzjd.Event]]


class TestEvaluation:
    def test_same_statuses_and_warnings(self, yunnan: Yunnan) -> None:
        """evaluate of the Ruleset and of its CheckedRuleset: the same records and warnings."""
        ruleset, agencies, filings, events = yunnan
        plain = xzjd.evaluate(ruleset, agencies, filings, on=ON, events=events)
        checked = xzjd.evaluate(check(ruleset), agencies, filings, on=ON, events=events)
        assert len(plain) > 0
        assert list(plain) == list(checked)
        assert plain.warnings == checked.warnings

    def test_same_stream(self, yunnan: Yunnan) -> None:
        """iter_evaluate, both ways: the same records and warnings."""
        ruleset, agencies, filings, events = yunnan
        plain = xzjd.iter_evaluate(ruleset, agencies, filings, on=ON, events=events)
        checked = xzjd.iter_evaluate(check(ruleset), agencies, filings, on=ON, events=events)
        assert list(plain) == list(checked)
        assert plain.warnings == checked.warnings

    def test_same_agenda_and_explanation(self, yunnan: Yunnan) -> None:
        """The views built on the Inspector give the same, both ways."""
        ruleset, agencies, filings, events = yunnan
        rules = check(ruleset)
        span = {"start": dt.date(2010, 9, 1), "end": dt.date(2010, 10, 31)}
        assert agenda(ruleset, agencies, agency="km-gov", events=events, **span) == agenda(
            rules, agencies, agency="km-gov", events=events, **span
        )
        asked = {
            "agency": "km-gov",
            "obligation": "bimonthly-report",
            "period": "2010-B2",
            "on": ON,
            "events": events,
        }
        assert explain(ruleset, agencies, filings, **asked) == explain(
            rules, agencies, filings, **asked
        )

    def test_a_checked_ruleset_is_not_checked_again(self, yunnan: Yunnan, calls: list[str]) -> None:
        """Given a CheckedRuleset, evaluation, the Inspector and calendar_for run no check."""
        ruleset, agencies, filings, events = yunnan
        rules = check(ruleset)
        calls.clear()
        xzjd.evaluate(rules, agencies, filings, on=ON, events=events)
        list(xzjd.iter_evaluate(rules, agencies, filings, on=ON, events=events))
        Inspector(rules, agencies, filings, on=ON, events=events)
        calendar_for(rules)
        assert calls == []

    def test_a_ruleset_is_checked_once(self, yunnan: Yunnan, calls: list[str]) -> None:
        """Given a Ruleset, an Evaluator checks it once, for any number of dates."""
        ruleset, agencies, filings, events = yunnan
        evaluator = Evaluator(ruleset, agencies, filings, events=events)
        evaluator.on(ON)
        evaluator.on(ON + dt.timedelta(days=30))
        assert calls == [ruleset.file]
        calls.clear()
        xzjd.evaluate(ruleset, agencies, filings, on=ON, events=events)
        assert calls == [ruleset.file]

    def test_a_ruleset_that_fails_the_checks(self, yunnan: Yunnan) -> None:
        """A model made without the checks, naming a ladder that does not exist: evaluate
        raises the checks' CheckError (the engine no longer looks the ladder up itself)."""
        agencies = yunnan[1]
        obligation = Obligation(
            id="report",
            bearers=(KindBearer(kind=Kind.GOVERNMENT),),
            schedule=MonthParity(parity=Parity.EVEN),
            action=Action(
                verb=Verb.FILE,
                deliverable="report",
                recipients=(AgencyRecipient(agency="yn-jc"),),
            ),
            escalation="nosuch",
        )
        ruleset = Ruleset(effective=dt.date(2010, 1, 22), obligations=(obligation,))
        with pytest.raises(CheckError) as info:
            xzjd.evaluate(ruleset, agencies, [], on=ON)
        assert [d.code for d in info.value.diagnostics] == ["ref/unknown-escalation"]

    def test_an_unknown_calendar(self) -> None:
        """calendar_for of a model naming no known calendar: the checks' CheckError."""
        # "cnn" is close to "cn": SequenceMatcher ratio 2*2/(3+2) = 0.8, above the 0.6 cut-off.
        with pytest.raises(CheckError) as info:
            calendar_for(Ruleset(calendar="cnn"))
        (diag,) = info.value.diagnostics
        assert diag.code == "ref/unknown-calendar"
        assert diag.hint == "did you mean 'cn'?"


class TestCommandLine:
    """The command line checks the rules once and prints their warnings once."""

    @pytest.fixture
    def work(self, tmp_path: Path) -> Path:
        (tmp_path / "rules.xzjd").write_text(
            (YUNNAN.parent / "tutorial" / "rules.xzjd").read_text(encoding="utf-8")
            + WARNED.split("\n\n", 1)[1],
            encoding="utf-8",
        )
        for name in ("agencies.csv", "filings.csv"):
            data = (YUNNAN.parent / "tutorial" / name).read_text(encoding="utf-8")
            (tmp_path / name).write_text(data, encoding="utf-8")
        return tmp_path

    def run(self, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
        code = main(list(argv))
        return code, capsys.readouterr().err

    def test_check(self, work: Path, calls: list[str], capsys: pytest.CaptureFixture[str]) -> None:
        rules = str(work / "rules.xzjd")
        code, err = self.run(capsys, "check", rules)
        assert code == 0
        assert calls == [rules]
        assert err.count("warning[schedule/before-effective]") == 1

    def test_check_with_data(
        self, work: Path, calls: list[str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        rules = str(work / "rules.xzjd")
        data = ["--agencies", str(work / "agencies.csv"), "--filings", str(work / "filings.csv")]
        code, err = self.run(capsys, "check", rules, *data, "--on", "2010-06-01")
        assert code == 0
        assert calls == [rules]
        assert err.count("warning[schedule/before-effective]") == 1

    def test_agenda(self, work: Path, calls: list[str], capsys: pytest.CaptureFixture[str]) -> None:
        rules = str(work / "rules.xzjd")
        argv = ["agenda", rules, "--agencies", str(work / "agencies.csv"), "--agency", "km-gov"]
        code, err = self.run(capsys, *argv, "--from", "2010-06-01", "--to", "2010-08-31")
        assert code == 0
        assert calls == [rules]
        assert err.count("warning[schedule/before-effective]") == 1

    def test_explain(
        self, work: Path, calls: list[str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        rules = str(work / "rules.xzjd")
        code, err = self.run(
            capsys,
            "explain",
            rules,
            "--agencies",
            str(work / "agencies.csv"),
            "--filings",
            str(work / "filings.csv"),
            "--agency",
            "km-gov",
            "--obligation",
            "bimonthly-report",
            "--period",
            "2010-B2",
            "--on",
            "2010-05-03",
        )
        assert code == 0
        assert calls == [rules]
        assert err.count("warning[schedule/before-effective]") == 1

    def test_scenario_tests(self, calls: list[str], capsys: pytest.CaptureFixture[str]) -> None:
        """`xzjd test` checks each file once: the two test files, and the rules file they
        both name, whatever the number of scenarios run against it."""
        code, _ = self.run(capsys, "test", str(YUNNAN))
        assert code == 0
        names = ["rules.zh.xzjd", "yunnan.test.xzjd", "yunnan.en.test.xzjd"]
        assert sorted(calls) == sorted(str(YUNNAN / name) for name in names)
