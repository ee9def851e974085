# SPDX-License-Identifier: MIT
"""The partitioned run on Dask (xzjd.dask): equal row for row, and warning for warning, to
one run of xzjd.evaluate, on Dask's local scheduler (and on a dask.distributed cluster in
this process when that package is installed).

As in tests/test_partition.py, nothing is worked out by hand here: the single run is the
reference, and its dates are checked by hand elsewhere.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from bench import dask_run

import xzjd
import xzjd.dask as xdask
from partition_inputs import FILINGS, GENERATED_ON, generated_inputs, small_inputs
from xzjd.errors import InputError

D = dt.date

pytest.importorskip("dask")


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    # The rules as loaded: the Dask run checks them itself.
    return small_inputs(tmp_path_factory.mktemp("dask"), checked=False)


@pytest.mark.parametrize("scheduler", ["sync", "threads"])
@pytest.mark.parametrize("on", [D(2025, 3, 20), D(2027, 2, 10)])
def test_small_registry_on_the_local_scheduler(
    small: dict[str, object], scheduler: str, on: dt.date
) -> None:
    args = (small["rules"], small["agencies"], small["filings"])
    one = xzjd.evaluate(*args, on=on, events=small["events"])  # type: ignore[arg-type]
    two = xdask.evaluate_dask(*args, on=on, events=small["events"], scheduler=scheduler)  # type: ignore[arg-type]
    assert list(two) == list(one)
    assert two.warnings == one.warnings
    assert len(one.warnings) >= 8


def test_generated_registry_on_the_local_scheduler(tmp_path: Path) -> None:
    """The issue's check at small scale: the bench's registry, Dask against one run."""
    inputs = generated_inputs(tmp_path, seed=23)
    args = (inputs["rules"], inputs["agencies"], inputs["filings"])
    on = GENERATED_ON
    one = xzjd.evaluate(*args, on=on, events=inputs["events"])  # type: ignore[arg-type]
    two = xdask.evaluate_dask(*args, on=on, events=inputs["events"])  # type: ignore[arg-type]
    assert len(one) > 10_000
    assert list(two) == list(one)
    assert two.warnings == one.warnings


def test_bad_input_is_the_single_runs_error(small: dict[str, object]) -> None:
    root = small["root"]
    assert isinstance(root, Path)
    bad = root / "bad.csv"
    bad.write_text(FILINGS + "F15,c2-tj,monthy,2025-02-05,,,\n", encoding="utf-8")
    args = (small["rules"], small["agencies"], xzjd.read_filings(bad))
    with pytest.raises(InputError) as single:
        xzjd.evaluate(*args, on=D(2025, 3, 20), events=small["events"])  # type: ignore[arg-type]
    with pytest.raises(InputError) as cut:
        xdask.evaluate_dask(*args, on=D(2025, 3, 20), events=small["events"], scheduler="sync")  # type: ignore[arg-type]
    assert cut.value.diagnostics == single.value.diagnostics


def test_without_dask_the_error_says_how_to_install_it(
    small: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xdask, "_HAVE_DASK", False)
    with pytest.raises(xdask.DaskMissingError) as found:
        xdask.evaluate_dask(small["rules"], small["agencies"], on=D(2025, 3, 20))  # type: ignore[arg-type]
    assert found.value.code == "engine/dask-missing"
    assert "pip install 'xzjd[dask]'" in (found.value.hint or "")
    assert isinstance(found.value, xzjd.XzjdError)


@pytest.mark.slow  # starts a dask.distributed scheduler and workers in this process
def test_a_distributed_client(small: dict[str, object]) -> None:
    distributed = pytest.importorskip("distributed")
    args = (small["rules"], small["agencies"], small["filings"])
    on = D(2025, 3, 20)
    one = xzjd.evaluate(*args, on=on, events=small["events"])  # type: ignore[arg-type]
    with (
        distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False) as cluster,
        distributed.Client(cluster) as client,
    ):
        two = xdask.evaluate_dask(*args, on=on, events=small["events"], client=client)  # type: ignore[arg-type]
    assert list(two) == list(one)
    assert two.warnings == one.warnings


def test_bench_script_compares_both_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``python -m bench.dask_run`` end to end on a small registry (no timing is checked)."""
    out = tmp_path / "figures.json"
    argv = ["--agencies", "300", "--engine", "sync", "--data", str(tmp_path), "--out", str(out)]
    assert dask_run.main(argv) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["agencies"] == 300
    assert figures["equal_rows"] is True
    assert figures["equal_warnings"] is True
    assert figures["partitions"] >= 2
