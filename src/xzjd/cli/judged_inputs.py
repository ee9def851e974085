# SPDX-License-Identifier: MIT
"""What ``xzjd stats`` and ``xzjd report`` share: the options that name the rules, the data and
the span (``RULES --agencies … --from DATE --to DATE --by … --every …``), reading them, and
writing a whole output file."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import IO, Any

import attrs

from xzjd.cli.data_commands import input_options, iso_date_argument, load_checked_rules
from xzjd.engine.stats import BY, EVERY
from xzjd.errors import UsageError
from xzjd.facts.agencies import Registry
from xzjd.facts.agency_reading import read_agencies
from xzjd.facts.cases import Case, read_cases
from xzjd.facts.tables import Event, Filing, read_events, read_filings
from xzjd.language import CheckedRuleset
from xzjd.messages import explained

__all__ = [
    "JudgedInputs",
    "add_judged_options",
    "check_span",
    "read_judged_inputs",
    "write_file",
]


def add_judged_options(p: Any, *, by_default: str, by_help: str) -> None:
    """Add the rules, data, ``--from``/``--to``, ``--by`` and ``--every`` options to *p*."""
    p.add_argument("rules", metavar="RULES", help="the rules file (*.xzjd)")
    p.add_argument("--agencies", required=True, metavar="FILE", help="agencies file")
    p.add_argument("--filings", metavar="FILE", help="filings file (CSV or JSON)")
    p.add_argument("--events", metavar="FILE", help="events file (CSV or JSON)")
    p.add_argument("--cases", metavar="FILE", help="case events file (CSV or JSON)")
    p.add_argument("--from", dest="start", required=True, type=iso_date_argument, metavar="DATE")
    p.add_argument(
        "--to",
        dest="end",
        required=True,
        type=iso_date_argument,
        metavar="DATE",
        help="the last day counted, and the day everything is judged on",
    )
    p.add_argument("--by", choices=BY, default=by_default, help=by_help)
    p.add_argument("--every", choices=EVERY, default="quarter", help="interval (default: quarter)")


@attrs.frozen
class JudgedInputs:
    """The rules and the data the options name, read and checked."""

    ruleset: CheckedRuleset
    registry: Registry
    filings: Sequence[Filing]
    events: tuple[Event, ...]
    cases: Sequence[Case]


def check_span(args: argparse.Namespace) -> None:
    """A span (``--from``, ``--to``) that ends before it starts is a usage error."""
    if args.end < args.start:
        raise explained(UsageError, "argument/bad-range", argument="--to", start=args.start)


def read_judged_inputs(args: argparse.Namespace, stderr: IO[str], lang: str) -> JudgedInputs:
    """Read what the options name (the rules' warnings printed on *stderr*), after
    :func:`check_span`: nothing is read for a span that ends before it starts."""
    check_span(args)
    ruleset = load_checked_rules(args.rules, stderr, lang)
    opts = input_options(args)
    return JudgedInputs(
        ruleset=ruleset,
        registry=read_agencies(args.agencies, kinds=ruleset.kinds, **opts),
        filings=read_filings(args.filings, **opts) if args.filings else (),
        events=read_events(args.events, **opts) if args.events else (),
        cases=read_cases(args.cases, **opts) if args.cases else (),
    )


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
