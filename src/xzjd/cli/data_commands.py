# SPDX-License-Identifier: MIT
"""The commands that read the data files: ``check`` (with data), ``agenda`` and ``explain``.

:mod:`xzjd.cli.commands` builds the parser with :func:`add_data_options` and
:func:`add_commands` and calls these; they print results on stdout (the renderers of
:mod:`xzjd.views`), warnings and errors on stderr, and return the exit status (0 ran, 1
``--fail-on`` hit, 2 bad input, :data:`~xzjd.views.output.EXIT_OUTPUT` the output could not be
written completely).
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any

from xzjd.cli.check_rows import Shown
from xzjd.cli.progress import ProgressBar, progress_bar
from xzjd.engine import (
    ProvisionalYearError,
    State,
    calendar_for,
    iter_evaluate,
    unknown_agency,
)
from xzjd.engine.diagnostics import suggest
from xzjd.engine.many import Many
from xzjd.errors import (
    Diagnostic,
    EvaluationError,
    OutputError,
    SourceError,
    UsageError,
    XzjdError,
    message_language,
    render_diagnostics,
    render_error,
)
from xzjd.facts.agency_reading import read_agencies
from xzjd.facts.files import ENCODINGS
from xzjd.facts.tables import Event, Filing, read_events, read_filings
from xzjd.language import CheckedRuleset, Rulesets, load_checked, load_rulesets
from xzjd.messages import explained
from xzjd.model import KindDecl
from xzjd.text.escape import escape_controls
from xzjd.views.agenda import agenda, agenda_refusal
from xzjd.views.ics import iter_ics
from xzjd.views.output import EXIT_OUTPUT, CheckedStream, checked, unicode_capable
from xzjd.views.record_columns import iter_json_parts, iter_jsonl_parts
from xzjd.views.records import iter_agenda_json, iter_csv
from xzjd.views.table import iter_agenda_table, iter_table, use_color
from xzjd.views.why import explain

__all__ = [
    "add_commands",
    "add_data_options",
    "add_input_options",
    "add_provisional_option",
    "guard",
    "input_options",
    "iso_date_argument",
    "kinds_of",
    "load_checked_rules",
    "print_warnings",
    "rules_paths",
    "run_agenda",
    "run_check",
    "run_explain",
    "write_pieces",
]


def iso_date_argument(text: str) -> dt.date:
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"{text!r} is not a date")


def add_data_options(parser: argparse.ArgumentParser) -> None:
    """Add the data options of ``xzjd check RULES --agencies A --filings F ...``."""
    group = parser.add_argument_group("evaluation (with --agencies)")
    group.add_argument("--agencies", metavar="FILE", help="agencies file (CSV or JSON)")
    group.add_argument("--filings", metavar="FILE", help="filings file (CSV or JSON)")
    group.add_argument("--events", metavar="FILE", help="events file (CSV or JSON)")
    group.add_argument("--on", type=iso_date_argument, metavar="DATE", help="evaluation date")
    group.add_argument(
        "--since",
        type=iso_date_argument,
        metavar="DATE",
        help="report only periods whose nominal deadline is on or after DATE",
    )
    group.add_argument(
        "--format",
        choices=("table", "json", "jsonl", "csv"),
        default="table",
        help="output format (jsonl: JSON Lines, one record a line)",
    )
    group.add_argument(
        "--fail-on",
        choices=("overdue", "warning"),
        help="exit 1 when a period is overdue (or, with 'warning', in warning or overdue)",
    )
    group.add_argument(
        "--raw-csv",
        action="store_true",
        help="with --format csv: write cells as they are, without neutralising those a "
        "spreadsheet would run as formulas (a leading ' before = + - @ tab CR)",
    )
    group.add_argument("--agency", metavar="ID", help="report only this agency")
    add_input_options(group)
    add_provisional_option(group)
    group.add_argument(
        "--state",
        choices=[s.value for s in State],
        action="append",
        help="report only periods in this state (repeatable)",
    )


def add_input_options(parser: Any) -> None:
    """Add ``--encoding`` and ``--sheet``: how the data files are read (docs/evaluation.md)."""
    parser.add_argument(
        "--encoding",
        choices=ENCODINGS,
        help="encoding of the CSV data files (default: found out, UTF-8 or GB18030/GBK)",
    )
    parser.add_argument(
        "--sheet",
        metavar="NAME",
        help="sheet of the .xlsx data workbooks to read (default: the first)",
    )


def input_options(args: argparse.Namespace) -> dict[str, Any]:
    """The keywords of the data file readers given by ``--encoding`` and ``--sheet``."""
    return {"encoding": getattr(args, "encoding", None), "sheet": getattr(args, "sheet", None)}


def add_provisional_option(parser: Any) -> None:
    """Add ``--no-provisional``: refuse calendar years that have no State Council notice."""
    parser.add_argument(
        "--no-provisional",
        dest="provisional",
        action="store_false",
        help="refuse calendar years without a State Council notice: what needs one is an "
        "error (exit 2), the rest is evaluated",
    )


def add_commands(subparsers: Any) -> None:
    """Add the ``agenda`` and ``explain`` subcommands."""
    agenda_p = subparsers.add_parser(
        "agenda",
        help="coming deadlines of one agency or of a region",
        description="List the deadlines of one agency, or of every agency of a region, "
        "between two dates; with --filings, only what is still to be filed.",
    )
    agenda_p.add_argument("rules", metavar="RULES")
    agenda_p.add_argument("--agencies", required=True, metavar="FILE")
    who = agenda_p.add_mutually_exclusive_group(required=True)
    who.add_argument("--agency", metavar="ID", help="the agency whose deadlines to list")
    who.add_argument(
        "--region",
        metavar="PATH",
        help="list the deadlines of every agency of this region and the regions below it "
        "(a path as in the agencies file, such as 云南省/昆明市)",
    )
    agenda_p.add_argument(
        "--filings",
        metavar="FILE",
        help="filings file: leave out the periods it has settled (done, late or waived)",
    )
    agenda_p.add_argument(
        "--from", dest="start", required=True, type=iso_date_argument, metavar="DATE"
    )
    agenda_p.add_argument("--to", dest="end", required=True, type=iso_date_argument, metavar="DATE")
    agenda_p.add_argument(
        "--events",
        metavar="FILE",
        help="events file: also list the event-based periods of the agency",
    )
    agenda_p.add_argument("--format", choices=("table", "json", "ics"), default="table")
    add_input_options(agenda_p)
    add_provisional_option(agenda_p)
    agenda_p.add_argument(
        "--ics-event",
        action="store_true",
        help="with --format ics: all-day VEVENTs instead of VTODOs",
    )
    agenda_p.set_defaults(func=run_agenda)

    explain_p = subparsers.add_parser(
        "explain",
        help="why one period is in its state",
        description="Explain one period: rule, bearer, recipients, deadline, filings, state.",
    )
    explain_p.add_argument("rules", metavar="RULES")
    explain_p.add_argument("--agencies", required=True, metavar="FILE")
    explain_p.add_argument("--filings", metavar="FILE")
    explain_p.add_argument("--events", metavar="FILE")
    explain_p.add_argument("--agency", required=True, metavar="ID")
    explain_p.add_argument("--obligation", required=True, metavar="ID")
    explain_p.add_argument("--period", required=True, metavar="LABEL")
    explain_p.add_argument("--on", required=True, type=iso_date_argument, metavar="DATE")
    add_input_options(explain_p)
    add_provisional_option(explain_p)
    explain_p.set_defaults(func=run_explain)


def load_checked_rules(path: str, stderr: IO[str], lang: str) -> CheckedRuleset:
    """Load and check a rules file once, printing its warnings (errors raise)."""
    rules = load_checked(path)
    print_warnings(rules.warnings, stderr, lang)
    return rules


def rules_paths(args: argparse.Namespace) -> Sequence[str]:
    """The rules files and folders of ``xzjd check`` (one path or several)."""
    rules: str | Sequence[str] = args.rules
    return [rules] if isinstance(rules, str) else rules


def _load_many(args: argparse.Namespace, stderr: IO[str], lang: str) -> CheckedRuleset | Rulesets:
    """The rules of ``xzjd check``, printing their warnings (errors raise): one ruleset, or
    several when several files are given, a folder, or a file that includes others."""
    rulesets = load_rulesets(rules_paths(args))
    print_warnings(rulesets.warnings, stderr, lang)
    return rulesets[0] if len(rulesets) == 1 else rulesets


def kinds_of(rules: CheckedRuleset | Rulesets) -> tuple[KindDecl, ...]:
    """The kinds the rules declare (every ruleset's, when there are several): the kinds an
    agencies file read for them may name."""
    if isinstance(rules, CheckedRuleset):
        return tuple(rules.kinds)
    return tuple(dict.fromkeys(k for r in rules for k in r.kinds))


def print_warnings(warnings: Iterable[Diagnostic], stderr: IO[str], lang: str) -> None:
    for text in render_diagnostics(warnings, lang=lang):
        stderr.write(text + "\n")


def guard(
    run: Callable[[], int], stderr: IO[str], lang: str, out: CheckedStream | None = None
) -> int:
    """Run a command; bad input becomes diagnostics on stderr and exit status 2.

    An output that could not be written completely is reported with exit status
    :data:`~xzjd.views.output.EXIT_OUTPUT`. When an error stops a command after it has begun to
    write *out*, a note says that what was written is incomplete.
    """
    try:
        return run()
    except OutputError as exc:
        stderr.write(exc.render(lang=lang) + "\n")
        return EXIT_OUTPUT
    except SourceError as exc:
        stderr.write(exc.render(lang=lang) + "\n")
        _note_cut_short(out, stderr, lang)
        return 2
    except ProvisionalYearError as exc:
        print_warnings(exc.diagnostics, stderr, lang)
        return 2
    except XzjdError as exc:
        stderr.write(render_error(exc, lang=lang) + "\n")
        _note_cut_short(out, stderr, lang)
        return 2


def _note_cut_short(out: CheckedStream | None, stderr: IO[str], lang: str) -> None:
    if out is None or not out.started:
        return
    if lang == "zh":
        stderr.write("注意：输出因上述错误中断，已写出的内容不完整\n")
    else:
        stderr.write("note: the error above cut the output short: what was written is incomplete\n")


def write_pieces(out: CheckedStream, pieces: Iterable[str], bar: ProgressBar | None) -> None:
    """Write the pieces as they come; a progress bar on the same terminal is erased first."""
    if bar is not None and out.isatty():
        for piece in pieces:
            bar.close()
            out.write(piece)
    else:
        out.write_all(pieces)
    out.flush()


def run_check(
    args: argparse.Namespace, *, stdout: IO[str], stderr: IO[str], lang: str | None = None
) -> int:
    """``xzjd check RULES... --agencies A --filings F [--events E] --on DATE ...``.

    Several rules files (or folders, or includes) are evaluated together: each filing goes to
    the ruleset of its obligation, and the records of all come in one list.

    The statuses are written as they are evaluated, one agency at a time, through a
    :class:`~xzjd.views.output.CheckedStream`; the warnings follow on *stderr* once all are known.
    """
    lang = lang or message_language()
    out = checked(stdout)

    def run() -> int:
        if args.agencies is None:
            raise explained(UsageError, "argument/missing#agencies", argument="--agencies")
        if args.on is None:
            raise explained(UsageError, "argument/missing#on", argument="--on")
        rules = _load_many(args, stderr, lang)
        for ruleset in [rules] if isinstance(rules, CheckedRuleset) else rules:
            if ruleset.effective is not None and args.on >= ruleset.effective:
                # The calendar must know the evaluation date: say so before reading the data.
                calendar_for(ruleset).is_working_day(args.on)
        opts = input_options(args)
        registry = read_agencies(args.agencies, kinds=kinds_of(rules), **opts)
        filings = read_filings(args.filings, **opts) if args.filings else ()
        events = read_events(args.events, **opts) if args.events else ()
        if args.agency is not None and args.agency not in registry:
            raise unknown_agency(args.agency, registry)
        bar = progress_bar(stderr)
        statuses = iter_evaluate(
            rules,
            registry,
            filings,
            on=args.on,
            events=events,
            since=args.since,
            agency=args.agency,
            progress=bar,
            provisional=args.provisional,
        )
        failing = {"overdue": {State.OVERDUE}, "warning": {State.OVERDUE, State.WARNING}}
        # --fail-on looks at every evaluated period, before the --state filter.
        shown = Shown(failing[args.fail_on] if args.fail_on else (), args.state or None)
        pieces: Iterable[str]
        names = {a.id: a.name for a in registry}
        if args.format == "json":
            ascii_only = not unicode_capable(out)
            pieces = iter_json_parts(shown.parts(statuses), ensure_ascii=ascii_only, names=names)
        elif args.format == "jsonl":
            ascii_only = not unicode_capable(out)
            pieces = iter_jsonl_parts(shown.parts(statuses), ensure_ascii=ascii_only, names=names)
        elif args.format == "csv":
            rows = shown.records(statuses)
            pieces = iter_csv(rows, raw=getattr(args, "raw_csv", False), names=names)
        else:
            rows = shown.records(statuses)
            pieces = iter_table(rows, names=names, color=use_color(out), lang=lang)
        try:
            write_pieces(out, pieces, bar)
        finally:
            if bar is not None:
                bar.close()
        print_warnings(statuses.warnings, stderr, lang)
        print_warnings(shown.refused, stderr, lang)
        if shown.refused:
            return 2
        return 1 if shown.failed else 0

    return guard(run, stderr, lang, out)


def run_agenda(
    args: argparse.Namespace, *, stdout: IO[str], stderr: IO[str], lang: str | None = None
) -> int:
    """``xzjd agenda RULES --agencies A (--agency ID | --region PATH) --from DATE --to DATE
    [--events E] [--filings F]``."""

    lang = lang or message_language()
    out = checked(stdout)

    def run() -> int:
        if args.end < args.start:
            raise explained(UsageError, "argument/bad-range", argument="--to", start=args.start)
        ruleset = load_checked_rules(args.rules, stderr, lang)
        opts = input_options(args)
        registry = read_agencies(args.agencies, kinds=ruleset.kinds, **opts)
        events = read_events(args.events, **opts) if args.events else None
        filings = read_filings(args.filings, **opts) if args.filings else None
        items, warnings = agenda(
            ruleset,
            registry,
            agency=args.agency,
            region=args.region,
            start=args.start,
            end=args.end,
            events=events,
            provisional=args.provisional,
            filings=filings,
        )
        print_warnings(warnings, stderr, lang)
        refused = [] if args.provisional else [i for i in items if i.provisional_years]
        if refused:
            items = [i for i in items if not i.provisional_years]
            print_warnings((agenda_refusal(ruleset.ruleset, i) for i in refused), stderr, lang)
        if args.format == "json":
            write_pieces(out, iter_agenda_json(items, ensure_ascii=not unicode_capable(out)), None)
        elif args.format == "ics":
            name = registry[args.agency].name if args.agency is not None else args.region
            lines = iter_ics(items, stamp=args.start, name=name, event=args.ics_event)
            # iCalendar is UTF-8 (RFC 5545 section 3.1.4) whatever the console's encoding: the
            # bytes go to the binary stream under stdout when there is one.
            buffer = out.buffer
            if buffer is not None:
                out.flush()
                buffer.write_all(line.encode("utf-8") for line in lines)
                buffer.flush()
            else:
                write_pieces(out, lines, None)
        else:
            write_pieces(out, iter_agenda_table(items, lang=lang), None)
        return 2 if refused else 0

    return guard(run, stderr, lang, out)


def run_explain(
    args: argparse.Namespace, *, stdout: IO[str], stderr: IO[str], lang: str | None = None
) -> int:
    """``xzjd explain RULES --agencies A --filings F --agency ID --obligation ID ...``.

    RULES may include other rules files: ``--obligation`` then picks the ruleset (written
    ``NAME:ID`` where several rulesets declare the id), and the filings and events that
    belong to it are explained against it.
    """
    lang = lang or message_language()
    out = checked(stdout)

    def run() -> int:
        rules = _load_many(args, stderr, lang)
        opts = input_options(args)
        registry = read_agencies(args.agencies, kinds=kinds_of(rules), **opts)
        filings: Sequence[Filing] = read_filings(args.filings, **opts) if args.filings else ()
        events: Sequence[Event] = read_events(args.events, **opts) if args.events else ()
        obligation = args.obligation
        if isinstance(rules, Rulesets):
            # A file that includes others: the obligation's ruleset, with the rows routed to
            # it (every row is checked against all the rulesets first).
            many = Many(rules, registry, filings, events, None, args.provisional)
            owners, obligation = rules.find(args.obligation)
            if len(owners) != 1:
                guess = suggest(args.obligation, rules.spellings())
                raise explained(
                    EvaluationError,
                    "argument/unknown-obligation",
                    argument="--obligation",
                    hint="did-you-mean-id" if guess else None,
                    guess=guess,
                    ident=args.obligation,
                )
            filings, events = many.routed(owners[0])
            rules = rules[owners[0]]
        text = explain(
            rules,
            registry,
            filings,
            agency=args.agency,
            obligation=obligation,
            period=args.period,
            on=args.on,
            events=events,
            lang=lang,
            provisional=args.provisional,
        )
        # Names, ids and the rule text come from the input: control and bidirectional
        # characters are shown as escapes; the explanation's own lines and indents stay.
        out.write(escape_controls(text, keep="\n\t") + "\n")
        out.flush()
        return 0

    return guard(run, stderr, lang, out)
