# SPDX-License-Identifier: MIT
"""``xzjd test``: run the scenarios of files and directories, print verdicts and coverage.

The command line of :mod:`xzjd.scenarios`: the arguments, the verdict of each scenario on
stdout and the diagnostics on stderr, the closing ``N passed, M failed`` line and the exit
status (0 all passed, 1 a scenario failed or coverage is too low, 2 bad input, 5 nothing was
collected).
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from xzjd.errors import ExplainedError, SourceError, XzjdError, render_error
from xzjd.messages import texts
from xzjd.model import Scenario
from xzjd.scenarios import (
    Loader,
    ScenarioResult,
    coverage,
    discover,
    load_test_file,
    render_result,
    render_scenario_error,
    run_file,
)
from xzjd.text.escape import escape_controls

__all__ = ["EXIT_NONE_COLLECTED", "add_test_command", "cmd_test"]


def add_test_command(sub: Any) -> None:
    """Add ``xzjd test`` to the CLI's subparsers."""
    p = sub.add_parser(
        "test",
        help="run scenario tests",
        description=(
            "Run the scenarios of *.test.xzjd files and of rules files with scenario blocks. "
            "Exit 0 when all pass, 1 when one fails, 2 for bad input."
        ),
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or directories")
    p.add_argument("--filter", metavar="SUBSTRING", help="run only scenarios whose title has it")
    p.add_argument("--explain", action="store_true", help="explain every expectation")
    p.add_argument("--coverage", action="store_true", help="report coverage of the rules")
    p.add_argument(
        "--min-coverage",
        type=float,
        metavar="N",
        help="fail (exit 1) when coverage is below N percent (implies --coverage)",
    )
    p.add_argument(
        "--no-provisional",
        dest="provisional",
        action="store_false",
        help="a scenario that needs a calendar year without a State Council notice cannot run",
    )
    p.set_defaults(func=cmd_test)


#: The exit status of ``xzjd test`` when no scenario was collected (as pytest's).
EXIT_NONE_COLLECTED = 5


def _none_collected(where: str, key: str, lang: str, **fields: Any) -> str:
    """The message of a run that collected nothing (``test/none-collected#...``), in English
    or Chinese."""
    words = texts(key, **fields)
    zh = lang == "zh"
    text, hint_text = (words.message_zh, words.hint_zh) if zh else (words.message, words.hint)
    label = "提示" if zh else "hint"
    where = escape_controls(where)
    return f"{where}: error[test/none-collected]: {text}\n{label}: {hint_text}"


def cmd_test(args: argparse.Namespace, *, stdout: TextIO, stderr: TextIO, lang: str) -> int:
    """``xzjd test PATH... [--filter S] [--explain] [--coverage] [--min-coverage N]``.

    Exit status: 0 all passed, 1 a scenario failed (or coverage is too low), 2 bad input,
    5 nothing was collected (no scenario file, or no scenario in them or left by --filter).
    """
    files = discover(args.paths)
    loader = Loader()
    bad = False
    results: list[ScenarioResult] = []
    if not files:
        where = ", ".join(str(p) for p in args.paths)
        print(_none_collected(where, "test/none-collected#no-files", lang), file=stderr)
        print("0 passed, 0 failed", file=stdout)
        return EXIT_NONE_COLLECTED
    for name in files:
        errors: list[tuple[Scenario, XzjdError]] = []
        try:
            test = load_test_file(name, loader=loader)
            file_results = run_file(
                test,
                filter=args.filter,
                always_explain=args.explain,
                lang=lang,
                provisional=args.provisional,
                errors=errors,
            )
        except SourceError as exc:
            print(exc.render(lang=lang), file=stderr)
            bad = True
            continue
        except XzjdError as exc:
            text = render_error(exc, lang=lang)
            if not (isinstance(exc, ExplainedError) and exc.file is not None):
                text = f"{escape_controls(name)}: {text}"  # the test file is where it went wrong
            print(text, file=stderr)
            bad = True
            continue
        for r in file_results:
            print(render_result(r, explain=args.explain, lang=lang), file=stdout)
        for scenario, error in errors:
            print(render_scenario_error(test, scenario, error, lang=lang), file=stderr)
            bad = True
        results.extend(file_results)
    passed = sum(1 for r in results if r.passed)
    failed = len(results) - passed
    low = False
    if args.coverage or args.min_coverage is not None:
        for c in coverage(results):
            print(c.render(), file=stdout)
            if args.min_coverage is not None and c.percent < args.min_coverage:
                low = True
                print(
                    f"coverage {c.percent:.1f}% of {c.rules} is below {args.min_coverage:g}%",
                    file=stdout,
                )
    print(f"{passed} passed, {failed} failed", file=stdout)
    if bad:
        return 2
    if not results:
        key = "test/none-collected#filter" if args.filter else "test/none-collected#no-scenarios"
        where = ", ".join(files)
        print(_none_collected(where, key, lang, filter=args.filter), file=stderr)
        return EXIT_NONE_COLLECTED
    return 1 if failed or low else 0
