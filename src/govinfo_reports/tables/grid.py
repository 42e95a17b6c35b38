"""Table grids: the rows and columns of a table, rebuilt from its flattened text.

A :class:`Grid` is the table as a matrix of :class:`GridCell`: every cell knows
its row and column, its row and column span, whether the span was observed
(given by an HTML reader through :meth:`Grid.from_spans`) or inferred (rebuilt
from flattened text by :meth:`Grid.from_table`), whether it is a header cell,
its text with continuation lines joined, and where it came from.

Flattened text loses the spans.  :meth:`Grid.from_table` puts them back from
the shape of the rows: a row is its label cells (text) followed by its value
cells; the table's value columns come from its data rows (or are given);
label columns are as many as the longest run of labels; a row with fewer
labels sits under the row-spanning group labels of the rows above, and its
last label spans the remaining label columns.  Padding (the empty cells a
scraper adds to reach the grid width) is dropped.

>>> from govinfo_reports import parse
>>> text = "指标 |\\n累计数 |\\n本年发生数 |\\n|\\n人员 |\\n专职人数 |\\n1 |\\n2 |\\n兼职人数 |\\n3 |\\n|\\n|\\n"
>>> grid = Grid.from_table(parse(text).tables[0])
>>> [(c.row, c.col, c.rowspan, c.colspan, c.text) for c in grid.cells if c.col == 0]
[(0, 0, 1, 2, '指标'), (1, 0, 2, 1, '人员')]
>>> grid.at(2, 2).text, grid.at(2, 3).text
('3', '')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, Literal, NamedTuple, Protocol

import attrs

from govinfo_reports.syntax.nodes import NO_SPAN, Cell, ObservedCell, ScannedCell, Span, Table, scanned_cells
from govinfo_reports.values import UNITS, normalize, read_value

__all__ = [
    "Grid",
    "GridCell",
    "Placement",
    "SourceCell",
    "grid_of",
    "html_columns",
    "is_heading",
    "place_rows",
    "plan_rows",
    "raw_rows",
    "row_records",
]


@attrs.frozen
class GridCell:
    """One cell of a :class:`Grid`, at its top-left position."""

    #: Row of the cell's top-left corner (0-based).
    row: int
    #: Column of the cell's top-left corner (0-based).
    col: int
    #: The cell's text lines (continuation lines of a narrow column), stripped.
    lines: tuple[str, ...] = ()
    #: Rows covered.
    rowspan: int = 1
    #: Columns covered.
    colspan: int = 1
    #: Whether the spans were given by the source (HTML) rather than inferred from flattened text.
    span_observed: bool = False
    #: Whether the cell is a header cell (column heading, title) rather than a row label or value.
    is_header: bool = False
    #: Where the cell is in the source.
    span: Span = attrs.field(default=NO_SPAN, eq=False)

    @property
    def text(self) -> str:
        """The cell's text, continuation lines joined."""
        return "".join(self.lines)


@attrs.frozen
class SourceCell:
    """A cell with true spans, as an HTML reader gives it to :meth:`Grid.from_spans`."""

    #: The cell's text lines.
    lines: tuple[str, ...] = ()
    #: Rows covered.
    rowspan: int = 1
    #: Columns covered.
    colspan: int = 1
    #: Whether it is a ``<th>`` or a cell of a header row.
    is_header: bool = False
    #: Where the cell is in the source.
    span: Span = attrs.field(default=NO_SPAN, eq=False)


@attrs.frozen
class Grid:
    """A table as rows and columns.

    Cells are stored once, at their top-left position, in row-major order.
    """

    #: The cells, ordered by row then column.
    cells: tuple[GridCell, ...]
    #: Number of rows.
    n_rows: int
    #: Number of columns.
    n_cols: int
    #: Columns ``0 .. label_columns-1`` hold row labels (group labels, then the row label).
    label_columns: int = 1
    _cover: dict[tuple[int, int], GridCell] = attrs.field(init=False, repr=False, eq=False)
    _by_row: dict[int, tuple[GridCell, ...]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        cover: dict[tuple[int, int], GridCell] = {}
        by_row: dict[int, list[GridCell]] = {}
        for cell in self.cells:
            by_row.setdefault(cell.row, []).append(cell)
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    cover.setdefault((r, c), cell)
        object.__setattr__(self, "_cover", cover)
        object.__setattr__(self, "_by_row", {r: tuple(cells) for r, cells in by_row.items()})

    def at(self, row: int, col: int) -> GridCell | None:
        """The cell covering ``(row, col)``, if any.

        >>> g = Grid.from_spans([[SourceCell(("a",), rowspan=2), SourceCell(("1",))], [SourceCell(("2",))]])
        >>> g.at(1, 0).text, g.at(1, 1).text
        ('a', '2')
        """
        return self._cover.get((row, col))

    def row(self, index: int) -> tuple[GridCell, ...]:
        """The cells whose top-left corner is in row ``index``, left to right."""
        return self._by_row.get(index, ())

    @property
    def rows(self) -> tuple[tuple[GridCell, ...], ...]:
        """The cells grouped by the row of their top-left corner."""
        out: list[list[GridCell]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            out[cell.row].append(cell)
        return tuple(tuple(r) for r in out)

    def flatten(self, layout: Literal["A", "B", "M"] = "B", eol: str = "\n") -> str:
        """The table as a scraper flattens it (formats.md), without its spans.

        Each row lists its cells left to right, then is padded with empty cells
        up to the grid width.  ``B`` opens a row with ``| `` and closes every
        cell with a pipe line; ``A`` writes a cell as ``text |`` (an empty cell
        as a lone ``|``) and opens no rows; ``M`` writes markdown rows with a
        separator after the first.

        >>> g = Grid.from_spans([[SourceCell(("规章",)), SourceCell(("0",))], [SourceCell(("合计",), colspan=2)]])
        >>> g.flatten("B").splitlines()
        ['| 规章', '|', '0', '|', '| 合计', '|', '|']
        >>> g.flatten("A").splitlines()
        ['规章 |', '0 |', '合计 |', '|']
        >>> g.flatten("M").splitlines()
        ['| 规章 | 0 |', '|---|---|', '| 合计 |  |']
        """
        out: list[str] = []
        for r, row in enumerate(self.rows):
            padding = self.n_cols - len(row)
            if layout == "M":
                texts = [c.text for c in row] + [""] * padding
                out.append("| " + " | ".join(texts) + " |")
                if r == 0:
                    out.append("|" + "---|" * max(self.n_cols, 1))
                continue
            for j, cell in enumerate(row):
                lines = list(cell.lines)
                if layout == "B":
                    first = lines[0] if lines else ""
                    out.append(("| " + first) if j == 0 else first)
                    out.extend(lines[1:])
                    if j > 0 and not lines:
                        out.pop()
                    out.append("|")
                elif lines:
                    out.extend(lines[:-1])
                    out.append(lines[-1] + " |")
                else:
                    out.append("|")
            if padding > 0:
                out.append("|" * padding)
        return eol.join(out) + eol

    @classmethod
    def from_spans(cls, rows: Sequence[Sequence[SourceCell]], *, label_columns: int = 1) -> Grid:
        """Build a grid from rows of cells whose spans are known (an HTML table).

        Cells are placed as an HTML table places them: each at the first column
        of its row not yet covered by a row-spanning cell from above.

        >>> g = Grid.from_spans([[SourceCell(("a",), colspan=2)], [SourceCell(("b",)), SourceCell(("c",))]])
        >>> g.n_cols, [(c.row, c.col, c.text) for c in g.cells]
        (2, [(0, 0, 'a'), (1, 0, 'b'), (1, 1, 'c')])
        """
        placed: list[GridCell] = []
        n_cols = 0
        for r, (row, columns) in enumerate(zip(rows, html_columns(rows), strict=True)):
            for cell, col in zip(row, columns, strict=True):
                rowspan, colspan = max(cell.rowspan, 1), max(cell.colspan, 1)
                placed.append(GridCell(r, col, cell.lines, rowspan, colspan, True, cell.is_header, span=cell.span))
                n_cols = max(n_cols, col + colspan)
        n_rows = max([len(rows)] + [c.row + c.rowspan for c in placed])
        placed.sort(key=lambda c: (c.row, c.col))
        return cls(tuple(placed), n_rows, n_cols, label_columns)

    @classmethod
    def from_table(cls, table: Table, *, value_columns: int | None = None) -> Grid:
        """The grid of a table node.

        A table read from HTML carries its true cells (:attr:`Table.observed`):
        the grid is placed from their stated spans and nothing is inferred
        (every cell's ``span_observed`` is true; the label columns are those
        before the first number of any row).  A flattened table (layouts A, B
        and M) is rebuilt from its text.

        Args:
            table: The table node.
            value_columns: The number of value columns when known (from a
                template); inferred from the data rows otherwise (flattened
                tables only).

        >>> from govinfo_reports import parse_html
        >>> page = "<table><tr><td rowspan='2'>人员</td><td>专职</td><td>1</td></tr><tr><td>兼职</td><td>2</td></tr></table>"
        >>> grid = Grid.from_table(parse_html(page).tables[0])
        >>> [(c.row, c.col, c.rowspan, c.text, c.span_observed) for c in grid.cells][:2], grid.label_columns
        ([(0, 0, 2, '人员', True), (0, 1, 1, '专职', True)], 2)
        """
        if table.observed is not None:
            rows = [
                [SourceCell(c.lines, c.rowspan, c.colspan, c.is_header, span=c.span) for c in row]
                for row in table.observed
            ]
            grid = cls.from_spans(rows)
            firsts = [
                min(c.col for c in row if read_value(c.text).kind == "number")
                for row in grid.rows
                if any(read_value(c.text).kind == "number" for c in row)
            ]
            return attrs.evolve(grid, label_columns=min(firsts)) if firsts else grid
        return _build(row_records(table, scanned_cells(table)), value_columns)


# --- rows from the flattened text ---------------------------------------------------------

#: A label numbered at the top of a table's outline (一、, 二、): never under a group label of the rows above.
_TOP_LABEL = re.compile(r"^[一二三四五六七八九十]+、")
_NUMBERED_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+[.、]|\(\d+\)|[①-⑳]|其中)")
_HEADING_RE = re.compile(
    r"(指标|单位|统计数|累计|发生数|件数|数量|合计|总计|小计|金额|年度|\d{4}年|备注|自然人|法人或其他组织"
    r"|商业企业|科研机构|社会公益组织|法律服务机构|申请人情况|结果维持|结果纠正|其他结果|尚未审结"
    r"|复议后起诉|未经复议直接起诉)"
)


# memo cache: see values.normalize for what the memo caches buy
@lru_cache(maxsize=8192)
def is_heading(text: str) -> bool:
    """Whether a cell reads as a column heading (``累计数``, ``2017年发生数``, ``自然人``)."""
    folded = normalize(text)
    if not folded or _NUMBERED_RE.match(folded):
        return False
    return bool(_HEADING_RE.search(folded)) and len(folded) <= 12


# memo cache: see values.normalize for what the memo caches buy
@lru_cache(maxsize=8192)
def _is_label_text(text: str) -> bool:
    """Whether a cell's text reads as a label: not blank, not a number or placeholder, not a unit."""
    return bool(text) and read_value(text).kind == "text" and normalize(text) not in _UNITS


_UNITS = frozenset(UNITS)


def _padding_flags(table: Table, cells: Sequence[ScannedCell]) -> list[bool]:
    """Which cells are padding for certain.

    An empty cell has a line of its own (a lone ``|``); the empty cells closed
    by a line of several pipes (``||``), or by the second and later pipes of a
    line (``结果 ||``), are padding a scraper added to reach the grid width.
    """
    if table.layout == "M":
        # Markdown writes every cell of a row on one line: no pipe there is padding for certain.
        return [False] * len(cells)
    return [cell.padding for cell in cells]


class _RawRow(NamedTuple):
    cells: tuple[ScannedCell, ...]
    padding: tuple[bool, ...]
    labels: tuple[bool, ...]
    #: In a converter grid, the label column of the row's first label (the empty slots before it are
    #: covered by row-spanning group labels above); ``None`` when the text does not tell.
    lead: int | None = None


def raw_rows(table: Table) -> list[tuple[Cell, ...]]:
    """The table's cells cut into rows, as the text shows them.

    Layouts B and M open every row with ``|``; layout A has no openers, and a
    row begins at a label (a text cell that is not a number) following a value,
    a blank or padding.  A run of headings followed by a numbered label
    (``统计数`` then ``一、主动公开情况``) is cut before the label.
    """
    scanned = scanned_cells(table)
    index = {id(c): i for i, c in enumerate(scanned)}
    cells = table.cells
    return [tuple(cells[index[id(c)]] for c in r.cells) for r in row_records(table, scanned)]


def row_records(table: Table, cells: Sequence[ScannedCell]) -> list[_RawRow]:
    """A table's cell records cut into rows (padding flagged), the input of :func:`plan_rows`."""
    if not cells:
        return []
    cells = tuple(cells)
    pads = tuple(_padding_flags(table, cells))
    is_label = tuple(map(_is_label_text, [cell.text for cell in cells]))
    # Rows are runs of consecutive cells: keep where each one starts.
    starts: list[int] = []
    if table.layout in ("B", "M"):
        starts = [i for i, cell in enumerate(cells) if cell.opens_row or not i]
    else:
        previous_label = False
        headings = 0
        in_row = 0
        for i, cell in enumerate(cells):
            label = is_label[i]
            starts_row = not starts or (label and not previous_label)
            heading = label and is_heading(cell.text)
            if not starts_row and label and previous_label and not heading and headings == in_row:
                # A run of column headings ends where a row label begins.
                starts_row = headings >= 2 or bool(headings and _NUMBERED_RE.match(normalize(cell.text)))
            elif not starts_row and heading and headings == in_row >= 2 and _value_follows(cells, is_label, i):
                # A label with a heading's words (主动公开文件数: 件数) followed by a value or a unit is
                # the first row's label: a column heading is followed by another heading or a row label.
                starts_row = True
            if starts_row:
                starts.append(i)
                headings = 0
                in_row = 0
            in_row += 1
            headings += heading
            previous_label = label
    ends = [*starts[1:], len(cells)]
    rows = [_RawRow(cells[a:b], pads[a:b], is_label[a:b]) for a, b in zip(starts, ends, strict=True)]
    if table.observed is not None:
        return _observed_leads(rows, table.observed)
    return _converter_rows(rows) if table.layout == "M" else rows


def _observed_leads(rows: list[_RawRow], observed: Sequence[Sequence[ObservedCell]]) -> list[_RawRow]:
    """Rows of a table whose true cells are known (HTML), each with the column its first cell starts in.

    The flattened text loses where a row begins: a label after a group label
    could sit under the group or span the label columns.  The page says (cells
    are placed as HTML places them, each at the first column not covered by a
    row-spanning cell above), so a row's first label goes in :attr:`_RawRow.lead`.
    Only when the text's rows are the page's rows, cell for cell; otherwise the
    rows are left as they are.  Linear in the cells and their (bounded) spans.
    """
    if len(rows) != len(observed):
        return rows
    out: list[_RawRow] = []
    for row, cells, columns in zip(rows, observed, html_columns(observed), strict=True):
        texts = [c.text for c in row.cells]  # the page's cells, then the padding to the table's width
        n = len(cells)
        if len(texts) < n or any(texts[n:]) or any(a != b.text for a, b in zip(texts, cells, strict=False)):
            return rows
        out.append(row._replace(lead=columns[0] if columns else None))
    return out


class _Spanning(Protocol):
    """A cell with stated spans (:class:`SourceCell`, :class:`~govinfo_reports.syntax.nodes.ObservedCell`)."""

    @property
    def rowspan(self) -> int: ...

    @property
    def colspan(self) -> int: ...


def html_columns(rows: Sequence[Sequence[_Spanning]]) -> list[list[int]]:
    """The column each cell starts in, placed as an HTML table places them.

    Each cell goes to the first column of its row not covered by a row-spanning cell from
    above.  Linear in the cells and their column spans.

    >>> html_columns([[SourceCell(rowspan=2), SourceCell(colspan=2)], [SourceCell(), SourceCell()]])
    [[0, 1], [1, 2]]
    """
    covered: dict[int, int] = {}  # column -> the last row a row-spanning cell covers it to
    out: list[list[int]] = []
    for r, row in enumerate(rows):
        col = 0
        starts: list[int] = []
        for cell in row:
            while covered.get(col, -1) >= r:
                col += 1
            starts.append(col)
            rowspan, colspan = max(cell.rowspan, 1), max(cell.colspan, 1)
            if rowspan > 1:
                for c in range(col, col + colspan):
                    covered[c] = max(covered.get(c, -1), r + rowspan - 1)
            col += colspan
        out.append(starts)
    return out


def _value_follows(cells: Sequence[ScannedCell], is_label: Sequence[bool], i: int) -> bool:
    """Whether the cell after ``cells[i]`` holds a value or a unit (text that is not a label)."""
    return i + 1 < len(cells) and not is_label[i + 1] and bool(cells[i + 1].text.strip())


def _converter_rows(rows: list[_RawRow]) -> list[_RawRow]:
    """The data rows of a converter grid with their label slots taken out.

    A PDF converter's markdown (pdfplumber) writes every row of a table with
    as many cells as the table has columns, an empty cell in each slot a
    merged cell covers: under a row-spanning group label (``|  | 兼职人数 | 3 |``)
    and after a column-spanning label (``| 主动公开文件数 |  | 5 |``).  When every
    row holding a number has the same width, the label columns are those
    before the first number of any row (each such row on a line of its own)
    and before the first column heading of a header row above them;
    a row of that width with a label
    keeps its label texts (the column of the first one in
    :attr:`_RawRow.lead`) and its value cells, and so does a header row
    above them (``| 指标 |  | 累计数 |``).  Other rows are left as they are.
    """
    numbered = [r for r in rows if any(read_value(c.text).kind == "number" for c in r.cells)]
    if (
        not numbered
        or len({len(r.cells) for r in numbered}) != 1
        or any(r.cells[0].line != r.cells[-1].end_line for r in numbered)
    ):
        return rows
    n_labels = min(next(j for j, c in enumerate(r.cells) if read_value(c.text).kind == "number") for r in numbered)
    width = len(numbered[0].cells)
    first = rows.index(numbered[0])
    for row in rows[:first]:
        # A column heading over a column (2015年发生数) makes it a value column, whatever the rows hold.
        if len(row.cells) == width:
            n_labels = min([n_labels, *(j for j in range(1, width) if is_heading(row.cells[j].text))])
    if n_labels < 1:
        return rows
    out: list[_RawRow] = []
    for r, row in enumerate(rows):
        labels = row.labels[:n_labels]
        header = r < first and any(is_heading(c.text) for c in row.cells)
        if (
            len(row.cells) != width
            or (r < first and not header)
            or (r > first and row not in numbered)
            or not any(labels)
            or all(labels)
            or not all(labels[j] or not row.cells[j].text for j in range(n_labels))
        ):
            out.append(row)
            continue
        keep = [j for j in range(n_labels) if row.labels[j]] + list(range(n_labels, len(row.cells)))
        out.append(
            _RawRow(
                tuple(row.cells[j] for j in keep),
                tuple(row.padding[j] for j in keep),
                tuple(row.labels[j] for j in keep),
                keep[0],
            )
        )
    return out


def _leading_labels(row: _RawRow) -> int:
    labels = row.labels
    return labels.index(False) if False in labels else len(labels)


@attrs.frozen
class _Plan:
    """What a table's rows say before any cell is placed: label counts, header rows, data rows."""

    rows: list[_RawRow]
    labels_of: list[int]
    header_rows: frozenset[int]
    first_heading: int
    data: list[int]
    n_labels: int


@attrs.frozen
class Placement:
    """Cells placed on the grid, before they are frozen into :class:`GridCell`.

    ``placed`` holds ``[row, col, rowspan, colspan, is_header, cell]`` lists in
    row-major order (header and label cells only, unordered, when placed for
    facts rather than for a grid).  ``data_rows`` lists each data row with the label cells
    covering it (group labels from the rows above, then its own) and its value
    cells, which sit in columns ``n_labels``, ``n_labels + 1`` ...: what a reader of
    facts needs, without a grid.
    """

    placed: list[list[Any]]
    n_rows: int
    width: int
    n_labels: int
    data_rows: list[tuple[list[ScannedCell], tuple[ScannedCell, ...]]]
    #: The header cells' entries of ``placed``, in order.
    headers: list[list[Any]] = attrs.Factory(list)


def plan_rows(rows_in: Iterable[_RawRow]) -> _Plan:
    """Decide, for rows of cell records, which rows are headers and data, and how many label columns each has."""
    rows = list(rows_in)
    labels_of = [_leading_labels(r) for r in rows]
    first_data = None
    for i, r in enumerate(rows):
        if any(read_value(c.text).kind == "number" for c in r.cells):
            first_data = i
            break
    # Only rows before the first data row can be header rows: the others are not looked at.
    last = len(rows) if first_data is None else first_data
    has_heading = [any(is_heading(c.text) for c in r.cells[: labels_of[i]]) for i, r in enumerate(rows[:last])]
    has_heading += [False] * (len(rows) - last)
    if first_data is None:
        first_data = next(
            (i for i, r in enumerate(rows) if not has_heading[i] and labels_of[i] < len(r.cells)), len(rows)
        )
    header_rows = {i for i in range(first_data) if has_heading[i]}
    # Rows before the first heading row are titles (表名, 填报单位): header-like too.
    first_heading = min(header_rows) if header_rows else 0
    header_rows.update(range(first_heading))
    data = [i for i in range(len(rows)) if i not in header_rows]
    n_labels = max([labels_of[i] for i in data] + [0])
    return _Plan(rows, labels_of, frozenset(header_rows), first_heading, data, n_labels)


def _inferred_value_columns(plan: _Plan) -> int:
    rows, labels_of, n_labels = plan.rows, plan.labels_of, plan.n_labels
    value_columns = 0
    for i in plan.data:
        cells = rows[i].cells
        k = labels_of[i]
        # The last non-empty cell before explicit padding, counted from the labels.
        stop = k + _trailing(rows[i], k)
        while stop > k and not cells[stop - 1].text:
            stop -= 1
        if stop - k > value_columns:
            value_columns = stop - k
    header_values = [len(_strip_padding(rows[i])) - 1 for i in plan.header_rows if i >= plan.first_heading]
    value_columns = max([value_columns, *header_values, 0])
    if not value_columns:
        full = [_trailing(rows[i], labels_of[i]) for i in plan.data if labels_of[i] == n_labels]
        value_columns = min(full) if full else 1
    return value_columns


def place_rows(plan: _Plan, value_columns: int | None, *, grid: bool = True) -> Placement:
    """Place the rows' cells; ``grid=False`` places only header and label cells (enough for facts)."""
    if value_columns is None:
        value_columns = _inferred_value_columns(plan)
    rows, labels_of, n_labels, header_rows = plan.rows, plan.labels_of, plan.n_labels, plan.header_rows
    width = n_labels + value_columns
    # Placed cells as [row, col, rowspan, colspan, is_header, source cell]; spans of group
    # labels grow while rows sit under them, so the frozen GridCells are made at the end.
    placed: list[list[Any]] = []
    data_rows: list[tuple[list[ScannedCell], tuple[ScannedCell, ...]]] = []
    headers: list[list[Any]] = []
    groups: list[int | None] = [None] * n_labels  # index in placed of the group label over each column
    heads: set[int] = set()  # those that are a short row's label heading the rows under it
    for r, row in enumerate(rows):
        if r in header_rows:
            cells = _strip_padding(row)
            col = 0
            for j, cell in enumerate(cells):
                colspan = n_labels if j == 0 and len(cells) == value_columns + 1 and n_labels > 1 else 1
                if j == len(cells) - 1 and col + colspan < width and len(cells) == 1:
                    colspan = width - col
                header: list[Any] = [r, col, 1, colspan, True, cell]
                placed.append(header)
                headers.append(header)
                col += colspan
            groups = [None] * n_labels
            continue
        k = labels_of[r]
        if k > n_labels:
            k = n_labels
        cells, padding = row.cells, row.padding
        if 0 < k < n_labels and True in padding:
            trailing = _trailing(row, k)
            if trailing < value_columns and not any(cell.text for cell in cells[k : k + trailing]):
                # A short row of a label and blanks, closed by explicit padding: its label heads a group of rows.
                groups = [None] * n_labels
                placed.append([r, 0, 1, 1, False, cells[0]])
                groups[0] = len(placed) - 1
                heads.add(len(placed) - 1)
                continue
        labels = cells[:k]
        start = n_labels - k if k else n_labels
        lead = row.lead
        if lead is None and k and _TOP_LABEL.match(normalize(cells[0].text)):
            lead = 0  # 四、行政复议数量 is no part of the group above it (其中 over 1.当面申请数 …)
        if (
            k
            and lead is not None
            and lead + k <= n_labels
            and not any(g in heads for g in groups[lead:start] if g is not None)
        ):
            # A converter grid or the page's cells say where the labels are (not under a row-spanning
            # label that ends above); a row heading the rows under it (一、主动公开情况 and blanks) still does.
            start = lead
        # Group labels inherited from the rows above: extend their row spans.
        inherited = groups[:start]
        covering: list[ScannedCell] = []
        if None not in inherited:
            for g in inherited:
                assert g is not None
                entry = placed[g]
                entry[2] = r - entry[0] + 1
                covering.append(entry[5])
        else:
            start = inherited.index(None)
        covering.extend(labels)
        col = start
        last = len(labels) - 1
        for j, cell in enumerate(labels):
            colspan = n_labels - col if j == last else 1
            placed.append([r, col, 1, colspan, False, cell])
            if j < last:
                groups[col] = len(placed) - 1
            col += colspan
        for g in range(start + max(last, 0), n_labels):
            groups[g] = None
        # The values, up to the table's width and before explicit padding.
        values = cells[k : k + value_columns]
        pads = padding[k : k + value_columns]
        if True in pads:
            values = values[: pads.index(True)]
        if grid:
            for j, cell in enumerate(values, start=n_labels):
                placed.append([r, j, 1, 1, False, cell])
        data_rows.append((covering, values))
    if grid:
        placed.sort(key=lambda p: (p[0], p[1]))
    return Placement(placed, len(rows), width, n_labels, data_rows, headers)


def grid_of(placement: Placement) -> Grid:
    """The frozen :class:`Grid` of a placement."""
    out = tuple(
        GridCell(r, c, cell.lines, rs, cs, False, h, span=cell.span) for r, c, rs, cs, h, cell in placement.placed
    )
    return Grid(out, placement.n_rows, placement.width, placement.n_labels)


def _build(rows_in: Iterable[_RawRow], value_columns: int | None) -> Grid:
    return grid_of(place_rows(plan_rows(rows_in), value_columns))


def _trailing(row: _RawRow, k: int) -> int:
    """How many cells follow the labels before explicit padding."""
    padding = row.padding
    if True in padding:
        first = padding.index(True)
        if first >= k:
            return first - k
        pads = padding[k:]
        return pads.index(True) if True in pads else len(pads)
    return len(padding) - k if len(padding) > k else 0


def _strip_padding(row: _RawRow) -> tuple[ScannedCell, ...]:
    cells = list(row.cells)
    while cells and cells[-1].is_empty:
        cells.pop()
    return tuple(cells)
