# SPDX-License-Identifier: MIT
"""Issue 12, "silent or unhelpful": nothing vanishes unannounced, every error says where.

* Filings and events dated after ``--on`` were left out without a word (a typo such as
  9999-12-31 made a filing vanish): now one warning per file, ``input/after-on``, with the
  count and the first three by id and line.
* ``xzjd test`` on a folder with no scenario exited like a passing run: now exit 5 and
  ``error[test/none-collected]``, as pytest does.

The files are the tutorial's (examples/tutorial): km-gov owes the bi-monthly report to
km-jc; a filings file is written per test.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

import xzjd
from xzjd.cli import main
from xzjd.errors import Severity
from xzjd.facts.tables import text_source

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "examples" / "tutorial"
HEADER = "id,agency,obligation,filed_on,period,recipient,status\n"


def row(ident: str, day: str) -> str:
    return f"{ident},km-gov,bimonthly-report,{day},,,\n"


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


# --------------------------------------------------------------------------- after --on


def test_filings_after_on(capsys: pytest.CaptureFixture[str], work: Path) -> None:
    """Five filings, four after 2010-05-15: one warning at the first of them, three named.

    Line 1 is the header, so f2..f5 are on lines 3..6. ``f2,km-gov,bimonthly-report,`` is
    3 + 7 + 17 = 27 characters: the date is at column 28.
    """
    filings = work / "filings.csv"
    filings.write_text(
        HEADER
        + row("f1", "2010-02-26")
        + row("f2", "2010-06-30")
        + row("f3", "9999-12-31")
        + row("f4", "2010-05-16")
        + row("f5", "2011-01-01"),
        encoding="utf-8",
    )
    status, _, err = check(capsys, work, "--filings", str(filings), "--on", "2010-05-15")
    assert status == 0
    assert (
        f"{filings}:3:28: warning[input/after-on]: 4 filings dated after 2010-05-15 are not "
        "counted (f2 line 3, f3 line 4, f4 line 5, and 1 more)"
    ) in err
    assert "hint: a filing counts only from its date on" in err
    assert err.count("input/after-on") == 1


def test_one_event_after_on(capsys: pytest.CaptureFixture[str], work: Path) -> None:
    """One event after the date: ``1 event … is not counted (e2 line 3)``, at its date.

    ``e2,km-gov,finding,`` is 3 + 7 + 8 = 18 characters: the date is at column 19.
    """
    events = work / "events.csv"
    events.write_text(
        "id,agency,event,date\ne1,km-gov,finding,2010-03-01\ne2,km-gov,finding,2010-09-09\n",
        encoding="utf-8",
    )
    status, _, err = check(capsys, work, "--events", str(events), "--on", "2010-05-15")
    assert status == 0
    assert (
        f"{events}:3:19: warning[input/after-on]: 1 event dated after 2010-05-15 is not counted "
        "(e2 line 3)"
    ) in err


def test_nothing_after_on_no_warning(capsys: pytest.CaptureFixture[str], work: Path) -> None:
    """The tutorial's own filings, both before 2010-05-15: no after-on warning."""
    shutil.copy(TUTORIAL / "filings.csv", work / "filings.csv")
    status, _, err = check(
        capsys, work, "--filings", str(work / "filings.csv"), "--on", "2010-05-15"
    )
    assert status == 0 and "after-on" not in err


def test_after_on_through_the_api() -> None:
    """``Statuses.warnings`` holds the same diagnostic, and so does the streamed form."""
    rules = xzjd.load(TUTORIAL / "rules.xzjd")
    agencies = xzjd.read_agencies(TUTORIAL / "agencies.csv")
    filings = xzjd.read_filings(
        text_source(HEADER + row("f1", "2010-02-26") + row("f9", "2010-12-01"), "f.csv")
    )
    on = dt.date(2010, 5, 15)
    statuses = xzjd.evaluate(rules, agencies, filings, on=on)
    (diag,) = [w for w in statuses.warnings if w.code == "input/after-on"]
    assert diag.severity is Severity.WARNING and diag.file == "f.csv"
    assert diag.message == "1 filing dated after 2010-05-15 is not counted (f9 line 3)"
    assert diag.message_zh == "1 条报送的日期晚于评估日 2010-05-15，不计入（f9 第 3 行）"
    stream = xzjd.iter_evaluate(rules, agencies, filings, on=on)
    list(stream)
    assert diag in stream.warnings


# --------------------------------------------------------------------------- xzjd test


def test_nothing_collected_in_an_empty_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``xzjd test EMPTY``: exit 5, the folder named, a hint."""
    assert main(["test", str(tmp_path)]) == 5
    captured = capsys.readouterr()
    assert (
        f"{tmp_path}: error[test/none-collected]: no scenario files found: nothing was collected"
        in captured.err
    )
    assert "hint: scenario files are *.test.xzjd files" in captured.err
    assert captured.out.splitlines()[-1] == "0 passed, 0 failed"


def test_nothing_collected_from_a_file_without_scenarios(
    capsys: pytest.CaptureFixture[str], work: Path
) -> None:
    """A test file that names its rules and holds no scenario: exit 5."""
    test = work / "a.test.xzjd"
    test.write_text('rules "rules.xzjd"\nagencies "agencies.csv"\n', encoding="utf-8")
    assert main(["test", str(test)]) == 5
    assert "no scenario in these files" in capsys.readouterr().err


def test_nothing_collected_by_the_filter(capsys: pytest.CaptureFixture[str]) -> None:
    """``--filter`` that no title contains: exit 5, and the hint is about the filter."""
    folder = ROOT / "examples" / "yunnan-2010"
    assert main(["test", str(folder), "--filter", "no such title"]) == 5
    err = capsys.readouterr().err
    assert "no scenario title contains 'no such title'" in err
    assert "hint: check the --filter text" in err
