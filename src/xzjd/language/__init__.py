"""Stage 1, text to model: the rules language's parser, builder, checks and printer.

``load``/``loads`` read a rules file into a checked :class:`~xzjd.model.Ruleset`;
``load_checked``/``loads_checked`` keep what that one run of the checks found, a
:class:`CheckedRuleset` (the ruleset and its warnings), as ``check`` gives for a model;
``to_text`` prints one back in English or Chinese.

The modules: the parser (:mod:`~xzjd.language.parser`, with :mod:`~xzjd.language.grammar`,
:mod:`~xzjd.language.reductions` and :mod:`~xzjd.language.syntax_errors`), the builder
(:mod:`~xzjd.language.builder` and its ``build_*`` parts), the checks
(:mod:`~xzjd.language.checked` running :mod:`~xzjd.language.check_references` and
:mod:`~xzjd.language.check_values`), the printer (:mod:`~xzjd.language.printer`,
:mod:`~xzjd.language.scenario_text`), :mod:`~xzjd.language.loader` and
:mod:`~xzjd.language.rulesets` (several rulesets in one run, ``include``).
"""

from __future__ import annotations

from xzjd.language.checked import CheckedRuleset, check, warnings
from xzjd.language.loader import (
    load,
    load_checked,
    loads,
    loads_checked,
    parse_unchecked,
    read_text,
)
from xzjd.language.printer import LANGUAGES, to_text
from xzjd.language.rulesets import Rulesets, load_rulesets

__all__ = [
    "LANGUAGES",
    "CheckedRuleset",
    "Rulesets",
    "check",
    "load",
    "load_checked",
    "load_rulesets",
    "loads",
    "loads_checked",
    "parse_unchecked",
    "read_text",
    "to_text",
    "warnings",
]
