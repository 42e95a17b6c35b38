"""Write report PDFs as an office suite lays them out, for the PDF reader's tests.

A small page layout over reportlab, with its built-in CJK font
``STSong-Light`` (a CID font that needs no font file): headings and
paragraphs wrapped at the right margin (first lines indented two
characters), ruled tables whose merged cells are drawn as one box (a cell
that a page break cuts is drawn as two boxes, its text in the first), header
rows optionally repeated on each page, page numbers ``- N -`` and an
optional running header.

The same content is also given as :mod:`govinfo_reports.sources.document` blocks
(:func:`source_blocks`), whose rendering is the text form of the document:
the PDF read back must give the facts that text gives.

Run as a script to write the sample PDFs to a folder::

    python tests/pdf_maker.py /tmp/pdfs
"""

from __future__ import annotations

import io
import random
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govinfo_reports.sources.document import SourceCell, TableBlock, TextBlock
from govinfo_reports.tables.templates import TABLE2_2021, TABLE2_2021_COLUMNS, TABLE3_LABELS, TABLE3_ROWS_2021

FONT = "STSong-Light"
PAGE_WIDTH, PAGE_HEIGHT = 595.27, 841.89
LEFT, RIGHT, TOP, BOTTOM = 72.0, 595.27 - 72.0, 72.0, 841.89 - 72.0


@dataclass
class Cell:
    """A table cell: its text (wrapped to the cell's width when drawn) and spans."""

    text: str = ""
    rowspan: int = 1
    colspan: int = 1


@dataclass
class TableSpec:
    """A table: rows of cells (a row under a rowspan lists fewer), column widths, header rows to repeat."""

    rows: list[list[Cell]]
    widths: list[float]
    repeat: int = 0
    #: The rows of the text form when they differ from what is drawn (``None``: the same).
    text_rows: list[list[Cell]] | None = None


@dataclass
class Heading:
    text: str
    #: Indent in characters.
    indent: int = 2


@dataclass
class Paragraph:
    text: str


Block = Heading | Paragraph | TableSpec


# ---------------------------------------------------------------------------
# layout


def _font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _width(text: str, size: float) -> float:
    from reportlab.pdfbase import pdfmetrics

    return float(pdfmetrics.stringWidth(text, FONT, size))


def wrap(text: str, width: float, size: float, first_indent: float = 0.0) -> list[str]:
    """Break text into lines no wider than ``width`` (the first one ``first_indent`` narrower)."""
    lines: list[str] = []
    current = ""
    limit = width - first_indent
    for ch in text:
        if current and _width(current + ch, size) > limit:
            lines.append(current)
            current = ""
            limit = width
        current += ch
    if current or not lines:
        lines.append(current)
    return lines


@dataclass
class _Page:
    ops: list[tuple[Any, ...]] = field(default_factory=list)


@dataclass
class Layout:
    """Places blocks on pages; :meth:`pdf` draws them."""

    size: float = 12.0
    header: str | None = None
    #: The page number line at the bottom ("{n}": the page, "{total}": the pages), or ``None``.
    footer: str | None = "- {n} -"
    #: Draw a border around each page's text, split by a rule under the top margin.
    frame: bool = False
    #: Draw cell borders as thin filled rectangles (as Word's PDF export does), not stroked ones.
    filled_borders: bool = False
    #: Put a white filled box behind every line of text (as some exporters do, hongze-2024.pdf among them).
    white_boxes: bool = False
    pages: list[_Page] = field(default_factory=lambda: [_Page()])
    y: float = TOP

    @property
    def leading(self) -> float:
        return self.size * 1.6

    def _room(self, height: float) -> None:
        if self.y + height > BOTTOM:
            self.new_page()

    def new_page(self) -> None:
        self.pages.append(_Page())
        self.y = TOP

    def text(self, x: float, top: float, text: str, size: float | None = None) -> None:
        self.pages[-1].ops.append(("text", x, top, size or self.size, text))

    def heading(self, text: str, indent: int = 2) -> None:
        self._room(self.leading)
        self.text(LEFT + indent * self.size, self.y, text)
        self.y += self.leading

    def paragraph(self, text: str) -> None:
        for k, line in enumerate(wrap(text, RIGHT - LEFT, self.size, 2 * self.size)):
            self._room(self.leading)
            self.text(LEFT + (2 * self.size if k == 0 else 0.0), self.y, line)
            self.y += self.leading

    def table(self, spec: TableSpec) -> None:
        size = self.size * 0.8
        leading = size * 1.4
        xs = [LEFT]
        for w in spec.widths:
            xs.append(xs[-1] + w)
        placed = _place(spec.rows)
        n_rows = len(spec.rows)
        heights = [leading + 6.0] * n_rows
        texts: dict[int, list[str]] = {}
        for i, (r, c, cell) in enumerate(placed):
            width = xs[c + cell.colspan] - xs[c] - 4.0
            lines = wrap(cell.text, width, size) if cell.text else []
            texts[i] = lines
            need = len(lines) * leading + 6.0
            have = sum(heights[r : r + cell.rowspan])
            if need > have:
                heights[r + cell.rowspan - 1] += need - have
        header = [i for i, (r, _, cell) in enumerate(placed) if r + cell.rowspan <= spec.repeat]
        # rows onto pages: (page index, top) of each row
        where: list[tuple[int, float]] = []
        starting: dict[int, list[tuple[int, float]]] = {}  # row -> (rowspan, height the text needs) of its cells
        for i, (r, _, cell) in enumerate(placed):
            starting.setdefault(r, []).append((cell.rowspan, len(texts[i]) * leading + 6.0))

        def fits(r: int) -> bool:
            """Whether row r fits on the page, and so does the text of each cell starting there (in its rows on this page)."""
            if self.y + heights[r] > BOTTOM:
                return False
            for rowspan, need in starting.get(r, []):
                room, y = 0.0, self.y
                for rr in range(r, r + rowspan):
                    if y + heights[rr] > BOTTOM:
                        break
                    room += heights[rr]
                    y += heights[rr]
                if need > room:
                    return False
            return True

        for r in range(n_rows):
            # a merged cell's text is drawn in its first piece: a page break keeps room for it
            if not fits(r):
                self.new_page()
                if r >= spec.repeat > 0:
                    top = self.y
                    for i in header:
                        rr, c, cell = placed[i]
                        y0 = top + sum(heights[:rr])
                        y1 = y0 + sum(heights[rr : rr + cell.rowspan])
                        self._cell(xs[c], y0, xs[c + cell.colspan], y1, texts[i], size, leading)
                    self.y += sum(heights[: spec.repeat])
            where.append((len(self.pages) - 1, self.y))
            self.y += heights[r]
        for i, (r, c, cell) in enumerate(placed):
            pieces: dict[int, list[float]] = {}
            for rr in range(r, r + cell.rowspan):
                page, top = where[rr]
                span = pieces.setdefault(page, [top, top])
                span[1] = top + heights[rr]
            for k, (page, (y0, y1)) in enumerate(sorted(pieces.items())):
                self._cell(xs[c], y0, xs[c + cell.colspan], y1, texts[i] if k == 0 else [], size, leading, page)
        self.y += self.size * 0.5

    def _cell(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        lines: Sequence[str],
        size: float,
        leading: float,
        page: int | None = None,
    ) -> None:
        ops = self.pages[-1 if page is None else page].ops
        ops.append(("rect", x0, y0, x1, y1))
        top = y0 + max((y1 - y0 - len(lines) * leading) / 2, 3.0)
        for k, line in enumerate(lines):
            ops.append(("text", x0 + 2.0, top + k * leading, size, line))

    def pdf(self, *, encrypt: Any = None) -> bytes:
        """The pages as a PDF."""
        from reportlab.pdfgen import canvas

        _font()
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), encrypt=encrypt, invariant=True)
        pdf.setLineWidth(0.5)
        for number, page in enumerate(self.pages, start=1):
            if self.header:
                pdf.setFont(FONT, 9)
                pdf.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 40, self.header)
                pdf.line(LEFT, PAGE_HEIGHT - 46, RIGHT, PAGE_HEIGHT - 46)
            if self.frame:
                pdf.rect(LEFT - 12, PAGE_HEIGHT - BOTTOM - 12, RIGHT - LEFT + 24, BOTTOM - TOP + 36, stroke=1, fill=0)
                pdf.line(LEFT - 12, PAGE_HEIGHT - TOP + 6, RIGHT + 12, PAGE_HEIGHT - TOP + 6)
            for op in page.ops:
                if op[0] == "text":
                    _, x, top, size, text = op
                    if self.white_boxes:
                        pdf.setFillColorRGB(1, 1, 1)
                        pdf.rect(
                            LEFT - 6, PAGE_HEIGHT - top - size * 1.3, RIGHT - LEFT + 12, size * 1.5, stroke=0, fill=1
                        )
                        pdf.setFillColorRGB(0, 0, 0)
                    pdf.setFont(FONT, size)
                    pdf.drawString(x, PAGE_HEIGHT - top - size * 0.88, text)
                else:
                    _, x0, y0, x1, y1 = op
                    if self.filled_borders:
                        for bx, by, bw, bh in (
                            (x0, y0, x1 - x0, 0.5),
                            (x0, y1 - 0.5, x1 - x0, 0.5),
                            (x0, y0, 0.5, y1 - y0),
                            (x1 - 0.5, y0, 0.5, y1 - y0),
                        ):
                            pdf.rect(bx, PAGE_HEIGHT - by - bh, bw, bh, stroke=0, fill=1)
                    else:
                        pdf.rect(x0, PAGE_HEIGHT - y1, x1 - x0, y1 - y0, stroke=1, fill=0)
            if self.footer:
                pdf.setFont(FONT, 10.5)
                pdf.drawCentredString(PAGE_WIDTH / 2, 40, self.footer.format(n=number, total=len(self.pages)))
            pdf.showPage()
        pdf.save()
        return buffer.getvalue()


def _place(rows: Sequence[Sequence[Cell]]) -> list[tuple[int, int, Cell]]:
    """Each cell with its grid row and column (at the first column its row's earlier rowspans leave free)."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            out.append((r, c, cell))
            c += cell.colspan
    return out


def write_pdf(
    blocks: Iterable[Block],
    *,
    header: str | None = None,
    footer: str | None = "- {n} -",
    size: float = 12.0,
    frame: bool = False,
    filled_borders: bool = False,
    white_boxes: bool = False,
    encrypt: Any = None,
) -> bytes:
    """Lay out blocks and write them as a PDF (see :class:`Layout` for the options)."""
    _font()
    layout = Layout(
        size=size, header=header, footer=footer, frame=frame, filled_borders=filled_borders, white_boxes=white_boxes
    )
    for block in blocks:
        if isinstance(block, Heading):
            layout.heading(block.text, block.indent)
        elif isinstance(block, Paragraph):
            layout.paragraph(block.text)
        else:
            layout.table(block)
    return layout.pdf(encrypt=encrypt)


def source_blocks(blocks: Iterable[Block]) -> list[TextBlock | TableBlock]:
    """The same content as document blocks (one line per heading or paragraph): its rendering is the text form."""
    out: list[TextBlock | TableBlock] = []
    for block in blocks:
        if isinstance(block, Heading | Paragraph):
            out.append(TextBlock(block.text))
        else:
            out.append(
                TableBlock(
                    tuple(
                        tuple(SourceCell((c.text,) if c.text else (), c.rowspan, c.colspan) for c in row)
                        for row in (block.text_rows or block.rows)
                    )
                )
            )
    return out


# ---------------------------------------------------------------------------
# reports

_FULL = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，"})


def _label(text: str) -> str:
    return text.translate(_FULL)


class _Values:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def __call__(self, money: bool = False) -> str:
        kind = self.rng.randrange(8)
        if kind == 0:
            return ""
        if kind == 1:
            return "0"
        if money:
            return f"{self.rng.randrange(0, 10**6) / 100:.2f}"
        return str(self.rng.randrange(0, 3000))


def table2(values: _Values) -> TableSpec:
    """National table 二 (2021): group rows across the table, headers, value cells; the last value spans the rest."""
    rows: list[list[Cell]] = []
    group = None
    for row in TABLE2_2021:
        if row.group != group:
            group = row.group
            rows.append([Cell(_label(group), colspan=4)])
            head = [Cell("信息内容")] + [Cell(_label(TABLE2_2021_COLUMNS[c])) for c in row.columns]
            head[-1].colspan = 4 - len(row.columns)
            rows.append(head)
        cells = [Cell(row.label)]
        for k, column in enumerate(row.columns):
            span = 4 - len(row.columns) if k == len(row.columns) - 1 else 1
            cells.append(Cell(values(money=column == "amount"), colspan=span))
        rows.append(cells)
    return TableSpec(rows, [140.0, 105.0, 100.0, 106.27])


_GROUPS = {
    "denied": "(三)不予公开",
    "unavailable": "(四)无法提供",
    "not_processed": "(五)不予处理",
    "other": "(六)其他处理",
}


def table3(values: _Values, *, repeat: int = 0, split_labels: bool = False) -> TableSpec:
    """National table 三 (2021) with its merged cells: the corner, the header groups, the result label column.

    With ``split_labels`` the row (七)总计 is drawn as Word tables often have it: its
    label in one cell and an empty cell beside it in the sub-label column (the
    text form has the label across both columns).
    """
    rows: list[list[Cell]] = [
        [
            Cell(_label("(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)"), 3, 3),
            Cell("申请人情况", colspan=7),
        ],
        [Cell("自然人", rowspan=2), Cell("法人或其他组织", colspan=5), Cell("总计", rowspan=2)],
        [Cell(t) for t in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")],
    ]
    results = [r for r in TABLE3_ROWS_2021 if r.startswith("requests.result.")]
    opened: set[str] = set()
    for indicator in TABLE3_ROWS_2021:
        label = _label(TABLE3_LABELS[indicator].split(" ")[-1])
        parts = indicator.split(".")
        cells: list[Cell] = []
        if not indicator.startswith("requests.result."):
            cells.append(Cell(label, colspan=3))
        else:
            if indicator == results[0]:
                cells.append(Cell("三、本年度办理结果", rowspan=len(results)))
            if len(parts) == 4:
                if parts[2] not in opened:
                    opened.add(parts[2])
                    span = sum(1 for r in results if r.split(".")[2] == parts[2] and len(r.split(".")) == 4)
                    cells.append(Cell(_label(_GROUPS[parts[2]]), rowspan=span))
                cells.append(Cell(label))
            else:
                cells.append(Cell(label, colspan=2))
        cells.extend(Cell(values()) for _ in range(7))
        rows.append(cells)
    drawn = rows
    if split_labels:
        drawn = [list(row) for row in rows]
        for row in drawn:
            if row[0].text == "(七)总计".translate(_FULL):
                row[0:1] = [Cell(row[0].text), Cell("")]
    return TableSpec(drawn, [26.0, 64.0, 130.0, *[31.61] * 7], repeat, rows if split_labels else None)


def table4(values: _Values) -> TableSpec:
    """National table 四 with its merged header cells."""
    outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return TableSpec(
        [
            [Cell("行政复议", colspan=5), Cell("行政诉讼", colspan=10)],
            [Cell(o, rowspan=2) for o in outcomes]
            + [Cell("未经复议直接起诉", colspan=5), Cell("复议后起诉", colspan=5)],
            [Cell(o) for o in outcomes * 2],
            [Cell(values()) for _ in range(15)],
        ],
        [30.15] * 15,
    )


def national_report(seed: int, *, repeat: int = 0, split_labels: bool = False) -> list[Block]:
    """A national-2021 report with random values and blanks; table 三 runs onto a second page."""
    rng = random.Random(seed)
    values = _Values(rng)
    filler = "本机关坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开，" * 3
    return [
        Heading("某某县人民政府2024年政府信息公开工作年度报告"),
        Paragraph("本报告根据《中华人民共和国政府信息公开条例》编制，统计期限自2024年1月1日起至2024年12月31日止。"),
        Heading("一、总体情况"),
        Paragraph(filler),
        # a paragraph of a drawn length moves the page breaks in the tables
        Paragraph("（一）主动公开情况。" + filler[: rng.randrange(20, len(filler))]),
        Heading("二、主动公开政府信息情况"),
        table2(values),
        Heading("三、收到和处理政府信息公开申请情况"),
        table3(values, repeat=repeat, split_labels=split_labels),
        Heading("四、政府信息公开行政复议、行政诉讼情况"),
        table4(values),
        Heading("五、存在的主要问题及改进情况"),
        Paragraph(filler * 2),
        Heading("六、其他需要报告的事项"),
        Paragraph("本年度未收取信息处理费。"),
    ]


def legacy_report(seed: int) -> list[Block]:
    """A legacy (2008-2018) report whose statistics table has merged group labels and a unit column (some units empty)."""
    rng = random.Random(seed)
    n = lambda: str(rng.randrange(0, 500))  # noqa: E731
    rows = [
        [Cell("统计指标", colspan=2), Cell("单位"), Cell("统计数")],
        [Cell("一、主动公开情况", colspan=2), Cell(""), Cell("")],  # empty unit and value cells
        [Cell("（一）主动公开政府信息数", colspan=2), Cell("条"), Cell(n())],
        [Cell("其中", rowspan=2), Cell("主动公开规范性文件数"), Cell("条"), Cell(n())],
        [Cell("制发规范性文件总数"), Cell("件"), Cell(n())],
        [Cell("二、回应解读情况", colspan=4)],
        [Cell("（一）回应公众关注热点或重大舆情数", colspan=2), Cell("次"), Cell(n())],
        [Cell("三、依申请公开情况", colspan=4)],
        [Cell("（一）收到申请数", colspan=2), Cell("件"), Cell(n())],
        [Cell("其中", rowspan=3), Cell("1.当面申请数"), Cell("件"), Cell(n())],
        [Cell("2.传真申请数"), Cell("件"), Cell(n())],
        [Cell("3.网络申请数"), Cell("件"), Cell(n())],
        [Cell("四、行政复议数量", colspan=2), Cell("件"), Cell(n())],
        [Cell("五、其他指标", colspan=2), Cell(""), Cell(n())],  # a value without a unit
    ]
    return [
        Heading("某某镇2016年政府信息公开工作年度报告"),
        Heading("一、概述"),
        Paragraph("本年度政府信息公开工作有序开展。"),
        Heading("二、政府信息公开情况统计表"),
        TableSpec(rows, [60.0, 211.27, 80.0, 100.0]),
        Heading("三、存在的主要问题及改进措施"),
        Paragraph("公开的及时性还需提高。"),
    ]


# ---------------------------------------------------------------------------
# PDFs of other kinds


def tounicode_pdf(lines: Sequence[str], size: float = 12.0) -> bytes:
    """A one-page PDF whose text layer says ``lines`` through a ToUnicode map, whatever code points they hold.

    PDFs made from some Word and WPS documents map their glyphs to Kangxi
    radicals or CJK compatibility ideographs (``⼀`` U+2F00 for ``一``): this
    writes such a text layer (the font is Helvetica, so the page shows
    stand-in glyphs; a reader goes by the ToUnicode map).
    """
    chars = sorted({ch for line in lines for ch in line if ch != " "})
    if len(chars) > 0x7E - 0x21:
        raise ValueError("too many distinct characters for a one-byte code")
    codes = {ch: 0x21 + k for k, ch in enumerate(chars)}

    def utf16(ch: str) -> str:
        return ch.encode("utf-16-be").hex().upper()

    entries = "\n".join(f"<{codes[ch]:02X}> <{utf16(ch)}>" for ch in chars)
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
        f"{len(chars)} beginbfchar\n{entries}\nendbfchar\n"
        "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode("ascii")
    text = []
    for k, line in enumerate(lines):
        y = PAGE_HEIGHT - TOP - k * size * 1.6 - size
        x = LEFT
        for word in line.split(" "):
            hexed = "".join(f"{codes[ch]:02X}" for ch in word)
            # each character placed at a full em, as a CJK font would
            for j in range(0, len(hexed), 2):
                text.append(f"BT /F1 {size:g} Tf {x:.2f} {y:.2f} Td <{hexed[j : j + 2]}> Tj ET")
                x += size
            x += size
    content = "\n".join(text).encode("ascii")
    widths = " ".join(["1000"] * 256)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".encode("ascii"),
        f"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 0 /LastChar 255 /Widths [{widths}] "
        "/ToUnicode 6 0 R >>".encode("ascii"),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def scan_pdf(pages: int = 2) -> bytes:
    """A PDF as a scanner makes it: each page one image, no text layer."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=True)
    rng = random.Random(0)
    for _ in range(pages):
        image = Image.new("L", (120, 170), 255)
        for _ in range(600):  # specks of "print"
            image.putpixel((rng.randrange(120), rng.randrange(170)), 0)
        pdf.drawImage(ImageReader(image), 0, 0, PAGE_WIDTH, PAGE_HEIGHT)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def main(argv: Sequence[str]) -> None:
    folder = Path(argv[1] if len(argv) > 1 else ".")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "national.pdf").write_bytes(write_pdf(national_report(1), header="某某县人民政府"))
    (folder / "national-repeated-header.pdf").write_bytes(write_pdf(national_report(2, repeat=3)))
    (folder / "legacy.pdf").write_bytes(write_pdf(legacy_report(3)))


if __name__ == "__main__":
    main(sys.argv)
