"""Properties of parse and render, on generated texts and generated trees.

* any text: ``parse`` never raises, ``render(parse(t)) == t``, spans are consistent;
* generated trees: ``parse(render(tree)) == tree``, with no diagnostics;
* strict mode raises nothing but :class:`ParseError`, pointing into the text.

The strategies are the package's own (:mod:`govinfo_reports.strategies`).
``GOVINFO_FUZZ=1`` runs each property on 5,000 examples (see conftest.py).
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from govinfo_reports import ParseError, parse, render
from govinfo_reports.strategies import (
    noise_texts,
    paragraphs,
    report_texts,
    reports,
    sections,
    signatures,
    tables,
)
from govinfo_reports.syntax.nodes import (
    Attachment,
    Block,
    Numbering,
    Paragraph,
    Preamble,
    Report,
    Section,
    Span,
    Table,
    TableLine,
)

# ---------------------------------------------------------------------------
# checkers


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``, lines split at ``\\n`` only."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _check_span(text: str, span: Span, what: object) -> None:
    assert 0 <= span.start <= span.end <= len(text), (what, span)
    assert (span.line, span.column) == _position(text, span.start), (what, span)
    assert (span.end_line, span.end_column) == _position(text, span.end), (what, span)


def _children(node: Any) -> tuple[Block, ...]:
    return node.children if isinstance(node, Report | Preamble | Section | Attachment) else ()


def _check_contiguous(text: str, node: Any) -> None:
    """A container's children follow each other without gap and end where the container ends."""
    children = _children(node)
    if not children:
        return
    head = len(render(node)) - sum(len(render(c)) for c in children)
    position = node.span.start + head
    for child in children:
        assert child.span.start == position, (type(node).__name__, type(child).__name__, child.span, position)
        position = child.span.end
        _check_contiguous(text, child)
    assert position == node.span.end, (type(node).__name__, node.span)


def check_spans(report: Report, text: str) -> None:
    """Every span of the report is where its text is, with agreeing line and column."""
    assert (report.span.start, report.span.end) == (0, len(text))
    _check_span(text, report.span, "report")
    _check_contiguous(text, report)
    for node in report.walk():
        _check_span(text, node.span, node)
        assert text[node.span.start : node.span.end] == render(node), node
        if isinstance(node, Table):
            position = node.span.start
            for line in node.lines:
                _check_span(text, line.span, line)
                assert line.span.start == position, line
                assert text[line.span.start : line.span.end] == line.text + line.eol, line
                position = line.span.end
            for cell in node.cells:
                _check_span(text, cell.span, cell)
                assert node.span.start <= cell.span.start <= cell.span.end <= node.span.end, cell
    for diagnostic in report.diagnostics:
        _check_span(text, diagnostic.span, diagnostic)


def check_text(text: str) -> Report:
    report = parse(text)
    assert render(report) == text
    check_spans(report, text)
    return report


def check_strict(text: str) -> None:
    """Strict mode raises ParseError at the first diagnostic, and nothing when there is none."""
    lenient = parse(text)
    if not lenient.diagnostics:
        assert parse(text, strict=True) == lenient
        return
    with pytest.raises(ParseError) as raised:  # any other exception escapes and fails the test
        parse(text, strict=True)
    error = raised.value
    first = lenient.diagnostics[0]
    assert (error.line, error.column, error.code) == (first.span.line, first.span.column, first.code)
    lines = text.split("\n")
    assert 1 <= error.line <= len(lines), error
    assert 1 <= error.column <= len(lines[error.line - 1]) + 1, error
    assert str(error)


def check_tree(tree: Report) -> None:
    text = render(tree)
    back = parse(text)
    assert back == tree
    assert not back.diagnostics, back.diagnostics
    check_spans(back, text)


# ---------------------------------------------------------------------------
# (a) any text


_TRICKY = (
    "",
    "\r",
    "\n",
    "\r\n",
    "\ufeff",
    "\x00",
    "|",
    "\n|",
    "一、\n|",
    "(一)\r\n||\r\n",
    "19\n|",
    "附件1:\n附件2:",
    "甲\n2018年3月9日",
    "| a |\n|---|\n",
    "结果 |\n一、\n",
    "一、总体情况。\n①\n(1)\n1.\n（一）",
)


@given(noise_texts())
@example("")
def test_noise_texts_round_trip(text: str) -> None:
    check_text(text)


@given(report_texts())
def test_report_texts_round_trip(text: str) -> None:
    check_text(text)


@given(st.text())
def test_any_text_round_trips(text: str) -> None:
    check_text(text)


@pytest.mark.parametrize("text", _TRICKY)
def test_tricky_texts_round_trip(text: str) -> None:
    check_text(text)
    check_strict(text)


# ---------------------------------------------------------------------------
# (b) generated trees


@given(reports())
def test_reports_round_trip(tree: Report) -> None:
    check_tree(tree)


@pytest.mark.parametrize(
    "options",
    [
        {"eol": "\r\n", "bom": True},
        {"kinds": ("arabic", "circled"), "layouts": ("A",), "attachments": False},
        {"kinds": ("paren_cn", "cn"), "layouts": ("B", "M"), "eol": "mixed"},
        {"layouts": (), "max_depth": 5, "max_sections": 20},
    ],
    ids=["crlf-bom", "arabic-circled-A", "paren-first-BM-mixed", "deep-no-tables"],
)
@settings(max_examples=max(15, settings().max_examples // 3))  # four variants: a third each
@given(data=st.data())
def test_reports_round_trip_with_options(options: dict[str, Any], data: st.DataObject) -> None:
    check_tree(data.draw(reports(**options)))


@given(tables())
def test_tables_alone_round_trip(table: Table) -> None:
    assert parse(render(table)) == Report((Preamble((table,)),))


@given(sections(max_depth=4))
def test_sections_alone_round_trip(tops: tuple[Section, ...]) -> None:
    check_tree(Report(tops))


@given(paragraphs(eol="\r\n"), signatures())
def test_paragraph_and_signature_round_trip(paragraph: Paragraph, signature: Any) -> None:
    check_tree(Report((Preamble((paragraph,)), signature)))


# ---------------------------------------------------------------------------
# (c) strict mode


@given(st.one_of(noise_texts(), report_texts(), st.text()))
def test_strict_raises_only_parse_error(text: str) -> None:
    check_strict(text)


# ---------------------------------------------------------------------------
# the checks can fail


def test_span_check_catches_a_shifted_span() -> None:
    text = "一、总体情况\n本年度未收到申请。\n"
    report = parse(text)
    section = report.children[0]
    assert isinstance(section, Section)
    paragraph = section.children[0]
    shifted = attrs.evolve(paragraph, span=Span(paragraph.span.start + 1, paragraph.span.end, 2, 2, 3, 1))
    broken = attrs.evolve(report, children=(attrs.evolve(section, children=(shifted,)),))
    with pytest.raises(AssertionError):
        check_spans(broken, text)


def test_tree_check_catches_an_inconsistent_tree() -> None:
    # A level-2 heading kind at the top of a document is level 1 when parsed.
    tree = Report((Section(Numbering("paren_cn", 1, "(一)"), "主动公开", level=2),))
    with pytest.raises(AssertionError):
        check_tree(tree)


# ---------------------------------------------------------------------------
# regressions (parser bugs found by the properties above, since fixed)


def test_consecutive_headings_between_layout_a_tables() -> None:
    def table(value: str) -> Table:
        return Table((TableLine("close", "指标 |"), TableLine("close", f"{value} |")))

    tree = Report(
        (
            Section(Numbering("cn", 1, "一、"), "基本情况", children=(table("1"),)),
            Section(Numbering("cn", 2, "二、"), "主动公开情况"),
            Section(Numbering("cn", 3, "三、"), "依申请公开情况", children=(table("2"),)),
        )
    )
    assert render(tree) == "一、基本情况\n指标 |\n1 |\n二、主动公开情况\n三、依申请公开情况\n指标 |\n2 |\n"
    assert parse(render(tree)) == tree
