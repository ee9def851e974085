"""Stage 1, text to model: the rules language's parser, builder, checks and printer.

``load``/``loads`` read a rules file into a checked :class:`~xzjd.model.Ruleset`;
``to_text`` prints one back in English or Chinese.
"""

from __future__ import annotations

from xzjd.language.checked import warnings
from xzjd.language.loader import load, loads, parse_unchecked, read_text
from xzjd.language.printer import LANGUAGES, to_text

__all__ = ["LANGUAGES", "load", "loads", "parse_unchecked", "read_text", "to_text", "warnings"]
