"""A run of blank lines is one token and one :class:`Blank` node (postlex.py, item 9).

The post-lexer cuts a run into its lines wherever a blank line means something
on its own (in a table, between the cells of a table without pipes); the
reference here is the same post-lexer fed every blank line as a token of its
own, as the lexer made them before runs were one token.  Both must give the
same tokens, positions and tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Token
from lark.lexer import LexerThread

from budget import budget
from govinfo_reports import Blank, Paragraph, parse, render
from govinfo_reports.syntax.linelexer import LineLexer
from govinfo_reports.syntax.parser import _parser
from govinfo_reports.syntax.postlex import MAX_LEAD, MAX_RUN, MAX_TAIL, TablePostLex, TableToken
from runs import AROUND, BOUND_LENGTHS, CELLS, with_runs

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path("/work/shared/corpus")


def _raw(text: str) -> list[Token]:
    """The line lexer's tokens, before the post-lexer."""
    return list(LexerThread.from_text(LineLexer(_parser().lexer_conf), text).lex(None))


def _one_line_each(tokens: list[Token]) -> Iterator[Token]:
    """The tokens with every run of blank lines cut into a token per line (written here, independently)."""
    for tok in tokens:
        if tok.type != "BLANK":
            yield tok
            continue
        pos, line = tok.start_pos, tok.line
        for m in re.finditer(r"[^\n]*\n|[^\n]+$", tok.value):
            value = m.group()
            ends_line = value.endswith("\n")
            end_line = line + 1 if ends_line else line
            end_column = 1 if ends_line else 1 + len(value)
            yield Token("BLANK", value, pos, line, 1, end_line, end_column, pos + len(value))
            pos += len(value)
            line += 1


def _key(tok: Token) -> tuple[object, ...]:
    lines = tuple(_key(t) for t in tok.lines) if isinstance(tok, TableToken) else ()
    return (tok.type, tok.value, tok.start_pos, tok.line, tok.column, tok.end_line, tok.end_column, tok.end_pos, lines)


def _post(tokens: Iterator[Token]) -> list[tuple[object, ...]]:
    return [_key(t) for t in TablePostLex().process(tokens)]


def _assert_same_as_line_by_line(text: str) -> None:
    raw = _raw(text)
    assert _post(iter(raw)) == _post(_one_line_each(raw))


_BLANK_RUNS = with_runs(
    st.sampled_from(("\n", "\n", " \n", "\u3000\n", "\t\r\n")),
    st.sampled_from(
        (2, 3, MAX_RUN, MAX_RUN + 1, MAX_RUN + 2, MAX_TAIL, MAX_TAIL + 1, MAX_LEAD, MAX_LEAD + 1, MAX_LEAD + 2, 90, 150)
    ),
)


@settings(max_examples=budget(150), deadline=None)
@given(_BLANK_RUNS)
def test_runs_of_blank_lines_read_as_line_by_line(text: str) -> None:
    _assert_same_as_line_by_line(text)


@pytest.mark.parametrize("gap", [1, 2, MAX_RUN, MAX_LEAD, MAX_LEAD + 1, 100])
def test_a_cell_per_line_table_with_long_gaps(gap: int) -> None:
    """The corpus's cell-per-line crawl with its blank lines made longer: the same tokens as line by line."""
    path = CORPUS / "crawler-blank-line-cells.txt"
    if not path.exists():
        pytest.skip("the shared corpus is not on this machine")
    text = re.sub(r"\n\n+", "\n" * (gap + 1), path.read_text(encoding="utf-8"))
    _assert_same_as_line_by_line(text)


@pytest.mark.parametrize("gap", [2, MAX_RUN - 1, MAX_RUN, MAX_RUN + 1, 40])
def test_blank_lines_inside_a_pipe_table(gap: int) -> None:
    text = "一、总体情况\n| 指标 | 数量 |\n" + "\n" * gap + "| 规章 | 3 |\n" + "\n" * gap + "正文。\n"
    _assert_same_as_line_by_line(text)


@pytest.mark.parametrize("before", sorted(AROUND))
def test_runs_of_every_length_that_counts(before: str) -> None:
    """Between every kind of table material, runs as long as the post-lexer's bounds, one line either side."""
    for after, tail in AROUND.items():
        for n in BOUND_LENGTHS:
            text = "一、总体情况\n" + AROUND[before] + "\n" * n + tail + CELLS
            assert _post(iter(_raw(text))) == _post(_one_line_each(_raw(text))), (before, after, n)


def test_a_run_is_one_node() -> None:
    text = "一、总体情况\n\n \n\u3000\n正文。\n" + "\n" * 10_000
    report = parse(text)
    (section,) = report.sections
    first, paragraph, last = section.children
    assert [type(b) for b in (first, paragraph, last)] == [Blank, Paragraph, Blank]
    assert (first.text, first.eol) == ("\n \n\u3000", "\n")
    assert (first.span.line, first.span.end_line, first.span.start, first.span.end) == (2, 5, 7, 12)
    assert (last.span.line, last.span.end_line) == (6, 10_006)
    assert render(report) == text


def test_a_run_at_the_end_without_a_line_ending() -> None:
    text = "正文。\n\n\n  "
    report = parse(text)
    (preamble,) = report.children
    paragraph, blank = preamble.children  # type: ignore[attr-defined]
    assert paragraph.text == "正文。"
    assert (blank.text, blank.eol) == ("\n\n  ", "")
    assert (blank.span.line, blank.span.end_line, blank.span.end_column) == (2, 4, 3)
    assert render(report) == text
