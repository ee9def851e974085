# SPDX-License-Identifier: MIT
"""The ``xzjd`` command.

One function per subcommand (``cmd_check``, ``cmd_fmt``); :func:`main` parses the
arguments and dispatches. Exit status: 0 success, 1 ``fmt --check`` found a file to
reformat, 2 bad input (diagnostics on stderr), 74 the output could not be written completely
(a full disk, a failing file), 141 the reader of the output went away. No input, however
malformed, gives a traceback.

Every write to stdout goes through :class:`xzjd.views.output.CheckedStream`. While the command
runs, stdout and stderr write a character their encoding cannot hold as an escape
(``errors="backslashreplace"``) instead of failing: a console in Latin-1 or ASCII shows
``\u4e91`` for 云 (:func:`console_errors`). Only the command line does this, for the time
of the command; the library never changes the process's streams.

Messages are in Chinese when the locale asks for it (``LANG=zh_CN.UTF-8``), see
:func:`xzjd.errors.message_language`, or when the global option ``--lang zh`` (before the
command) says so; ``--lang en`` gives English whatever the locale. ``xzjd --version`` prints
the installed version.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib.metadata
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import NoReturn, TextIO, cast

from xzjd.cli import calendar_commands as calendar_commands
from xzjd.cli import case_command as case_command
from xzjd.cli import data_commands as data_commands
from xzjd.cli import report_command as report_command
from xzjd.cli import scenario_command as scenario_command
from xzjd.cli import stats_command as stats_command
from xzjd.errors import (
    OutputError,
    UsageError,
    XzjdError,
    message_language,
    render_diagnostics,
    render_error,
)
from xzjd.language import CheckedRuleset, load_checked, load_rulesets
from xzjd.language.loader import loads, read_text
from xzjd.language.printer import to_text
from xzjd.messages import explained
from xzjd.model import Ruleset
from xzjd.text.escape import escape_controls
from xzjd.views.output import EXIT_OUTPUT, CheckedStream, checked, unicode_capable

__all__ = [
    "build_parser",
    "cmd_check",
    "cmd_fmt",
    "console_errors",
    "detect_language",
    "load_rules",
    "main",
]

EXIT_OK = 0
EXIT_REFORMAT = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3
EXIT_PIPE = 141


def report_error(exc: XzjdError, *, stderr: TextIO, lang: str) -> None:
    """Print an error on *stderr*: its diagnostics, or its code, argument and hint."""
    print(render_error(exc, lang=lang), file=stderr)


#: argparse's messages (Python 3.11 to 3.13) and those of xzjd's argument types, in Chinese:
#: a pattern over the English, and the Chinese with its groups.
_ARGPARSE_ZH = (
    (r"the following arguments are required: (.*)", "缺少必需的参数：{0}"),
    (r"one of the arguments (.*) is required", "须给出参数 {0} 之一"),
    (r"not allowed with argument (.*)", "不能与参数 {0} 同时使用"),
    (r"invalid choice: (.*?) \(choose from (.*)\)", "无效的取值 {0}（可选：{1}）"),
    (r"unrecognized arguments: (.*)", "无法识别的参数：{0}"),
    (r"ambiguous option: (\S+) could match (.*)", "有歧义的选项 {0}，可能是 {1}"),
    (r"expected one argument", "需要一个参数值"),
    (r"expected at least one argument", "至少需要一个参数值"),
    (r"ignored explicit argument (.*)", "多余的参数值 {0}"),
    (r"invalid (\w+) value: (.*)", "无效的值 {1}"),
    (r"(.*) is not a year \(write YYYY, e\.g\. 2027\)", "{0} 不是年份（请写四位数年份，如 2027）"),
    (r"(.*) is not a date", "{0} 不是日期"),
)


def argparse_zh(message: str) -> str:
    """An argparse error message in Chinese (the English one when it is not known)."""
    for pattern, zh in _ARGPARSE_ZH:
        found = re.fullmatch(pattern, message, re.DOTALL)
        if found:
            return zh.format(*found.groups())
    return message


class ArgumentParser(argparse.ArgumentParser):
    """argparse, with its errors raised as :class:`~xzjd.errors.UsageError` (a code, the
    argument, a hint) instead of printed and exited on."""

    def error(self, message: str) -> NoReturn:
        argument = None
        found = re.match(r"argument ([^:]+): (.*)", message, re.DOTALL)
        if found:
            argument, message = found.group(1), found.group(2)
        # The message quotes what was typed, which may hold line breaks or escapes.
        message = escape_controls(message)
        # argparse's own words (and those of the argument types) are the detail.
        if "is not a year" in message:
            key = "argument/bad-year"
        elif message.endswith(" is not a date"):
            key = "argument/bad-date"
        elif message.startswith("the following arguments are required"):
            key = "argument/missing#argparse"
        elif message.startswith("invalid choice"):
            key = "argument/invalid-choice"
        elif message.startswith(("unrecognized arguments", "ambiguous option")):
            key = "argument/unknown"
        else:
            key = "argument/invalid"
        error = explained(
            UsageError,
            key,
            argument=argument,
            detail=message,
            detail_zh=argparse_zh(message),
            typed=message.removesuffix(" is not a date"),
            prog=self.prog,
        )
        error.usage = self.format_usage()
        raise error


def load_rules(path: str, *, stderr: TextIO, lang: str) -> CheckedRuleset | None:
    """Load and check a rules file (once), printing its warnings; on error print the
    diagnostics and return ``None``.

    This is the rules-only part of ``xzjd check``, shared with the subcommands that go
    on to evaluate the rules.
    """
    try:
        rules = load_checked(path)
    except XzjdError as exc:
        report_error(exc, stderr=stderr, lang=lang)
        return None
    for text in render_diagnostics(rules.warnings, lang=lang):
        print(text, file=stderr)
    return rules


def summary(path: str, ruleset: Ruleset, lang: str) -> str:
    """The one-line verdict of a valid rules file."""
    n = len(ruleset.obligations)
    if lang == "zh":
        return f"{path}：通过，{n} 项义务"
    return f"{path}: ok, {n} obligation{'s' if n != 1 else ''}"


def cmd_check(args: argparse.Namespace, *, stdout: TextIO, stderr: TextIO, lang: str) -> int:
    """``xzjd check RULES...``: parse and check rules files, folders of them and the files
    they include (and evaluate them, given data)."""
    if args.agencies is not None or args.filings is not None or args.on is not None:
        return data_commands.run_check(args, stdout=stdout, stderr=stderr, lang=lang)
    try:
        rulesets = load_rulesets(data_commands.rules_paths(args))
    except XzjdError as exc:
        report_error(exc, stderr=stderr, lang=lang)
        return EXIT_BAD_INPUT
    for text in render_diagnostics(rulesets.warnings, lang=lang):
        print(text, file=stderr)
    for rules in rulesets:
        print(summary(rules.ruleset.file, rules.ruleset, lang), file=stdout)
    return EXIT_OK


_CJK_START = re.compile(r"^\s*[\u2e80-\u9fff\uf900-\ufaff]", re.MULTILINE)
_ASCII_START = re.compile(r"^\s*[A-Za-z]", re.MULTILINE)


def detect_language(text: str) -> str:
    """``"zh"`` when more lines start with a Chinese word than with an English one."""
    return "zh" if len(_CJK_START.findall(text)) > len(_ASCII_START.findall(text)) else "en"


def cmd_fmt(args: argparse.Namespace, *, stdout: TextIO, stderr: TextIO, lang: str) -> int:
    """``xzjd fmt FILE``: print the canonical text (or check it, or rewrite the file)."""
    try:
        text = read_text(args.file)
        ruleset = loads(text, file=args.file)
        target = args.lang or detect_language(text)
        canonical = to_text(ruleset, target)
    except XzjdError as exc:
        report_error(exc, stderr=stderr, lang=lang)
        return EXIT_BAD_INPUT
    except ValueError as exc:  # a ruleset no rules file can express (format.to_text)
        hint = "change the text quoted in the message so that it can be written back"
        print(f"{escape_controls(args.file)}: error[fmt/cannot-print]: {exc}", file=stderr)
        print(("提示: 请修改消息中引用的文本" if lang == "zh" else "hint: " + hint), file=stderr)
        return EXIT_BAD_INPUT
    current = text.lstrip("\ufeff").replace("\r\n", "\n")
    if args.check:
        if current == canonical:
            return EXIT_OK
        shown = escape_controls(args.file)
        message = f"{shown}：格式需调整" if lang == "zh" else f"would reformat {shown}"
        print(message, file=stderr)
        return EXIT_REFORMAT
    if args.in_place:
        if re.search(r"(^|\s)#", current):
            note = (
                f"{escape_controls(args.file)}：注释不保留在规范文本中"
                if lang == "zh"
                else f"{escape_controls(args.file)}: comments are not kept in the canonical text"
            )
            print(note, file=stderr)
        if current != canonical:
            try:
                with open(args.file, "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(canonical)
            except OSError as exc:
                reason = exc.strerror or type(exc).__name__
                shown = escape_controls(args.file)
                what = "无法写入" if lang == "zh" else "cannot write"
                print(f"{shown}: error[file/unwritable]: {what}: {reason}", file=stderr)
                hint = "提示: 请检查文件及其目录是否可写" if lang == "zh" else "hint: check that "
                print(
                    hint + ("" if lang == "zh" else "the file and its folder are writable"),
                    file=stderr,
                )
                return EXIT_BAD_INPUT
        return EXIT_OK
    stdout.write(canonical)
    return EXIT_OK


def version_text() -> str:
    """``xzjd X.Y.Z``: the version of the installed distribution."""
    try:
        version = importlib.metadata.version("xzjd")
    except importlib.metadata.PackageNotFoundError:  # run from a source tree, not installed
        version = "unknown"
    return f"xzjd {version}"


#: The languages of the messages, for the global ``--lang``.
MESSAGE_LANGUAGES = ("en", "zh")


def requested_language(argv: Sequence[str]) -> str | None:
    """The language asked for by a global ``--lang`` (before the command), if any.

    Read before the arguments are parsed, so that an error in the arguments themselves is
    reported in that language. A subcommand's own ``--lang`` (``fmt --lang``, the output's
    language) comes after the command and is not this one.
    """
    args = list(argv)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg.removeprefix("--lang=")
        elif not arg.startswith("-"):
            if i > 0 and args[i - 1] == "--lang":
                continue
            break  # the command: what follows is its own
        if value in MESSAGE_LANGUAGES:
            return value
    return None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = ArgumentParser(
        prog="xzjd",
        description="Dated duties of Chinese administrative regulations as code (行政监督).",
    )
    parser.add_argument("--version", action="version", version=version_text())
    parser.add_argument(
        "--lang",
        dest="message_lang",
        choices=MESSAGE_LANGUAGES,
        help="language of the messages (default: the locale, LC_ALL, LC_MESSAGES or LANG)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser(
        "check",
        help="check rules files (and evaluate them)",
        description="Check rules files; with --agencies, evaluate them together.",
    )
    check.add_argument(
        "rules",
        metavar="RULES",
        nargs="+",
        help="rules files (*.xzjd), or folders of them (every *.xzjd but *.test.xzjd)",
    )
    data_commands.add_data_options(check)
    check.set_defaults(func=cmd_check)

    fmt = sub.add_parser(
        "fmt",
        help="print a rules file in canonical form",
        description=(
            "Print the canonical text of a rules file on stdout, in English or Chinese "
            "(default: the language most of its lines start in). Comments are not kept."
        ),
    )
    fmt.add_argument("file", metavar="FILE", help="the rules file (*.xzjd)")
    fmt.add_argument("--lang", choices=("en", "zh"), help="language of the output")
    mode = fmt.add_mutually_exclusive_group()
    mode.add_argument(
        "--check",
        action="store_true",
        help="print nothing; exit 1 if the file is not already canonical",
    )
    mode.add_argument(
        "-i", "--in-place", action="store_true", help="rewrite the file instead of printing"
    )
    fmt.set_defaults(func=cmd_fmt)
    data_commands.add_commands(sub)
    case_command.add_cases_command(sub)
    stats_command.add_stats_command(sub)
    report_command.add_report_command(sub)
    scenario_command.add_test_command(sub)
    calendar_commands.add_commands(sub)
    return parser


@contextlib.contextmanager
def console_errors() -> Iterator[None]:
    """While the block runs, ``sys.stdout`` and ``sys.stderr`` escape what they cannot encode.

    A stream whose error handler would raise on a character its encoding lacks (``strict``,
    or ``surrogateescape`` on an encoding that is not Unicode) is reconfigured with
    ``errors="backslashreplace"``, and given back its handler afterwards. Streams that
    cannot be reconfigured are left alone.
    """
    changed: list[tuple[Callable[..., object], str]] = []
    for stream in (sys.stdout, sys.stderr):
        errors = getattr(stream, "errors", None)
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None or not isinstance(errors, str):
            continue
        if errors == "strict" or (errors == "surrogateescape" and not unicode_capable(stream)):
            with contextlib.suppress(OSError, ValueError):
                reconfigure(errors="backslashreplace")
                changed.append((reconfigure, errors))
    try:
        yield
    finally:
        for reconfigure, errors in changed:
            with contextlib.suppress(OSError, ValueError):
                reconfigure(errors=errors)


def _detach_stdout() -> None:
    """Point the process's stdout at /dev/null after the output failed or its reader left.

    The interpreter flushes stdout once more when it exits; with the reader gone or the disk
    full that flush would fail again, print a complaint and change the exit status. Only the
    process's own stdout is touched, never a stream put in its place.
    """
    stream = sys.stdout
    if stream is not sys.__stdout__ or stream is None:
        return
    with contextlib.suppress(OSError, ValueError):
        fd = stream.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)


@contextlib.contextmanager
def paused_collector() -> Iterator[None]:
    """Pause the cyclic garbage collector for the time of one command.

    A command reads, evaluates and writes hundreds of thousands of small objects and creates
    no reference cycles; with the collector running, its full passes walk every object of the
    process again and again (55% more time for an evaluation, docs/performance.md). The
    library never touches the collector (it is process-wide state, the caller's to set); the
    command line, which owns its process, pauses it while a command runs and turns it back
    on afterwards (if it was on), even on error.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``xzjd`` command; return the exit status."""
    with console_errors():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    stdout, stderr = checked(sys.stdout), sys.stderr
    lang = requested_language(sys.argv[1:] if argv is None else argv) or message_language()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    except UsageError as exc:
        if exc.usage:
            print(exc.usage.rstrip("\n"), file=stderr)
        report_error(exc, stderr=stderr, lang=lang)
        return EXIT_BAD_INPUT
    with paused_collector():
        status = _dispatch(args, stdout, stderr, lang)
    if status not in (EXIT_OUTPUT, EXIT_PIPE):
        # Whatever the status, what was written must reach the file, or the run says so.
        try:
            stdout.flush()
        except OutputError as exc:
            status = _output_failed(exc, stderr, lang)
        except BrokenPipeError:
            status = EXIT_PIPE
    if status in (EXIT_OUTPUT, EXIT_PIPE):
        # Point stdout at /dev/null so the interpreter's final flush does not fail again.
        _detach_stdout()
    return status


def _output_failed(exc: OutputError, stderr: TextIO, lang: str) -> int:
    with contextlib.suppress(OSError):
        report_error(exc, stderr=stderr, lang=lang)
    return EXIT_OUTPUT


def _dispatch(args: argparse.Namespace, stdout: CheckedStream, stderr: TextIO, lang: str) -> int:
    """Run the subcommand; turn what it raises into an exit status and a message."""
    try:
        status: int = args.func(args, stdout=cast(TextIO, stdout), stderr=stderr, lang=lang)
    except OutputError as exc:
        return _output_failed(exc, stderr, lang)
    except XzjdError as exc:
        report_error(exc, stderr=stderr, lang=lang)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``xzjd check ... | head``): stop quietly.
        return EXIT_PIPE
    except Exception as exc:  # the last line of defence: never a traceback
        print(f"xzjd: internal error: {type(exc).__name__}: {exc}", file=stderr)
        if os.environ.get("XZJD_DEBUG"):
            raise
        return EXIT_INTERNAL
    return status
