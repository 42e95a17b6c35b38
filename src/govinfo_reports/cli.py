"""The ``govinfo-reports`` command line.

Commands (``govinfo-reports COMMAND --help`` for each):

* ``parse FILE…``: the syntax tree as JSON (:func:`govinfo_reports.dumps`);
* ``outline PATH…``: the skeleton of each report;
* ``facts PATH…``: the table facts, as CSV, JSON Lines or JSON;
* ``check PATH…``: the validator's findings, ``path:line:col: severity rule message``;
* ``rules``: the catalogue of validation rules.

A PATH is a file, a folder (searched recursively for ``.txt``, ``.md``,
``.html`` and ``.htm`` files) or a glob (``'reports/**/*.html'``).  A file that
cannot be read (missing, binary, undecodable, empty) is reported on stderr
and the batch goes on; a summary line on stderr ends every batch.

Exit status: 0 on success; 1 when ``check`` found an error; 2 when a file
could not be read (and for usage errors).
"""

from __future__ import annotations

import csv
import glob
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Literal, TypeAlias

import attrs
import click

from govinfo_reports.errors import GovinfoError
from govinfo_reports.html import HtmlDocument
from govinfo_reports.nodes import NO_SPAN, Report, Span

__all__ = ["FACT_FIELDS", "SUFFIXES", "expand_paths", "fact_rows", "main", "rule_catalogue"]

#: The file name suffixes a folder is searched for.
SUFFIXES = (".txt", ".md", ".html", ".htm")

#: The columns of ``facts`` output, in order.
FACT_FIELDS = ("path", "template", "table", "indicator", "label_path", "column", "value", "unit", "text", "line", "col")

Command: TypeAlias = Literal["parse", "outline", "facts", "check"]

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
# the work done for one file (in a worker process with --jobs)


@attrs.frozen
class _Outcome:
    """What processing one file gave: output for stdout, or the reason it could not be read."""

    path: str
    #: Why the file could not be processed (``cannot read: …``), or ``None``.
    error: str | None = None
    #: Text to print (parse, outline, check).
    text: str = ""
    #: Fact rows (facts).
    rows: tuple[dict[str, Any], ...] = ()
    #: Findings by severity (check).
    counts: tuple[tuple[str, int], ...] = ()


@attrs.frozen
class _Source:
    """A parsed file, and how to turn a span of its report into a place in the file."""

    path: str
    report: Report
    #: For an HTML page: its text rendering, which maps rendered lines to the page's lines.
    html: HtmlDocument | None = None

    def where(self, span: Span) -> tuple[int, int | None]:
        """Line and column in the file; for an HTML page, the line where the cell's element starts and no column."""
        if self.html is None:
            return span.line, span.column
        return self.html.source_line(span.line) or span.line, None

    def location(self, span: Span) -> str:
        """``path:line:col`` of a span (column 1 for an HTML page)."""
        line, column = self.where(span)
        return f"{self.path}:{line}:{column or 1}"


def _read(path: str) -> _Source:
    from govinfo_reports.parser import parse_file

    html = None
    if path.lower().endswith((".html", ".htm")):
        from govinfo_reports.html import read_html

        html = read_html(Path(path).read_bytes(), source_name=path)
        report = html.parse(source_name=path)
    else:
        report = parse_file(path)
    if not report.children or all(_is_blank(c) for c in report.children):
        raise GovinfoError(f"{path}: empty file, no report text")
    return _Source(path, report, html)


def _is_blank(block: object) -> bool:
    from govinfo_reports.nodes import Blank

    return isinstance(block, Blank)


def _value(value: Decimal | None) -> int | float | str | None:
    """A fact's value for JSON: a number when it round-trips exactly, else its text."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    return as_float if Decimal(repr(as_float)) == value else str(value)


def fact_rows(report: Report, path: str, *, html: HtmlDocument | None = None) -> list[dict[str, Any]]:
    """The rows of ``facts`` output for one report: one dict per fact, keys :data:`FACT_FIELDS`.

    ``label_path`` joins the labels with `` / ``; ``line`` and ``col`` locate
    the cell in the file.  For an HTML page pass its :class:`~govinfo_reports.html.HtmlDocument`:
    ``line`` is then the line of the page where the cell's element starts, and ``col`` is empty.
    """
    source = _Source(path, report, html)
    rows = []
    for fact in report.facts:
        located = fact.span is not NO_SPAN
        line, column = source.where(fact.span) if located else (None, None)
        rows.append(
            {
                "path": path,
                "template": report.template,
                "table": fact.table,
                "indicator": fact.indicator,
                "label_path": " / ".join(fact.label_path),
                "column": fact.column,
                "value": _value(fact.value),
                "unit": fact.unit,
                "text": fact.text,
                "line": line,
                "col": column,
            }
        )
    return rows


def _cell(source: _Source, fact: Any) -> dict[str, Any]:
    line, column = source.where(fact.span) if fact.span is not NO_SPAN else (None, None)
    return {
        "table": fact.table,
        "indicator": fact.indicator,
        "label_path": " / ".join(fact.label_path),
        "column": fact.column,
        "text": fact.text,
        "line": line,
        "col": column,
    }


def _finding_rows(source: _Source, findings: Iterable[Any]) -> list[dict[str, Any]]:
    """Findings as dicts for JSON: path, line, col, severity, rule, message, expected, actual, cells."""
    rows = []
    for finding in findings:
        location = finding.location
        line, column = source.where(location) if location is not NO_SPAN else (None, None)
        rows.append(
            {
                "path": source.path,
                "line": line,
                "col": column,
                "severity": finding.severity.value,
                "rule": finding.rule,
                "message": finding.message,
                "expected": _value(finding.expected),
                "actual": _value(finding.actual),
                "cells": [_cell(source, fact) for fact in finding.facts],
            }
        )
    return rows


def _check_lines(source: _Source, opts: dict[str, Any]) -> tuple[str, dict[str, int], list[dict[str, Any]]]:
    from govinfo_reports.validate import validate

    report, path = source.report, source.path
    notes = bool(opts.get("notes", True))
    lines: list[str] = []
    counts: dict[str, int] = {}
    found = validate(
        report,
        select=opts.get("select") or None,
        disable=opts.get("disable") or (),
        min_severity=opts.get("min_severity") or "info",
    )
    for finding in found:
        severity = finding.severity.value
        counts[severity] = counts.get(severity, 0) + 1
        primary = finding.location  # the sentence or heading a rule points at, else its first cell
        where = source.location(primary) if primary is not NO_SPAN else f"{path}:1:1"
        lines.append(f"{where}: {severity} {finding.rule} {finding.message}")
        if notes:
            for fact in finding.facts:
                if fact.span is not NO_SPAN and fact.span != primary:
                    label = " / ".join(fact.label_path) or fact.table
                    lines.append(f"{source.location(fact.span)}: note: {label} [{fact.column}] = {fact.text}")
    rows = _finding_rows(source, found) if opts.get("structured") else []
    return "".join(line + "\n" for line in lines), counts, rows


def _process(path: Path, command: Command, options: tuple[tuple[str, Any], ...]) -> _Outcome:
    """Run one command on one file; never raises for a bad file."""
    name = str(path)
    opts = dict(options)
    try:
        source = _read(name)
        report = source.report
    except (OSError, GovinfoError) as exc:
        message = exc.strerror or str(exc) if isinstance(exc, OSError) else str(exc)
        message = message.removeprefix(f"{name}: ")
        return _Outcome(name, error=f"cannot read: {message}")
    try:
        if command == "parse":
            from govinfo_reports.serialize import dumps

            return _Outcome(name, text=dumps(report, indent=opts.get("indent")) + "\n")
        if command == "outline":
            from govinfo_reports.outline import outline

            return _Outcome(name, text=f"== {name}\n{outline(report)}\n")
        if command == "facts":
            return _Outcome(name, rows=tuple(fact_rows(report, name, html=source.html)))
        text, counts, rows = _check_lines(source, opts)
        return _Outcome(name, text=text, rows=tuple(rows), counts=tuple(sorted(counts.items())))
    except GovinfoError as exc:
        return _Outcome(name, error=f"cannot read: {str(exc).removeprefix(f'{name}: ')}")
    except Exception as exc:  # a bug must not end a batch of thousands of files: report it, go on, exit 2
        return _Outcome(name, error=f"failed: internal error, please report it: {type(exc).__name__}: {exc}")


# ---------------------------------------------------------------------------
# running a batch


def _progress_wanted(count: int) -> bool:
    return count > 1 and sys.stderr.isatty()


def _run(
    files: Sequence[Path], command: Command, jobs: int, options: dict[str, Any] | None = None
) -> Iterator[_Outcome]:
    """Process the files (in parallel with jobs > 1), yielding outcomes in the order of ``files``."""
    frozen = tuple(sorted((options or {}).items()))
    workers = (os.cpu_count() or 1) if jobs == 0 else jobs
    progress = None
    task = None
    if _progress_wanted(len(files)):
        from rich.console import Console
        from rich.progress import Progress

        progress = Progress(console=Console(stderr=True), transient=True)
        progress.start()
        task = progress.add_task(command, total=len(files))
    try:
        if workers > 1 and len(files) > 1:
            with ProcessPoolExecutor(max_workers=min(workers, len(files))) as pool:
                futures = [pool.submit(_process, f, command, frozen) for f in files]
                for future in futures:
                    outcome = future.result()
                    if progress is not None and task is not None:
                        progress.advance(task)
                    yield outcome
        else:
            for f in files:
                outcome = _process(f, command, frozen)
                if progress is not None and task is not None:
                    progress.advance(task)
                yield outcome
    finally:
        if progress is not None:
            progress.stop()


@attrs.define
class _Tally:
    files: int = 0
    unreadable: int = 0
    counts: dict[str, int] = attrs.Factory(dict)

    def add(self, outcome: _Outcome) -> None:
        self.files += 1
        if outcome.error is not None:
            self.unreadable += 1
            click.echo(f"{outcome.path}: {outcome.error}", err=True)
        for key, number in outcome.counts:
            self.counts[key] = self.counts.get(key, 0) + number

    def summary(self, what: str) -> str:
        read = self.files - self.unreadable
        head = f"{self.files} file{'s' if self.files != 1 else ''}: {read} read, {self.unreadable} unreadable"
        return f"{head}; {what}" if what else head


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 or word == "info" else f"{count} {word}s"


def _batch(paths: tuple[str, ...]) -> list[Path]:
    files = expand_paths(paths)
    if not files:
        raise click.UsageError("no report files found (a folder is searched for " + ", ".join(SUFFIXES) + ")")
    return files


_jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Files processed in parallel (0: one per CPU).",
)
_paths_argument = click.argument("paths", nargs=-1, required=True, metavar="PATH...")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="govinfo-reports")
def main() -> None:
    """Read government information-disclosure annual reports (政府信息公开工作年度报告).

    A PATH is a report file (.txt, .md, .html, .htm), a folder (searched
    recursively) or a glob.  Bad files are reported on stderr and skipped;
    the exit status is 2 when a file could not be read.
    """


@main.command()
@_paths_argument
@click.option(
    "--indent", type=click.IntRange(min=0), default=None, help="Indent the JSON (default: one line per report)."
)
@_jobs_option
def parse(paths: tuple[str, ...], indent: int | None, jobs: int) -> None:
    """Print the syntax tree of each report as JSON, one document per report.

    The JSON is what govinfo_reports.dumps writes (govinfo_reports.loads
    reads it back); with several files, one document per line (JSON Lines)
    unless --indent is given.
    """
    files = _batch(paths)
    tally = _Tally()
    for outcome in _run(files, "parse", jobs, {"indent": indent}):
        tally.add(outcome)
        click.echo(outcome.text, nl=False)
    click.echo(tally.summary(""), err=True)
    _exit(tally)


@main.command()
@_paths_argument
@_jobs_option
def outline(paths: tuple[str, ...], jobs: int) -> None:
    """Print the outline (headings, tables, signature, attachments) of each report."""
    files = _batch(paths)
    tally = _Tally()
    for outcome in _run(files, "outline", jobs):
        tally.add(outcome)
        click.echo(outcome.text, nl=False)
    click.echo(tally.summary(""), err=True)
    _exit(tally)


@main.command()
@_paths_argument
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["csv", "jsonl", "json"]),
    default="csv",
    show_default=True,
    help="CSV with a header row, JSON Lines (one object a line) or one JSON array.",
)
@click.option(
    "--output", "-o", type=click.File("w", encoding="utf-8"), default="-", help="Write here instead of stdout."
)
@_jobs_option
def facts(paths: tuple[str, ...], fmt: str, output: IO[str], jobs: int) -> None:
    """Print the facts of the reports' statistics tables, one row per fact.

    Columns: path, template, table (二/三/四 or legacy), indicator (the
    canonical id, empty for legacy tables), label_path (the row's labels
    joined by " / "), column, value (empty for a blank cell), unit, text (the
    cell as written), line and col (where the cell is; for an HTML page, the
    line where the cell's element starts, and no column).
    """
    files = _batch(paths)
    tally = _Tally()
    writer: Callable[[dict[str, Any]], None]
    collected: list[dict[str, Any]] = []
    if fmt == "csv":
        table = csv.DictWriter(output, fieldnames=FACT_FIELDS, lineterminator="\n")
        table.writeheader()
        writer = table.writerow
    elif fmt == "jsonl":

        def writer(row: dict[str, Any]) -> None:
            output.write(json.dumps(row, ensure_ascii=False) + "\n")

    else:
        writer = collected.append
    count = 0
    for outcome in _run(files, "facts", jobs):
        tally.add(outcome)
        for row in outcome.rows:
            writer(row)
            count += 1
    if fmt == "json":
        output.write(json.dumps(collected, ensure_ascii=False, indent=1) + "\n")
    output.flush()
    click.echo(tally.summary(f"{count} fact{'s' if count != 1 else ''}"), err=True)
    _exit(tally)


@main.command()
@_paths_argument
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when errors are found (unreadable files still give 2).")
@click.option("--notes/--no-notes", default=True, show_default=True, help="Also locate every further cell involved.")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["text", "jsonl"]),
    default="text",
    show_default=True,
    help="Compiler-style lines, or one JSON object per finding (with its cells).",
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
@_jobs_option
def check(
    paths: tuple[str, ...],
    exit_zero: bool,
    notes: bool,
    fmt: str,
    select: tuple[str, ...],
    disable: tuple[str, ...],
    min_severity: str,
    jobs: int,
) -> None:
    """Validate the reports; print the findings as "path:line:col: severity rule message".

    With --notes (the default) each further cell a finding involves follows
    it on a "path:line:col: note: labels [column] = value" line.  With
    --format jsonl, one JSON object per finding: path, line, col, severity,
    rule, message, expected, actual and the cells involved.  Exit status 1 when
    any finding is an error, 2 when a file could not be read.
    """
    _known_rules(select + disable)
    files = _batch(paths)
    tally = _Tally()
    structured = fmt == "jsonl"
    options = {"notes": notes, "select": select, "disable": disable, "min_severity": min_severity}
    options["structured"] = structured
    for outcome in _run(files, "check", jobs, options):
        tally.add(outcome)
        if structured:
            for row in outcome.rows:
                click.echo(json.dumps(row, ensure_ascii=False))
        else:
            click.echo(outcome.text, nl=False)
    found = ", ".join(_plural(tally.counts.get(s, 0), s) for s in ("error", "warning", "info"))
    click.echo(tally.summary(found), err=True)
    if tally.unreadable:
        sys.exit(2)
    if tally.counts.get("error", 0) and not exit_zero:
        sys.exit(1)


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


def _exit(tally: _Tally) -> None:
    if tally.unreadable:
        sys.exit(2)
