"""Word input: .docx files built here with python-docx (real merged cells, automatic numbering) read back
to the same facts and outline as the equivalent text forms; .doc and .wps through LibreOffice."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

docx = pytest.importorskip("docx")

from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402

from budget import budget  # noqa: E402
from govinfo_reports import DecodeError, parse, parse_file, render  # noqa: E402
from govinfo_reports.sources.document import SourceCell, SourceDocument, TableBlock, TextBlock, render_blocks  # noqa: E402
from govinfo_reports.sources.word import convert_to_docx, format_number, parse_docx, read_docx, read_word  # noqa: E402
from govinfo_reports.strategies import reports  # noqa: E402
from govinfo_reports.syntax.nodes import Report, Table  # noqa: E402
from govinfo_reports.syntax.outline import outline  # noqa: E402
from govinfo_reports.tables.grid import Grid  # noqa: E402
from govinfo_reports.tables.grid import SourceCell as GridSource  # noqa: E402
from govinfo_reports.tables.templates import TABLE3_ROWS_2019, TABLE3_ROWS_2021  # noqa: E402
from test_templates import _Builder, _table2, _table3, _table4  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = Path("/work/shared/corpus")
PINGTAN_HTML = CORPUS / "pingtan-2024.html"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

needs_corpus = pytest.mark.skipif(not PINGTAN_HTML.is_file(), reason="shared corpus not available")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")

Document = Any  # python-docx's Document object

# ---------------------------------------------------------------------------
# building documents


def _save(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_grid(document: Document, grid: Grid) -> Any:
    """A Word table of a grid merged by python-docx (``Cell.merge``: gridSpan and vMerge), one paragraph per line."""
    table = document.add_table(rows=grid.n_rows, cols=grid.n_cols)
    table.style = "Table Grid"
    for cell in grid.cells:
        target = table.cell(cell.row, cell.col)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(cell.row + cell.rowspan - 1, cell.col + cell.colspan - 1))
        lines = list(cell.lines) or [""]
        target.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            target.add_paragraph(line)
    return table


def _paragraphs_xml(lines: Sequence[str]) -> str:
    runs = [f'<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r>' if line else "" for line in lines or [""]]
    return "".join(f"<w:p>{run}</w:p>" for run in runs)


def _extent(grid: Grid) -> tuple[int, int]:
    """Rows and columns a grid's cells reach (a grid rebuilt from flattened text may place a cell past n_cols)."""
    rows = max([grid.n_rows, *(c.row + c.rowspan for c in grid.cells)])
    return rows, max([grid.n_cols, *(c.col + c.colspan for c in grid.cells)])


def _add_grid_xml(document: Document, grid: Grid) -> None:
    """A Word table of a grid as Word writes merged cells: ``w:gridSpan`` and ``w:vMerge`` restart/continue.

    The same structure as :func:`_add_grid` makes, written directly (python-docx's merging is slow).
    """
    starts = {(c.row, c.col): c for c in grid.cells}
    n_rows, n_cols = _extent(grid)
    below: dict[tuple[int, int], Any] = {}
    for c in grid.cells:
        for r in range(c.row + 1, c.row + c.rowspan):
            below[(r, c.col)] = c
    rows = []
    for r in range(n_rows):
        cells = []
        col = 0
        while col < n_cols:
            cell, covered = starts.get((r, col)), below.get((r, col))
            source = cell or covered
            span = source.colspan if source is not None else 1
            props = f'<w:tcW w:w="{900 * span}" w:type="dxa"/>'
            props += f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
            if cell is not None and cell.rowspan > 1:
                props += '<w:vMerge w:val="restart"/>'
            elif covered is not None:
                props += "<w:vMerge/>"
            lines = list(cell.lines) if cell is not None else []
            cells.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{_paragraphs_xml(lines)}</w:tc>")
            col += span
        rows.append(f"<w:tr>{''.join(cells)}</w:tr>")
    columns = '<w:gridCol w:w="900"/>' * n_cols
    xml = f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr><w:tblGrid>{columns}</w:tblGrid>'
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(xml + "".join(rows) + "</w:tbl>"))


Rows = list[list[tuple[str, ...]]]


def _text_rows(table: Table) -> Rows:
    """A layout-B table's cells as its text shows them, cut into rows where a ``| `` opens one."""
    rows: Rows = []
    for cell in table.cells:
        if cell.opens_row or not rows:
            rows.append([])
        rows[-1].append(cell.lines)
    return rows


def _pieces(report: Report, *, as_text: bool = False) -> list[str | Grid | Rows]:
    """A parsed report as a document would hold it: its text lines, and for each table node its grid
    (or, ``as_text``, its rows of cells as the text shows them, no spans)."""
    lines = render(report).replace("\r\n", "\n").split("\n")
    if not lines[-1]:
        lines.pop()
    tables = {t.span.line: t for t in report.tables}
    pieces: list[str | Grid | Rows] = []
    number = 1
    while number <= len(lines):
        table = tables.get(number)
        if table is not None:
            pieces.append(_text_rows(table) if as_text else Grid.from_table(table))
            number = table.span.end_line + (table.span.end_column > 1)
        else:
            pieces.append(lines[number - 1])
            number += 1
    return pieces


def _add_rows_xml(document: Document, rows: Rows) -> None:
    """A Word table of rows of cells without spans, each row as long as it is (Word allows short rows)."""
    width = max(len(row) for row in rows)
    body = "".join(
        "<w:tr>" + "".join(f"<w:tc>{_paragraphs_xml(lines)}</w:tc>" for lines in row) + "</w:tr>" for row in rows
    )
    grid = '<w:gridCol w:w="900"/>' * width
    xml = f"<w:tbl {nsdecls('w')}><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"
    element = document.element.body
    element.insert(len(element) - 1, parse_xml(xml))


def _docx_of(
    report: Report, add_grid: Callable[[Document, Grid], Any] = _add_grid_xml, *, as_text: bool = False
) -> bytes:
    """A .docx of a parsed report: a paragraph per line of its text, a merged Word table per table node."""
    document = docx.Document()
    for piece in _pieces(report, as_text=as_text):
        if isinstance(piece, Grid):
            add_grid(document, piece)
        elif isinstance(piece, list):
            _add_rows_xml(document, piece)
        else:
            document.add_paragraph(piece)
    return _save(document)


def _blocks_of(report: Report) -> SourceDocument:
    """The pieces of ``_pieces(report, as_text=True)`` as blocks, without Word (what its .docx must read back to)."""
    blocks: list[TextBlock | TableBlock] = []
    for piece in _pieces(report, as_text=True):
        if isinstance(piece, str):
            blocks.append(TextBlock(piece))
        elif isinstance(piece, list):
            blocks.append(TableBlock(tuple(tuple(SourceCell(lines) for lines in row) for row in piece)))
    return render_blocks(blocks)


def _grid_cells(grid: Grid) -> list[tuple[int, int, int, int, tuple[str, ...]]]:
    """The cells with text: place, spans, lines (a hole in a grid is an empty cell in Word)."""
    return [(c.row, c.col, c.rowspan, c.colspan, c.lines) for c in grid.cells if c.lines]


def _facts(report: Report) -> list[tuple[str, str | None, tuple[str, ...], str, Decimal | None]]:
    return [(f.table, f.indicator, f.label_path, f.column, f.value) for f in report.facts]


def _sections(report: Report, *, preamble: bool = True) -> list[str]:
    """The outline without the table lines (whose line counts depend on the layout)."""
    skipped = ("table ",) if preamble else ("table ", "preamble ")
    return [line for line in outline(report).splitlines() if not line.lstrip().startswith(skipped)]


def _merges(data: bytes) -> tuple[int, int]:
    """gridSpan and vMerge elements in a .docx file's document part."""
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    return xml.count("<w:gridSpan "), xml.count("<w:vMerge")


def _numbering(
    document: Document,
    num_id: int,
    levels: Sequence[tuple[str, str, int]],
    *,
    abstract_id: int | None = None,
    starts: dict[int, int] | None = None,
    suffix: str = "nothing",
) -> None:
    """Numbering definitions in the document's numbering part: an abstractNum (unless reused) and a num."""
    numbering = document.part.numbering_part.element
    if abstract_id is None:
        abstract_id = num_id
        body = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:suff w:val="{suffix}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
            for i, (fmt, text, start) in enumerate(levels)
        )
        abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{body}</w:abstractNum>')
        first = numbering.find(qn("w:num"))
        if first is not None:
            first.addprevious(abstract)  # the schema wants every abstractNum before the nums
        else:
            numbering.append(abstract)
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{v}"/></w:lvlOverride>' for i, v in (starts or {}).items()
    )
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'
        )
    )


def _numbered(document: Document, text: str, num_id: int | None, ilvl: int | None, style: str | None = None) -> Any:
    paragraph = document.add_paragraph(text, style=style)
    if num_id is not None or ilvl is not None:
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        if ilvl is not None:
            num_pr.get_or_add_ilvl().val = ilvl
        if num_id is not None:
            num_pr.get_or_add_numId().val = num_id
    return paragraph


def _raw_paragraph(document: Document, inner: str) -> Any:
    """A body paragraph made of raw WordprocessingML (runs, text boxes, tracked changes …)."""
    element = parse_xml(
        f'<w:p {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        f'xmlns:v="urn:schemas-microsoft-com:vml">{inner}</w:p>'
    )
    body = document.element.body
    body.insert(len(body) - 1, element)  # before the final sectPr
    return element


# ---------------------------------------------------------------------------
# generated national reports: real merged cells, literal heading numbers

_HEADS = ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"]


@st.composite
def national_documents(draw: Any) -> tuple[bytes, str, list[tuple[str, str, str, Decimal | None]], list[Grid]]:
    """A national report as .docx (tables with merged cells) and as flattened text, from the same drawn data."""
    version = draw(st.sampled_from(["2019", "2021"]))
    layout = draw(st.sampled_from(["A", "B", "M"]))
    b = _Builder(draw, draw(st.booleans()))
    optional = [r for r in (TABLE3_ROWS_2021 if version == "2021" else TABLE3_ROWS_2019) if ".denied." in r]
    drop = set(draw(st.lists(st.sampled_from(optional), max_size=2)))
    rows2 = _table2(b, version)  # in document order: the expected facts are listed as the values are drawn
    rows3 = _table3(b, version, draw(st.booleans()), drop)
    sources = [rows2, rows3, _table4(b, draw(st.booleans()))]
    grids = [Grid.from_spans(rows) for rows in sources]
    document = docx.Document()
    text = ["一、总体情况", "本年度工作平稳推进。"]
    document.add_paragraph(text[0])
    document.add_paragraph(text[1])
    for head, grid in zip(_HEADS, grids, strict=True):
        document.add_paragraph(head)
        _add_grid_xml(document, grid)
        text += [head, grid.flatten(layout).rstrip("\n")]  # type: ignore[arg-type]
    document.add_paragraph("五、存在的主要问题及改进情况")
    text.append("五、存在的主要问题及改进情况")
    return _save(document), "\n".join(text) + "\n", b.expected, grids


@settings(max_examples=budget(25))
@given(national_documents())
def test_generated_national_docx_gives_the_facts_and_outline_of_the_text(
    case: tuple[bytes, str, list[tuple[str, str, str, Decimal | None]], list[Grid]],
) -> None:
    data, text, expected, grids = case
    spans, merges = _merges(data)
    assert spans >= 10  # the tables really are merged, not repeated text
    assert merges >= 10
    from_text = parse(text)
    document = read_docx(data)
    report = document.parse()
    assert [(f.table, f.indicator or "", f.column, f.value) for f in report.facts] == expected
    assert _facts(report) == _facts(from_text)
    assert report.template == from_text.template
    assert _sections(report) == _sections(from_text)
    # every table keeps its stated geometry (table 三: the header's 3x3 corner and 申请人情况 colspan,
    # the rowspans of 三、本年度办理结果 and its groups)
    for table, grid in zip(report.tables, grids, strict=True):
        assert table.observed is not None
        assert _grid_cells(Grid.from_table(table)) == _grid_cells(grid)
    header = report.tables[1].observed[0]  # type: ignore[index]
    assert [(c.rowspan, c.colspan) for c in header] == [(3, 3), (1, grids[1].n_cols - 3)]
    results = next(c for row in report.tables[1].observed or () for c in row if c.text.endswith("本年度办理结果"))
    assert results.rowspan > 10
    # every fact is located in its Word table's cell, and that cell shows the fact's text
    for fact in report.facts:
        origin = document.origin(fact.span.line)
        assert origin is not None
        assert origin.table is not None
        assert origin.row is not None
        assert origin.column is not None
        cell = grids[origin.table - 1].at(origin.row - 1, origin.column - 1)
        assert cell is not None
        assert (cell.row, cell.col) == (origin.row - 1, origin.column - 1)
        assert cell.text == fact.text


def test_a_merged_cell_is_one_cell_not_repeated_text() -> None:
    document = docx.Document()
    grid = Grid.from_spans(
        [
            [GridSource(("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",), 3, 3), GridSource(("申请人情况",), colspan=3)],
            [GridSource(("自然人",), rowspan=2), GridSource(("法人或其他组织",)), GridSource(("总计",), rowspan=2)],
            [GridSource(("商业企业",))],
            [GridSource(("三、本年度办理结果",), rowspan=2), GridSource(("（一）予以公开",), colspan=2), *[GridSource(("1",))] * 3],
            [GridSource(("（二）部分公开",), colspan=2), *[GridSource(("2",))] * 3],
        ]
    )  # fmt: skip
    table = _add_grid(document, grid)
    assert table.rows[1].cells[0].text == table.rows[0].cells[0].text  # python-docx repeats merged text
    rows = read_docx(_save(document)).tables[0].rows
    assert [[(c.text, c.rowspan, c.colspan) for c in row] for row in rows] == [
        [("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), ("申请人情况", 1, 3)],
        [("自然人", 2, 1), ("法人或其他组织", 1, 1), ("总计", 2, 1)],
        [("商业企业", 1, 1)],
        [("三、本年度办理结果", 2, 1), ("（一）予以公开", 1, 2), ("1", 1, 1), ("1", 1, 1), ("1", 1, 1)],
        [("（二）部分公开", 1, 2), ("2", 1, 1), ("2", 1, 1), ("2", 1, 1)],
    ]


# ---------------------------------------------------------------------------
# real reports written to .docx


@pytest.mark.parametrize("stem", ["002", "004"])
def test_seed_reports_as_docx_give_the_same_facts_and_outline(stem: str) -> None:
    path = next(SEEDS.glob(f"{stem}_*.txt"))
    text = parse_file(path)
    data = _docx_of(text)
    report = parse_docx(data)
    assert report.facts
    assert _facts(report) == _facts(text)
    assert report.template == text.template
    assert _sections(report) == _sections(text)


@needs_corpus
def test_the_html_report_as_docx_gives_its_facts_cells_and_outline() -> None:
    html = parse_file(PINGTAN_HTML)
    data = _docx_of(html, _add_grid)  # merged by python-docx's Cell.merge
    spans, merges = _merges(data)
    assert spans > 10
    assert merges > 40
    report = parse_docx(data, source_name="pingtan.docx")
    assert len(report.facts) == 200
    assert _facts(report) == _facts(html)
    assert [[(c.text, c.rowspan, c.colspan) for c in row] for t in report.tables for row in t.observed or ()] == [
        [(c.text, c.rowspan, c.colspan) for c in row] for t in html.tables for row in t.observed or ()
    ]
    assert outline(report) == outline(html)


def test_legacy_table_with_merged_groups() -> None:
    def row(label: str, values: tuple[str, str], group: GridSource | None = None) -> list[GridSource]:
        return [*([group] if group else []), GridSource((label,)), GridSource((values[0],)), GridSource((values[1],))]

    rows = [
        [GridSource(("指标",), colspan=2), GridSource(("累计数",)), GridSource(("2017年发生数",))],
        row("从事信息公开工作人员数", ("3", "2"), GridSource(("人员配置",), rowspan=3)),
        row("其中:1.专职人员数", ("1", "1")),
        row("2.兼职人员数", ("2", "1")),
        row("举办培训次数", ("4", "2"), GridSource(("学习培训",), rowspan=2)),
        row("参加培训人次数", ("40", "25")),
    ]
    grid = Grid.from_spans(rows)
    document = docx.Document()
    document.add_paragraph("附件：政府信息公开情况统计表")
    _add_grid(document, grid)
    report = parse_docx(_save(document))
    assert report.template == "legacy"
    got = [(f.label_path[-1], f.column, f.value) for f in report.facts]
    assert ("2.兼职人员数", "累计数", Decimal(2)) in got
    assert ("参加培训人次数", "2017年发生数", Decimal(25)) in got
    assert len(got) == 10
    for layout in ("A", "B"):
        text = parse("附件：政府信息公开情况统计表\n" + grid.flatten(layout))
        assert _facts(report) == _facts(text)


# ---------------------------------------------------------------------------
# automatic numbering


_OUTLINE = [
    ("总体情况", 0),
    ("本年度，我局认真贯彻落实条例。", None),
    ("主动公开", 1),
    ("全年主动公开信息100条。", None),
    ("依申请公开", 1),
    ("规章", 2),
    ("规范性文件", 2),
    ("主动公开政府信息情况", 0),
    ("信息管理", 1),
    ("收到和处理政府信息公开申请情况", 0),
]
_CN_LEVELS = [("chineseCounting", "%1、", 1), ("chineseCounting", "（%2）", 1), ("decimal", "%3.", 1)]
_LITERAL = [
    "一、总体情况",
    "本年度，我局认真贯彻落实条例。",
    "（一）主动公开",
    "全年主动公开信息100条。",
    "（二）依申请公开",
    "1.规章",
    "2.规范性文件",
    "二、主动公开政府信息情况",
    "（一）信息管理",
    "三、收到和处理政府信息公开申请情况",
]


def test_automatic_numbering_gives_the_outline_of_literal_numbers() -> None:
    document = docx.Document()
    _numbering(document, 71, _CN_LEVELS)
    for text, level in _OUTLINE:
        _numbered(document, text, 71 if level is not None else None, level)
    read = read_docx(_save(document))
    assert read.text.splitlines() == _LITERAL
    assert outline(read.parse()) == outline(parse("\n".join(_LITERAL) + "\n"))
    assert [s.number.raw for s in read.parse().sections] == ["一、", "二、", "三、"]


def _styled_numbering() -> Document:
    """Numbering from paragraph styles (numId from a base style), a list starting at 3, a restarted instance."""
    document = docx.Document()
    _numbering(document, 72, _CN_LEVELS, suffix="tab")
    style = document.styles.add_style("报告一级标题", WD_STYLE_TYPE.PARAGRAPH)
    num_pr = style.element.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_numId().val = 72
    sub = document.styles.add_style("报告二级标题", WD_STYLE_TYPE.PARAGRAPH)
    sub.base_style = style  # the numId comes from the base style, the level from this one
    sub.element.get_or_add_pPr().get_or_add_numPr().get_or_add_ilvl().val = 1
    document.add_paragraph("总体情况", style="报告一级标题")
    document.add_paragraph("主动公开", style="报告二级标题")
    document.add_paragraph("依申请公开", style="报告二级标题")
    document.add_paragraph("主动公开政府信息情况", style="报告一级标题")
    document.add_paragraph("信息管理", style="报告二级标题")  # restarts at （一）
    # a list of its own that starts at 3, circled numbers, and a second instance of it restarting at 1
    _numbering(document, 73, [("chineseCounting", "%1、", 3), ("decimalEnclosedCircle", "%2", 1)])
    _numbered(document, "存在的主要问题及改进情况", 73, 0)
    _numbered(document, "问题", 73, 1)
    _numbered(document, "改进", 73, 1)
    _numbering(document, 74, [], abstract_id=73, starts={1: 1})
    _numbered(document, "措施", 74, 1)
    _numbered(document, "其他需要报告的事项", 73, 0)  # the list goes on: 四、
    return document


def test_numbering_from_the_paragraph_style_start_values_and_a_restarted_list() -> None:
    document = _styled_numbering()
    lines = read_docx(_save(document)).text.splitlines()
    assert lines == [
        "一、 总体情况",
        "（一） 主动公开",
        "（二） 依申请公开",
        "二、 主动公开政府信息情况",
        "（一） 信息管理",
        "三、存在的主要问题及改进情况",
        "①问题",
        "②改进",
        "①措施",
        "四、其他需要报告的事项",
    ]
    report = parse_docx(_save(document))
    assert [(s.number.raw, s.title) for s in report.sections] == [
        ("一、", "总体情况"),
        ("二、", "主动公开政府信息情况"),
        ("三、", "存在的主要问题及改进情况"),
        ("四、", "其他需要报告的事项"),
    ]


def test_multilevel_text_legal_numbers_and_bullets() -> None:
    document = docx.Document()
    _numbering(document, 75, [("chineseCountingThousand", "第%1部分", 1), ("decimal", "%1.%2", 1)])
    numbering = document.part.numbering_part.element
    lvl = numbering.find(f"{qn('w:abstractNum')}[@{qn('w:abstractNumId')}='75']/{qn('w:lvl')}[@{qn('w:ilvl')}='1']")
    lvl.find(qn("w:numFmt")).addnext(parse_xml(f"<w:isLgl {nsdecls('w')}/>"))  # in schema order
    _numbering(document, 76, [("bullet", "\uf06c", 1)])
    _numbered(document, "概述", 75, 0)
    _numbered(document, "范围", 75, 1)
    _numbered(document, "要点", 76, 0)
    _numbered(document, "依据", 75, 1)
    _numbered(document, "情况", 75, 0)
    _numbered(document, "事项", 75, 1)
    _numbered(document, "未编号", 0, 0)  # numId 0: numbering switched off
    assert read_docx(_save(document)).text.splitlines() == [
        "第一部分概述",
        "1.1范围",
        "要点",
        "1.2依据",
        "第二部分情况",
        "2.1事项",
        "未编号",
    ]


@pytest.mark.parametrize(
    ("fmt", "numbers"),
    [
        ("chineseCounting", "一 二 十 十一 十九 二十 二十一 九十九"),
        ("chineseCountingThousand", "一 二 十 十一 十九 二十 二十一 九十九"),
        ("ideographTraditional", "甲 乙 癸 甲 壬 癸 甲 壬"),
        ("decimalEnclosedCircle", "① ② ⑩ ⑪ ⑲ ⑳ 21 99"),
        ("decimalFullWidth", "１ ２ １０ １１ １９ ２０ ２１ ９９"),
        ("lowerRoman", "i ii x xi xix xx xxi xcix"),
        ("upperLetter", "A B J K S T U UUUU"),
    ],
)
def test_number_formats(fmt: str, numbers: str) -> None:
    assert " ".join(format_number(n, fmt) for n in (1, 2, 10, 11, 19, 20, 21, 99)) == numbers


# ---------------------------------------------------------------------------
# body order, locations, what is read and what is left out


def test_paragraphs_and_tables_in_body_order_with_their_locations() -> None:
    document = docx.Document()
    document.add_paragraph("一、总体情况")
    document.add_paragraph("")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "规章", "0"
    document.add_paragraph("二、主动公开")
    second = document.add_table(rows=2, cols=2)
    second.cell(0, 0).merge(second.cell(0, 1)).text = "行政许可"
    second.cell(1, 0).text, second.cell(1, 1).text = "数量", "5"
    document.sections[0].header.paragraphs[0].text = "页眉：某某县人民政府"
    document.sections[0].footer.paragraphs[0].text = "— 1 —"
    read = read_docx(_save(document))
    lines = read.text.splitlines()
    assert lines[0] == "一、总体情况"
    assert lines[lines.index("二、主动公开") + 1] == "| 行政许可"
    assert "页眉" not in read.text
    assert "— 1 —" not in read.text
    origins = {line: str(read.origin(n)) for n, line in enumerate(lines, 1)}
    assert origins["一、总体情况"] == "paragraph 1"
    assert origins["二、主动公开"] == "paragraph 3"  # the empty paragraph counts
    assert origins["| 规章"] == "table 1, row 1, column 1"
    assert origins["| 数量"] == "table 2, row 2, column 1"
    assert origins["5"] == "table 2, row 2, column 2"
    assert [[c.text for c in row] for row in read.tables[1].rows] == [["行政许可"], ["数量", "5"]]


def test_text_boxes_nested_tables_breaks_and_what_a_reader_does_not_see() -> None:
    document = docx.Document()
    box = "<w:txbxContent><w:p><w:r><w:t>文本框里的说明</w:t></w:r></w:p></w:txbxContent>"
    _raw_paragraph(
        document,
        "<w:r><w:t>一、总体情况</w:t></w:r>"
        f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing>'
        f"</mc:Choice><mc:Fallback><w:pict><v:textbox>{box}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>",
    )
    _raw_paragraph(
        document,
        '<w:r><w:t xml:space="preserve">全年公开</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>999</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="a"><w:r><w:t>10</w:t></w:r></w:ins><w:r><w:t>条</w:t></w:r>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>。</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:br/><w:t>第二行|竖线</w:t></w:r>',
    )
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "外层"
    inner = outer.cell(0, 1).add_table(rows=2, cols=2)
    for r, c, text in ((0, 0, "甲"), (0, 1, "乙"), (1, 0, "丙"), (1, 1, "丁")):
        inner.cell(r, c).text = text
    read = read_docx(_save(document))
    lines = read.text.splitlines()
    assert lines[:4] == ["一、总体情况", "文本框里的说明", "全年公开10条。", "第二行｜竖线"]
    for hidden in ("999", "隐藏", "PAGE"):
        assert hidden not in read.text
    assert [[c.lines for c in row] for row in read.tables[0].rows] == [[("外层",), ("甲", "乙", "丙", "丁")]]
    assert str(read.origin(2)) == "paragraph 1"


def _table_xml(rows: str, grid: Sequence[int]) -> str:
    cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in grid)
    return f"<w:tbl {nsdecls('w')}><w:tblPr/><w:tblGrid>{cols}</w:tblGrid>{rows}</w:tbl>"


def _tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def _with_table(xml: str) -> bytes:
    document = docx.Document()
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(xml))
    return _save(document)


def test_merges_are_read_from_the_cell_properties_defensively() -> None:
    rows = (
        "<w:tr>" + _tc("甲", '<w:vMerge w:val="restart"/>') + _tc("乙", '<w:gridSpan w:val="2"/>') + "</w:tr>"
        "<w:tr>" + _tc("", "<w:vMerge/>") + _tc("丙") + _tc("丁") + "</w:tr>"
        "<w:tr>" + _tc("续", "<w:vMerge/>") + _tc("戊", '<w:gridSpan w:val="x"/>') + _tc("己") + "</w:tr>"
        # a continuation with no merge above it is a cell of its own
        "<w:tr>" + _tc("庚") + _tc("辛", "<w:vMerge/>") + _tc("壬") + "</w:tr>"
        # gridBefore leaves its columns empty; a legacy hMerge widens the cell on its left
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + _tc("癸", '<w:hMerge w:val="restart"/>') + _tc("", "<w:hMerge/>") + "</w:tr>"
        '<w:tr><w:trPr><w:tblHeader/></w:trPr>' + _tc("子") + _tc("丑") + _tc("寅") + "</w:tr>"
    )  # fmt: skip
    read = read_docx(_with_table(_table_xml(rows, [2000, 2000, 2000])))
    assert [[(c.text, c.rowspan, c.colspan, c.is_header) for c in row] for row in read.tables[0].rows] == [
        [("甲续", 3, 1, False), ("乙", 1, 2, False)],
        [("丙", 1, 1, False), ("丁", 1, 1, False)],
        [("戊", 1, 1, False), ("己", 1, 1, False)],
        [("庚", 1, 1, False), ("辛", 1, 1, False), ("壬", 1, 1, False)],
        [("", 1, 1, False), ("癸", 1, 2, False)],
        [("子", 1, 1, True), ("丑", 1, 1, True), ("寅", 1, 1, True)],
    ]


def test_a_sliver_grid_column_does_not_widen_cells() -> None:
    # cell edges 1/20 pt apart, as LibreOffice's conversions of .doc files make them
    rows = (
        "<w:tr>" + _tc("行政复议", '<w:gridSpan w:val="2"/>') + _tc("行政诉讼", '<w:gridSpan w:val="2"/>') + "</w:tr>"
        "<w:tr>" + _tc("维持") + _tc("总计", '<w:gridSpan w:val="2"/>') + _tc("维持") + "</w:tr>"
        "<w:tr>" + _tc("1") + _tc("2", '<w:gridSpan w:val="2"/>') + _tc("3") + "</w:tr>"
    )  # fmt: skip
    read = read_docx(_with_table(_table_xml(rows, [1000, 999, 1, 2000])))
    assert [[(c.text, c.colspan) for c in row] for row in read.tables[0].rows] == [
        [("行政复议", 2), ("行政诉讼", 1)],
        [("维持", 1), ("总计", 1), ("维持", 1)],
        [("1", 1), ("2", 1), ("3", 1)],
    ]
    assert str(read.origin(read.text.splitlines().index("维持", 5) + 1)) == "table 1, row 2, column 3"


# ---------------------------------------------------------------------------
# generated trees: report → .docx → the same facts and outline as its text


@settings(max_examples=budget(30))
@given(reports(layouts=("B",), attachments=False))
def test_generated_reports_as_docx_give_the_outline_and_facts_of_the_same_blocks(tree: Report) -> None:
    """The strategies' reports, tables and all, through Word: the outline of the text, every cell of the
    tables as the text cuts them into rows, and the facts of those same blocks read without Word.

    (A random table's flattened text is ambiguous about spans, so its facts are compared with the
    facts of the same rows, not with the text's guess; blank lines, which Word has no use for, leave
    no preamble behind.)"""
    text = parse(render(tree))
    data = _docx_of(text, as_text=True)
    report = parse_docx(data)
    # the outline of the same blocks: Word keeps no blank lines, so a date line after a blank
    # line may close a signature there (text: paragraph / blank / date; Word: paragraph / date)
    assert _sections(report, preamble=False) == _sections(_blocks_of(text).parse(), preamble=False)
    assert [[tuple(c.lines for c in row) for row in t.observed or ()] for t in report.tables] == [
        [tuple(row) for row in _text_rows(t)] for t in text.tables
    ]
    assert _facts(report) == _facts(_blocks_of(text).parse())


# ---------------------------------------------------------------------------
# errors


def _minimal_zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


_CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "no ZIP archive"),
        (b"\x00\x01 plain bytes", "no ZIP archive"),
        ("一、总体情况\n".encode(), "no ZIP archive"),
        (b"PK\x03\x04 truncated", "not a readable .docx"),
        (_minimal_zip({"hello.txt": "x"}), "not a readable .docx"),
        (_minimal_zip({"[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _RELS}), "not a readable .docx"),
        (
            _minimal_zip(
                {"[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _RELS, "word/document.xml": "<w:document"}
            ),
            "not a readable .docx",
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64, "encrypted"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "Word 97-2003"),
        (b"{\\rtf1\\ansi hello}", "RTF"),
    ],
)
def test_files_that_are_not_docx_are_decode_errors_with_the_file_name(
    data: bytes, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "报告.docx"
    path.write_bytes(data)
    with pytest.raises(DecodeError, match=message) as raised:
        read_docx(path)
    assert raised.value.path == str(path)
    with pytest.raises(DecodeError, match=r"^<docx>: "):
        parse_docx(data)
    with pytest.raises(DecodeError, match=r"^a\.docx: "):
        parse_docx(io.BytesIO(data), source_name="a.docx")


def test_a_document_without_body_content_reads_as_empty() -> None:
    document = _minimal_zip(
        {
            "[Content_Types].xml": _CONTENT_TYPES,
            "_rels/.rels": _RELS,
            "word/document.xml": f"<w:document {nsdecls('w')}><w:body/></w:document>",
        }
    )
    read = read_docx(document)
    assert read.text == ""
    assert parse_docx(document).children == ()


@pytest.fixture(scope="module")
def sample_docx() -> bytes:
    document = docx.Document()
    _numbering(document, 77, _CN_LEVELS)
    for text, level in _OUTLINE:
        _numbered(document, text, 77 if level is not None else None, level)
    _add_grid(
        document,
        Grid.from_spans([[GridSource(("收费",), rowspan=2), GridSource(("金额",))], [GridSource(("0",))]]),
    )
    return _save(document)


@settings(max_examples=budget(40))
@given(st.data())
def test_damaged_files_raise_decode_errors_only(sample_docx: bytes, data: st.DataObject) -> None:
    damaged = bytearray(sample_docx)
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(damaged) - 1))
        damaged[position] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(damaged)))
    for candidate in (bytes(damaged), bytes(damaged[:cut])):
        try:
            document = read_docx(candidate)
        except DecodeError as error:
            path = error.path
        else:
            path = "<docx>"
            assert isinstance(document, SourceDocument)
            document.parse()
        assert path == "<docx>"


def test_import_govinfo_reports_does_not_import_python_docx() -> None:
    code = (
        "import sys, govinfo_reports, govinfo_reports.sources.word; assert 'docx' not in sys.modules, 'docx imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# ---------------------------------------------------------------------------
# .doc and .wps through LibreOffice


def test_legacy_word_files_without_libreoffice_say_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    path = tmp_path / "报告.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(DecodeError, match=r"apt-get install libreoffice-writer") as raised:
        read_word(path)
    assert raised.value.path == str(path)
    wps = tmp_path / "报告.wps"
    wps.write_bytes(b"anything")
    with pytest.raises(DecodeError, match="LibreOffice"):
        read_word(wps)


def test_read_word_follows_the_content_when_the_suffix_is_wrong(tmp_path: Path, sample_docx: bytes) -> None:
    path = tmp_path / "really-a-docx.doc"
    path.write_bytes(sample_docx)
    assert read_word(path).text == read_docx(sample_docx).text  # read directly, no conversion
    encrypted = tmp_path / "locked.docx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64)
    with pytest.raises(DecodeError, match="encrypted"):
        read_word(encrypted)


def _soffice_convert(source: Path, target: str, outdir: Path) -> Path:
    profile = (outdir / "profile").as_uri()
    command = [SOFFICE or "soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", target]
    subprocess.run([*command, "--outdir", str(outdir), str(source)], check=True, capture_output=True, timeout=180)
    return outdir / f"{source.stem}.{target.split(':')[0]}"


@pytest.fixture(scope="module")
def legacy_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Path, Path]:
    """A national report with automatic numbering as .docx, saved by LibreOffice as .doc, and as .wps."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) not installed")
    work = tmp_path_factory.mktemp("word")
    text = parse_file(next(SEEDS.glob("002_*.txt")))
    source = docx.Document(io.BytesIO(_docx_of(text)))
    _numbering(source, 78, [("chineseCounting", "%1、", 7)])
    extra = source.add_paragraph("其他需要报告的事项")  # numbered automatically: 七、
    num_pr = extra._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val, num_pr.get_or_add_numId().val = 0, 78
    path = work / "report.docx"
    source.save(str(path))
    doc = _soffice_convert(path, "doc:MS Word 97", work)
    wps = work / "report.wps"
    shutil.copy(doc, wps)
    return parse_docx(path), doc, wps


@needs_soffice
def test_the_numbers_are_those_libreoffice_shows(tmp_path: Path) -> None:
    """LibreOffice, an independent reader of numbering definitions, prints the same numbers in its text export."""
    path = tmp_path / "numbered.docx"
    _styled_numbering().save(str(path))
    shown = _soffice_convert(path, "txt:Text (encoded):UTF8", tmp_path).read_text(encoding="utf-8-sig")
    # (its text export writes a space after every number, whatever the level's suffix)
    assert ["".join(line.split()) for line in shown.splitlines() if line.strip()] == [
        "".join(line.split()) for line in read_docx(path).text.splitlines()
    ]


@needs_soffice
@needs_corpus
@pytest.mark.parametrize("target", ["docx:MS Word 2007 XML", "doc:MS Word 97"])
def test_the_published_page_saved_as_word_by_libreoffice_gives_its_facts(target: str, tmp_path: Path) -> None:
    """A Word file written by another program (LibreOffice's import of the HTML page), not by these tests."""
    html = parse_file(PINGTAN_HTML)
    page = tmp_path / "pingtan.html"
    shutil.copy(PINGTAN_HTML, page)
    path = _soffice_convert(page, target, tmp_path)
    report = read_word(path).parse(source_name=str(path))
    assert _facts(report) == _facts(html)
    assert outline(report) == outline(html)
    assert [[(c.text, c.rowspan, c.colspan) for c in row] for t in report.tables for row in t.observed or ()] == [
        [(c.text, c.rowspan, c.colspan) for c in row] for t in html.tables for row in t.observed or ()
    ]


@needs_soffice
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_doc_and_wps_files_are_converted_by_libreoffice(suffix: str, legacy_files: tuple[Report, Path, Path]) -> None:
    expected, doc, wps = legacy_files
    path = doc if suffix == ".doc" else wps
    report = read_word(path).parse(source_name=str(path))
    assert len(report.facts) == 200
    assert _facts(report) == _facts(expected)
    assert _sections(report) == _sections(expected)
    assert report.sections[-1].number.raw == "七、"  # LibreOffice keeps the automatic number as numbering


def _fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> None:
    program = tmp_path / "bin" / "soffice"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setenv("PATH", str(program.parent))


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for LibreOffice")
def test_conversion_failures_are_decode_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "报告.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    sleep = shutil.which("sleep") or "/bin/sleep"
    _fake_soffice(tmp_path, monkeypatch, 'echo "Error: source file could not be loaded" >&2; exit 1')
    with pytest.raises(DecodeError, match=r"报告\.doc: LibreOffice could not convert .*could not be loaded"):
        convert_to_docx(path)
    (tmp_path / "bin" / "soffice").write_text(f"#!/bin/sh\nexec {sleep} 30\n", encoding="utf-8")
    with pytest.raises(DecodeError, match=r"within 0\.5 s"):
        convert_to_docx(path, timeout=0.5)
    with pytest.raises(DecodeError, match=r"within 0\.5 s"):
        read_word(path, timeout=0.5)
