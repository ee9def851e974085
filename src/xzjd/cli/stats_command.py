# SPDX-License-Identifier: MIT
"""``xzjd stats``: how many periods each group of agencies did on time, late or not at all,
interval by interval, with on-time rates, signals and ranks (docs/statistics.md).

``xzjd stats RULES --agencies FILE [--filings FILE] [--events FILE] [--cases FILE]
--from DATE --to DATE [--by agency|region|kind|level|obligation]
[--every month|quarter|year] [--format table|csv|json | --format xlsx -o FILE]``

The rules are evaluated once, on ``--to``; bad input gives positioned diagnostics on stderr,
exit status 2 and nothing on stdout; the evaluation's warnings follow the output on stderr.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import IO, Any

from xzjd.cli.data_commands import (
    _guard,
    _iso_date,
    _load_rules,
    _print_warnings,
    _write,
    add_input_options,
    add_provisional_option,
    input_options,
)
from xzjd.cli.report_command import write_file
from xzjd.engine.judgement import stats
from xzjd.engine.stats import BY, EVERY
from xzjd.errors import UsageError, message_language
from xzjd.facts.agencies import read_agencies
from xzjd.facts.cases import read_cases
from xzjd.facts.tables import read_events, read_filings
from xzjd.messages import explained
from xzjd.views.output import checked, unicode_capable
from xzjd.views.stats import iter_stats_csv, iter_stats_json, iter_stats_table
from xzjd.views.stats_xlsx import stats_xlsx

__all__ = ["add_stats_command", "run_stats"]


def add_stats_command(subparsers: Any) -> None:
    """Add the ``stats`` subcommand."""
    p = subparsers.add_parser(
        "stats",
        help="on-time rates, lateness, signals and ranks by group and interval",
        description=(
            "Count, for each group of agencies and each month, quarter or year, the periods "
            "(and cases) due, done on time, late, overdue and waived, the on-time rate, the "
            "yellow and red signals and the rank, all judged on --to (docs/statistics.md)."
        ),
    )
    p.add_argument("rules", metavar="RULES", help="the rules file (*.xzjd)")
    p.add_argument("--agencies", required=True, metavar="FILE", help="agencies file")
    p.add_argument("--filings", metavar="FILE", help="filings file (CSV or JSON)")
    p.add_argument("--events", metavar="FILE", help="events file (CSV or JSON)")
    p.add_argument("--cases", metavar="FILE", help="case events file (CSV or JSON)")
    p.add_argument("--from", dest="start", required=True, type=_iso_date, metavar="DATE")
    p.add_argument(
        "--to",
        dest="end",
        required=True,
        type=_iso_date,
        metavar="DATE",
        help="the last day counted, and the day everything is judged on",
    )
    p.add_argument(
        "--by",
        choices=BY,
        default="agency",
        help="group by agency, region (the prefecture: the first two levels of the region "
        "path), kind, level or obligation (default: agency)",
    )
    p.add_argument("--every", choices=EVERY, default="quarter", help="interval (default: quarter)")
    p.add_argument(
        "--format",
        choices=("table", "csv", "json", "xlsx"),
        default="table",
        help="table, csv or json on stdout, or xlsx: an Excel workbook written to -o FILE "
        "(needs openpyxl: pip install 'xzjd[xlsx]')",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="with --format xlsx (and only with it): the workbook to write",
    )
    p.add_argument(
        "--raw-csv",
        action="store_true",
        help="with --format csv: write cells as they are, without neutralising those a "
        "spreadsheet would run as formulas",
    )
    add_input_options(p)
    add_provisional_option(p)
    p.set_defaults(func=run_stats)


def run_stats(
    args: argparse.Namespace, *, stdout: IO[str], stderr: IO[str], lang: str | None = None
) -> int:
    """Run ``xzjd stats``; return the exit status."""
    lang = lang or message_language()
    out = checked(stdout)

    def run() -> int:
        if args.end < args.start:
            raise explained(UsageError, "argument/bad-range", argument="--to", start=args.start)
        if (args.format == "xlsx") != (args.output is not None):
            raise explained(UsageError, "argument/xlsx-output", argument="-o")
        ruleset = _load_rules(args.rules, stderr, lang)
        opts = input_options(args)
        registry = read_agencies(args.agencies, kinds=ruleset.kinds, **opts)
        filings = read_filings(args.filings, **opts) if args.filings else ()
        events = read_events(args.events, **opts) if args.events else ()
        cases = read_cases(args.cases, **opts) if args.cases else ()
        table = stats(
            ruleset,
            registry,
            filings,
            events,
            cases,
            start=args.start,
            end=args.end,
            by=args.by,
            every=args.every,
            provisional=args.provisional,
        )
        pieces: Iterable[str]
        if args.format == "xlsx":
            write_file(args.output, stats_xlsx(table, lang=lang), "-o")
            _print_warnings(table.warnings, stderr, lang)
            return 0
        if args.format == "json":
            pieces = iter_stats_json(table, ensure_ascii=not unicode_capable(out))
        elif args.format == "csv":
            pieces = iter_stats_csv(table, raw=args.raw_csv)
        else:
            pieces = iter_stats_table(table, lang=lang)
        _write(out, pieces, None)
        _print_warnings(table.warnings, stderr, lang)
        return 0

    return _guard(run, stderr, lang, out)
