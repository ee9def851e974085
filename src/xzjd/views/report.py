# SPDX-License-Identifier: MIT
"""Output of evaluation results: a table for people, JSON and CSV for programs.

The JSON of :func:`render_json` is the contract of language.md section 6: one array, sorted by
agency, obligation and deadline, of objects with exactly the keys
``agency, obligation, period, opens, nominal_due, due, state, days_overdue, step, recipients,
filings, source`` in that order. The table groups rows by agency and colours states (green
pending, yellow warning, red overdue) only when asked to; the CLI asks when stdout is a
terminal and ``NO_COLOR`` is not set (https://no-color.org).

Each format is also produced in pieces (``iter_json``, ``iter_csv``, ``iter_table``): one
record, one CSV row, one agency's block at a time, so that the command line writes a report of
any size without holding it (:mod:`xzjd.views.output`). The ``render_*`` functions join the pieces.
Text from the input is made safe on the way out: control and bidirectional characters are
escaped in the tables, and CSV cells a spreadsheet would run as formulas are neutralised
unless ``raw=True`` (:mod:`xzjd.text.escape`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain, groupby
from typing import IO, Any

from xzjd.engine import (
    ProvisionalYearError,
    State,
    Status,
    calendar_for,
    iter_evaluate,
    unknown_agency,
)
from xzjd.errors import (
    Diagnostic,
    OutputError,
    SourceError,
    UsageError,
    XzjdError,
    display_width,
    message_language,
    render_diagnostics,
    render_error,
)
from xzjd.facts.agencies import read_agencies
from xzjd.facts.tables import read_events, read_filings
from xzjd.language.check import warnings as rule_warnings
from xzjd.language.loader import load
from xzjd.model import Ruleset
from xzjd.text.escape import csv_row, escape_controls, has_controls
from xzjd.views.agenda import AgendaItem, agenda, agenda_refusal
from xzjd.views.ics import iter_ics
from xzjd.views.output import EXIT_OUTPUT, CheckedStream, checked, unicode_capable
from xzjd.views.why import explain
from xzjd.vocab import STATE_ZH, STEP_ZH

__all__ = [
    "JSON_KEYS",
    "add_commands",
    "add_data_options",
    "iter_agenda_json",
    "iter_agenda_table",
    "iter_csv",
    "iter_json",
    "iter_table",
    "render_agenda_json",
    "render_agenda_table",
    "render_csv",
    "render_json",
    "render_table",
    "run_agenda",
    "run_check",
    "run_explain",
    "use_color",
]

#: The keys of one JSON record, in order (language.md section 6).
JSON_KEYS = (
    "agency",
    "obligation",
    "period",
    "opens",
    "nominal_due",
    "due",
    "state",
    "days_overdue",
    "step",
    "recipients",
    "filings",
    "source",
)

#: The columns of ``--format csv``: the JSON keys, then ``provisional`` (``true`` or empty).
CSV_KEYS = (*JSON_KEYS, "provisional")

_COLORS = {
    State.PENDING: "\x1b[32m",
    State.WARNING: "\x1b[33m",
    State.OVERDUE: "\x1b[31m",
}
_RESET = "\x1b[0m"


def use_color(stream: IO[str] | CheckedStream, env: Mapping[str, str] | None = None) -> bool:
    """Whether to colour output to *stream*: a terminal, and ``NO_COLOR`` not set."""
    env = os.environ if env is None else env
    if env.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _json_array(records: Iterable[Mapping[str, Any]], ensure_ascii: bool) -> Iterator[str]:
    """``json.dumps(list(records), indent=2) + "\\n"``, one record at a time.

    Each record is dumped on its own and indented one level further (a JSON string never
    holds a raw newline, so every newline of the dump starts a line of the layout): the
    pieces joined are the very bytes of the whole array dumped at once.
    """
    first = True
    for record in records:
        text = json.dumps(record, ensure_ascii=ensure_ascii, indent=2).replace("\n", "\n  ")
        yield ("[\n  " if first else ",\n  ") + text
        first = False
    yield "[]\n" if first else "\n]\n"


def iter_json(statuses: Iterable[Status], *, ensure_ascii: bool = False) -> Iterator[str]:
    """:func:`render_json` in pieces: the first record with the opening bracket, then one
    piece per record, then the closing bracket. Reads *statuses* as it goes.

    *ensure_ascii* writes non-ASCII characters as ``\\uXXXX`` escapes (the same JSON value),
    for an output whose encoding cannot hold them.
    """
    return _json_array((s.to_json() for s in statuses), ensure_ascii)


def render_json(statuses: Iterable[Status]) -> str:
    """One JSON array of the records, in the order given (``evaluate`` sorts them)."""
    return "".join(iter_json(statuses))


def render_csv(statuses: Iterable[Status], *, raw: bool = False) -> str:
    """CSV with the JSON keys as header; lists joined by ``;``, null as empty.

    Cells that a spreadsheet would run as formulas are neutralised (a leading ``'``) unless
    *raw* (:func:`xzjd.text.escape.csv_row`).
    """
    return "".join(iter_csv(statuses, raw=raw))


def iter_csv(statuses: Iterable[Status], *, raw: bool = False) -> Iterator[str]:
    """:func:`render_csv` in pieces: the header line, then one line per record."""
    yield csv_row(CSV_KEYS, raw=raw)
    for s in statuses:
        record = s.to_json()
        row = []
        for key in JSON_KEYS:
            value = record[key]
            if value is None:
                row.append("")
            elif isinstance(value, list):
                row.append(";".join(value))
            else:
                row.append(str(value))
        row.append("true" if s.provisional_years else "")
        yield csv_row(row, raw=raw)


def provisional_note(years: Iterable[int], *, lang: str = "en") -> str | None:
    """The footnote of a table whose dates marked ``*`` rest on provisional *years*."""
    listed = sorted(set(years))
    if not listed:
        return None
    names = ", ".join(map(str, listed))
    if lang == "zh":
        return (
            f"* 暂定：日历数据中没有国务院 {names} 年节假日安排通知，"
            "仅按法定节假日推算，不含调休上班日"
        )
    return (
        f"* provisional: no State Council notice for {names} in the calendar data; "
        "statutory holidays only, no 调休 make-up working days"
    )


def _due_cell(day: dt.date, provisional: Sequence[int]) -> str:
    return day.isoformat() + "*" if provisional else day.isoformat()


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    indent: str = "  ",
    paint: Sequence[str | None] = (),
    paint_column: int = -1,
) -> list[str]:
    """Aligned columns; ``paint[i]`` (an ANSI code) colours row i's ``paint_column`` cell.

    Control and bidirectional characters in the cells are shown as escapes (``\\x1b``,
    ``\\u202e``): a cell is one line of text, whatever the input held.
    """
    if has_controls("".join(chain.from_iterable(rows))):  # one look for the whole table
        rows = [[escape_controls(cell) for cell in row] for row in rows]
    widths = [display_width(h) for h in headers]
    cell_widths = [[display_width(cell) for cell in row] for row in rows]
    for row_widths in cell_widths:
        widths = [max(w, c) for w, c in zip(widths, row_widths, strict=True)]
    lines = [indent + "  ".join(_pad(h, w) for h, w in zip(headers, widths, strict=True))]
    for r, row in enumerate(rows):
        cells = [c + " " * (w - cw) for c, w, cw in zip(row, widths, cell_widths[r], strict=True)]
        code = paint[r] if r < len(paint) else None
        if code is not None:
            cell = row[paint_column]
            cells[paint_column] = code + cell + _RESET + cells[paint_column][len(cell) :]
        lines.append(indent + "  ".join(cells))
    return [line.rstrip() for line in lines]


def render_table(
    statuses: Iterable[Status],
    *,
    names: Mapping[str, str] | None = None,
    color: bool = False,
    lang: str = "en",
) -> str:
    """A table per agency: obligation, period, deadline, state, days overdue, step, to whom.

    Args:
        statuses: the records.
        names: agency names by id, shown next to the id.
        color: colour the state column with ANSI escapes.
        lang: ``"zh"`` for Chinese headers and state names.
    """
    return "".join(iter_table(statuses, names=names, color=color, lang=lang))


def iter_table(
    statuses: Iterable[Status],
    *,
    names: Mapping[str, str] | None = None,
    color: bool = False,
    lang: str = "en",
) -> Iterator[str]:
    """:func:`render_table` in pieces: one agency's block at a time, then the summary.

    Only the agency being written and the overdue periods (for the closing list) are held.
    """
    zh = lang == "zh"
    headers = (
        ["义务", "期次", "截止日", "状态", "逾期天数", "升级", "接收机关", "报送"]
        if zh
        else ["obligation", "period", "due", "state", "overdue", "step", "recipients", "filings"]
    )
    totals = _Totals()
    for agency, members in groupby(statuses, key=lambda s: s.agency):
        group = list(members)
        rows = [
            [
                s.obligation,
                s.period,
                _due_cell(s.due, s.provisional_years),
                STATE_ZH[s.state] if zh else s.state.value,
                "" if s.days_overdue is None else str(s.days_overdue),
                "" if s.step is None else s.step.value,
                ",".join(s.recipients) or "-",
                ",".join(s.filings) or "-",
            ]
            for s in group
        ]
        paint = [_COLORS.get(s.state) for s in group] if color else []
        lines = _table(headers, rows, paint=paint, paint_column=3)
        name = (names or {}).get(agency)
        title = agency if not name or name == agency else f"{agency}  {name}"
        counts: dict[State, int] = {}
        for s in group:
            counts[s.state] = counts.get(s.state, 0) + 1
        summary = ", ".join(f"{STATE_ZH[k] if zh else k.value} {v}" for k, v in counts.items())
        title = escape_controls(title)
        yield ("\n\n" if totals.periods else "") + "\n".join([f"{title}  ({summary})", *lines])
        totals.add(agency, group)
    if not totals.periods:
        yield ("（无记录）" if zh else "(no periods)") + "\n"
        return
    yield "\n\n" + _summary(totals, names or {}, zh=zh) + "\n"
    note = provisional_note(totals.provisional, lang=lang)
    if note is not None:
        yield "\n" + note + "\n"


class _Totals:
    """What the closing summary of the table needs, gathered as the blocks are written."""

    def __init__(self) -> None:
        self.counts = {state: 0 for state in State}
        self.agencies: set[str] = set()
        self.periods = 0
        self.overdue: list[Status] = []
        self.provisional: set[int] = set()

    def add(self, agency: str, group: Sequence[Status]) -> None:
        self.agencies.add(agency)
        self.periods += len(group)
        for s in group:
            self.counts[s.state] += 1
            self.provisional.update(s.provisional_years)
            if s.state is State.OVERDUE:
                self.overdue.append(s)


def _summary(totals: _Totals, names: Mapping[str, str], *, zh: bool) -> str:
    """The closing lines: periods by state, then every overdue period and who still waits."""
    counts = totals.counts
    agencies = len(totals.agencies)
    shown = ", ".join(f"{STATE_ZH[k] if zh else k.value} {v}" for k, v in counts.items() if v)
    if zh:
        lines = [f"合计：{agencies} 个机关，{totals.periods} 期（{shown}）"]
    else:
        lines = [f"total: {agencies} agencies, {totals.periods} periods ({shown})"]
    overdue = totals.overdue
    if overdue:
        lines.append("逾期未报：" if zh else "overdue:")
        rows = []
        for s in sorted(overdue, key=lambda s: (-(s.days_overdue or 0), s.agency)):
            # Only the recipients still waiting: one that has its filing is owed nothing.
            owed = "、".join(names.get(r, r) for r in s.outstanding) or "-"
            rows.append(
                [
                    names.get(s.agency, s.agency),
                    s.obligation,
                    s.period,
                    (f"{s.days_overdue}日" if zh else f"{s.days_overdue} days"),
                    "" if s.step is None else (STEP_ZH[s.step] if zh else s.step.value),
                    owed,
                ]
            )
        headers = (
            ["机关", "义务", "期次", "逾期", "升级", "应报送"]
            if zh
            else ["agency", "obligation", "period", "overdue", "step", "owed to"]
        )
        lines.extend(_table(headers, rows))
    return "\n".join(lines)


def render_agenda_json(items: Iterable[AgendaItem]) -> str:
    """The agenda as one JSON array."""
    return "".join(iter_agenda_json(items))


def iter_agenda_json(items: Iterable[AgendaItem], *, ensure_ascii: bool = False) -> Iterator[str]:
    """:func:`render_agenda_json` in pieces, one item at a time (see :func:`iter_json`)."""
    return _json_array((i.to_json() for i in items), ensure_ascii)


def render_agenda_table(items: Sequence[AgendaItem], *, lang: str = "en") -> str:
    """The agenda as a table, by deadline."""
    return "".join(iter_agenda_table(items, lang=lang))


def iter_agenda_table(items: Sequence[AgendaItem], *, lang: str = "en") -> Iterator[str]:
    """:func:`render_agenda_table` in pieces: the agency, then one line per deadline."""
    zh = lang == "zh"
    if not items:
        yield ("（该期间无截止事项）" if zh else "(no deadlines in this range)") + "\n"
        return
    headers = (
        ["截止日", "预警自", "义务", "期次", "接收机关", "依据"]
        if zh
        else ["due", "warn from", "obligation", "period", "recipients", "source"]
    )
    rows = [
        [
            _due_cell(i.due, i.provisional_years),
            "" if i.warn_from is None else i.warn_from.isoformat(),
            i.obligation + (f' "{i.title}"' if i.title else ""),
            i.period,
            ",".join(i.recipients) or "-",
            i.source or "",
        ]
        for i in items
    ]
    yield escape_controls(items[0].agency) + "\n"
    for line in _table(headers, rows):
        yield line + "\n"
    note = provisional_note((y for i in items for y in i.provisional_years), lang=lang)
    if note is not None:
        yield "\n" + note + "\n"


# --------------------------------------------------------------------------- command line
#
# The ``check`` (with data), ``agenda`` and ``explain`` commands. ``xzjd.cli.commands`` builds the
# parser and calls these; they print results on stdout, warnings and errors on stderr, and
# return the exit status (0 ran, 1 ``--fail-on`` hit, 2 bad input).


def _iso_date(text: str) -> dt.date:
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
    group.add_argument("--on", type=_iso_date, metavar="DATE", help="evaluation date")
    group.add_argument(
        "--since",
        type=_iso_date,
        metavar="DATE",
        help="report only periods whose nominal deadline is on or after DATE",
    )
    group.add_argument(
        "--format", choices=("table", "json", "csv"), default="table", help="output format"
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
    add_provisional_option(group)
    group.add_argument(
        "--state",
        choices=[s.value for s in State],
        action="append",
        help="report only periods in this state (repeatable)",
    )


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
        help="coming deadlines of one agency",
        description="List the deadlines of one agency between two dates.",
    )
    agenda_p.add_argument("rules", metavar="RULES")
    agenda_p.add_argument("--agencies", required=True, metavar="FILE")
    agenda_p.add_argument("--agency", required=True, metavar="ID")
    agenda_p.add_argument("--from", dest="start", required=True, type=_iso_date, metavar="DATE")
    agenda_p.add_argument("--to", dest="end", required=True, type=_iso_date, metavar="DATE")
    agenda_p.add_argument(
        "--events",
        metavar="FILE",
        help="events file: also list the event-based periods of the agency",
    )
    agenda_p.add_argument("--format", choices=("table", "json", "ics"), default="table")
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
    explain_p.add_argument("--on", required=True, type=_iso_date, metavar="DATE")
    add_provisional_option(explain_p)
    explain_p.set_defaults(func=run_explain)


def progress_bar(stream: IO[str], clock: Callable[[], float] | None = None) -> ProgressBar | None:
    """A :class:`ProgressBar` on *stream* if it is a terminal; ``None`` (no output) otherwise.

    *clock* gives seconds (default :func:`time.monotonic`).
    """
    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()):
        return None
    return ProgressBar(stream, time.monotonic if clock is None else clock)


class ProgressBar:
    """A progress bar on a terminal's stderr, for evaluations that take more than a second.

    Made by :func:`progress_bar`, which never makes one for a file or a pipe. The bar appears
    once a second has passed, is redrawn at most ten times a second, and is erased by
    :meth:`close`.
    """

    def __init__(self, stream: IO[str], clock: Callable[[], float]) -> None:
        self.stream = stream
        self.clock = clock
        self.start = clock()
        self.drawn = 0.0
        self.width = 0

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if now - self.start < 1.0 or (now - self.drawn < 0.1 and done < total):
            return
        self.drawn = now
        filled = 30 * done // max(total, 1)
        text = f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}"
        self.width = len(text)
        self.stream.write(text)
        self.stream.flush()

    def close(self) -> None:
        """Erase the bar, if it was drawn."""
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0


def _load_rules(path: str, stderr: IO[str], lang: str) -> Ruleset:
    """Load and check a rules file, printing its warnings (errors raise)."""
    ruleset = load(path)
    _print_warnings(rule_warnings(ruleset), stderr, lang)
    return ruleset


def _print_warnings(warnings: Iterable[Diagnostic], stderr: IO[str], lang: str) -> None:
    for text in render_diagnostics(warnings, lang=lang):
        stderr.write(text + "\n")


def _guard(
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
        _print_warnings(exc.diagnostics, stderr, lang)
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


def _write(out: CheckedStream, pieces: Iterable[str], bar: ProgressBar | None) -> None:
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
    """``xzjd check RULES --agencies A --filings F [--events E] --on DATE ...``.

    The statuses are written as they are evaluated, one agency at a time, through a
    :class:`~xzjd.views.output.CheckedStream`; the warnings follow on *stderr* once all are known.
    """
    lang = lang or message_language()
    out = checked(stdout)

    def run() -> int:
        if args.agencies is None:
            raise UsageError(
                "the agencies file is required to evaluate (with --filings or --on)",
                code="argument/missing",
                argument="--agencies",
                hint="name the agencies file: --agencies FILE (CSV or JSON)",
                message_zh="评估须给出机关文件（与 --filings 或 --on 一起使用时）",
                hint_zh="请给出机关文件：--agencies 文件（CSV 或 JSON）",
            )
        if args.on is None:
            raise UsageError(
                "the evaluation date is required with --agencies",
                code="argument/missing",
                argument="--on",
                hint="give the evaluation date: --on YYYY-MM-DD",
                message_zh="给出 --agencies 时须给出评估日",
                hint_zh="请给出评估日：--on YYYY-MM-DD",
            )
        ruleset = _load_rules(args.rules, stderr, lang)
        if ruleset.effective is not None and args.on >= ruleset.effective:
            # The calendar must know the evaluation date: say so before reading the data.
            calendar_for(ruleset).is_working_day(args.on)
        registry = read_agencies(args.agencies)
        filings = read_filings(args.filings) if args.filings else ()
        events = read_events(args.events) if args.events else ()
        if args.agency is not None and args.agency not in registry:
            raise unknown_agency(args.agency, registry)
        bar = progress_bar(stderr)
        statuses = iter_evaluate(
            ruleset,
            registry,
            filings,
            on=args.on,
            events=events,
            since=args.since,
            agency=args.agency,
            progress=bar,
            provisional=args.provisional,
        )
        refused: tuple[Diagnostic, ...] = ()
        failing = {"overdue": {State.OVERDUE}, "warning": {State.OVERDUE, State.WARNING}}
        fail_states = failing[args.fail_on] if args.fail_on else set()
        failed = False

        def seen(stream: Iterable[Status]) -> Iterator[Status]:
            # --fail-on looks at every evaluated period, before the --state filter.
            nonlocal failed, refused
            try:
                for s in stream:
                    if s.state in fail_states:
                        failed = True
                    yield s
            except ProvisionalYearError as exc:
                # With --no-provisional the stream, once exhausted, names the records it
                # withheld: the calendar is short, the input is not bad, so the rest is
                # written whole and the refusals are reported after it.
                refused = exc.diagnostics

        shown: Iterable[Status] = seen(statuses)
        if args.state:
            wanted = set(args.state)
            shown = (s for s in shown if s.state.value in wanted)
        pieces: Iterable[str]
        if args.format == "json":
            pieces = iter_json(shown, ensure_ascii=not unicode_capable(out))
        elif args.format == "csv":
            pieces = iter_csv(shown, raw=getattr(args, "raw_csv", False))
        else:
            names = {a.id: a.name for a in registry}
            pieces = iter_table(shown, names=names, color=use_color(out), lang=lang)
        try:
            _write(out, pieces, bar)
        finally:
            if bar is not None:
                bar.close()
        _print_warnings(statuses.warnings, stderr, lang)
        _print_warnings(refused, stderr, lang)
        if refused:
            return 2
        return 1 if failed else 0

    return _guard(run, stderr, lang, out)


def run_agenda(
    args: argparse.Namespace, *, stdout: IO[str], stderr: IO[str], lang: str | None = None
) -> int:
    """``xzjd agenda RULES --agencies A --agency ID --from DATE --to DATE [--events E]``."""

    lang = lang or message_language()
    out = checked(stdout)

    def run() -> int:
        if args.end < args.start:
            raise UsageError(
                "--to is before --from",
                code="argument/bad-range",
                argument="--to",
                hint=f"give a --to on or after --from ({args.start})",
                message_zh="--to 早于 --from",
                hint_zh=f"--to 不得早于 --from（{args.start}）",
            )
        ruleset = _load_rules(args.rules, stderr, lang)
        registry = read_agencies(args.agencies)
        events = read_events(args.events) if args.events else None
        items, warnings = agenda(
            ruleset,
            registry,
            agency=args.agency,
            start=args.start,
            end=args.end,
            events=events,
            provisional=args.provisional,
        )
        _print_warnings(warnings, stderr, lang)
        refused = [] if args.provisional else [i for i in items if i.provisional_years]
        if refused:
            items = [i for i in items if not i.provisional_years]
            _print_warnings((agenda_refusal(ruleset, i) for i in refused), stderr, lang)
        if args.format == "json":
            _write(out, iter_agenda_json(items, ensure_ascii=not unicode_capable(out)), None)
        elif args.format == "ics":
            a = registry[args.agency]
            lines = iter_ics(items, stamp=args.start, name=a.name, event=args.ics_event)
            # iCalendar is UTF-8 (RFC 5545 section 3.1.4) whatever the console's encoding: the
            # bytes go to the binary stream under stdout when there is one.
            buffer = out.buffer
            if buffer is not None:
                out.flush()
                buffer.write_all(line.encode("utf-8") for line in lines)
                buffer.flush()
            else:
                _write(out, lines, None)
        else:
            _write(out, iter_agenda_table(items, lang=lang), None)
        return 2 if refused else 0

    return _guard(run, stderr, lang, out)


def run_explain(
    args: argparse.Namespace, *, stdout: IO[str], stderr: IO[str], lang: str | None = None
) -> int:
    """``xzjd explain RULES --agencies A --filings F --agency ID --obligation ID ...``."""
    lang = lang or message_language()
    out = checked(stdout)

    def run() -> int:
        ruleset = _load_rules(args.rules, stderr, lang)
        registry = read_agencies(args.agencies)
        filings = read_filings(args.filings) if args.filings else ()
        events = read_events(args.events) if args.events else ()
        text = explain(
            ruleset,
            registry,
            filings,
            agency=args.agency,
            obligation=args.obligation,
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

    return _guard(run, stderr, lang, out)
