# SPDX-License-Identifier: MIT
"""``xzjd cases``: the cases (办件) of a case events file on one date.

``xzjd cases RULES --cases FILE --on DATE [--agencies FILE] [--format table|json|csv]
[--state STATE ...] [--fail-on overdue|warning] [--explain CASE]``

Every row of the cases file is read against the rules before anything is written: bad input
gives positioned diagnostics on stderr, exit status 2 and nothing on stdout. JSON and CSV are
written one case at a time, in the order of the file; the table, for people, is sorted by
agency, obligation, deadline and case. The warnings (a pause the rule does not allow, an
extension beyond it, rows after the case ended) follow the output on stderr. ``--fail-on``
exits 1 when a case is overdue (or, with ``warning``, in warning or overdue), before the
``--state`` filter. ``--explain CASE`` prints the arithmetic of that one case.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from xzjd.cli.data_commands import (
    add_input_options,
    guard,
    input_options,
    iso_date_argument,
    load_checked_rules,
    print_warnings,
    write_pieces,
)
from xzjd.engine import CaseStatus, State, calendar_for, evaluate_cases, iter_case_statuses
from xzjd.engine.case_records import sorted_cases
from xzjd.engine.diagnostics import suggest
from xzjd.errors import Diagnostic, UsageError, message_language
from xzjd.facts.agencies import Registry
from xzjd.facts.agency_reading import read_agencies
from xzjd.facts.cases import Case, read_cases
from xzjd.language import CheckedRuleset
from xzjd.messages import explained
from xzjd.text.escape import escape_controls
from xzjd.views.cases import (
    CASE_STATES,
    explain_case,
    iter_case_csv,
    iter_case_json,
    iter_case_table,
)
from xzjd.views.output import CheckedStream, checked, unicode_capable
from xzjd.views.table import use_color

__all__ = ["add_cases_command", "run_cases"]

_FAILING = {
    "overdue": frozenset({State.OVERDUE}),
    "warning": frozenset({State.OVERDUE, State.WARNING}),
}


def add_cases_command(subparsers: Any) -> None:
    """Add the ``cases`` subcommand."""
    p = subparsers.add_parser(
        "cases",
        help="the cases of a case events file on one date",
        description=(
            "Evaluate every case (办件) of a case events file on one date: its deadline after "
            "pauses and extensions, working days used and left, state, signals, stage overruns "
            "(docs/cases.md)."
        ),
    )
    p.add_argument("rules", metavar="RULES", help="the rules file (*.xzjd)")
    p.add_argument(
        "--cases",
        required=True,
        metavar="FILE",
        help="case events file, case,agency,obligation,event,date[,note] (CSV or JSON)",
    )
    p.add_argument(
        "--on", required=True, type=iso_date_argument, metavar="DATE", help="evaluation date"
    )
    p.add_argument(
        "--agencies",
        metavar="FILE",
        help="agencies file (CSV or JSON): every case's agency must be one of them",
    )
    p.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        help="output format (default: table)",
    )
    p.add_argument(
        "--state",
        choices=[s.value for s in CASE_STATES],
        action="append",
        help="report only cases in this state (repeatable)",
    )
    p.add_argument(
        "--fail-on",
        choices=tuple(_FAILING),
        help="exit 1 when a case is overdue (or, with 'warning', in warning or overdue)",
    )
    p.add_argument(
        "--raw-csv",
        action="store_true",
        help="with --format csv: write cells as they are, without neutralising those a "
        "spreadsheet would run as formulas",
    )
    p.add_argument(
        "--explain",
        metavar="CASE",
        help="print how the deadline and state of this one case are reached, step by step",
    )
    add_input_options(p)
    p.set_defaults(func=run_cases)


def _unknown_case(wanted: str, cases: Sequence[Case], file_name: str) -> UsageError:
    ids = [c.id for c in cases]
    guess = suggest(wanted, ids)
    return explained(
        UsageError,
        "argument/unknown-case" if ids else "argument/unknown-case#empty",
        argument="--explain",
        hint="did-you-mean-id" if guess is not None else None,
        guess=guess,
        ident=wanted,
        file_name=escape_controls(file_name),
        first=ids[0] if ids else None,
    )


def _explain_conflict(option: str) -> UsageError:
    return explained(UsageError, "argument/invalid#explain", argument=option, option=option)


def run_cases(
    args: argparse.Namespace, *, stdout: IO[str], stderr: IO[str], lang: str | None = None
) -> int:
    """``xzjd cases RULES --cases FILE --on DATE ...``: write the cases' records; the exit
    status (0, 1 with ``--fail-on``, 2 bad input)."""
    lang = lang or message_language()
    out = checked(stdout)

    def run() -> int:
        if args.explain is not None:
            if args.format not in (None, "table"):
                raise _explain_conflict("--format")
            if args.state:
                raise _explain_conflict("--state")
        ruleset = load_checked_rules(args.rules, stderr, lang)
        if ruleset.effective is not None and args.on >= ruleset.effective:
            # The calendar must know the evaluation date: say so before reading the data.
            calendar_for(ruleset).is_working_day(args.on)
        opts = input_options(args)
        registry = (
            read_agencies(args.agencies, kinds=ruleset.kinds, **opts)
            if args.agencies is not None
            else None
        )
        cases = read_cases(args.cases, **opts)
        fail_states = _FAILING[args.fail_on] if args.fail_on else frozenset()
        if args.explain is not None:
            return _explain_one(args, ruleset, registry, cases, out, stderr, lang)

        warnings: list[Diagnostic] = []
        statuses = iter_case_statuses(
            ruleset, cases, on=args.on, agencies=registry, warnings=warnings
        )
        # Every error of the rows is raised before the first record: take it before writing.
        first = next(statuses, None)
        failed = False

        def seen(stream: Iterator[CaseStatus]) -> Iterator[CaseStatus]:
            # --fail-on looks at every evaluated case, before the --state filter.
            nonlocal failed
            for s in stream:
                if s.state in fail_states:
                    failed = True
                yield s

        records = seen(itertools.chain(() if first is None else (first,), statuses))
        if args.state:
            wanted = set(args.state)
            records = (s for s in records if s.state.value in wanted)
        pieces: Iterable[str]
        names = None if registry is None else {a.id: a.name for a in registry}
        if args.format == "json":
            pieces = iter_case_json(records, ensure_ascii=not unicode_capable(out), names=names)
        elif args.format == "csv":
            pieces = iter_case_csv(records, raw=args.raw_csv, names=names)
        else:
            pieces = iter_case_table(sorted_cases(list(records)), color=use_color(out), lang=lang)
        write_pieces(out, pieces, None)
        print_warnings(warnings, stderr, lang)
        return 1 if failed else 0

    return guard(run, stderr, lang, out)


def _explain_one(
    args: argparse.Namespace,
    ruleset: CheckedRuleset,
    registry: Registry | None,
    cases: Sequence[Case],
    out: CheckedStream,
    stderr: IO[str],
    lang: str,
) -> int:
    """``--explain CASE``: the text of that one case, evaluated alone."""
    case = next((c for c in cases if c.id == args.explain), None)
    if case is None:
        raise _unknown_case(args.explain, cases, args.cases)
    result = evaluate_cases(ruleset, [case], on=args.on, agencies=registry, explain=True)
    out.write(_explain_text(result, case, args.on, lang) + "\n")
    out.flush()
    print_warnings(result.warnings, stderr, lang)
    failing = _FAILING[args.fail_on] if args.fail_on else frozenset()
    return 1 if any(s.state in failing for s in result) else 0


def _explain_text(result: Sequence[CaseStatus], case: Case, on: dt.date, lang: str) -> str:
    if result:
        return explain_case(result[0], lang, on=on)
    start = case.rows[0].date if case.rows else on
    shown = escape_controls(case.id)
    if lang == "zh":
        return f"办件 {shown}：截至 {on} 尚未开始（第一行日期为 {start}）"
    return f"case {shown}: not started on {on} (its first row is dated {start})"
