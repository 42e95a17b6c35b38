"""The block index (one walk of a report, shared by the facts and the rules) against the tree walked directly.

The references here are written independently of :mod:`govinfo_reports.syntax.nodes`: a recursive
walk, the texts a pattern matches searched one by one, and ``numeric_texts`` as it was written
before the index (a walk that reads every paragraph in turn).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from budget import budget
from govinfo_reports import parse
from govinfo_reports.prose import _CHINESE_COUNT, _DIGIT, Anchor, _add_text, _continues, numeric_texts, simplified
from govinfo_reports.strategies import report_texts, reports
from govinfo_reports.syntax.nodes import (
    NO_SPAN,
    Attachment,
    Block,
    Paragraph,
    Preamble,
    Report,
    Section,
    Table,
    block_index,
    texts_touched,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _walk(block: Block, parent: Block | None) -> Iterator[tuple[Block, Block | None]]:
    yield block, parent
    if isinstance(block, Section | Attachment | Preamble):
        for child in block.children:
            yield from _walk(child, block)


def _check_index(report: Report) -> None:
    index = block_index(report)
    walked = [pair for child in report.children for pair in _walk(child, None)]
    assert len(index.blocks) == len(walked)
    assert all(a is b for a, (b, _) in zip(index.blocks, walked, strict=True))
    for position, (_, parent) in enumerate(walked):
        at = index.parents[position]
        assert (parent is None and at == -1) or index.blocks[at] is parent
    assert [index.blocks[at] for at in index.tops] == list(report.children)
    owners = [i for i, child in enumerate(report.children) for _ in _walk(child, None)]
    assert [index.owner(at) for at in range(len(walked))] == owners
    assert [index.blocks[at] for at in index.positions(Table)] == [b for b, _ in walked if type(b) is Table]
    assert list(report.walk()) == list(index.blocks)
    assert report.tables == tuple(b for b, _ in walked if isinstance(b, Table))


@settings(max_examples=budget(80), deadline=None)
@given(reports())
def test_the_index_is_the_tree_walked_depth_first(report: Report) -> None:
    _check_index(report)


def test_the_index_of_the_seeds() -> None:
    for path in SEEDS:
        _check_index(parse(path.read_text(encoding="utf-8")))


def test_a_deep_tree_is_indexed_without_recursion() -> None:
    deep = Paragraph("正文")
    node: Block = deep
    for _ in range(5000):
        node = Attachment("附件", (node, Paragraph("后")))
    index = block_index(Report((node,)))
    assert len(index.blocks) == 5000 * 2 + 1
    assert index.blocks[5000] is deep
    assert sum(1 for _ in index.ancestors(5000)) == 5000


# ---------------------------------------------------------------------------
# texts_touched: every run of consecutive texts whose concatenation matches has a text found

_PIECES = st.sampled_from(["", "x", "a1", "1", "三", "三百", "百", "条", "三百条", "十", "件", "两千余件", "四"])
_PATTERNS = (_CHINESE_COUNT, _DIGIT, re.compile(r"[0-9]+"), re.compile("百条|x1|a"))


@settings(max_examples=budget(300), deadline=None)
@given(st.lists(_PIECES, max_size=12), st.sampled_from(_PATTERNS))
def test_texts_touched_finds_a_text_of_every_matching_run(texts: list[str], pattern: re.Pattern[str]) -> None:
    found = texts_touched(texts, pattern)
    assert found == sorted(set(found))
    assert all(0 <= i < len(texts) for i in found)
    for first in range(len(texts)):
        for last in range(first, len(texts)):
            if pattern.search("".join(texts[first : last + 1])):
                assert any(first <= i <= last for i in found), (first, last)
    # and nothing else: every text found is one a match over the concatenation overlaps
    joined = "".join(texts)
    starts = [sum(len(t) for t in texts[:i]) for i in range(len(texts))]
    covered = {
        i for m in pattern.finditer(joined) for i in range(len(texts)) if _overlaps(m.span(), starts[i], texts[i])
    }
    assert set(found) <= covered


def _overlaps(span: tuple[int, int], start: int, text: str) -> bool:
    return span[0] < start + len(text) and start < span[1]


# ---------------------------------------------------------------------------
# numeric_texts: the texts the prose rules read, as the walk read them before the index


def _reference_numeric_texts(report: Report) -> tuple[list[tuple[str, Anchor, int]], list[Table]]:
    """Every paragraph read in turn: the lines of a wrapped sentence joined, headings after their number."""
    out: list[tuple[str, Anchor, int]] = []
    tables: list[Table] = []
    part = -1
    wrapped: list[Paragraph] = []

    def flush() -> None:
        if wrapped:
            _add_text(wrapped, part, out)
            wrapped.clear()

    def visit(block: Block) -> None:
        if isinstance(block, Paragraph):
            if wrapped and not _continues(wrapped[-1], block):
                flush()
            wrapped.append(block)
            return
        flush()
        if isinstance(block, Section):
            title, body = block.title, block.body_text
            line = f"{title}。{body}"
            if _DIGIT.search(line) or _CHINESE_COUNT.search(line):
                head = len(block.indent) + len(block.number.raw) + len(block.gap)
                span = block.span
                anchor = None if span is NO_SPAN else (span.start + head, span.line, span.column + head)
                out.append((simplified(line if body else title), anchor, part))
        elif isinstance(block, Table):
            tables.append(block)
        for child in getattr(block, "children", ()):
            visit(child)

    for child in report.children:
        if isinstance(child, Section | Attachment):
            flush()
            part += 1
        visit(child)
    flush()
    return out, tables


def _check_numeric_texts(report: Report) -> None:
    tables: list[Table] = []
    got = numeric_texts(report, tables)
    expected, expected_tables = _reference_numeric_texts(report)
    assert got == expected
    # a wrapped sentence's anchor also says where its later lines start
    assert [getattr(a, "later", None) for _, a, _ in got] == [getattr(a, "later", None) for _, a, _ in expected]
    assert tables == expected_tables


#: Lines a converter may have wrapped (16 characters or more, no clause end), numbers and counts
#: split over lines, headings with and without numbers.
_LINES = st.sampled_from(
    [
        "本机关全年主动公开政府信息共计三百",
        "本机关全年共收到政府信息公开申请",
        "条，其中依申请公开",
        "2",
        "件。",
        "百条",
        "本年度共办理行政复议案件合计两千",
        "余件",
        "本年度共办理行政复议案件合计三",
        "一、总体情况",
        "二、主动公开2019年信息",
        "（一）主动公开。全年公开三十条",
        "1.规章 0 0 3",
        "",
        "   ",
        "xxxxxxxxxxxxxxxxxxxx",
        "附件1：统计表",
        "| 1 | 2 |",
        "2024年1月1日",
        "發布政府資訊公開申請三十條",
    ]
)


@settings(max_examples=budget(200), deadline=None)
@given(st.lists(_LINES, max_size=30), st.sampled_from(["\n", "\r\n"]))
def test_numeric_texts_of_wrapped_lines_read_as_line_by_line(lines: list[str], eol: str) -> None:
    _check_numeric_texts(parse(eol.join(lines)))


@settings(max_examples=budget(60), deadline=None)
@given(report_texts())
def test_numeric_texts_of_generated_reports_read_as_line_by_line(text: str) -> None:
    _check_numeric_texts(parse(text))


@settings(max_examples=budget(60), deadline=None)
@given(reports())
def test_numeric_texts_of_generated_trees_read_as_line_by_line(report: Report) -> None:
    _check_numeric_texts(report)


def test_numeric_texts_of_the_seeds_read_as_line_by_line() -> None:
    for path in SEEDS:
        _check_numeric_texts(parse(path.read_text(encoding="utf-8")))
