"""The ``govinfo-reports`` command line.

Commands (``govinfo-reports COMMAND --help`` for each):

* ``parse FILE…``: the syntax tree as JSON (:func:`govinfo_reports.dumps`);
* ``outline PATH…``: the skeleton of each report;
* ``facts PATH…``: the table facts with the report's identity, as CSV, JSON Lines, JSON or Parquet;
* ``check PATH…``: the validator's findings, ``path:line:col: severity: rule message``
  (``-f json``, ``jsonl``, ``github``, ``sarif``);
* ``rules``: the catalogue of validation rules; ``rule ID``: one rule explained.

A PATH is a file, a folder (searched recursively for ``.txt``, ``.md``,
``.html`` and ``.htm`` files) or a glob (``'reports/**/*.html'``).

One bad file never stops a batch.  Each file is processed in a worker process
(``--jobs`` of them) under a time limit (``--timeout``, 60 s by default); what
each file gives is written as soon as it and the files before it are done, in
the order of the files, so memory stays flat however long the batch.  On
stderr:

* ``path: cannot read: reason``: the file is missing, not a regular file (a
  folder, a FIFO, a device), binary, undecodable or empty; it counts as
  *unreadable*;
* ``path: failed: internal error, please report it: …``: processing the file
  raised an exception the library does not document, or killed its worker; one
  line, with the traceback under ``--debug`` (or ``GOVINFO_REPORTS_DEBUG=1``);
* ``path: timed out after N s``: the file took longer than ``--timeout``; its
  worker is killed and replaced.  A timeout counts as an internal error: no
  report should take that long;
* a summary line that ends every run:
  ``N files: R read, U unreadable, F failed, T timed out`` and what was found
  (none with ``--quiet``);
* for ``facts``, ``path: no facts: reason`` for a file read that gave no facts.

Exit status (the highest that applies):

* 0: success;
* 1: ``check`` found an error (not with ``--exit-zero``);
* 2: a file could not be read, or the command line is wrong;
* 3: an internal error or a timeout on some file;
* 128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM): interrupted.
  The run stops at once, its workers are killed and ``--output`` keeps its
  previous content (the new one is written to a temporary file next to it,
  which replaces it only when the run completes).
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import faulthandler
import glob
import json
import math
import multiprocessing
import os
import signal
import stat
import sys
import tempfile
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from pathlib import Path
from types import FrameType
from typing import IO, TYPE_CHECKING, Any, Literal, Protocol, TypeAlias

import attrs
import click

from govinfo_reports.errors import GovinfoError
from govinfo_reports.sources.document import SourceDocument
from govinfo_reports.sources.files import DOCUMENT_SUFFIXES, read_document
from govinfo_reports.sources.html import HtmlDocument
from govinfo_reports.syntax.nodes import NO_SPAN, Report, Span

if TYPE_CHECKING:
    from govinfo_reports.rules.across import Dated

__all__ = ["FACT_FIELDS", "SUFFIXES", "expand_paths", "fact_rows", "main", "rule_catalogue"]

#: The file name suffixes a folder is searched for.
SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".doc", ".wps")

#: The columns of ``facts`` output, in order.
#: ``line``/``col`` locate the cell in the file (for a PDF or Word file: in its text rendering);
#: ``origin`` says where it is in a PDF or Word document (page and position, table cell);
#: ``inferred`` is true for a value cut out of digits run together by the table's arithmetic.
FACT_FIELDS = (
    "path",
    # the report's identity (govinfo_reports.identify), the same on every row of a report
    "title",
    "office",
    "year",
    "period",
    "published",
    "template",
    "table",
    "indicator",
    "label_path",
    "column",
    "value",
    "unit",
    "text",
    "line",
    "col",
    "origin",
    "inferred",
)

#: Exit statuses.
EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE, EXIT_INTERNAL = 0, 1, 2, 3

#: The environment variable that turns on ``--debug``.
DEBUG_ENV = "GOVINFO_REPORTS_DEBUG"

Command: TypeAlias = Literal["parse", "outline", "facts", "check"]
Kind: TypeAlias = Literal["ok", "unreadable", "failed", "timeout"]

# ---------------------------------------------------------------------------
# paths


def expand_paths(paths: Iterable[str]) -> list[Path]:
    """The files named by command line paths: files, folders (recursive) and globs, in order, without repeats.

    A path that names nothing is kept, so that reading it reports the error.

    >>> [p.name for p in expand_paths(["seeds/*_fc022d70227099c4.txt"])]
    ['000_fc022d70227099c4.txt']
    """
    out: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        if path not in seen:
            seen.add(path)
            out.append(path)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if found.is_file() and found.suffix.lower() in SUFFIXES:
                    add(found)
        elif not path.exists() and glob.has_magic(raw):
            for name in sorted(glob.glob(raw, recursive=True)):
                found = Path(name)
                if found.is_dir():
                    for inner in expand_paths([name]):
                        add(inner)
                elif found.is_file():
                    add(found)
        else:
            add(path)
    return out


# ---------------------------------------------------------------------------
# the work done for one file (in a worker process)


@attrs.frozen
class _Outcome:
    """What processing one file gave: output for stdout, or why there is none."""

    path: str
    #: ``ok``, or why there is no output: ``unreadable``, ``failed`` (internal error), ``timeout``.
    kind: Kind = "ok"
    #: The message for stderr (``cannot read: …``, ``failed: …``, ``timed out …``), or ``None``.
    error: str | None = None
    #: Text to print (parse, outline, check).
    text: str = ""
    #: Fact rows (facts).
    rows: tuple[dict[str, Any], ...] = ()
    #: Findings by severity, and by ``rule:ID:severity`` (check).
    counts: tuple[tuple[str, int], ...] = ()
    #: A remark for stderr on a file that was read (``no facts: …``), or ``None``.
    note: str | None = None
    #: What the across pass of ``check`` keeps of the file (its office, year and the few cells the
    #: ``across.*`` rules read, with their places), or ``None``.
    year: _Year | None = None


@attrs.frozen
class _Source:
    """A parsed file, and how to turn a span of its report into a place in the file."""

    path: str
    report: Report
    #: For an HTML page: its text rendering, which maps rendered lines to the page's lines.
    html: HtmlDocument | None = None
    #: For a PDF or Word file: its text rendering, which maps rendered lines to pages and cells.
    document: SourceDocument | None = None

    def origin(self, span: Span) -> str | None:
        """Where a span is in a PDF or Word document (``page 3, 412 pt from the top``), ``None`` for other files."""
        if self.document is None or span is NO_SPAN:
            return None
        found = self.document.origin(span.line)
        return str(found) if found is not None else None

    def where(self, span: Span) -> tuple[int, int]:
        """Line and column in the file; for an HTML page, the line where the cell's element starts and column 1.

        (lxml gives an element's line, not its column.)
        """
        if self.html is None:
            return span.line, span.column
        return self.html.source_line(span.line) or span.line, 1

    def location(self, span: Span) -> str:
        """``path:line:col`` of a span (column 1 for an HTML page); ``path:PAGE`` for a PDF, ``path:¶N`` for Word."""
        if self.document is not None:
            found = self.document.origin(span.line)
            if found is not None:
                return f"{self.path}:{found.short()}"
        line, column = self.where(span)
        return f"{self.path}:{line}:{column}"

    def place(self, span: Span) -> dict[str, Any]:
        """The one location of a span, as every output of ``check`` gives it (the keys
        :data:`~govinfo_reports.io.json.PLACE_KEYS`).

        ``path`` is the file; ``location`` is ``path:line:col`` (``path:PAGE`` for a PDF, ``path:¶N``
        for Word); ``line`` and ``col`` are that line and column, ``None`` for a
        PDF or Word file, whose ``origin`` says where in the document it is.
        """
        if span is NO_SPAN:
            return {"path": self.path, "location": f"{self.path}:1:1", "line": None, "col": None, "origin": None}
        origin = self.origin(span)
        if origin is not None:
            return {"path": self.path, "location": self.location(span), "line": None, "col": None, "origin": origin}
        line, column = self.where(span)
        return {
            "path": self.path,
            "location": f"{self.path}:{line}:{column}",
            "line": line,
            "col": column,
            "origin": None,
        }


@attrs.frozen
class _Year:
    """What ``check --across`` keeps of a file while the batch streams on: its record for the
    ``across.*`` rules (office, year, template, the cells they read) and the places of those cells.

    A few dozen cells a report (a legacy table's every cell), never the report: a batch of
    thousands of files is paired at the end in little memory, each file parsed once.
    """

    #: The file's record for the rules across reports.
    dated: Dated
    #: The place (:meth:`_Source.place`) of each of its cells, by span: its values in the order of
    #: :data:`~govinfo_reports.io.json.PLACE_KEYS`.
    places: dict[Span, tuple[Any, ...]]

    @property
    def path(self) -> str:
        return self.dated.name

    def place(self, span: Span) -> dict[str, Any]:
        """The place of one of the record's cells, as :meth:`_Source.place` gave it."""
        from govinfo_reports.io.json import PLACE_KEYS

        known = self.places.get(span)
        if known is not None:
            return dict(zip(PLACE_KEYS, known, strict=True))
        # a span of no cell of the record (the rules name only its cells): its line and column as read
        return _Source(self.path, Report(())).place(span)

    @classmethod
    def of(cls, source: _Source) -> _Year | None:
        """The record of a parsed file; ``None`` when it names no office or no year (it pairs with nothing)."""
        from govinfo_reports.rules.across import Dated

        dated = Dated.of(source.path, source.report)
        if dated.office is None or dated.year is None:
            return None
        return cls(dated, {f.span: tuple(source.place(f.span).values()) for f in dated.facts})


def _file_kind(mode: int) -> str | None:
    """What a file that is not a regular file is (``a FIFO``), or ``None`` for a regular file."""
    if stat.S_ISREG(mode):
        return None
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    )
    return next((name for test, name in kinds if test(mode)), "a special file")


def _preflight(path: Path) -> _Outcome | None:
    """The outcome of a file that is missing or not a regular file (checked without opening it), else ``None``.

    A FIFO is never opened: opening it would wait for a writer.
    """
    name = str(path)
    try:
        mode = os.stat(name).st_mode
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return _Outcome(name, "unreadable", f"cannot read: {reason}")
    kind = _file_kind(mode)
    return None if kind is None else _Outcome(name, "unreadable", f"cannot read: {kind}, not a regular file")


def _read_bytes(path: str) -> bytes:
    """The content of a regular file; without ever blocking on a FIFO that replaced it since :func:`_preflight`."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(fd, "rb") as handle:
        kind = _file_kind(os.fstat(fd).st_mode)
        if kind is not None:
            raise GovinfoError(f"{kind}, not a regular file")
        return handle.read()


def _read(path: str) -> _Source:
    from govinfo_reports.sources.text import decode
    from govinfo_reports.syntax.parser import parse

    html = None
    if path.lower().endswith(DOCUMENT_SUFFIXES):
        document = read_document(path)
        assert document is not None
        report = document.parse(source_name=path)
        if not report.children or all(_is_blank(c) for c in report.children):
            raise GovinfoError(f"{path}: empty document, no report text")
        return _Source(path, report, document=document)
    data = _read_bytes(path)
    if path.lower().endswith((".html", ".htm")):
        from govinfo_reports.sources.html import read_html

        html = read_html(data, source_name=path)  # bytes: the page's <meta charset> may decide the encoding
        report = html.parse(source_name=path)
    else:
        report = parse(decode(data, path=path), source_name=path)
    if not report.children or all(_is_blank(c) for c in report.children):
        raise GovinfoError(f"{path}: empty file, no report text")
    return _Source(path, report, html)


def _is_blank(block: object) -> bool:
    from govinfo_reports.syntax.nodes import Blank

    return isinstance(block, Blank)


def fact_rows(
    report: Report, path: str, *, html: HtmlDocument | None = None, document: SourceDocument | None = None
) -> list[dict[str, Any]]:
    """The rows of ``facts`` output for one report: one dict per fact, keys :data:`FACT_FIELDS`.

    ``title``, ``office``, ``year``, ``period`` (``2024-01-01/2024-12-31``) and
    ``published`` (an ISO date) are the report's identity (:func:`govinfo_reports.identify`),
    ``None`` where the report does not state it.
    ``label_path`` joins the labels with `` / ``; ``line`` and ``col`` locate
    the cell in the file.  For an HTML page pass its :class:`~govinfo_reports.sources.html.HtmlDocument`:
    ``line`` is then the line of the page where the cell's element starts, and ``col`` is 1.
    For a PDF or Word file pass its :class:`~govinfo_reports.sources.document.SourceDocument`:
    ``origin`` is then where the cell is in the document (page and position, table cell).
    """
    from govinfo_reports.identity import identify
    from govinfo_reports.io.json import json_number
    from govinfo_reports.io.tabular import period_text

    source = _Source(path, report, html, document)
    facts: tuple[Any, ...] = report.facts
    who = identify(report, source_name=path) if facts else None
    identity = {
        "title": who.title if who else None,
        "office": who.office if who else None,
        "year": who.year if who else None,
        "period": period_text(who.period) if who else None,
        "published": who.published.isoformat() if who and who.published else None,
    }
    rows = []
    for fact in facts:
        located = fact.span is not NO_SPAN
        line, column = source.where(fact.span) if located else (None, None)
        rows.append(
            {
                "path": path,
                **identity,
                "template": report.template,
                "table": fact.table,
                "indicator": fact.indicator,
                "label_path": " / ".join(fact.label_path),
                "column": fact.column,
                "value": json_number(fact.value),
                "unit": fact.unit,
                "text": fact.text,
                "line": line,
                "col": column,
                "origin": source.origin(fact.span),
                "inferred": fact.inferred,
            }
        )
    return rows


def no_facts_reason(report: Report) -> str:
    """Why a report gave no facts, in a few words (for the ``path: no facts: …`` line of ``facts``).

    >>> from govinfo_reports import parse
    >>> no_facts_reason(parse("一、总体情况\\n全年主动公开政府信息200条。\\n"))
    'no table in the text (its figures, if any, are in its prose)'
    """
    from govinfo_reports.tables.extract import extract

    tables = report.tables
    if not tables:
        return "no table in the text (its figures, if any, are in its prose)"
    found = extract(report)
    problems = [d for d in found.diagnostics if d.code in ("table-unreadable", "fused-digits")]
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        return f"line {first.span.line}: {first.code}: {first.message}{more}"
    count = _plural(len(tables), "table")
    return f"{count} in the text, none a statistics table of a known template with numbers in it"


class _Places(Protocol):
    """Where the spans of a file are: a :class:`_Source`, or the :class:`_Year` record kept of one."""

    @property
    def path(self) -> str: ...

    def place(self, span: Span) -> dict[str, Any]: ...


def finding_row(source: _Places, finding: Any, other: _Places | None = None) -> dict[str, Any]:
    """A finding as ``check`` gives it in every output format: its finding object
    (:func:`govinfo_reports.io.json.dumps_findings`) with its places in the file added.

    Keys: ``path``, ``location``, ``line``, ``col``, ``origin`` (one location:
    see :meth:`_Source.place`), then the finding's fields: ``rule``, ``severity``,
    ``message``, ``expected``, ``actual``, ``difference``, ``facts`` (each with
    its own place: what ``--show-notes`` prints as notes), ``extra_spans``,
    ``source``, ``other_source`` and ``other_facts`` (placed in ``other``, last
    year's file).  :func:`govinfo_reports.loads_findings` reads the rows back
    as the findings.
    """
    from govinfo_reports.findings import Finding
    from govinfo_reports.io.json import converter

    obj = converter().unstructure(finding, Finding)
    theirs = other if other is not None else source
    return {
        "path": source.path,
        **source.place(finding.location),  # the sentence or heading a rule points at, else its first cell
        **obj,
        "facts": [{**cell, **source.place(f.span)} for cell, f in zip(obj["facts"], finding.facts, strict=True)],
        "other_facts": [
            {**cell, **theirs.place(f.span)} for cell, f in zip(obj["other_facts"], finding.other_facts, strict=True)
        ],
    }


def _check_rows(source: _Source, opts: dict[str, Any]) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """The findings of one file as rows (:func:`finding_row`), and their counts by severity and by rule."""
    from govinfo_reports.validate import validate

    counts: dict[str, int] = {}
    found = validate(
        source.report,
        select=opts.get("select") or None,
        disable=opts.get("disable") or (),
        min_severity=opts.get("min_severity") or "info",
    )
    rows = []
    for finding in found:
        severity = finding.severity.value
        counts[severity] = counts.get(severity, 0) + 1
        key = f"rule:{finding.rule}:{severity}"
        counts[key] = counts.get(key, 0) + 1
        rows.append(finding_row(source, finding))
    return counts, rows


def _describe(exc: BaseException) -> str:
    """``Type: message`` of an exception, on one line of at most 300 characters."""
    try:
        message = str(exc)
    except Exception:  # a hostile __str__
        message = ""
    first = message.strip().split("\n", 1)[0]
    if len(first) > 300:
        first = first[:299] + "…"
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def _internal(name: str, what: str, debug: bool) -> _Outcome:
    message = f"failed: internal error, please report it: {what}"
    if debug:
        message += "\n" + traceback.format_exc().rstrip()
    return _Outcome(name, "failed", message)


def _output(source: _Source, command: Command, opts: dict[str, Any]) -> _Outcome:
    name, report = source.path, source.report
    if command == "parse":
        from govinfo_reports.io.json import dumps

        return _Outcome(name, text=dumps(report, indent=opts.get("indent")) + "\n")
    if command == "outline":
        from govinfo_reports.syntax.outline import outline

        return _Outcome(name, text=f"== {name}\n{outline(report)}\n")
    if command == "facts":
        found = tuple(fact_rows(report, name, html=source.html, document=source.document))
        return _Outcome(name, rows=found, note=None if found else f"no facts: {no_facts_reason(report)}")
    counts, findings = _check_rows(source, opts)
    year = _Year.of(source) if opts.get("across") else None
    return _Outcome(name, rows=tuple(findings), counts=tuple(sorted(counts.items())), year=year)


def _process(path: Path, command: Command, options: tuple[tuple[str, Any], ...], debug: bool = False) -> _Outcome:
    """Run one command on one file; never raises an :class:`Exception`.

    A documented error (:class:`OSError`, :class:`~govinfo_reports.GovinfoError`)
    makes the file unreadable (HTML without lxml installed is one); any other
    exception is an internal error.
    """
    name = str(path)
    try:
        try:
            source = _read(name)
        except OSError as exc:
            return _Outcome(name, "unreadable", f"cannot read: {exc.strerror or _describe(exc)}")
        return _output(source, command, dict(options))
    except GovinfoError as exc:
        return _Outcome(
            name, "unreadable", f"cannot read: {_describe(exc).split(': ', 1)[-1].removeprefix(f'{name}: ')}"
        )
    except RecursionError:
        return _internal(name, "RecursionError: nested too deeply", debug)
    except Exception as exc:  # a bug must not end a batch of thousands of files: report it, go on, exit 3
        return _internal(name, _describe(exc), debug)


# ---------------------------------------------------------------------------
# worker processes


def _die_with_parent() -> None:
    """On Linux, have the kernel kill this process when its parent dies (even by SIGKILL)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


#: The signals that stop a batch.
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def _signals_blocked() -> Iterator[None]:
    """SIGINT and SIGTERM held back (where the platform can) until the end of the block."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _worker_main(
    conn: Connection,
    command: Command,
    options: tuple[tuple[str, Any], ...],
    debug: bool,
    inherited: Sequence[Connection],
    parent: int,
) -> None:
    """A worker: process the ``(index, path)`` tasks received on ``conn`` until ``None`` or the end of the pipe.

    ``parent`` is the main process's id when it forked this worker, else 0.
    """
    for other in inherited:  # the main process's ends of other pipes, copied by fork
        other.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the main process decides
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)  # blocked by the main process around the fork
    if parent:  # forked by the main process (not by a fork server): die with it
        _die_with_parent()
        if os.getppid() != parent:
            return
    if debug and hasattr(signal, "SIGUSR1"):
        with contextlib.suppress(Exception):  # the main process asks for the stack of a file that timed out
            faulthandler.register(signal.SIGUSR1, file=sys.__stderr__ or 2, all_threads=False)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, name = task
        outcome = _process(Path(name), command, options, debug)
        try:
            conn.send((index, outcome))
        except (EOFError, OSError):
            return
        except Exception as exc:  # an outcome that cannot be pickled
            conn.send((index, _internal(name, f"cannot send the result: {_describe(exc)}", debug)))


@attrs.define(eq=False)
class _Worker:
    process: Any
    conn: Connection
    #: The index of the file being processed, its path and the time by which it must be done.
    task: int | None = None
    path: str = ""
    deadline: float = math.inf


def _seconds(value: float) -> str:
    return f"{value:g}"


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


class _Pool:
    """Worker processes, each processing one file at a time under a deadline, killed and replaced when late."""

    def __init__(
        self,
        size: int,
        command: Command,
        options: tuple[tuple[str, Any], ...],
        *,
        timeout: float,
        debug: bool,
    ) -> None:
        # fork is cheapest (the workers start with the parser warm) and safe while this process has one thread
        # (the progress bar refreshes without a thread); otherwise, and where there is no fork, forkserver or spawn
        methods = multiprocessing.get_all_start_methods()
        if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
            method = "fork"
        else:
            method = "forkserver" if "forkserver" in methods else "spawn"
        self._context: Any = multiprocessing.get_context(method)
        self._fork = method == "fork"
        self.size = size
        self.command: Command = command
        self.options = options
        self.timeout = timeout
        self.debug = debug
        self.workers: list[_Worker] = []
        if self._fork:
            _warm(command)

    def idle(self) -> _Worker | None:
        """A worker with nothing to do, started if there are fewer than ``size``."""
        for worker in self.workers:
            if worker.task is None:
                return worker
        if len(self.workers) >= self.size:
            return None
        mine, theirs = self._context.Pipe(duplex=True)
        inherited = [w.conn for w in self.workers] + [mine] if self._fork else []
        process = self._context.Process(
            target=_worker_main,
            args=(theirs, self.command, self.options, self.debug, inherited, os.getpid() if self._fork else 0),
            daemon=True,
            name="govinfo-reports worker",
        )
        with _signals_blocked():  # until the worker has its own handlers (and this process knows the worker)
            process.start()
            theirs.close()
            worker = _Worker(process, mine)
            self.workers.append(worker)
        return worker

    def assign(self, worker: _Worker, index: int, path: str) -> bool:
        """Give a file to a worker; ``False`` if the worker is gone (it is then discarded)."""
        try:
            worker.conn.send((index, path))
        except (OSError, EOFError):
            self.discard(worker)
            return False
        worker.task, worker.path = index, path
        worker.deadline = time.monotonic() + self.timeout if self.timeout else math.inf
        return True

    def busy(self) -> list[_Worker]:
        return [w for w in self.workers if w.task is not None]

    def collect(self, pause: float | None) -> Iterator[tuple[int, _Outcome]]:
        """Wait (at most ``pause`` seconds, or until the next deadline) and give the outcomes that came."""
        busy = self.busy()
        if not busy:
            return
        wait_for = max(0.0, min(w.deadline for w in busy) - time.monotonic())
        if pause is not None:
            wait_for = min(wait_for, pause)
        ready = set(
            wait(
                [w.conn for w in busy] + [w.process.sentinel for w in busy], None if math.isinf(wait_for) else wait_for
            )
        )
        now = time.monotonic()
        for worker in busy:
            index = worker.task
            assert index is not None
            if worker.conn in ready:
                try:
                    got, outcome = worker.conn.recv()
                except (EOFError, OSError):
                    pass  # it died: see below
                else:
                    worker.task = None
                    yield got, outcome
                    continue
            if worker.conn in ready or worker.process.sentinel in ready:
                worker.process.join(1)
                code = worker.process.exitcode
                how = f"killed by {_signal_name(-code)}" if code is not None and code < 0 else f"exit status {code}"
                self.discard(worker)
                yield (
                    index,
                    _Outcome(
                        worker.path,
                        "failed",
                        f"failed: internal error, please report it: the worker process died ({how})",
                    ),
                )
            elif now >= worker.deadline:
                if self.debug and hasattr(signal, "SIGUSR1"):
                    with contextlib.suppress(OSError):  # its Python stack, on stderr
                        os.kill(worker.process.pid, signal.SIGUSR1)
                        time.sleep(0.2)
                self.discard(worker)
                yield index, _Outcome(worker.path, "timeout", f"timed out after {_seconds(self.timeout)} s")

    def discard(self, worker: _Worker) -> None:
        """Kill a worker and forget it."""
        with contextlib.suppress(Exception):
            worker.process.kill()
            worker.process.join(2)
        worker.conn.close()
        self.workers.remove(worker)

    def close(self, *, kill: bool) -> None:
        """Stop the workers: ask the idle ones to end (or ``kill`` them all at once), and wait for them."""
        if not kill:
            for worker in self.workers:
                with contextlib.suppress(OSError, EOFError):
                    if worker.task is None:
                        worker.conn.send(None)
            for worker in self.workers:
                worker.process.join(2)
        for worker in list(self.workers):
            self.discard(worker)


def _warm(command: Command) -> None:
    """Build the parser (and the rules) once here, so that forked workers start with them."""
    try:
        from govinfo_reports.syntax.parser import parse

        report = parse("一、总体情况\n(一)主动公开\n全年主动公开政府信息1条。\n")
        if command == "check":
            from govinfo_reports.validate import validate

            validate(report)
    except Exception:  # only an optimisation: the workers will report what is wrong
        return


# ---------------------------------------------------------------------------
# running a batch


class _Interrupted(BaseException):
    """SIGINT or SIGTERM arrived: stop at once."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _signals() -> Iterator[None]:
    """Turn SIGINT and SIGTERM into :class:`_Interrupted` (in the main thread; elsewhere, leave them)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        for number in (signal.SIGINT, signal.SIGTERM):  # a second signal must not break the cleaning up
            signal.signal(number, signal.SIG_IGN)
        raise _Interrupted(signum)

    previous = {number: signal.signal(number, stop) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _progress_wanted(count: int, stdout_used: bool) -> bool:
    """A progress bar on stderr: for several files, when stderr is a terminal that stdout output does not share."""
    return count > 1 and sys.stderr.isatty() and not (stdout_used and sys.stdout.isatty())


class _Progress:
    """The progress bar (rich, refreshed by the main loop rather than by a thread), and messages for stderr."""

    def __init__(self, label: str, total: int, wanted: bool) -> None:
        self._bar: Any = None
        self._task: Any = None
        self._shown = 0.0
        if wanted:
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(
                console=Console(stderr=True),
                transient=True,
                auto_refresh=False,
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._bar.start()
            self._task = self._bar.add_task(label, total=total)

    @property
    def active(self) -> bool:
        return self._bar is not None

    def note(self, message: str) -> None:
        """A line on stderr (above the bar)."""
        if self._bar is not None:
            self._bar.console.print(message, markup=False, highlight=False, emoji=False, soft_wrap=True)
        else:
            click.echo(message, err=True)

    def advance(self) -> None:
        if self._bar is not None:
            self._bar.advance(self._task)
            self.tick()

    def tick(self) -> None:
        """Redraw the bar, at most ten times a second."""
        now = time.monotonic()
        if self._bar is not None and now - self._shown >= 0.1:
            self._shown = now
            self._bar.refresh()

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def _run(
    files: Sequence[Path],
    command: Command,
    jobs: int,
    options: dict[str, Any] | None = None,
    *,
    timeout: float = 60.0,
    debug: bool = False,
    progress: _Progress | None = None,
) -> Generator[_Outcome, None, None]:
    """Process the files, yielding their outcomes in the order of ``files`` as soon as each is known.

    Each file goes to a worker process (``jobs`` of them, 0: one per CPU) and
    must be done within ``timeout`` seconds; at most a few outcomes per worker
    wait for an earlier file.  With one job and no time limit, the files are
    processed in this process.
    """
    frozen = tuple(sorted((options or {}).items()))
    size = min((os.cpu_count() or 1) if jobs == 0 else jobs, len(files))
    if size <= 1 and not timeout:
        for path in files:
            yield _preflight(path) or _process(path, command, frozen, debug)
        return
    pool = _Pool(max(size, 1), command, frozen, timeout=timeout, debug=debug)
    window = max(8, 4 * pool.size)  # outcomes kept back waiting for an earlier file: bounded
    queue = deque(enumerate(files))
    ready: dict[int, _Outcome] = {}
    done = 0
    checked = -1
    finished = False
    try:
        while done < len(files):
            while done in ready:
                yield ready.pop(done)
                done += 1
            while queue and queue[0][0] < done + window:
                index, path = queue[0]
                if index != checked:  # a missing file or a FIFO needs no worker
                    checked, early = index, _preflight(path)
                    if early is not None:
                        ready[index] = early
                        queue.popleft()
                        continue
                worker = pool.idle()
                if worker is None:
                    break
                if pool.assign(worker, index, str(path)):  # else the worker was gone: try another
                    queue.popleft()
            if done in ready:
                continue
            for index, outcome in pool.collect(0.1 if progress is not None and progress.active else None):
                ready[index] = outcome
            if progress is not None:
                progress.tick()
        finished = True
    finally:
        pool.close(kill=not finished)


@attrs.define
class _Tally:
    """What a batch gave so far: files by outcome, and findings by severity."""

    total: int
    progress: _Progress
    files: int = 0
    unreadable: int = 0
    failed: int = 0
    timed_out: int = 0
    counts: dict[str, int] = attrs.Factory(dict)
    #: Files read that gave no facts (facts).
    without_facts: int = 0
    #: Leave out remarks and the summary line.
    quiet: bool = False

    def add(self, outcome: _Outcome) -> None:
        self.files += 1
        if outcome.kind == "unreadable":
            self.unreadable += 1
        elif outcome.kind == "failed":
            self.failed += 1
        elif outcome.kind == "timeout":
            self.timed_out += 1
        if outcome.error is not None:
            self.progress.note(f"{outcome.path}: {outcome.error}")
        elif outcome.note is not None:
            self.without_facts += 1
            if not self.quiet:
                self.progress.note(f"{outcome.path}: {outcome.note}")
        for key, number in outcome.counts:
            self.counts[key] = self.counts.get(key, 0) + number
        self.progress.advance()

    def summary(self, what: str) -> str:
        read = self.files - self.unreadable - self.failed - self.timed_out
        files = f"{self.files} of {self.total} files" if self.files < self.total else _plural(self.files, "file")
        head = f"{files}: {read} read, {self.unreadable} unreadable, {self.failed} failed, {self.timed_out} timed out"
        return f"{head}; {what}" if what else head

    def status(self, findings: bool = False) -> int:
        """The exit status: 3 for internal errors and timeouts, else 2 for unreadable files, else 1 for findings."""
        if self.failed or self.timed_out:
            return EXIT_INTERNAL
        if self.unreadable:
            return EXIT_UNREADABLE
        return EXIT_FINDINGS if findings else EXIT_OK


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 or word == "info" else f"{count} {word}s"


def _batch(paths: tuple[str, ...]) -> list[Path]:
    files = expand_paths(paths)
    if not files:
        raise click.UsageError("no report files found (a folder is searched for " + ", ".join(SUFFIXES) + ")")
    return files


def _drive(
    files: Sequence[Path],
    command: Command,
    settings: _Settings,
    emit: Callable[[_Outcome], object],
    what: Callable[[_Tally], str],
    *,
    options: dict[str, Any] | None = None,
    stdout_used: bool = True,
    quiet: bool = False,
) -> _Tally:
    """Run a batch, handing each outcome to ``emit``, and end with the summary line.

    On SIGINT or SIGTERM: stop at once, kill the workers, print the summary
    so far and exit with 128 + the signal's number.
    """
    progress = _Progress(command, len(files), not quiet and _progress_wanted(len(files), stdout_used))
    tally = _Tally(len(files), progress, quiet=quiet)
    try:
        with _signals():
            try:
                outcomes = _run(
                    files,
                    command,
                    settings.jobs,
                    options,
                    timeout=settings.timeout,
                    debug=settings.debug,
                    progress=progress,
                )
                with contextlib.closing(outcomes):
                    for outcome in outcomes:
                        tally.add(outcome)
                        emit(outcome)
            finally:
                progress.stop()
    except (_Interrupted, KeyboardInterrupt) as exc:
        signum = exc.signum if isinstance(exc, _Interrupted) else signal.SIGINT
        click.echo(f"interrupted by {_signal_name(signum)}", err=True)
        click.echo(tally.summary(what(tally)), err=True)
        raise SystemExit(128 + signum) from None
    if not quiet:
        click.echo(tally.summary(what(tally)), err=True)
    return tally


@contextlib.contextmanager
def _output_file(name: str, *, binary: bool = False) -> Iterator[Any]:
    """Where output goes: stdout for ``-``; else a temporary file next to ``name`` that replaces it at the end.

    If the block raises (or the run is interrupted), the temporary file is
    removed and ``name`` keeps what it had.  ``binary``: the file is opened
    for bytes (its ``name`` is the temporary file, for writers that open it themselves).
    """
    if name == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        return
    target = Path(name)
    if target.is_dir():
        raise click.BadParameter(f"{name!r} is a folder", param_hint="--output")
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise click.BadParameter(f"cannot write {name!r}: {exc.strerror or exc}", param_hint="--output") from None
    try:
        if binary:
            with open(fd, "wb") as raw:
                yield _Named(raw, temporary)
        else:
            with open(fd, "w", encoding="utf-8") as handle:
                yield handle
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@attrs.frozen
class _Named:
    """A binary file, and the name a writer that opens files itself should open."""

    handle: IO[bytes]
    name: str


class _JsonArray:
    """Rows written one by one as a JSON array, exactly as ``json.dumps(rows, ensure_ascii=False, indent=1)``."""

    def __init__(self, out: IO[str]) -> None:
        self._out = out
        self._count = 0

    def write(self, row: dict[str, Any]) -> None:
        text = json.dumps(row, ensure_ascii=False, indent=1).replace("\n", "\n ")
        self._out.write(("[\n " if not self._count else ",\n ") + text)
        self._count += 1

    def close(self) -> None:
        self._out.write("\n]\n" if self._count else "[]\n")


# ---------------------------------------------------------------------------
# the commands


@attrs.frozen
class _Settings:
    """The options every batch command has."""

    jobs: int
    timeout: float
    debug: bool


def _batch_options(function: Callable[..., None]) -> Callable[..., None]:
    """The options of every batch command: ``--jobs``, ``--timeout`` and ``--debug``."""

    function = click.option(
        "--debug",
        is_flag=True,
        envvar=DEBUG_ENV,
        help=f"Show the traceback of an internal error (also: {DEBUG_ENV}=1).",
    )(function)
    function = click.option(
        "--timeout",
        type=click.FloatRange(min=0),
        default=60.0,
        show_default=True,
        metavar="SECONDS",
        help="Time limit per file; a file over it is reported and its worker replaced (0: no limit).",
    )(function)
    function = click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=0),
        default=1,
        show_default=True,
        help="Worker processes, each processing one file at a time (0: one per CPU).",
    )(function)
    return function


def _settings(jobs: int, timeout: float, debug: bool) -> _Settings:
    return _Settings(jobs, timeout, debug)


_paths_argument = click.argument("paths", nargs=-1, required=True, metavar="PATH...")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="govinfo-reports")
def main() -> None:
    """Read government information-disclosure annual reports (政府信息公开工作年度报告).

    A PATH is a report file (.txt, .md, .html, .htm), a folder (searched
    recursively) or a glob.  Bad files are reported on stderr and skipped;
    a summary line ends every run.  Exit status: 0 success, 1 check found an
    error, 2 a file could not be read (or a usage error), 3 an internal error
    or a timeout (the highest applies); 130/143 interrupted.
    """


@main.command()
@_paths_argument
@click.option(
    "--indent", type=click.IntRange(min=0), default=None, help="Indent the JSON (default: one line per report)."
)
@_batch_options
def parse(paths: tuple[str, ...], indent: int | None, jobs: int, timeout: float, debug: bool) -> None:
    """Print the syntax tree of each report as JSON, one document per report.

    The JSON is what govinfo_reports.dumps writes (govinfo_reports.loads
    reads it back); with several files, one document per line (JSON Lines)
    unless --indent is given.
    """
    files = _batch(paths)
    out = sys.stdout
    tally = _drive(
        files,
        "parse",
        _settings(jobs, timeout, debug),
        lambda o: out.write(o.text),
        lambda t: "",
        options={"indent": indent},
    )
    sys.exit(tally.status())


@main.command()
@_paths_argument
@_batch_options
def outline(paths: tuple[str, ...], jobs: int, timeout: float, debug: bool) -> None:
    """Print the outline (headings, tables, signature, attachments) of each report."""
    files = _batch(paths)
    out = sys.stdout
    tally = _drive(files, "outline", _settings(jobs, timeout, debug), lambda o: out.write(o.text), lambda t: "")
    sys.exit(tally.status())


_quiet_option = click.option(
    "--quiet", "-q", is_flag=True, help="Print the output only: no summary line, no progress bar, no remarks."
)


@main.command()
@_paths_argument
@click.option(
    "--output-format",
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["csv", "jsonl", "json", "parquet"]),
    default="csv",
    show_default=True,
    help="CSV with a header row, JSON Lines (one object a line), one JSON array, or Parquet (needs --output).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True),
    default="-",
    help="Write here instead of stdout (replaced only when the run completes).",
)
@_quiet_option
@_batch_options
def facts(paths: tuple[str, ...], fmt: str, output: str, quiet: bool, jobs: int, timeout: float, debug: bool) -> None:
    """Print the facts of the reports' statistics tables, one row per fact.

    Columns: path; the report's title, office, year, period (an ISO 8601
    interval, 2024-01-01/2024-12-31) and published (an ISO date), each empty
    when the report does not state it; template, table (二/三/四 or legacy),
    indicator (the canonical id, empty for legacy tables), label_path (the
    row's labels joined by " / "), column, value (empty for a blank cell),
    unit, text (the cell as written), line and col (where the cell is; for an
    HTML page, the line where the cell's element starts, and column 1), origin
    (page or table cell of a PDF or Word file), and inferred (true for a
    value cut out of digits a crawler ran together, by the table's arithmetic).

    The CSV is typed alike by pandas, polars and DuckDB with their defaults:
    value is always written as a float, and text is left empty when the cell
    reads exactly as its value (JSON and Parquet keep every text).

    A file that gives no facts is named on stderr with the reason
    ("path: no facts: no table in the text …").
    """
    if fmt == "parquet" and output == "-":
        raise click.UsageError("--output-format parquet needs --output FILE")
    files = _batch(paths)
    count = 0

    def what(tally: _Tally) -> str:
        done = _plural(count, "fact")
        if tally.without_facts:
            done += f"; {tally.without_facts} of the files read gave no facts"
        return done

    if fmt == "parquet":
        from govinfo_reports.io.tabular import ParquetFacts

        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise click.UsageError("Parquet output needs pyarrow: pip install 'govinfo-reports[parquet]'") from None
        with _output_file(output, binary=True) as handle:
            parquet = ParquetFacts(handle.name)

            def emit_parquet(outcome: _Outcome) -> None:
                nonlocal count
                parquet.write(outcome.rows)
                count += len(outcome.rows)

            try:
                tally = _drive(
                    files, "facts", _settings(jobs, timeout, debug), emit_parquet, what, stdout_used=False, quiet=quiet
                )
            finally:
                parquet.close()
        sys.exit(tally.status())

    with _output_file(output) as out:
        writer: Callable[[dict[str, Any]], None]
        array = None
        if fmt == "csv":
            from govinfo_reports.io.tabular import csv_row

            table = csv.DictWriter(out, fieldnames=FACT_FIELDS, lineterminator="\n")
            table.writeheader()

            def writer(row: dict[str, Any]) -> None:
                table.writerow(csv_row(row))

        elif fmt == "jsonl":

            def writer(row: dict[str, Any]) -> None:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")

        else:
            array = _JsonArray(out)
            writer = array.write

        def emit(outcome: _Outcome) -> None:
            nonlocal count
            for row in outcome.rows:
                writer(row)
            count += len(outcome.rows)

        tally = _drive(
            files,
            "facts",
            _settings(jobs, timeout, debug),
            emit,
            what,
            stdout_used=output == "-",
            quiet=quiet,
        )
        if array is not None:
            array.close()
        out.flush()
    sys.exit(tally.status())


#: The output formats of ``check``.
CHECK_FORMATS = ("text", "json", "jsonl", "github", "sarif")


@main.command()
@_paths_argument
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit 0 even when errors are found (unreadable files still give 2, internal errors 3).",
)
@click.option(
    "--output-format",
    "--format",
    "-f",
    "fmt",
    type=click.Choice(CHECK_FORMATS),
    default="text",
    show_default=True,
    help="text: one line per finding; json: one array; jsonl: one object a line; github: workflow commands; "
    "sarif: SARIF 2.1.0.",
)
@click.option(
    "--show-notes/--no-notes",
    "notes",
    default=False,
    show_default=True,
    help="text: follow each finding by a note line per further cell involved (json, jsonl, sarif always have them).",
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Instead of the findings, count them by rule (text, or a JSON array with -f json/jsonl).",
)
@click.option("--select", multiple=True, metavar="RULE", help="Run only this rule (or id prefix: table3); repeatable.")
@click.option("--disable", multiple=True, metavar="RULE", help="Do not run this rule (or id prefix); repeatable.")
@click.option(
    "--min-severity",
    type=click.Choice(["error", "warning", "info"]),
    default="info",
    show_default=True,
    help="Leave out findings less serious than this.",
)
@click.option(
    "--across/--no-across",
    default=True,
    show_default=True,
    help="Also check the reports of one office year against year (the across.* rules), grouped by office and year.",
)
@_quiet_option
@_batch_options
def check(
    paths: tuple[str, ...],
    exit_zero: bool,
    fmt: str,
    notes: bool,
    statistics: bool,
    select: tuple[str, ...],
    disable: tuple[str, ...],
    min_severity: str,
    quiet: bool,
    across: bool,
    jobs: int,
    timeout: float,
    debug: bool,
) -> None:
    """Validate the reports; print the findings as "path:line:col: severity: rule message".

    One location per finding, the same in every format: path:line:col for
    text and Markdown files; for an HTML page the line of the page where the
    element starts (column 1); path:PAGE for a PDF, path:¶N for a Word file.
    With --show-notes each further cell involved follows on a
    "path:line:col: note: labels [column] = value" line.  json and jsonl give
    each finding as govinfo_reports.dumps_findings writes it (rule, severity,
    message, expected, actual, difference, facts, other_facts ...) with its
    path, location, line, col and origin, and each fact's; govinfo_reports.loads_findings
    reads them back.  github prints GitHub Actions workflow
    commands (::error file=…,line=…,col=…,title=rule::message); sarif one
    SARIF 2.1.0 log.  Exit status 1 when any finding is an error, 2 when a
    file could not be read, 3 on an internal error or a timeout.

    With --across (the default), the files read are then grouped by the office
    and year they state, and each office's report on a year is checked against
    its report on the year before (across.carry-over ...): those findings are
    on this year's file, their cells of last year's file among their notes.
    Each file is still parsed once: what is kept of it for this is its office,
    year and the few cells those rules compare.
    """
    from govinfo_reports.io import outputs as formats

    _known_rules(select + disable)
    files = _batch(paths)
    across = across and len(files) > 1 and _runs_across(select, disable)
    options = {"select": select, "disable": disable, "min_severity": min_severity, "across": across}
    out = sys.stdout
    collected: list[dict[str, Any]] = []
    years: list[_Year] = []  # what the across pass needs of each file read, kept as the batch streams on

    def emit(outcome: _Outcome) -> None:
        if outcome.year is not None:
            years.append(outcome.year)
        if statistics or fmt in ("json", "sarif"):
            collected.extend(outcome.rows)
        elif fmt == "jsonl":
            for row in outcome.rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif fmt == "github":
            for row in outcome.rows:
                out.write(formats.github_line(row) + "\n")
        else:
            for row in outcome.rows:
                for line in formats.text_lines(row, notes=notes):
                    out.write(line + "\n")
        out.flush()

    def found(tally: _Tally) -> str:
        return ", ".join(_plural(tally.counts.get(s, 0), s) for s in ("error", "warning", "info"))

    tally = _drive(files, "check", _settings(jobs, timeout, debug), emit, found, options=options, quiet=quiet)
    errors = bool(tally.counts.get("error", 0))
    if len(years) > 1:
        rows, counts = _check_across(years, options)
        emit(_Outcome("", rows=tuple(rows)))
        if counts and not quiet:  # (the batch's summary line stays the last line when there is nothing to add)
            click.echo(
                "across years: " + ", ".join(_plural(counts.get(s, 0), s) for s in ("error", "warning", "info")),
                err=True,
            )
        errors = errors or bool(counts.get("error", 0))
    if statistics:
        stats = formats.statistics(collected, {r["id"]: r["title"] for r in rule_catalogue()})
        if fmt in ("json", "jsonl", "sarif"):
            out.write(json.dumps(stats, ensure_ascii=False, indent=1) + "\n")
        else:
            for line in formats.statistics_lines(stats):
                out.write(line + "\n")
    elif fmt == "json":
        out.write(json.dumps(collected, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "sarif":
        log = formats.sarif_log(collected, rule_catalogue(), version=_version())
        out.write(json.dumps(log, ensure_ascii=False, indent=1) + "\n")
    out.flush()
    sys.exit(tally.status(findings=errors and not exit_zero))


def _runs_across(select: tuple[str, ...], disable: tuple[str, ...]) -> bool:
    """Whether ``--select`` and ``--disable`` leave any ``across.*`` rule to run."""
    from govinfo_reports.rules import RULES
    from govinfo_reports.validate import ACROSS

    chosen = RULES.select(ids=select or None, exclude=disable)
    return any(rule.id.startswith(ACROSS + ".") for rule in chosen)


def _check_across(years: list[_Year], opts: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The ``across.*`` findings of the files read, from the records their workers kept
    (:class:`_Year`: no file is read again), as rows (:func:`finding_row`, on this year's
    file, ``other_facts`` placed in last year's), and their counts by severity."""
    from govinfo_reports.validate import validate_reports

    by_name = {year.path: year for year in years}
    found = validate_reports(
        [year.dated for year in years],
        select=opts.get("select") or None,
        disable=opts.get("disable") or (),
        min_severity=opts.get("min_severity") or "info",
    )
    rows: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    for finding in found:
        counts[finding.severity.value] = counts.get(finding.severity.value, 0) + 1
        rows.append(finding_row(by_name[finding.source or ""], finding, by_name.get(finding.other_source or "")))
    return rows, counts


def _version() -> str:
    from govinfo_reports import __version__

    return __version__


@main.command()
@click.argument("rule_id", metavar="ID")
@click.option("--output-format", "--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text")
def rule(rule_id: str, fmt: str) -> None:
    """Explain one rule: its id, severity, templates, what it checks and why.

    ID is a rule id as check prints it (table3.balance); exit 2 for an
    unknown id, naming the rules that start like it.
    """
    catalogue = rule_catalogue()
    entry = next((r for r in catalogue if r["id"] == rule_id), None)
    if entry is None:
        near = [r["id"] for r in catalogue if r["id"].startswith(rule_id.split(".")[0])]
        hint = f"; rules like it: {', '.join(near)}" if near else " (see: govinfo-reports rules)"
        click.echo(f"error: no rule {rule_id!r}{hint}", err=True)
        sys.exit(EXIT_UNREADABLE)
    if fmt == "json":
        click.echo(json.dumps(entry, ensure_ascii=False, indent=1))
        return
    click.echo(f"{entry['id']} ({entry['severity']}): {entry['title']}")
    click.echo(f"templates: {', '.join(entry['templates'])}")
    click.echo("")
    click.echo(entry["description"])


@main.command()
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(fmt: str) -> None:
    """List the validation rules: id, severity, the templates it applies to, and what it checks."""
    catalogue = rule_catalogue()
    if fmt == "json":
        click.echo(json.dumps(catalogue, ensure_ascii=False, indent=1))
        return
    for entry in catalogue:
        click.echo(f"{entry['id']}\t{entry['severity']}\t{','.join(entry['templates'])}\t{entry['title']}")


def rule_catalogue() -> list[dict[str, Any]]:
    """The default rule registry as dicts (id, severity, templates, title, description), sorted by id.

    Templates are listed sorted, ``none`` standing for reports without a statistics table.
    """
    from govinfo_reports.rules import RULES

    return [
        {
            "id": rule.id,
            "severity": rule.severity.value,
            "templates": sorted(t or "none" for t in rule.templates),
            "title": rule.title,
            "description": rule.description,
        }
        for rule in RULES
    ]


def _known_rules(ids: tuple[str, ...]) -> None:
    from govinfo_reports.rules import RULES

    known = [rule.id for rule in RULES]
    for rule_id in ids:
        if not any(k == rule_id or k.startswith(rule_id + ".") for k in known):
            raise click.BadParameter(
                f"no rule {rule_id!r} (see: govinfo-reports rules)", param_hint="--select/--disable"
            )


@main.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True),
    default="-",
    help="Write the page here instead of stdout (replaced only when it is complete).",
)
def show(path: str, output: str) -> None:
    """Write one static HTML page of a report: its outline and text, each table drawn as its grid,
    and the cells involved in each finding highlighted with the message beside them.

    The page is self-contained (no script, nothing loaded); its notes locate
    each finding as ``check`` does.  Exit 0 when the page is written, 2 when
    the file cannot be read.
    """
    from govinfo_reports.io.html_view import report_page
    from govinfo_reports.validate import validate

    failed = _preflight(Path(path))
    if failed is None:
        try:
            source = _read(path)
        except OSError as exc:
            failed = _Outcome(path, "unreadable", f"cannot read: {exc.strerror or _describe(exc)}")
        except GovinfoError as exc:
            reason = _describe(exc).split(": ", 1)[-1].removeprefix(f"{path}: ")
            failed = _Outcome(path, "unreadable", f"cannot read: {reason}")
    if failed is not None:
        click.echo(f"{path}: {failed.error}", err=True)
        sys.exit(2)
    page = report_page(source.report, validate(source.report), title=Path(path).name, locate=source.location)
    with _output_file(output) as out:
        out.write(page)


if __name__ == "__main__":
    main()
