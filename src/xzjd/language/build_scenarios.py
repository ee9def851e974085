# SPDX-License-Identifier: MIT
"""The builder's reductions of a test file: the rules it tests, data blocks, scenarios and
their expectations (docs/testing.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from xzjd.errors import Span
from xzjd.language.build_base import (
    BuilderBase,
    HeaderLine,
    meta_span,
    number,
    seq,
    token_span,
    unquote,
)
from xzjd.language.reductions import Meta
from xzjd.model import (
    CaseExpectation,
    DataDecl,
    DataKind,
    DataRow,
    Expectation,
    RulesRef,
    Scenario,
)

__all__ = ["ScenarioForms"]


class ScenarioForms(BuilderBase):
    """The reductions of scenarios and test data (part of
    :class:`~xzjd.language.builder.Builder`)."""

    # ------------------------------------------------------------------ 9. scenarios

    def rules_ref(self, meta: Meta, children: list[Any]) -> RulesRef:
        return RulesRef(path=unquote(children[0]), span=meta_span(meta))

    def scenario_decl(self, meta: Meta, children: list[Any]) -> Scenario:
        on: dt.date | None = None
        data: list[DataDecl] = []
        expectations: list[Expectation] = []
        case_expectations: list[CaseExpectation] = []
        for child in children[1:]:
            if isinstance(child, DataDecl):
                data.append(child)
            elif isinstance(child, Expectation):
                expectations.append(child)
            elif isinstance(child, CaseExpectation):
                case_expectations.append(child)
            elif isinstance(child, HeaderLine):
                if on is not None:
                    self._duplicate_line("on", child.span)
                    continue
                on = child.value
        return Scenario(
            title=children[0],
            on=on,
            data=seq(data),
            expectations=seq(expectations),
            case_expectations=seq(case_expectations),
            span=meta_span(meta),
        )

    def scenario_on(self, meta: Meta, children: list[Any]) -> HeaderLine:
        return HeaderLine("on", self._date(children[0]) or dt.date.min, meta_span(meta))

    def data_file(self, meta: Meta, children: list[Any]) -> DataDecl:
        return DataDecl(kind=children[0], path=unquote(children[1]), span=meta_span(meta))

    def data_rows(self, meta: Meta, children: list[Any]) -> DataDecl:
        return DataDecl(kind=children[0], rows=seq(children[1:]), span=meta_span(meta))

    def data_none(self, meta: Meta, children: list[Any]) -> DataDecl:
        return DataDecl(kind=children[0], span=meta_span(meta))

    def agencies_kind(self, meta: Meta, children: list[Any]) -> DataKind:
        return DataKind.AGENCIES

    def filings_kind(self, meta: Meta, children: list[Any]) -> DataKind:
        return DataKind.FILINGS

    def events_kind(self, meta: Meta, children: list[Any]) -> DataKind:
        return DataKind.EVENTS

    def cases_kind(self, meta: Meta, children: list[Any]) -> DataKind:
        return DataKind.CASES

    def data_row(self, meta: Meta, children: list[Any]) -> DataRow:
        return DataRow(text=str(children[0]), span=token_span(children[0]))

    def expect_line(self, meta: Meta, children: list[Any]) -> Expectation:
        agency, obligation, period, clauses = children
        spans = {
            "agency": token_span(agency),
            "obligation": token_span(obligation),
            "period": token_span(period),
        }
        fields = self._expectation_fields(clauses, spans)
        return Expectation(
            agency=str(agency),
            obligation=str(obligation),
            period=str(period),
            span=meta_span(meta),
            spans=spans,
            **fields,
        )

    def case_expect_line(self, meta: Meta, children: list[Any]) -> CaseExpectation:
        case, clauses = children
        spans = {"case": token_span(case)}
        fields = self._expectation_fields(clauses, spans)
        return CaseExpectation(case=str(case), span=meta_span(meta), spans=spans, **fields)

    def _expectation_fields(self, clauses: Any, spans: dict[str, Span]) -> dict[str, Any]:
        """The fields of an expectation from its clauses (a clause said twice is a problem),
        recording each clause's position in *spans*."""
        fields: dict[str, Any] = {}
        if clauses == "absent":
            fields["absent"] = True
            return fields
        for what, value, span in clauses:
            if what in fields:
                self._problem("dup/expectation", span, what=what)
                continue
            fields[what] = value
            spans[what] = span
        if "days" in fields:
            fields["days_overdue"] = fields.pop("days")
        return fields

    def expect_absent(self, meta: Meta, children: list[Any]) -> str:
        return "absent"

    def expect_clauses(self, meta: Meta, children: list[Any]) -> list[Any]:
        out: list[Any] = []
        for clause in children:
            if clause[0] == "overdue_days":
                out.append(("state", "overdue", clause[2]))
                out.append(("days", clause[1], clause[2]))
            else:
                out.append(clause)
        return out

    def state_clause(self, meta: Meta, children: list[Any]) -> tuple[str, Any, Span | None]:
        return ("state", children[0], meta_span(meta))

    def overdue_days(self, meta: Meta, children: list[Any]) -> tuple[str, Any, Span | None]:
        return ("overdue_days", number(children[0]), meta_span(meta))

    def step_clause(self, meta: Meta, children: list[Any]) -> tuple[str, Any, Span | None]:
        return ("step", children[-1], meta_span(meta))

    def no_step_clause(self, meta: Meta, children: list[Any]) -> tuple[str, Any, Span | None]:
        return ("no_step", True, meta_span(meta))

    def due_clause(self, meta: Meta, children: list[Any]) -> tuple[str, Any, Span | None]:
        return ("due", self._date(children[0]), meta_span(meta))

    def yellow_clause(self, meta: Meta, children: list[Any]) -> tuple[str, Any, Span | None]:
        return ("yellow", self._date(children[0]), meta_span(meta))

    def red_clause(self, meta: Meta, children: list[Any]) -> tuple[str, Any, Span | None]:
        return ("red", self._date(children[0]), meta_span(meta))

    def no_yellow_clause(self, meta: Meta, children: list[Any]) -> tuple[str, Any, Span | None]:
        return ("no_yellow", True, meta_span(meta))

    def no_red_clause(self, meta: Meta, children: list[Any]) -> tuple[str, Any, Span | None]:
        return ("no_red", True, meta_span(meta))

    def recipients_clause(self, meta: Meta, children: list[Any]) -> tuple[str, Any, Span | None]:
        return ("recipients", tuple(str(c) for c in children), meta_span(meta))

    def pending(self, meta: Meta, children: list[Any]) -> str:
        return "pending"

    def warning(self, meta: Meta, children: list[Any]) -> str:
        return "warning"

    def overdue(self, meta: Meta, children: list[Any]) -> str:
        return "overdue"

    def done(self, meta: Meta, children: list[Any]) -> str:
        return "done"

    def late(self, meta: Meta, children: list[Any]) -> str:
        return "late"

    def waived(self, meta: Meta, children: list[Any]) -> str:
        return "waived"

    def withdrawn(self, meta: Meta, children: list[Any]) -> str:
        return "withdrawn"
