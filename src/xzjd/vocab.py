# SPDX-License-Identifier: MIT
"""The words of xzjd's closed sets, in English and Chinese: one table, keyed by enum.

Every member of :class:`~xzjd.model.State`, :class:`~xzjd.model.Step`,
:class:`~xzjd.model.Kind`, :class:`~xzjd.model.Level`, :class:`~xzjd.model.Relation`,
:class:`~xzjd.model.Verb`, :class:`~xzjd.model.Unit` and :class:`~xzjd.model.FilingStatus`
has one word in each language, the word every output prints:

* English: the member's ``value``, which is also its spelling in the rules language
  (``State.DONE.value == "done"``).
* Chinese: ``STATE_ZH[State.DONE] == "按期完成"``, and so on for each enum. The state words
  are those of docs/evaluation.md and the ``xzjd check`` table: 未到期、预警、逾期、按期完成、
  逾期完成、免报.

Input accepts more spellings than output prints:

* :data:`ZH_SPELLINGS` gives, for each member, the Chinese words the rules and test language
  accepts, the printed word first (``State.DONE``: 按期完成, 按时完成, 已完成). The grammar's
  terminals spell out the same words (``tests/test_vocab.py`` keeps the two in step).
* :data:`KIND_SPELLINGS`, :data:`LEVEL_SPELLINGS` and :data:`FILING_STATUS_SPELLINGS` map the
  words an agencies or filings file may use (English or Chinese, lower case, one space
  between words, ASCII parentheses) to the member.

:data:`HOLIDAYS` names the holidays of the calendar data, Chinese to English, as ``cn.csv``
spells them.

This module imports nothing of xzjd but :mod:`xzjd.model`, so every stage can use it.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Mapping
from typing import TypeVar

from xzjd.model import (
    AnyKind,
    CaseMark,
    CounterpartRecipient,
    FilingStatus,
    Kind,
    KindBearer,
    Level,
    Relation,
    RelativeRecipient,
    State,
    Step,
    Unit,
    Verb,
)

__all__ = [
    "CASE_MARK_SPELLINGS",
    "CASE_MARK_ZH",
    "FILING_STATUS_SPELLINGS",
    "FILING_STATUS_ZH",
    "HOLIDAYS",
    "KIND_SPELLINGS",
    "KIND_ZH",
    "LEVEL_SPELLINGS",
    "LEVEL_ZH",
    "RELATION_ZH",
    "STATE_ZH",
    "STEP_ZH",
    "UNIT_ZH",
    "VERB_ZH",
    "ZH_SPELLINGS",
    "bearer_words",
    "kind_word",
    "recipient_words",
]

_E = TypeVar("_E", bound=enum.Enum)

# --------------------------------------------------------------------------- the words

# Each member's Chinese words in the rules and test language: the printed word first, then
# the other spellings input accepts.

_STATE: dict[State, tuple[str, ...]] = {
    State.PENDING: ("未到期", "待办"),
    State.WARNING: ("预警",),
    State.OVERDUE: ("逾期",),
    State.DONE: ("按期完成", "按时完成", "已完成"),
    State.LATE: ("逾期完成",),
    State.WAIVED: ("免报", "免除"),
    State.WITHDRAWN: ("已撤回", "撤回"),
}

_STEP: dict[Step, tuple[str, ...]] = {
    Step.REMIND: ("提醒",),
    Step.URGE: ("督促",),
    Step.CORRECT: ("纠正",),
    Step.NOTIFY: ("通报",),
    Step.HOLD_ACCOUNTABLE: ("问责",),
    Step.DISCIPLINE: ("追究纪律责任",),
}

_KIND: dict[Kind, tuple[str, ...]] = {
    Kind.ADMINISTRATIVE_ORGAN: ("行政机关",),
    Kind.SUPERVISORY_ORGAN: ("行政监察机关", "监察机关"),
    Kind.AUDIT_ORGAN: ("审计机关",),
    Kind.GOVERNMENT: ("人民政府", "政府"),
    Kind.DEPARTMENT: ("部门",),
    Kind.SUPERVISORY_COMMISSION: ("监察委员会", "监委"),
    Kind.PARTY_COMMITTEE: ("党委",),
    Kind.CONGRESS_STANDING_COMMITTEE: ("人大常委会", "人民代表大会常务委员会"),
}

_LEVEL: dict[Level, tuple[str, ...]] = {
    Level.PROVINCIAL: ("省级",),
    Level.PREFECTURE: ("州(市)级", "州（市）级", "州级", "市级"),
    Level.COUNTY: ("县级",),
    Level.TOWNSHIP: ("乡级",),
}

_RELATION: dict[Relation, tuple[str, ...]] = {
    Relation.SAME_LEVEL: ("同级", "本级"),
    Relation.UPPER_LEVEL: ("上级",),
}

_VERB: dict[Verb, tuple[str, ...]] = {
    Verb.FILE: ("报送",),
    Verb.PUBLISH: ("公开",),
    Verb.HOLD: ("召开",),
    Verb.COMPLETE: ("完成",),
}

# The filings file's Chinese words for what became of a filing (its ``status`` column).
_FILING_STATUS: dict[FilingStatus, tuple[str, ...]] = {
    FilingStatus.ACCEPTED: ("受理", "已受理"),
    FilingStatus.RETURNED: ("退回", "已退回"),
    FilingStatus.WAIVED: ("免报", "豁免"),
}

# A case events file's own words (its ``event`` column).
_CASE_MARK: dict[CaseMark, tuple[str, ...]] = {
    CaseMark.PAUSED: ("暂停", "中止"),
    CaseMark.RESUMED: ("恢复", "继续"),
    CaseMark.EXTENDED: ("延长", "延期"),
    CaseMark.COMPLETED: ("办结", "完成"),
    CaseMark.WITHDRAWN: ("撤回",),
}


def _printed(table: Mapping[_E, tuple[str, ...]]) -> dict[_E, str]:
    return {member: words[0] for member, words in table.items()}


#: The Chinese word of each state, as reports, ``explain`` and ``xzjd test`` print it.
STATE_ZH: Mapping[State, str] = _printed(_STATE)
#: The Chinese word of each escalation step.
STEP_ZH: Mapping[Step, str] = _printed(_STEP)
#: The Chinese word of each kind of agency.
KIND_ZH: Mapping[Kind, str] = _printed(_KIND)


def kind_word(kind: AnyKind, lang: str = "en") -> str:
    """A kind as the rules language writes it: ``supervisory organ`` / ``行政监察机关``, or a
    declared kind's name in either language."""
    if isinstance(kind, Kind):
        return KIND_ZH[kind] if lang == "zh" else kind.value
    return kind.name


def bearer_words(b: KindBearer, lang: str = "en") -> str:
    """Agencies picked by kind, level and tag, as the rules language writes them:
    ``every county department tagged t`` / ``标记为t的县级部门``."""
    kind = kind_word(b.kind, lang)
    if lang == "zh":
        level = "" if b.level is None else LEVEL_ZH[b.level]
        if b.tag is not None:
            return f"标记为{b.tag}的{level}{kind}"
        return f"{level or '各级'}{kind}"
    level = "" if b.level is None else f"{b.level.value} "
    tag = "" if b.tag is None else f" tagged {b.tag}"
    return f"every {level}{kind}{tag}"


def recipient_words(r: RelativeRecipient | CounterpartRecipient, lang: str = "en") -> str:
    """A recipient named by its relation to the owing agency, as the rules language writes
    it: ``the same-level department tagged t`` / ``同级标记为t的部门``, ``上级对口部门``."""
    if isinstance(r, CounterpartRecipient):
        return "上级对口部门" if lang == "zh" else "the upper-level counterpart"
    kind = kind_word(r.kind, lang)
    if lang == "zh":
        tag = "" if r.tag is None else f"标记为{r.tag}的"
        return f"{RELATION_ZH[r.relation]}{tag}{kind}"
    tag = "" if r.tag is None else f" tagged {r.tag}"
    return f"the {r.relation.value} {kind}{tag}"


#: The Chinese word of each level, as the rules language writes it (``州(市)级``).
LEVEL_ZH: Mapping[Level, str] = _printed(_LEVEL)
#: The Chinese word of each recipient relation (``同级``, ``上级``).
RELATION_ZH: Mapping[Relation, str] = _printed(_RELATION)
#: The Chinese verb of each action.
VERB_ZH: Mapping[Verb, str] = _printed(_VERB)
#: The Chinese word of each filing status.
FILING_STATUS_ZH: Mapping[FilingStatus, str] = _printed(_FILING_STATUS)
#: The Chinese unit of a relative time limit, after its number (``5个工作日``). The rules
#: language also writes ``天`` for days.
UNIT_ZH: Mapping[Unit, str] = {Unit.DAYS: "日", Unit.WORKING_DAYS: "个工作日", Unit.MONTHS: "个月"}

#: The Chinese word of each case row word (``暂停``, ``办结``).
CASE_MARK_ZH: Mapping[CaseMark, str] = _printed(_CASE_MARK)
#: Every member's Chinese spellings in the rules and test language, the printed word first.
ZH_SPELLINGS: Mapping[enum.Enum, tuple[str, ...]] = dict(
    itertools.chain(
        _STATE.items(),
        _STEP.items(),
        _KIND.items(),
        _LEVEL.items(),
        _RELATION.items(),
        _VERB.items(),
    )
)

# --------------------------------------------------------------------------- data files


def _spellings(
    table: Mapping[_E, tuple[str, ...]], extra: Mapping[_E, tuple[str, ...]]
) -> dict[str, _E]:
    """Spelling -> member: the English value, the extra words, then the Chinese words."""
    out: dict[str, _E] = {}
    for member, words in table.items():
        for word in (member.value, *extra.get(member, ()), *words):
            out[word.replace("（", "(").replace("）", ")")] = member
    return out


#: The kinds an agencies file may give, by spelling. ``administrative organ`` is not among
#: them: every agency is one, and the file gives its own kind.
KIND_SPELLINGS: Mapping[str, Kind] = _spellings(
    {k: w for k, w in _KIND.items() if k is not Kind.ADMINISTRATIVE_ORGAN},
    {
        Kind.GOVERNMENT: ("people's government",),
        Kind.CONGRESS_STANDING_COMMITTEE: ("people’s congress standing committee",),
    },
)

#: The levels an agencies file may give, by spelling: the rules language's words and the
#: bare names of the level (``省``, ``州(市)``, ``市``, ``县(区)``, ``乡镇`` ...).
LEVEL_SPELLINGS: Mapping[str, Level] = _spellings(
    _LEVEL,
    {
        Level.PROVINCIAL: ("province", "省"),
        Level.PREFECTURE: ("州(市)", "州市", "州", "市"),
        Level.COUNTY: ("县", "县(区)", "区"),
        Level.TOWNSHIP: ("乡", "镇", "乡镇"),
    },
)

#: The statuses a filings file may give, by spelling (compared in lower case).
FILING_STATUS_SPELLINGS: Mapping[str, FilingStatus] = _spellings(_FILING_STATUS, {})

#: The words a case events file's ``event`` column may use for the file's own rows, by
#: spelling; any other word names the rule's event, restart event or a stage.
CASE_MARK_SPELLINGS: Mapping[str, CaseMark] = _spellings(_CASE_MARK, {})

# --------------------------------------------------------------------------- holidays

#: The holidays, as ``cn.csv`` names them: Chinese name -> English name.
HOLIDAYS: Mapping[str, str] = {
    "元旦": "New Year's Day",
    "春节": "Spring Festival",
    "清明节": "Qingming Festival",
    "劳动节": "Labour Day",
    "端午节": "Dragon Boat Festival",
    "中秋节": "Mid-Autumn Festival",
    "国庆节": "National Day",
    "中秋节、国庆节": "Mid-Autumn Festival and National Day",
    "抗战胜利70周年纪念日": "70th Anniversary of the Victory of the War of Resistance",
}
