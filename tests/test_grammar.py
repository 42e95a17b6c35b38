"""Per-rule grammar tests on small snippets, and the grammar's packaging."""

from __future__ import annotations

import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from lark import Lark, Token, Tree

from govinfo_reports import parse
from govinfo_reports.syntax.cells import TABLE_RULE_HANDLERS, TOKEN_CELLS, _ToCells, table_cells
from govinfo_reports.syntax.grammar import grammar_text
from govinfo_reports.syntax.nodes import Table, TableLine, scanned_cells
from govinfo_reports.syntax.parser import RULE_HANDLERS, _ToBlocks
from govinfo_reports.syntax.postlex import TableLexer, TablePostLex, TableSource, TableToken

ROOT = Path(__file__).resolve().parent.parent


def _parser(start: str) -> Lark:
    return Lark(grammar_text(), parser="lalr", lexer="basic", postlex=TablePostLex(), start=start)


def _line_types(tokens: list[Token]) -> list[str]:
    """Token types, a TABLE token replaced by the types of its lines."""
    out: list[str] = []
    for tok in tokens:
        out.extend(t.type for t in tok.lines) if isinstance(tok, TableToken) else out.append(tok.type)
    return out


def _types(text: str) -> list[str]:
    tree = _parser("start").parse(text)
    assert isinstance(tree, Tree)
    return [
        f"{child.data}:{','.join(_line_types([t for t in child.children if isinstance(t, Token)]))}"
        for child in tree.children
        if isinstance(child, Tree)
    ]


@pytest.mark.parametrize(
    ("line", "terminal"),
    [
        ("一、总体情况\n", "H_CN"),
        ("十二、其他\n", "H_CN"),
        ("(一)主动公开\n", "H_PAREN_CN"),
        ("（二） 依申请公开\n", "H_PAREN_CN"),
        ("1、公开的数量。2017年\n", "H_ARABIC"),
        ("2.兼职人员数\n", "H_ARABIC"),
        ("3．专职\n", "H_ARABIC"),
        ("(1)甲\n", "H_PAREN_ARABIC"),
        ("（12）乙\n", "H_PAREN_ARABIC"),
        ("①丙\n", "H_CIRCLED"),
    ],
)
def test_heading_terminals(line: str, terminal: str) -> None:
    tree = _parser("heading").parse(line)
    assert isinstance(tree, Tree)
    assert [t.type for t in tree.children if isinstance(t, Token)] == [terminal]


@pytest.mark.parametrize("line", ["1.5万元\n", "2017年,全年\n", "一是加强\n", "第一,加强\n", "（本列数据)\n"])
def test_not_headings(line: str) -> None:
    assert _types(line) == ["text_run:TEXT"]


def test_signature_rule() -> None:
    assert _types("正文\n某某局\n2018年3月9日\n") == ["text_run:TEXT,TEXT,DATE"]
    assert _types("2018年3月9日\n") == ["lone_date:DATE"]


def test_attachment_and_filename_and_pubdate() -> None:
    assert _types("附件1:统计表\n附件:\n附件\n") == ["attachment:ATTACH"] * 3
    assert _types("附件中所列数据\n") == ["text_run:TEXT"]
    assert _types("古北口2017年度工作报告.doc\n") == ["filename:FILENAME"]
    assert _types("发布日期:2024-01-20\n") == ["pubdate:PUBDATE"]


def test_table_rule_layout_b() -> None:
    assert _types("| 规章\n|\n0\n|\n||\n") == ["table:OPEN,PIPES,CELL_PIPES,PIPES"]


def test_table_rule_layout_a_and_m() -> None:
    assert _types("指标 |\n累计数 |\n19\n|\n") == ["table:CLOSE,CLOSE,CELL_PIPES"]
    assert _types("| a | b |\n|---|---|\n| 1 | 2 |\n") == ["table:OPEN,MD_SEP,OPEN"]


def test_cell_lines_in_row_mode_may_look_like_headings() -> None:
    assert _types("| 三、本年度办理结果\n|\n(一)予以公开\n|\n") == ["table:OPEN,PIPES,CELL,PIPES"]


def test_cell_pipes_never_takes_a_heading_or_attachment_line() -> None:
    assert _types("附件:\n|\n") == ["attachment:ATTACH", "table:PIPES"]
    assert _types("指标 |\n（一）予以公开\n|\n") == ["table:CLOSE,CELL,PIPES"]


def test_text_after_table_ends_it() -> None:
    assert _types("| 0\n|\n五、存在的主要问题\n正文。\n") == ["table:OPEN,PIPES", "heading:H_CN", "text_run:TEXT"]


def test_attachment_line_ends_a_table() -> None:
    assert _types("指标 |\n|\n附件2:\n标题 |\n") == ["table:CLOSE,PIPES", "attachment:ATTACH", "table:CLOSE"]


def test_blank_lines_inside_a_table_stay_in_it() -> None:
    assert _types("19\n|\n\n|\n") == ["table:CELL_PIPES,CELL,PIPES"]
    assert _types("| 甲\n|\n19\n\n|\n") == ["table:OPEN,PIPES,CELL,CELL,PIPES"]


def test_every_rule_has_a_handler() -> None:
    rules = {str(rule.origin.name) for rule in _parser("start").rules}
    named = {r for r in rules if not r.startswith("_") and not r.startswith("__")}
    handlers = {name for name in vars(_ToBlocks) if not name.startswith("_")}
    assert named == handlers == set(RULE_HANDLERS)


def test_every_table_rule_has_a_handler() -> None:
    rules = _table_tree_parser("table").rules
    named = {str(rule.origin.name) for rule in rules if not rule.origin.name.startswith("_")}
    handlers = {name for name in vars(_ToCells) if not name.startswith("_")}
    assert named == handlers == set(TABLE_RULE_HANDLERS)
    # the tokens that the repetitions of table take as they are (a cell each, or none): each has
    # its maker, and no other token does (ROW opens a row: no cell)
    loose = {
        str(symbol.name)
        for rule in rules
        if rule.origin.name == "table" or str(rule.origin.name).startswith("__table_")
        for symbol in rule.expansion
        if symbol.is_term
    }
    assert loose - {"ROW"} == set(TOKEN_CELLS)


def test_grammar_ships_in_the_wheel(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert "govinfo_reports/grammar/report.lark" in archive.namelist()
        assert "govinfo_reports/grammar/table.lark" in archive.namelist()
        archive.extractall(tmp_path / "site")
    # the unpacked wheel, alone on the path, parses with its own grammar
    code = (
        "import govinfo_reports, sys; "
        "assert govinfo_reports.__file__.startswith(sys.argv[1]), govinfo_reports.__file__; "
        "print(govinfo_reports.parse('一、总体情况\\n').sections[0].title)"
    )
    out = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            f"import sys; sys.path.insert(0, {str(tmp_path / 'site')!r}); {code}",
            str(tmp_path / "site"),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    assert out.stdout.strip() == "总体情况"


def test_layout_a_numbered_cell_first_line_stays_in_the_table() -> None:
    # a multi-line cell whose first line looks like a heading: no heading 1. came before
    assert _types("甲 |\n1.乙\n丙 |\n1 |\n") == ["table:CLOSE,CELL,CLOSE,CLOSE"]
    # in table 三 of a report whose section 三、 holds the table, 三、本年度 is a cell
    assert _types("三、收到和处理\n指标 |\n0 |\n三、本年度\n办理结果 |\n0 |\n") == [
        "heading:H_CN",
        "table:CLOSE,CLOSE,CELL,CLOSE,CLOSE",
    ]


def test_layout_a_next_heading_of_the_outline_splits_tables() -> None:
    assert _types("一、基本情况\n指标 |\n|\n二、主动公开情况\n指标 |\n") == [
        "heading:H_CN",
        "table:CLOSE,PIPES",
        "heading:H_CN",
        "table:CLOSE",
    ]


def test_layout_b_row_with_empty_first_cell() -> None:
    assert _types("| 甲\n|\n| \n|\n0\n|\n") == ["table:OPEN,PIPES,OPEN,PIPES,CELL_PIPES"]


# ---------------------------------------------------------------------------
# grammar/table.lark: the inside of a table


def _table_tree_parser(start: str) -> Lark:
    return Lark(grammar_text("table.lark"), parser="lalr", lexer=TableLexer, start=start, strict=True)


def _line_tokens(text: str) -> list[Token]:
    """The line tokens of the one table in ``text`` (report.lark and its post-lexer)."""
    (table,) = [t for t in _parser("start").lex(text) if isinstance(t, TableToken)]
    return table.lines


def _shape(tree: Tree[Token] | Token) -> object:
    """A tree as nested (rule, children) with tokens as their types."""
    if isinstance(tree, Token):
        return tree.type
    return (str(tree.data), [_shape(c) for c in tree.children])


def _table_shape(text: str) -> object:
    tree = _table_tree_parser("table").parse(TableSource(_line_tokens(text), None))  # type: ignore[arg-type]
    assert isinstance(tree, Tree)
    return _shape(tree)


@pytest.mark.parametrize(
    ("rule", "text", "shape"),
    [
        # a cell closed on its own line, and one continued over lines (layout B's label)
        ("cell", "| 商业\n企业\n|\n", ("table", ["ROW", ("cell", ["REST", "CONT", "BAR"])])),
        ("open_cell", "| 甲\n| 乙\n", ("table", ["ROW", ("open_cell", ["REST"]), "ROW", ("open_cell", ["REST"])])),
        ("table", "| 甲 | 乙 |\n", ("table", ["ROW", "TEXT", "TEXT"])),
    ],
)
def test_each_table_rule(rule: str, text: str, shape: object) -> None:
    if shape is not None:
        assert _table_shape(text) == shape
    tree = _table_tree_parser("table").parse(TableSource(_line_tokens(text), None))  # type: ignore[arg-type]
    assert isinstance(tree, Tree)
    assert any(sub.data == rule for sub in tree.iter_subtrees())


def test_table_rule_trees() -> None:
    # column continuation: 商业 / 企业 / | is the one cell 商业企业
    assert _table_shape("| 商业\n企业\n|\n") == ("table", ["ROW", ("cell", ["REST", "CONT", "BAR"])])
    # padding: a second pipe on the line; a line of several pipes, nothing pending
    assert _table_shape("结果 ||\n") == ("table", ["TEXT", "PAD"])
    assert _table_shape("甲 |\n|||\n") == ("table", ["TEXT", "PAD_LEAD", "PAD"])
    # ... but the first of several pipes closes text pending before it
    assert _table_shape("甲 |\n0\n||\n") == (
        "table",
        ["TEXT", ("cell", ["CONT", "PAD_LEAD"]), "PAD"],
    )
    # after the row opener a pipe closes an empty cell, not padding
    assert _table_shape("| |甲|\n") == (
        "table",
        ["ROW", "BAR", "TEXT"],
    )
    # text left open before the next row opener
    assert _table_shape("| 甲\n| 乙\n") == (
        "table",
        ["ROW", ("open_cell", ["REST"]), "ROW", ("open_cell", ["REST"])],
    )
    # markdown: rows, the separator, a cell with text left open at a line's end
    assert _table_shape("| a | b\n|---|---|\n| 1 |\n") == (
        "table",
        ["ROW", "TEXT", ("open_cell", ["REST", "MD_SEP"]), "ROW", "TEXT"],
    )
    assert _table_shape("| a |\n|---|\n| 1 |\n") == (
        "table",
        ["ROW", "TEXT", "MD_SEP", "ROW", "TEXT"],
    )


def _cells(text: str) -> list[tuple[str, bool, bool, bool, int, int]]:
    (table,) = parse(text).tables
    return [(c.text, c.opens_row, c.closed, c.padding, c.start, c.end) for c in scanned_cells(table)]


def test_table_cells_and_their_spans() -> None:
    # layout A: a value line and the pipe closing it; padding on the same line
    assert _cells("指标 |\n19\n|\n结果 ||\n") == [
        ("指标", False, True, False, 0, 4),
        ("19", False, True, False, 5, 9),
        ("结果", False, True, False, 10, 14),
        ("", False, True, True, 14, 15),
    ]
    # layout B: the row opener; text left open before the next one ends where its line starts
    assert _cells("| 甲\n| 乙\n") == [("甲", True, False, False, 2, 4), ("乙", True, False, False, 6, 7)]


def test_a_run_of_pipes_is_a_padding_cell_per_pipe() -> None:
    # one PAD token for the run, a cell for each of its pipes: from the pipe before it (blanks included) to its own
    text = "甲 |\n|| |\t|\n结果 |  | |\n"
    assert _cells(text) == [
        ("甲", False, True, False, 0, 3),
        ("", False, True, True, 4, 5),  # the line's first pipe (PAD_LEAD)
        ("", False, True, True, 5, 6),
        ("", False, True, True, 6, 8),
        ("", False, True, True, 8, 10),
        ("结果", False, True, False, 11, 15),
        ("", False, True, True, 15, 18),
        ("", False, True, True, 18, 20),
    ]
    (table,) = parse(text).tables
    assert [(c.line, c.column, c.end_line, c.end_column) for c in scanned_cells(table)][3:] == [
        (2, 3, 2, 5),
        (2, 5, 2, 7),
        (3, 1, 3, 5),
        (3, 5, 3, 8),
        (3, 8, 3, 10),
    ]
    assert _table_shape(text) == ("table", ["TEXT", "PAD_LEAD", "PAD", "TEXT", "PAD"])


def test_blank_lines_before_a_row_opener_start_its_first_cell() -> None:
    # _lexer.py, item 4: the cell 乙 starts on the blank line before its row opener
    assert _cells("| 甲 |\n\n| 乙 |\n") == [("甲", True, True, False, 1, 5), ("乙", True, True, False, 6, 12)]
    # a blank line with text pending is part of the text left open
    assert _cells("| 甲\n\n| 乙 |\n") == [("甲", True, False, False, 2, 5), ("乙", True, True, False, 6, 10)]


def test_text_left_open_at_the_end_ends_with_the_last_line_text() -> None:
    # _lexer.py, item 5
    assert _cells("| 甲 |\n| 乙\n") == [("甲", True, True, False, 1, 5), ("乙", True, False, False, 8, 9)]


def test_built_tables_read_as_parsed_ones() -> None:
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for parsed in parse(path.read_text(encoding="utf-8")).tables:
            built = Table(tuple(TableLine(x.kind, x.text, x.eol, offset=x.offset, line=x.line) for x in parsed.lines))
            assert [(c, c.span) for c in built.cells] == [(c, c.span) for c in parsed.cells]
            assert table_cells(built.lines) == list(scanned_cells(parsed))


def test_table_terminals_are_linear() -> None:
    # 100 KB of blanks inside a line: each terminal backtracks at most once over them
    blanks = " " * 100_000
    lines = (
        TableLine("open", "|" + blanks + "甲"),
        TableLine("close", blanks + "乙" + blanks),
        TableLine("pipes", "|" + blanks + "|" + blanks),
        TableLine("close", blanks + "丙" + blanks + "|" + blanks),
        # a run of padding pipes, then blanks that no pipe closes
        TableLine("close", "丁||" + blanks + "|" + blanks + "戊"),
    )
    start = time.perf_counter()
    cells = table_cells(lines)
    assert time.perf_counter() - start < 2.0
    assert [(c.text, c.closed, c.padding) for c in cells] == [
        ("甲乙", True, False),
        ("", True, True),
        ("丙", True, False),
        ("丁", True, False),
        ("", True, True),
        ("", True, True),
        ("戊", False, False),
    ]


def test_parsed_tables_are_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # the parser's transformer made the cells as it read the lines: cells and facts need no second reading
    report = parse((ROOT / "seeds" / "002_ba2cc9ced20f5da6.txt").read_text(encoding="utf-8"))

    def second_reading(lines: object) -> None:
        raise AssertionError("a parsed table was read again")

    monkeypatch.setattr("govinfo_reports.syntax.nodes.table_cells", second_reading)
    assert sum(len(t.cells) for t in report.tables) > 300
    assert report.facts
