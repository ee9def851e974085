# SPDX-License-Identifier: MIT
"""The tree adapter: Lark's reductions handed to the builder of the current parse.

No parse tree is built: Lark's ``transformer=`` option runs a callback on each reduction
(:class:`Reductions`), and with ``keep_all_tokens`` each callback sees every token of its
rule, so the rule's position is taken from its first and last token, as
``propagate_positions`` would take it, and is handed to the builder's method for the rule
together with the children a tree would have kept (see :class:`Meta`).
:func:`xzjd.language.parser.parse` names the builder of the current call in
:data:`CURRENT_BUILDER`; nothing of one call is kept in the parser, so threads share it
without a lock.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Callable
from typing import Any

from lark import Token

__all__ = ["CURRENT_BUILDER", "Meta", "Reductions"]


class Meta:
    """Where a rule lies in the text: what a builder method gets as its first argument.

    ``first`` and ``last`` are the first and last tokens the rule covers, punctuation, line
    ends and block ends included (``None`` for a rule that matched nothing): the tokens Lark's
    ``propagate_positions`` reads the position of a subtree from. ``value`` is what the
    builder's method made of the rule.
    """

    __slots__ = ("first", "last", "value")

    first: Token | None
    last: Token | None
    value: Any


# The builder of the parse running in this thread (or task): see xzjd.language.parser.parse.
CURRENT_BUILDER: contextvars.ContextVar[Any] = contextvars.ContextVar("xzjd_builder")
# The names of the grammar's rules (terminals are upper-case; inlined rules start with "_").
_RULE_NAME = re.compile(r"[a-z][a-z0-9_]*")


class Reductions:
    """The ``transformer=`` of :func:`parser`: one callback for each rule of the grammar.

    Lark looks up a callback by the rule's name (its alias, if it has one) when it builds or
    loads the parser. Every name of a rule that is not inlined gets :func:`_reduction`;
    inlined ``_rules`` get none, so Lark keeps their children in a small tree and splices
    them into the rule that holds them, and terminals get none, so tokens stay tokens.
    """

    def __getattr__(self, name: str) -> Callable[[list[Any]], Meta]:
        if _RULE_NAME.fullmatch(name) is None:
            raise AttributeError(name)
        return _reduction(name)


def _reduction(name: str) -> Callable[[list[Any]], Meta]:
    """The callback of rule *name*: positions from the tokens, then the builder's method.

    The children Lark passes are every token of the rule (``keep_all_tokens``) and what the
    callbacks of its sub-rules returned. The builder's method gets the children a parse tree
    would keep: the tokens of named terminals and the values of the sub-rules, without the
    punctuation and keywords (terminals whose names start with ``_``).
    """

    def reduce(children: list[Any]) -> Meta:
        node = Meta()
        if children:
            c = children[0]
            first = c.first if type(c) is Meta else c
            c = children[-1]
            last = c.last if type(c) is Meta else c
            if first is None or last is None:  # a sub-rule that matched nothing
                first, last = _ends(children)
        else:
            first = last = None
        node.first = first
        node.last = last
        node.value = getattr(CURRENT_BUILDER.get(), name)(
            node,
            [
                c.value if type(c) is Meta else c
                for c in children
                if type(c) is Meta or c.type[0] != "_"
            ],
        )
        return node

    return reduce


def _ends(children: list[Any]) -> tuple[Token | None, Token | None]:
    """The first and last tokens under *children*, skipping sub-rules that matched nothing."""
    first = last = None
    for c in children:
        first = c.first if type(c) is Meta else c
        if first is not None:
            break
    for c in reversed(children):
        last = c.last if type(c) is Meta else c
        if last is not None:
            break
    return first, last
