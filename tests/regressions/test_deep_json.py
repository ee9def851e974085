# SPDX-License-Identifier: MIT
"""Issue 12, C1: JSON nested a thousand levels deep is a positioned error, not RecursionError.

Every JSON data file (agencies, filings, events, and the data files a scenario names) is
decoded by ``xzjd.text.strict_json.decode``. The standard decoder recurses once per level and
exhausted the stack on ``[[[[…``; the reader caught only ``JSONDecodeError`` and the CLI ended in
``internal error: RecursionError``.

Positions are worked out by hand: the reader takes the outer ``[`` itself (column 1), the
first element starts at column 2, so with one bracket a column the 101st bracket of the
element, the first past the depth of 100, is at column 102.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import xzjd
from xzjd.cli import main
from xzjd.errors import InputError
from xzjd.facts.tables import text_source
from xzjd.text.strict_json import MAX_DEPTH, JsonProblem, decode

ROOT = Path(__file__).resolve().parents[2]
E = ROOT / "examples" / "yunnan-2010"

READERS: dict[str, Callable[[Any], Any]] = {
    "agencies": xzjd.read_agencies,
    "filings": xzjd.read_filings,
    "events": xzjd.read_events,
}


def brackets(n: int) -> str:
    return "[" * n


@pytest.mark.parametrize("what", sorted(READERS))
def test_995_brackets_are_an_input_error(what: str) -> None:
    """``printf '%.0s[' {1..995} > a.json``, read as agencies, filings or events."""
    with pytest.raises(InputError) as info:
        READERS[what](text_source(brackets(995), f"{what}.json"))
    (diag,) = info.value.diagnostics
    assert diag.code == "input/json"
    assert diag.file == f"{what}.json"
    assert diag.span is not None and (diag.span.line, diag.span.column) == (1, 102)
    assert f"more than {MAX_DEPTH} levels" in diag.message
    assert diag.hint and "flat objects" in diag.hint


def test_cli_reproducer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``xzjd check E/rules.en.xzjd --agencies a.json --on 2010-11-15`` exits 2, positioned."""
    a = tmp_path / "a.json"
    a.write_text(brackets(995))
    status = main(["check", str(E / "rules.en.xzjd"), "--agencies", str(a), "--on", "2010-11-15"])
    err = capsys.readouterr().err
    assert status == 2
    assert f"{a}:1:102: error[input/json]: JSON nested more than 100 levels deep" in err
    assert "hint:" in err
    assert "internal error" not in err


def test_objects_nested_in_a_later_record(tmp_path: Path) -> None:
    """``{"x":`` repeated 3000 times in the tags of the second record: the error is there.

    Line 3 is two spaces and ``{"id": "b", "tags": `` (20 characters), so the value starts at
    column 23. The record's own ``{`` (column 3) is level 1 and the value's k-th ``{`` level
    k + 1; level 101 is the value's 100th ``{``, each ``{"x":`` being five characters long:
    column 23 + 5 * 99 = 518.
    """
    deep = '{"x":' * 3000
    text = '[\n  {"id": "a"},\n  {"id": "b", "tags": ' + deep
    path = tmp_path / "agencies.json"
    path.write_text(text)
    with pytest.raises(InputError) as info:
        xzjd.read_agencies(str(path))
    (diag,) = info.value.diagnostics
    assert diag.span is not None and (diag.span.line, diag.span.column) == (3, 518)
    assert diag.line_text is not None and diag.line_text.startswith('  {"id": "b"')


def test_brackets_inside_strings_do_not_count() -> None:
    """Brackets in a string are text: the depth is that of the real brackets.

    After the outer ``[`` (column 1), each ``["]]]]", `` is nine characters and opens one
    real level: the k-th real bracket is at column 2 + 9 * (k - 1), the 101st at 902. Were
    the four ``]`` in each string counted, the depth would never pass 100.
    """
    text = "[" + '["]]]]", ' * 2000
    with pytest.raises(InputError) as info:
        xzjd.read_filings(text_source(text, "f.json"))
    (diag,) = info.value.diagnostics
    assert diag.code == "input/json"
    assert diag.span is not None and diag.span.column == 902


def test_deep_stack_of_the_caller() -> None:
    """Called from deep in the caller's own recursion, the reader still raises InputError."""

    def at_depth(n: int) -> BaseException | None:
        if n:
            return at_depth(n - 1)
        try:
            xzjd.read_events(text_source(brackets(995), "e.json"))
        except InputError as exc:
            return exc
        return None

    assert isinstance(at_depth(600), InputError)


def test_decode_reports_offsets() -> None:
    """The shared decoder: a malformed value and a too-deep one, each at its offset."""
    assert decode('[1, {"a": "b"}] tail', 0) == ([1, {"a": "b"}], 15)
    with pytest.raises(JsonProblem) as bad:
        decode('{"a": }', 0)
    assert bad.value.offset == 6 and not bad.value.too_deep
    with pytest.raises(JsonProblem) as deep:
        decode("x" + brackets(2000), 1)
    assert deep.value.too_deep and deep.value.offset == 1 + MAX_DEPTH


def test_a_number_too_long_for_int() -> None:
    """Found by the fuzz harness: a JSON number of 4977 digits, where a string belongs.

    Python's int() refuses more than 4300 digits with a plain ValueError, which escaped the
    reader as an internal error; the decoder keeps such a number as a number, and a number
    is not a cell: ``'id' must be a string``, at the key (line 1, column 3: ``[{`` then the
    quoted key).
    """
    text = '[{"id": ' + "7" * 4977 + ', "name": "x", "kind": "government", "level": "省"}]'
    with pytest.raises(InputError) as info:
        xzjd.read_agencies(text_source(text, "a.json"))
    (diag,) = [d for d in info.value.diagnostics if d.code == "input/json"]
    assert diag.message == "'id' must be a string"
    assert diag.span is not None and (diag.span.line, diag.span.column) == (1, 3)
