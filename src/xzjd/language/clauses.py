# SPDX-License-Identifier: MIT
"""Clauses that a bare deliverable must not swallow (docs/language.md section 7).

A bare deliverable runs to the end of its line, so without a rule the words after a comma
would silently become part of it: ``complete reply, extendable by 20 working days`` would
lose the extension and ``报送 年报，并向社会公布`` the duty to publish. The rule: in a bare
deliverable, a comma or semicolon (``,``, ``，``, ``;``, ``；``) followed by words that begin a
clause xzjd knows is an error at those words, with a hint; any other comma stays part of the
deliverable (``公示表二并征求意见，通报、张贴表三和表四``). The clauses:

* an extension of the time limit: ``extendable``, ``may be extended``, ``can be extended``,
  ``extended by``; ``可以延长``, ``可延长``, ``延长``, ``经…批准``;
* another line of a case's clock: ``not counting``, ``counted again``, ``stages:``;
  words holding ``不计入期限``, ``不计算在期限内``, ``重新计算``, or ``分环节``;
* a second duty: an action word, alone or after ``and``/``then`` (``file``, ``publish``,
  ``hold``, ``complete``, ``submit``, ``report``, ``send``, ``copy``, ``disclose``,
  ``announce``, ``make public``); ``并``, ``并且``, ``同时``, ``然后``, or an action word
  (``向``, ``公开``, ``公布``, ``报送``, ``召开``, ``完成``, ``抄送``).

A quoted deliverable holds any text. :func:`clause_after_comma` finds the first such clause;
the builder reports it and the printer quotes a deliverable that holds one.
"""

from __future__ import annotations

import re

import attrs

__all__ = ["Clause", "clause_after_comma"]

_SEPARATOR = r"[,，;；][ \t\u3000]*"
_PART = r"[^,，;；\n]*"

_EXTENSION = re.compile(
    r"(?:(?:which|that)\s+)?(?:(?:is|are)\s+)?"
    r"(?:extendable|extensible|(?:may|can)\s+be\s+extended|extended\s+by)(?![\w-])"
    r"|可以延长|可延长|延长|经" + _PART + "批准",
    re.IGNORECASE,
)
_CLOCK = re.compile(
    r"(?:not\s+counting|counted\s+again)(?![\w-])|stages\s*[:：]"
    r"|分环节|" + _PART + r"(?:不计入期限|不计算在期限内|重新计算)",
    re.IGNORECASE,
)
_DUTY = re.compile(
    r"(?:(?:and|then)\s+)?"
    r"(?:file|publish|hold|complete|submit|report|send|copy|disclose|announce|make\s+public)"
    r"(?![\w-])"
    r"|并且|并|同时|然后|向|公开|公布|报送|召开|完成|抄送",
    re.IGNORECASE,
)
_CLAUSES = (("extension", _EXTENSION), ("clock", _CLOCK), ("duty", _DUTY))
_SEPARATORS = re.compile(_SEPARATOR)


@attrs.frozen
class Clause:
    """A clause found after a comma of a bare deliverable.

    Attributes:
        kind: ``extension``, ``clock`` or ``duty``.
        comma: the offset of the comma in the deliverable.
        start: the offset of the clause's first word.
    """

    kind: str
    comma: int
    start: int


def clause_after_comma(text: str) -> Clause | None:
    """The first comma or semicolon of *text* followed by a clause xzjd knows, or ``None``."""
    for sep in _SEPARATORS.finditer(text):
        start = sep.end()
        for kind, pattern in _CLAUSES:
            if pattern.match(text, start):
                return Clause(kind, sep.start(), start)
    return None
