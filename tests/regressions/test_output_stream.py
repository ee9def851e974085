# SPDX-License-Identifier: MIT
"""Issue 12, silent loss: the report is written as a stream and every write is checked.

Before, the whole report was built as one string and written in one call; above 2 GiB the
write stopped at 2,147,479,552 bytes (Linux's cap on one ``write(2)``), mid-character, and
the run exited 0. Now each format is written piece by piece through
``xzjd.views.output.CheckedStream``: a stream that takes only part of a piece is given the rest, one
that takes nothing or fails (``ENOSPC``) ends the run with status 74 and a message, never 0.
No test writes 2 GiB: fake streams take part of a write or fail, and ``/dev/full`` fails
every write with ``ENOSPC`` as a full disk does.
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import xzjd
from xzjd.cli import data_commands as data_commands
from xzjd.cli import main
from xzjd.engine import State, Status
from xzjd.errors import CalendarError, OutputError
from xzjd.model import Step
from xzjd.views.output import EXIT_OUTPUT, CheckedStream
from xzjd.views.records import iter_csv, iter_json, render_csv, render_json
from xzjd.views.table import iter_table, render_table
from yunnan_inputs import CHECK

ROOT = Path(__file__).resolve().parents[2]
YUNNAN = ROOT / "examples" / "yunnan-2010"
AGENDA = [
    "agenda",
    str(YUNNAN / "rules.zh.xzjd"),
    "--agencies",
    str(YUNNAN / "agencies.csv"),
    "--agency",
    "km-gov",
    "--events",
    str(YUNNAN / "events.csv"),
    "--from",
    "2010-01-01",
    "--to",
    "2010-12-31",
]


def yunnan_statuses() -> list[Status]:
    return list(
        xzjd.evaluate(
            xzjd.load(str(YUNNAN / "rules.zh.xzjd")),
            xzjd.read_agencies(str(YUNNAN / "agencies.csv")),
            xzjd.read_filings(str(YUNNAN / "filings.csv")),
            on=dt.date(2010, 11, 15),
            events=xzjd.read_events(str(YUNNAN / "events.csv")),
        )
    )


# --------------------------------------------------------------------------- fake streams


class Recording(io.StringIO):
    """Takes every write whole and remembers the size of each."""

    def __init__(self) -> None:
        super().__init__()
        self.sizes: list[int] = []

    def write(self, text: str) -> int:
        self.sizes.append(len(text))
        return super().write(text)


class Dribbling(io.StringIO):
    """Takes at most *limit* characters of each write, as write(2) may take part of a buffer."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.calls = 0

    def write(self, text: str) -> int:
        self.calls += 1
        return super().write(text[: self.limit])


class Full(io.StringIO):
    """Takes *room* characters, then fails as a full disk does (or takes nothing)."""

    def __init__(self, room: int, *, fail: bool = True) -> None:
        super().__init__()
        self.room = room
        self.fail = fail

    def write(self, text: str) -> int:
        if self.room <= 0:
            if self.fail:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return 0
        taken = text[: self.room]
        self.room -= len(taken)
        return super().write(taken)


class CappedFile(io.RawIOBase):
    """An unbuffered file whose write(2) takes at most *cap* bytes a call (Linux takes at
    most 2,147,479,552)."""

    def __init__(self, cap: int) -> None:
        super().__init__()
        self.cap = cap
        self.data = bytearray()
        self.calls = 0

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        chunk = bytes(data)  # type: ignore[call-overload]
        self.calls += 1
        taken = chunk[: self.cap]
        self.data += taken
        return len(taken)


class FailingFlush(io.StringIO):
    """Takes every write; the flush fails (EIO), as when buffered data cannot be stored."""

    def flush(self) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))


def run_main(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    stream: io.StringIO,
    args: list[str],
) -> tuple[int, str]:
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdout", stream)
    code = main(args)
    monkeypatch.undo()
    return code, capsys.readouterr().err


# --------------------------------------------------------------------------- the writer


class TestCheckedStream:
    def test_partial_writes_are_completed(self) -> None:
        """A stream that takes 3 characters a call still receives the whole text, in order."""
        target = Dribbling(3)
        out = CheckedStream(target)
        # 6 + 7 + 1 = 14 characters, 3 at a time: 5 calls (3+3+3+3+2).
        assert out.write("云南省监察厅 report\n") == 14
        assert target.getvalue() == "云南省监察厅 report\n"
        assert target.calls == 5
        assert out.written == 14

    def test_unbuffered_stdout_short_write_is_completed(self) -> None:
        """The 2 GiB truncation in small. Unbuffered (python -u, PYTHONUNBUFFERED=1), stdout
        is a TextIOWrapper straight on the file, and TextIOWrapper gives each write to the
        file once, dropping what a short write left over: with a file that takes 10 bytes a
        call, "云南省监察厅" comes out as "云南省" and a third of a character. The checked
        stream encodes and writes the bytes itself, the rest after each short write."""
        plain_file = CappedFile(10)
        plain = io.TextIOWrapper(plain_file, encoding="utf-8", write_through=True)
        plain.write("云南省监察厅 report\n")
        plain.flush()
        # 10 bytes: three 3-byte characters and the first byte of 监 (E7 9B 91).
        assert bytes(plain_file.data) == "云南省".encode() + b"\xe7"

        checked_file = CappedFile(10)
        out = CheckedStream(io.TextIOWrapper(checked_file, encoding="utf-8", write_through=True))
        out.write("云南省监察厅 report\n")
        out.flush()
        assert bytes(checked_file.data) == "云南省监察厅 report\n".encode()
        # 6 x 3 + 8 = 26 bytes, 10 a call: 3 calls.
        assert checked_file.calls == 3
        assert out.written == 14

    def test_unbuffered_file_that_takes_nothing_is_an_error(self) -> None:
        out = CheckedStream(io.TextIOWrapper(CappedFile(0), encoding="utf-8", write_through=True))
        with pytest.raises(OutputError, match="after 0 bytes: the output took no more data"):
            out.write("x")  # gathered (up to 64 KiB) ...
            out.flush()  # ... and written here

    def test_a_stream_that_takes_nothing_is_an_error(self) -> None:
        """Taking part of a write and then nothing is an incomplete output, with the count."""
        out = CheckedStream(Full(5, fail=False))
        with pytest.raises(OutputError) as info:
            out.write("0123456789")
        assert info.value.diagnostic.code == "output/incomplete"
        assert "after 5 characters" in str(info.value)
        assert "took no more data" in str(info.value)

    def test_enospc_is_an_error(self) -> None:
        """ENOSPC from the stream is an OutputError naming the cause and the count."""
        out = CheckedStream(Full(4))
        with pytest.raises(OutputError) as info:
            out.write("abcdefgh")
        text = info.value.render()
        assert text.startswith("<stdout>: error[output/incomplete]: ")
        assert "after 4 characters: No space left on device" in text
        assert "hint: " in text

    def test_flush_is_checked(self) -> None:
        out = CheckedStream(FailingFlush())
        out.write("x")
        with pytest.raises(OutputError, match="Input/output error"):
            out.flush()

    def test_broken_pipe_passes_through(self) -> None:
        """The reader going away is not an output error: the command line stops quietly."""

        class Closed(io.StringIO):
            def write(self, text: str) -> int:
                raise BrokenPipeError(errno.EPIPE, "Broken pipe")

        with pytest.raises(BrokenPipeError):
            CheckedStream(Closed()).write("x")

    def test_unencodable_character_is_a_clear_error(self) -> None:
        """A strict Latin-1 stream given 云 is an OutputError with a hint, not a traceback."""
        raw = io.BytesIO()
        latin = io.TextIOWrapper(raw, encoding="latin-1", errors="strict", write_through=True)
        with pytest.raises(OutputError) as info:
            CheckedStream(latin).write("km-gov 云南")
        assert "latin-1 cannot encode '\\u4e91\\u5357'" in str(info.value)
        assert "PYTHONIOENCODING=utf-8" in str(info.value)


# --------------------------------------------------------------------------- the command line


class TestCommandLine:
    @pytest.mark.parametrize("fmt", ["table", "json", "csv"])
    def test_disk_full_is_exit_74(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fmt: str
    ) -> None:
        """ENOSPC after 1,000 characters: status 74, the count and the cause on stderr."""
        code, err = run_main(monkeypatch, capsys, Full(1000), [*CHECK, "--format", fmt])
        assert code == EXIT_OUTPUT == 74
        assert "<stdout>: error[output/incomplete]: the output is incomplete: writing failed" in err
        assert "after 1,000 characters: No space left on device" in err
        assert "Traceback" not in err and "internal error" not in err

    def test_truncation_is_not_exit_0(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The 2 GiB case in small: the stream takes part of the output, then nothing."""
        code, err = run_main(
            monkeypatch, capsys, Full(123_457, fail=False), [*CHECK, "--format", "json"]
        )
        assert code == 74
        assert "after 123,457 characters: the output took no more data" in err

    def test_short_writes_give_the_whole_report(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Every write taken 1,000 characters at a time: the report is whole, status 0."""
        whole = Recording()
        assert run_main(monkeypatch, capsys, whole, [*CHECK, "--format", "json"])[0] == 0
        dribbled = Dribbling(1000)
        assert run_main(monkeypatch, capsys, dribbled, [*CHECK, "--format", "json"])[0] == 0
        assert dribbled.getvalue() == whole.getvalue()
        assert json.loads(dribbled.getvalue())  # whole JSON, not cut

    def test_failing_flush_is_exit_74(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, err = run_main(monkeypatch, capsys, FailingFlush(), [*CHECK, "--format", "csv"])
        assert code == 74
        assert "Input/output error" in err

    def test_other_commands_are_checked_too(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """fmt, agenda and explain write through the same checked stream."""
        for args in (
            ["fmt", str(YUNNAN / "rules.zh.xzjd")],
            [*AGENDA, "--format", "json"],
            [*AGENDA, "--format", "table"],
            [
                "explain",
                *CHECK[1:8],
                "--agency",
                "km-gov",
                "--obligation",
                "bimonthly-report",
                "--period",
                "2010-B2",
                "--on",
                "2010-11-15",
            ],
        ):
            code, err = run_main(monkeypatch, capsys, Full(10), args)
            assert code == 74, args
            assert "after 10 characters: No space left on device" in err

    @pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
    def test_error_after_output_began_says_the_output_is_incomplete(
        self,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        unbuffered: bool,
    ) -> None:
        """The records are written as they are evaluated: an error in the middle (here a
        calendar without data, after 100 records) is status 2 with a note on stderr."""
        real = data_commands.iter_evaluate

        class Failing:
            def __init__(self, *args: object, **kwargs: object) -> None:
                self.stream = real(*args, **kwargs)  # type: ignore[arg-type]
                self.warnings = ()

            def __iter__(self) -> Iterator[Status]:
                for n, status in enumerate(self.stream):
                    if n == 100:
                        raise CalendarError("no calendar data for 2011", year=2011)
                    yield status

        monkeypatch.setattr(data_commands, "iter_evaluate", Failing)
        out: io.TextIOBase
        if unbuffered:
            # As python -u: the checked stream gathers pieces, and still writes them all.
            file = CappedFile(1 << 30)
            out = io.TextIOWrapper(file, encoding="utf-8", write_through=True)
        else:
            out = Recording()
        code, err = run_main(monkeypatch, capsys, out, [*CHECK, "--format", "csv"])  # type: ignore[arg-type]
        assert code == 2
        written = bytes(file.data).decode() if unbuffered else out.getvalue()  # type: ignore[attr-defined]
        # The header and the first 100 records were written before the error.
        assert written.count("\n") == 101
        assert "error[calendar/no-data]: no calendar data for 2011" in err
        assert "note: the error above cut the output short" in err


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
class TestDevFull:
    """The real process writing to /dev/full, whose every write fails with ENOSPC."""

    def run(self, args: list[str], *, unbuffered: bool) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
        if unbuffered:
            env["PYTHONUNBUFFERED"] = "1"
        with open("/dev/full", "w") as full:
            return subprocess.run(
                [sys.executable, "-m", "xzjd.cli", *args],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
                timeout=120,
                check=False,
            )

    @pytest.mark.parametrize(
        "args",
        [
            [*CHECK, "--format", "json"],
            [*CHECK, "--format", "csv"],
            CHECK,
            [*AGENDA, "--format", "ics"],
            ["fmt", str(YUNNAN / "rules.zh.xzjd")],
        ],
        ids=["json", "csv", "table", "ics", "fmt"],
    )
    @pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
    def test_full_disk_fails_loudly(self, args: list[str], unbuffered: bool) -> None:
        proc = self.run(args, unbuffered=unbuffered)
        assert proc.returncode == 74, proc.stderr
        assert "error[output/incomplete]" in proc.stderr
        assert "No space left on device" in proc.stderr
        assert "Traceback" not in proc.stderr
        assert "Exception ignored" not in proc.stderr


# --------------------------------------------------------------------------- streaming


text = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
ids = st.text(alphabet="abcdefghij-_云南", min_size=1, max_size=8)
dates = st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))
statuses = st.builds(
    Status,
    agency=ids,
    obligation=ids,
    period=text,
    opens=dates,
    nominal_due=dates,
    due=dates,
    state=st.sampled_from(list(State)),
    days_overdue=st.none() | st.integers(0, 10_000),
    step=st.none() | st.sampled_from(list(Step)),
    recipients=st.lists(ids, max_size=3).map(tuple),
    filings=st.lists(ids, max_size=3).map(tuple),
    source=st.none() | text,
)


class TestStreaming:
    @settings(max_examples=200, deadline=None)
    @given(st.lists(statuses, max_size=6), st.booleans())
    def test_json_pieces_are_the_bytes_of_the_whole_array(
        self, records: list[Status], ascii_only: bool
    ) -> None:
        """Joined, the pieces are exactly json.dumps of the whole list (indent 2)."""
        expected = (
            json.dumps([s.to_json() for s in records], ensure_ascii=ascii_only, indent=2) + "\n"
        )
        assert "".join(iter_json(records, ensure_ascii=ascii_only)) == expected

    def test_yunnan_json_unchanged(self) -> None:
        """The bundled example's records, streamed, are the bytes of the one-call dump."""
        records = yunnan_statuses()
        assert records
        expected = json.dumps([s.to_json() for s in records], ensure_ascii=False, indent=2)
        assert render_json(records) == expected + "\n"
        assert render_json([]) == "[]\n" == json.dumps([], indent=2) + "\n"

    @pytest.mark.parametrize("fmt", ["json", "csv", "table"])
    def test_records_are_written_as_they_are_read(self, fmt: str) -> None:
        """The writer never reads ahead of what it writes: each piece is written as soon as
        its records are read (a record for JSON and CSV, an agency for the table), so the
        document is never held whole."""
        records = yunnan_statuses()
        pulled = 0

        def source() -> Iterator[Status]:
            nonlocal pulled
            for s in records:
                pulled += 1
                yield s

        pulled_at_write: list[int] = []

        class Watching(Recording):
            def write(self, piece: str) -> int:
                pulled_at_write.append(pulled)
                return super().write(piece)

        target = Watching()
        pieces = {
            "json": lambda: iter_json(source()),
            "csv": lambda: iter_csv(source()),
            "table": lambda: iter_table(source()),
        }[fmt]()
        CheckedStream(target).write_all(pieces)
        n = len(records)
        if fmt == "json":
            # Record k is written once it is read; then the closing bracket.
            assert pulled_at_write == [*range(1, n + 1), n]
            assert target.getvalue() == render_json(records)
        elif fmt == "csv":
            # The header before any record is read; then row k once record k is read.
            assert pulled_at_write == list(range(n + 1))
            assert target.getvalue() == render_csv(records)
        else:
            # An agency's block is written once the first record of the next agency is read
            # (that is how its end is seen); the last block and the summary at the end.
            ends: list[int] = []
            for k, s in enumerate(records):
                if k + 1 == n or records[k + 1].agency != s.agency:
                    ends.append(k + 1)
            assert pulled_at_write == [*(e + 1 for e in ends[:-1]), n, n]
            assert target.getvalue() == render_table(records)
        assert max(target.sizes) < len(target.getvalue()) / 20

    def test_command_line_writes_many_small_pieces(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """xzjd check --format json: one write per record and one for the closing bracket,
        none above 2 KB; joined, they are json.dumps of the evaluation's records."""
        out = Recording()
        assert run_main(monkeypatch, capsys, out, [*CHECK, "--format", "json"])[0] == 0
        names = {a.id: a.name for a in xzjd.read_agencies(str(YUNNAN / "agencies.csv"))}
        records = [s.to_json(names) for s in yunnan_statuses()]
        assert out.getvalue() == json.dumps(records, ensure_ascii=False, indent=2) + "\n"
        assert len(out.sizes) == len(records) + 1
        assert max(out.sizes) < 2_000

    def test_fail_on_sees_every_period_with_a_state_filter(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--fail-on looks at every evaluated period while --state filters what is written."""
        out = Recording()
        args = [*CHECK, "--format", "json", "--state", "done", "--fail-on", "overdue"]
        code, _ = run_main(monkeypatch, capsys, out, args)
        assert code == 1
        assert {r["state"] for r in json.loads(out.getvalue())} == {"done"}
