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
    add_input_options,
    add_provisional_option,
    guard,
    print_warnings,
    write_pieces,
)
from xzjd.cli.judged_inputs import (
    add_judged_options,
    check_span,
    read_judged_inputs,
    write_file,
)
from xzjd.engine.judgement import stats
from xzjd.errors import UsageError, message_language
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
    add_judged_options(
        p,
        by_default="agency",
        by_help="group by agency, region (the prefecture: the first two levels of the region "
        "path), kind, level or obligation (default: agency)",
    )
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
        check_span(args)
        if (args.format == "xlsx") != (args.output is not None):
            raise explained(UsageError, "argument/xlsx-output", argument="-o")
        given = read_judged_inputs(args, stderr, lang)
        table = stats(
            given.ruleset,
            given.registry,
            given.filings,
            given.events,
            given.cases,
            start=args.start,
            end=args.end,
            by=args.by,
            every=args.every,
            provisional=args.provisional,
        )
        pieces: Iterable[str]
        if args.format == "xlsx":
            write_file(args.output, stats_xlsx(table, lang=lang), "-o")
            print_warnings(table.warnings, stderr, lang)
            return 0
        if args.format == "json":
            pieces = iter_stats_json(table, ensure_ascii=not unicode_capable(out))
        elif args.format == "csv":
            pieces = iter_stats_csv(table, raw=args.raw_csv)
        else:
            pieces = iter_stats_table(table, lang=lang)
        write_pieces(out, pieces, None)
        print_warnings(table.warnings, stderr, lang)
        return 0

    return guard(run, stderr, lang, out)
