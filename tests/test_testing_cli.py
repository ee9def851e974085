# SPDX-License-Identifier: MIT
"""``xzjd test``: discovery, verdicts, the closing line, exit status, filter, explain, coverage.

Dates of the rules below, by hand from the 2010 calendar: ``plan`` is due 2010-04-01 (a
Thursday); on 2010-04-20 it is 19 days overdue (04-02..04-20), past the notify step at 15.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from xzjd.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "yunnan-2010"

RULES = """\
ruleset "Test rules"
effective 2010-03-01
calendar cn

escalation standard:
  urge 1 day after the deadline
  notify 15 days after the deadline

obligation plan "Plan":
  applies to every administrative organ
  by April 1, 2010, file plan with the same-level supervisory organ
  escalation standard
"""

HEAD = """\
rules "rules.xzjd"
agencies:
  km-gov,昆明市人民政府,government,prefecture,云南省/昆明市,
  km-jc,昆明市监察局,supervisory organ,prefecture,云南省/昆明市,

"""

GOOD = """\
scenario "Kunming is notified":
  on 2010-04-20
  expect km-gov plan once overdue 19 days, step notify
"""

BAD = """\
scenario "Kunming is only urged":
  on 2010-04-20
  expect km-gov plan once overdue 19 days, step urge
"""


def make(tmp_path: Path, *bodies: str) -> Path:
    """A folder with the rules and one test file holding *bodies*."""
    (tmp_path / "rules.xzjd").write_text(RULES, encoding="utf-8")
    (tmp_path / "a.test.xzjd").write_text(HEAD + "\n".join(bodies), encoding="utf-8")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``xzjd test ARGS``; return the exit status, stdout and stderr."""
    status = main(["test", *args])
    out, err = capsys.readouterr()
    return status, out, err


class TestVerdicts:
    """Pass and fail lines, the closing line and the exit status."""

    def test_all_pass(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """One passing scenario: exit 0, closing line '1 passed, 0 failed'."""
        status, out, _ = run(capsys, str(make(tmp_path, GOOD)))
        assert status == 0
        assert "PASS" in out and "Kunming is notified" in out
        assert out.splitlines()[-1] == "1 passed, 0 failed"

    def test_a_failure(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A failing scenario: exit 1, the expectation, expected vs actual and the explanation."""
        status, out, _ = run(capsys, str(make(tmp_path, GOOD, BAD)))
        assert status == 1
        assert "FAIL" in out
        assert "expect km-gov plan once overdue 19 days, step urge" in out
        assert "expected: overdue, 19 days overdue, step urge" in out
        assert "actual:   overdue, 19 days overdue, step notify" in out
        assert "explain:" in out
        assert out.splitlines()[-1] == "1 passed, 1 failed"

    def test_filter(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--filter runs only scenarios whose title contains the text."""
        status, out, _ = run(capsys, str(make(tmp_path, GOOD, BAD)), "--filter", "notified")
        assert status == 0
        assert "only urged" not in out
        assert out.splitlines()[-1] == "1 passed, 0 failed"

    def test_explain_always(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--explain shows the explanation of passing expectations too."""
        status, out, _ = run(capsys, str(make(tmp_path, GOOD)), "--explain")
        assert status == 0
        assert "explain:" in out and "deadline:" in out

    def test_rules_file_with_scenarios_is_found(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A directory is searched for rules files with scenario blocks as well."""
        text = RULES + "\n" + HEAD.split("\n", 1)[1] + GOOD
        (tmp_path / "own.xzjd").write_text(text, encoding="utf-8")
        status, out, _ = run(capsys, str(tmp_path))
        assert status == 0
        assert "own.xzjd" in out
        assert out.splitlines()[-1] == "1 passed, 0 failed"


class TestBadInput:
    """Bad tests exit 2 with rendered diagnostics."""

    def test_unknown_obligation(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown obligation is shown at its line and column with a caret."""
        body = 'scenario "s":\n  on 2010-04-20\n  expect km-gov plam once overdue\n'
        status, out, err = run(capsys, str(make(tmp_path, body)))
        assert status == 2
        assert "a.test.xzjd:8:17: error[expect/unknown-obligation]" in err
        assert "^^^^" in err
        assert "did you mean 'plan'?" in err
        assert out.splitlines()[-1] == "0 passed, 0 failed"

    def test_no_files(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A folder without scenario files: nothing collected, exit 5 (as pytest)."""
        status, _, err = run(capsys, str(tmp_path))
        assert status == 5
        assert f"{tmp_path}: error[test/none-collected]: no scenario files" in err


class TestCoverage:
    """--coverage and --min-coverage."""

    def test_report(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Coverage lists areas with percentages and what was missed."""
        status, out, _ = run(capsys, str(make(tmp_path, GOOD)), "--coverage")
        assert status == 0
        # 1 obligation (hit); branches: deadline kept, five states (no warn line), two
        # steps = 8, of which kept, overdue, notify are hit; 1 bearer (hit): 5 of 10 -> 50%.
        assert "coverage of" in out and ": 50.0%" in out
        assert "obligations 100.0%" in out.replace("  ", " ")
        assert "plan: state pending; state done; state late; state waived; step urge reached" in out
        assert out.splitlines()[-1] == "1 passed, 0 failed"

    def test_min_coverage(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Below --min-coverage the run fails with exit 1; at or above it, it passes."""
        folder = str(make(tmp_path, GOOD))
        assert run(capsys, folder, "--min-coverage", "60")[0] == 1
        assert run(capsys, folder, "--min-coverage", "50")[0] == 0


class TestExample:
    """The Yunnan example, as shipped and broken."""

    def test_examples_pass_with_coverage(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`xzjd test examples/ --coverage` passes and reports coverage."""
        status, out, _ = run(capsys, str(ROOT / "examples"), "--coverage")
        assert status == 0
        assert "coverage of" in out and "rules.zh.xzjd" in out
        assert out.splitlines()[-1].endswith(" passed, 0 failed")

    def test_broken_deadline(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Moving Table 2 to 5月1日 fails the Zhaotong scenarios with the moved deadline shown."""
        copy = tmp_path / "yunnan"
        shutil.copytree(EXAMPLE, copy)
        rules = copy / "rules.zh.xzjd"
        text = rules.read_text(encoding="utf-8")
        old = "  4月1日前，向同级行政监察机关报送 表二"
        rules.write_text(text.replace(old, "  5月1日前，向同级行政监察机关报送 表二"), "utf-8")
        status, out, _ = run(capsys, str(copy))
        assert status == 1
        assert "FAIL" in out and "昭通市未报表二：跨清明假期逾期" in out
        # 2010-05-01 is in the May Day rest (5-1..5-3), so the deadline moves to 05-04.
        assert "nominal 2010-05-01, moved to the next working day" in out
        assert out.splitlines()[-1].endswith(" passed, 2 failed")
