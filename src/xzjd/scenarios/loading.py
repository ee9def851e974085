# SPDX-License-Identifier: MIT
"""Loading a scenario file: the rules it tests, the facts of its scenarios, its bad tests.

A ``*.test.xzjd`` file names the rules it tests with a ``rules`` / ``规则`` line; a rules file
with scenario blocks tests its own ruleset. :func:`load_test_file` reads the file, the rules
and the data (:mod:`xzjd.scenarios.data_blocks`), and checks every scenario
(:mod:`xzjd.scenarios.bad_tests`) before any of them runs.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

import attrs

from xzjd.errors import CheckError, Diagnostic, SourceError, Span
from xzjd.language import CheckedRuleset, loads_checked
from xzjd.language.loader import read_text
from xzjd.model import Ruleset, Scenario
from xzjd.scenarios.bad_tests import check_scenario
from xzjd.scenarios.data_blocks import Facts, Loader, data_path, scenario_facts
from xzjd.scenarios.diagnostics import diagnostic
from xzjd.text.escape import escape_controls

__all__ = ["TestFile", "load_test_file"]


@attrs.frozen(kw_only=True)
class TestFile:
    """A file of scenarios, loaded and checked.

    Attributes:
        path: the file as named by the user.
        rules: the rules the scenarios test (the file's own, or the one it names), checked
            once: the scenarios evaluate them without checking them again.
        rules_path: the file those rules come from.
        scenarios: the scenarios, in file order.
        facts: the facts of each scenario, in the same order.
    """

    __test__ = False  # not a pytest test class, whatever its name

    path: str
    rules: CheckedRuleset
    rules_path: str
    scenarios: tuple[Scenario, ...]
    facts: tuple[Facts, ...]
    text: str = attrs.field(default="", repr=False)

    @property
    def ruleset(self) -> Ruleset:
        """The rules the scenarios test, as a model."""
        return self.rules.ruleset


def load_test_file(path: str | os.PathLike[str], *, loader: Loader | None = None) -> TestFile:
    """Load a scenario file: the scenarios, the rules they test and their facts.

    Raises:
        ParseError: the file (or the rules file it names) is not well-formed.
        CheckError: the rules are inconsistent, or a scenario is a bad test (its
            diagnostics point at the line and column).
        InputError: a data file or an inline row is malformed.
    """
    loader = loader or Loader()
    name = os.fspath(path)
    text = read_text(name)
    loaded = loads_checked(text, file=name)
    model = loaded.ruleset
    base = os.path.dirname(name)
    ref = model.rules_ref
    if ref is not None:
        if model.obligations:
            raise CheckError([diagnostic("scenario/rules-and-obligations", name, text, ref.span)])
        rules_path = data_path(ref.path, base)
        if not os.path.isfile(rules_path):
            raise CheckError(
                [
                    diagnostic(
                        "scenario/no-such-rules",
                        name,
                        text,
                        ref.span,
                        value=escape_controls(rules_path),
                    )
                ]
            )
        rules = loader.rules(rules_path)
    elif model.obligations:
        rules, rules_path = loaded, name
    else:
        raise CheckError([diagnostic("scenario/no-rules", name, text, Span(1, 1, 1, 2))])
    facts: list[Facts] = []
    problems: list[Diagnostic] = []
    for scenario in model.scenarios:
        try:
            f = scenario_facts(scenario, model.data, loader, base, name, text, rules.kinds)
        except SourceError as exc:
            problems.extend(exc.diagnostics)
            continue
        facts.append(f)
        problems.extend(check_scenario(scenario, f, rules, name, text))
    if problems:
        raise CheckError(_unique(problems))
    return TestFile(
        path=name,
        rules=rules,
        rules_path=rules_path,
        scenarios=model.scenarios,
        facts=tuple(facts),
        text=text,
    )


def _unique(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    return list(dict.fromkeys(diags))  # first occurrences, in order
