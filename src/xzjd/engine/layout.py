# SPDX-License-Identifier: MIT
"""Which obligations each agency owes on one evaluation date, and to whom, as arrays.

The records of an agency are those of its *blocks*, one per obligation it owes, in
obligation order; a block holds the periods of the obligation's plan, owed to a *recipient
list* (the recipients resolved in the agency's region, and per system (条线) for counterpart
recipients, as :func:`~xzjd.engine.plan.jobs_for` resolves them; an agency never files with
itself, so one that is among its own recipients gets the list without it).

:class:`Layout` numbers the distinct recipient lists, groups the agencies by region, system
and obligations owed into *profiles*, and gives the blocks of any run of agencies by array
operations: Python resolves each distinct (place, recipients written in the rule) once.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from xzjd.engine.bind import Context
from xzjd.engine.plan import Job, Plan, job_of
from xzjd.engine.table import Bank
from xzjd.facts.agencies import has_counterpart
from xzjd.model import Recipient

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["ANY", "UNNAMED", "Blocks", "Layout"]

#: A recipient list's code when it is empty (a filing to anyone fits), and when its one
#: recipient is named by no filing (a filing naming a recipient does not fit).
ANY, UNNAMED = -2, -3


def _distinct(keys: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The distinct *keys* (at least 0), sorted, and the place of each key among them: what
    ``np.unique(keys, return_inverse=True)`` gives, by a table rather than a sort when the
    keys are small."""
    if not len(keys) or int(keys.max()) >= 4 * len(keys) + 65536:
        distinct, inverse = np.unique(keys, return_inverse=True)
        return distinct, inverse.reshape(-1)
    seen = np.zeros(int(keys.max()) + 1, np.bool_)
    seen[keys] = True
    return np.flatnonzero(seen), (np.cumsum(seen) - 1)[keys]


class Blocks:
    """The blocks of a run of agencies, in record order: the agency (its index in the run),
    the plan (its position in the layout's plans) and the recipient list of each."""

    __slots__ = ("agency", "first", "lists", "plan")

    def __init__(
        self,
        agency: NDArray[np.int64],
        plan: NDArray[np.int64],
        lists: NDArray[np.int64],
        first: NDArray[np.int64],
    ) -> None:
        self.agency = agency
        self.plan = plan
        self.lists = lists
        #: The first block of each agency of the run.
        self.first = first


class Layout:
    """The blocks of the agencies *target* (sorted ids) on one evaluation date.

    *plans* are the plans of the ruleset's obligations sorted by id; *owed* gives, for each
    agency, the positions in *plans* of the obligations it owes; *codes* the code of each
    recipient named in the filing columns. The templates of every period of every plan go
    to *bank*. With *exact*, no block is left to the vector path.
    """

    def __init__(
        self,
        ctx: Context,
        plans: Sequence[Plan],
        owed: dict[str, tuple[int, ...]],
        target: Sequence[str],
        codes: dict[str, int],
        bank: Bank,
        exact: bool = False,
    ) -> None:
        self.ctx = ctx
        self.plans = plans
        self.target = target
        self._codes = codes
        #: The recipient lists: the recipients that exist, and those that do not.
        self.lists: list[tuple[tuple[str, ...], tuple[Recipient, ...]]] = []
        #: The recipients of each list (numbered as :attr:`lists`; lists are only added).
        self.recipients: list[tuple[str, ...]] = []
        self._numbers: dict[tuple[tuple[str, ...], tuple[Recipient, ...]], int] = {}
        self._without: dict[int, int] = {}
        self._jobs: dict[tuple[int, int], Job] = {}
        self._code: list[int] = []
        self._size: list[int] = []
        self._missing: list[bool] = []
        self._members_of = 0  # the lists whose members are in the keys
        self._member_keys: NDArray[np.int64] = np.zeros(0, np.int64)
        self._member_places: NDArray[np.int64] = np.zeros(0, np.int64)
        self._plan_facts(bank, exact)
        self._profiles(owed)

    # ------------------------------------------------------------------ plans

    def _plan_facts(self, bank: Bank, exact: bool) -> None:
        plans = self.plans
        static = [p.event is None for p in plans]
        monotonic = [all(a <= b for a, b in itertools.pairwise(p.windows.opens)) for p in plans]
        #: Whether each plan's obligation is event-based (its periods are the agency's own).
        self.event: NDArray[np.bool_] = ~np.array(static, np.bool_)
        #: The number of periods of each plan (0 for an event-based one).
        self.length: NDArray[np.int64] = np.array([len(p.periods) for p in plans], np.int64)
        #: The template of each plan's first period.
        self.template: NDArray[np.int64] = np.array(
            [
                bank.first(p.forms_for(()), p.windows.opens, p.windows.closes) if s else 0
                for p, s in zip(plans, static, strict=True)
            ],
            np.int64,
        )
        #: Whether the vector path may decide a plan's blocks (with one recipient or none).
        self.fast: NDArray[np.bool_] = np.array(
            [not exact and s and m for s, m in zip(static, monotonic, strict=True)], np.bool_
        )
        #: Whether a filing must fall inside its period's window (``during``).
        self.during: NDArray[np.bool_] = np.array([p.during for p in plans], np.bool_)

    # ------------------------------------------------------------------ profiles

    def _profiles(self, owed: dict[str, tuple[int, ...]]) -> None:
        """Each agency's profile (region, system, obligations owed); each profile's blocks."""
        ctx = self.ctx
        plans = self.plans
        counterpart = np.array(
            [
                p.obligation.action is not None and has_counterpart(p.obligation.action.recipients)
                for p in plans
            ],
            np.bool_,
        )
        specs: dict[tuple[Recipient, ...], int] = {}
        spec = np.array(
            [
                specs.setdefault(
                    () if p.obligation.action is None else p.obligation.action.recipients,
                    len(specs),
                )
                for p in plans
            ],
            np.int64,
        )
        self._specs = list(specs)
        codes = ctx.registry.codes
        target = self.target
        n = len(target)
        #: Each agency's position in the registry (:class:`~xzjd.facts.agencies.AgencyCodes`).
        self.position = np.fromiter(map(codes.position.__getitem__, target), np.int64, n)
        # Each registry position's index in the target, -1 if none; -1 at the end too.
        self._at = np.full(len(codes.ids) + 1, -1, np.int64)
        self._at[self.position] = np.arange(n)
        by_system = bool(counterpart.any())
        self._regions = codes.regions
        self._systems = codes.systems if by_system else (None,)
        n_regions = self._n_regions = max(len(self._regions), 1)
        n_systems = len(self._systems)
        region_of = codes.region[self.position].astype(np.int64)
        system_of = codes.system[self.position] if by_system else np.zeros(n, np.int32)
        # The sets of obligations owed: one object for the agencies of one profile of Facts.owed,
        # so grouped by identity first, then the distinct objects by value.
        owed_of = np.fromiter(map(id, map(owed.__getitem__, target)), np.int64, n)
        _, first, set_of = np.unique(owed_of, return_index=True, return_inverse=True)
        sets: dict[tuple[int, ...], int] = {}
        again = [sets.setdefault(owed[target[i]], len(sets)) for i in first.tolist()]
        set_of = np.array(again, np.int64)[set_of.reshape(-1)]
        n_sets = max(len(sets), 1)
        key = (region_of * n_systems + system_of) * n_sets + set_of
        profiles, self.profile = _distinct(key)
        region = profiles // n_sets // n_systems
        system = profiles // n_sets % n_systems
        owed_set = profiles % n_sets
        # The obligations of each set of obligations owed, one after the other.
        set_list = list(sets)
        set_count = np.array([len(s) for s in set_list], np.int64)
        set_first = np.cumsum(set_count) - set_count
        set_flat = np.array([i for s in set_list for i in s], np.int64)
        #: Each profile's blocks: ``block_plan[first[p] : first[p] + count[p]]``.
        self.count: NDArray[np.int64] = set_count[owed_set]
        self.first: NDArray[np.int64] = np.cumsum(self.count) - self.count
        total = int(self.count.sum())
        entry_profile = np.repeat(np.arange(len(profiles)), self.count)
        within = np.arange(total) - self.first[entry_profile]
        self.block_plan: NDArray[np.int64] = set_flat[set_first[owed_set[entry_profile]] + within]
        # Where each block's recipients are resolved: the region, or the region and system.
        place = np.where(
            counterpart[self.block_plan],
            n_regions * (1 + system[entry_profile]) + region[entry_profile],
            region[entry_profile],
        )
        wanted, where = _distinct(place * len(specs) + spec[self.block_plan])
        resolved = self._resolve(wanted)
        self.block_list: NDArray[np.int64] = np.array(resolved, np.int64)[where]
        # For each profile and plan: the position of the plan's block in the profile, or -1.
        self.slot: NDArray[np.int64] = np.full((len(profiles), len(plans)), -1, np.int64)
        self.slot[entry_profile, self.block_plan] = within
        lists = self.lists
        flat = [r for recipients, _ in lists for r in recipients]
        found = np.fromiter(
            map(codes.position.get, flat, itertools.repeat(-1)), np.int64, len(flat)
        )
        at = self._at[found]
        number = np.repeat(np.arange(len(lists)), [len(r) for r, _ in lists])[at >= 0]
        # The agencies among their own recipients, as keys ``agency * lists + list``.
        self._selves = np.unique(at[at >= 0] * len(lists) + number)
        self._listed = len(lists)

    def _resolve(self, wanted: NDArray[np.int64]) -> list[int]:
        """The numbers of the recipient lists *wanted*, each ``place * specs + spec``: the
        recipients *spec* written in the rule, owed in *place* (a region, or a region and a
        system); the registry asked once per spec and system."""
        registry = self.ctx.registry
        n_specs, regions, systems = len(self._specs), self._regions, self._systems
        place, spec = wanted // n_specs, wanted % n_specs
        region = place % self._n_regions
        system = place // self._n_regions  # 0: none asked; else 1 + the system's code
        found: list[tuple[tuple[str, ...], tuple[Recipient, ...]]] = [((), ())] * len(wanted)
        group = spec * (len(systems) + 1) + system
        for g in np.unique(group).tolist():
            recipients = self._specs[g // (len(systems) + 1)]
            if not recipients:
                continue
            s = g % (len(systems) + 1)
            at = np.flatnonzero(group == g).tolist()
            asked = [regions[r] for r in region[at].tolist()]
            got = registry.regions_recipients(asked, recipients, systems[s - 1] if s else None)
            for i, lists in zip(at, got, strict=True):
                found[i] = lists
        return [self._number(*f) for f in found]

    def _number(self, recipients: tuple[str, ...], missing: tuple[Recipient, ...]) -> int:
        key = (recipients, missing)
        found = self._numbers.get(key)
        if found is None:
            found = self._numbers[key] = len(self.lists)
            self.lists.append(key)
            self.recipients.append(recipients)
            self._code.append(ANY if not recipients else self._codes.get(recipients[0], UNNAMED))
            self._size.append(len(recipients))
            self._missing.append(bool(missing))
        return found

    def list_facts(self) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.bool_]]:
        """For each recipient list so far: its code (that of its one recipient, or
        :data:`ANY`, or :data:`UNNAMED`), its number of recipients, whether it has
        recipients that do not exist."""
        return (
            np.array(self._code, np.int64),
            np.array(self._size, np.int64),
            np.array(self._missing, np.bool_),
        )

    # ------------------------------------------------------------------ blocks

    def blocks(self, start: int, end: int) -> Blocks:
        """The blocks of agencies ``target[start:end]``."""
        profile = self.profile[start:end]
        count = self.count[profile]
        first = np.cumsum(count) - count
        entry = np.repeat(self.first[profile] - first, count) + np.arange(int(count.sum()))
        agency = np.repeat(np.arange(end - start), count)
        lists = self.block_list[entry]
        if len(self._selves):
            key = (agency + start) * self._listed + lists
            selves = self._selves
            near = np.minimum(np.searchsorted(selves, key), len(selves) - 1)
            hit = np.flatnonzero(selves[near] == key)
            if len(hit):
                distinct, inverse = np.unique(key[hit], return_inverse=True)
                without = [self._without_self(k) for k in distinct.tolist()]
                lists[hit] = np.array(without, np.int64)[inverse.reshape(-1)]
        return Blocks(agency, self.block_plan[entry], lists, first)

    def _without_self(self, key: int) -> int:
        """The recipient list of *key* (``agency * lists + list``, an agency of the target
        among the recipients of the list) without that agency."""
        found = self._without.get(key)
        if found is None:
            agency, number = divmod(key, self._listed)
            recipients, missing = self.lists[number]
            me = self.target[agency]
            found = self._without[key] = self._number(
                tuple(r for r in recipients if r != me), missing
            )
        return found

    def at(self, agencies: Sequence[str]) -> NDArray[np.int64]:
        """The index in the target of each of the agency ids *agencies*, or -1."""
        position = self.ctx.registry.codes.position
        found = np.fromiter(
            map(position.get, agencies, itertools.repeat(-1)), np.int64, len(agencies)
        )
        return self._at[found]

    def member(self, lists: NDArray[np.int64], codes: NDArray[np.int32]) -> NDArray[np.int64]:
        """The place of recipient *codes* (of the filing columns) in recipient *lists* of
        several recipients, or -1 where it is not one of them."""
        if self._members_of != len(self.lists):
            # The lists numbered since the last call, added to the sorted keys.
            keys: list[int] = []
            places: list[int] = []
            span = len(self._codes) + 1
            for n in range(self._members_of, len(self.lists)):
                recipients = self.lists[n][0]
                if len(recipients) > 1:
                    for i, r in enumerate(recipients):
                        c = self._codes.get(r)
                        if c is not None:
                            keys.append(n * span + c)
                            places.append(i)
            all_keys = np.concatenate((self._member_keys, np.array(keys, np.int64)))
            all_places = np.concatenate((self._member_places, np.array(places, np.int64)))
            order = np.argsort(all_keys, kind="stable")
            self._member_keys = all_keys[order]
            self._member_places = all_places[order]
            self._members_of = len(self.lists)
        keys_ = self._member_keys
        if not len(keys_):
            return np.full(len(lists), -1, np.int64)
        wanted = lists * (len(self._codes) + 1) + codes
        at = np.minimum(np.searchsorted(keys_, wanted), len(keys_) - 1)
        return np.where((keys_[at] == wanted) & (codes >= 0), self._member_places[at], -1)

    def job(self, plan: int, number: int) -> Job:
        """The :class:`~xzjd.engine.plan.Job` of *plan* owed to recipient list *number*."""
        found = self._jobs.get((plan, number))
        if found is None:
            found = self._jobs[plan, number] = job_of(self.plans[plan], *self.lists[number])
        return found
