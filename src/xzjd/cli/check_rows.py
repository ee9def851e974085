# SPDX-License-Identifier: MIT
"""The records ``xzjd check`` writes: ``--fail-on`` looks at every one, ``--state`` picks.

:class:`Shown` reads a :class:`~xzjd.engine.StatusStream` record by record (for the table
and CSV writers) or run by run (for the JSON writers, which write the core's tables from
their columns): a table is looked at and filtered by its columns, without making its records.
Either way it notes whether a record is in a ``--fail-on`` state and the records refused for
want of a calendar year (``--no-provisional``), which the command reports after the output.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator

from xzjd.engine import ProvisionalYearError, Status, StatusStream
from xzjd.engine.table import Table
from xzjd.errors import Diagnostic
from xzjd.model import State

__all__ = ["Shown"]


class Shown:
    """What a check shows of its records, and what it saw on the way."""

    def __init__(self, fail_states: Collection[State], wanted: Collection[str] | None) -> None:
        self.fail_states = frozenset(fail_states)
        #: The states shown (``None``: all of them).
        self.wanted = None if wanted is None else frozenset(State(w) for w in wanted)
        #: Whether a record is in one of ``fail_states``.
        self.failed = False
        #: The errors of the records withheld with ``--no-provisional``.
        self.refused: tuple[Diagnostic, ...] = ()

    def records(self, stream: Iterable[Status]) -> Iterator[Status]:
        """The records of *stream* shown, one at a time."""
        fail_states, wanted = self.fail_states, self.wanted
        try:
            for s in stream:
                if s.state in fail_states:
                    self.failed = True
                if wanted is None or s.state in wanted:
                    yield s
        except ProvisionalYearError as exc:
            # With --no-provisional the stream, once exhausted, names the records it
            # withheld: the calendar is short, the input is not bad, so the rest is
            # written whole and the refusals are reported after it.
            self.refused = exc.diagnostics

    def parts(self, stream: StatusStream) -> Iterator[Iterable[Status]]:
        """The records of *stream* shown, in runs: each of the core's tables filtered by its
        columns, any other run record by record (:meth:`records`)."""
        try:
            for part in stream.parts():
                if not isinstance(part, Table):
                    yield self.records(part)
                    continue
                if self.fail_states and part.in_states(self.fail_states).any():
                    self.failed = True
                yield part if self.wanted is None else part.where(part.in_states(self.wanted))
        except ProvisionalYearError as exc:
            self.refused = exc.diagnostics
