# SPDX-License-Identifier: MIT
"""``xzjd report``: the statistics as one self-contained HTML page (docs/statistics.md).

``xzjd report RULES --agencies FILE [--filings FILE] [--events FILE] [--cases FILE]
--from DATE --to DATE [--by agency|region|kind|level|obligation]
[--every month|quarter|year] --html FILE [--lang zh|en]``

The page holds the same rows as ``xzjd stats`` with the same ``--by`` and ``--every``, the
on-time rate by region over time, a heat map of agencies by month, the overdue list and the
source of each obligation; it loads nothing from anywhere when opened.
"""

from __future__ import annotations

import argparse
from typing import IO, Any

from xzjd.cli.data_commands import (
    add_input_options,
    add_provisional_option,
    guard,
    print_warnings,
)
from xzjd.cli.judged_inputs import add_judged_options, read_judged_inputs, write_file
from xzjd.errors import message_language
from xzjd.views.report import render_report
from xzjd.views.report_data import build_report

__all__ = ["add_report_command", "run_report"]


def add_report_command(subparsers: Any) -> None:
    """Add the ``report`` subcommand."""
    p = subparsers.add_parser(
        "report",
        help="the statistics as one self-contained HTML page (charts, heat map, overdue list)",
        description=(
            "Write one HTML file that opens offline: the headline figures, the on-time rate "
            "by region over time, a heat map of agencies by month, the rows of xzjd stats, "
            "the periods overdue on --to with whom they are owed to, and each obligation's "
            "source (docs/statistics.md)."
        ),
    )
    add_judged_options(
        p, by_default="region", by_help="grouping of the statistics table (default: region)"
    )
    p.add_argument("--html", required=True, metavar="FILE", help="the HTML file to write")
    p.add_argument(
        "--lang",
        dest="report_lang",
        choices=("zh", "en"),
        help="language of the page (default: the language of the messages)",
    )
    add_input_options(p)
    add_provisional_option(p)
    p.set_defaults(func=run_report)


def run_report(
    args: argparse.Namespace, *, stdout: IO[str], stderr: IO[str], lang: str | None = None
) -> int:
    """Run ``xzjd report``; return the exit status."""
    lang = lang or message_language()

    def run() -> int:
        given = read_judged_inputs(args, stderr, lang)
        report = build_report(
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
        write_file(args.html, render_report(report, lang=args.report_lang or lang), "--html")
        print_warnings(report.warnings, stderr, lang)
        return 0

    return guard(run, stderr, lang)
