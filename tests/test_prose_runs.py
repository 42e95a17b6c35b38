"""A run of plain prose is one token, and it reads as its lines do (postlex.py, item 10).

report.lark's ``PROSE`` makes a run of plain text lines and the blank lines
between them one token; the post-lexer lets only the run's middle through as
one, and cuts its head and tail into lines wherever a table may reach them.
The references here are written independently of that code:

* the tokens: the same post-lexer fed the tokens of a lexer without ``PROSE``
  (Lark's basic lexer on the grammar without its prose rule: a token per line,
  as before runs were one token); the ``PROSE`` tokens that come out are cut
  into their lines by that lexer, and both must then be the same tokens,
  positions and tables;
* the tree: the parser fed the post-lexer's output with every ``PROSE`` token
  cut into lines must build the same tree as ``parse`` (the ``prose`` rule's
  nodes are the ``text_run`` and ``blank`` rules' nodes).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Lark, Token
from lark.lark import PostLex
from lark.lexer import LexerThread

from budget import budget
from govinfo_reports import Paragraph, dumps, parse, render
from govinfo_reports.syntax import parser as parser_module
from govinfo_reports.syntax.grammar import grammar_text
from govinfo_reports.syntax.linelexer import LineLexer
from govinfo_reports.syntax.parser import _parser, _ToBlocks
from govinfo_reports.syntax.postlex import MAX_LEAD, MAX_RUN, MAX_TAIL, TablePostLex, TableToken, line_shapes
from runs import AROUND, BOUND_LENGTHS, CELLS, with_runs

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


class _KeepLines(PostLex):
    """No post-lexing; keeps the line terminals that only the post-lexer uses, as TablePostLex does."""

    always_accept = TablePostLex.always_accept

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        return stream


@lru_cache(maxsize=1)
def _lexer_before_prose() -> Lark:
    """report.lark without its prose rule: its lexer makes a token of each line, as before runs were one."""
    grammar = grammar_text().replace(" | prose |", " |").replace("\nprose: PROSE\n", "\n")
    assert "prose" not in grammar.split("PROSE.99")[0].replace("PROSE", "")
    return Lark(grammar, parser="lalr", lexer="basic", postlex=_KeepLines())


def _raw(text: str) -> list[Token]:
    """The line lexer's tokens, before the post-lexer."""
    return list(LexerThread.from_text(LineLexer(_parser().lexer_conf), text).lex(None))


def _raw_before_prose(text: str) -> list[Token]:
    """The tokens of a lexer without PROSE (Lark's own basic lexer)."""
    return list(_lexer_before_prose().lex(text))


def _lines(tokens: Iterator[Token]) -> Iterator[Token]:
    """The tokens with every ``PROSE`` token cut into the tokens of its lines, as the post-lexer lets them go.

    Each is lexed by the lexer without PROSE; a row label of the template (``T3_LABEL``) that
    makes no table is the heading it reads as without it (line_shapes).
    """
    for tok in tokens:
        if tok.type != "PROSE":
            yield tok
            continue
        for part in _raw_before_prose(tok.value):
            kind = part.type
            if kind == "T3_LABEL":
                shape = line_shapes().match(part.value)
                assert shape is not None
                kind = shape.lastgroup
            line = tok.line + part.line - 1
            column = part.column if part.line > 1 else tok.column + part.column - 1
            end_line = tok.line + part.end_line - 1
            end_column = part.end_column if part.end_line > 1 else tok.column + part.end_column - 1
            yield Token(
                kind,
                part.value,
                tok.start_pos + part.start_pos,
                line,
                column,
                end_line,
                end_column,
                tok.start_pos + part.end_pos,
            )


def _key(tok: Token) -> tuple[object, ...]:
    lines = tuple(_key(t) for t in tok.lines) if isinstance(tok, TableToken) else ()
    return (tok.type, tok.value, tok.start_pos, tok.line, tok.column, tok.end_line, tok.end_column, tok.end_pos, lines)


def _joined(tokens: Iterator[Token]) -> list[tuple[object, ...]]:
    """The tokens' keys, runs of blank lines next to each other joined (as _fold_tables joins them)."""
    out: list[Token] = []
    for tok in tokens:
        if tok.type == "BLANK" and out and out[-1].type == "BLANK":
            last = out.pop()
            tok = Token(
                "BLANK", last + tok, last.start_pos, last.line, last.column, tok.end_line, tok.end_column, tok.end_pos
            )
        out.append(tok)
    return [_key(t) for t in out]


def _assert_same_as_line_by_line(text: str) -> None:
    folded = list(TablePostLex().process(iter(_raw(text))))
    assert _joined(_lines(iter(folded))) == _joined(TablePostLex().process(iter(_raw_before_prose(text))))
    assert render(parse(text)) == text


class _LinesPostLex(TablePostLex):
    """The post-lexer, its ``PROSE`` tokens handed to the parser cut into lines."""

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        return _lines(super().process(stream))


@lru_cache(maxsize=1)
def _line_parser() -> Lark:
    return Lark(
        grammar_text(),
        parser="lalr",
        lexer=LineLexer,
        postlex=_LinesPostLex(),
        transformer=_ToBlocks(),
        maybe_placeholders=False,
    )


def _assert_same_tree(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = dumps(parse(text))
    with monkeypatch.context() as m:
        m.setattr(parser_module, "_parser", _line_parser)
        assert dumps(parse(text)) == expected


_PROSE = st.sampled_from(
    (
        *("x\n", "正文\n", "本年度工作平稳有序。\n", "  缩进的文字\n", "a\r\n", "\n", "\n\n", " \n"),
        # lines with numbers or dots: plain, or table material, a date, a file name
        *("共3件。\n", "a1\n", "1x\n", "x.5\n", "1.5x\n", "2024年工作\n", "第 3 件\n", "-x\n"),
        *("规章 0 0 3\n", "1.5\n", "12 0\n", "-5\n", "x.doc\n", "2024年1月1日\n", "1,166\n"),
        # headings and row labels of the template, with and without numbers in their text
        *("一、总体情况\n", "(一)主动公开\n", "1.属于国家秘密\n", "三、本年度办理结果\n", "①其他\n", "2.共5件\n"),
    )
)
_LENGTHS = st.sampled_from((1, 2, MAX_RUN, MAX_RUN + 1, MAX_TAIL, MAX_TAIL + 1, MAX_LEAD, MAX_LEAD + 1, 90, 150))


#: Report-like texts with long runs of plain lines (and lines that end them) put between their lines.
_PROSE_RUNS = with_runs(_PROSE, _LENGTHS)


@settings(max_examples=budget(150), deadline=None)
@given(_PROSE_RUNS)
def test_runs_of_prose_read_as_line_by_line(text: str) -> None:
    _assert_same_as_line_by_line(text)


@settings(max_examples=budget(60), deadline=None)
@given(_PROSE_RUNS)
def test_runs_of_prose_make_the_tree_of_their_lines(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        _assert_same_tree(text, monkeypatch)


_STATISTICS = "统计指标\n单位\n"  # a statistics table's header: its heading-shaped lines are row labels
_AROUND = {**AROUND, "statistics": _STATISTICS, "heading": "(一)主动公开情况\n"}
_UNITS = ("短\n", "短\n\n", "\n短\n", "这一行以句号结束。\n", "长" * 60 + "\n", "长" * 130 + "\n")


@pytest.mark.parametrize("before", sorted(_AROUND))
def test_runs_of_every_length_that_counts(before: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Between every kind of table material, runs as long as the post-lexer's bounds."""
    for tail in _AROUND.values():
        for unit in _UNITS:
            for n in BOUND_LENGTHS:
                text = "一、总体情况\n" + _AROUND[before] + unit * n + tail + CELLS
                _assert_same_as_line_by_line(text)
    text = "一、总体情况\n" + _AROUND[before] + "短\n" * 100 + "(二)依申请公开情况\n" + CELLS
    _assert_same_tree(text, monkeypatch)


def test_a_statistics_header_before_and_inside_a_run() -> None:
    """统计指标 / 单位 opens a statistics table whose row labels are heading-shaped; a run may hold the header."""
    rows = "一、主动公开情况\n12\n(一)规章\n3\n"
    for before in ("", "指标名称\n", "统计指标\n单位\n"):
        for middle in (
            "短\n" * 80,
            "短\n" * 40 + "指标名称\n单位\n" + "短\n" * 40,
            "短\n" * 40 + "句子。\n" + "短\n" * 40,
        ):
            for unit in ("单位\n", ""):
                _assert_same_as_line_by_line("前言\n" + before + unit + middle + rows)


def test_a_statistics_header_held_over_a_heading() -> None:
    """The header's lines before a heading-shaped row label, the run after it: its first line and its sentence count."""
    rows = "一、主动公开情况\n12\n(一)规章\n3\n"
    for header, label in (("指标名称\n", "(三)其他\n单位\n"), ("统计指标\n单位\n", "(三)其他\n")):
        for middle in ("短\n" * 80, "短\n" * 10 + "句子。\n" + "短\n" * 80, "单位\n" + "短\n" * 80):
            _assert_same_as_line_by_line("前言\n" + header + label + middle + rows)


def test_the_seeds_read_as_line_by_line() -> None:
    for path in SEEDS:
        _assert_same_as_line_by_line(path.read_text(encoding="utf-8"))


def test_a_long_run_is_one_token_with_its_lines_as_nodes() -> None:
    text = "一、总体情况\n" + "短句\n\n" * 200 + "二、其他\n" + "文字\n" * 100
    raw = _raw(text)
    assert [t.type for t in raw] == ["PROSE"]
    folded = list(TablePostLex().process(iter(raw)))
    assert folded[0].type == "PROSE"
    # its last MAX_LEAD lines are lines again, and so are the MAX_LEAD before them that would still be held
    # (short lines may be a table's header cells) when the last ones come
    assert folded[0].value.count("\n") == 1 + 400 + 1 + 100 - 2 * MAX_LEAD
    assert {t.type for t in folded[1:]} == {"TEXT"}
    assert folded[0].ordinals == {"H_CN": 2}  # type: ignore[attr-defined]
    report = parse(text)
    first, second = report.sections
    paragraphs = [b for b in first.children if isinstance(b, Paragraph)]
    assert len(paragraphs) == 200
    assert (paragraphs[1].span.line, paragraphs[1].span.start, paragraphs[1].text) == (4, 7 + 4, "短句")
    assert (second.title, second.span.line, len(second.children)) == ("其他", 2 + 400, 100)
    assert render(report) == text


def test_what_is_no_plain_line() -> None:
    """A line some terminal but TEXT and the headings may match, or one above a pipe line, ends the run."""
    for line in (
        "附件\n",
        "发布日期:2024年\n",
        "规章 0 3\n",
        "a|b\n",
        "x.doc\n",
        "二〇二四年一月一日\n",
        "1.5\n",
        "一、共 3\n",
    ):
        text = "甲\n" + line + "乙\n"
        assert [t.type for t in _raw(text)][0:3:2] == ["PROSE", "PROSE"], line
        assert _raw(text)[0].value == "甲\n", line
    assert [t.type for t in _raw("甲\n乙\n|\n")] == ["PROSE", "CELL_PIPES"]
    # headings without numbers in their text, and lines that open as headings do and are none, are plain
    plain = "一、标题\n(一)标题\n（二）标题\n①标题\n1.标题\n(1)标题\n一些文字\n(x\n1.属于国家秘密\n共3件。\n1x\nx.5\n"
    assert [t.type for t in _raw("甲\n" + plain)] == ["PROSE"]


@pytest.mark.parametrize(
    "text",
    [
        "x\n" * 2000,
        "一、总体情况\n" + "短句\n\n" * 1500 + "(一)规章\n3\n",
        "x\n" * 512 + "\n\n" + "x\n" * 10,  # the first piece full right before blank lines
        "x\n" * 511 + "\n\n" + "x\n" * 10,
        "x\n" * 1024 + "| a |\n",
    ],
    ids=["2000-lines", "paragraphs", "full-before-blank", "not-full-before-blank", "two-full-pieces"],
)
def test_a_run_longer_than_a_piece_is_one_run(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """report.lark makes pieces of at most 512 plain lines; the post-lexer joins them, blank lines between."""
    pieces = [t for t in _raw(text) if t.type == "PROSE"]
    assert all(sum(1 for line in p.value.splitlines() if line.strip()) <= 512 for p in pieces)
    folded = [t for t in TablePostLex().process(iter(_raw(text))) if t.type == "PROSE"]
    assert len(folded) <= 1
    _assert_same_as_line_by_line(text)
    _assert_same_tree(text, monkeypatch)


def test_a_long_run_is_lexed_in_little_memory() -> None:
    """The regular expression engine's state is per piece: 50,000 lines lex in well under a megabyte a piece."""
    import tracemalloc

    text = "x\n" * 50_000
    tracemalloc.start()
    try:
        tokens = _raw(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(tokens) >= 50_000 // 512
    assert peak < 5_000_000, f"{peak / 1e6:.1f} MB to lex {len(text)} characters"  # one piece of it all: about 20 MB
