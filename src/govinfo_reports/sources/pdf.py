"""PDF input: read a published PDF's text layer and ruled tables as a report.

:func:`read_pdf` reads a PDF with pdfplumber (the optional ``pdf`` extra) in
two stages.  First it takes from each page what is drawn there: the
characters (over-printed duplicates of fake bold removed) and the cells of
the tables that the page's visible ruling lines enclose (pdfplumber's table
finder, lines strategy; white rectangles behind text and cell shadings are
not rulings).  Then it lays that out as :mod:`govinfo_reports.sources.document`
blocks:

* **tables**: a table's grid comes from the distinct left/right and
  top/bottom edges of its cells, so a merged cell's box gives its true
  ``rowspan`` and ``colspan``; each cell holds the text lines drawn inside
  it, and no text of a table also appears as running text.  A table that
  ends its page and goes on at the top of the next one with the same outer
  column edges is joined into one table: its header rows repeated on the
  new page are left out, and a merged label cell that the page break cut in
  two (the new page showing an empty remainder under it) is one cell again.
  An empty box beside a row label in the label columns (a sub-label column
  that the row, such as ``（七）总计``, does not use) is taken as part of the
  label, as the merged cell it stands for (a unit column's empty cell stays
  a cell);
* **text lines** in reading order (top to bottom), a line that wraps in the
  middle of a paragraph (it reaches the right margin, and the next line
  starts at the left margin without a heading number) joined with the next
  one, also across a page break;
* **page furniture** left out: page numbers (``- 3 -``, ``— 3 —``,
  ``第3页 共5页``, ``3/5``) and running headers or footers (the same line at
  the top or bottom of several pages);
* characters that PDFs carry as Kangxi radicals, CJK radicals or CJK
  compatibility ideographs (``⼀`` U+2F00 for ``一``) are read as the
  characters they show (NFKC on those code points only: full-width
  punctuation stays as it is).

Every line of the rendering knows its page and position
(:meth:`SourceDocument.origin <govinfo_reports.sources.document.SourceDocument.origin>`),
and :func:`parse_pdf` gives every table node the true cells of its table
(:attr:`Table.observed <govinfo_reports.Table.observed>`), as the HTML
reader does.

A PDF without a text layer (a scan), an encrypted PDF and a file that is no
readable PDF raise :class:`~govinfo_reports.DecodeError`; no exception of
pdfplumber or pdfminer gets out.

>>> read_pdf(b"%PDF-1.4 nothing else")
Traceback (most recent call last):
...
govinfo_reports.errors.DecodeError: <pdf>: not a readable PDF (broken or truncated: No /Root object! - Is this really a PDF?)
"""

from __future__ import annotations

import io
import logging
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from govinfo_reports.errors import DecodeError
from govinfo_reports.sources.document import Origin, SourceCell, SourceDocument, TableBlock, TextBlock, render_blocks
from govinfo_reports.syntax.nodes import Report
from govinfo_reports.values import UNITS, read_value

__all__ = ["fold_compatibility", "parse_pdf", "read_pdf"]


# ---------------------------------------------------------------------------
# characters

#: CJK radicals (U+2E80–U+2EFF) that are drawn as the full simplified character
#: and have no compatibility decomposition.
_RADICALS = {
    "\u2ea0": "民",
    "\u2ec4": "西",
    "\u2ec5": "见",
    "\u2ec6": "角",
    "\u2ec9": "贝",
    "\u2ecb": "车",
    "\u2ed3": "长",
    "\u2ed4": "门",
    "\u2ed7": "雨",
    "\u2ed8": "青",
    "\u2ed9": "韦",
    "\u2eda": "页",
    "\u2edb": "风",
    "\u2edc": "飞",
    "\u2ee1": "首",
    "\u2ee2": "马",
    "\u2ee3": "骨",
    "\u2ee4": "鬼",
    "\u2ee5": "鱼",
    "\u2ee6": "鸟",
    "\u2ee7": "卤",
    "\u2ee8": "麦",
    "\u2ee9": "黄",
    "\u2eec": "齐",
    "\u2eee": "齿",
    "\u2ef0": "龙",
}
_COMPATIBILITY = re.compile("[\u2e80-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")


def fold_compatibility(text: str) -> str:
    """Read Kangxi radicals, CJK radicals and CJK compatibility ideographs as the characters they show.

    Only those code points change (NFKC on each, and the simplified radicals
    that have no decomposition by a table); full-width punctuation and
    digits are kept as they are.

    >>> fold_compatibility("⼀、总体情况（⼆）１２")
    '一、总体情况（二）１２'
    >>> fold_compatibility("⻔户⽹站")
    '门户网站'
    """
    if _COMPATIBILITY.search(text) is None:
        return text
    return _COMPATIBILITY.sub(lambda m: _RADICALS.get(m.group(0)) or unicodedata.normalize("NFKC", m.group(0)), text)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


@attrs.frozen
class _Char:
    """A drawn character: its text and box (points, from the page's top-left corner)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@attrs.frozen
class _Box:
    x0: float
    top: float
    x1: float
    bottom: float

    def holds(self, char: _Char) -> bool:
        x = (char.x0 + char.x1) / 2
        y = (char.top + char.bottom) / 2
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom

    def distance(self, char: _Char) -> float:
        x = (char.x0 + char.x1) / 2
        y = (char.top + char.bottom) / 2
        return max(self.x0 - x, 0.0, x - self.x1) + max(self.top - y, 0.0, y - self.bottom)


@attrs.frozen
class _Page:
    """What :func:`_extract` takes from one page: characters and the cell boxes of each ruled table."""

    number: int
    width: float
    height: float
    chars: tuple[_Char, ...]
    tables: tuple[tuple[_Box, ...], ...]
    images: int


# ---------------------------------------------------------------------------
# stage 1: what the pages draw (every pdfplumber call is here)


def _white(color: Any) -> bool:
    """Whether a pdfplumber colour (gray, RGB or CMYK tuple) is white or nearly so."""
    if isinstance(color, int | float):
        color = (color,)
    if not isinstance(color, tuple | list) or not color or not all(isinstance(v, int | float) for v in color):
        return False
    if len(color) == 4:
        return all(v <= 0.05 for v in color)
    return all(v >= 0.95 for v in color)


#: A filled shape at most this thick (points) is a ruling drawn as a filled rectangle.
_THIN = 2.0


def _ruling(obj: dict[str, Any]) -> bool:
    """Whether a page object is kept for table finding: characters, and the shapes that draw visible lines."""
    kind = obj.get("object_type")
    if kind not in ("line", "rect", "curve"):
        return True
    stroked = bool(obj.get("stroke")) and not _white(obj.get("stroking_color"))
    if kind == "line":
        return stroked
    filled = bool(obj.get("fill")) and not _white(obj.get("non_stroking_color"))
    thin = min(float(obj.get("width", 0)), float(obj.get("height", 0))) <= _THIN
    return stroked or (filled and thin)


_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def _page(page: Any) -> _Page:
    chars = []
    for c in page.dedupe_chars().chars:
        text = fold_compatibility(c["text"])
        chars.append(_Char(text, float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"]), float(c["size"])))
    tables = []
    for table in page.filter(_ruling).find_tables(_TABLE_SETTINGS):
        boxes = tuple(_Box(*map(float, cell)) for cell in table.cells)
        # a frame around text (a box, a page border split by a header rule) is not a table: a table has columns
        if len(_cluster((x for b in boxes for x in (b.x0, b.x1)), _EDGE_TOLERANCE)) >= 3:
            tables.append(boxes)
    return _Page(page.page_number, float(page.width), float(page.height), tuple(chars), tuple(tables), len(page.images))


def _open(source: str | os.PathLike[str] | bytes, name: str) -> Any:
    try:
        import pdfplumber
    except ImportError:
        raise DecodeError("reading PDFs needs pdfplumber: pip install 'govinfo-reports[pdf]'", path=name) from None
    # pdfminer logs what it tolerates in a file (a missing FontBBox ...) and has no handler of its
    # own: without one, Python prints its warnings on stderr
    logger = logging.getLogger("pdfminer")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
    if isinstance(source, bytes | bytearray):
        return pdfplumber.open(io.BytesIO(bytes(source)))
    return pdfplumber.open(os.fspath(source))


def _failure(exc: BaseException, name: str) -> DecodeError:
    """A pdfplumber/pdfminer exception as a clear :class:`DecodeError`."""
    causes = [exc]
    while causes[-1].__cause__ is not None or causes[-1].__context__ is not None:
        nxt = causes[-1].__cause__ or causes[-1].__context__
        if nxt is None or nxt in causes:
            break
        causes.append(nxt)
    kinds = {type(c).__name__ for c in causes}
    detail = next((str(c) for c in causes if str(c)), type(exc).__name__)
    if kinds & {"PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"} or "password" in detail.lower():
        return DecodeError("encrypted PDF: it needs a password to be read (save an unencrypted copy)", path=name)
    return DecodeError(f"not a readable PDF (broken or truncated: {detail})", path=name)


def _extract(source: str | os.PathLike[str] | bytes, name: str) -> list[_Page]:
    """Read every page; any exception of the PDF libraries becomes a :class:`DecodeError`."""
    try:
        pdf = _open(source, name)
    except FileNotFoundError:
        raise DecodeError("no such file", path=name) from None
    except IsADirectoryError:
        raise DecodeError("is a directory, not a PDF", path=name) from None
    except OSError as exc:
        raise DecodeError(f"cannot be read ({exc.strerror or exc})", path=name) from None
    except DecodeError:
        raise
    except Exception as exc:  # pdfminer raises anything on a broken file
        raise _failure(exc, name) from None
    pages = []
    try:
        with pdf:
            for page in pdf.pages:
                pages.append(_page(page))
                page.close()  # its parsed objects are no longer needed
    except Exception as exc:
        raise _failure(exc, name) from None
    return pages


# ---------------------------------------------------------------------------
# stage 2: lines


@attrs.frozen
class _Line:
    """A line of text: characters side by side, read left to right."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int


def _spaced(prev: _Char, char: _Char) -> bool:
    """Whether the gap between two characters of a line reads as a space.

    PDFs place characters and seldom draw spaces.  Between Latin letters or
    digits a gap of a fifth of the type size is a space; a gap next to a
    Chinese character is justification unless it is wider than a character
    and a half (columns of an unruled table).
    """
    gap = char.x0 - prev.x1
    size = max(prev.size, char.size, 1.0)
    if _wide(prev.text[-1]) or _wide(char.text[0]):
        return gap > 1.5 * size
    return gap > 0.2 * size


def _lines(chars: Iterable[_Char], page: int) -> list[_Line]:
    """Group characters into lines: a character belongs to a line its vertical middle falls in."""
    groups: list[list[_Char]] = []
    spans: list[list[float]] = []
    for char in sorted(chars, key=lambda c: (c.top, c.x0)):
        middle = (char.top + char.bottom) / 2
        for group, span in zip(reversed(groups), reversed(spans), strict=True):
            if span[0] <= middle <= span[1]:
                group.append(char)
                span[0] = min(span[0], char.top)
                span[1] = max(span[1], char.bottom)
                break
            if span[1] < char.top:
                groups.append([char])
                spans.append([char.top, char.bottom])
                break
        else:
            groups.append([char])
            spans.append([char.top, char.bottom])
    lines = []
    for group in groups:
        group.sort(key=lambda c: c.x0)
        parts: list[str] = []
        prev: _Char | None = None
        pending = False
        for char in group:
            if not char.text.strip():
                pending = bool(parts)
                continue
            if parts and (pending or (prev is not None and _spaced(prev, char))):
                parts.append(" ")
            parts.append(char.text)
            prev = char
            pending = False
        text = "".join(parts).strip()
        if text:
            drawn = [c for c in group if c.text.strip()]
            lines.append(
                _Line(
                    text,
                    min(c.x0 for c in drawn),
                    max(c.x1 for c in drawn),
                    min(c.top for c in drawn),
                    max(c.bottom for c in drawn),
                    Counter(round(c.size, 1) for c in drawn).most_common(1)[0][0],
                    page,
                )
            )
    lines.sort(key=lambda line: (line.top, line.x0))
    return lines


# ---------------------------------------------------------------------------
# stage 2: tables


@attrs.define
class _Cell:
    """A table cell placed in its table's grid."""

    row: int
    column: int
    rowspan: int
    colspan: int
    box: _Box
    page: int
    lines: list[str] = attrs.Factory(list)

    @property
    def text(self) -> str:
        return "".join(self.lines)


@attrs.define
class _Part:
    """The piece of a table drawn on one page: its cell boxes and the characters inside them."""

    page: int
    boxes: tuple[_Box, ...]
    texts: list[list[str]]
    bbox: _Box

    @property
    def left(self) -> float:
        return self.bbox.x0

    @property
    def right(self) -> float:
        return self.bbox.x1


def _cluster(values: Iterable[float], tolerance: float) -> list[float]:
    """Distinct values, those within ``tolerance`` of the previous one taken as the same (their mean)."""
    result: list[list[float]] = []
    for value in sorted(values):
        if result and value - result[-1][-1] <= tolerance:
            result[-1].append(value)
        else:
            result.append([value])
    return [sum(group) / len(group) for group in result]


def _index(edges: Sequence[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _part(page: _Page, boxes: tuple[_Box, ...], chars: list[_Char]) -> _Part:
    """A table's piece on a page, each cell with the lines of the characters inside it."""
    bbox = _Box(
        min(b.x0 for b in boxes), min(b.top for b in boxes), max(b.x1 for b in boxes), max(b.bottom for b in boxes)
    )
    inside: list[list[_Char]] = [[] for _ in boxes]
    for char in chars:
        holders = [i for i, box in enumerate(boxes) if box.holds(char)]
        if not holders:  # in the table's area but in no cell: the nearest cell
            holders = [min(range(len(boxes)), key=lambda i: boxes[i].distance(char))]
        # the smallest box holding it (boxes that overlap: the inner one)
        best = min(holders, key=lambda i: (boxes[i].x1 - boxes[i].x0) * (boxes[i].bottom - boxes[i].top))
        inside[best].append(char)
    texts = [[line.text for line in _lines(cs, page.number)] for cs in inside]
    return _Part(page.number, boxes, texts, bbox)


#: Column edges of two pieces of a table closer than this (points) are the same edge.
_EDGE_TOLERANCE = 3.0


def _grid(parts: Sequence[_Part]) -> list[list[_Cell]]:
    """The rows of a table from its pieces: grid columns from all pieces' x edges, rows from each piece's y edges."""
    xs = _cluster((x for part in parts for b in part.boxes for x in (b.x0, b.x1)), _EDGE_TOLERANCE)
    cells: list[_Cell] = []
    offset = 0
    boundaries: list[int] = []
    for part in parts:
        ys = _cluster((y for b in part.boxes for y in (b.top, b.bottom)), _EDGE_TOLERANCE)
        for box, lines in zip(part.boxes, part.texts, strict=True):
            c0, c1 = _index(xs, box.x0), _index(xs, box.x1)
            r0, r1 = _index(ys, box.top), _index(ys, box.bottom)
            if (c1 > c0 and r1 > r0) or lines:  # a sliver box (double rules) with text is kept, one slot wide
                c0, r0 = min(c0, len(xs) - 2), min(r0, len(ys) - 2)
                cells.append(_Cell(offset + r0, c0, max(r1 - r0, 1), max(c1 - c0, 1), box, part.page, list(lines)))
        boundaries.append(offset)
        offset += len(ys) - 1
    width = len(xs) - 1
    # the holes of the grid (no cell box there) become empty cells, so that every cell keeps its column
    taken: list[list[_Cell | None]] = [[None] * width for _ in range(offset)]
    kept = []
    # real boxes first, then slivers (which hold a slot of their own only where no box does)
    for cell in sorted(
        cells, key=lambda c: (c.box.x1 - c.box.x0 < 1.5 or c.box.bottom - c.box.top < 1.5, c.row, c.column)
    ):
        slots = [
            (r, c)
            for r in range(cell.row, min(cell.row + cell.rowspan, offset))
            for c in range(cell.column, min(cell.column + cell.colspan, width))
        ]
        holder = next((taken[r][c] for r, c in slots if taken[r][c] is not None), None)
        if holder is not None:  # overlapping boxes: the first one wins, and gets the other's text
            before = (cell.box.top, cell.box.x0) < (holder.box.top, holder.box.x0)
            holder.lines[:] = [*cell.lines, *holder.lines] if before else [*holder.lines, *cell.lines]
            continue
        for r, c in slots:
            taken[r][c] = cell
        kept.append(cell)
    for r in range(offset):
        for c in range(width):
            if taken[r][c] is None:
                page = [p for p, start in zip(parts, boundaries, strict=True) if start <= r][-1].page
                kept.append(_Cell(r, c, 1, 1, _Box(xs[c], 0.0, xs[c + 1], 0.0), page))
    kept = _widen_labels(_mend_page_breaks(kept, boundaries[1:]))
    rows: list[list[_Cell]] = [[] for _ in range(offset)]
    for cell in kept:
        rows[cell.row].append(cell)
    for row in rows:
        row.sort(key=lambda c: c.column)
    return [row for row in rows if row]


def _mend_page_breaks(cells: list[_Cell], boundaries: Iterable[int]) -> list[_Cell]:
    """Join the merged label cells a page break cut in two: an empty cell at the top of a piece under a label cell.

    Only the leading cells of the piece's first row count (label columns,
    left to right), each exactly as wide as the cell ending above it, which
    holds text that is not a number.
    """
    for boundary in boundaries:
        above = {(c.column, c.colspan): c for c in cells if c.row + c.rowspan == boundary}
        first = sorted((c for c in cells if c.row == boundary), key=lambda c: c.column)
        column = 0
        for cell in first:
            upper = above.get((cell.column, cell.colspan))
            if cell.column != column or cell.text or upper is None or not upper.text or _is_number(upper.text):
                break
            upper.rowspan += cell.rowspan
            cells.remove(cell)
            column = cell.column + cell.colspan
    return cells


def _is_number(text: str) -> bool:
    return read_value(text).kind == "number"


def _widen_labels(cells: list[_Cell]) -> list[_Cell]:
    """An empty cell right of a row label, in the label columns, is the label's: the label spans it.

    Word tables often leave the sub-label column of a row such as
    ``（七）总计`` as an empty cell instead of merging it into the label;
    read as a cell of its own it would stand where the row's first value is.
    The label columns are those left of the first number of every row; a
    unit column (one holding 条, 件, 万元 ...) is none: an empty unit is a
    cell of its own.
    """
    firsts = [c.column for c in cells if _is_number(c.text)]
    if not firsts:
        return cells
    labels = min(firsts)
    units = {c for cell in cells if cell.text.strip() in UNITS for c in range(cell.column, cell.column + cell.colspan)}
    by_slot = {(c.row, c.column + c.colspan): c for c in cells}
    doomed = []
    for cell in sorted(cells, key=lambda c: (c.row, c.column)):
        if (
            cell.text
            or cell.column + cell.colspan > labels
            or units.intersection(range(cell.column, cell.column + cell.colspan))
        ):
            continue
        left = by_slot.get((cell.row, cell.column))
        if left is None or not left.text or left.rowspan != cell.rowspan or left in doomed:
            continue
        left.colspan += cell.colspan
        by_slot[(cell.row, left.column + left.colspan)] = left
        doomed.append(cell)
    return [c for c in cells if c not in doomed]


def _row_texts(part: _Part) -> list[tuple[str, ...]]:
    """The text of each row of a piece (cells left to right), top to bottom."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for box, lines in zip(part.boxes, part.texts, strict=True):
        rows.setdefault(round(box.top), []).append((box.x0, "".join(lines)))
    return [tuple(t for _, t in sorted(cells)) for _, cells in sorted(rows.items())]


def _drop_repeated_header(first: _Part, part: _Part) -> _Part:
    """A piece without the header rows it repeats from the table's first piece."""
    head, rows = _row_texts(first), _row_texts(part)
    repeated = 0
    while repeated < min(len(head), len(rows) - 1) and head[repeated] == rows[repeated] and any(rows[repeated]):
        repeated += 1
    if not repeated:
        return part
    tops = sorted({round(b.top) for b in part.boxes})[repeated:]
    keep = [i for i, b in enumerate(part.boxes) if round(b.top) in tops]
    return _Part(part.page, tuple(part.boxes[i] for i in keep), [part.texts[i] for i in keep], part.bbox)


def _continues(parts: Sequence[_Part], part: _Part) -> bool:
    """Whether a piece at the top of a page goes on with a table that ended the page before.

    It does when it has the same outer edges and the same column grid: the
    column edges of its first row are the table's, or those of the table's
    last row are the piece's (a row may merge columns that others divide).
    """
    last = parts[-1]
    if part.page != last.page + 1:
        return False
    if abs(part.left - last.left) > _EDGE_TOLERANCE or abs(part.right - last.right) > _EDGE_TOLERANCE:
        return False

    def edges(boxes: Iterable[_Box]) -> list[float]:
        return _cluster((x for b in boxes for x in (b.x0, b.x1)), _EDGE_TOLERANCE)

    def within(some: Sequence[float], others: Sequence[float]) -> bool:
        return all(min(abs(e - x) for e in others) <= _EDGE_TOLERANCE for x in some)

    top = min(b.top for b in part.boxes)
    bottom = max(b.bottom for b in last.boxes)
    first_row = edges(b for b in part.boxes if b.top - top <= _EDGE_TOLERANCE)
    last_row = edges(b for b in last.boxes if bottom - b.bottom <= _EDGE_TOLERANCE)
    return within(first_row, edges(b for p in parts for b in p.boxes)) or within(last_row, edges(part.boxes))


# ---------------------------------------------------------------------------
# stage 2: page furniture and paragraphs

_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－―_·•.~〜]*(?:第\s*)?\d{1,4}\s*页?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[\s\-—–－―_·•.~〜]*$"
    r"|^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
#: Page furniture is in the top or bottom tenth of the page (and the next few percent).
_MARGIN_SHARE = 0.12
_HEADING = re.compile(
    r"^\s*(?:[（(]\s*[一二三四五六七八九十百零〇]+\s*[)）]|[一二三四五六七八九十百]+\s*[、.．]"
    r"|[（(]\s*\d{1,3}\s*[)）]|\d{1,3}\s*[、.．](?!\d)|\d{1,3}\s*[)）]|第[一二三四五六七八九十百]+[章节条部分]"
    r"|[①-⑳]|附件|附表)"
)
_DIGITS = re.compile(r"\d+")


def _furniture(pages: Sequence[list[_Line]], heights: Sequence[float]) -> set[tuple[int, int]]:
    """The page numbers and running headers/footers: (page index, line index) of each."""
    found: set[tuple[int, int]] = set()
    edge_lines: list[list[tuple[int, int, str]]] = []  # per page: (page index, line index, key)
    for p, (lines, height) in enumerate(zip(pages, heights, strict=True)):
        candidates = []
        for i in (*range(min(2, len(lines))), *range(max(2, len(lines) - 2), len(lines))):
            line = lines[i]
            if line.bottom <= height * _MARGIN_SHARE or line.top >= height * (1 - _MARGIN_SHARE):
                if _PAGE_NUMBER.match(line.text):
                    found.add((p, i))
                else:
                    top = "top" if line.bottom <= height * _MARGIN_SHARE else "bottom"
                    # the type size is part of the key: a title that a running header repeats is larger
                    key = f"{top}:{line.size:g}:" + _DIGITS.sub("#", line.text.replace(" ", ""))
                    candidates.append((p, i, key))
        edge_lines.append(candidates)
    # a running header or footer: on two pages or more, and on half the pages at least
    pages_with_key = Counter(key for candidates in edge_lines for key in {k for _, _, k in candidates})
    for candidates in edge_lines:
        for p, i, key in candidates:
            if pages_with_key[key] >= 2 and pages_with_key[key] * 2 >= len(pages):
                found.add((p, i))
    return found


@attrs.frozen
class _Margins:
    left: float
    right: float


def _margins(lines: Sequence[_Line]) -> _Margins:
    """A page's text margins: where its leftmost line starts and its widest line ends.

    The extremes, not a typical value: a margin judged too far out keeps two
    lines apart (the parser reads them either way), one judged too far in
    would run a heading into the paragraph above it.
    """
    if not lines:
        return _Margins(0.0, 0.0)
    return _Margins(min(line.x0 for line in lines), max(line.x1 for line in lines))


def _page_margins(pages: Sequence[_Page], lines: Sequence[Sequence[_Line]]) -> dict[int, _Margins]:
    """Each page's margins; a page of few lines (a heading and a table) gets at least the usual ones."""
    own = [_margins(page_lines) for page_lines in lines]
    full = sorted((m for m, page_lines in zip(own, lines, strict=True) if len(page_lines) >= 5), key=lambda m: m.right)
    usual = _Margins(
        sorted(m.left for m in full)[len(full) // 2] if full else float("inf"),
        full[len(full) // 2].right if full else 0.0,
    )
    return {
        page.number: _Margins(min(m.left, usual.left), max(m.right, usual.right))
        for page, m in zip(pages, own, strict=True)
    }


def _continued(prev: _Line, line: _Line, margins: dict[int, _Margins]) -> bool:
    """Whether ``line`` goes on with the paragraph of ``prev``: ``prev`` wrapped at the right margin.

    It did when it reaches its page's right margin (within a character or
    so), the next line starts at the left margin (a paragraph's first line
    is indented), in the same type size and, on the same page, right below
    it, and does not start with a heading number.
    """
    size = max(prev.size, line.size, 1.0)
    if abs(prev.size - line.size) > 0.15 * size:
        return False
    if prev.x1 < margins[prev.page].right - 1.2 * size or line.x0 > margins[line.page].left + 0.5 * size:
        return False
    if prev.page == line.page and line.top - prev.bottom > 1.5 * size:
        return False
    return _HEADING.match(line.text) is None


def _join(prev: str, line: str) -> str:
    if prev[-1:].isascii() and prev[-1:].isalnum() and line[:1].isascii() and line[:1].isalpha():
        return f"{prev} {line}"
    return prev + line


# ---------------------------------------------------------------------------
# stage 2: the document


@attrs.define
class _Text:
    """A paragraph being built: its first line (its location), its last line, and its text so far."""

    first: _Line
    last: _Line
    text: str


def _layout(pages: Sequence[_Page]) -> list[TextBlock | TableBlock]:
    """Lay out the pages' characters and tables as text and table blocks, in reading order."""
    # per page: (top, item) with item a _Line or a _Part
    page_lines: list[list[_Line]] = []
    page_parts: list[list[_Part]] = []
    for page in pages:
        boxes = [
            _Box(min(b.x0 for b in t), min(b.top for b in t), max(b.x1 for b in t), max(b.bottom for b in t))
            for t in page.tables
        ]
        in_table: list[list[_Char]] = [[] for _ in page.tables]
        loose = []
        for char in page.chars:
            for k, box in enumerate(boxes):
                if box.holds(char):
                    in_table[k].append(char)
                    break
            else:
                loose.append(char)
        page_parts.append([_part(page, t, cs) for t, cs in zip(page.tables, in_table, strict=True)])
        page_lines.append(_lines(loose, page.number))
    furniture = _furniture(page_lines, [p.height for p in pages])
    body_lines = [
        [line for i, line in enumerate(lines) if (p, i) not in furniture] for p, lines in enumerate(page_lines)
    ]
    margins = _page_margins(pages, body_lines)

    items: list[_Text | list[_Part]] = []
    for lines, parts in zip(body_lines, page_parts, strict=True):
        flow: list[tuple[float, int, _Line | _Part]] = [(line.top, 0, line) for line in lines]
        flow += [(part.bbox.top, 1, part) for part in parts]
        flow.sort(key=lambda item: (item[0], item[1]))
        for position, (_, _, item) in enumerate(flow):
            last = items[-1] if items else None
            if isinstance(item, _Part):
                if position == 0 and isinstance(last, list) and _continues(last, item):
                    last.append(_drop_repeated_header(last[0], item))
                else:
                    items.append([item])
                continue
            same_page = isinstance(last, _Text) and last.last.page == item.page
            if isinstance(last, _Text) and (same_page or position == 0) and _continued(last.last, item, margins):
                last.text = _join(last.text, item.text)
                last.last = item
                continue
            items.append(_Text(item, item, item.text))
    return list(_blocks(items))


def _blocks(items: Sequence[_Text | list[_Part]]) -> Iterator[TextBlock | TableBlock]:
    table = 0
    for item in items:
        if isinstance(item, _Text):
            first = item.first
            yield TextBlock(item.text, Origin(page=first.page, y=round(first.top, 1), x=round(first.x0, 1)))
            continue
        table += 1
        rows = _grid(item)
        head = item[0]
        yield TableBlock(
            tuple(
                tuple(
                    SourceCell(
                        tuple(cell.lines),
                        cell.rowspan,
                        cell.colspan,
                        origin=Origin(
                            page=cell.page,
                            y=round(cell.box.top, 1),
                            x=round(cell.box.x0, 1),
                            table=table,
                            row=cell.row + 1,
                            column=cell.column + 1,
                        ),
                    )
                    for cell in row
                )
                for row in rows
            ),
            Origin(page=head.page, y=round(head.bbox.top, 1), x=round(head.bbox.x0, 1), table=table),
        )


# ---------------------------------------------------------------------------
# public API


def read_pdf(source: str | os.PathLike[str] | bytes, *, source_name: str | None = None) -> SourceDocument:
    """Read a PDF's text layer and ruled tables as a :class:`~govinfo_reports.sources.document.SourceDocument`.

    See the module documentation for how the text and tables are laid out.

    Args:
        source: The PDF: a path, or its bytes.
        source_name: A file name to show in error messages (default: the path, or ``<pdf>``).

    Raises:
        DecodeError: the file is not a readable PDF, is encrypted, or has no
            text layer (a scan: OCR is needed); or pdfplumber is not
            installed (the ``pdf`` extra).
    """
    name = source_name or (os.fspath(source) if not isinstance(source, bytes | bytearray) else "<pdf>")
    pages = _extract(source, name)
    drawn = [char.text for page in pages for char in page.chars if char.text.strip()]
    if not drawn:
        if any(p.images for p in pages):
            raise DecodeError("no text layer: its pages are images (a scan); OCR is needed to read it", path=name)
        raise DecodeError("no text layer: its pages draw no characters (an empty or damaged file)", path=name)
    unmapped = sum(1 for text in drawn if text.startswith("(cid:"))
    if unmapped * 2 > len(drawn):
        raise DecodeError(
            f"no usable text layer: {unmapped} of its {len(drawn)} characters are glyphs its fonts map to no"
            " character (shown as (cid:N)); OCR is needed to read it",
            path=name,
        )
    return render_blocks(_layout(pages))


def parse_pdf(
    source: str | os.PathLike[str] | bytes, *, strict: bool = False, source_name: str | None = None
) -> Report:
    """Parse a PDF report (see :func:`read_pdf`); every table node gets its table's true cells.

    Args:
        source: The PDF: a path, or its bytes.
        strict: As for :func:`govinfo_reports.parse`.
        source_name: A file name to show in error messages.

    Returns:
        The report; node spans refer to the text rendering (``read_pdf(source).text``).

    Raises:
        DecodeError: as for :func:`read_pdf`.
        ParseError: strict mode only.
    """
    name = source_name or (os.fspath(source) if not isinstance(source, bytes | bytearray) else None)
    return read_pdf(source, source_name=name).parse(strict=strict, source_name=name)
