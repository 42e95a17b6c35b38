"""What the tests of runs (of blank lines, test_blank_runs.py; of plain lines, test_prose_runs.py) share.

The post-lexer reads a run as one token in its middle and line by line where a
table may reach it; both tests put runs of every length its bounds make matter
next to every kind of table material, and into generated reports.
"""

from __future__ import annotations

from hypothesis import strategies as st

from govinfo_reports.strategies import report_texts
from govinfo_reports.syntax.postlex import MAX_LEAD, MAX_RUN, MAX_TAIL

#: Table material a run may come next to.
PIPE_TABLE = "| 指标 | 数量 |\n| 规章 | 3 |\n"
CELLS = "规章\n3\n\n行政规范性文件\n5\n\n"  # a table without pipes, a cell per line
ROWS = "规章 0 0 3\n行政规范性文件 5 0 12\n"  # a table without pipes, a row per line
HEADER = "信息内容\n本年制发件数\n\n本年废止件数\n"  # header cells, a table's or prose
AROUND = {"pipe table": PIPE_TABLE, "cells": CELLS, "rows": ROWS, "header": HEADER, "text": "正文。\n"}

#: Lengths of a run around each bound of the post-lexer (and a few short and long ones).
BOUND_LENGTHS = sorted(
    {n + d for n in (MAX_RUN, MAX_TAIL, MAX_LEAD, MAX_RUN + MAX_TAIL, MAX_TAIL + MAX_LEAD) for d in range(-3, 4)}
    | {1, 2, 3, 120}
)


@st.composite
def with_runs(draw: st.DrawFn, lines: st.SearchStrategy[str], lengths: st.SearchStrategy[int]) -> str:
    """A report-like text with one to four runs of ``lines`` (each ``lengths`` long) put between its lines."""
    text = draw(report_texts(eol="\n")).splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        text[at:at] = [draw(lines) for _ in range(draw(lengths))]
    return "".join(text)
