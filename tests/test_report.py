# SPDX-License-Identifier: MIT
"""``xzjd report``: the HTML page, without a browser. It names no other resource (no
address, no ``src=``, no ``url(``), it parses, every text from the input is escaped, and the
figures in its ``data-`` attributes are those of a small hand-made case worked out below and
those of ``xzjd stats --format json``. tests/test_report_browser.py opens it in Chromium.

The dates are worked out from the 2010 holiday notice (国办发明电〔2009〕27号): rest
2-13..2-19, 4-3..4-5, 5-1..5-3, 6-14..6-16; make-up working days 2-20, 2-21, 6-12, 6-13;
weekends otherwise rest. 2010-01-01 was a Friday.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import xzjd
from xzjd.cli import main
from xzjd.engine.judgement import stats
from xzjd.views.report import render_report
from xzjd.views.report_data import build_report

D = dt.date
ROOT = Path(__file__).resolve().parent.parent
YUNNAN = ROOT / "examples" / "yunnan-2010"

HOSTILE = "<script>alert(1)</script> & \"G2\" 'x'"

# One monthly duty of governments, owed to the same-level supervisory organ. Deadlines (the
# last day of the month, moved off rest days):
#   2010-02: Sun 02-28 -> Mon 03-01 (Q1)   2010-03: Wed 03-31 (Q1)
#   2010-04: Fri 04-30 (Q2)                2010-05: Mon 05-31 (Q2)   2010-06: Wed 06-30 (Q2)
RULES = """\
ruleset "Report <test> & co"
effective 2010-01-01
calendar cn
deadlines on rest days move to the next working day

escalation standard:
  warn 5 working days before the deadline
  urge 1 day after the deadline
  hold accountable 30 days after the deadline

rating quarterly: excellent at least 98% on time; good at least 50%; otherwise poor

obligation monthly "Monthly report":
  source "Measures art. 7 <b>"
  applies to every government
  by the end of each month, file monthly report with the same-level supervisory organ
  escalation standard
"""

AGENCIES = f"""\
id,name,kind,level,region,tags
g1,G1,government,prefecture,P/A,
jc-a,JC A,supervisory organ,prefecture,P/A,
g2,"{HOSTILE.replace('"', '""')}",government,prefecture,P/B,
jc-b,JC <B>,supervisory organ,prefecture,P/B,
"""

# g1: 2010-02 on time (02-26 <= 03-01), 2010-03 on time (03-30 <= 03-31), 2010-04 late
# (05-10 > 04-30), 2010-05 on time (05-28), 2010-06 on time (06-28).
# g2: 2010-02 on time (02-26); 2010-03, 2010-04, 2010-05 never filed: overdue on 06-30;
# 2010-06 is due on 06-30 itself and not filed: open (not yet judged).
FILINGS = """\
id,agency,obligation,filed_on,period,recipient,status
f1,g1,monthly,2010-02-26,2010-02,,
f2,g1,monthly,2010-03-30,2010-03,,
f3,g1,monthly,2010-05-10,2010-04,,
f4,g1,monthly,2010-05-28,2010-05,,
f5,g1,monthly,2010-06-28,2010-06,,
f6,g2,monthly,2010-02-26,2010-02,,
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


class Page(HTMLParser):
    """The tags, their attributes and the text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def with_class(self, tag: str, cls: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and cls in a.get("class", "").split()]

    def by_id(self, ident: str) -> dict[str, str]:
        (found,) = [a for _, a in self.tags if a.get("id") == ident]
        return found


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


def report_of(work: Path, lang: str = "en", by: str = "region") -> str:
    report = build_report(
        xzjd.load(str(work / "rules.xzjd")),
        xzjd.read_agencies(str(work / "agencies.csv")),
        xzjd.read_filings(str(work / "filings.csv")),
        start=D(2010, 3, 1),
        end=D(2010, 6, 30),
        by=by,
        every="quarter",
    )
    return render_report(report, lang=lang)


# Tags a page that loads nothing may hold; anything else (script, img, link, iframe,
# object, embed, image, use, foreignobject...) fails.
ALLOWED = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "section", "div",
    "b", "span", "table", "tr", "th", "td", "svg", "text", "line", "rect",
}  # fmt: skip
#: Attributes that load or point at something.
LOADING = {"src", "href", "xlink:href", "srcset", "action", "poster", "data", "background"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_names_no_other_resource_and_escapes_the_input(work: Path, lang: str) -> None:
    text = report_of(work, lang)
    # No address and nothing that could load one, anywhere in the file. (The input of this
    # case holds no address either: an address in a name would be text, escaped.)
    for pattern in (r"http", r"//", r"src\s*=", r"url\s*\(", r"@import", r"<script"):
        assert re.search(pattern, text, re.IGNORECASE) is None, pattern
    page = parse(text)
    assert {t for t, _ in page.tags} <= ALLOWED
    for tag, attrs in page.tags:
        assert not LOADING & set(attrs), (tag, attrs)
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
    # The hostile name is shown as text, exactly, wherever it appears; its markup is inert.
    shown = "".join(page.text)
    assert HOSTILE in shown
    assert "JC <B>" in shown and "Measures art. 7 <b>" in shown
    assert "Report <test> & co" in shown
    assert "<b>B" not in text and "<test>" not in text


def test_the_figures_are_those_worked_out_by_hand(work: Path) -> None:
    page = parse(report_of(work))
    head = page.by_id("headline")
    # Q1: P/A 2 due, 2 on time; P/B 2 due, 1 on time (2010-02), 1 overdue (2010-03).
    # Q2: P/A 3 due, 2 on time, 1 late (2010-04); P/B 3 due, 2 overdue, 1 open (2010-06).
    assert {k: head[f"data-{k}"] for k in ("due", "on-time", "late", "overdue", "open")} == {
        "due": "10",
        "on-time": "5",
        "late": "1",
        "overdue": "3",
        "open": "1",
    }
    assert head["data-waived"] == "0"
    assert float(head["data-rate"]) == 5 / 9  # 5 on time of 9 judged (5 + 1 + 3)
    rows = {(r["data-interval"], r["data-group"]): r for r in page.with_class("tr", "stats-row")}
    found = {k: (float(r["data-rate"]), r["data-rating"], r["data-rank"]) for k, r in rows.items()}
    assert found == {
        ("2010-Q1", "P/A"): (1.0, "excellent", "1"),
        ("2010-Q1", "P/B"): (0.5, "good", "2"),
        ("2010-Q2", "P/A"): (2 / 3, "good", "1"),
        ("2010-Q2", "P/B"): (0.0, "poor", "2"),
    }  # fmt: skip
    # The grades in the rating's order, highest first: Q1 P/A, excellent; Q1 P/B and Q2 P/A,
    # good; Q2 P/B, poor.
    grades = [(a["data-rating"], a["data-rows"]) for t, a in page.tags if "data-rows" in a]
    assert grades == [("excellent", "1"), ("good", "2"), ("poor", "1")]
    bars = {
        (b["data-interval"], b["data-group"]): b["data-rate"]
        for b in page.with_class("rect", "bar")
    }
    assert bars == {k: r["data-rate"] for k, r in rows.items()}
    # The heat map, by the month of the deadline: g1 in March: 03-01 and 03-31, both on
    # time; g2 in April: 2010-04 (due 04-30) overdue, rate 0; g2 in June: 2010-06 (due
    # 06-30) open, no rate; jc-a owes nothing.
    heat = {(c["data-group"], c["data-interval"]): c for c in page.with_class("td", "heat")}
    assert float(heat[("g1", "2010-03")]["data-rate"]) == 1.0
    assert heat[("g1", "2010-03")]["data-due"] == "2"
    assert float(heat[("g2", "2010-04")]["data-rate"]) == 0.0
    assert heat[("g2", "2010-06")]["data-rate"] == ""  # due 06-30, open: not judged
    assert heat[("jc-a", "2010-05")]["data-due"] == "0"


def test_the_overdue_list_names_whom_it_is_owed_to_and_the_step(work: Path) -> None:
    page = parse(report_of(work))
    listed = [(r["data-agency"], r["data-period"]) for r in page.with_class("tr", "overdue-row")]
    assert listed == [("g2", "2010-03"), ("g2", "2010-04"), ("g2", "2010-05")]
    text = report_of(work)
    # 2010-03: due 03-31, 91 days overdue on 06-30 (30 in April + 31 in May + 30 in June):
    # past "hold accountable 30 days after the deadline" (04-30).
    row = text[text.index('data-period="2010-03"') :]
    row = row[: row.index("</tr>")]
    assert "<td>91</td>" in row and "hold accountable" in row and "JC &lt;B&gt;" in row
    assert "Measures art. 7 &lt;b&gt;" in row


def test_the_table_equals_xzjd_stats_json(
    work: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "r.html"
    assert main(["report", *argv(work, "--by", "agency", "--html", str(out))]) == 0
    assert main(["stats", *argv(work, "--by", "agency", "--format", "json")]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    page = parse(out.read_text(encoding="utf-8"))
    rows = page.with_class("tr", "stats-row")
    assert len(rows) == len(data["rows"]) == 8  # 4 agencies x 2 quarters
    for r, j in zip(rows, data["rows"], strict=True):
        assert (r["data-group"], r["data-interval"]) == (j["group"], j["interval"])
        for key in ("due", "on_time", "late", "overdue", "waived", "open"):
            assert int(r["data-" + key.replace("_", "-")]) == j[key]
        assert (float(r["data-rate"]) if r["data-rate"] else None) == j["rate"]
        assert (int(r["data-rank"]) if r["data-rank"] else None) == j["rank"]
        assert (r["data-rating"] or None) == j["rating"]


def test_chinese_page(work: Path) -> None:
    page = parse(report_of(work, "zh"))
    shown = "".join(page.text)
    assert "行政监督统计" in shown and "准时率" in shown and "问责" in shown  # hold accountable
    assert [a.get("lang") for t, a in page.tags if t == "html"] == ["zh-CN"]


def test_stats_api_agrees(work: Path) -> None:
    table = stats(
        xzjd.load(str(work / "rules.xzjd")),
        xzjd.read_agencies(str(work / "agencies.csv")),
        xzjd.read_filings(str(work / "filings.csv")),
        start=D(2010, 3, 1),
        end=D(2010, 6, 30),
        by="region",
    )
    report = build_report(
        xzjd.load(str(work / "rules.xzjd")),
        xzjd.read_agencies(str(work / "agencies.csv")),
        xzjd.read_filings(str(work / "filings.csv")),
        start=D(2010, 3, 1),
        end=D(2010, 6, 30),
        by="region",
    )
    assert [r.to_json() for r in report.table] == [r.to_json() for r in table]


def test_an_unwritable_file_is_a_diagnostic(
    work: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "no-such-folder" / "r.html"
    assert main(["report", *argv(work, "--html", str(target))]) == 2
    err = capsys.readouterr().err
    assert "error[output/unwritable]" in err and "Traceback" not in err
    assert "writable" in err


def test_to_before_from_is_a_usage_error(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = argv(work, "--html", "x.html")
    args[args.index("2010-06-30")] = "2010-02-01"
    assert main(["report", *args]) == 2
    assert "error[argument/bad-range]" in capsys.readouterr().err


def test_yunnan_report_is_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "yunnan.html"
    code = main(
        [
            "report",
            str(YUNNAN / "rules.zh.xzjd"),
            "--agencies",
            str(YUNNAN / "agencies.csv"),
            "--filings",
            str(YUNNAN / "filings.csv"),
            "--events",
            str(YUNNAN / "events.csv"),
            "--from",
            "2010-03-01",
            "--to",
            "2010-11-15",
            "--lang",
            "zh",
            "--html",
            str(out),
        ]
    )
    assert code == 0
    text = out.read_text(encoding="utf-8")
    page = parse(text)
    # 16 prefectures and the province's own agencies, in the chart, every quarter Q1..Q4.
    groups = {b["data-group"] for b in page.with_class("rect", "bar")}
    assert len(groups) == 17 and "云南省" in groups
    assert re.search(r"http|//|src\s*=|url\s*\(", text) is None
