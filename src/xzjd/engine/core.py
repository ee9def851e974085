# SPDX-License-Identifier: MIT
"""The columnar evaluation core: the records of one evaluation date as columns.

The agencies' blocks (one per obligation owed, :mod:`~xzjd.engine.layout`) and their rows
(one per period, a template of the :class:`~xzjd.engine.table.Bank`) are laid out by array
operations, a run of :data:`CHUNK` agencies at a time. The filings come sorted by agency,
obligation, date and line (:meth:`~xzjd.engine.bind.Facts.order`); each is mapped to its
block by array lookups, and :func:`~xzjd.engine.vector.vector_assign` places the filings of
the common blocks at once. The blocks it cannot decide (a filing to an agency that is not a
recipient, one that fits no period, a period named twice, a period owed to several
recipients, ...), and those of obligations whose windows do not open in order, are walked by
:func:`~xzjd.engine.assign.assign`, the reference, which also words their warnings; their
records are kept as they are. The periods of event-based blocks are the agency's own: they
are laid out as templates too (:class:`~xzjd.engine.event_blocks.EventRows`), and walked
only when their windows do not open in order. With ``exact=True`` every block with filings
is walked.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import repeat
from operator import add
from typing import TYPE_CHECKING, Any

import numpy as np

from xzjd.engine.assign import assign, misfit_warning
from xzjd.engine.bind import Context
from xzjd.engine.event_blocks import EventForms, EventRows, filings_at
from xzjd.engine.layout import ANY, Blocks, Layout
from xzjd.engine.plan import Plan
from xzjd.engine.records import Progress, Status
from xzjd.engine.rows import block_records, noting_provisional, owing
from xzjd.engine.strays import stray_warnings
from xzjd.engine.table import (
    DONE,
    EXPLICIT,
    LATE,
    MAX_SHARED,
    PARTIAL,
    SEVERAL,
    WAIVED,
    Bank,
    Runs,
    Table,
)
from xzjd.engine.vector import vector_assign
from xzjd.errors import Diagnostic
from xzjd.facts.columns import NONE, STATUS_ORDER
from xzjd.facts.tables import Filing, FilingStatus

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["CHUNK", "Core", "status_tables"]

#: How many agencies one :class:`Table` holds.
CHUNK = 4096

_WAIVED = STATUS_ORDER.index(FilingStatus.WAIVED)
_RETURNED = STATUS_ORDER.index(FilingStatus.RETURNED)
_new = tuple.__new__


class Core:
    """The records of one evaluation date for agencies *target* (sorted ids), as tables.

    *plans* are those of the ruleset's obligations sorted by id; *owed* gives, for each
    agency, the positions in *plans* of the obligations it owes.
    """

    def __init__(
        self,
        ctx: Context,
        plans: Sequence[Plan],
        owed: dict[str, tuple[int, ...]],
        target: list[str],
        exact: bool = False,
    ) -> None:
        self.ctx = ctx
        self.plans = plans
        self.target = target
        self.bank = Bank()
        facts = ctx.facts
        self.filings = facts.filings
        columns = facts.columns
        ids = columns.ids if columns.ids is not None else getattr(self.filings, "ids", None)
        self.filing_id = self._id if ids is None else ids.__getitem__
        self._ids = ids
        codes = {r: i for i, r in enumerate(columns.recipients)}
        self.layout = Layout(ctx, plans, owed, target, codes, self.bank, exact)
        self.event_forms = EventForms(ctx)
        # With *exact*, event-based blocks are walked as well.
        self.event_rows = EventRows(self.event_forms, self.layout, self.bank, exact)
        self.bank.freeze()
        self._index_filings()

    def _id(self, position: int) -> str:
        return self.filings[position].id

    def _ids_at(self, positions: NDArray[np.int32]) -> list[str]:
        """The ids of the filings at *positions*; from one text when the ids are held so
        (a columnar reader's :class:`~xzjd.facts.column_reading.Ids`)."""
        ids: Any = self._ids
        text = getattr(ids, "text", None)
        if isinstance(text, str):
            starts = ids.starts[positions].tolist()
            ends = ids.ends[positions].tolist()
            return [text[a:b] for a, b in zip(starts, ends, strict=True)]
        get = self.filing_id
        return [get(p) for p in positions.tolist()]

    def _index_filings(self) -> None:
        """The filings of the target agencies, as sorted columns with their block slots."""
        ctx = self.ctx
        layout = self.layout
        order = ctx.facts.order()
        # Views of the order's arrays where possible; slots and labels looked up per table.
        same = order.agencies == self.target
        to_target = np.zeros(0, np.int32) if same else layout.at(order.agencies).astype(np.int32)
        agency = order.rank if same else to_target[order.rank]
        mine = agency >= 0
        self.slots = layout.slot.astype(np.int32)
        self.profile = layout.profile.astype(np.int32)
        slot = np.full(len(agency), -1, np.int32)
        if len(layout.slot):
            at = slice(None) if mine.all() else mine
            slot[at] = self.slots[self.profile[agency[at]], order.obligation[at]]
        self.stray = stray = ~mine | (slot < 0)
        del slot
        keep = np.flatnonzero(~stray) if stray.any() else slice(None)
        self.agency: NDArray[np.int32] = agency[keep]
        self.obligation: NDArray[np.int32] = order.obligation[keep]
        self.position: NDArray[np.int32] = order.position[keep]
        self.filed_on: NDArray[np.int32] = order.filed_on[keep]
        self.status: NDArray[np.int8] = order.status[keep]
        self.recipient: NDArray[np.int32] = order.recipient[keep]
        self.pair: NDArray[np.int32] = order.pair[keep]
        index = {p.obligation.id: i for i, p in enumerate(self.plans)}
        labels = [self.plans[index[o]].labels.get(label, -1) for o, label in order.pairs]
        self.labels = np.array([*labels, -1], np.int64)  # pair -1 (none named) gives -1
        self.order = order

    def tables(self) -> Iterator[tuple[int, Table, list[tuple[int, Diagnostic]]]]:
        """The tables of the target agencies, :data:`CHUNK` agencies at a time, each with
        its first agency and its warnings (see :meth:`table`)."""
        n = len(self.target)
        for start in range(0, n, CHUNK):
            yield start, *self.table(start, min(start + CHUNK, n))

    def table(self, start: int, end: int) -> tuple[Table, list[tuple[int, Diagnostic]]]:
        """The records of agencies ``target[start:end]``, and their warnings in order, each
        with the agency it is about (its index in the run)."""
        ctx = self.ctx
        layout = self.layout
        bank = self.bank
        blocks = layout.blocks(start, end)
        plan, lists = blocks.plan, blocks.lists
        code, size, missing = layout.list_facts()
        length, first_of = layout.length[plan], layout.template[plan]
        # The event-based blocks laid out as templates (EventRows), decided as the others.
        entry = np.full(len(plan), -1, np.int64)
        event = np.flatnonzero(layout.event[plan])
        ev_rows = self.event_rows
        if len(event):
            entry[event] = ev_rows.find(blocks.agency[event] + start, plan[event])
            event = event[entry[event] >= 0]
            first_of[event] = ev_rows.first[entry[event]]
            length[event] = ev_rows.length[entry[event]]
        laid = entry >= 0
        lo, hi = (int(i) for i in np.searchsorted(self.agency, (start, end)))
        agency = self.agency[lo:hi]
        slot = self.slots[self.profile[agency], self.obligation[lo:hi]]
        block = blocks.first[agency - start] + slot
        has_filings = np.zeros(len(plan), np.bool_)
        has_filings[block] = True
        # The other event-based blocks with filings or events are walked.
        walked = layout.event[plan] & ~laid
        some = np.flatnonzero(walked)
        walked[some] = has_filings[some] | ev_rows.had_events(
            blocks.agency[some] + start, plan[some]
        )
        # The filings the vector path looks at: in scope, of blocks it may decide.
        bad = ~(layout.fast[plan] | laid)
        fast = lo + np.flatnonzero(~bad[block] & (self.filed_on[lo:hi] <= ctx.on.toordinal()))
        f_block = block[fast - lo]
        f_plan = plan[f_block]
        f_day = self.filed_on[fast]
        f_status = self.status[fast]
        f_recipient = self.recipient[fast]
        # Each filing's recipient stream: the recipient's place in its list when the list
        # has several (every filing must then name one of them and none may waive).
        several_lists = size[lists] > 1
        f_several = several_lists[f_block]
        bad[f_block[size[lists[f_block]] > MAX_SHARED]] = True
        stream = np.zeros(len(fast), np.int64)
        if f_several.any():
            found = layout.member(lists[f_block[f_several]], f_recipient[f_several])
            stream[f_several] = found
            bad[f_block[f_several][found < 0]] = True
            bad[f_block[f_several & (f_status == _WAIVED)]] = True
        recipient = code[lists[f_block]]
        misfit = (f_recipient != NONE) & (recipient != ANY) & (f_recipient != recipient)
        bad[f_block[misfit & ~f_several]] = True
        pair = self.pair[fast]
        label, named = self.labels[pair], pair >= 0
        for i in np.flatnonzero(named & laid[f_block]).tolist():
            labels = ev_rows.labels[int(entry[f_block[i]])]
            label[i] = labels.get(self.order.pairs[int(pair[i])][1], -1)
        first = first_of[f_block]
        periods = length[f_block]
        during = layout.during[f_plan]
        opens, closes = bank.opens, bank.closes
        counts = ~named | (label >= 0)  # a period named that has not opened: not counted
        if len(opens):
            t = np.clip(first + np.maximum(label, 0), 0, len(opens) - 1)
            outside = named & counts & during & ((f_day < opens[t]) | (f_day > closes[t]))
            bad[f_block[outside]] = True
            if ctx.since is not None:
                # Unnamed and before the first period from `since`: closed history.
                t0 = np.clip(first, 0, len(opens) - 1)
                counts &= named | ((periods > 0) & (f_day >= opens[t0]))
        keep = np.flatnonzero(counts)
        group = f_block[keep] * max(int(size.max(initial=1)), 1) + stream[keep]
        by_stream = np.argsort(group, kind="stable")  # time order kept within a stream
        period = np.empty(len(keep), np.int64)
        fail = np.empty(len(keep), np.bool_)
        period[by_stream], fail[by_stream] = vector_assign(
            group[by_stream],
            label[keep][by_stream],
            f_day[keep][by_stream],
            (f_status[keep] != _RETURNED)[by_stream],
            periods[keep][by_stream],
            first[keep][by_stream],
            during[keep][by_stream],
            opens,
            closes,
        )
        bad[f_block[keep][fail]] = True
        walked |= bad & has_filings
        warned: list[tuple[int, int, Diagnostic]] = []
        records = self._walk(start, np.flatnonzero(walked), blocks, block, lo, hi, warned)
        for b, rows in records.items():
            length[b] = len(rows)
        row_start = np.cumsum(length) - length
        rows_total = int(length.sum())
        template = np.repeat(first_of - row_start, length).astype(np.int32)
        template += np.arange(rows_total, dtype=np.int32)
        row_lists = np.repeat(lists, length).astype(np.int32)
        kind = np.zeros(rows_total, np.int8)
        ref = np.zeros(rows_total, np.int32)
        day = np.zeros(rows_total, np.int32)
        good = ~bad[f_block[keep]]
        decided = keep[good]
        at = row_start[f_block[decided]] + period[good]
        status = f_status[decided]
        when = f_day[decided]
        position = self.position[fast[decided]]
        fills = status != _RETURNED
        alone = fills & ~f_several[decided]
        filled = at[alone]
        kind[filled] = np.where(
            status[alone] == _WAIVED,
            WAIVED,
            np.where(when[alone] > bank.due[template[filled]], LATE, DONE),
        )
        ref[filled] = position[alone]
        day[filled] = when[alone]
        shared = fills & f_several[decided]
        if shared.any():
            # A period owed to several recipients is satisfied once each has a filing: on
            # the day of the last of them.
            rows = at[shared]
            got = np.bincount(rows, minlength=rows_total)
            last = np.zeros(rows_total, np.int32)
            np.maximum.at(last, rows, when[shared])
            done = np.flatnonzero((got > 0) & (got == size[row_lists]))
            kind[done] = np.where(last[done] > bank.due[template[done]], LATE, DONE)
            day[done] = last[done]
        several = self._several(at, ~fills | f_several[decided], position, kind, ref)
        explicit: list[Status] = []
        if shared.any():
            # Received by some of its recipients: their places as bits (the table makes the
            # record when it is read).
            partial = np.flatnonzero((got > 0) & (got < size[row_lists]))
            received = np.zeros(rows_total, np.int32)
            np.bitwise_or.at(received, at[shared], np.left_shift(1, stream[decided][shared]))
            kind[partial] = PARTIAL
            day[partial] = received[partial]
        if records:
            held = np.fromiter(records, np.int64, len(records))
            n = length[held]
            rows_of = np.repeat(row_start[held] - (np.cumsum(n) - n), n) + np.arange(int(n.sum()))
            kind[rows_of] = EXPLICIT
            template[rows_of] = 0
            ref[rows_of] = len(explicit) + np.arange(len(rows_of))
            for rows in records.values():
                explicit += rows
        for b in np.flatnonzero(missing[lists]).tolist():
            obligation = self.plans[int(plan[b])].obligation
            a = ctx.registry.ids[self.target[start + int(blocks.agency[b])]]
            for gone in layout.lists[int(lists[b])][1]:
                warned.append((b, 0, ctx.missing(a, obligation, gone)))
        warned.sort(key=lambda w: (w[0], w[1]))
        columns = (
            np.repeat(blocks.agency.astype(np.int32), length),
            row_lists,
            template,
            kind,
            ref,
            day,
        )
        table = Table(
            bank,
            self.target[start:end],
            layout.recipients,
            self.filing_id,
            columns,
            several,
            explicit,
            self._ids_at,
        )
        about = blocks.agency
        return table, [(int(about[w[0]]), w[2]) for w in warned]

    @staticmethod
    def _several(
        at: NDArray[np.int64],
        marked: NDArray[np.bool_],
        position: NDArray[np.int32],
        kind: NDArray[np.int8],
        ref: NDArray[np.int32],
    ) -> Runs:
        """The rows that received returned filings, or filings to several recipients: their
        filings, in the order they came.

        *at* is the row of each filing placed (in (filed_on, line) order within a block),
        *marked* whether its row must list its filings, *position* its position.
        """
        listed = np.zeros(len(kind), np.bool_)
        listed[at[marked]] = True
        rows = np.flatnonzero(listed)
        if not len(rows):
            return Runs([], [])
        mine = np.flatnonzero(listed[at])
        mine = mine[np.argsort(at[mine], kind="stable")]
        kind[rows] |= SEVERAL
        ref[rows] = np.arange(len(rows))
        row = at[mine]
        cuts = [0, *(np.flatnonzero(row[1:] != row[:-1]) + 1).tolist(), len(row)]
        return Runs(position[mine].tolist(), cuts)

    def _walk(
        self,
        start: int,
        walked: NDArray[np.int64],
        blocks: Blocks,
        block: NDArray[np.int64],
        lo: int,
        hi: int,
        warned: list[tuple[int, int, Diagnostic]],
    ) -> dict[int, list[Status]]:
        """The records of blocks *walked*, each walked by :func:`assign` (the reference).

        *block* gives the block of each filing ``lo`` to ``hi`` of the run.
        """
        out: dict[int, list[Status]] = {}
        if not len(walked):
            return out
        ctx = self.ctx
        on, since = ctx.on, ctx.since
        filings = self.filings
        chosen = np.zeros(len(blocks.plan), np.bool_)
        chosen[walked] = True
        picked = np.flatnonzero(chosen[block])
        groups: dict[int, list[Filing]] = {}
        made = filings_at(filings, self.position[lo:hi][picked].astype(np.int64))
        for b, f in zip(block[picked].tolist(), made, strict=True):
            groups.setdefault(b, []).append(f)
        layout = self.layout
        for b in walked.tolist():
            j = layout.job(int(blocks.plan[b]), int(blocks.lists[b]))
            agency_id = self.target[start + int(blocks.agency[b])]
            plan = j.plan
            mine = groups.get(b, ())
            forms = j.forms
            if forms is None:
                periods, forms, windows = self.event_forms(plan, agency_id, j.recipients)
            else:
                periods, windows = plan.periods, j.windows
            if not mine:
                heads = repeat((agency_id,))
                fields_of = map(add, map(add, forms.before, heads), forms.after)
                out[b] = list(map(_new, repeat(Status), fields_of))
                continue
            got, misfits = assign(windows, j.recipients, mine, on, since)
            for n, placed in enumerate(misfits):
                warned.append((b, 1 + n, misfit_warning(placed, periods, j.recipients, on, since)))
            out[b] = block_records(got, forms, agency_id)
        return out


def status_tables(
    ctx: Context, agency: str | None, progress: Progress | None = None, exact: bool = False
) -> Iterator[Table]:
    """The records, :data:`CHUNK` agencies at a time (sorted by id); then the closing warnings.

    What :func:`~xzjd.engine.rows.status_rows` gives, as tables: the plans and the layout are
    made at once (errors in the ruleset or calendar are raised here), the tables as the
    returned iterator is read. With *exact*, every block with filings is walked.
    """
    _, plans, owed, target = owing(ctx, agency)
    core = Core(ctx, plans, owed, target, exact)
    tables = _tables(ctx, core, agency, progress)
    # provisional years noted as the record walk notes them (withheld in strict mode)
    return noting_provisional(ctx, tables, _table_years, _table_parts)


def _tables(
    ctx: Context, core: Core, agency: str | None, progress: Progress | None
) -> Iterator[Table]:
    """The tables of *core*, then the stray filings' warnings."""
    total = len(core.target)
    for start, table, warned in core.tables():
        if progress is None:
            ctx.warnings.extend(w for _, w in warned)
        else:
            # An agency's warnings come before it is reported done, as with the walk.
            at = 0
            for count in range(start, start + len(table.agencies)):
                while at < len(warned) and warned[at][0] <= count - start:
                    ctx.warnings.append(warned[at][1])
                    at += 1
                progress(count + 1, total)
        yield table
    ctx.warnings.extend(stray_warnings(ctx, core.order, core.stray, core.filings, agency))


def _table_years(table: Table) -> tuple[set[tuple[int, ...]], NDArray[np.bool_]]:
    provisional = table.provisional()
    return (table.years(provisional) if provisional.any() else set()), provisional


def _table_parts(table: Table, provisional: NDArray[np.bool_]) -> tuple[Table, Table]:
    return table.where(provisional), table.where(~provisional)
