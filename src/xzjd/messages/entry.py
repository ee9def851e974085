# SPDX-License-Identifier: MIT
"""One entry of the message catalogue: the words of one diagnostic, in English and Chinese."""

from __future__ import annotations

import attrs

from xzjd.errors import Severity

__all__ = ["Entry"]


@attrs.frozen(kw_only=True)
class Entry:
    """The templates of one diagnostic.

    Templates are :meth:`str.format` strings with named fields (``"unknown agency
    {agency!r}"``); the call site gives the fields. A field named ``x_zh`` is the Chinese
    form of the field ``x`` (an enum's Chinese word, a list joined with ``、``).

    Attributes:
        message, message_zh: what is wrong, in English and in Chinese.
        hint, hint_zh: how to fix it, or ``None`` when there is no hint.
        severity: :attr:`Severity.WARNING` for a code that is always a warning; ``None``
            leaves it to the call site (an error unless it says otherwise).
        no_hint_zh: why the entry has an English hint but no Chinese one, when it has none.
    """

    message: str
    message_zh: str
    hint: str | None = None
    hint_zh: str | None = None
    severity: Severity | None = None
    no_hint_zh: str | None = None
