# SPDX-License-Identifier: MIT
"""Several rulesets in one run: :class:`Rulesets` and :func:`load_rulesets`.

A run may evaluate several regulations at once: ``xzjd check rules/`` (every ``*.xzjd`` of
the folder but the ``*.test.xzjd``), ``xzjd check a.xzjd b.xzjd``, or a rules file that says
``include "other.xzjd"`` / ``包含 "other.xzjd"``. Each file stays a ruleset of its own, with
its own effective date, calendar, rest-day policy and escalation ladders.

A ruleset is named after its file, up to the first dot (``licensing.zh.xzjd`` is
``licensing``). An obligation id found in one ruleset only is written as it is; an id that
several rulesets declare is written with its ruleset's name, ``licensing:decision``, in the
filings and in the records of the evaluation. Obligation ids never hold a colon, so the two
spellings cannot be confused.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import overload

from xzjd.errors import CheckError, Diagnostic, ParseError
from xzjd.language.build_base import line_text
from xzjd.language.checked import CheckedRuleset, check
from xzjd.language.loader import load_checked
from xzjd.messages import diagnostic
from xzjd.model import Include, Ruleset

__all__ = ["Rulesets", "load_rulesets", "rules_files", "ruleset_name"]

#: What separates a ruleset's name from an obligation id: ``licensing:decision``.
SEPARATOR = ":"


def ruleset_name(file: str) -> str:
    """The name of the ruleset read from *file*: its base name up to the first dot."""
    base = os.path.basename(file)
    return base.split(".", 1)[0] or base


class Rulesets(Sequence[CheckedRuleset]):
    """Checked rulesets evaluated together, each with a name.

    Made from rulesets (each checked once, unless it comes checked), named after their
    files, or from a mapping of names to rulesets. A sequence of the
    :class:`~xzjd.language.checked.CheckedRuleset` in the order given.

    Raises:
        CheckError: a ruleset fails the checks, or two rulesets of one name declare the
            same obligation id (``rules/same-name``).
    """

    def __init__(
        self,
        rulesets: Iterable[Ruleset | CheckedRuleset] | Mapping[str, Ruleset | CheckedRuleset],
    ) -> None:
        if isinstance(rulesets, Mapping):
            named = [(str(k), check(v)) for k, v in rulesets.items()]
        else:
            checked = [check(r) for r in rulesets]
            named = [
                (
                    ruleset_name(c.ruleset.file) if c.ruleset.file != "<string>" else f"ruleset{i}",
                    c,
                )
                for i, c in enumerate(checked, 1)
            ]
        self._items = tuple(c for _, c in named)
        self.names: tuple[str, ...] = tuple(n for n, _ in named)
        owners: dict[str, list[int]] = {}
        for i, c in enumerate(self._items):
            for o in c.ruleset.obligations:
                owners.setdefault(o.id, []).append(i)
        #: The rulesets (by index) that declare each obligation id.
        self.owners: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in owners.items()}
        #: The obligation ids that several rulesets declare: written with the ruleset's name.
        self.clashing: frozenset[str] = frozenset(k for k, v in owners.items() if len(v) > 1)
        self._by_name: dict[str, int] = {}
        self._same_names()

    def _same_names(self) -> None:
        problems: list[Diagnostic] = []
        for i, name in enumerate(self.names):
            first = self._by_name.setdefault(name, i)
            if first == i:
                continue
            earlier = self._items[first].ruleset
            mine = self._items[i].ruleset
            theirs = {o.id for o in earlier.obligations}
            for o in mine.obligations:
                if o.id in theirs:
                    problems.append(
                        diagnostic(
                            "rules/same-name",
                            file=mine.file,
                            span=o.span,
                            line_text=line_text(mine.text, o.span.line) if o.span else None,
                            obligation=o.id,
                            other=earlier.file,
                            name=name,
                        )
                    )
                    break
        if problems:
            raise CheckError(problems)

    @overload
    def __getitem__(self, index: int) -> CheckedRuleset: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[CheckedRuleset]: ...

    def __getitem__(self, index: int | slice) -> CheckedRuleset | Sequence[CheckedRuleset]:
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[CheckedRuleset]:
        return iter(self._items)

    def __repr__(self) -> str:
        return f"Rulesets({list(self.names)!r})"

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """The warnings of the checks of every ruleset, ruleset by ruleset."""
        return tuple(w for c in self._items for w in c.warnings)

    def spelling(self, index: int, obligation: str) -> str:
        """How the obligation *obligation* of ruleset *index* is written in filings and
        records: as it is, or ``name:id`` when several rulesets declare the id."""
        if obligation in self.clashing:
            return f"{self.names[index]}{SEPARATOR}{obligation}"
        return obligation

    def spellings(self) -> list[str]:
        """Every obligation of every ruleset as filings write it (for a "did you mean")."""
        return [
            self.spelling(i, o.id) for i, c in enumerate(self._items) for o in c.ruleset.obligations
        ]

    def find(self, obligation: str) -> tuple[tuple[int, ...], str]:
        """The rulesets (indexes) a filing's obligation may name, and its bare id.

        One index: the filing belongs to that ruleset. Several: the id is written without
        its ruleset's name and several rulesets declare it (ambiguous). None: no ruleset
        has it.
        """
        found = self.owners.get(obligation)
        if found is not None:
            return found, obligation
        name, sep, bare = obligation.partition(SEPARATOR)
        if sep:
            index = self._by_name.get(name)
            if index is not None and index in self.owners.get(bare, ()):
                return (index,), bare
        return (), obligation


def rules_files(folder: str) -> list[str]:
    """The rules files of *folder*, in name order: ``*.xzjd`` but ``*.test.xzjd``.

    Raises:
        ParseError: the folder cannot be listed (``file/unreadable``).
    """
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ParseError([diagnostic("file/unreadable", file=folder, reason=reason)]) from None
    return [
        os.path.join(folder, name)
        for name in names
        if name.endswith(".xzjd")
        and not name.endswith(".test.xzjd")
        and os.path.isfile(os.path.join(folder, name))
    ]


def load_rulesets(paths: Iterable[str | os.PathLike[str]]) -> Rulesets:
    """Read, parse and check the rules files at *paths*, and the files they include.

    A folder stands for its rules files (:func:`rules_files`). Each file is read once,
    however often it is named or included; ``include`` paths are relative to the including
    file. The rulesets come in the order met: each file, then the files it includes.

    Raises:
        ParseError: a file cannot be read, is not UTF-8, or is not well-formed; a folder
            holds no rules file (``file/no-rules``).
        CheckError: a file is inconsistent; an include names a missing file
            (``include/not-found``) or includes a file that includes it (``include/cycle``);
            two files of one name declare the same obligation id (``rules/same-name``).
    """
    loaded: dict[str, CheckedRuleset] = {}
    order: list[CheckedRuleset] = []

    def visit(path: str, stack: list[tuple[str, str]]) -> None:
        key = _key(path)
        if key in loaded:
            return
        rules = load_checked(path)
        loaded[key] = rules
        order.append(rules)
        stack.append((key, path))
        for inc in rules.ruleset.includes:
            for target in _included(rules.ruleset, inc, stack):
                visit(target, stack)
        stack.pop()

    for given in paths:
        name = os.fspath(given)
        targets = [name]
        if os.path.isdir(name):
            targets = rules_files(name)
            if not targets:
                raise ParseError([diagnostic("file/no-rules", file=name)])
        for target in targets:
            visit(target, [])
    return Rulesets(order)


def _key(path: str) -> str:
    """What tells one file from another: its real path (its absolute path when the name
    cannot be resolved, such as one holding a NUL, which reading then reports)."""
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return os.path.abspath(path)


def _included(ruleset: Ruleset, inc: Include, stack: Sequence[tuple[str, str]]) -> list[str]:
    """The files *inc* names (a folder's rules files), checked against the include chain."""
    path = os.path.normpath(os.path.join(os.path.dirname(ruleset.file), inc.path))
    span = inc.span
    text = line_text(ruleset.text, span.line) if span else None
    if not os.path.exists(path):
        raise CheckError(
            [
                diagnostic(
                    "include/not-found",
                    file=ruleset.file,
                    span=span,
                    line_text=text,
                    path=inc.path,
                    resolved=path,
                )
            ]
        )
    targets = rules_files(path) if os.path.isdir(path) else [path]
    keys = [k for k, _ in stack]
    for target in targets:
        key = _key(target)
        if key in keys:
            chain = [p for _, p in stack[keys.index(key) :]] + [target]
            raise CheckError(
                [
                    diagnostic(
                        "include/cycle",
                        file=ruleset.file,
                        span=span,
                        line_text=text,
                        path=inc.path,
                        chain=" → ".join(chain),
                    )
                ]
            )
    return targets
