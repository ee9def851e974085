# SPDX-License-Identifier: MIT
"""The examples of docs/*.md run as written.

Conventions (also described in docs/testing.md):

* A fenced block opened with ```` ```console ```` holds one or more commands, each on a line
  starting with ``$ xzjd``, a trailing ``\\`` continuing it on the next line; the lines up to
  the next ``$`` line are exactly what the command prints on stdout, run from the repository
  root with ``LANG=C.UTF-8`` (stderr is not compared). The command must exit 0, or 1 when it
  says ``--fail-on``.
* A fenced block opened with ```` ```python ```` is executed from the repository root; any
  ``test_*`` function it defines is then called. A block that is a sketch (it needs files that
  are not in the repository, or names defined elsewhere) is opened with
  ```` ```python no-run ```` instead and is only compiled.
* Other blocks (```` ``` ````, ```` ```text ````, ```` ```toml ````...) are not run.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from xzjd.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted((ROOT / "docs").glob("*.md"))


class Block(NamedTuple):
    """A fenced block of a Markdown file."""

    path: Path
    line: int  # 1-based line of the opening fence
    info: str
    body: str


class ConsoleExample(NamedTuple):
    """One command of a console block and the stdout it shows."""

    where: str
    command: str
    expected: str


def fenced_blocks(path: Path) -> Iterator[Block]:
    """The fenced blocks of *path*, in order (fences of three backticks at line start)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    i = 0
    while i < len(lines):
        match = re.fullmatch(r"```(.*)\n?", lines[i])
        if match is None:
            i += 1
            continue
        end = i + 1
        while end < len(lines) and lines[end].rstrip("\n") != "```":
            end += 1
        yield Block(path, i + 1, match.group(1).strip(), "".join(lines[i + 1 : end]))
        i = end + 1


def console_examples(block: Block) -> Iterator[ConsoleExample]:
    """Split a console block into commands (``$`` lines, ``\\`` continued) and outputs."""
    lines = block.body.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        if not lines[i].startswith("$ "):
            raise AssertionError(
                f"{block.path.name}:{block.line + 1 + i}: console output before any `$` line"
            )
        start = i
        parts = [lines[i][2:].rstrip("\n")]
        while parts[-1].endswith("\\"):
            parts[-1] = parts[-1][:-1].rstrip()
            i += 1
            parts.append(lines[i].strip())
        i += 1
        output_start = i
        while i < len(lines) and not lines[i].startswith("$ "):
            i += 1
        yield ConsoleExample(
            f"{block.path.name}:{block.line + 1 + start}",
            " ".join(parts),
            "".join(lines[output_start:i]),
        )


def _all_blocks() -> list[Block]:
    return [block for path in DOCS for block in fenced_blocks(path)]


def _console_cases() -> list[Any]:
    return [
        pytest.param(example, id=example.where)
        for block in _all_blocks()
        if block.info == "console"
        for example in console_examples(block)
    ]


def _python_cases(*, run: bool) -> list[Any]:
    info = "python" if run else "python no-run"
    return [
        pytest.param(block, id=f"{block.path.name}:{block.line}")
        for block in _all_blocks()
        if block.info == info
    ]


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository root in the C.UTF-8 locale."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("LANG", "C.UTF-8")
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)


class TestBlockSplitting:
    def test_console_block_with_continuations(self, tmp_path: Path) -> None:
        """A console block splits into commands (continued with a backslash) and outputs."""
        doc = tmp_path / "d.md"
        doc.write_text(
            "text\n```console\n$ xzjd check a \\\n    --on 2010-01-01\nout 1\n\n"
            "$ xzjd check b\nout 2\n```\n",
            encoding="utf-8",
        )
        (block,) = fenced_blocks(doc)
        assert (block.line, block.info) == (2, "console")
        assert list(console_examples(block)) == [
            ConsoleExample("d.md:3", "xzjd check a --on 2010-01-01", "out 1\n\n"),
            ConsoleExample("d.md:7", "xzjd check b", "out 2\n"),
        ]

    def test_output_before_a_command_is_an_error(self, tmp_path: Path) -> None:
        """A console block that does not start with a `$` line is a mistake in the docs."""
        doc = tmp_path / "d.md"
        doc.write_text("```console\nout\n```\n", encoding="utf-8")
        (block,) = fenced_blocks(doc)
        with pytest.raises(AssertionError, match=r"d\.md:2"):
            list(console_examples(block))

    def test_the_docs_have_examples(self) -> None:
        """The docs hold console examples and runnable Python blocks."""
        assert len(_console_cases()) >= 5
        assert len(_python_cases(run=True)) >= 3


class TestConsoleExamples:
    @pytest.mark.parametrize("example", _console_cases())
    @pytest.mark.usefixtures("at_root")
    def test_prints_what_the_docs_show(
        self, example: ConsoleExample, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The command prints exactly the block's output on stdout."""
        argv = shlex.split(example.command)
        assert argv[0] == "xzjd", example.where
        code = main(argv[1:])
        out, err = capsys.readouterr()
        assert code == (1 if "--fail-on" in argv else 0), err
        assert out == example.expected


class TestPythonExamples:
    @pytest.mark.parametrize("block", _python_cases(run=True))
    @pytest.mark.usefixtures("at_root")
    def test_runs(self, block: Block) -> None:
        """The block runs without error, and the test functions it defines pass."""
        namespace: dict[str, Any] = {"__name__": "docs_example"}
        code = compile(block.body, f"{block.path.name}:{block.line}", "exec")
        with contextlib.redirect_stdout(io.StringIO()):
            exec(code, namespace)
            for name, value in list(namespace.items()):
                if name.startswith("test_") and callable(value):
                    value()

    @pytest.mark.parametrize("block", _python_cases(run=False))
    def test_sketches_compile(self, block: Block) -> None:
        """A block marked no-run is still valid Python."""
        compile(block.body, f"{block.path.name}:{block.line}", "exec")
