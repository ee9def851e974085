# SPDX-License-Identifier: MIT
"""The one vocabulary: every enum's English and Chinese word, and what input accepts."""

from __future__ import annotations

import ast
import csv
import io
import re
from pathlib import Path

import pytest

import xzjd
from xzjd.errors import InputError
from xzjd.facts.agency_reading import read_agencies
from xzjd.facts.tables import read_filings
from xzjd.language.scenario_text import expectation_text
from xzjd.model import FilingStatus, Kind, Level, Relation, State, Step, Verb
from xzjd.vocab import (
    FILING_STATUS_SPELLINGS,
    FILING_STATUS_ZH,
    HOLIDAYS,
    KIND_SPELLINGS,
    KIND_ZH,
    LEVEL_SPELLINGS,
    LEVEL_ZH,
    STATE_ZH,
    STEP_ZH,
    ZH_SPELLINGS,
)

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "xzjd"

# The grammar's terminal for each member's Chinese words.
TERMINALS = {
    State.PENDING: "_PENDING_ZH",
    State.WARNING: "_WARN_ZH",
    State.OVERDUE: "_OVERDUE_ZH",
    State.DONE: "_DONE_ZH",
    State.LATE: "_LATE_ZH",
    State.WAIVED: "_WAIVED_ZH",
    State.WITHDRAWN: "_WITHDRAWN_ZH",
    Step.REMIND: "_REMIND_ZH",
    Step.URGE: "_URGE_ZH",
    Step.CORRECT: "_CORRECT_ZH",
    Step.NOTIFY: "_NOTIFY_ZH",
    Step.HOLD_ACCOUNTABLE: "_ACCOUNTABLE_ZH",
    Step.DISCIPLINE: "_DISCIPLINE_ZH",
    Kind.ADMINISTRATIVE_ORGAN: "_ADMINISTRATIVE_ORGAN_ZH",
    Kind.SUPERVISORY_ORGAN: "_SUPERVISORY_ORGAN_ZH",
    Kind.AUDIT_ORGAN: "_AUDIT_ORGAN_ZH",
    Kind.GOVERNMENT: "_GOVERNMENT_ZH",
    Kind.DEPARTMENT: "_DEPARTMENT_ZH",
    Kind.SUPERVISORY_COMMISSION: "_SUPERVISORY_COMMISSION_ZH",
    Kind.PARTY_COMMITTEE: "_PARTY_COMMITTEE_ZH",
    Kind.CONGRESS_STANDING_COMMITTEE: "_CONGRESS_STANDING_COMMITTEE_ZH",
    Level.PROVINCIAL: "_PROVINCIAL_ZH",
    Level.PREFECTURE: "_PREFECTURE_ZH",
    Level.COUNTY: "_COUNTY_ZH",
    Level.TOWNSHIP: "_TOWNSHIP_ZH",
    Relation.SAME_LEVEL: "_SAME_LEVEL_ZH",
    Relation.UPPER_LEVEL: "_UPPER_LEVEL_ZH",
    Verb.FILE: "_SUBMIT_ZH",
    Verb.PUBLISH: "_PUBLISH_ZH",
    Verb.HOLD: "_HOLD_ZH",
    Verb.COMPLETE: "_COMPLETE_ZH",
}


class TestPrintedWords:
    """One Chinese word per member, the one the docs use."""

    def test_state_words_are_those_of_the_evaluation_docs(self) -> None:
        """docs/evaluation.md's table of states (| `done` 按期完成 | ...) names every state."""
        text = (ROOT / "docs" / "evaluation.md").read_text(encoding="utf-8")
        rows = dict(re.findall(r"^\| `([a-z]+)` (\S+) \|", text, re.MULTILINE))
        assert {State(k): v for k, v in rows.items()} == STATE_ZH
        # Spelled out, as the issue settled them: 未到期、预警、逾期、按期完成、逾期完成、免报 (and
        # 已撤回, a case's only).
        assert [STATE_ZH[s] for s in State] == [
            "未到期",
            "预警",
            "逾期",
            "按期完成",
            "逾期完成",
            "免报",
            "已撤回",
        ]

    def test_every_member_has_a_word(self) -> None:
        """No member of a closed set is left without its Chinese word."""
        for table, enum_type in (
            (STATE_ZH, State),
            (STEP_ZH, Step),
            (KIND_ZH, Kind),
            (LEVEL_ZH, Level),
            (FILING_STATUS_ZH, FilingStatus),
        ):
            assert set(table) == set(enum_type)
            assert all(table.values())
        for member in [*State, *Step, *Kind, *Level, *Relation, *Verb]:
            assert ZH_SPELLINGS[member], member

    def test_the_printed_word_comes_first(self) -> None:
        """What is printed is read back: the printed word is the first accepted spelling."""
        for table in (STATE_ZH, STEP_ZH, KIND_ZH, LEVEL_ZH):
            for member, word in table.items():
                assert ZH_SPELLINGS[member][0] == word

    def test_test_output_prints_the_settled_words(self) -> None:
        """A test file written with the older words prints the settled ones in Chinese."""
        model = xzjd.loads(
            '规则 "r.xzjd"\n场景 "s"：\n  评估日 2010-05-20\n'
            "  预期 a plan once 待办\n"
            "  预期 a plan once 按时完成\n"
            "  预期 a plan once 已完成\n"
            "  预期 a plan once 免除\n"
        )
        shown = [expectation_text(e, "zh") for e in model.scenarios[0].expectations]
        assert shown == [
            "a plan once 未到期",
            "a plan once 按期完成",
            "a plan once 按期完成",
            "a plan once 免报",
        ]
        assert "预期 a plan once 按期完成" in xzjd.to_text(model, "zh")


class TestRulesLanguage:
    """The grammar accepts exactly the Chinese spellings of the vocabulary."""

    def test_grammar_terminals_match_the_vocabulary(self) -> None:
        """Each terminal's alternatives are the member's spellings, in the same order."""
        grammar = (ROOT / "grammar" / "xzjd.lark").read_text(encoding="utf-8")
        assert set(TERMINALS) == set(ZH_SPELLINGS)
        for member, name in TERMINALS.items():
            match = re.search(rf"^{name}\.\d+: /([^/]*)/$", grammar, re.MULTILINE)
            assert match, name
            words = tuple(w.replace("\\(", "(").replace("\\)", ")") for w in match[1].split("|"))
            assert words == ZH_SPELLINGS[member], member

    @pytest.mark.parametrize("state", list(State))
    def test_every_state_spelling_parses(self, state: State) -> None:
        """Each Chinese spelling of a state reads as that state."""
        for word in ZH_SPELLINGS[state]:
            model = xzjd.loads(
                f'规则 "r.xzjd"\n场景 "s"：\n  日期 2010-05-20\n  预期 a plan once {word}\n'
            )
            assert model.scenarios[0].expectations[0].state == state.value, word


class TestDataFiles:
    """Agencies and filings files accept every spelling of the vocabulary."""

    def test_kind_and_level_spellings(self) -> None:
        """One agency per spelling; each reads as the kind or level the table gives."""
        rows = ["id,name,kind,level,region,tags"]
        expected: list[tuple[Kind, Level | None]] = []
        for n, (word, kind) in enumerate(KIND_SPELLINGS.items()):
            rows.append(f'k{n},K,"{word.upper()}",,云南省/k{n},')
            expected.append((kind, None))
        for n, (word, level) in enumerate(LEVEL_SPELLINGS.items()):
            rows.append(f"l{n},L,department,{word},云南省/l{n},")
            expected.append((Kind.DEPARTMENT, level))
        # The printer's 州(市)级 with full-width parentheses, as a Chinese keyboard types it.
        rows.append("w,W,监察机关,州（市）级,云南省/w,")
        expected.append((Kind.SUPERVISORY_ORGAN, Level.PREFECTURE))
        registry = read_agencies(io.StringIO("\n".join(rows) + "\n"))
        assert [(a.kind, a.level) for a in registry] == expected

    def test_an_agency_is_never_of_the_kind_administrative_organ(self) -> None:
        """行政机关 / administrative organ is every agency, so no agency gives it as its kind."""
        assert Kind.ADMINISTRATIVE_ORGAN not in KIND_SPELLINGS.values()
        with pytest.raises(InputError) as exc:
            read_agencies(io.StringIO("id,name,kind,level,region\na,A,行政机关,,云南省\n"))
        assert exc.value.diagnostics[0].code == "input/unknown-kind"

    def test_filing_status_spellings(self) -> None:
        """Each status spelling, in any case, reads as its status."""
        rows = ["id,agency,obligation,filed_on,period,recipient,status"]
        for n, word in enumerate(FILING_STATUS_SPELLINGS):
            rows.append(f"f{n},a,plan,2010-04-01,,,{word.title()}")
        filings = read_filings(io.StringIO("\n".join(rows) + "\n"))
        assert [f.status for f in filings] == list(FILING_STATUS_SPELLINGS.values())


class TestHolidays:
    def test_names_are_those_of_the_calendar_data(self) -> None:
        """Every (Chinese, English) pair in cn.csv is the table's, and every name is used."""
        text = (SRC / "data" / "cn.csv").read_text(encoding="utf-8")
        pairs = {
            (r["holiday_zh"], r["holiday_en"])
            for r in csv.DictReader(io.StringIO(text))
            if r["holiday_zh"]
        }
        assert pairs == set(HOLIDAYS.items())


def test_no_second_table_in_src() -> None:
    """No module but vocab.py spells a word of the vocabulary as a string of its own.

    Words that are also keywords or column headings of their own (预警, 逾期, 完成, 公开 ...)
    are left out; the rest can only be a copy of the table.
    """
    shared = {"预警", "逾期", "报送", "公开", "召开", "完成", "同级", "上级"}
    words = {w for spellings in ZH_SPELLINGS.values() for w in spellings} - shared
    words |= {w for w in FILING_STATUS_SPELLINGS if not w.isascii()}
    found = []
    for path in sorted(SRC.glob("*.py")):
        if path.name == "vocab.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        in_fstrings = {
            id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and node.value in words
                and id(node) not in in_fstrings
            ):
                found.append(f"{path.name}:{node.lineno}: {node.value}")
    assert found == []
