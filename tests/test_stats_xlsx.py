# SPDX-License-Identifier: MIT
"""``xzjd stats --format xlsx -o FILE``: the rows of ``--format json`` as a workbook, headers
in English or Chinese, text never a formula, and clear errors without openpyxl or -o."""

from __future__ import annotations

import datetime as dt
import importlib
import json
from pathlib import Path
from typing import Any

import pytest

from xzjd.cli import main
from xzjd.views.stats import CSV_KEYS

openpyxl = pytest.importorskip("openpyxl")

RULES = """\
ruleset "Workbook test"
effective 2010-01-01
calendar cn
deadlines on rest days move to the next working day

rating quarterly: good at least 50%; otherwise poor

obligation monthly "Monthly report":
  applies to every government
  by the end of each month, file monthly report with the same-level supervisory organ
"""

# A name that a spreadsheet would run as a formula if it were written as one.
AGENCIES = """\
id,name,kind,level,region,tags
g1,=SUM(1+1),government,prefecture,P/A,
jc-a,JC A,supervisory organ,prefecture,P/A,
"""

# 2010-02 due Sun 02-28 -> Mon 03-01: never filed, overdue. 2010-03 due Wed 03-31: filed
# 03-30, on time. 2010-04 due Fri 04-30: filed 05-10, 10 days late. 2010-05 due Mon 05-31:
# never filed, overdue on 06-30 (no escalation: no step). 2010-06 due Wed 06-30: open.
FILINGS = """\
id,agency,obligation,filed_on,period,recipient,status
f1,g1,monthly,2010-03-30,2010-03,,
f2,g1,monthly,2010-05-10,2010-04,,
"""


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "rules.xzjd").write_text(RULES, encoding="utf-8")
    (tmp_path / "agencies.csv").write_text(AGENCIES, encoding="utf-8")
    (tmp_path / "filings.csv").write_text(FILINGS, encoding="utf-8")
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    return tmp_path


def argv(work: Path, *more: str) -> list[str]:
    return [
        "stats",
        str(work / "rules.xzjd"),
        "--agencies",
        str(work / "agencies.csv"),
        "--filings",
        str(work / "filings.csv"),
        "--from",
        "2010-03-01",
        "--to",
        "2010-06-30",
        *more,
    ]


def sheet_rows(path: Path) -> tuple[Any, list[list[Any]]]:
    sheet = openpyxl.load_workbook(path).active
    return sheet, [[c.value for c in row] for row in sheet.iter_rows()]


def test_the_workbook_holds_the_json_rows(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = work / "s.xlsx"
    assert main(argv(work, "--by", "region", "--format", "xlsx", "-o", str(out))) == 0
    assert capsys.readouterr().out == ""
    assert main(argv(work, "--by", "region", "--format", "json")) == 0
    data = json.loads(capsys.readouterr().out)
    sheet, rows = sheet_rows(out)
    assert sheet.title == "stats"
    assert rows[0] == list(CSV_KEYS)
    assert len(rows) == 1 + len(data["rows"]) == 3  # P/A in 2010-Q1 and 2010-Q2
    for cells, record in zip(rows[1:], data["rows"], strict=True):
        got = dict(zip(CSV_KEYS, cells, strict=True))
        assert got["group"] == record["group"] and got["interval"] == record["interval"]
        assert got["from"].date() == dt.date.fromisoformat(record["from"])
        for key in ("due", "on_time", "late", "overdue", "waived", "open", "rank", "rating"):
            assert got[key] == record[key], key
        assert got["rate"] == record["rate"]
        assert got["days_late_max"] == record["days_late"]["max"]
    q2 = dict(zip(CSV_KEYS, rows[2], strict=True))
    # Q2: 2010-04 late by 10 days (04-30 to 05-10), 2010-05 overdue, 2010-06 due 06-30 open.
    assert (q2["due"], q2["on_time"], q2["late"], q2["overdue"], q2["open"]) == (3, 0, 1, 1, 1)
    assert q2["days_late_max"] == 10 and q2["overdue_none"] == 1
    assert q2["rate"] == 0.0 and q2["rating"] == "poor"


def test_chinese_headers_and_text_never_a_formula(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = work / "s.xlsx"
    assert (
        main(["--lang", "zh", *argv(work, "--by", "agency", "--format", "xlsx", "-o", str(out))])
        == 0
    )
    sheet, rows = sheet_rows(out)
    assert sheet.title == "统计"
    assert rows[0][:3] == ["分组", "名称", "时段"] and rows[0][-1] == "评级"
    names = {row[1] for row in rows[1:]}
    assert "=SUM(1+1)" in names
    formula_cells = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formula_cells == []


def test_without_openpyxl_a_clear_error(
    work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.import_module

    def no_openpyxl(name: str, *args: Any) -> Any:
        if name == "openpyxl":
            raise ImportError(name)
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", no_openpyxl)
    out = work / "s.xlsx"
    assert main(argv(work, "--format", "xlsx", "-o", str(out))) == 2
    err = capsys.readouterr().err
    assert "error[output/no-openpyxl]" in err and "pip install 'xzjd[xlsx]'" in err
    assert "Traceback" not in err and not out.exists()


@pytest.mark.parametrize(
    "more", [("--format", "xlsx"), ("--format", "csv", "-o", "x.csv"), ("-o", "x.xlsx")]
)
def test_xlsx_and_o_go_together(
    work: Path, capsys: pytest.CaptureFixture[str], more: tuple[str, ...]
) -> None:
    assert main(argv(work, *more)) == 2
    assert "error[argument/xlsx-output]" in capsys.readouterr().err
