"""Hostile input and hostile conditions: one bad file never stops a batch, signals stop it at once.

The in-process tests use click's CliRunner; the workers are forked from the
test process, so a monkeypatched function reaches them.  Signals and the
atomic ``--output`` are tested on the command run as a real subprocess.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from govinfo_reports import cli
from govinfo_reports.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOOD = SEEDS / "002_ba2cc9ced20f5da6.txt"  # national-2021, with tables
PROSE = SEEDS / "003_84dc834a7a148c25.txt"  # its prose contradicts itself: check finds errors
SUMMARY = re.compile(r"^(?:\d+ of )?\d+ files?: \d+ read, \d+ unreadable, \d+ failed, \d+ timed out(?:; .*)?$")
is_root = hasattr(os, "geteuid") and os.geteuid() == 0


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False, env=env)
    assert "Traceback" not in result.stderr or "--debug" in args or env
    lines = result.stderr.splitlines()
    if result.exit_code != 2 or "Usage" not in result.stderr:
        assert SUMMARY.match(lines[-1]), result.stderr  # a summary line ends every run
    return result


def _paths_of_csv(output: str) -> list[str]:
    return [row["path"] for row in csv.DictReader(io.StringIO(output))]


def _children() -> set[int]:
    """The live (not zombie) child processes of this process."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == os.getpid() and fields[0] != "Z":
                found.add(int(entry.name))
    return found


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two good reports around where a bad one goes."""
    shutil.copy(GOOD, tmp_path / "a.txt")
    shutil.copy(SEEDS / "000_fc022d70227099c4.txt", tmp_path / "c.txt")
    return tmp_path


@pytest.fixture
def no_leftover_workers() -> Iterator[None]:
    before = _children()
    yield
    deadline = time.monotonic() + 5
    while _children() - before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _children() - before == set()


# ---------------------------------------------------------------------------
# one bad file


@pytest.mark.parametrize("extra", [[], ["--jobs", "2"], ["--timeout", "0"]])
def test_an_exception_from_processing_is_one_line_and_the_batch_goes_on(
    folder: Path, monkeypatch: pytest.MonkeyPatch, extra: list[str], no_leftover_workers: None
) -> None:
    original = cli._output

    def broken(source: cli._Source, command: cli.Command, opts: dict[str, object]) -> cli._Outcome:
        if source.path.endswith("b.txt"):
            raise RuntimeError("a bug\nwith a second line")
        return original(source, command, opts)

    monkeypatch.setattr(cli, "_output", broken)
    shutil.copy(GOOD, folder / "b.txt")
    result = run("facts", *extra, str(folder))
    assert result.exit_code == 3
    errors = result.stderr.splitlines()
    assert errors[0] == f"{folder / 'b.txt'}: failed: internal error, please report it: RuntimeError: a bug"
    assert len(errors) == 2  # the one line, and the summary
    assert errors[1].startswith("3 files: 2 read, 0 unreadable, 1 failed, 0 timed out; ")
    assert list(dict.fromkeys(_paths_of_csv(result.stdout))) == [str(folder / "a.txt"), str(folder / "c.txt")]
    # the traceback only on demand, by option or environment variable
    debug = run("facts", *extra, "--debug", str(folder))
    assert "Traceback (most recent call last)" in debug.stderr
    assert "in broken" in debug.stderr
    assert debug.exit_code == 3
    by_env = run("facts", *extra, str(folder), env={cli.DEBUG_ENV: "1"})
    assert "Traceback (most recent call last)" in by_env.stderr


def test_a_worker_that_dies_is_an_internal_error_for_its_file_only(
    folder: Path, monkeypatch: pytest.MonkeyPatch, no_leftover_workers: None
) -> None:
    original = cli._read

    def crash(path: str) -> cli._Source:
        if path.endswith("b.txt"):
            os.kill(os.getpid(), signal.SIGKILL)
        return original(path)

    monkeypatch.setattr(cli, "_read", crash)
    shutil.copy(GOOD, folder / "b.txt")
    result = run("check", "--jobs", "2", str(folder))
    assert result.exit_code == 3
    assert (
        f"{folder / 'b.txt'}: failed: internal error, please report it: the worker process died (killed by SIGKILL)"
        in (result.stderr)
    )
    assert "3 files: 2 read, 0 unreadable, 1 failed, 0 timed out" in result.stderr


def test_an_unknown_or_non_text_charset_does_not_stop_the_batch(folder: Path) -> None:
    for name, charset in (("rot.html", "rot13"), ("nonsense.html", "no-such-codec"), ("b64.html", "base64")):
        page = f'<html><head><meta charset="{charset}"></head><body><p>一、总体情况</p><p>全年主动公开政府信息5条。</p></body></html>'
        (folder / name).write_text(page, encoding="utf-8")
    result = run("check", str(folder))
    assert result.exit_code in (0, 2, 3)
    lines = result.stderr.splitlines()
    for line in lines[:-1]:  # whatever the html module makes of them: one line each, no traceback
        assert re.match(rf"^{re.escape(str(folder))}/\w+\.html: (cannot read|failed: internal error)", line), line
    assert lines[-1].startswith("5 files: ")
    facts = run("facts", str(folder))
    assert {str(folder / "a.txt"), str(folder / "c.txt")} <= set(_paths_of_csv(facts.stdout))


def test_html_without_lxml_is_unreadable_with_a_hint(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for module in ("lxml", "lxml.html", "lxml.etree"):
        monkeypatch.setitem(sys.modules, module, None)  # import fails, in this process and the forked workers
    (folder / "page.html").write_text("<html><body><p>一、总体情况</p></body></html>", encoding="utf-8")
    for extra in ([], ["--timeout", "0"]):
        result = run("facts", *extra, str(folder))
        assert result.exit_code == 2
        assert (
            f"{folder / 'page.html'}: cannot read: reading HTML needs lxml: install the html extra (pip install 'govinfo-reports[html]')"
            in (result.stderr)
        )
        assert "3 files: 2 read, 1 unreadable, 0 failed, 0 timed out" in result.stderr


def test_a_cell_of_5000_digits(tmp_path: Path) -> None:
    lines = GOOD.read_text(encoding="utf-8").split("\n")
    target = lines.index("0")  # a table cell on a line of its own
    digits = "7" * 5000
    lines[target] = digits
    report = tmp_path / "big.txt"
    report.write_text("\n".join(lines), encoding="utf-8")
    rows = [json.loads(line) for line in run("facts", "-f", "jsonl", str(report)).stdout.splitlines()]
    cell = next(r for r in rows if r["line"] == target + 1)
    assert cell["text"] == digits
    assert cell["value"] in (digits, None)  # exact text, never a lossy number; None if the reader refuses it
    as_json = run("facts", "-f", "json", str(report))
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout) == rows
    as_csv = run("facts", str(report))
    assert as_csv.exit_code == 0
    assert digits in as_csv.stdout
    assert run("check", "--exit-zero", str(report)).exit_code == 0
    assert run("parse", str(report)).exit_code == 0


def test_a_fifo_is_skipped_without_blocking(folder: Path) -> None:
    fifo = folder / "pipe.txt"
    os.mkfifo(fifo)
    start = time.monotonic()
    result = run("check", str(folder / "a.txt"), str(fifo), str(folder / "c.txt"))
    assert time.monotonic() - start < 20
    assert result.exit_code == 2
    assert f"{fifo}: cannot read: a FIFO, not a regular file" in result.stderr
    assert "3 files: 2 read, 1 unreadable, 0 failed, 0 timed out" in result.stderr
    # in a folder, it is not a report file
    assert "pipe.txt" not in run("check", str(folder)).stderr
    # a FIFO that replaced a file after the check is not opened for reading either
    with pytest.raises(cli.GovinfoError, match="a FIFO, not a regular file"):
        cli._read_bytes(str(fifo))


def test_a_folder_named_like_a_report(folder: Path) -> None:
    (folder / "x.txt").mkdir()
    result = run("facts", str(folder))
    assert result.exit_code == 0
    assert "x.txt" not in result.stderr
    shutil.copy(GOOD, folder / "x.txt" / "inner.txt")
    inner = run("facts", str(folder / "x.txt"))  # a folder named on the command line is searched
    assert set(_paths_of_csv(inner.stdout)) == {str(folder / "x.txt" / "inner.txt")}
    # a folder never reaches the reader
    early = cli._preflight(folder / "x.txt")
    assert early is not None
    assert early.kind == "unreadable"
    assert early.error == "cannot read: a folder, not a regular file"


@pytest.mark.skipif(is_root or not hasattr(os, "geteuid"), reason="root reads any file")
def test_a_file_without_read_permission(folder: Path) -> None:
    locked = folder / "b.txt"
    shutil.copy(GOOD, locked)
    locked.chmod(0)
    result = run("check", str(folder))
    assert result.exit_code == 2
    assert f"{locked}: cannot read: Permission denied" in result.stderr


def test_exit_status_the_highest_applies(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("check", str(GOOD)).exit_code == 0
    assert run("check", str(PROSE)).exit_code == 1
    assert run("check", "--exit-zero", str(PROSE)).exit_code == 0
    (folder / "binary.txt").write_bytes(b"\x00\x01")
    assert run("check", str(PROSE), str(folder / "binary.txt")).exit_code == 2
    original = cli._read

    def broken(path: str) -> cli._Source:
        if path.endswith("bug.txt"):
            raise AssertionError("bug")
        return original(path)

    monkeypatch.setattr(cli, "_read", broken)
    shutil.copy(GOOD, folder / "bug.txt")
    assert run("check", str(PROSE), str(folder / "binary.txt"), str(folder / "bug.txt")).exit_code == 3
    assert run("check", "--exit-zero", str(folder / "bug.txt")).exit_code == 3


# ---------------------------------------------------------------------------
# time limit and order


def _stall(path: str) -> None:
    if path.endswith("slow.txt"):
        re.match(r"(a+)+$", "a" * 64 + "b")  # catastrophic backtracking in C: no signal handler runs


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_over_the_time_limit_is_reported_and_its_worker_replaced(
    folder: Path, monkeypatch: pytest.MonkeyPatch, jobs: str, no_leftover_workers: None
) -> None:
    original = cli._read

    def slow(path: str) -> cli._Source:
        _stall(path)
        return original(path)

    monkeypatch.setattr(cli, "_read", slow)
    shutil.copy(GOOD, folder / "b_slow.txt")
    shutil.copy(GOOD, folder / "d.txt")
    start = time.monotonic()
    result = run("facts", "--jobs", jobs, "--timeout", "0.5", str(folder))
    assert time.monotonic() - start < 15
    assert result.exit_code == 3
    assert f"{folder / 'b_slow.txt'}: timed out after 0.5 s\n" in result.stderr
    assert "4 files: 3 read, 0 unreadable, 0 failed, 1 timed out" in result.stderr
    assert list(dict.fromkeys(_paths_of_csv(result.stdout))) == [str(folder / n) for n in ("a.txt", "c.txt", "d.txt")]


def test_with_debug_a_file_that_timed_out_shows_where_it_was(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    original = cli._read

    def slow(path: str) -> cli._Source:
        _stall(path)
        return original(path)

    monkeypatch.setattr(cli, "_read", slow)
    shutil.copy(GOOD, folder / "slow.txt")
    result = run("check", "--debug", "--timeout", "0.5", str(folder / "slow.txt"))
    assert result.exit_code == 3
    assert f"{folder / 'slow.txt'}: timed out after 0.5 s" in result.stderr
    stack = capfd.readouterr().err  # the worker writes its stack to the real stderr, from a signal handler
    assert "most recent call first" in stack
    assert "in _stall" in stack


def test_output_keeps_the_order_of_the_files_whatever_finishes_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = [f"{i:02d}.txt" for i in range(20)]
    for name in names:
        shutil.copy(GOOD, tmp_path / name)
    original = cli._read

    def uneven(path: str) -> cli._Source:
        if path.endswith(("00.txt", "05.txt")):
            time.sleep(0.4)
        return original(path)

    monkeypatch.setattr(cli, "_read", uneven)
    result = run("facts", "-f", "jsonl", "--jobs", "2", str(tmp_path))
    seen = list(dict.fromkeys(json.loads(line)["path"] for line in result.stdout.splitlines()))
    assert seen == [str(tmp_path / name) for name in names]


def test_without_fork_the_workers_come_from_a_fork_server(monkeypatch: pytest.MonkeyPatch) -> None:
    forked = run("facts", "--jobs", "2", str(SEEDS))
    monkeypatch.setattr(cli.threading, "active_count", lambda: 2)  # fork is unsafe in a process with threads
    methods: list[str | None] = []
    get_context = cli.multiprocessing.get_context

    def spy(method: str | None = None) -> object:
        methods.append(method)
        return get_context(method)

    monkeypatch.setattr(cli.multiprocessing, "get_context", spy)
    served = run("facts", "--jobs", "2", str(SEEDS))
    assert methods == ["forkserver"]
    assert served.exit_code == forked.exit_code == 0
    assert served.stdout == forked.stdout
    assert served.stderr == forked.stderr


def test_facts_as_json_is_streamed_but_the_same_document(folder: Path) -> None:
    result = run("facts", "-f", "json", str(folder))
    rows = json.loads(result.stdout)
    assert len(rows) > 100
    assert result.stdout == json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    (folder / "empty.txt").write_text("一、总体情况\n全年主动公开政府信息5条。\n", encoding="utf-8")
    none = run("facts", "-f", "json", str(folder / "empty.txt"))
    assert none.stdout == "[]\n"


# ---------------------------------------------------------------------------
# signals and --output, on the real command


def _batch(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(count):
        shutil.copy(GOOD, folder / f"{i:04d}.txt")
    return folder


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "govinfo_reports.cli", *args]


def _group(pgid: int) -> list[int]:
    """The live processes of a process group."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def _wait_for_group_to_end(pgid: int) -> list[int]:
    deadline = time.monotonic() + 5
    while _group(pgid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return _group(pgid)


@pytest.mark.parametrize(("sig", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_stops_the_batch_at_once_and_leaves_no_process(tmp_path: Path, sig: int, status: int) -> None:
    folder = _batch(tmp_path, 400)
    proc = subprocess.Popen(
        _command("facts", "-f", "jsonl", "--jobs", "2", str(folder)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
        start_new_session=True,  # its own process group, to find every process it started
        cwd=ROOT,
    )
    assert proc.stdout is not None
    first = b""
    while b"\n" not in first:  # output streams: the first rows come long before the end
        chunk = os.read(proc.stdout.fileno(), 65536)
        assert chunk, "no output"
        first += chunk
    assert json.loads(first.split(b"\n", 1)[0])["path"] == str(folder / "0000.txt")
    assert len(_group(proc.pid)) >= 3  # the command and its two workers
    sent = time.monotonic()
    proc.send_signal(sig)
    rest, raw_errors = proc.communicate(timeout=10)
    assert time.monotonic() - sent < 5
    assert proc.returncode == status
    assert _wait_for_group_to_end(proc.pid) == []
    errors = raw_errors.decode("utf-8")
    assert "Traceback" not in errors
    lines = errors.splitlines()
    assert lines[-2] == f"interrupted by {signal.Signals(sig).name}"
    done = re.match(r"^(\d+) of 400 files: \1 read, 0 unreadable, 0 failed, 0 timed out; \d+ facts$", lines[-1])
    assert done, errors
    assert int(done[1]) < 400
    rows = (first + rest).decode("utf-8").split("\n")[:-1]
    paths = list(dict.fromkeys(json.loads(row)["path"] for row in rows))
    assert paths == [str(folder / f"{i:04d}.txt") for i in range(len(paths))]
    assert len(paths) <= int(done[1])


def test_an_interrupted_run_leaves_the_previous_output_and_no_partial_file(tmp_path: Path) -> None:
    folder = _batch(tmp_path, 400)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "facts.csv"
    target.write_text("previous\n", encoding="utf-8")
    target.chmod(0o640)
    proc = subprocess.Popen(
        _command("facts", "--jobs", "2", "-o", str(target), str(folder)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 20
    partial: list[Path] = []
    while time.monotonic() < deadline and not any(p.stat().st_size > 0 for p in partial if p.exists()):
        partial = [p for p in out_dir.iterdir() if p != target]
        time.sleep(0.02)
    assert partial, "the temporary file next to the output"
    proc.send_signal(signal.SIGTERM)
    _, errors = proc.communicate(timeout=10)
    assert proc.returncode == 143, errors
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert sorted(out_dir.iterdir()) == [target]
    assert _wait_for_group_to_end(proc.pid) == []
    # a run that completes replaces it, keeping its permissions
    small = subprocess.run(
        _command("facts", "-o", str(target), str(GOOD)), capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert small.returncode == 0, small.stderr
    assert target.read_text(encoding="utf-8").startswith(",".join(cli.FACT_FIELDS) + "\n")
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(out_dir.iterdir()) == [target]


def test_output_to_a_folder_or_nowhere_is_a_usage_error(tmp_path: Path) -> None:
    for where in (tmp_path, tmp_path / "missing" / "facts.csv"):
        result = CliRunner().invoke(main, ["facts", "-o", str(where), str(GOOD)])
        assert result.exit_code == 2
        assert "--output" in result.stderr
    assert list(tmp_path.iterdir()) == []
