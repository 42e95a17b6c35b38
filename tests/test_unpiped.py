"""Tables without pipes (issue 11, items 1, 4 and 6): cells separated by blanks, a cell per line.

The grammar rules on small snippets; two real crawler texts read by hand; the pingtan report's
tables (from its HTML) written in each pipe-less form; generated national and legacy tables
in every form against their pipe form; paragraphs joined on one line.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lark import Lark, Token, Tree
from lark.lark import PostLex

from budget import budget
from govinfo_reports import parse, render
from govinfo_reports.syntax.cells import table_cells
from govinfo_reports.syntax.grammar import grammar_text
from govinfo_reports.syntax.nodes import Report, Table, TableLine, scanned_cells
from govinfo_reports.syntax.postlex import MAX_TAIL, TableLexer, TablePostLex, TableSource, TableToken
from govinfo_reports.tables.extract import extract
from govinfo_reports.tables.grid import Grid, SourceCell
from govinfo_reports.tables.templates import TABLE3_ROWS_2019, TABLE3_ROWS_2021
from html_truth import html_cells
from test_templates import _Builder, _table2, _table3, _table4

CORPUS = Path("/work/shared/corpus")
if not CORPUS.exists():
    CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"

Flat = Callable[[Grid], str]


# ---------------------------------------------------------------------------
# the forms


def spaced(grid: Grid, sep: str = " ") -> str:
    """Each row on one line, its non-empty cells separated by ``sep`` (text copied out of a PDF)."""
    return "".join(sep.join(c.text for c in row if c.text) + "\n" for row in grid.rows)


def per_line(grid: Grid, gap: str = "\n") -> str:
    """Each non-empty cell on a line of its own, ``gap`` after it (a crawler's page text)."""
    return "".join(c.text + "\n" + gap for row in grid.rows for c in row if c.text)


FORMS: dict[str, Flat] = {
    "spaced": spaced,
    "tabs": lambda g: spaced(g, "\t"),
    "ideographic": lambda g: spaced(g, "\u3000"),
    "per_line": per_line,
    "per_line_no_gap": lambda g: per_line(g, ""),
    "per_line_indented": lambda g: "".join(" " + c.text + "\n\n" for row in g.rows for c in row if c.text),
}


def _facts(report: Report) -> list[tuple[str, str | None, str, Decimal | None]]:
    return [(f.table, f.indicator, f.column, f.value) for f in report.facts]


def _spans_hold_their_text(report: Report, text: str) -> None:
    for fact in report.facts:
        assert text[fact.span.start : fact.span.end] == fact.text, fact
        line = text.count("\n", 0, fact.span.start) + 1
        assert fact.span.line == line


def _outline(report: Report) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for section in report.sections:
        out.append((section.number.raw, section.title))
        out.extend((sub.number.raw, sub.title) for sub in section.sections)
    return out


# ---------------------------------------------------------------------------
# one test per new grammar rule and terminal, on small snippets (as tests/test_grammar.py)


def _line_parser() -> Lark:
    return Lark(grammar_text(), parser="lalr", lexer="basic", postlex=TablePostLex(), start="start")


def _line_types(text: str) -> list[str]:
    out: list[str] = []
    for tok in _line_parser().lex(text):
        out.extend(t.type for t in tok.lines) if isinstance(tok, TableToken) else out.append(tok.type)
    return out


def _shape(tree: Tree[Token] | Token) -> object:
    if isinstance(tree, Token):
        return tree.type
    return (str(tree.data), [_shape(c) for c in tree.children])


def _table_shape(text: str) -> object:
    (table,) = [t for t in _line_parser().lex(text) if isinstance(t, TableToken)]
    parser = Lark(grammar_text("table.lark"), parser="lalr", lexer=TableLexer, start="table", strict=True)
    return _shape(parser.parse(TableSource(table.lines, None)))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("line", "terminal"),
    [
        (" 0\n", "VALUE_LINE"),
        ("12 0 3.5 57.5%\n", "VALUE_LINE"),
        ("规章 0 0 0\n", "ROW_LINE"),
        ("一、本年新收政府信息公开申请数量 21 0 0 0 0 0 21\n", "ROW_LINE"),
        ("行政处罚\t30\n", "ROW_LINE"),
        ("三、本年度办理结果\n", "T3_LABEL"),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）\n", "T3_LABEL"),
        ("1.属于国家秘密\n", "T3_LABEL"),
        ("3.其他\n", "T3_LABEL"),
    ],
)
def test_tentative_terminals(line: str, terminal: str) -> None:
    class _Raw(PostLex):  # the line lexer's tokens as they are (the post-lexer's terminals kept)
        always_accept = TablePostLex.always_accept

        def process(self, stream: Iterator[Token]) -> Iterator[Token]:
            return stream

    # without the prose rule: a lone plain line (no digit in it) is a run of prose first (PROSE), which the
    # post-lexer cuts into the tokens these terminals make of its lines
    grammar = grammar_text().replace(" | prose |", " |").replace("\nprose: PROSE\n", "\n")
    lexed = list(Lark(grammar, parser="lalr", lexer="basic", postlex=_Raw(), start="start").lex(line))
    assert [t.type for t in lexed] == [terminal]


def test_tentative_lines_that_make_no_table_keep_their_shape() -> None:
    # one value line among prose is a paragraph; a lone template label outside a table a heading
    assert _line_types("正文。\n电话 0571\n正文。\n") == ["TEXT", "TEXT", "TEXT"]
    assert _line_types("三、本年度办理结果\n正文。\n") == ["H_CN", "TEXT"]
    assert _line_types("3.其他工作\n") == ["H_ARABIC"]
    # 1.其他 is one line: the next line is not swallowed
    assert _line_types("1.其他\n正文。\n") == ["H_ARABIC", "TEXT"]


@pytest.mark.parametrize(
    ("text", "kinds", "cells"),
    [
        # SPACED: a row label followed by its values, each line a row
        ("规章 0 0 0\n行政规范性文件 1 2 3\n", ["spaced", "spaced"], [["规章", "0", "0", "0"], ["行政规范性文件", "1", "2", "3"]]),
        # values alone, and header words (a number inside a label is a cell of its own)
        ("0 0 0\n第 3 项 5 6 7\n", ["spaced", "spaced"], [["0", "0", "0"], ["第", "3", "项", "5", "6", "7"]]),
        # ITEM and GAP: a cell per line, blank lines between
        ("规章\n\n0\n\n0\n", ["item", "gap", "item", "gap", "item"], [["规章", "0", "0"]]),
    ],
)  # fmt: skip
def test_each_bare_table_line(text: str, kinds: list[str], cells: list[list[str]]) -> None:
    # the table is one BARE token holding its lines; each line's cells are its own
    assert _table_shape(text) == ("table", ["BARE"])
    (table,) = parse(text).tables
    assert [line.kind for line in table.lines] == kinds
    rows: list[list[str]] = []
    for cell in scanned_cells(table):
        if cell.opens_row or not rows:
            rows.append([])
        rows[-1].append(cell.text)
    assert rows == cells


def test_built_tables_without_pipes_read_as_parsed_ones() -> None:
    for text in ("规章 0  12\n行政规范性文件 3 4\n", "规章\n\n 0\n\n0\n", "信息内容 本年制发件数\n规章 0 0\n行政 1 2"):
        (parsed,) = parse(text).tables
        built = Table(tuple(TableLine(x.kind, x.text, x.eol, offset=x.offset, line=x.line) for x in parsed.lines))
        assert [(c, c.span) for c in built.cells] == [(c, c.span) for c in parsed.cells]
        assert table_cells(built.lines) == list(scanned_cells(parsed))


def test_bare_cells_and_their_spans() -> None:
    text = "规章 0  12\n行政规范性文件 3 4\n"
    (table,) = parse(text).tables
    cells = [(c.text, c.opens_row, c.closed, c.start, c.end) for c in scanned_cells(table)]
    assert cells == [
        ("规章", True, True, 0, 2),
        ("0", False, True, 3, 4),
        ("12", False, True, 6, 8),
        ("行政规范性文件", True, True, 9, 16),
        ("3", False, True, 17, 18),
        ("4", False, True, 19, 20),
    ]
    assert table.layout == "B"
    # 41 numbers after the label: the first is a word, the 40 values one token, a cell each
    text = "规章 " + "1 " * 41 + "\n0 0\n"
    (table,) = parse(text).tables
    cells = [(c.text, c.opens_row, c.start, c.end, c.column) for c in scanned_cells(table)]
    assert cells[:3] == [("规章", True, 0, 2, 1), ("1", False, 3, 4, 4), ("1", False, 5, 6, 6)]
    assert cells[41:] == [("1", False, 83, 84, 84), ("0", True, 86, 87, 1), ("0", False, 88, 89, 3)]
    text = "规章\n\n 0\n\n0\n"
    (table,) = parse(text).tables
    assert [(c.text, c.start, c.end) for c in scanned_cells(table)] == [("规章", 0, 2), ("0", 5, 6), ("0", 8, 9)]
    assert table.layout == "A"
    assert render(parse(text)) == text


def test_built_bare_tables_read_as_parsed_ones() -> None:
    text = "第二十条第（一）项\n信息内容 本年制发件数\n规章 0\n\n行政许可\n\n4\n"
    for parsed in parse(text).tables:
        built = Table(tuple(TableLine(x.kind, x.text, x.eol, offset=x.offset, line=x.line) for x in parsed.lines))
        assert [(c, c.span) for c in built.cells] == [(c, c.span) for c in parsed.cells]


# ---------------------------------------------------------------------------
# real crawler texts, read by hand


def _corpus(name: str) -> str:
    path = CORPUS / name
    if not path.exists():
        pytest.skip("corpus not available")
    return path.read_text(encoding="utf-8")


def test_crawler_blank_line_cells() -> None:
    """昌图县七家子镇 2023: every table cell on its own line, blank lines between (first 2,000 bytes)."""
    text = _corpus("crawler-blank-line-cells.txt")
    report = parse(text)
    assert render(report) == text
    # The outline as the page shows it: 一、 二、 三、; the row labels 一、本年新收… 二、上年结转… 三、本年度办理结果
    # are cells of table 三, and the text is cut inside its next label ((一)予…).
    assert _outline(report) == [
        ("一、", "总体情况"),
        ("二、", "主动公开政府信息情况"),
        ("三、", "收到和处理政府信息公开申请情况"),
        ("(一)", "予"),
    ]
    zero = Decimal(0)
    table2 = [
        ("二", "proactive.regulations", "issued", zero),
        ("二", "proactive.regulations", "repealed", zero),
        ("二", "proactive.regulations", "in_force", zero),
        ("二", "proactive.normative_documents", "issued", zero),
        ("二", "proactive.normative_documents", "repealed", zero),
        ("二", "proactive.normative_documents", "in_force", zero),
        ("二", "proactive.licensing", "decisions", zero),
        ("二", "proactive.penalties", "decisions", Decimal(30)),
        ("二", "proactive.enforcement", "decisions", zero),
        ("二", "proactive.administrative_fees", "amount", zero),
    ]
    columns = (
        "natural_person",
        "commercial_enterprise",
        "research_institution",
        "social_welfare_organization",
        "legal_service_organization",
        "other_organization",
        "total",
    )
    table3 = [("三", row, column, zero) for row in ("requests.received", "requests.carried_over") for column in columns]
    assert _facts(report) == table2 + table3
    _spans_hold_their_text(report, text)
    penalties = report.fact("proactive.penalties", "decisions")
    assert penalties is not None
    assert text.splitlines()[penalties.span.line - 1] == "30"
    assert text.splitlines()[penalties.span.line - 3] == "行政处罚"  # the label, a blank line, the value
    # one table in each of sections 二 and 三, and no text of them left outside a table
    for section in report.sections[1:]:
        assert sum(isinstance(b, Table) for b in section.children) == 1
        assert {type(b).__name__ for b in section.children} <= {"Table", "Blank", "Section"}
    assert not [d for d in report.diagnostics if d.code != "ordinal-sequence"]


def test_crawler_joined_paragraphs() -> None:
    """永嘉县南城街道 2014: every paragraph joined on one line by spaces, headings inline (first 2,000 bytes)."""
    text = _corpus("crawler-joined-paragraphs.txt")
    report = parse(text)
    assert render(report) == text
    assert _outline(report) == [
        ("一、", "概述"),
        ("二、", "主动公开政府信息的情况"),
        ("三、", "依申请公开政府信息和不予公开政府信息的情况"),
        ("四、", "政府信息公开的收费及减免情况"),
        ("五、", "因政府信息公开申请行政复议、提起行政诉讼的情况"),
        ("六、", "政府信息公开工作存在的主要问题及改进情况"),
        ("(一)", "存在的主要问题"),
        # 一、深化思想认识 after 六、 numbers no section: an item of the list under (二)
        ("(二)", "今后的改进措施 一、深化思想认识,切实增强政府信息公开意识"),
    ]
    first = report.sections[0]
    assert first.span.line == 1
    assert first.span.column == text.index(" 一、概述") + 1
    (body,) = [b for b in first.children if hasattr(b, "stripped")]
    assert body.stripped.startswith("截至2014年底")  # type: ignore[attr-defined]


def test_joined_paragraphs_headings_after_a_space() -> None:
    titles = ["概述", "主动公开情况", "依申请公开情况", "收费情况"]
    numerals = "一二三四"
    text = "本报告如下。 " + " ".join(f"{n}、{t} 本部分正文。" for n, t in zip(numerals, titles, strict=True)) + "\n"
    report = parse(text)
    assert render(report) == text
    assert _outline(report) == [(f"{n}、", t) for n, t in zip(numerals, titles, strict=True)]
    # one heading after a space is not enough to call a line joined
    assert parse("本报告如下。 一、概述 正文。\n").sections == ()


# ---------------------------------------------------------------------------
# pingtan 2024: the HTML's tables written in each pipe-less form


def _html_rows() -> list[list[list[SourceCell]]]:
    """The report's tables as the HTML has them, each cell's lines joined into one (as a crawler joins them)."""
    return [
        [[SourceCell(("".join(c.lines),) if c.lines else (), c.rowspan, c.colspan) for c in row] for row in table]
        for table in html_cells(CORPUS / "pingtan-2024.html")
    ]


def _is_number(text: str) -> bool:
    return bool(text) and text.replace(".", "", 1).isdigit()


def _with_values(rows: list[list[list[SourceCell]]], draw: Callable[[], str]) -> list[Grid]:
    """The tables with every value cell given a new value."""
    out = []
    for table in rows:
        new = [
            [SourceCell((draw(),), c.rowspan, c.colspan) if _is_number("".join(c.lines)) else c for c in r]
            for r in table
        ]
        out.append(Grid.from_spans(new))
    return out


def _report_with(grids: list[Grid], flat: Flat) -> str:
    """The pingtan layout-B text with its three tables written by ``flat`` (headings and prose between them kept)."""
    text = _corpus("pingtan-2024.layoutB.txt")
    tables = parse(text).tables
    assert len(tables) == len(grids) == 3
    pieces, last = [], 0
    for table, grid in zip(tables, grids, strict=True):
        pieces += [text[last : table.span.start], flat(grid)]
        last = table.span.end
    return "".join([*pieces, text[last:]])


@pytest.fixture(scope="module")
def pingtan_rows() -> list[list[list[SourceCell]]]:
    return _html_rows()


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("width", ["full", "half"])
def test_pingtan_in_every_pipeless_form(pingtan_rows: list[list[list[SourceCell]]], form: str, width: str) -> None:
    grids = [Grid.from_spans(rows) for rows in pingtan_rows]
    piped = parse(_report_with(grids, lambda g: g.flatten("B")))
    expected = _facts(piped)
    assert len(expected) == 10 + 25 * 7 + 15
    text = _report_with(grids, FORMS[form])
    if width == "half":
        text = unicodedata.normalize("NFKC", text)
    report = parse(text)
    assert render(report) == text
    assert _facts(report) == expected
    _spans_hold_their_text(report, text)
    assert [s.number.raw for s in report.sections] == [s.number.raw for s in piped.sections]
    assert report.template == "national-2021"


# ---------------------------------------------------------------------------
# generated tables: the same facts in every form as in the pipe form


@settings(max_examples=budget(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), form=st.sampled_from(sorted(FORMS)), sparse=st.booleans())
def test_generated_national_tables_in_every_form(
    pingtan_rows: list[list[list[SourceCell]]], seed: int, form: str, sparse: bool
) -> None:
    rng = random.Random(seed)

    def value() -> str:
        if rng.random() < 0.1:
            return f"{rng.randint(0, 999)}.{rng.randint(1, 99):02d}"
        return str(0 if sparse and rng.random() < 0.7 else rng.randint(0, 5000))

    grids = _with_values(pingtan_rows, value)
    expected = _facts(parse(_report_with(grids, lambda g: g.flatten("B"))))
    text = _report_with(grids, FORMS[form])
    report = parse(text)
    assert render(report) == text
    assert _facts(report) == expected
    _spans_hold_their_text(report, text)


_LEGACY_ROWS = (
    ("主动公开文件数", "条"),
    ("其中：1、政府网站公开数", "条"),
    ("2、政府公报公开数", "条"),
    ("受理依申请公开信息总数", "条"),
    ("其中：1、当面申请数", "条"),
    ("2、网上申请数", "条"),
    ("3、信函、传真申请数", "条"),
    ("对申请的答复总数", "条"),
    ("其中：1、同意公开答复数", "条"),
    ("2、同意部分公开答复数", "条"),
    ("3、不予公开答复数", "条"),
    ("4、其他类型答复数", "条"),
    ("政府信息公开收费减免金额", "元"),
    ("行政复议数", "件"),
    ("行政诉讼数", "件"),
)


_LEGACY_HEADERS = (("指标名称", "计量单位"), ("统计指标", "单位"), ("指标", "单位"))


@settings(max_examples=budget(40), deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    rows=st.integers(4, len(_LEGACY_ROWS)),
    year=st.integers(2008, 2018),
    header=st.sampled_from(_LEGACY_HEADERS),
    shuffled=st.booleans(),
)
def test_generated_legacy_tables_read_alike_in_every_form(
    seed: int, rows: int, year: int, header: tuple[str, str], shuffled: bool
) -> None:
    """A legacy statistics table (label, unit, the year, 累计) gives the facts of its pipe form in every form,
    never table 三's: each value under its row's label and its column's header, with the row's unit.
    (A cell per line once lost the first row to the header: 主动公开文件数 has a heading's words, 件数.)"""
    rng = random.Random(seed)
    columns = (f"{year}年度", "历年累计")
    body = []
    chosen = rng.sample(_LEGACY_ROWS, rows) if shuffled else list(_LEGACY_ROWS[:rows])
    for label, unit in chosen:
        this_year = rng.randint(0, 3000)
        body.append((label, unit, str(this_year), str(this_year + rng.randint(0, 9000))))
    grid = Grid.from_spans([[SourceCell((c,)) for c in row] for row in ((*header, *columns), *body)])
    before = "一、概述\n本年度工作正常开展。\n七、政府信息公开情况统计表\n"
    expected = [
        ((label,), column, Decimal(value), unit)
        for label, unit, *values in body
        for column, value in zip(columns, values, strict=True)
    ]
    expected.sort(key=repr)
    for name, flat in {**FORMS, "A": lambda g: g.flatten("A"), "B": lambda g: g.flatten("B")}.items():
        text = before + flat(grid)
        report = parse(text)
        assert render(report) == text
        assert report.template == "legacy", name
        assert {f.table for f in report.facts} == {"legacy"}, name
        assert [s.number.raw for s in report.sections] == ["一、", "七、"], name
        if name in FORMS:  # (a pipe form's cell spans take the pipe closing the cell)
            _spans_hold_their_text(report, text)
        read = sorted(((f.label_path[-1:], f.column, f.value, f.unit) for f in report.facts), key=repr)
        assert read == expected, name


def test_a_table_3_row_label_is_never_a_heading() -> None:
    # no heading before: 一、本年新收… would be the first section if it were a heading
    lines = ["申请人情况", "自然人", "一、本年新收政府信息公开申请数量", "3", "二、上年结转政府信息公开申请数量", "0"]
    text = "".join(line + "\n\n" for line in lines)
    report = parse(text)
    assert report.sections == ()
    assert len(report.tables) == 1
    extraction = extract(report)
    # one value where the template has seven columns: in a table without pipes an empty cell
    # leaves no trace, so the value's column cannot be told and the row is refused, not guessed
    assert not [f for f in extraction.facts if f.indicator == "requests.received"]
    assert "short-row" in [d.code for d in extraction.diagnostics]


def test_a_pipe_row_is_not_joined_paragraphs() -> None:
    # 三、 and (一) after a blank, numbered in sequence, but inside a markdown row: no break
    text = "| 三、本年度办理结果 | (一)予以公开 | 0 |\n"
    assert [d.code for d in parse(text).diagnostics] == []
    assert len(parse(text).tables) == 1


def test_contact_lines_are_no_table() -> None:
    # telephone numbers and post codes are no values: no table, no facts
    text = "一、概述\n本年度工作正常开展。\n联系方式如下。\n电话 0591 23158138\n传真 0591 23158139\n邮编 350400\n"
    report = parse(text)
    assert report.tables == ()
    assert report.facts == ()
    assert render(report) == text


class _NoBlanks(_Builder):
    """The template tables' builder (tests/test_templates.py) with every value cell filled.

    A blank cell cannot be written in a form without pipes (the text has nothing to show it).
    """

    def value(self, table: str, indicator: str, column: str, kind: str = "int", colspan: int = 1) -> SourceCell:
        while True:
            cell = super().value(table, indicator, column, kind, colspan)
            if cell.lines:
                return cell
            self.expected.pop()


@st.composite
def _template_tables(draw: st.DrawFn) -> tuple[list[Grid], str]:
    version = draw(st.sampled_from(["2019", "2021"]))
    b = _NoBlanks(draw, draw(st.booleans()))
    rows3 = _TABLE3_ROWS[version]
    optional = [r for r in rows3 if ".denied." in r]
    drop = set(draw(st.lists(st.sampled_from(optional), max_size=2)))
    sources = [_table2(b, version), _table3(b, version, draw(st.booleans()), drop), _table4(b, draw(st.booleans()))]
    return [Grid.from_spans(rows) for rows in sources], version


_TABLE3_ROWS = {"2019": TABLE3_ROWS_2019, "2021": TABLE3_ROWS_2021}
_HEADS = ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"]


def _template_report(grids: list[Grid], flat: Flat) -> str:
    text = ["一、总体情况\n本年度工作平稳推进。\n"]
    for head, grid in zip(_HEADS, grids, strict=True):
        text += [head + "\n", flat(grid)]
    return "".join([*text, "五、存在的主要问题及改进情况\n本年度无。\n"])


@settings(
    max_examples=budget(30), deadline=None, suppress_health_check=[HealthCheck.large_base_example, HealthCheck.too_slow]
)
@given(case=_template_tables(), form=st.sampled_from(sorted(FORMS)))
def test_generated_template_tables_in_every_form(case: tuple[list[Grid], str], form: str) -> None:
    """Tables 二, 三 and 四 of both national templates (values in either width, thousands separators)."""
    grids, version = case
    piped = parse(_template_report(grids, lambda g: g.flatten("A")))
    text = _template_report(grids, FORMS[form])
    report = parse(text)
    assert render(report) == text
    assert _facts(report) == _facts(piped)
    assert report.template == piped.template == f"national-{version}"
    assert [s.number.raw for s in report.sections] == ["一、", "二、", "三、", "四、", "五、"]
    _spans_hold_their_text(report, text)


def test_a_short_row_without_pipes_is_refused_not_shifted() -> None:
    # 一、 has six values for seven columns (a blank cell somewhere that left no trace): reading it
    # left to right would put the total 21 under 其他组织
    text = (
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量 21 0 0 0 0 21\n"
        "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n"
    )
    extraction = extract(parse(text))
    assert not [f for f in extraction.facts if f.indicator == "requests.received"]
    assert [f.value for f in extraction.facts if f.indicator == "requests.carried_over"] == [0] * 7
    refused = [d for d in extraction.diagnostics if d.code in ("short-row", "fused-digits")]
    assert refused
    assert all(d.span.line == 2 for d in refused)


# --- statistics tables (2016-2018) whose row labels are numbered like headings ---------------------

_STAT_GROUPS = (
    (
        "一、主动公开情况",
        (("(一)主动公开政府信息数", "条"), ("其中：主动公开规范性文件数", "条"), ("制发规范性文件总数", "件")),
    ),
    ("二、回应解读情况", (("(一)回应公众关注热点或重大舆情数", "次"), ("(二)政策解读稿件发布数", "篇"))),
    (
        "三、依申请公开情况",
        (("(一)收到申请数", "件"), ("1.当面申请数", "件"), ("2.网络申请数", "件"), ("(二)申请办结数", "件")),
    ),
    ("四、行政复议数量", ()),
)


def _value_facts(report: Report) -> list[tuple[str, str, Decimal | None, str | None]]:
    """The cells with a value, by their own row label (a form without blank cells cannot show a group's row)."""
    return sorted(
        ((f.label_path[-1], f.column, f.value, f.unit) for f in report.facts if f.value is not None), key=repr
    )


@settings(max_examples=budget(30), deadline=None)
@given(seed=st.integers(0, 2**32 - 1), groups=st.integers(1, len(_STAT_GROUPS)))
def test_generated_statistics_tables_a_cell_per_line(seed: int, groups: int) -> None:
    """统计指标 / 单位 / 统计数 with rows numbered like headings (一、…, (一)…, 1.…): written a cell per line or
    a row per line, every value keeps its row label, column and unit, and no row label becomes a section."""
    rng = random.Random(seed)
    header = ["统计指标", "单位", "统计数"]
    rows: list[list[str]] = []
    expected = []
    for group, items in _STAT_GROUPS[:groups]:
        if items:
            rows.append([group, "", ""])
        else:  # a group that is a row of its own
            items = ((group, "件"),)
        for label, unit in items:
            value = str(rng.choice([0, rng.randint(1, 9), rng.randint(10, 999)]))
            rows.append([label, unit, value])
            expected.append((label, "统计数", Decimal(value), unit))
    expected.sort(key=repr)
    grid = Grid.from_spans([[SourceCell((c,)) for c in row] for row in (header, *rows)])
    before = "一、概述\n本年度工作正常开展。\n七、政府信息公开情况统计表\n"
    for name, flat in FORMS.items():
        text = before + flat(grid)  # (a row per line: the header 统计指标 单位 统计数 on one line)
        report = parse(text)
        assert render(report) == text
        assert [s.number.raw for s in report.sections] == ["一、", "七、"], name
        assert report.template == "legacy", name
        assert _value_facts(report) == expected, name
        _spans_hold_their_text(report, text)
    assert _value_facts(parse(before + grid.flatten("B"))) == expected


def test_seed_statistics_table_a_cell_per_line() -> None:
    """Seed 004's statistics table (统计指标 / 单位 / 统计数, 71 values) written a cell per line: every value under
    its row label, in 统计数, with its unit, as in its pipe form; no row label is a section heading."""
    source = parse((Path(__file__).resolve().parent.parent / "seeds" / "004_7c2d47552574f996.txt").read_text("utf-8"))
    grid = Grid.from_table(source.tables[0])
    before = "一、概述\n本年度工作正常开展。\n七、政府信息公开情况统计表\n"
    pipe = _value_facts(parse(before + grid.flatten("B")))
    assert len(pipe) == 71
    # Read from the seed: (一)主动公开政府信息数 … 条 322; 其中:主动公开规范性文件数 条 7; 制发规范性文件总数 件 0.
    assert ("(一)主动公开政府信息数 (不同渠道和方式公开相同信息计1条)", "统计数", Decimal(322), "条") in pipe
    assert ("其中:主动公开规范性文件数", "统计数", Decimal(7), "条") in pipe
    assert ("制发规范性文件总数", "统计数", Decimal(0), "件") in pipe
    for name in ("per_line", "per_line_no_gap", "per_line_indented"):
        report = parse(before + FORMS[name](grid))
        assert [s.number.raw for s in report.sections] == ["一、", "七、"], name
        assert _value_facts(report) == pipe, name


def test_the_heading_after_a_statistics_table_a_cell_per_line_stays_a_heading() -> None:
    """The next section after the table (三、 continues the outline, then prose) is not taken into the table."""
    cells = ["统计指标", "单位", "统计数", "一、主动公开情况", "(一)主动公开政府信息数", "条", "120"]
    cells += ["(二)收到申请数", "件", "3"]
    text = (
        "一、概述\n本年度工作正常开展。\n二、政府信息公开情况统计表\n\n"
        + "".join(c + "\n\n" for c in cells)
        + "三、存在的主要问题及改进情况\n一是公开内容有待丰富。二是解读形式有待创新。\n四、其他需要报告的事项\n无。\n"
    )
    report = parse(text)
    assert [s.number.raw for s in report.sections] == ["一、", "二、", "三、", "四、"]
    assert [(f.label_path, f.column, f.value, f.unit) for f in report.facts] == [
        (("一、主动公开情况", "(一)主动公开政府信息数"), "统计数", 120, "条"),
        (("一、主动公开情况", "(二)收到申请数"), "统计数", 3, "件"),
    ]


def test_a_statistics_table_ends_when_its_tail_runs_out() -> None:
    """After a statistics table and MAX_TAIL + 1 lines that are not its values, a heading numbered next is a
    heading again (in a statistics table heading-shaped lines are row labels)."""
    table = "一、统计表\n指标名称\n计量单位\n2015年度\n历年累计\n主动公开文件数\n条\n12\n30\n受理申请数\n件\n1\n4\n"
    notes = "".join(f"注{i}\n" for i in range(MAX_TAIL + 1))
    report = parse(table + notes + "规章\n3\n二、主动公开情况\n文件\n5\n")
    assert [s.title for s in report.sections] == ["统计表", "主动公开情况"]
