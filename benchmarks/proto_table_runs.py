"""Experiment (not part of the library): one lexer token per run of pipe lines.

After CELL_PIPES, most of ``parse``'s time on tables is per-token overhead
(Lark's lexer, LALR reductions of ``table: (...)+``) and per-line objects.
This prototype adds a terminal ``TABLE_RUN`` matching a whole run of
consecutive pipe lines (and value + pipes pairs), splits it back into lines
before the post-lexer decides anything (a run that contains a row opener is
cut before it, so the post-lexer sees the kind of the first line and every
``OPEN``), and builds the table lines with spans computed by arithmetic.

It monkeypatches private parts of :mod:`govinfo_reports.parser` and may rot
when they change; it checks that the trees are identical to the parser's on
the benchmark corpus, then compares the times (interleaved runs, median).

    .venv/bin/python benchmarks/proto_table_runs.py [reports]
"""

from __future__ import annotations

import gc
import re
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lark import Lark, Token

import govinfo_reports.parser as P
from govinfo_reports import parse, render
from govinfo_reports._lexer import TablePostLex
from govinfo_reports.nodes import Span, Table, TableLine

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_parse as bench

_WS = r"[ \t\u3000\u00a0\ufeff]*"
_KIND = re.compile(
    rf"(?P<md_sep>{_WS}\|?(?:[ \t]*:?-{{3,}}:?[ \t]*\|)+(?:[ \t]*:?-{{3,}}:?[ \t]*)?[ \t]*\r?$)"
    rf"|(?P<pipes>{_WS}\|[ \t\u3000\u00a0|]*\r?$)"
    rf"|(?P<open>{_WS}\|)"
    rf"|(?P<close>[^|]*\|)"
    rf"|(?P<cell>)"
)
_TYPES = {"md_sep": "MD_SEP", "pipes": "PIPES", "open": "OPEN", "close": "CLOSE", "cell": "CELL_PIPES"}
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")


def grammar() -> str:
    """The report grammar with a TABLE_RUN terminal above CELL_PIPES."""
    text = P.grammar_text()
    found = re.search(r"^CELL_PIPES\.95: /(.*)/$", text, re.M)
    assert found is not None, "the grammar changed: CELL_PIPES not found"
    pair = found.group(1)
    run = rf"(?:{pair}|[^|\n]*\|[^\n]*(?:\n|$))+"
    return text.replace("CELL_PIPES.95:", f"TABLE_RUN.96: /{run}/\nCELL_PIPES.95:", 1)


class _Run(Token):
    parts: list[tuple[str, str]]


def _piece(kind: str, parts: list[tuple[str, str]], start: int, line: int, column: int) -> _Run:
    value = "".join(raw for _, raw in parts)
    end_line = line + sum(raw.endswith("\n") for _, raw in parts)
    tok = _Run.__new__(_Run, _TYPES[kind], value, start, line, column, end_line, None, start + len(value))
    tok.parts = parts
    return tok


class RunPostLex(TablePostLex):
    """Splits TABLE_RUN tokens by their first line's kind (and at row openers), then the usual rules."""

    always_accept = ("TABLE_RUN",)

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        def split(stream: Iterator[Token]) -> Iterator[Token]:
            for tok in stream:
                if tok.type != "TABLE_RUN":
                    yield tok
                    continue
                parts = []
                for raw in _LINE.findall(tok.value):
                    m = _KIND.match(raw[:-1] if raw.endswith("\n") else raw)
                    assert m is not None
                    assert m.lastgroup is not None
                    parts.append((m.lastgroup, raw))
                cut = next((i for i, (k, _) in enumerate(parts) if k == "open" and i > 0), None)
                start, line = tok.start_pos or 0, tok.line or 1
                if cut is None or parts[0][0] == "open":
                    yield _piece(parts[0][0], parts, start, line, tok.column or 1)
                else:
                    first = _piece(parts[0][0], parts[:cut], start, line, tok.column or 1)
                    yield first
                    yield _piece("open", parts[cut:], first.end_pos or 0, first.end_line or 1, 1)

        return super().process(split(stream))


class ToBlocks(P._ToBlocks):
    """Builds table lines from the run tokens, spans by arithmetic."""

    def table(self, children: list[Token]) -> Table:
        lines: list[TableLine] = []
        for tok in children:
            parts = getattr(tok, "parts", None)
            if parts is None:
                lines.extend(super().table([tok]).lines)
                continue
            pos, line = tok.start_pos or 0, tok.line or 1
            for kind, raw in parts:
                if raw.endswith("\r\n"):
                    text, eol = raw[:-2], "\r\n"
                elif raw.endswith("\n"):
                    text, eol = raw[:-1], "\n"
                else:
                    text, eol = raw, ""
                end = pos + len(raw)
                next_line = line + 1 if eol else line
                span = Span(pos, end, line, 1, next_line, 1 if eol else len(raw) + 1)
                lines.append(TableLine(kind, text, eol, span=span))  # type: ignore[arg-type]
                pos, line = end, next_line
        return Table(tuple(lines), span=lines[0].span.cover(lines[-1].span))


def main(argv: list[str]) -> int:
    reports = int(argv[0]) if argv else 400
    texts = bench.build_corpus(bench.load_seeds(), reports)
    original = P._parser()
    runs = Lark(grammar(), parser="lalr", lexer="basic", postlex=RunPostLex(), transformer=ToBlocks())

    def timed(parser: Lark) -> tuple[float, list[Any]]:
        P._parser = lambda: parser  # type: ignore[assignment]
        gc.collect()
        start = time.perf_counter()
        kept = [parse(t) for t in texts]
        return time.perf_counter() - start, kept

    try:
        _, expected = timed(original)
        _, got = timed(runs)
        assert got == expected, "the prototype builds different trees"
        assert all(render(r) == t for r, t in zip(got, texts, strict=True))
        seeds = bench.load_seeds()
        before = sum(1 for t in seeds for _ in original.lex(t))
        after = sum(1 for t in seeds for _ in runs.lex(t))
        times: dict[str, list[float]] = {"parse (as is)": [], "parse with TABLE_RUN": []}
        for _ in range(5):
            times["parse (as is)"].append(timed(original)[0])
            times["parse with TABLE_RUN"].append(timed(runs)[0])
    finally:
        P._parser = original  # type: ignore[assignment]
    regex = statistics.median(bench.timed(bench.classify_lines, texts) for _ in range(5))
    print(f"{reports} reports; tokens on the seeds: {before} -> {after}; trees identical")
    for label, values in times.items():
        median = statistics.median(values)
        print(f"{label:<24} {median:.3f} s  {reports / median:>6,.0f} reports/s  {median / regex:5.1f}x regex")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
