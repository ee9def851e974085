# SPDX-License-Identifier: MIT
"""``xzjd check`` with data, ``xzjd agenda`` and ``xzjd explain``: output, exit status, errors.

The tutorial files (examples/tutorial) are the scenario: km-gov filed 2010-B1 on 2-26 and
2010-B2 on 4-29, but B2 was returned. Hand-worked facts used below (2010 holiday notice):
B1 nominal Sunday 2-28 -> due Monday 3-01; B2 due Friday 4-30 (May Day rest 5-01..5-03).
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from icalcheck import parse_ics
from xzjd.cli import main
from xzjd.engine import State
from xzjd.views.table import render_table, use_color

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "examples" / "tutorial"


@pytest.fixture
def work(tmp_path: Path) -> Path:
    for name in ("rules.xzjd", "agencies.csv", "filings.csv"):
        shutil.copy(TUTORIAL / name, tmp_path / name)
    return tmp_path


def run(
    capsys: pytest.CaptureFixture[str], work: Path, *args: str, command: str = "check"
) -> tuple[int, str, str]:
    argv = [command, str(work / "rules.xzjd"), "--agencies", str(work / "agencies.csv")]
    code = main([*argv, *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def check(capsys: pytest.CaptureFixture[str], work: Path, *args: str) -> tuple[int, str, str]:
    return run(capsys, work, "--filings", str(work / "filings.csv"), *args)


class TestOutput:
    def test_table_groups_by_agency(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        """The table has one block per agency with its name, and no colour when not a terminal."""
        code, out, _ = check(capsys, work, "--on", "2010-05-03")
        assert code == 0
        assert "km-gov  昆明市人民政府" in out
        assert "yn-gov  云南省人民政府" in out
        assert "\x1b[" not in out

    def test_returned_filing_leaves_period_overdue(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        """B2 was returned (误报): overdue 3 days, urge, the filing listed."""
        _, out, _ = check(capsys, work, "--on", "2010-05-03", "--format", "json")
        b2 = next(r for r in json.loads(out) if (r["agency"], r["period"]) == ("km-gov", "2010-B2"))
        assert (b2["state"], b2["days_overdue"], b2["step"], b2["filings"]) == (
            "overdue",
            3,
            "urge",
            ["f2"],
        )

    def test_csv(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        """CSV output has the JSON keys as header (section 6's, provisional, then the added
        names and lateness) and joins lists with ';'."""
        _, out, _ = check(capsys, work, "--on", "2010-05-03", "--format", "csv")
        lines = out.splitlines()
        assert lines[0] == (
            "agency,obligation,period,opens,nominal_due,due,state,days_overdue,step,"
            "recipients,filings,source,provisional,"
            "agency_name,title,deliverable,recipient_names,satisfied_on,days_late"
        )
        # B1 (due Monday 2010-03-01, the nominal 02-28 being a Sunday) was filed by f1 on
        # 02-26, before its deadline: done, satisfied on 02-26, not late. The names are the
        # agencies file's, the title and deliverable the rules file's.
        assert (
            "km-gov,bimonthly-report,2010-B1,2010-01-22,2010-02-28,2010-03-01,done,,,km-jc,f1,"
            '"Measures, art. 17",,昆明市人民政府,Bi-monthly progress report,progress report,'
            "昆明市监察局,2010-02-26,"
        ) in lines

    def test_state_filter(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        """--state keeps only the periods in that state."""
        _, out, _ = check(
            capsys, work, "--on", "2010-05-03", "--format", "json", "--state", "pending"
        )
        assert {r["state"] for r in json.loads(out)} == {"pending"}

    def test_missing_recipient_is_a_warning(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        """yn-gov has no same-level supervisory organ: a warning on stderr, exit 0."""
        code, _, err = check(capsys, work, "--on", "2010-05-03")
        assert code == 0
        assert "agencies.csv:2:1: warning[recipient/missing]" in err
        assert "yn-gov" in err and "bimonthly-report" in err and "supervisory organ" in err

    def test_chinese_messages(
        self, capsys: pytest.CaptureFixture[str], work: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With LANG=zh_CN the warning and the table headers are in Chinese."""
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")
        monkeypatch.delenv("LC_ALL", raising=False)
        monkeypatch.delenv("LC_MESSAGES", raising=False)
        _, out, err = check(capsys, work, "--on", "2010-05-03")
        assert "同级行政监察机关" in err
        assert "截止日" in out and "逾期" in out

    def test_fail_on_overdue(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        """--fail-on overdue: exit 1 on 5-03, exit 0 on 4-22 (B2 pending, B1 done)."""
        # On 4-22 yn-gov's B1 is overdue too (no filing): use --agency km-gov.
        assert check(capsys, work, "--on", "2010-05-03", "--fail-on", "overdue")[0] == 1
        assert (
            check(capsys, work, "--on", "2010-04-22", "--fail-on", "overdue", "--agency", "km-gov")[
                0
            ]
            == 0
        )


class TestColour:
    def test_states_coloured_on_request(self) -> None:
        """Pending is green, warning yellow, overdue red when colour is on."""
        from xzjd.engine import Status

        d = __import__("datetime").date(2010, 4, 30)
        rows = [
            Status("a", "o", p, d, d, d, st, None, None, (), (), None)
            for p, st in (("1", State.PENDING), ("2", State.WARNING), ("3", State.OVERDUE))
        ]
        out = render_table(rows, color=True)
        assert "\x1b[32mpending" in out and "\x1b[33mwarning" in out and "\x1b[31moverdue" in out

    def test_no_color_and_non_terminal(self) -> None:
        """NO_COLOR or a non-terminal stream turns colour off."""

        class Tty(io.StringIO):
            def isatty(self) -> bool:
                return True

        assert use_color(Tty(), env={})
        assert not use_color(Tty(), env={"NO_COLOR": "1"})
        assert not use_color(io.StringIO(), env={})


BAD_INPUT = [
    # (file, content, code, line, column)
    ("filings.csv", "id,agency,obligation,filed\n", "input/header", 1, 1),
    (
        "filings.csv",
        "id,agency,obligation,filed_on,period,recipient,status\nf1,km-gov,bimonthly-report,2010-04-31,,,\n",
        "input/bad-date",
        2,
        len("f1,km-gov,bimonthly-report,") + 1,
    ),
    (
        "filings.csv",
        "id,agency,obligation,filed_on,period,recipient,status\nf1,km-go,bimonthly-report,2010-04-30,,,\n",
        "input/unknown-agency",
        2,
        4,
    ),
    (
        "filings.csv",
        "id,agency,obligation,filed_on,period,recipient,status\nf1,km-gov,bimonthly,2010-04-30,,,\n",
        "input/unknown-obligation",
        2,
        len("f1,km-gov,") + 1,
    ),
    (
        "filings.csv",
        "id,agency,obligation,filed_on,period,recipient,status\n"
        "f1,km-gov,bimonthly-report,2010-04-30,,,\nf1,km-gov,bimonthly-report,2010-04-30,,,\n",
        "input/duplicate-id",
        3,
        1,
    ),
    (
        "filings.csv",
        "id,agency,obligation,filed_on,period,recipient,status\nf1,km-gov,bimonthly-report,2010-04-30,2010-Q2,,\n",
        "input/bad-period",
        2,
        len("f1,km-gov,bimonthly-report,2010-04-30,") + 1,
    ),
    (
        "filings.csv",
        "id,agency,obligation,filed_on,period,recipient,status\nf1,km-gov,bimonthly-report,2010-04-30,,,ok\n",
        "input/bad-status",
        2,
        len("f1,km-gov,bimonthly-report,2010-04-30,,,") + 1,
    ),
    (
        "agencies.csv",
        "id,name,kind,level,region,tags\nkm-gov,昆明市人民政府,bureau,市,云南省/昆明市,\n",
        "input/unknown-kind",
        2,
        len("km-gov,昆明市人民政府,") + 1,
    ),
    (
        "agencies.csv",
        "id,name,kind,level,region,tags\nkm-gov,昆明市人民政府,人民政府,地区,云南省/昆明市,\n",
        "input/unknown-level",
        2,
        len("km-gov,昆明市人民政府,人民政府,") + 1,
    ),
]


class TestBadInput:
    @pytest.mark.parametrize(("name", "content", "code", "line", "column"), BAD_INPUT)
    def test_bad_file(
        self,
        capsys: pytest.CaptureFixture[str],
        work: Path,
        name: str,
        content: str,
        code: str,
        line: int,
        column: int,
    ) -> None:
        """A malformed data file: exit 2, file:line:col and code on stderr, a caret, a hint."""
        (work / name).write_text(content, encoding="utf-8")
        status, out, err = check(capsys, work, "--on", "2010-05-03")
        assert status == 2
        assert out == ""
        assert f"{name}:{line}:{column}: error[{code}]" in err
        assert "^" in err and "hint:" in err
        assert "Traceback" not in err

    def test_not_utf8(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        """A GBK-encoded agencies file read as UTF-8 (--encoding utf-8) is an encoding error
        with line and column."""
        text = "id,name,kind,level,region,tags\nkm-gov,昆明市人民政府,government,市,云南省,\n"
        (work / "agencies.csv").write_bytes(text.encode("gbk"))
        status, _, err = check(capsys, work, "--on", "2010-05-03", "--encoding", "utf-8")
        assert status == 2
        assert "agencies.csv:2:8: error[input/encoding]" in err

    def test_bad_date_option(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        """--on with a bad date is a usage error, exit 2."""
        assert check(capsys, work, "--on", "2010-13-01")[0] == 2

    def test_missing_file(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        """A missing filings file is an error naming it, exit 2."""
        status, _, err = run(
            capsys, work, "--filings", str(work / "nope.csv"), "--on", "2010-05-03"
        )
        assert status == 2 and "nope.csv" in err

    def test_unknown_agency_option(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        """--agency with an unknown id is an error, exit 2."""
        status, _, err = check(capsys, work, "--on", "2010-05-03", "--agency", "nobody")
        assert status == 2 and "nobody" in err

    def test_on_is_required(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        """Evaluating without --on is an error, exit 2."""
        status, _, err = check(capsys, work)
        assert status == 2 and "--on" in err


class TestAgendaAndExplain:
    def test_agenda_json(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        """agenda lists km-gov's deadlines between the dates, with the warning day."""
        code, out, _ = run(
            capsys,
            work,
            "--agency",
            "km-gov",
            "--from",
            "2010-05-01",
            "--to",
            "2010-08-31",
            "--format",
            "json",
            command="agenda",
        )
        assert code == 0
        items = json.loads(out)
        # B3 2010-06-30 (Wed): 5th working day before is 6-23 (6-26/27 weekend);
        # B4 2010-08-31 (Tue): 8-30, 27, 26, 25, 24 -> 8-24.
        assert [(i["period"], i["due"], i["warn_from"]) for i in items] == [
            ("2010-B3", "2010-06-30", "2010-06-23"),
            ("2010-B4", "2010-08-31", "2010-08-24"),
        ]

    def test_agenda_ics(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        """agenda --format ics writes an RFC 5545 calendar with CRLF line ends."""
        code = main(
            [
                "agenda",
                str(work / "rules.xzjd"),
                "--agencies",
                str(work / "agencies.csv"),
                "--agency",
                "km-gov",
                "--from",
                "2010-05-01",
                "--to",
                "2010-08-31",
                "--format",
                "ics",
            ]
        )
        captured = capsys.readouterr()
        assert code == 0
        parse_ics(captured.out)
        assert captured.out.startswith("BEGIN:VCALENDAR\r\n")
        assert "DUE;VALUE=DATE:20100630\r\n" in captured.out

    def test_explain(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        """explain names the rule, bearer, recipient, deadline, filings and step."""
        code, out, _ = run(
            capsys,
            work,
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
            command="explain",
        )
        assert code == 0
        assert "applies to every government" in out
        assert "source: Measures, art. 17" in out
        assert "the same-level supervisory organ -> km-jc" in out
        assert "deadline 2010-04-30" in out
        assert "+ f2 2010-04-29 -> km-jc (returned)" in out
        assert "- f1 2010-02-26" in out
        assert "step reached: urge" in out

    def test_explain_unknown_period(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        """explain of a period the obligation does not have is an error, exit 2."""
        code, _, err = run(
            capsys,
            work,
            "--agency",
            "km-gov",
            "--obligation",
            "bimonthly-report",
            "--period",
            "2010-Q1",
            "--on",
            "2010-05-03",
            command="explain",
        )
        assert code == 2 and "2010-Q1" in err


def _tutorial_examples() -> list[tuple[str, str]]:
    """The ``console`` blocks of the README's tutorial: (command, expected stdout)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    tutorial = text[text.index("## Tutorial") :]
    examples = []
    for block in tutorial.split("```console\n")[1:]:
        body = block[: block.index("```")]
        command, _, output = body.partition("\n")
        examples.append((command.removeprefix("$ "), output))
    return examples


class TestTutorial:
    @pytest.mark.parametrize(("command", "expected"), _tutorial_examples())
    def test_readme_example_runs(
        self,
        command: str,
        expected: str,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """Each command of the README tutorial prints exactly what the README shows."""
        import shlex

        monkeypatch.chdir(ROOT)
        monkeypatch.setenv("LANG", "C.UTF-8")
        monkeypatch.delenv("LC_ALL", raising=False)
        monkeypatch.delenv("LC_MESSAGES", raising=False)
        argv = shlex.split(command)
        assert argv[0] == "xzjd"
        assert main(argv[1:]) == 0
        assert capsys.readouterr().out == expected

    def test_there_are_examples(self) -> None:
        """The tutorial shows check, the JSON filter, explain and the agenda of a region."""
        commands = [c for c, _ in _tutorial_examples()]
        assert len(commands) == 5
        assert any(c.startswith("xzjd explain") for c in commands)
        assert any(c.startswith("xzjd agenda") and "--region" in c for c in commands)
