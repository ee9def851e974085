# SPDX-License-Identifier: MIT
"""The canonical printer and ``xzjd fmt``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import xzjd
from xzjd.cli.commands import detect_language, main
from xzjd.language.printer import to_text
from xzjd.model import (
    Action,
    AgencyRecipient,
    Chained,
    EachMonth,
    MonthDay,
    Obligation,
    Once,
    Ruleset,
    Verb,
    Yearly,
)

CANONICAL_EN = """ruleset "Yunnan administrative conduct supervision, 2010"
effective 2010-01-22
calendar cn
deadlines on rest days move to the next working day

calendar yunnan-2027 based on cn:
  rest 2027-10-01 to 2027-10-07
  rest 2027-06-14
  work 2027-09-26

escalation standard:
  warn 5 working days before the deadline
  urge 1 day after the deadline
  notify 15 days after the deadline
  hold accountable 30 days after the deadline

obligation bimonthly-report "Bi-monthly progress report: 2010":
  source "Measures, art. 17"
  applies to every administrative organ, every county government tagged approval-heavy, yn-gov
  by the end of every even month, file progress report with the same-level supervisory organ
  escalation standard

obligation rollup:
  by the 5th of the following month after each deadline of bimonthly-report from 2011, \
file "roll-up with annex" with the same-level government and the upper-level supervisory organ
"""

CANONICAL_ZH = """规则集 "Yunnan administrative conduct supervision, 2010"
生效 2010-01-22
日历 cn
期限届满日为休息日的，顺延至其后第一个工作日

日历 yunnan-2027 基于 cn：
  休息 2027-10-01 至 2027-10-07
  休息 2027-06-14
  上班 2027-09-26

升级 standard：
  截止前5个工作日预警
  逾期1日督促
  逾期15日通报
  逾期30日问责

义务 bimonthly-report "Bi-monthly progress report: 2010"：
  依据 "Measures, art. 17"
  适用于 各级行政机关、标记为approval-heavy的县级人民政府、yn-gov
  逢双月底前，向同级行政监察机关报送 progress report
  升级 standard

义务 rollup：
  bimonthly-report每期截止后次月5日前自2011年起，\
向同级人民政府、上级行政监察机关报送 roll-up with annex
"""


class TestCanonicalText:
    def test_english_from_chinese(self) -> None:
        """The Chinese canonical text prints as the hand-written English canonical text."""
        assert to_text(xzjd.loads(CANONICAL_ZH), "en") == CANONICAL_EN

    def test_chinese_from_english(self) -> None:
        """The English canonical text prints as the hand-written Chinese canonical text."""
        assert xzjd.to_text(xzjd.loads(CANONICAL_EN), "zh") == CANONICAL_ZH

    def test_zh_en_zh(self) -> None:
        """Chinese -> English -> Chinese gives the original canonical text."""
        en = to_text(xzjd.loads(CANONICAL_ZH), "en")
        assert to_text(xzjd.loads(en), "zh") == CANONICAL_ZH

    def test_unknown_language(self) -> None:
        """Only 'en' and 'zh' are languages."""
        with pytest.raises(ValueError, match="unknown language"):
            to_text(Ruleset(), "fr")


def one(schedule: object = None, action: Action | None = None) -> Ruleset:
    """A ruleset of one obligation ``x``."""
    return Ruleset(
        obligations=[
            Obligation(
                id="x",
                schedule=schedule or Once(year=None, month=4, day=1),
                action=action or Action(verb=Verb.PUBLISH, deliverable="X"),
            )
        ]
    )


def sentence(ruleset: Ruleset, lang: str) -> str:
    """The schedule sentence line of the only obligation."""
    return to_text(ruleset, lang).splitlines()[-1].strip()


class TestQuoting:
    @pytest.mark.parametrize(
        ("text", "printed"),
        [
            ("plain words", "plain words"),
            ("汇总, with commas", "汇总, with commas"),
            (" leading space", '" leading space"'),
            ("has # hash", '"has # hash"'),
            ('"starts quoted"', '“"starts quoted"”'),
            ('"hi" and ”', '「"hi" and ”」'),
            ("", '""'),
        ],
    )
    def test_deliverable_quoted_only_when_needed(self, text: str, printed: str) -> None:
        """A deliverable is bare when it reads back unchanged, else quoted."""
        r = one(action=Action(verb=Verb.PUBLISH, deliverable=text))
        assert sentence(r, "en") == f"by April 1, publish {printed}"
        assert xzjd.loads(to_text(r, "en")) == r
        assert xzjd.loads(to_text(r, "zh")) == r

    def test_file_deliverable_with_the_word_with(self) -> None:
        """An English deliverable holding ' with ' is quoted before 'with'."""
        action = Action(
            verb=Verb.FILE, deliverable="a with b", recipients=[AgencyRecipient(agency="k")]
        )
        assert sentence(one(action=action), "en") == 'by April 1, file "a with b" with k'
        assert sentence(one(action=action), "zh") == "4月1日前，向 k 报送 a with b"

    @pytest.mark.parametrize(
        ("agency", "en", "zh"),
        [
            ("yn-gov", "yn-gov", " yn-gov "),
            ("省监察厅", "省监察厅", " 省监察厅 "),
            ("政府办", '"政府办"', ' "政府办" '),
            ("the", '"the"', ' "the" '),
        ],
    )
    def test_agency_ids(self, agency: str, en: str, zh: str) -> None:
        """Agency ids are set off by spaces in Chinese, quoted if they look like keywords."""
        r = one(
            action=Action(
                verb=Verb.FILE, deliverable="X", recipients=[AgencyRecipient(agency=agency)]
            )
        )
        assert sentence(r, "en") == f"by April 1, file X with {en}"
        assert sentence(r, "zh") == f"4月1日前，向{zh}报送 X"
        assert xzjd.loads(to_text(r, "zh")) == r

    def test_title_with_colon_is_quoted(self) -> None:
        """An obligation title with a colon is quoted; one without is bare."""
        r = Ruleset(
            obligations=[
                Obligation(
                    id="x",
                    title="Report: annual",
                    schedule=Once(year=None, month=4, day=1),
                    action=Action(verb=Verb.PUBLISH, deliverable="X"),
                )
            ]
        )
        assert to_text(r, "en").splitlines()[3] == 'obligation x "Report: annual":'


class TestSchedules:
    @pytest.mark.parametrize(
        ("schedule", "en", "zh"),
        [
            (Once(year=2010, month=3, day=31), "by 2010-03-31", "2010年3月31日前"),
            (Once(year=2010, month=3, day=None), "by the end of March 2010", "2010年3月底前"),
            (
                Yearly(dates=[MonthDay(6), MonthDay(11)]),
                "by the end of June and November each year",
                "每年6月和11月底前",
            ),
            (
                Yearly(dates=[MonthDay(6), MonthDay(4, 1), MonthDay(11)]),
                "by the end of June and April 1 and the end of November each year",
                "每年6月底和4月1日和11月底前",
            ),
            (EachMonth(day=1), "by the 1st of each month", "每月1日前"),
            (EachMonth(day=2), "by the 2nd of each month", "每月2日前"),
            (EachMonth(day=3), "by the 3rd of each month", "每月3日前"),
            (EachMonth(day=11), "by the 11th of each month", "每月11日前"),
            (EachMonth(day=12), "by the 12th of each month", "每月12日前"),
            (EachMonth(day=13), "by the 13th of each month", "每月13日前"),
            (EachMonth(day=21), "by the 21st of each month", "每月21日前"),
            (EachMonth(day=22), "by the 22nd of each month", "每月22日前"),
            (EachMonth(day=31), "by the 31st of each month", "每月31日前"),
        ],
    )
    def test_schedule_spelling(self, schedule: object, en: str, zh: str) -> None:
        """Schedules print in the canonical spelling of each language and read back."""
        r = one(schedule=schedule)
        assert sentence(r, "en") == f"{en}, publish X"
        assert sentence(r, "zh") == f"{zh}，公开 X"
        assert xzjd.loads(to_text(r, "en")) == r
        assert xzjd.loads(to_text(r, "zh")) == r

    def test_chained_lists_in_both_languages(self) -> None:
        """A chained schedule joins ids with 'and' / '和'."""
        r = Ruleset(
            obligations=[
                Obligation(
                    id=i,
                    schedule=EachMonth(day=None),
                    action=Action(verb=Verb.PUBLISH, deliverable="X"),
                )
                for i in ("a", "b")
            ]
            + [
                Obligation(
                    id="c",
                    schedule=Chained(after=["a", "b"], day=5),
                    action=Action(verb=Verb.PUBLISH, deliverable="X"),
                )
            ]
        )
        assert "after each deadline of a and b, publish X" in to_text(r, "en")
        assert "a和b每期截止后次月5日前，公开 X" in to_text(r, "zh")
        assert xzjd.loads(to_text(r, "zh")) == r


class TestFmtCommand:
    def write(self, tmp_path: Path, text: str) -> Path:
        path = tmp_path / "rules.xzjd"
        path.write_text(text, encoding="utf-8")
        return path

    def test_prints_to_stdout(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """By default fmt prints the canonical text in the file's own language."""
        path = self.write(tmp_path, CANONICAL_ZH.replace("  依据", "  # note\n  依据"))
        assert main(["fmt", str(path)]) == 0
        assert capsys.readouterr().out == CANONICAL_ZH

    def test_translates(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--lang en prints the English canonical text of a Chinese file, and back."""
        path = self.write(tmp_path, CANONICAL_ZH)
        assert main(["fmt", "--lang", "en", str(path)]) == 0
        english = capsys.readouterr().out
        assert english == CANONICAL_EN
        path.write_text(english, encoding="utf-8")
        assert main(["fmt", "--lang", "zh", str(path)]) == 0
        assert capsys.readouterr().out == CANONICAL_ZH

    def test_check_mode(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--check exits 0 for a canonical file and 1 for one that would change."""
        path = self.write(tmp_path, CANONICAL_EN)
        assert main(["fmt", "--check", str(path)]) == 0
        path.write_text(CANONICAL_EN.replace("\n\n", "\n\n\n"), encoding="utf-8")
        assert main(["fmt", "--check", str(path)]) == 1
        assert f"would reformat {path}" in capsys.readouterr().err

    def test_in_place(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--in-place rewrites the file and warns that comments are dropped."""
        path = self.write(tmp_path, "# header\n" + CANONICAL_EN.replace("  ", "    "))
        assert main(["fmt", "--in-place", str(path)]) == 0
        assert path.read_text(encoding="utf-8") == CANONICAL_EN
        assert "comments are not kept" in capsys.readouterr().err

    def test_bad_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An invalid file is not formatted: exit 2 with diagnostics."""
        path = self.write(tmp_path, "obligation x:\n  publish X\n")
        assert main(["fmt", str(path)]) == 2
        assert "error[obligation/no-schedule]" in capsys.readouterr().err

    def test_detect_language(self) -> None:
        """A file is Chinese when more of its lines start with a Chinese word."""
        assert detect_language(CANONICAL_ZH) == "zh"
        assert detect_language(CANONICAL_EN) == "en"


def test_effective_date_prints_as_iso() -> None:
    """The effective date is printed as YYYY-MM-DD in both languages."""
    r = Ruleset(effective=dt.date(2010, 1, 22))
    assert "effective 2010-01-22" in to_text(r, "en")
    assert "生效 2010-01-22" in to_text(r, "zh")
