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
    _guard,
    _iso_date,
    _load_rules,
    _print_warnings,
    add_input_options,
    add_provisional_option,
    input_options,
)
from xzjd.engine.stats import BY, EVERY
from xzjd.errors import UsageError, message_language
from xzjd.facts.agencies import read_agencies
from xzjd.facts.cases import read_cases
from xzjd.facts.tables import read_events, read_filings
from xzjd.messages import explained
from xzjd.views.report import render_report
from xzjd.views.report_data import build_report

__all__ = ["add_report_command", "run_report", "write_file"]


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
        default="region",
        help="grouping of the statistics table (default: region)",
    )
    p.add_argument("--every", choices=EVERY, default="quarter", help="interval (default: quarter)")
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


def write_file(path: str, data: str | bytes, argument: str) -> None:
    """Write *data* to *path* whole; a file that cannot be written is a usage error."""
    try:
        if isinstance(data, str):
            with open(path, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(data)
        else:
            with open(path, "wb") as handle:
                handle.write(data)
    except (OSError, ValueError) as exc:  # a NUL in the name is a ValueError
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise explained(
            UsageError, "output/unwritable", argument=argument, path=path, reason=reason
        ) from None


def run_report(
    args: argparse.Namespace, *, stdout: IO[str], stderr: IO[str], lang: str | None = None
) -> int:
    """Run ``xzjd report``; return the exit status."""
    lang = lang or message_language()

    def run() -> int:
        if args.end < args.start:
            raise explained(UsageError, "argument/bad-range", argument="--to", start=args.start)
        ruleset = _load_rules(args.rules, stderr, lang)
        opts = input_options(args)
        registry = read_agencies(args.agencies, kinds=ruleset.kinds, **opts)
        filings = read_filings(args.filings, **opts) if args.filings else ()
        events = read_events(args.events, **opts) if args.events else ()
        cases = read_cases(args.cases, **opts) if args.cases else ()
        report = build_report(
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
        write_file(args.html, render_report(report, lang=args.report_lang or lang), "--html")
        _print_warnings(report.warnings, stderr, lang)
        return 0

    return _guard(run, stderr, lang)
