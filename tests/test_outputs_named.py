# SPDX-License-Identifier: MIT
"""Outputs people can read (issue 15, point 5): names beside ids, when and how late a period
was satisfied, the agenda without what is settled and for a region, ``--version``, ``--lang``,
and the wording of messages.

The scenario: a monthly roll-up owed by every supervisory organ by the 5th of each month to the
same-level government and the upper-level supervisory organ; four agencies of 云南省 and its
昆明市; effective 2010-01-22.

Worked by hand on the 2010 calendar (notice 国办发明电〔2009〕27号: 清明节 4-03..4-05 rest,
劳动节 5-01..5-03 rest, 端午节 6-14..6-16 rest with 6-12 and 6-13 worked; other Saturdays and
Sundays are rest days):

* km-jc's recipients: the same-level government km-gov (昆明市人民政府) and the upper-level
  supervisory organ yn-jc (云南省监察厅). yn-jc has no upper level: it owes km-gov nothing and
  yn-gov alone.
* 2010-04 is due Monday 4-05 nominally, a 清明 rest day: moved to Tuesday 4-06. f3, filed
  4-02 with no recipient (for every recipient), satisfies it on 4-02: done, not late.
* 2010-05 is due Wednesday 5-05, a working day. f1 reaches km-gov on 5-04, f2 reaches yn-jc
  on 5-07: the period is satisfied on 5-07, the day its last recipient had it, 2 calendar days
  after its deadline (5-06, 5-07): late, days_late 2.
* 2010-06 is due Saturday 6-05 nominally, moved to Monday 6-07; f4 waives it: no
  satisfied_on.
* 2010-07 (due Monday 7-05) is pending on 2010-06-10; nothing filed.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import re
from pathlib import Path

import pytest

import xzjd
from xzjd.cli import main
from xzjd.messages import CATALOGUE, count
from xzjd.views.agenda import agenda
from xzjd.views.records import ADDED_KEYS, CONTRACT_KEYS, CSV_KEYS, JSON_KEYS, render_csv

ROOT = Path(__file__).resolve().parents[1]
YUNNAN = ROOT / "examples" / "yunnan-2010"
TUTORIAL = ROOT / "examples" / "tutorial"

RULES = """\
ruleset "Roll-up"
effective 2010-01-22
calendar cn
deadlines on rest days move to the next working day

escalation standard:
  warn 5 working days before the deadline
  urge 1 day after the deadline
  notify 15 days after the deadline

obligation rollup "Monthly roll-up":
  source "art. 3"
  applies to every supervisory organ
  by the 5th of each month, file roll-up with the same-level government and the upper-level \
supervisory organ
  escalation standard
"""

AGENCIES = """\
id,name,kind,level,region,tags
yn-gov,云南省人民政府,government,provincial,云南省,
yn-jc,云南省监察厅,supervisory organ,provincial,云南省,
km-gov,昆明市人民政府,government,prefecture,云南省/昆明市,
km-jc,昆明市监察局,supervisory organ,prefecture,云南省/昆明市,
"""

FILINGS = """\
id,agency,obligation,filed_on,period,recipient,status
f1,km-jc,rollup,2010-05-04,2010-05,km-gov,
f2,km-jc,rollup,2010-05-07,2010-05,yn-jc,
f3,km-jc,rollup,2010-04-02,2010-04,,
f4,km-jc,rollup,2010-06-01,2010-06,,waived
"""

D = dt.date


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "rules.xzjd").write_text(RULES, encoding="utf-8")
    (tmp_path / "agencies.csv").write_text(AGENCIES, encoding="utf-8")
    (tmp_path / "filings.csv").write_text(FILINGS, encoding="utf-8")
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    return tmp_path


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def check_json(
    capsys: pytest.CaptureFixture[str], work: Path, *extra: str
) -> list[dict[str, object]]:
    code, out, _ = cli(
        capsys,
        "check",
        str(work / "rules.xzjd"),
        "--agencies",
        str(work / "agencies.csv"),
        "--filings",
        str(work / "filings.csv"),
        "--on",
        "2010-06-10",
        "--format",
        "json",
        *extra,
    )
    assert code == 0
    records: list[dict[str, object]] = json.loads(out)
    return records


class TestNamesBesideIds:
    def test_json_names_the_agency_the_obligation_and_the_recipients(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        records = check_json(capsys, work, "--agency", "km-jc")
        for r in records:
            assert r["agency_name"] == "昆明市监察局"
            assert r["title"] == "Monthly roll-up"
            assert r["deliverable"] == "roll-up"
            assert r["recipients"] == ["km-gov", "yn-jc"]
            assert r["recipient_names"] == ["昆明市人民政府", "云南省监察厅"]

    def test_keys_are_appended_after_section_six(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        """Section 6's keys keep their order; the added keys follow them."""
        for r in check_json(capsys, work):
            assert list(r) == [*CONTRACT_KEYS, *ADDED_KEYS]
        assert (*CONTRACT_KEYS, *ADDED_KEYS) == JSON_KEYS
        assert (*CONTRACT_KEYS, "provisional", *ADDED_KEYS) == CSV_KEYS

    def test_an_agency_without_an_upper_level(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        """yn-jc has no upper-level supervisory organ: only yn-gov, by name."""
        records = check_json(capsys, work, "--agency", "yn-jc")
        assert all(r["recipient_names"] == ["云南省人民政府"] for r in records)
        assert records


class TestLateness:
    def by_period(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> dict[object, dict[str, object]]:
        return {r["period"]: r for r in check_json(capsys, work, "--agency", "km-jc")}

    def test_late_says_when_and_how_late(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        may = self.by_period(capsys, work)["2010-05"]
        assert (may["due"], may["state"]) == ("2010-05-05", "late")
        assert (may["satisfied_on"], may["days_late"]) == ("2010-05-07", 2)
        assert may["filings"] == ["f1", "f2"]

    def test_done_says_when(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        april = self.by_period(capsys, work)["2010-04"]
        assert (april["due"], april["state"]) == ("2010-04-06", "done")
        assert (april["satisfied_on"], april["days_late"]) == ("2010-04-02", None)

    def test_waived_and_open_periods_have_neither(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        periods = self.by_period(capsys, work)
        june, july = periods["2010-06"], periods["2010-07"]
        assert (june["due"], june["state"], june["satisfied_on"], june["days_late"]) == (
            "2010-06-07",
            "waived",
            None,
            None,
        )
        assert (july["state"], july["satisfied_on"], july["days_late"]) == ("pending", None, None)
        # 2010-02 (due Friday 2-05) is overdue: 125 days on 6-10 (2-06..2-28: 23, March 31,
        # April 30, May 31, June 1..10: 10), satisfied by nothing.
        feb = periods["2010-02"]
        assert (feb["state"], feb["days_overdue"], feb["satisfied_on"]) == ("overdue", 125, None)

    def test_one_filing_late(self) -> None:
        """The tutorial's one-recipient duty: 2010-B1 is due Monday 3-01 (the nominal 2-28 is
        a Sunday); a filing of Friday 3-05 makes it late by 4 days (3-02..3-05)."""
        filings = xzjd.read_filings(
            _text("id,agency,obligation,filed_on,period,recipient,status\n"
                  "f1,km-gov,bimonthly-report,2010-03-05,2010-B1,km-jc,\n")
        )  # fmt: skip
        statuses = xzjd.evaluate(
            xzjd.load(TUTORIAL / "rules.xzjd"),
            xzjd.read_agencies(TUTORIAL / "agencies.csv"),
            filings,
            on=D(2010, 3, 10),
        )
        (b1,) = [s for s in statuses if (s.agency, s.period) == ("km-gov", "2010-B1")]
        assert (b1.state, b1.due, b1.satisfied_on, b1.days_late) == (
            xzjd.State.LATE,
            D(2010, 3, 1),
            D(2010, 3, 5),
            4,
        )
        assert b1.deliverable == "progress report"

    def test_csv_columns(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        code, out, _ = cli(
            capsys,
            "check",
            str(work / "rules.xzjd"),
            "--agencies",
            str(work / "agencies.csv"),
            "--filings",
            str(work / "filings.csv"),
            "--on",
            "2010-06-10",
            "--agency",
            "km-jc",
            "--state",
            "late",
            "--format",
            "csv",
        )
        assert code == 0
        assert out.splitlines() == [
            ",".join(CSV_KEYS),
            "km-jc,rollup,2010-05,2010-04-06,2010-05-05,2010-05-05,late,,,km-gov;yn-jc,f1;f2,"
            "art. 3,,昆明市监察局,Monthly roll-up,roll-up,昆明市人民政府;云南省监察厅,2010-05-07,2",
        ]

    def test_render_csv_without_names(self) -> None:
        """Without the agencies' names a CSV row has an empty agency_name and the ids."""
        statuses = xzjd.evaluate(
            xzjd.loads(RULES),
            xzjd.read_agencies(_text(AGENCIES, "agencies.csv")),
            xzjd.read_filings(_text(FILINGS)),
            on=D(2010, 6, 10),
            agency="km-jc",
        )
        late = [s for s in statuses if s.state is xzjd.State.LATE]
        assert (
            render_csv(late)
            .splitlines()[1]
            .endswith(",,Monthly roll-up,roll-up,km-gov;yn-jc,2010-05-07,2")
        )


def _text(text: str, name: str = "filings.csv") -> object:
    from xzjd.facts.tables import text_source

    return text_source(text, name)


class TestAgenda:
    def args(self, work: Path, *extra: str) -> list[str]:
        return [
            "agenda",
            str(work / "rules.xzjd"),
            "--agencies",
            str(work / "agencies.csv"),
            "--from",
            "2010-04-01",
            "--to",
            "2010-07-31",
            "--format",
            "json",
            *extra,
        ]

    def test_filings_leave_out_what_is_settled(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        """Deadlines 4-06, 5-05, 6-07 and 7-05 fall in April..July: without filings all four;
        with them 2010-04 (done), 2010-05 (late) and 2010-06 (waived) are settled."""
        code, out, _ = cli(capsys, *self.args(work, "--agency", "km-jc"))
        assert code == 0
        assert [(i["period"], i["due"]) for i in json.loads(out)] == [
            ("2010-04", "2010-04-06"),
            ("2010-05", "2010-05-05"),
            ("2010-06", "2010-06-07"),
            ("2010-07", "2010-07-05"),
        ]
        code, out, _ = cli(
            capsys, *self.args(work, "--agency", "km-jc", "--filings", str(work / "filings.csv"))
        )
        assert code == 0
        assert [i["period"] for i in json.loads(out)] == ["2010-07"]

    def test_a_returned_filing_settles_nothing(self) -> None:
        """The tutorial: f1 (2-26) settles 2010-B1; f2 was returned, 2010-B2 stays listed."""
        items, _ = agenda(
            xzjd.load(TUTORIAL / "rules.xzjd"),
            xzjd.read_agencies(TUTORIAL / "agencies.csv"),
            agency="km-gov",
            start=D(2010, 1, 1),
            end=D(2010, 6, 30),
            filings=xzjd.read_filings(TUTORIAL / "filings.csv"),
        )
        assert [i.period for i in items] == ["2010-B2", "2010-B3"]

    def test_region_lists_its_agencies_and_those_below(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        """Only supervisory organs owe the roll-up: 云南省 gives km-jc and yn-jc, 云南省/昆明市
        km-jc alone; items sorted by deadline, then agency."""
        code, out, _ = cli(capsys, *self.args(work, "--region", "云南省"))
        assert code == 0
        items = [(i["due"], i["agency"]) for i in json.loads(out)]
        assert items == [
            (due, agency)
            for due in ("2010-04-06", "2010-05-05", "2010-06-07", "2010-07-05")
            for agency in ("km-jc", "yn-jc")
        ]
        code, out, _ = cli(capsys, *self.args(work, "--region", "云南省/昆明市"))
        assert {i["agency"] for i in json.loads(out)} == {"km-jc"}

    def test_region_table_has_a_block_per_agency(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        args = self.args(work)[:-2]  # without --format json: the table
        code, out, _ = cli(
            capsys, *args, "--region", "云南省", "--filings", str(work / "filings.csv")
        )
        assert code == 0
        lines = out.splitlines()
        # km-jc: only 2010-07 is left; yn-jc filed nothing, all four.
        assert lines[0] == "km-jc"
        assert lines[2].split()[:4] == ["2010-07-05", "2010-06-28", "rollup", '"Monthly']
        assert lines[3] == ""
        assert lines[4] == "yn-jc"
        assert len(lines) == 4 + 2 + 4

    def test_unknown_region(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        code, _, err = cli(capsys, *self.args(work, "--region", "四川省"))
        assert code == 2
        assert "error[argument/unknown-region]: --region: no agency in region '四川省'" in err

    def test_agency_and_region_exclude_each_other(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        code, _, err = cli(capsys, *self.args(work, "--region", "云南省", "--agency", "km-jc"))
        assert code == 2
        assert "not allowed with argument" in err
        code, _, err = cli(capsys, *self.args(work))
        assert code == 2
        assert "one of the arguments --agency --region is required" in err

    def test_api_needs_exactly_one(self) -> None:
        with pytest.raises(xzjd.EvaluationError) as info:
            agenda(xzjd.loads(RULES), [], start=D(2010, 1, 1), end=D(2010, 2, 1))
        assert info.value.code == "argument/agency-or-region"


class TestVersionAndLanguage:
    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = cli(capsys, "--version")
        assert code == 0
        assert out == f"xzjd {importlib.metadata.version('xzjd')}\n"
        assert re.fullmatch(r"xzjd \d+\.\d+\.\d+\n", out)

    def test_lang_zh_over_the_locale(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        code, _, err = cli(capsys, "--lang", "zh", "check", str(work / "nothing.xzjd"))
        assert code == 2
        assert "error[file/not-found]: 文件不存在" in err
        assert "提示: 请检查路径" in err

    def test_lang_en_over_a_chinese_locale(
        self, capsys: pytest.CaptureFixture[str], work: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")
        code, _, err = cli(capsys, "--lang=en", "check", str(work / "nothing.xzjd"))
        assert code == 2
        assert "error[file/not-found]: no such file" in err

    def test_usage_errors_in_chinese(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = cli(capsys, "--lang", "zh", "check")
        assert code == 2
        assert "error[argument/missing]: 缺少必需的参数：RULES" in err
        code, _, err = cli(capsys, "--lang", "zh", "chek")
        assert code == 2
        assert "无效的取值 'chek'" in err

    def test_fmt_keeps_its_own_lang(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        """``fmt --lang zh`` is the output's language; the global option comes first."""
        code, out, _ = cli(capsys, "--lang", "en", "fmt", "--lang", "zh", str(work / "rules.xzjd"))
        assert code == 0
        assert out.startswith("规则集 ")


class TestWording:
    def test_one_day_overdue(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        """On 2010-07-06, 2010-07 (due Monday 7-05) is 1 day overdue and 2010-08 (opened on
        7-06) pending: the table says '1 day', and one agency is 'agency'."""
        code, out, _ = cli(
            capsys,
            "check",
            str(work / "rules.xzjd"),
            "--agencies",
            str(work / "agencies.csv"),
            "--on",
            "2010-07-06",
            "--since",
            "2010-07-01",
            "--agency",
            "km-jc",
        )
        assert code == 0
        assert "total: 1 agency, 2 periods (pending 1, overdue 1)" in out
        assert re.search(r"2010-07\s+1 day\s+urge", out)
        assert "1 days" not in out

    def test_explain_one_day_after(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        code, out, _ = cli(
            capsys,
            "explain",
            str(work / "rules.xzjd"),
            "--agencies",
            str(work / "agencies.csv"),
            "--agency",
            "km-jc",
            "--obligation",
            "rollup",
            "--period",
            "2010-07",
            "--on",
            "2010-07-06",
        )
        assert code == 0
        assert "state: overdue, 1 day after the deadline 2010-07-05" in out

    def test_explain_an_event_after_the_date(self, capsys: pytest.CaptureFixture[str]) -> None:
        """km-gov's 领导小组成立 event ev-km-lg is on Friday 2010-06-04; on 2010-05-01 its
        period exists but is not open. The 10th working day after it: 6-07..6-11 (5), 6-12 and
        6-13 worked (7), 6-14..6-16 rest, 6-17 (8), 6-18 (9), 6-21 (10)."""
        args = [
            "explain",
            str(YUNNAN / "rules.zh.xzjd"),
            "--agencies",
            str(YUNNAN / "agencies.csv"),
            "--events",
            str(YUNNAN / "events.csv"),
            "--agency",
            "km-gov",
            "--obligation",
            "coordination-meeting",
            "--period",
            "ev-km-lg",
            "--on",
            "2010-05-01",
        ]
        code, out, err = cli(capsys, *args)
        assert code == 0, err
        assert "deadline 2010-06-21" in out
        assert out.rstrip().endswith(
            "state: not open yet (its event ev-km-lg is on 2010-06-04, after the evaluation "
            "date 2010-05-01)"
        )
        code, out, _ = cli(capsys, "--lang", "zh", *args)
        assert out.rstrip().endswith(
            "状态: 未开始（事件 ev-km-lg 发生于 2010-06-04，晚于评估日 2010-05-01）"
        )

    def test_an_unknown_event_still_has_no_period(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = cli(
            capsys,
            "explain",
            str(YUNNAN / "rules.zh.xzjd"),
            "--agencies",
            str(YUNNAN / "agencies.csv"),
            "--events",
            str(YUNNAN / "events.csv"),
            "--agency",
            "km-gov",
            "--obligation",
            "coordination-meeting",
            "--period",
            "ev-nothing",
            "--on",
            "2010-05-01",
        )
        assert code == 2
        assert "error[argument/unknown-period]" in err

    def test_english_hint_names_english_tokens(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """After a recipient, 'and' and '和' are both accepted: an English message names
        'and', a Chinese one “和”或“、”."""
        text = RULES.replace(
            "the same-level government and the upper-level",
            "the same-level government the upper-level",
        )
        path = tmp_path / "rules.xzjd"
        path.write_text(text, encoding="utf-8")
        code, _, err = cli(capsys, "check", str(path))
        assert code == 2
        assert "hint: expected 'and', the end of the line" in err
        assert "和" not in err.splitlines()[-1]
        code, _, err = cli(capsys, "--lang", "zh", "check", str(path))
        assert "提示: 此处应为 “和”或“、”、行尾" in err

    def test_chinese_only_words_are_still_named(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Where only a Chinese word fits (报送 after the recipients), English names it."""
        path = tmp_path / "rules.xzjd"
        path.write_text(
            '规则集 "x"\n生效 2010-01-01\n日历 cn\n\n义务 r "R"：\n  适用于 各级人民政府\n'
            "  每月5日前，向同级行政监察机关 上级行政监察机关报送 报告\n",
            encoding="utf-8",
        )
        code, _, err = cli(capsys, "check", str(path))
        assert code == 2
        assert "hint: expected 'and', '报送'" in err

    def test_an_agency_id(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        (work / "filings.csv").write_text(
            FILINGS + "f5,nobody,rollup,2010-05-04,2010-05,,\n", encoding="utf-8"
        )
        code, _, err = cli(
            capsys,
            "check",
            str(work / "rules.xzjd"),
            "--agencies",
            str(work / "agencies.csv"),
            "--filings",
            str(work / "filings.csv"),
            "--on",
            "2010-06-10",
        )
        assert code == 2
        assert "error[input/unknown-agency]: unknown agency 'nobody'" in err
        assert "hint: use an agency id that exists" in err


def _english_templates() -> list[tuple[str, str]]:
    out = []
    for key, entry in CATALOGUE.items():
        for template in (entry.message, entry.hint):
            if template:
                out.append((key, template))
    return out


#: Fields whose number is a constant or never 1: the longest range, a month's last day, and
#: the first working days of a month (the limit is 15; too many is more than that).
_NEVER_ONE = {
    ("*", "MAX_RANGE_DAYS"),
    ("*", "last"),
    ("schedule/too-many-working-days", "count"),
    ("schedule/too-many-working-days", "limit"),
}


@pytest.mark.parametrize(("key", "template"), _english_templates())
def test_english_counts_agree_with_their_number(key: str, template: str) -> None:
    """A field followed by a plural noun counts it with ``count:`` (or is never 1)."""
    for found in re.finditer(r"\{(\w+)[^}]*\} (?:working |weekend )?days\b", template):
        field = found.group(1)
        assert {("*", field), (key.partition("#")[0], field)} & _NEVER_ONE, (
            f"{key}: {found.group(0)!r}"
        )


@pytest.mark.parametrize(("key", "template"), _english_templates())
def test_an_before_a_vowel(key: str, template: str) -> None:
    assert not re.search(r"\ba (?:[aeio]\w|\{(?:agency|obligation|event|id)\b)", template), key


def test_count() -> None:
    assert (count(1, "day"), count(2, "day"), count(0, "working day")) == (
        "1 day",
        "2 days",
        "0 working days",
    )
    assert (
        CATALOGUE["notice/count#moved"].message
        == "{moved:count:day} moved, to {n_targets:count:day}"
    )
