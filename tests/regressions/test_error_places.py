# SPDX-License-Identifier: MIT
"""Issue 12: every error output has a place, or says what it is about, and a hint.

Argument errors printed ``error: …`` with no code, no place and no hint (argparse's own
errors only its usage text): now ``error[argument/…]: --option: …`` and a hint. A missing
rules file had no hint; evaluating rules without an effective date named no place.

The files are the tutorial's (examples/tutorial): km-gov owes the bi-monthly report to km-jc.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

import xzjd
from xzjd.cli import main
from xzjd.errors import EvaluationError

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "examples" / "tutorial"


@pytest.fixture
def work(tmp_path: Path) -> Path:
    for name in ("rules.xzjd", "agencies.csv"):
        shutil.copy(TUTORIAL / name, tmp_path / name)
    return tmp_path


def check(capsys: pytest.CaptureFixture[str], work: Path, *args: str) -> tuple[int, str, str]:
    status = main(
        ["check", str(work / "rules.xzjd"), "--agencies", str(work / "agencies.csv"), *args]
    )
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_bad_on_date(capsys: pytest.CaptureFixture[str], work: Path) -> None:
    """An impossible ``--on``: its code, the option, and how to write a date."""
    status, _, err = check(capsys, work, "--on", "2010-13-45")
    assert status == 2
    assert "error[argument/bad-date]: --on: '2010-13-45' is not a date\n" in err
    assert "hint: write a date as YYYY-MM-DD" in err


def test_missing_data_file(capsys: pytest.CaptureFixture[str], work: Path) -> None:
    """A missing filings file: the file is the place, and a hint."""
    missing = work / "x.csv"
    status, _, err = check(capsys, work, "--filings", str(missing), "--on", "2010-05-15")
    assert status == 2
    assert f"{missing}: error[input/unreadable]: cannot read {missing}:" in err
    assert "hint: check the path" in err


def test_missing_rules_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A missing rules file: file/not-found, and now a hint too."""
    assert main(["check", str(tmp_path / "nope.xzjd")]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'nope.xzjd'}: error[file/not-found]: no such file" in err
    assert "hint: check the path" in err


def test_unknown_agency(capsys: pytest.CaptureFixture[str], work: Path) -> None:
    """``--agency km-gv``: the option, and the agency it most likely means."""
    status, _, err = check(capsys, work, "--on", "2010-05-15", "--agency", "km-gv")
    assert status == 2
    assert "error[argument/unknown-agency]: --agency: unknown agency 'km-gv'" in err
    assert "hint: did you mean 'km-gov'?" in err


def test_agenda_range_backwards(capsys: pytest.CaptureFixture[str], work: Path) -> None:
    """``--to`` before ``--from``."""
    data = [str(work / "rules.xzjd"), "--agencies", str(work / "agencies.csv")]
    status = main(
        ["agenda", *data, "--agency", "km-gov", "--from", "2010-12-01", "--to", "2010-01-31"]
    )
    err = capsys.readouterr().err
    assert status == 2
    assert "error[argument/bad-range]: --to: --to is before --from" in err
    assert "hint: give a --to on or after --from (2010-12-01)" in err


def test_explain_unknown_period(capsys: pytest.CaptureFixture[str], work: Path) -> None:
    """``--period 2009-B1``: the rules are effective 2010-01-22, the first period is 2010-B1
    (nominal deadline Feb 28, 2010, after the effective date)."""
    data = [str(work / "rules.xzjd"), "--agencies", str(work / "agencies.csv")]
    which = ["--agency", "km-gov", "--obligation", "bimonthly-report", "--period", "2009-B1"]
    status = main(["explain", *data, *which, "--on", "2010-05-15"])
    err = capsys.readouterr().err
    assert status == 2
    assert "error[argument/unknown-period]: --period: obligation 'bimonthly-report' has no " in err
    assert "the first is '2010-B1'" in err


def test_usage_errors_have_codes(capsys: pytest.CaptureFixture[str]) -> None:
    """argparse's own errors: a code, the argument, a hint; the usage line stays."""
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: xzjd check")
    assert "error[argument/missing]: the following arguments are required: RULES" in err
    assert "hint: see 'xzjd check --help'" in err
    assert main(["check", "r.xzjd", "--format", "xml"]) == 2
    assert "error[argument/invalid-choice]: --format: invalid choice: 'xml'" in (
        capsys.readouterr().err
    )


def test_no_effective_date_is_positioned(tmp_path: Path) -> None:
    """Evaluating rules with no effective date: the error points at the schedule.

    The schedule is the third line of the obligation, line 5, indented two spaces.
    """
    rules = xzjd.loads(
        'ruleset "x"\n\nobligation a "A":\n  applies to every government\n'
        "  by the end of each month, file report with the same-level supervisory organ\n",
        file="r.xzjd",
    )
    agencies = xzjd.read_agencies(TUTORIAL / "agencies.csv")
    with pytest.raises(EvaluationError) as info:
        xzjd.evaluate(rules, agencies, on=dt.date(2010, 5, 15))
    error = info.value
    assert error.code == "schedule/no-effective"
    assert error.span is not None and (error.file, error.span.line, error.span.column) == (
        "r.xzjd",
        5,
        3,
    )
    assert error.render().startswith("r.xzjd:5:3: error[schedule/no-effective]: obligation 'a'")


def test_file_names_with_line_breaks(capsys: pytest.CaptureFixture[str]) -> None:
    """Found by the fuzz harness: a file name holding a line break broke the diagnostic
    into lines that are no diagnostic; it is shown escaped (and an empty one as '')."""
    assert main(["check", "a\nb.xzjd"]) == 2
    assert capsys.readouterr().err.startswith("a\\nb.xzjd: error[file/not-found]: no such file\n")
    assert main(["check", ""]) == 2
    assert capsys.readouterr().err.startswith("'': error[file/not-found]: no such file\n")


def test_arguments_with_control_characters(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown argument holding a line break and U+202E is quoted with escapes; so is a
    second rules path (``check`` takes several) that names no file."""
    assert main(["check", "r.xzjd", "--x\n\u202ey"]) == 2
    err = capsys.readouterr().err
    assert "error[argument/unknown]: unrecognized arguments: --x\\n\\u202ey\n" in err
    assert main(["check", str(TUTORIAL / "rules.xzjd"), "x\n\u202ey"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("x\\n\\u202ey: error[file/not-found]: no such file\n")


def test_missing_calendar_data_has_a_hint(capsys: pytest.CaptureFixture[str], work: Path) -> None:
    """The tutorial's calendar is cn (2004-2099, provisional from 2027): evaluating on
    2100-06-01 needs 2100."""
    status, _, err = check(capsys, work, "--on", "2100-06-01")
    assert status == 2
    assert "error[calendar/no-data]: calendar 'cn' has no data for" in err
    assert "hint: evaluate a date the calendar has data for, or add the year" in err


def test_impossible_expectations_have_hints(capsys: pytest.CaptureFixture[str], work: Path) -> None:
    """Found by the fuzz harness: some scenario errors had no hint. Each of these
    expectations is wrong in its own way; every error printed has a hint."""
    test = work / "a.test.xzjd"
    test.write_text(
        'rules "rules.xzjd"\nagencies "agencies.csv"\nfilings none\nevents none\n\n'
        'scenario "s":\n  on 2010-05-10\n'
        "  expect km-gov bi 2010-B3 pending\n"
        "  expect km-gov bimonthly-report 2010-B2 pending, due 2010-04-30\n"
        "  expect km-gov bimonthly-report 2010-B3 late, due 2010-06-30\n"
        "  expect km-gov bimonthly-report 2010-B1 overdue 0 days\n"
        "  expect km-gov bimonthly-report 2010-B1 step urge, no step\n"
        "  expect km-gov bimonthly-report 2010-B1 overdue, recipients km-jcc\n",
        encoding="utf-8",
    )
    assert main(["test", str(test)]) == 2
    err = capsys.readouterr().err
    blocks = [b for b in err.strip().split("\n\n") if "error[" in b]
    assert len(blocks) >= 6
    assert all("\nhint: " in block for block in blocks), err


def test_a_nul_in_a_file_name(capsys: pytest.CaptureFixture[str], work: Path) -> None:
    """Found by the fuzz harness: open() refuses a name with a NUL with a ValueError, which
    was an internal error (``embedded null byte``); now the file cannot be read, as any."""
    assert main(["check", "a\x00b.xzjd"]) == 2
    err = capsys.readouterr().err
    assert "a\\x00b.xzjd: error[file/unreadable]: cannot read the file: the name holds a NUL" in err
    status, _, err = check(capsys, work, "--filings", "f\x00.csv", "--on", "2010-05-15")
    assert status == 2
    assert "f\\x00.csv: error[input/unreadable]: cannot read f\\x00.csv: the name holds" in err
    with pytest.raises(xzjd.InputError):
        xzjd.read_agencies("a\x00.csv")
    assert main(["test", "t\x00.test.xzjd"]) == 2
    assert "error[file/unreadable]" in capsys.readouterr().err


def test_calendar_show_year_zero(capsys: pytest.CaptureFixture[str]) -> None:
    """Found by the fuzz harness: ``xzjd calendar show 0000`` passed the four-digit check
    and failed in datetime (year 0, an internal error); it is an argument error now."""
    assert main(["calendar", "show", "0000"]) == 2
    err = capsys.readouterr().err
    assert "error[argument/bad-year]: YEAR: '0000' is not a year" in err
    assert "hint: write a four-digit year, for example 2027" in err
