# SPDX-License-Identifier: MIT
"""Open kinds (issue 15, point 1): the built-in kinds brought up to date, kinds declared in
a ruleset, recipients by tag, and counterpart (对口) recipients through the agencies file's
``system`` (条线) column.

Dates are worked out by hand from the 2025 holiday notice (国办发明电〔2024〕12号): the Spring
Festival rests from Tuesday 2025-01-28 to Tuesday 2025-02-04, with Sunday 2025-01-26 and
Saturday 2025-02-08 working days; weekends otherwise rest. January 2025 starts on a
Wednesday, so 2025-01-05 is a Sunday and 2025-01-06 a Monday; 2025-01-31 is a Friday,
2025-02-05 a Wednesday.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest

import xzjd
from xzjd.cli import main
from xzjd.engine import State, Statuses, evaluate
from xzjd.errors import CheckError, InputError, Severity
from xzjd.facts.agencies import Registry, describe_recipient
from xzjd.facts.agency_reading import read_agencies
from xzjd.facts.tables import read_filings
from xzjd.model import (
    CounterpartRecipient,
    DeclaredKind,
    Kind,
    KindBearer,
    Level,
    Relation,
    RelativeRecipient,
    Ruleset,
)
from xzjd.views.why import explain
from xzjd.vocab import KIND_SPELLINGS, ZH_SPELLINGS

D = dt.date
ROOT = Path(__file__).resolve().parents[1]

RULES_ZH = """\
规则集 "四川省政务公开与统计报送"
生效 2025-01-01
类别 政务公开办 "政务公开工作主管部门"

义务 ogi-annual "政府信息公开工作年度报告"：
  适用于 县级人民政府
  每年1月31日前，向同级党委和人大常委会报送 年度报告

义务 stats-monthly "统计月报"：
  适用于 县级部门、县级审计机关
  每月5日前，向上级对口部门报送 统计月报

义务 ogi-work "政务公开工作情况"：
  适用于 县级人民政府
  每年1月31日前，向同级标记为ogi-office的部门和上级政务公开办报送 工作情况
"""

RULES_EN = """\
ruleset "四川省政务公开与统计报送"
effective 2025-01-01
kind 政务公开办 "政务公开工作主管部门"

obligation ogi-annual "政府信息公开工作年度报告":
  applies to every county government
  by January 31 each year, file 年度报告 with the same-level party committee and \
the same-level people's congress standing committee

obligation stats-monthly "统计月报":
  applies to every county department, every county audit organ
  by the 5th of each month, file 统计月报 with the upper-level counterpart

obligation ogi-work "政务公开工作情况":
  applies to every county government
  by January 31 each year, file 工作情况 with the same-level department tagged ogi-office and \
the upper-level 政务公开办
"""

# A small registry: a prefecture (凉山州) with its statistics bureau, its development and
# reform commission (another department), its audit bureau and its open-government office
# (of the declared kind, given here by its title); two counties below it. 西昌市 has a party
# committee and a standing committee; 会理市 has no standing committee (a missing recipient).
AGENCIES = """\
id,name,kind,level,region,tags,system
sc,四川省人民政府,人民政府,省,四川省,,
ls,凉山州人民政府,人民政府,州(市),四川省/凉山州,,
ls-tj,凉山州统计局,部门,州(市),四川省/凉山州,,统计
ls-fg,凉山州发展和改革委员会,部门,州(市),四川省/凉山州,,发展改革
ls-sj,凉山州审计局,审计机关,州(市),四川省/凉山州,,审计
ls-ogi,凉山州政务公开办公室,政务公开工作主管部门,州(市),四川省/凉山州,,
xc,西昌市人民政府,人民政府,县,四川省/凉山州/西昌市,,
xc-dw,中共西昌市委员会,党委,县,四川省/凉山州/西昌市,,
xc-rd,西昌市人大常委会,人大常委会,县,四川省/凉山州/西昌市,,
xc-tj,西昌市统计局,部门,县,四川省/凉山州/西昌市,,统计
xc-sj,西昌市审计局,审计机关,县,四川省/凉山州/西昌市,,审计
xc-ogi,西昌市政务服务管理局,部门,县,四川省/凉山州/西昌市,ogi-office,
xc-jw,西昌市监察委员会,监察委员会,县,四川省/凉山州/西昌市,,
hl,会理市人民政府,人民政府,县,四川省/凉山州/会理市,,
hl-dw,中共会理市委员会,党委,县,四川省/凉山州/会理市,,
"""


def rules() -> Ruleset:
    return xzjd.loads(RULES_ZH, file="rules.zh.xzjd")


def registry(ruleset: Ruleset | None = None) -> Registry:
    kinds = (ruleset or rules()).kinds
    return read_agencies(io.StringIO(AGENCIES), kinds=kinds)


def one(result: Statuses, agency: str, period: str, obligation: str):  # type: ignore[no-untyped-def]
    found = [
        s for s in result if (s.agency, s.period, s.obligation) == (agency, period, obligation)
    ]
    assert len(found) == 1, (agency, period, obligation, found)
    return found[0]


def filings(rows: str):  # type: ignore[no-untyped-def]
    head = "id,agency,obligation,filed_on,period,recipient,status\n"
    return read_filings(io.StringIO(head + rows))


# --------------------------------------------------------------------------- language


class TestLanguage:
    def test_english_and_chinese_give_the_same_model(self) -> None:
        en = xzjd.loads(RULES_EN, file="rules.en.xzjd")
        zh = rules()
        assert en.kinds == zh.kinds
        assert en.obligations == zh.obligations

    def test_the_model(self) -> None:
        r = rules()
        assert [(k.name, k.title) for k in r.kinds] == [("政务公开办", "政务公开工作主管部门")]
        annual, stats, work = r.obligations
        assert annual.action is not None and stats.action is not None
        assert work.action is not None
        assert annual.action.recipients == (
            RelativeRecipient(relation=Relation.SAME_LEVEL, kind=Kind.PARTY_COMMITTEE),
            RelativeRecipient(relation=Relation.SAME_LEVEL, kind=Kind.CONGRESS_STANDING_COMMITTEE),
        )
        assert stats.action.recipients == (CounterpartRecipient(),)
        assert work.action.recipients == (
            RelativeRecipient(relation=Relation.SAME_LEVEL, kind=Kind.DEPARTMENT, tag="ogi-office"),
            RelativeRecipient(relation=Relation.UPPER_LEVEL, kind=DeclaredKind("政务公开办")),
        )

    @pytest.mark.parametrize("lang", ["en", "zh"])
    def test_printer_round_trip_and_translation(self, lang: str) -> None:
        """Each language's text prints back unchanged, and translates to the other."""
        source = {"en": RULES_EN, "zh": RULES_ZH}
        model = xzjd.loads(source[lang])
        for target in ("en", "zh"):
            printed = xzjd.to_text(model, target)
            again = xzjd.loads(printed)
            assert (again.kinds, again.obligations) == (model.kinds, model.obligations)
            assert xzjd.to_text(again, target) == printed
        canonical = xzjd.to_text(xzjd.loads(source["zh" if lang == "en" else "en"]), lang)
        assert canonical == xzjd.to_text(model, lang)

    def test_the_new_built_in_kinds_in_both_languages(self) -> None:
        pairs = [
            ("supervisory commission", "监察委员会", Kind.SUPERVISORY_COMMISSION),
            ("supervisory commission", "监委", Kind.SUPERVISORY_COMMISSION),
            ("party committee", "党委", Kind.PARTY_COMMITTEE),
            (
                "people's congress standing committee",
                "人大常委会",
                Kind.CONGRESS_STANDING_COMMITTEE,
            ),
            (
                "people’s congress standing committee",
                "人民代表大会常务委员会",
                Kind.CONGRESS_STANDING_COMMITTEE,
            ),
            ("supervisory organ", "行政监察机关", Kind.SUPERVISORY_ORGAN),
        ]
        for en, zh, kind in pairs:
            a = xzjd.loads(
                f"obligation x:\n  applies to every county {en}\n"
                f"  by April 1 each year, file r with the upper-level {en}\n"
            )
            b = xzjd.loads(f"义务 x：\n  适用于 县级{zh}\n  每年4月1日前，向上级{zh}报送 r\n")
            assert a.obligations == b.obligations
            assert a.obligations[0].bearers == (KindBearer(kind=kind, level=Level.COUNTY),)

    def test_declared_kinds_in_bearers_every_form(self) -> None:
        text = (
            "kind ogi-office\n类别 信访部门\n\n"
            "obligation x:\n"
            "  applies to every ogi-office, every county ogi-office tagged a, every 信访部门\n"
            "  by April 1 each year, file r with the same-level ogi-office\n"
        )
        zh = (
            "kind ogi-office\n类别 信访部门\n\n"
            "义务 x：\n"
            "  适用于 各级ogi-office、标记为a的县级ogi-office、各级信访部门\n"
            "  每年4月1日前，向同级ogi-office报送 r\n"
        )
        assert xzjd.loads(text).obligations == xzjd.loads(zh).obligations
        ogi, tagged, letters = xzjd.loads(text).obligations[0].bearers
        assert ogi == KindBearer(kind=DeclaredKind("ogi-office"))
        assert tagged == KindBearer(kind=DeclaredKind("ogi-office"), level=Level.COUNTY, tag="a")
        assert letters == KindBearer(kind=DeclaredKind("信访部门"))

    def test_a_chinese_kind_name_starting_with_a_built_in_word(self) -> None:
        """政府办公室 begins with 政府: after 各级 the lexer reads 政府 as the built-in kind, as
        it always has, so such a name is refused where it is declared."""
        with pytest.raises(CheckError) as exc:
            xzjd.loads("类别 政府办公室\n")
        assert [d.code for d in exc.value.diagnostics] == ["kind/bad-name"]

    def test_grammar_exclusions_follow_the_vocabulary(self) -> None:
        """KIND_NAME_ZH never begins with a built-in kind's Chinese word: its list is the
        vocabulary's."""
        grammar = (ROOT / "grammar" / "xzjd.lark").read_text(encoding="utf-8")
        match = re.search(
            r"^KIND_NAME_ZH\.5: /\(\?!\(\?:[^)]*\)\)\(\?!\(\?:([^)]*)\)", grammar, re.M
        )
        assert match is not None
        excluded = set(match[1].split("|"))
        built_in = {w for k in Kind for w in ZH_SPELLINGS[k]}
        assert excluded == built_in | {"对口部门"}


class TestChecks:
    def codes(self, text: str) -> list[tuple[str, int, int]]:
        with pytest.raises(CheckError) as exc:
            xzjd.loads(text, file="r.xzjd")
        return [
            (d.code, d.span.line, d.span.column)
            for d in exc.value.diagnostics
            if d.span is not None
        ]

    def test_unknown_kind_is_positioned_with_a_guess(self) -> None:
        text = (
            'kind ogi-office "x"\n'
            "obligation x:\n"
            "  applies to every county government\n"
            "  by April 1 each year, file r with the same-level ogi-ofice\n"
        )
        with pytest.raises(CheckError) as exc:
            xzjd.loads(text, file="r.xzjd")
        (d,) = [d for d in exc.value.diagnostics if d.severity is Severity.ERROR]
        assert d.code == "ref/unknown-kind"
        assert d.span is not None
        # "  by April 1 each year, file r with the same-level " is 51 characters; the caret
        # covers the 9 characters of "ogi-ofice" (the end column is exclusive).
        assert (d.span.line, d.span.column, d.span.end_column) == (4, 52, 61)
        assert d.hint == "did you mean 'ogi-office'?"

    def test_misspelt_built_in_kind_in_english(self) -> None:
        with pytest.raises(CheckError) as exc:
            xzjd.loads(
                "obligation x:\n  by April 1 each year, file r with the same-level goverment\n"
            )
        (d,) = [d for d in exc.value.diagnostics if d.severity is Severity.ERROR]
        assert (d.code, d.hint) == ("ref/unknown-kind", "did you mean 'government'?")

    def test_declarations(self) -> None:
        text = "kind a-office\nkind a-office\nkind 党委\nkind 工业和信息化部门\nkind county\n"
        assert self.codes(text) == [
            ("dup/kind", 2, 6),
            ("kind/builtin", 3, 6),
            ("kind/bad-name", 4, 6),
            ("kind/bad-name", 5, 6),
        ]


# --------------------------------------------------------------------------- agencies


class TestAgenciesFile:
    def test_kinds_and_systems(self) -> None:
        reg = registry()
        assert reg["xc-dw"].kind is Kind.PARTY_COMMITTEE
        assert reg["xc-rd"].kind is Kind.CONGRESS_STANDING_COMMITTEE
        assert reg["xc-jw"].kind is Kind.SUPERVISORY_COMMISSION
        # The declared kind, given by its title in the file.
        assert reg["ls-ogi"].kind == DeclaredKind("政务公开办")
        assert (reg["xc-tj"].system, reg["xc"].system) == ("统计", None)

    def test_declared_kind_by_name(self) -> None:
        reg = read_agencies(
            io.StringIO("id,name,kind,level,region\na,A,政务公开办,,四川省\n"), kinds=rules().kinds
        )
        assert reg["a"].kind == DeclaredKind("政务公开办")

    def test_a_kind_the_rules_do_not_declare_is_an_error_at_the_cell(self) -> None:
        with pytest.raises(InputError) as exc:
            read_agencies(io.StringIO(AGENCIES))  # no declared kinds
        (d,) = exc.value.diagnostics
        assert d.code == "input/unknown-kind"
        assert d.span is not None
        # Line 7 is ls-ogi; its kind cell starts after "ls-ogi,凉山州政务公开办公室," (18 chars).
        assert (d.span.line, d.span.column) == (7, 19)

    def test_system_column_by_its_chinese_name_and_in_json(self) -> None:
        csv_zh = (
            "机关代码,名称,类别,层级,区划,标记,条线\nt,统计局,部门,县,四川省/凉山州/西昌市,,统计\n"
        )
        json_text = (
            '[{"id": "t", "name": "统计局", "kind": "department", "level": "county", '
            '"region": "四川省/凉山州/西昌市", "tags": null, "system": "统计"}]'
        )
        for text in (csv_zh, json_text):
            reg = read_agencies(io.StringIO(text))
            assert (reg["t"].kind, reg["t"].system) == (Kind.DEPARTMENT, "统计")

    def test_files_without_the_new_columns_read_as_before(self) -> None:
        reg = read_agencies(io.StringIO("id,name,kind,level,region\na,A,部门,县,四川省\n"))
        assert reg["a"].system is None and reg["a"].tags == frozenset()

    def test_counterpart_is_the_same_system_one_level_up(self) -> None:
        reg = registry()
        upper_department = RelativeRecipient(relation=Relation.UPPER_LEVEL, kind=Kind.DEPARTMENT)
        # 上级部门 fans out to every prefecture department; 上级对口部门 is the one bureau.
        assert reg.recipients(reg["xc-tj"], (upper_department,)) == (("ls-fg", "ls-tj"), ())
        assert reg.recipients(reg["xc-tj"], (CounterpartRecipient(),)) == (("ls-tj",), ())
        assert reg.recipients(reg["xc-sj"], (CounterpartRecipient(),)) == (("ls-sj",), ())
        # No system, or no agency of the system above: missing.
        assert reg.recipients(reg["xc-ogi"], (CounterpartRecipient(),)) == (
            (),
            (CounterpartRecipient(),),
        )
        # The province has no parent region.
        top = read_agencies(
            io.StringIO("id,name,kind,level,region,system\nt,T,部门,省,四川省,统计\n")
        )
        assert top.recipients(top["t"], (CounterpartRecipient(),)) == (
            (),
            (CounterpartRecipient(),),
        )

    def test_describe(self) -> None:
        tagged = RelativeRecipient(relation=Relation.SAME_LEVEL, kind=Kind.DEPARTMENT, tag="t")
        declared = RelativeRecipient(relation=Relation.UPPER_LEVEL, kind=DeclaredKind("政务公开办"))
        assert describe_recipient(tagged) == "the same-level department tagged t"
        assert describe_recipient(tagged, "zh") == "同级标记为t的部门"
        assert describe_recipient(declared, "zh") == "上级政务公开办"
        assert describe_recipient(CounterpartRecipient()) == "the upper-level counterpart"
        assert describe_recipient(CounterpartRecipient(), "zh") == "上级对口部门"

    def test_every_kind_spelling_is_a_built_in_or_excluded(self) -> None:
        assert {KIND_SPELLINGS[w] for w in ("监察委员会", "党委", "人大常委会")} == {
            Kind.SUPERVISORY_COMMISSION,
            Kind.PARTY_COMMITTEE,
            Kind.CONGRESS_STANDING_COMMITTEE,
        }


# --------------------------------------------------------------------------- evaluation


class TestEvaluation:
    """The issue's done-when: a report owed 同级党委和人大常委会 and one owed 上级对口部门."""

    def test_report_to_party_committee_and_standing_committee(self) -> None:
        r = rules()
        # The 2025 report: nominal deadline Friday 2025-01-31, a Spring Festival rest day;
        # 02-01 to 02-04 rest too, so it moves to Wednesday 2025-02-05. Filed with the
        # party committee on 02-05 (on time) but with the standing committee only on 02-07:
        # the period is satisfied when both have it, two days late.
        fs = filings("f1,xc,ogi-annual,2025-02-05,,xc-dw,\nf2,xc,ogi-annual,2025-02-07,,xc-rd,\n")
        result = evaluate(r, registry(r), fs, on=D(2025, 2, 10))
        s = one(result, "xc", "2025", "ogi-annual")
        assert (s.nominal_due, s.due) == (D(2025, 1, 31), D(2025, 2, 5))
        assert s.recipients == ("xc-dw", "xc-rd")
        assert s.state is State.LATE
        # 会理市 has a party committee but no standing committee: it owes the report to the
        # party committee, nothing filed by 02-10 (5 days after 02-05), and a warning.
        h = one(result, "hl", "2025", "ogi-annual")
        assert h.recipients == ("hl-dw",)
        assert (h.state, h.days_overdue) == (State.OVERDUE, 5)
        missing = {w.message_zh for w in result.warnings if w.code == "recipient/missing"}
        assert "hl 没有义务 ogi-annual 的接收机关“同级人大常委会”；按现有接收机关评估" in missing

    def test_report_to_the_upper_level_counterpart(self) -> None:
        r = rules()
        # Period 2025-01: the 5th is a Sunday, moved to Monday 2025-01-06. Period 2025-02:
        # Wednesday 2025-02-05, a working day. The statistics bureau files both on time with
        # the prefecture statistics bureau; the audit bureau files January with the prefecture
        # audit bureau on 01-08 (two days late) and February not at all.
        fs = filings(
            "f1,xc-tj,stats-monthly,2025-01-06,2025-01,ls-tj,\n"
            "f2,xc-tj,stats-monthly,2025-02-05,2025-02,ls-tj,\n"
            "f3,xc-sj,stats-monthly,2025-01-08,2025-01,ls-sj,\n"
        )
        result = evaluate(r, registry(r), fs, on=D(2025, 2, 10))
        jan = one(result, "xc-tj", "2025-01", "stats-monthly")
        assert (jan.nominal_due, jan.due) == (D(2025, 1, 5), D(2025, 1, 6))
        assert (jan.recipients, jan.state) == (("ls-tj",), State.DONE)
        feb = one(result, "xc-tj", "2025-02", "stats-monthly")
        assert (feb.due, feb.recipients, feb.state) == (D(2025, 2, 5), ("ls-tj",), State.DONE)
        audit_jan = one(result, "xc-sj", "2025-01", "stats-monthly")
        assert (audit_jan.recipients, audit_jan.state) == (("ls-sj",), State.LATE)
        audit_feb = one(result, "xc-sj", "2025-02", "stats-monthly")
        # Due 02-05, nothing filed by 02-10: 5 days overdue.
        assert (audit_feb.state, audit_feb.days_overdue) == (State.OVERDUE, 5)
        # The department with no system has no counterpart: owed to nobody, with a warning.
        ogi = one(result, "xc-ogi", "2025-02", "stats-monthly")
        assert ogi.recipients == ()
        assert {w.message for w in result.warnings if w.code == "recipient/missing"} >= {
            "xc-ogi has no upper-level counterpart for obligation stats-monthly; "
            "evaluated with the recipients that exist"
        }

    def test_explain_shows_the_system_and_the_counterpart(self) -> None:
        r = rules()
        fs = filings("f1,xc-tj,stats-monthly,2025-02-05,2025-02,ls-tj,\n")
        text = explain(
            r,
            registry(r),
            fs,
            agency="xc-tj",
            obligation="stats-monthly",
            period="2025-02",
            on=D(2025, 2, 10),
        )
        assert "xc-tj (西昌市统计局; department, county, 四川省/凉山州/西昌市, system 统计)" in text
        assert "recipient: the upper-level counterpart -> ls-tj" in text

    def test_tagged_and_declared_recipients(self) -> None:
        r = rules()
        result = evaluate(r, registry(r), (), on=D(2025, 2, 10))
        # Only the department tagged ogi-office (not the statistics bureau), and the
        # prefecture's office of the declared kind.
        assert one(result, "xc", "2025", "ogi-work").recipients == ("xc-ogi", "ls-ogi")

    def test_bearers_of_a_declared_kind(self) -> None:
        r = xzjd.loads(
            RULES_ZH + "\n义务 ogi-self：\n  适用于 各级政务公开办\n  每年1月31日前，完成 自查\n"
        )
        result = evaluate(r, registry(r), (), on=D(2025, 2, 10))
        assert {s.agency for s in result if s.obligation == "ogi-self"} == {"ls-ogi"}


# --------------------------------------------------------------------------- CLI


class TestCli:
    def write(self, tmp_path: Path, agencies: str) -> list[str]:
        (tmp_path / "rules.xzjd").write_text(RULES_ZH, encoding="utf-8")
        (tmp_path / "agencies.csv").write_text(agencies, encoding="utf-8")
        (tmp_path / "filings.csv").write_text(
            "id,agency,obligation,filed_on,period,recipient,status\n", encoding="utf-8"
        )
        return [
            "check",
            str(tmp_path / "rules.xzjd"),
            "--agencies",
            str(tmp_path / "agencies.csv"),
            "--filings",
            str(tmp_path / "filings.csv"),
            "--on",
            "2025-02-10",
            "--format",
            "json",
        ]

    def test_check_reads_declared_kinds(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code = main(self.write(tmp_path, AGENCIES))
        out = capsys.readouterr().out
        assert code == 0
        assert '"ls-ogi"' in out

    def test_unknown_kind_is_a_positioned_error(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        bad = AGENCIES.replace(
            "ls-ogi,凉山州政务公开办公室,政务公开工作主管部门",
            "ls-ogi,凉山州政务公开办公室,政务公开室",
        )
        code = main(self.write(tmp_path, bad))
        err = capsys.readouterr().err
        assert code == 2
        assert re.search(r"agencies\.csv:7:19: error\[input/unknown-kind\]", err), err
