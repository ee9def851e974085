"""The test part of a rules file printed back as text: the rules line, data blocks, scenarios
and their expectations, in English or Chinese (used by :func:`xzjd.language.to_text`)."""

from __future__ import annotations

from xzjd.model import CaseExpectation, DataDecl, DataKind, Expectation, Ruleset, State
from xzjd.vocab import STATE_ZH, STEP_ZH

__all__ = ["case_expectation_text", "expectation_text", "scenario_blocks"]


def expectation_text(e: Expectation, lang: str = "en") -> str:
    """The expectation as a line of the language (without ``expect``)."""
    zh = lang == "zh"
    head = f"{e.agency} {e.obligation} {e.period}"
    if e.absent:
        return head + (" 不列出" if zh else " not reported")
    parts = _common_parts(e, lang)
    if e.recipients == ():
        parts.append("接收 无" if zh else "recipients none")
    elif e.recipients is not None:
        parts.append(
            ("接收 " + "、".join(e.recipients))
            if zh
            else "recipients " + " and ".join(e.recipients)
        )
    return head + " " + ("，" if zh else ", ").join(parts)


def case_expectation_text(e: CaseExpectation, lang: str = "en") -> str:
    """The case expectation as a line of the language (without ``expect``)."""
    zh = lang == "zh"
    head = ("办件 " if zh else "case ") + e.case
    if e.absent:
        return head + (" 不列出" if zh else " not reported")
    parts = _common_parts(e, lang)
    if e.yellow is not None:
        parts.append(("黄灯 " if zh else "yellow ") + e.yellow.isoformat())
    if e.no_yellow:
        parts.append("无黄灯" if zh else "no yellow")
    if e.red is not None:
        parts.append(("红灯 " if zh else "red ") + e.red.isoformat())
    if e.no_red:
        parts.append("无红灯" if zh else "no red")
    return head + " " + ("，" if zh else ", ").join(parts)


def _common_parts(e: Expectation | CaseExpectation, lang: str) -> list[str]:
    """The clauses a period and a case expectation share: state, days, step, due."""
    zh = lang == "zh"
    parts: list[str] = []
    if e.state is not None:
        if zh:
            word = STATE_ZH[State(e.state)]
            if e.days_overdue is not None:
                word += f"{e.days_overdue}日"
        else:
            word = e.state
            if e.days_overdue is not None:
                word += f" {e.days_overdue} day{'s' if e.days_overdue != 1 else ''}"
        parts.append(word)
    if e.step is not None:
        parts.append(STEP_ZH[e.step] if zh else f"step {e.step.value}")
    if e.no_step:
        parts.append("未升级" if zh else "no step")
    if e.due is not None:
        parts.append(("截止 " if zh else "due ") + e.due.isoformat())
    return parts


def scenario_blocks(ruleset: Ruleset, lang: str = "en") -> list[list[str]]:
    """The canonical text of a ruleset's test part: rules line, data lines, scenarios."""
    zh = lang == "zh"
    blocks: list[list[str]] = []
    head: list[str] = []
    if ruleset.rules_ref is not None:
        head.append(("规则 " if zh else "rules ") + _quote(ruleset.rules_ref.path))
    for d in ruleset.data:
        head.extend(_data_lines(d, lang, ""))
    if head:
        blocks.append(head)
    for s in ruleset.scenarios:
        lines = [("场景 " if zh else "scenario ") + _quote(s.title) + ("：" if zh else ":")]
        if s.on is not None:
            lines.append(("  评估日 " if zh else "  on ") + s.on.isoformat())
        for d in s.data:
            lines.extend(_data_lines(d, lang, "  "))
        for e in s.expectations:
            lines.append(("  预期 " if zh else "  expect ") + expectation_text(e, lang))
        for c in s.case_expectations:
            lines.append(("  预期 " if zh else "  expect ") + case_expectation_text(c, lang))
        blocks.append(lines)
    return blocks


_KIND_WORDS = {
    DataKind.AGENCIES: ("agencies", "机关"),
    DataKind.FILINGS: ("filings", "报送"),
    DataKind.EVENTS: ("events", "事件"),
    DataKind.CASES: ("cases", "办件"),
}


def _data_lines(d: DataDecl, lang: str, indent: str) -> list[str]:
    zh = lang == "zh"
    word = _KIND_WORDS[d.kind][1 if zh else 0]
    if d.path is not None:
        return [f"{indent}{word} {_quote(d.path)}"]
    if not d.rows:
        return [f"{indent}{word} {'无' if zh else 'none'}"]
    return [f"{indent}{word}{'：' if zh else ':'}"] + [f"{indent}  {r.text}" for r in d.rows]


def _quote(text: str) -> str:
    if '"' not in text:
        return f'"{text}"'
    if "”" not in text:
        return f"“{text}”"
    return f"「{text}」"
