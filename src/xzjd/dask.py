# SPDX-License-Identifier: MIT
"""Evaluation partitioned by region, run through Dask (the ``xzjd[dask]`` extra).

:func:`evaluate_dask` cuts the inputs into partitions (:mod:`xzjd.engine.partition`), makes
one ``dask.delayed`` task of :func:`~xzjd.engine.partition.evaluate_partition` per
partition, computes them with Dask's local scheduler (or the ``dask.distributed.Client``
given) and merges the results: what :func:`xzjd.evaluate` returns for the same inputs, row
for row. docs/scaling.md tells how to run it on a cluster.

Dask is imported here only, and only this module needs it: without the extra,
:func:`evaluate_dask` raises :class:`DaskMissingError`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from xzjd.engine.evaluator import Rules
from xzjd.engine.partition import Partition, PartitionResult, evaluate_partitioned
from xzjd.engine.records import Statuses
from xzjd.errors import ExplainedError
from xzjd.facts.agencies import Agency, Registry
from xzjd.facts.tables import Event, Filing
from xzjd.periods import CalendarLike

try:
    from dask.base import compute as _compute
    from dask.delayed import delayed as _delayed

    _HAVE_DASK = True
except ImportError:  # the extra is not installed: evaluate_dask says so
    _HAVE_DASK = False

__all__ = ["DaskMissingError", "evaluate_dask"]


class DaskMissingError(ExplainedError):
    """Dask is not installed (``pip install 'xzjd[dask]'``)."""

    default_code = "engine/dask-missing"


def evaluate_dask(
    rules: Rules,
    agencies: Registry | Iterable[Agency],
    filings: Iterable[Filing] = (),
    *,
    on: dt.date,
    events: Iterable[Event] = (),
    since: dt.date | None = None,
    calendar: CalendarLike | None = None,
    provisional: bool = True,
    partition_depth: int = 2,
    client: Any = None,
    scheduler: str | None = None,
) -> Statuses:
    """:func:`xzjd.evaluate`, one Dask task per region (the first *partition_depth* levels of
    the agencies' region paths).

    Args:
        rules, agencies, filings, on, events, since, calendar, provisional: as
            :func:`xzjd.evaluate`.
        partition_depth: how many levels of the region path make a partition's key: 2 is
            one task per prefecture (with its counties) and one per province.
        client: a ``dask.distributed.Client``: the tasks run on its cluster, whose workers
            must have xzjd installed. ``None``: Dask's local scheduler.
        scheduler: the local scheduler, when there is no client: ``"threads"``,
            ``"processes"`` or ``"sync"`` (default: Dask's, threads for delayed tasks).

    Returns:
        The statuses, sorted by agency, obligation, deadline, with the warnings: equal to
        :func:`xzjd.evaluate`'s (docs/scaling.md says where the warnings' order can differ).

    Raises:
        DaskMissingError: Dask is not installed.
        what :func:`xzjd.evaluate` raises for these inputs.
    """
    if not _HAVE_DASK:
        raise DaskMissingError(
            "the partitioned run needs Dask, which is not installed",
            hint="install the extra: pip install 'xzjd[dask]'",
            message_zh="分区运行需要 Dask，但未安装",
            hint_zh="请安装可选依赖：pip install 'xzjd[dask]'",
        )

    def run(job: Any, parts: Sequence[Partition]) -> list[PartitionResult]:
        # The job (the rules and the date) is one node of the graph, sent once per worker.
        # Keys are named here: Dask would otherwise hash every filing to name them.
        run_id = uuid.uuid4().hex
        shared = _delayed(job, name=f"xzjd-job-{run_id}")
        tasks = [
            shared(part, dask_key_name=f"xzjd-partition-{run_id}-{n}")
            for n, part in enumerate(parts)
        ]
        if client is not None:
            done: list[PartitionResult] = client.gather(client.compute(tasks))
            return done
        compute: Any = _compute  # untyped
        return list(compute(*tasks, scheduler=scheduler))

    return evaluate_partitioned(
        rules,
        agencies,
        filings,
        on=on,
        events=events,
        since=since,
        calendar=calendar,
        provisional=provisional,
        depth=partition_depth,
        run=run,
    )
