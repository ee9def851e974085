# SPDX-License-Identifier: MIT
"""``xzjd report`` in a real browser: headless Chromium (Debian's package, which .ci/run
installs) opens the Yunnan 2010 report from a file, with every network request sent to a
proxy that does not exist, and writes its network log.

Checked: the page renders (the DOM is dumped and holds the headline, the chart, the heat map
and the table); the page asks for nothing but itself (no request the page made in the
network log; a control page with an image and a style sheet from elsewhere shows that such
requests are logged and caught); the figures of the rendered DOM equal those of
``xzjd stats --format json`` for the same inputs; a screenshot is a PNG of the window's size.

Chromium makes requests of its own (its clock, its account check) whatever page it shows;
the network log marks them as initiated by no origin (``"initiator": "not an origin"``),
while a page opened from a file initiates its requests from the opaque origin ``null``.

Without Chromium the tests are skipped, unless the environment variable ``CI`` is set: then
they fail, so that CI cannot pass without running them.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from xzjd.cli import main

# Real Chromium processes, some seconds each.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
YUNNAN = ROOT / "examples" / "yunnan-2010"
INPUTS = [
    str(YUNNAN / "rules.zh.xzjd"),
    "--agencies",
    str(YUNNAN / "agencies.csv"),
    "--filings",
    str(YUNNAN / "filings.csv"),
    "--events",
    str(YUNNAN / "events.csv"),
    "--from",
    "2010-03-01",
    "--to",
    "2010-11-15",
]
WINDOW = (1200, 1600)


def chromium() -> str:
    """The Chromium to run; a skip (or, under CI, a failure) without one."""
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None
    )
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but Chromium is missing: .ci/run installs it (apt chromium)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return found


def run_chromium(page: Path, tmp: Path, *action: str) -> tuple[str, dict[str, Any]]:
    """Open *page* headless; the standard output and the network log."""
    profile = tmp / "profile"
    log = tmp / "net.json"
    done = subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            # Any request goes to a proxy that is not there: nothing leaves the machine.
            "--proxy-server=127.0.0.1:9",
            f"--log-net-log={log}",
            *action,
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    text = log.read_text(encoding="utf-8")
    try:
        net: dict[str, Any] = json.loads(text)
    except json.JSONDecodeError:
        # A log cut short ends after an event: close the list and the object.
        net = json.loads(text.rstrip().rstrip(",") + "]}")
    return done.stdout, net


def page_requests(net: dict[str, Any]) -> list[str]:
    """The URLs of the requests the page made (not those Chromium makes for itself)."""
    names = {v: k for k, v in net["constants"]["logEventTypes"].items()}
    return [
        e["params"]["url"]
        for e in net["events"]
        if names.get(e["type"]) == "URL_REQUEST_START_JOB"
        and "url" in e.get("params", {})  # the event's start (its end has only the result)
        and e["params"].get("initiator") != "not an origin"
    ]


class Dom(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def with_class(self, tag: str, cls: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and cls in a.get("class", "").split()]


def stats_json(capsys: pytest.CaptureFixture[str], *more: str) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["stats", *INPUTS, *more, "--format", "json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def rate(text: str) -> float | None:
    return float(text) if text else None


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chromium()
    out = tmp_path_factory.mktemp("report") / "yunnan.html"
    options = ["--by", "region", "--every", "quarter", "--lang", "zh", "--html", str(out)]
    code = main(["report", *INPUTS, *options])
    assert code == 0
    return out


def test_renders_offline_and_matches_the_stats_json(
    report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dumped, net = run_chromium(report, tmp_path, "--dump-dom")
    assert page_requests(net) == []
    dom = Dom()
    dom.feed(dumped)
    shown = "".join(dom.text)
    assert "云南省行政行为监督制度 2010 · 行政监督统计" in shown
    assert {"headline", "regions", "heatmap", "stats", "overdue", "sources"} <= {
        a.get("id") for _, a in dom.tags
    }
    assert any(t == "svg" for t, _ in dom.tags)

    data = stats_json(capsys, "--by", "region", "--every", "quarter")
    rows = dom.with_class("tr", "stats-row")
    assert len(rows) == len(data["rows"]) == 17 * 4  # 16 prefectures + the province, Q1..Q4
    for r, j in zip(rows, data["rows"], strict=True):
        assert (r["data-group"], r["data-interval"]) == (j["group"], j["interval"])
        for key in ("due", "on_time", "late", "overdue", "waived", "open"):
            assert int(r["data-" + key.replace("_", "-")]) == j[key], (j["group"], key)
        assert rate(r["data-rate"]) == j["rate"]
        assert (int(r["data-rank"]) if r["data-rank"] else None) == j["rank"]
        assert (r["data-rating"] or None) == j["rating"]
    (head,) = [a for _, a in dom.tags if a.get("id") == "headline"]
    for key in ("due", "on_time", "late", "overdue", "waived", "open"):
        assert int(head["data-" + key.replace("_", "-")]) == sum(j[key] for j in data["rows"])
    judged = sum(j["on_time"] + j["late"] + j["overdue"] for j in data["rows"])
    assert rate(head["data-rate"]) == sum(j["on_time"] for j in data["rows"]) / judged
    bars = {
        (b["data-group"], b["data-interval"]): rate(b["data-rate"])
        for b in dom.with_class("rect", "bar")
    }
    assert bars == {(j["group"], j["interval"]): j["rate"] for j in data["rows"]}

    monthly = stats_json(capsys, "--by", "agency", "--every", "month")
    heat = {(c["data-group"], c["data-interval"]): c for c in dom.with_class("td", "heat")}
    assert len(heat) == len(monthly["rows"])
    for j in monthly["rows"]:
        cell = heat[(j["group"], j["interval"])]
        assert (int(cell["data-due"]), rate(cell["data-rate"])) == (j["due"], j["rate"])


def test_a_page_that_loads_from_elsewhere_is_caught(tmp_path: Path) -> None:
    """The control: the same browser and log catch a page's image and style sheet."""
    page = tmp_path / "loads.html"
    page.write_text(
        '<!DOCTYPE html><p>x</p><img src="http://example.invalid/a.png">'
        '<link rel="stylesheet" href="https://example.invalid/a.css">',
        encoding="utf-8",
    )
    _, net = run_chromium(page, tmp_path, "--dump-dom")
    assert sorted(page_requests(net)) == [
        "http://example.invalid/a.png",
        "https://example.invalid/a.css",
    ]


def test_screenshot(report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    size = f"--window-size={WINDOW[0]},{WINDOW[1]}"
    _, net = run_chromium(report, tmp_path, "--hide-scrollbars", size, f"--screenshot={shot}")
    assert page_requests(net) == []
    head = shot.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", head[16:24]) == WINDOW
