# SPDX-License-Identifier: MIT
"""Output of evaluation results: a table for people, JSON and CSV for programs.

The JSON of :func:`render_json` is the contract of language.md section 6: one array, sorted by
agency, obligation and deadline, of objects with exactly the keys
``agency, obligation, period, opens, nominal_due, due, state, days_overdue, step, recipients,
filings, source`` in that order. The table groups rows by agency and colours states (green
pending, yellow warning, red overdue) only when asked to; the CLI asks when stdout is a
terminal and ``NO_COLOR`` is not set (https://no-color.org).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import IO, Any

from xzjd.agencies import read_agencies
from xzjd.agenda import AgendaItem, agenda
from xzjd.errors import (
    Diagnostic,
    EvaluationError,
    SourceError,
    XzjdError,
    display_width,
    message_language,
    render_diagnostics,
)
from xzjd.evaluate import STATE_ZH, State, Status, evaluate
from xzjd.facts import read_events, read_filings
from xzjd.format import STEP_ZH
from xzjd.model import Ruleset
from xzjd.why import explain

__all__ = [
    "JSON_KEYS",
    "add_commands",
    "add_data_options",
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

_COLORS = {
    State.PENDING: "\x1b[32m",
    State.WARNING: "\x1b[33m",
    State.OVERDUE: "\x1b[31m",
}
_RESET = "\x1b[0m"


def use_color(stream: IO[str], env: Mapping[str, str] | None = None) -> bool:
    """Whether to colour output to *stream*: a terminal, and ``NO_COLOR`` not set."""
    env = os.environ if env is None else env
    if env.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def render_json(statuses: Iterable[Status]) -> str:
    """One JSON array of the records, in the order given (``evaluate`` sorts them)."""
    return json.dumps([s.to_json() for s in statuses], ensure_ascii=False, indent=2) + "\n"


def render_csv(statuses: Iterable[Status]) -> str:
    """CSV with the JSON keys as header; lists joined by ``;``, null as empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(JSON_KEYS)
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
        writer.writerow(row)
    return out.getvalue()


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    indent: str = "  ",
    paint: Sequence[str | None] = (),
    paint_column: int = -1,
) -> list[str]:
    """Aligned columns; ``paint[i]`` (an ANSI code) colours row i's ``paint_column`` cell."""
    widths = [display_width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], display_width(cell))
    lines = [indent + "  ".join(_pad(h, w) for h, w in zip(headers, widths, strict=True))]
    for r, row in enumerate(rows):
        cells = [_pad(c, w) for c, w in zip(row, widths, strict=True)]
        code = paint[r] if r < len(paint) else None
        if code is not None:
            cell = row[paint_column]
            cells[paint_column] = code + cell + _RESET + cells[paint_column][len(cell) :]
        lines.append(indent + "  ".join(cells))
    return [line.rstrip() for line in lines]


def render_table(
    statuses: Sequence[Status],
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
    zh = lang == "zh"
    headers = (
        ["义务", "期次", "截止日", "状态", "逾期天数", "升级", "接收机关", "报送"]
        if zh
        else ["obligation", "period", "due", "state", "overdue", "step", "recipients", "filings"]
    )
    if not statuses:
        return ("（无记录）" if zh else "(no periods)") + "\n"
    blocks: list[str] = []
    start = 0
    while start < len(statuses):
        agency = statuses[start].agency
        end = start
        while end < len(statuses) and statuses[end].agency == agency:
            end += 1
        group = statuses[start:end]
        rows = [
            [
                s.obligation,
                s.period,
                s.due.isoformat(),
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
        blocks.append("\n".join([f"{title}  ({summary})", *lines]))
        start = end
    blocks.append(_summary(statuses, names or {}, zh=zh))
    return "\n\n".join(blocks) + "\n"


def _summary(statuses: Sequence[Status], names: Mapping[str, str], *, zh: bool) -> str:
    """The closing lines: periods by state, then every overdue period and who still waits."""
    counts = {state: 0 for state in State}
    for s in statuses:
        counts[s.state] += 1
    agencies = len({s.agency for s in statuses})
    shown = ", ".join(f"{STATE_ZH[k] if zh else k.value} {v}" for k, v in counts.items() if v)
    if zh:
        lines = [f"合计：{agencies} 个机关，{len(statuses)} 期（{shown}）"]
    else:
        lines = [f"total: {agencies} agencies, {len(statuses)} periods ({shown})"]
    overdue = [s for s in statuses if s.state is State.OVERDUE]
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
    return json.dumps([i.to_json() for i in items], ensure_ascii=False, indent=2) + "\n"


def render_agenda_table(items: Sequence[AgendaItem], *, lang: str = "en") -> str:
    """The agenda as a table, by deadline."""
    zh = lang == "zh"
    if not items:
        return ("（该期间无截止事项）" if zh else "(no deadlines in this range)") + "\n"
    headers = (
        ["截止日", "预警自", "义务", "期次", "接收机关", "依据"]
        if zh
        else ["due", "warn from", "obligation", "period", "recipients", "source"]
    )
    rows = [
        [
            i.due.isoformat(),
            "" if i.warn_from is None else i.warn_from.isoformat(),
            i.obligation + (f' "{i.title}"' if i.title else ""),
            i.period,
            ",".join(i.recipients) or "-",
            i.source or "",
        ]
        for i in items
    ]
    return "\n".join([items[0].agency, *_table(headers, rows)]) + "\n"


# --------------------------------------------------------------------------- command line
#
# The ``check`` (with data), ``agenda`` and ``explain`` commands. ``xzjd.cli`` builds the
# parser and calls these; they print results on stdout, warnings and errors on stderr, and
# return the exit status (0 ran, 1 ``--fail-on`` hit, 2 bad input).


def _iso_date(text: str) -> dt.date:
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"{text!r} is not a date (write YYYY-MM-DD)")


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
    group.add_argument("--agency", metavar="ID", help="report only this agency")
    group.add_argument(
        "--state",
        choices=[s.value for s in State],
        action="append",
        help="report only periods in this state (repeatable)",
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
    from xzjd.check import warnings
    from xzjd.language import load

    ruleset = load(path)
    _print_warnings(warnings(ruleset), stderr, lang)
    return ruleset


def _print_warnings(warnings: Iterable[Diagnostic], stderr: IO[str], lang: str) -> None:
    for text in render_diagnostics(warnings, lang=lang):
        stderr.write(text + "\n")


def _guard(run: Callable[[], int], stderr: IO[str], lang: str) -> int:
    """Run a command; bad input becomes diagnostics on stderr and exit status 2."""
    try:
        return run()
    except SourceError as exc:
        stderr.write(exc.render(lang=lang) + "\n")
        return 2
    except XzjdError as exc:
        stderr.write(("错误: " if lang == "zh" else "error: ") + str(exc) + "\n")
        return 2


def run_check(
    args: argparse.Namespace, *, stdout: IO[str], stderr: IO[str], lang: str | None = None
) -> int:
    """``xzjd check RULES --agencies A --filings F [--events E] --on DATE ...``."""
    lang = lang or message_language()

    def run() -> int:
        if args.agencies is None:
            raise EvaluationError("--agencies FILE is required to evaluate (with --filings/--on)")
        if args.on is None:
            raise EvaluationError("--on DATE is required with --agencies")
        ruleset = _load_rules(args.rules, stderr, lang)
        registry = read_agencies(args.agencies)
        filings = read_filings(args.filings) if args.filings else ()
        events = read_events(args.events) if args.events else ()
        if args.agency is not None and args.agency not in registry:
            raise EvaluationError(f"unknown agency {args.agency!r}")
        bar = progress_bar(stderr)
        statuses = evaluate(
            ruleset,
            registry,
            filings,
            on=args.on,
            events=events,
            since=args.since,
            agency=args.agency,
            progress=bar,
        )
        if bar is not None:
            bar.close()
        _print_warnings(statuses.warnings, stderr, lang)
        shown: Sequence[Status] = statuses
        if args.state:
            wanted = set(args.state)
            shown = [s for s in statuses if s.state.value in wanted]
        if args.format == "json":
            stdout.write(render_json(shown))
        elif args.format == "csv":
            stdout.write(render_csv(shown))
        else:
            names = {a.id: a.name for a in registry}
            stdout.write(render_table(shown, names=names, color=use_color(stdout), lang=lang))
        failing = {"overdue": {State.OVERDUE}, "warning": {State.OVERDUE, State.WARNING}}
        if args.fail_on and any(s.state in failing[args.fail_on] for s in statuses):
            return 1
        return 0

    return _guard(run, stderr, lang)


def run_agenda(
    args: argparse.Namespace, *, stdout: IO[str], stderr: IO[str], lang: str | None = None
) -> int:
    """``xzjd agenda RULES --agencies A --agency ID --from DATE --to DATE [--events E]``."""
    from xzjd.ics import render_ics

    lang = lang or message_language()

    def run() -> int:
        if args.end < args.start:
            raise EvaluationError("--to is before --from")
        ruleset = _load_rules(args.rules, stderr, lang)
        registry = read_agencies(args.agencies)
        events = read_events(args.events) if args.events else None
        items, warnings = agenda(
            ruleset, registry, agency=args.agency, start=args.start, end=args.end, events=events
        )
        _print_warnings(warnings, stderr, lang)
        if args.format == "json":
            stdout.write(render_agenda_json(items))
        elif args.format == "ics":
            a = registry[args.agency]
            text = render_ics(items, stamp=args.start, name=a.name, event=args.ics_event)
            buffer = getattr(stdout, "buffer", None)
            if buffer is not None:
                stdout.flush()
                buffer.write(text.encode("utf-8"))
                buffer.flush()
            else:
                stdout.write(text)
        else:
            stdout.write(render_agenda_table(items, lang=lang))
        return 0

    return _guard(run, stderr, lang)


def run_explain(
    args: argparse.Namespace, *, stdout: IO[str], stderr: IO[str], lang: str | None = None
) -> int:
    """``xzjd explain RULES --agencies A --filings F --agency ID --obligation ID ...``."""
    lang = lang or message_language()

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
        )
        stdout.write(text + "\n")
        return 0

    return _guard(run, stderr, lang)
