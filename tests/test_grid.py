"""Grids: rebuilt from flattened text (layouts A, B, M) and from true spans."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budget import budget
from govinfo_reports import parse, parse_file, parse_html
from govinfo_reports.tables.extract import extract
from govinfo_reports.tables.grid import Grid, GridCell, SourceCell, is_heading, raw_rows

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _shape(grid: Grid) -> list[tuple[int, int, int, int, str]]:
    return [(c.row, c.col, c.rowspan, c.colspan, c.text) for c in grid.cells]


def test_from_spans_places_cells_like_html() -> None:
    grid = Grid.from_spans(
        [
            [SourceCell(("组",), rowspan=2), SourceCell(("甲",)), SourceCell(("1",))],
            [SourceCell(("乙",)), SourceCell(("2",))],
            [SourceCell(("合计",), colspan=2), SourceCell(("3",))],
        ],
        label_columns=2,
    )
    assert (grid.n_rows, grid.n_cols) == (3, 3)
    assert _shape(grid) == [
        (0, 0, 2, 1, "组"),
        (0, 1, 1, 1, "甲"),
        (0, 2, 1, 1, "1"),
        (1, 1, 1, 1, "乙"),
        (1, 2, 1, 1, "2"),
        (2, 0, 1, 2, "合计"),
        (2, 2, 1, 1, "3"),
    ]
    assert all(c.span_observed for c in grid.cells)
    at = grid.at(1, 0)
    assert at is not None
    assert at.text == "组"


def test_layout_a_row_spanning_groups_and_padding() -> None:
    """Seed 000's first table: 指标 spans the group and label columns; groups span rows."""
    table = parse_file(SEEDS / "000_fc022d70227099c4.txt").tables[0]
    grid = Grid.from_table(table)
    assert (grid.n_cols, grid.label_columns) == (4, 2)
    header = [c for c in grid.cells if c.is_header]
    assert [(c.col, c.colspan, c.text) for c in header] == [(0, 2, "指标"), (2, 1, "累计数"), (3, 1, "2017年发生数")]
    groups = [(c.row, c.rowspan, c.text) for c in grid.cells if c.col == 0 and not c.is_header]
    assert groups == [(1, 3, "人员配置"), (4, 2, "学习培训")]
    assert all(not c.span_observed for c in grid.cells)
    # 2.兼职人员数 has two blank value cells: present in the grid, empty.
    row = list(grid.row(3))
    assert [c.text for c in row] == ["2.兼职人员数", "", ""]
    assert [c.col for c in row] == [1, 2, 3]


def test_layout_a_titles_unit_column_and_cut_header() -> None:
    """Seed 004: titles before the header, the header run cut before 一、主动公开情况."""
    grid = Grid.from_table(parse_file(SEEDS / "004_7c2d47552574f996.txt").tables[0])
    assert (grid.n_cols, grid.label_columns) == (3, 1)
    headers = [c.text for c in grid.cells if c.is_header]
    assert headers[-3:] == ["统 计 指 标", "单位", "统计数"]
    assert "古北口镇政府信息公开情况统计表" in headers
    first_data = next(c for c in grid.cells if not c.is_header)
    assert first_data.text == "一、主动公开情况"


def test_layout_b_national_grid_from_template() -> None:
    """Seed 002 table 三: spans inferred from the template's shape."""
    extraction = extract(parse_file(SEEDS / "002_ba2cc9ced20f5da6.txt"))
    kinds = [t.kind for t in extraction.tables]
    assert kinds == ["二", "三", "四"]
    grid = extraction.tables[1].grid
    assert grid.n_cols == 10
    assert grid.label_columns == 3
    cells = {c.text: c for c in grid.cells}
    assert (cells["一、本年新收政府信息公开申请数量"].col, cells["一、本年新收政府信息公开申请数量"].colspan) == (0, 3)
    results = cells["三、本年度办理结果"]
    assert (results.col, results.rowspan) == (0, 22)  # 予以公开 … (七)总计
    denied = cells["(三)不予公开"]
    assert (denied.col, denied.rowspan) == (1, 8)
    assert (cells["(一)予以公开"].col, cells["(一)予以公开"].colspan) == (1, 2)
    assert (cells["1.属于国家秘密"].col, cells["1.属于国家秘密"].colspan) == (2, 1)
    assert sum(1 for c in grid.cells if c.col >= 3 and not c.is_header) == 25 * 7


def test_layout_m_rows() -> None:
    text = "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n| 规章 | 0 | 1 | 2 |\n"
    grid = Grid.from_table(parse(text).tables[0])
    assert [c.text for c in grid.cells if c.is_header] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert [c.text for c in grid.row(1)] == ["规章", "0", "1", "2"]


def test_explicit_padding_is_dropped() -> None:
    text = "指标 |\n累计数 |\n本年发生数 |\n|\n人员 |\n专职人数 |\n1 |\n2 |\n兼职人数 |\n3 |\n|\n||\n"
    grid = Grid.from_table(parse(text).tables[0])
    assert grid.n_cols == 4
    assert max(c.col + c.colspan for c in grid.cells) <= grid.n_cols


def test_a_value_before_padding_is_kept() -> None:
    """``| 行政许可 | 0 | ||``: a label and one value, then padding (table 二's short rows)."""
    text = "| 信息内容\n|\n本年制发件数\n|\n本年废止件数\n|\n| 规章\n|\n5\n|\n6\n|\n| 行政许可\n|\n7\n|\n||\n"
    grid = Grid.from_table(parse(text).tables[0])
    assert [c.text for c in grid.cells if not c.is_header] == ["规章", "5", "6", "行政许可", "7"]


def test_a_padded_label_row_heads_the_rows_under_it() -> None:
    """``公开的 内容 |`` then padding only: a group label over the rows that follow (seed 000)."""
    text = "指标 |\n累计数 |\n|\n人员 |\n专职人数 |\n1 |\n公开的 内容 |\n||\n其中:1.规范性文件 |\n2 |\n2.其他 |\n3 |\n"
    grid = Grid.from_table(parse(text).tables[0])
    group = next(c for c in grid.cells if c.text == "公开的 内容")
    assert (group.col, group.rowspan) == (0, 3)
    facts = extract(parse(text)).facts
    assert [f.label_path for f in facts][-2:] == [("公开的 内容", "其中:1.规范性文件"), ("公开的 内容", "2.其他")]


@pytest.mark.parametrize(
    ("stem", "layout"),
    [
        ("000_fc022d70227099c4", "A"),
        ("000_fc022d70227099c4", "B"),
        # Not 000 in M: markdown pads every row, so its group label row 公开的 内容 (a label, then
        # padding) cannot be told from a row of a label and blank values.
        ("002_ba2cc9ced20f5da6", "A"),
        ("002_ba2cc9ced20f5da6", "B"),
        ("002_ba2cc9ced20f5da6", "M"),
        ("004_7c2d47552574f996", "A"),
        ("004_7c2d47552574f996", "B"),
        ("004_7c2d47552574f996", "M"),
    ],
)
def test_seed_tables_survive_a_change_of_layout(stem: str, layout: str) -> None:
    """Each table of a seed rebuilt as a grid and flattened again in another layout gives the same facts."""
    text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    report = parse(text)
    for table in reversed(report.tables):
        flat = Grid.from_table(table).flatten(layout)  # type: ignore[arg-type]
        text = text[: table.span.start] + flat + text[table.span.end :]
    expected = [(f.indicator, f.label_path, f.column, f.value) for f in report.facts]
    assert [(f.indicator, f.label_path, f.column, f.value) for f in parse(text).facts] == expected


@st.composite
def simple_tables(draw: st.DrawFn) -> list[list[SourceCell]]:
    """Legacy-like tables: a header, then rows of a label and numeric or blank values."""
    n_values = draw(st.integers(1, 4))
    header = [SourceCell(("指标",))] + [SourceCell((f"{2015 + k}年发生数",)) for k in range(n_values)]
    rows = [header]
    for r in range(draw(st.integers(1, 8))):
        values = [
            SourceCell(() if draw(st.booleans()) else (str(draw(st.integers(0, 9999))),)) for _ in range(n_values)
        ]
        rows.append([SourceCell((f"第{r + 1}项工作数",)), *values])
    return rows


@settings(max_examples=budget(60))
@given(simple_tables(), st.sampled_from(["A", "B", "M"]))
def test_flatten_then_rebuild(rows: list[list[SourceCell]], layout: str) -> None:
    """A grid flattened as a scraper would and rebuilt from the text gives the same cells."""
    truth = Grid.from_spans(rows)
    text = truth.flatten(layout)  # type: ignore[arg-type]
    rebuilt = Grid.from_table(parse(text).tables[0])
    assert [(c.row, c.col, c.text) for c in rebuilt.cells] == [(c.row, c.col, c.text) for c in truth.cells]
    assert all(isinstance(c, GridCell) for c in rebuilt.cells)


def test_html_tables_give_their_true_grid() -> None:
    """An HTML table's grid comes from its stated spans: nothing inferred."""
    from pathlib import Path

    import pytest

    from govinfo_reports import parse_html

    page = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pingtan-2024.html"
    if not page.exists():
        pytest.skip("shared corpus not present")
    report = parse_html(page.read_text(encoding="utf-8"))
    grid = Grid.from_table(report.tables[1])  # table 三
    assert all(c.span_observed for c in grid.cells)
    assert (grid.n_rows, grid.n_cols, grid.label_columns) == (28, 10, 3)
    result = next(c for c in grid.cells if c.text.startswith("三、本"))
    assert (result.row, result.col, result.rowspan, result.colspan) == (5, 0, 22, 1)
    denied = next(c for c in grid.cells if c.text == "（三）不予公开")
    assert (denied.rowspan, denied.colspan) == (8, 1)
    last_row = grid.at(27, 3)
    assert last_row is not None
    assert last_row.text == "0"


_LEGACY_PAGE = (
    "<table>"
    "<tr><td colspan='2'>指标</td><td>单位</td><td>本年数</td><td>累计数</td></tr>"
    "<tr><td rowspan='{rows}'>主动公开</td><td>网站公开数</td><td>条</td><td>10</td><td>100</td></tr>"
    "{second}"
    "<tr><td colspan='2'>受理申请数</td><td>件</td><td>3</td><td>5</td></tr>"
    "</table>"
)


@pytest.mark.parametrize(
    ("rows", "second"), [(1, ""), (2, "<tr><td>其他公开数</td><td>条</td><td>1</td><td>2</td></tr>")]
)
def test_html_label_across_the_label_columns_is_not_under_the_group_above(rows: int, second: str) -> None:
    """A legacy label spanning both label columns (colspan=2) after a group (one row or two) stands on its own:
    the page says it starts in the first column, so no group label covers it."""
    report = parse_html(_LEGACY_PAGE.format(rows=rows, second=second))
    paths = {f.label_path for f in report.facts}
    expected = {("主动公开", "网站公开数"), ("受理申请数",)}
    if second:
        expected.add(("主动公开", "其他公开数"))
    assert paths == expected
    received = {f.column: (f.value, f.unit) for f in report.facts if f.label_path == ("受理申请数",)}
    assert received == {"本年数": (3, "件"), "累计数": (5, "件")}


def test_a_row_label_with_a_heading_word_after_the_header_starts_a_row() -> None:
    """Layout A: 主动公开文件数 has a heading's words (件数) but a unit follows it, so it opens the first row."""
    text = "指标名称 |\n计量单位 |\n2015年度 |\n历年累计 |\n主动公开文件数 |\n条 |\n12 |\n300 |\n"
    table = parse(text).tables[0]
    assert [[c.text for c in row] for row in raw_rows(table)] == [
        ["指标名称", "计量单位", "2015年度", "历年累计"],
        ["主动公开文件数", "条", "12", "300"],
    ]
    assert [(f.label_path, f.column, f.value, f.unit) for f in parse(text).facts] == [
        (("主动公开文件数",), "2015年度", 12, "条"),
        (("主动公开文件数",), "历年累计", 300, "条"),
    ]
    # A heading followed by another heading is still the header's.
    assert is_heading("本年制发件数")


def test_a_top_numbered_label_is_not_under_the_group_above_in_text() -> None:
    """Flattened text loses that 四、行政复议数量 spans both label columns after 其中 (rowspan 2); its numbering
    (一、 二、: the top of the table's outline) says it is no part of 其中."""
    rows = [
        [SourceCell(("统计指标",), colspan=2), SourceCell(("单位",)), SourceCell(("统计数",))],
        [SourceCell(("（一）收到申请数",), colspan=2), SourceCell(("件",)), SourceCell(("6",))],
        [SourceCell(("其中",), rowspan=2), SourceCell(("1.当面申请数",)), SourceCell(("件",)), SourceCell(("4",))],
        [SourceCell(("2.传真申请数",)), SourceCell(("件",)), SourceCell(("2",))],
        [SourceCell(("四、行政复议数量",), colspan=2), SourceCell(("件",)), SourceCell(("5",))],
    ]
    text = Grid.from_spans(rows).flatten("B")
    assert [(f.label_path, f.column, f.value, f.unit) for f in parse(text).facts] == [
        (("（一）收到申请数",), "统计数", 6, "件"),
        (("其中", "1.当面申请数"), "统计数", 4, "件"),
        (("其中", "2.传真申请数"), "统计数", 2, "件"),
        (("四、行政复议数量",), "统计数", 5, "件"),
    ]
