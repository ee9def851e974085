"""The message catalogue (src/xzjd/messages/): every diagnostic's words come from it, in
English and Chinese, and every code it holds is used, documented and filled at its call sites.

The call sites are found by reading the source: a catalogue key is a string such as
``"input/header"`` or ``"input/header#missing-key"`` written in a module of the package.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from xzjd.errors import Diagnostic, EvaluationError, Severity, Span, UsageError
from xzjd.messages import CATALOGUE, HINTS, code_of, diagnostic, explained, texts

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "xzjd"
CATALOGUE_DIR = SRC / "messages"
KEY = re.compile(r"[a-z]+/[a-z0-9-]+(?:#[a-z0-9-]+)?")
#: The families of codes (``input``, ``syntax``, ...): a string of one of them is a key.
FAMILIES = {key.split("/")[0] for key in CATALOGUE}
#: Keyword arguments of the call sites that place a diagnostic rather than fill its words.
PLACING = {"file", "span", "line_text", "severity", "hint", "argument", "key", "place"}
#: The functions that fill an entry with their keyword arguments: the catalogue's own and
#: the local helpers that pass their keywords on to it.
FILLERS = {
    "diagnostic",
    "explained",
    "texts",
    "add",
    "_problem",
    "error",
    "fail",
    "cell_diag",
    "_bad",
    "diag",
    "_none_collected",
}


def _modules() -> Iterator[Path]:
    for path in sorted(SRC.rglob("*.py")):
        if CATALOGUE_DIR not in path.parents:
            yield path


def _strings(tree: ast.AST) -> Iterator[ast.Constant]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node


def _keys_in(tree: ast.AST) -> set[str]:
    return {
        node.value
        for node in _strings(tree)
        if KEY.fullmatch(node.value) and node.value.split("/")[0] in FAMILIES
    }


TREES = {path: ast.parse(path.read_text(encoding="utf-8")) for path in _modules()}
USED = set().union(*(_keys_in(tree) for tree in TREES.values()))


def _fields(template: str | None) -> set[str]:
    """The names a template fills (``{agency!r}`` and ``{count:,}`` are ``agency`` and
    ``count``)."""
    return {name for _, name, _, _ in string.Formatter().parse(template or "") if name}


def _plain(names: set[str]) -> set[str]:
    # ``x_zh`` is the Chinese form of the field ``x``.
    return {name.removesuffix("_zh") for name in names}


def test_the_scan_finds_the_call_sites() -> None:
    """The scan below sees the keys (a check of the check: a broken pattern finds nothing)."""
    assert {"input/header#missing-key", "syntax/unknown-word", "notice/weekday"} <= USED
    assert len(USED) > 150


def test_every_key_in_the_source_is_in_the_catalogue() -> None:
    """A diagnostic named in the source has its words in the catalogue."""
    assert sorted(USED - CATALOGUE.keys()) == []


def test_every_entry_is_used() -> None:
    """No entry of the catalogue is left over from a diagnostic that is gone."""
    assert sorted(CATALOGUE.keys() - USED) == []


def test_every_shared_hint_is_used() -> None:
    hints = {node.value for tree in TREES.values() for node in _strings(tree)} & HINTS.keys()
    assert sorted(HINTS.keys() - hints) == []


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_entry_has_both_languages(key: str) -> None:
    """Every message is written in English and Chinese, and so is every hint (unless the
    entry says why its hint has no Chinese)."""
    entry = CATALOGUE[key]
    assert entry.message.strip() and entry.message_zh.strip()
    if entry.hint is not None:
        assert entry.hint_zh is not None or entry.no_hint_zh, f"{key}: no Chinese hint"
    assert (entry.hint_zh is None) or (entry.hint is not None), f"{key}: a Chinese hint alone"


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_chinese_fields_are_english_fields(key: str) -> None:
    """The Chinese templates use no field the English ones lack (``x_zh`` counts as ``x``):
    a call site that fills the English fills the Chinese. The Chinese may say less."""
    entry = CATALOGUE[key]
    english = _plain(_fields(entry.message) | _fields(entry.hint))
    chinese = _plain(_fields(entry.message_zh) | _fields(entry.hint_zh))
    assert chinese <= english


@pytest.mark.parametrize("name", sorted(HINTS))
def test_shared_hint_fields_agree(name: str) -> None:
    hint = HINTS[name]
    assert _plain(_fields(hint.hint_zh)) <= _plain(_fields(hint.hint))


def _call_sites() -> Iterator[tuple[str, str, set[str], set[str]]]:
    """(where, key, keyword names, hints named) of each call that names a key and gives its
    fields as keywords (calls that pass ``**fields`` on are helpers, checked at their callers)."""
    for path, tree in TREES.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or any(k.arg is None for k in node.keywords):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in FILLERS:
                continue
            keys = [
                a.value
                for a in node.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str) and a.value in CATALOGUE
            ]
            if len(keys) != 1:
                continue
            names = {k.arg for k in node.keywords if k.arg is not None}
            hints = {
                n.value
                for k in node.keywords
                if k.arg == "hint"
                for n in _strings(k.value)
                if n.value in HINTS
            }
            where = f"{path.relative_to(ROOT).as_posix()}:{node.lineno}"
            yield where, keys[0], names, hints


CALL_SITES = list(_call_sites())


def test_call_sites_are_found() -> None:
    assert len(CALL_SITES) > 120


@pytest.mark.parametrize(("where", "key", "names", "hints"), CALL_SITES, ids=lambda x: str(x))
def test_call_site_gives_every_field(
    where: str, key: str, names: set[str], hints: set[str]
) -> None:
    """Each call gives every field its entry's templates (and the hints it names) fill."""
    entry = CATALOGUE[key]
    needed = set().union(
        *(_fields(t) for t in (entry.message, entry.message_zh, entry.hint, entry.hint_zh)),
        *(_fields(HINTS[h].hint) | _fields(HINTS[h].hint_zh) for h in hints),
    )
    assert needed - (names - PLACING) == set(), where


def _documented() -> set[str]:
    """The codes listed in the code tables of the docs (rows of a Markdown table)."""
    found: set[str] = set()
    for path in sorted((ROOT / "docs").glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("|"):
                found.update(re.findall(r"`([a-z]+/[a-z0-9-]+)`", line))
    return found


def test_every_code_is_documented() -> None:
    """Each code appears in a code table of docs/ (language, evaluation, calendar, testing)."""
    codes = {code_of(key) for key in CATALOGUE}
    assert sorted(codes - _documented()) == []


# --------------------------------------------------------------------------- filling


def test_diagnostic_fills_both_languages() -> None:
    span = Span(3, 5, 3, 12)
    d = diagnostic(
        "input/header#unknown-column",
        file="agencies.csv",
        span=span,
        line_text="id,nmae",
        value="nmae",
        what="agencies",
        known="id,name",
        known_zh="id(机关代码),name(名称)",
    )
    assert d == Diagnostic(
        code="input/header",
        message="unknown column 'nmae' in the agencies file",
        file="agencies.csv",
        span=span,
        line_text="id,nmae",
        hint="the columns are (in English or Chinese): id,name",
        message_zh="agencies 文件中有未知的列 'nmae'",
        hint_zh="列应为（英文或中文）: id(机关代码),name(名称)",
        severity=Severity.ERROR,
    )


def test_a_warning_entry_makes_a_warning_unless_told() -> None:
    fields = {"obligation": "report", "agency": "km-gov"}
    assert diagnostic("bearer/unknown-agency", **fields).severity is Severity.WARNING
    told = diagnostic("bearer/unknown-agency", severity=Severity.ERROR, **fields)
    assert told.severity is Severity.ERROR


def test_a_shared_hint_replaces_the_entry_hint() -> None:
    plain = texts("ref/unknown-obligation", ref="plam")
    assert plain.hint == "name an obligation declared in this file"
    guessed = texts("ref/unknown-obligation", hint="did-you-mean", ref="plam", guess="plan")
    assert (guessed.hint, guessed.hint_zh) == ("did you mean 'plan'?", "是否应为“plan”？")
    assert guessed.message == plain.message == "unknown obligation 'plam'"


def test_explained_makes_the_error_class_asked_for() -> None:
    error = explained(UsageError, "argument/bad-range", argument="--to", start="2010-05-01")
    assert isinstance(error, UsageError)
    assert error.code == "argument/bad-range" and error.argument == "--to"
    assert error.render() == (
        "error[argument/bad-range]: --to: --to is before --from\n"
        "hint: give a --to on or after --from (2010-05-01)"
    )
    assert error.render(lang="zh") == (
        "error[argument/bad-range]: --to: --to 早于 --from\n"
        "提示: --to 不得早于 --from（2010-05-01）"
    )
    evaluation = explained(EvaluationError, "argument/unknown-obligation", ident="x")
    assert isinstance(evaluation, EvaluationError)


def test_code_of_a_key() -> None:
    assert code_of("input/header#missing-key") == "input/header"
    assert code_of("syntax/unknown-word") == "syntax/unknown-word"


def test_a_missing_field_is_an_error_of_the_call_site() -> None:
    with pytest.raises(KeyError):
        texts("input/unknown-level")
