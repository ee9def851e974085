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


_WHAT_IS_COLLECTED = (
    "scenario files are *.test.xzjd files and rules files with scenario blocks",
    "场景文件为 *.test.xzjd 文件，或含“场景”块的规则文件",
)


def _none_collected(where: str, message: tuple[str, str], hint: tuple[str, str], lang: str) -> str:
    """The message of a run that collected nothing, in English or Chinese."""
    zh = lang == "zh"
    text, hint_text = (message[1], hint[1]) if zh else (message[0], hint[0])
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
        message = (
            "no scenario files found: nothing was collected",
            "未找到场景文件：没有可运行的场景",
        )
        print(_none_collected(where, message, _WHAT_IS_COLLECTED, lang), file=stderr)
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
        if args.filter:
            message = (
                f"no scenario title contains {args.filter!r}: nothing was collected",
                f"没有标题包含 {args.filter!r} 的场景：没有可运行的场景",
            )
            hint = (
                "check the --filter text (it is matched against titles)",
                "请检查 --filter 的文本",
            )
        else:
            message = (
                "no scenario in these files: nothing was collected",
                "这些文件中没有场景：没有可运行的场景",
            )
            hint = _WHAT_IS_COLLECTED
        print(_none_collected(", ".join(files), message, hint, lang), file=stderr)
        return EXIT_NONE_COLLECTED
    return 1 if failed or low else 0
