"""Documents with true structure (HTML pages, PDFs, Word files) read into the same report nodes.

A source reader (HTML, PDF, Word) turns its document into a sequence of
blocks: :class:`TextBlock` lines of running text and :class:`TableBlock`
tables whose cells carry their true row and column spans.  Each block and
cell knows where it comes from in the document (:class:`Origin`: a page and
position, a paragraph, a table cell, a source line).  :func:`render_blocks`
renders the blocks as text (tables in layout B of formats.md), the text the
parser reads, and keeps the tables' true geometry and the origin of every
line of the rendering, so that:

* :meth:`SourceDocument.parse` gives every table node the true cells of its
  table (:attr:`Table.observed <govinfo_reports.Table.observed>`), and the
  table stage infers no merged cells;
* :meth:`SourceDocument.origin` says where a line of the rendering comes from,
  so that facts and findings can be located in the document itself.

A ``|`` in the document's text is rendered as the full-width ``｜``, so that
no paragraph reads as a table and no cell text closes a cell.

>>> blocks = [
...     TextBlock("一、总体情况", Origin(page=1)),
...     TableBlock(((SourceCell(("收费",), rowspan=2), SourceCell(("金额",))), (SourceCell(("0",), origin=Origin(page=2)),))),
... ]
>>> doc = render_blocks(blocks)
>>> print(doc.text, end="")
一、总体情况
| 收费
|
金额
|
| 0
|
|
>>> str(doc.origin(6))
'page 2'
>>> [[c.text for c in row] for row in doc.parse().tables[0].observed]
[['收费', '金额'], ['0']]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from govinfo_reports.syntax.nodes import Attachment, Block, ObservedCell, Preamble, Report, Section, Span, Table
from govinfo_reports.syntax.parser import parse

__all__ = [
    "Origin",
    "SourceCell",
    "SourceDocument",
    "SourceTable",
    "TableBlock",
    "TextBlock",
    "grid_width",
    "render_blocks",
]


@attrs.frozen
class Origin:
    """Where a piece of a rendering comes from in its document; every field is optional.

    >>> str(Origin(page=3, y=412.5))
    'page 3, 412.5 pt from the top'
    >>> str(Origin(table=2, row=4, column=3))
    'table 2, row 4, column 3'
    >>> Origin(page=3).short()
    '3'
    """

    #: The page (1-based), for PDFs.
    page: int | None = None
    #: Distance of the piece's top from the page's top, in points (PDF).
    y: float | None = None
    #: Distance of the piece's left edge from the page's left edge, in points (PDF).
    x: float | None = None
    #: The paragraph of the document's body (1-based), for Word files.
    paragraph: int | None = None
    #: The table (1-based) of a cell, for Word files and PDFs.
    table: int | None = None
    #: The row (1-based) of a cell in its table.
    row: int | None = None
    #: The column (1-based) of a cell in its table's grid.
    column: int | None = None
    #: The line of the document's source (HTML), 1-based.
    line: int | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.y is not None:
            parts.append(f"{self.y:g} pt from the top")
        if self.paragraph is not None:
            parts.append(f"paragraph {self.paragraph}")
        if self.table is not None:
            parts.append(f"table {self.table}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        return ", ".join(parts) or "unknown"

    def short(self) -> str:
        """The location as a ``path:LOCATION:`` part of a command-line message (page, else source line)."""
        if self.page is not None:
            return str(self.page)
        if self.line is not None:
            return str(self.line)
        if self.paragraph is not None:
            return f"¶{self.paragraph}"
        return "?"


@attrs.frozen
class TextBlock:
    """One line of running text (a paragraph, a heading), as the document shows it."""

    #: The text, on one line.
    text: str
    #: Where it comes from.
    origin: Origin = Origin()


@attrs.frozen
class SourceCell:
    """A table cell with its true spans, as the document states them."""

    #: The cell's text lines.
    lines: tuple[str, ...] = ()
    #: Rows covered.
    rowspan: int = 1
    #: Columns covered.
    colspan: int = 1
    #: Whether the document marks it as a header cell.
    is_header: bool = False
    #: Where it comes from.
    origin: Origin = Origin()


@attrs.frozen
class TableBlock:
    """A table: its rows, each listing the cells the document gives it (a row under a rowspan lists fewer)."""

    rows: tuple[tuple[SourceCell, ...], ...]
    #: Where the table starts.
    origin: Origin = Origin()


@attrs.frozen
class SourceTable:
    """A table of the document, its cells located in the text rendering."""

    #: The rows, top to bottom, each the cells the document gives it.
    rows: tuple[tuple[ObservedCell, ...], ...]
    #: The first line (1-based) of the table in the text rendering.
    first_line: int
    #: The last line (1-based) of the table in the text rendering.
    last_line: int


@attrs.frozen
class SourceDocument:
    """A document rendered as text: the text, its tables' true geometry, and where each line comes from."""

    #: The rendering (tables in layout B), the input of the parser.
    text: str
    #: The document's tables, in order.
    tables: tuple[SourceTable, ...]
    #: For each line of :attr:`text`, where it comes from.
    origins: tuple[Origin, ...] = ()

    def origin(self, line: int) -> Origin | None:
        """Where a (1-based) line of :attr:`text` comes from, if known."""
        if 1 <= line <= len(self.origins):
            return self.origins[line - 1]
        return None

    def parse(self, *, strict: bool = False, source_name: str | None = None) -> Report:
        """Parse :attr:`text`; every table node gets the true cells of its table.

        Args:
            strict: As for :func:`govinfo_reports.parse`.
            source_name: A file name to show in error messages.

        Raises:
            ParseError: strict mode only.
        """
        report = parse(self.text, strict=strict, source_name=source_name)
        if not self.tables:
            return report
        return attrs.evolve(report, children=tuple(_attach(c, self.tables) for c in report.children))


def _clean(text: str) -> str:
    return text.replace("|", "｜").replace("\r", " ").replace("\n", " ").strip()


def grid_width(rows: Sequence[Sequence[SourceCell]]) -> int:
    """The grid width of rows: the widest row, counting colspans and the rowspans reaching into it.

    >>> grid_width([[SourceCell(rowspan=2), SourceCell()], [SourceCell()]])
    2
    """
    occupied: dict[int, int] = {}
    width = 0
    for index, row in enumerate(rows):
        width = max(width, occupied.get(index, 0) + sum(c.colspan for c in row))
        for cell in row:
            for below in range(index + 1, index + cell.rowspan):
                occupied[below] = occupied.get(below, 0) + cell.colspan
    return width


def render_blocks(blocks: Iterable[TextBlock | TableBlock]) -> SourceDocument:
    """Render blocks as text, one line per text block and each table in layout B, keeping origins and geometry."""
    lines: list[str] = []
    origins: list[Origin] = []
    # per table: rows of (cell, first line index, first column, last line index)
    placed: list[tuple[list[list[tuple[SourceCell, int, int, int]]], int, int]] = []
    for block in blocks:
        if isinstance(block, TextBlock):
            text = _clean(block.text)
            if text:
                lines.append(text)
                origins.append(block.origin)
            continue
        first = len(lines)
        width = grid_width(block.rows)
        rows: list[list[tuple[SourceCell, int, int, int]]] = []
        for cells in block.rows:
            row = []
            for index, cell in enumerate(cells):
                texts = [t for t in (_clean(line) for line in cell.lines) if t] or [""]
                start = len(lines)
                head, *rest = texts
                if index == 0:
                    # "| " with nothing after it opens a row with an empty first cell (the grammar's OPEN)
                    lines.append(f"| {head}")
                    column = 2
                else:
                    column = 1
                    if head:
                        lines.append(head)
                lines.extend(rest)
                lines.append("|")
                origins.extend([cell.origin] * (len(lines) - len(origins)))
                row.append((cell, start, column, len(lines) - 1))
            if width > len(cells):
                lines.append("|" * (width - len(cells)))
                origins.append(cells[-1].origin if cells else block.origin)
            rows.append(row)
        if len(lines) > first:
            placed.append((rows, first, len(lines) - 1))
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def observed(cell: SourceCell, first: int, column: int, last: int) -> ObservedCell:
        kept = tuple(t for t in (_clean(line) for line in cell.lines) if t)
        span = Span(offsets[first] + column - 1, offsets[last] + 1, first + 1, column, last + 1, 2)
        return ObservedCell(kept, cell.rowspan, cell.colspan, cell.is_header, span=span)

    tables = tuple(
        SourceTable(tuple(tuple(observed(*c) for c in row) for row in rows), first + 1, last + 1)
        for rows, first, last in placed
    )
    return SourceDocument("".join(line + "\n" for line in lines), tables, tuple(origins))


def _attach(block: Block, tables: Sequence[SourceTable]) -> Block:
    if isinstance(block, Table):
        inside = [t for t in tables if block.span.line <= t.first_line <= block.span.end_line]
        return attrs.evolve(block, observed=tuple(row for t in inside for row in t.rows))
    if isinstance(block, Section | Attachment | Preamble):
        return attrs.evolve(block, children=tuple(_attach(c, tables) for c in block.children))
    return block
