# SPDX-License-Identifier: MIT
"""examples/sichuan-ogi: four regulations in one run over one filings workbook, a GBK registry
with Chinese headers and a 条线 column (issue 15's done-when). Expected values are worked out
by hand in examples/sichuan-ogi/README.md on the 2025 calendar (Spring Festival rest
01-28..02-04)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from xzjd.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "sichuan-ogi"


def _check(capsys: pytest.CaptureFixture[str], agencies: str, filings: str) -> list[dict[str, Any]]:
    status = main(
        [
            "check",
            str(EXAMPLE / "rules"),
            "--agencies",
            str(EXAMPLE / agencies),
            "--filings",
            str(EXAMPLE / filings),
            "--events",
            str(EXAMPLE / "events.csv"),
            "--on",
            "2025-04-15",
            "--format",
            "json",
        ]
    )
    out = capsys.readouterr().out
    assert status == 0
    records: list[dict[str, Any]] = json.loads(out)
    return records


def _by(records: list[dict[str, Any]], agency: str, obligation: str, period: str) -> dict[str, Any]:
    [found] = [
        r
        for r in records
        if (r["agency"], r["obligation"], r["period"]) == (agency, obligation, period)
    ]
    return found


def test_four_regulations_over_one_workbook(capsys: pytest.CaptureFixture[str]) -> None:
    records = _check(capsys, "agencies.gbk.csv", "filings.xlsx")
    assert {r["obligation"] for r in records} == {
        "ogi-dept-report",
        "ogi-dept-publish",
        "ogi-gov-publish",
        "fz-gov",
        "fz-dept",
        "licence-decision",
        "petition",
    }
    # The yearly report: 01-31 is in the Spring Festival rest, moved to 02-05.
    report = _by(records, "jn-tjj", "ogi-dept-report", "2025")
    assert (report["due"], report["state"], report["satisfied_on"], report["days_late"]) == (
        "2025-02-05",
        "late",
        "2025-02-10",
        5,
    )
    published = _by(records, "jn-tjj", "ogi-dept-publish", "2025")
    assert (published["state"], published["days_overdue"], published["step"]) == (
        "overdue",
        69,
        "notify",
    )
    assert _by(records, "cd-tjj", "ogi-dept-publish", "2025")["state"] == "done"
    assert _by(records, "jn-zwgk", "ogi-gov-publish", "2025")["days_overdue"] == 15
    # Owed to the same-level party committee and standing committee.
    cd = _by(records, "cd-gov", "fz-gov", "2025")
    assert (cd["recipients"], cd["state"]) == (["cd-dw", "cd-rd"], "done")
    jn = _by(records, "jn-gov", "fz-gov", "2025")
    assert (jn["recipients"], jn["state"], jn["days_overdue"]) == (
        ["jn-dw", "jn-rd"],
        "overdue",
        15,
    )
    # The upper-level counterpart is the prefecture's statistics bureau only.
    dept = _by(records, "jn-tjj", "fz-dept", "2025")
    assert (dept["recipients"], dept["state"]) == (["jn-dw", "jn-gov", "cd-tjj"], "done")
    assert _by(records, "jn-xfj", "fz-dept", "2025")["recipients"] == ["jn-dw", "jn-gov"]
    licence = _by(records, "cd-scj", "licence-decision", "L-001")
    assert (licence["due"], licence["state"]) == ("2025-03-31", "done")
    petition = _by(records, "jn-xfj", "petition", "P-001")
    assert (petition["due"], petition["days_overdue"], petition["step"]) == (
        "2025-04-11",
        4,
        "urge",
    )


def test_the_office_formats_give_the_utf8_results(capsys: pytest.CaptureFixture[str]) -> None:
    reference = _check(capsys, "agencies.csv", "filings.csv")
    assert _check(capsys, "agencies.gbk.csv", "filings.xlsx") == reference
    assert _check(capsys, "agencies.gbk.csv", "filings.csv") == reference


def test_stats_and_report_read_the_declared_kind(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The registry names the kind ogi.xzjd declares (政务公开工作主管部门): stats and report
    read it with the rules' kinds, as check does. Figures from the README's hand count."""
    lines = (EXAMPLE / "filings.csv").read_text(encoding="utf-8").splitlines()
    filings = tmp_path / "filings.csv"
    filings.write_text(
        "\n".join([lines[0], *(x for x in lines[1:] if ",ogi-" in x)]) + "\n", encoding="utf-8"
    )
    common = [
        str(EXAMPLE / "rules" / "ogi.xzjd"),
        "--agencies",
        str(EXAMPLE / "agencies.csv"),
        "--filings",
        str(filings),
        "--from",
        "2025-01-01",
        "--to",
        "2025-04-15",
        "--by",
        "agency",
        "--every",
        "year",
    ]
    assert main(["stats", *common, "--format", "json"]) == 0
    rows = {r["group"]: r for r in json.loads(capsys.readouterr().out)["rows"]}
    # 金牛区统计局: the report late (02-10), the publication overdue; 成都市统计局 both on time;
    # the 金牛区 office's own publication overdue.
    assert (rows["jn-tjj"]["due"], rows["jn-tjj"]["late"], rows["jn-tjj"]["overdue"]) == (2, 1, 1)
    assert (rows["cd-tjj"]["due"], rows["cd-tjj"]["on_time"]) == (2, 2)
    assert (rows["jn-zwgk"]["due"], rows["jn-zwgk"]["overdue"]) == (1, 1)
    assert main(["report", *common, "--html", str(tmp_path / "r.html")]) == 0
    assert "成都市金牛区人民政府办公室" in (tmp_path / "r.html").read_text(encoding="utf-8")
