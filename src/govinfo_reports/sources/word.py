"""Word input: ``.docx`` files read into the same report nodes (``.doc`` and ``.wps`` through LibreOffice).

Requires the ``docx`` extra (``pip install govinfo-reports[docx]``), which
installs python-docx; ``import govinfo_reports`` does not import it.

:func:`read_docx` walks the body of the document in order and turns it into
the blocks of :mod:`govinfo_reports.sources.document`:

* every paragraph (``w:p``) is a :class:`~govinfo_reports.sources.document.TextBlock`
  located by :attr:`Origin.paragraph <govinfo_reports.sources.document.Origin.paragraph>`
  (the paragraphs of the body, 1-based, counting empty ones, not those in
  tables); a line break (``w:br``, ``w:cr``) inside a paragraph starts a new line;
* **automatic numbering** is rendered as the reader sees it: a paragraph whose
  numbering properties (``w:numPr``, its own or its paragraph style's) point
  at a list level gets that level's number text (``lvlText`` such as ``%1、``
  or ``（%1）`` filled with the counters in the level's ``numFmt``:
  ``chineseCounting`` 一, ``decimal`` 1, ``decimalEnclosedCircle`` ①,
  ``ideographTraditional`` 甲 …) in front of its text, so that the outline
  gets the number a reader sees.  Counters run per list (the abstract
  numbering definition, as Word does: two numbering instances of one
  definition continue each other unless one overrides the start), start at
  the level's ``start`` value, and a level's use restarts the deeper levels;
  bullets are no number and add nothing;
* every table (``w:tbl``) is a :class:`~govinfo_reports.sources.document.TableBlock`
  whose cells carry their **true spans**, read from the cell properties:
  ``w:gridSpan`` is the colspan, and a ``w:vMerge`` continuation is no cell of
  its own but extends the rowspan of the cell that restarts the merge above it
  (python-docx's ``row.cells`` repeats a merged cell in every slot it covers,
  which is why the XML is read).  Cells are located by
  :attr:`Origin.table <govinfo_reports.sources.document.Origin.table>`,
  ``row`` and ``column`` (the column of the table's grid where the cell starts);
  a ``w:gridBefore`` gap becomes an empty cell, so cells stay in their columns,
  and a grid column narrower than :data:`SLIVER` (two cell edges that should
  line up but do not quite, as LibreOffice's conversions of ``.doc`` files
  leave them) counts as part of the column on its left;
* a table nested in a cell is rendered into that cell, one line per paragraph
  of its cells, row by row: its text is never dropped;
* the text of a text box is read after the paragraph that anchors it (once:
  the VML fallback copy of a drawing is skipped).

What a reader of the printed report does not see as its body is left out, as
page headers and footers are left out of PDFs: headers and footers, footnotes
and endnotes (their reference marks too), comments, deleted text of tracked
changes (``w:del``), field codes (the field results are kept) and hidden text
(``w:vanish``).

:meth:`SourceDocument.parse <govinfo_reports.sources.document.SourceDocument.parse>`
then attaches the true cells to every table node
(:attr:`Table.observed <govinfo_reports.Table.observed>`), as the HTML reader
does, so the table readers use the stated geometry.

``.doc`` (Word 97-2003) and ``.wps`` (WPS Office) files are converted to
``.docx`` by LibreOffice when it is installed (:func:`convert_to_docx`), then
read as above; :func:`read_word` chooses by the file's suffix and content.

>>> import io, docx
>>> d = docx.Document()
>>> _ = d.add_paragraph("一、总体情况")
>>> table = d.add_table(rows=2, cols=2)
>>> merged = table.cell(0, 0).merge(table.cell(1, 0))
>>> merged.text, table.cell(0, 1).text, table.cell(1, 1).text = "收费", "金额", "0"
>>> buffer = io.BytesIO()
>>> d.save(buffer)
>>> doc = read_docx(buffer.getvalue())
>>> print(doc.text, end="")
一、总体情况
| 收费
|
金额
|
| 0
|
|
>>> [[(c.text, c.rowspan, c.colspan) for c in row] for row in doc.parse().tables[0].observed]
[[('收费', 2, 1), ('金额', 1, 1)], [('0', 1, 1)]]
>>> str(doc.origin(6))
'table 1, row 2, column 2'
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import attrs

from govinfo_reports.errors import DecodeError
from govinfo_reports.sources.document import Origin, SourceCell, SourceDocument, TableBlock, TextBlock, render_blocks
from govinfo_reports.syntax.nodes import Report
from govinfo_reports.syntax.numerals import CIRCLED

__all__ = [
    "DOCX_SUFFIXES",
    "LEGACY_SUFFIXES",
    "convert_to_docx",
    "format_number",
    "parse_docx",
    "parse_word",
    "read_docx",
    "read_word",
]

#: Suffixes of files read as Office Open XML documents.
DOCX_SUFFIXES = (".docx",)
#: Suffixes of files converted by LibreOffice first.
LEGACY_SUFFIXES = (".doc", ".wps", ".dot", ".wpt", ".rtf")
#: Seconds LibreOffice gets to convert one file.
CONVERT_TIMEOUT = 120.0

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC, _SDT, _CUSTOM = (f"{_W}{n}" for n in ("p", "tbl", "tr", "tc", "sdt", "customXml"))
_SDT_CONTENT, _TXBX = f"{_W}sdtContent", f"{_W}txbxContent"
_VAL = f"{_W}val"
#: Wrappers whose content is read as if it stood in their place.
_WRAPPERS = frozenset({_SDT_CONTENT, _CUSTOM, f"{_W}ins", f"{_W}moveTo", f"{_W}smartTag", f"{_W}hyperlink"})
#: Subtrees a reader does not see as text of the paragraph.
_SKIPPED = frozenset(
    {
        f"{_W}pPr",
        f"{_W}rPr",
        f"{_W}del",
        f"{_W}moveFrom",
        f"{_W}delText",
        f"{_W}instrText",
        f"{_W}delInstrText",
        f"{_W}footnoteReference",
        f"{_W}endnoteReference",
        f"{_W}commentReference",
        f"{_W}annotationRef",
        f"{_W}rt",  # ruby text above the base text
        f"{_MC}Fallback",  # the VML copy of a drawing: its text box is read from the mc:Choice
    }
)
_BREAKS = frozenset({f"{_W}br", f"{_W}cr"})

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"


# ---------------------------------------------------------------------------
# small XML helpers


def _children(element: Any) -> Iterator[Any]:
    """Child elements, with content controls and custom XML unwrapped (their content in their place)."""
    for child in element:
        tag = child.tag
        if tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _children(content)
        elif tag in _WRAPPERS:
            yield from _children(child)
        elif isinstance(tag, str):
            yield child


def _int(text: str | None, default: int, *, low: int = 0, high: int = 10_000) -> int:
    try:
        value = int(text or "")
    except ValueError:
        return default
    return min(max(value, low), high)


def _on(element: Any | None) -> bool:
    """Whether a toggle property (``<w:vanish/>``, ``<w:tblHeader w:val="1"/>``) is present and on."""
    if element is None:
        return False
    return element.get(_VAL, "true").lower() not in {"0", "false", "off", "none"}


def _val(element: Any | None, path: str) -> str | None:
    if element is None:
        return None
    found = element.find(path)
    return None if found is None else found.get(_VAL)


# ---------------------------------------------------------------------------
# number formats


_CN = "〇一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_FULL_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def _counting(n: int, digits: str = _CN, units: str = "十百千") -> str:
    """Chinese counting with units (十一, 二十, 一百零五); past 9999 digit by digit."""
    if n <= 0 or n > 9999:
        return "".join(digits[int(d)] for d in str(max(n, 0)))
    parts: list[str] = []
    zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit, n = divmod(n, power)
        if digit:
            if zero:
                parts.append("零")
                zero = False
            parts.append(digits[digit] + unit)
        elif parts:
            zero = True
    text = "".join(parts)
    # 十一, not 一十一, when the number starts with the tens
    return text[1:] if text.startswith(digits[1] + units[0]) else text


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _letter(n: int) -> str:
    """A, B … Z, AA, BB … as Word letters a list."""
    if n <= 0:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _enclosed(n: int, first: int, count: int) -> str:
    return chr(first + n - 1) if 1 <= n <= count else str(n)


def format_number(n: int, fmt: str) -> str:
    """A list counter as a number format of WordprocessingML shows it (``decimal`` when unknown).

    >>> [format_number(n, "chineseCounting") for n in (1, 10, 11, 20, 23)]
    ['一', '十', '十一', '二十', '二十三']
    >>> format_number(105, "chineseCountingThousand"), format_number(3, "ideographTraditional")
    ('一百零五', '丙')
    >>> format_number(3, "decimalEnclosedCircle"), format_number(12, "upperRoman"), format_number(2, "lowerLetter")
    ('③', 'XII', 'b')
    """
    if fmt in {"decimal", "decimalHalfWidth", "ordinal", "cardinalText", "ordinalText"}:
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in {"chineseCounting", "taiwaneseCounting"}:
        return _counting(n) if n < 100 else "".join(_CN[int(d)] for d in str(n))
    if fmt in {"chineseCountingThousand", "taiwaneseCountingThousand", "japaneseCounting"}:
        return _counting(n)
    if fmt in {"ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"}:
        return "".join(_CN[int(d)] for d in str(max(n, 0)))
    if fmt in {"chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal"}:
        return _counting(n, _LEGAL, "拾佰仟")
    if fmt in {"ideographTraditional"}:
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt in {"ideographZodiac", "ideographZodiacTraditional"}:
        return _DIZHI[(n - 1) % 12] if n > 0 else str(n)
    if fmt in {"decimalEnclosedCircle", "decimalEnclosedCircleChinese"}:
        return CIRCLED[n - 1] if 1 <= n <= len(CIRCLED) else str(n)
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, 0x2474, 20)  # ⑴
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, 0x2488, 20)  # ⒈
    if fmt == "ideographEnclosedCircle":
        return _enclosed(n, 0x3280, 10)  # ㊀
    if fmt in {"decimalFullWidth", "decimalFullWidth2"}:
        return str(n).translate(_FULL_DIGITS)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letter(n)
    if fmt == "lowerLetter":
        return _letter(n).lower()
    if fmt == "none":
        return ""
    return str(n)


# ---------------------------------------------------------------------------
# numbering definitions


@attrs.frozen
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    #: Restart after a use of a level above this one (0-based levels below ``restart``); None: any.
    restart: int | None = None
    legal: bool = False
    suffix: str = "tab"
    style: str | None = None


def _level(element: Any) -> _Level:
    text = element.find(f"{_W}lvlText")
    restart = _val(element, f"{_W}lvlRestart")
    return _Level(
        fmt=_val(element, f"{_W}numFmt") or "decimal",
        text="" if text is None else text.get(_VAL, ""),
        start=_int(_val(element, f"{_W}start"), 1, high=10**6),
        restart=None if restart is None else _int(restart, 0, high=9),
        legal=_on(element.find(f"{_W}isLgl")),
        suffix=_val(element, f"{_W}suff") or "tab",
        style=_val(element, f"{_W}pStyle"),
    )


@attrs.define
class _Numbering:
    """The numbering part and the paragraph styles' numbering, with the counters of every list."""

    #: abstractNumId → levels by ilvl.
    abstract: dict[str, dict[int, _Level]] = attrs.Factory(dict)
    #: abstractNumId → the numId of a numbering style it links to (numStyleLink).
    links: dict[str, str] = attrs.Factory(dict)
    #: numId → (abstractNumId, overridden levels, start overrides).
    nums: dict[str, tuple[str, dict[int, _Level], dict[int, int]]] = attrs.Factory(dict)
    #: styleId → (numId, ilvl) from the style's own numPr or its basedOn chain.
    styles: dict[str, tuple[str | None, int | None]] = attrs.Factory(dict)
    based_on: dict[str, str] = attrs.Factory(dict)
    default_style: str | None = None
    #: list → counters by ilvl (absent: not used since the last restart).
    counters: dict[str, dict[int, int]] = attrs.Factory(dict)
    #: numIds whose start overrides were applied.
    started: set[str] = attrs.Factory(set)

    @classmethod
    def load(cls, numbering: Any | None, styles: Any | None) -> _Numbering:
        out = cls()
        if numbering is not None:
            for abstract in numbering.iterfind(f"{_W}abstractNum"):
                key = abstract.get(f"{_W}abstractNumId", "")
                out.abstract[key] = {
                    _int(lvl.get(f"{_W}ilvl"), 0, high=9): _level(lvl) for lvl in abstract.iterfind(f"{_W}lvl")
                }
                link = _val(abstract, f"{_W}numStyleLink")
                if link:
                    out.links[key] = link
            for num in numbering.iterfind(f"{_W}num"):
                levels: dict[int, _Level] = {}
                starts: dict[int, int] = {}
                for override in num.iterfind(f"{_W}lvlOverride"):
                    ilvl = _int(override.get(f"{_W}ilvl"), 0, high=9)
                    start = _val(override, f"{_W}startOverride")
                    if start is not None:
                        starts[ilvl] = _int(start, 1, high=10**6)
                    lvl = override.find(f"{_W}lvl")
                    if lvl is not None:
                        levels[ilvl] = _level(lvl)
                out.nums[num.get(f"{_W}numId", "")] = (_val(num, f"{_W}abstractNumId") or "", levels, starts)
        if styles is not None:
            for style in styles.iterfind(f"{_W}style"):
                if style.get(f"{_W}type", "paragraph") != "paragraph":
                    continue
                key = style.get(f"{_W}styleId", "")
                if style.get(f"{_W}default") in {"1", "true", "on"}:
                    out.default_style = key
                num_pr = style.find(f"{_W}pPr/{_W}numPr")
                if num_pr is not None:
                    level = _val(num_pr, f"{_W}ilvl")
                    out.styles[key] = (_val(num_pr, f"{_W}numId"), None if level is None else _int(level, 0, high=9))
                parent = _val(style, f"{_W}basedOn")
                if parent:
                    out.based_on[key] = parent
        return out

    def _style_numbering(self, style: str | None) -> tuple[str | None, int | None, str | None]:
        """(numId, ilvl, the style that gives the numId) along the basedOn chain of a paragraph style."""
        ilvl: int | None = None
        seen: set[str] = set()
        while style and style not in seen:
            seen.add(style)
            own_num, own_ilvl = self.styles.get(style, (None, None))
            if ilvl is None:
                ilvl = own_ilvl
            if own_num is not None:
                return own_num, ilvl, style
            style = self.based_on.get(style)
        return None, ilvl, None

    def _levels(self, num_id: str) -> tuple[str, dict[int, _Level]] | None:
        """The list (abstractNumId) of a numbering instance and its levels, overrides applied."""
        entry = self.nums.get(num_id)
        if entry is None:
            return None
        abstract, overrides, _ = entry
        for _ in range(3):  # numStyleLink → the style's numId → its abstractNum (a short chain)
            link = self.links.get(abstract)
            if link is None or self.abstract.get(abstract):
                break
            target, _, _ = self._style_numbering(link)
            if target is None or target not in self.nums:
                break
            abstract = self.nums[target][0]
        levels = self.abstract.get(abstract)
        if levels is None:
            return None
        return abstract, {**levels, **overrides}

    def number(self, paragraph: Any) -> str:
        """The number text (with its suffix) a reader sees before a paragraph; counts it."""
        ppr = paragraph.find(f"{_W}pPr")
        num_pr = None if ppr is None else ppr.find(f"{_W}numPr")
        own_num = _val(num_pr, f"{_W}numId")
        own_ilvl = _val(num_pr, f"{_W}ilvl")
        style = _val(ppr, f"{_W}pStyle") or self.default_style
        num_id, ilvl = own_num, None if own_ilvl is None else _int(own_ilvl, 0, high=9)
        linked_style = None
        if num_id is None:
            num_id, style_ilvl, linked_style = self._style_numbering(style)
            if ilvl is None:
                ilvl = style_ilvl
        if num_id is None or num_id == "0":
            return ""
        found = self._levels(num_id)
        if found is None:
            return ""
        key, levels = found
        if ilvl is None:
            # a style's numbering without ilvl: the level that names the style, else the first
            ilvl = next((i for i, lvl in sorted(levels.items()) if lvl.style in {style, linked_style}), 0)
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self.counters.setdefault(key, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for at, start in self.nums[num_id][2].items():
                counters[at] = start - 1
                for deeper in [d for d in counters if d > at]:
                    del counters[deeper]
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [d for d in counters if d > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart and ilvl < restart):
                del counters[deeper]
        if level.fmt == "bullet":
            return ""
        text = level.text
        for at in range(9):
            marker = f"%{at + 1}"
            if marker not in text:
                continue
            shown = levels.get(at, _Level())
            value = counters.get(at, shown.start)
            fmt = "decimal" if level.legal and at != ilvl else shown.fmt
            text = text.replace(marker, format_number(value, fmt))
        if not text:
            return ""
        return text + ("" if level.suffix == "nothing" else " ")


# ---------------------------------------------------------------------------
# reading the body


@attrs.define
class _Cell:
    lines: list[str]
    #: The first column of the table's grid the cell covers (0-based), and how many.
    grid_column: int
    grid_span: int
    is_header: bool
    origin: Origin
    rowspan: int = 1


@attrs.define
class _Reader:
    numbering: _Numbering
    blocks: list[TextBlock | TableBlock] = attrs.Factory(list)
    paragraphs: int = 0
    tables: int = 0

    # -- paragraphs

    def _runs(self, element: Any, lines: list[str], boxes: list[Any]) -> None:
        """Text of a paragraph's content into ``lines`` (a break starts a line); text boxes into ``boxes``."""
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == f"{_W}r":
                if _on(child.find(f"{_W}rPr/{_W}vanish")):
                    continue
                self._runs(child, lines, boxes)
            elif tag == f"{_W}t":
                lines[-1] += child.text or ""
            elif tag == f"{_W}tab" or tag == f"{_W}ptab":
                lines[-1] += "\t"
            elif tag in _BREAKS:
                lines.append("")
            elif tag == f"{_W}noBreakHyphen":
                lines[-1] += "-"
            elif tag == f"{_W}sym":
                code = _hex(child.get(f"{_W}char"))  # a symbol font's glyph: kept as its (private-use) code point
                if code and not 0xD800 <= code <= 0xDFFF:
                    lines[-1] += chr(code)
            elif tag == _TXBX:
                boxes.append(child)
            else:
                self._runs(child, lines, boxes)

    def _paragraph_lines(self, paragraph: Any) -> tuple[list[str], list[Any]]:
        lines = [""]
        boxes: list[Any] = []
        self._runs(paragraph, lines, boxes)
        number = self.numbering.number(paragraph)
        if number:
            lines[0] = number + lines[0].lstrip(" \t\u3000")
        return lines, boxes

    # -- body

    def body(self, container: Any) -> None:
        for child in _children(container):
            if child.tag == _P:
                self.paragraphs += 1
                origin = Origin(paragraph=self.paragraphs)
                lines, boxes = self._paragraph_lines(child)
                self.blocks.extend(TextBlock(line, origin) for line in lines)
                for box in boxes:
                    self.blocks.extend(TextBlock(line, origin) for line in self.cell_lines(box))
            elif child.tag == _TBL:
                self.table(child)

    def cell_lines(self, container: Any) -> list[str]:
        """The text lines of a cell (or a text box): its paragraphs, text boxes and nested tables in order."""
        out: list[str] = []
        for child in _children(container):
            if child.tag == _P:
                lines, boxes = self._paragraph_lines(child)
                out.extend(lines)
                for box in boxes:
                    out.extend(self.cell_lines(box))
            elif child.tag == _TBL:
                for tr in _rows(child):
                    for tc in _cells(tr):
                        out.extend(self.cell_lines(tc))
        return out

    # -- tables

    def table(self, tbl: Any) -> None:
        self.tables += 1
        number = self.tables
        columns = _Columns.of(tbl)
        rows: list[list[_Cell]] = []
        #: grid column → the cell whose vertical merge is open there
        merging: dict[int, _Cell] = {}
        for r, tr in enumerate(_rows(tbl), 1):
            trpr = tr.find(f"{_W}trPr")
            header = _on(None if trpr is None else trpr.find(f"{_W}tblHeader"))
            column = _int(_val(trpr, f"{_W}gridBefore"), 0, high=1000)
            cells: list[_Cell] = []
            if column:
                cells.append(_Cell([], 0, column, header, Origin(table=number, row=r, column=1)))
            still: dict[int, _Cell] = {}
            for tc in _cells(tr):
                tcpr = tc.find(f"{_W}tcPr")
                span = _int(_val(tcpr, f"{_W}gridSpan"), 1, low=1, high=1000)
                vmerge = None if tcpr is None else tcpr.find(f"{_W}vMerge")
                hmerge = None if tcpr is None else tcpr.find(f"{_W}hMerge")
                lines = [line for line in self.cell_lines(tc) if line.strip()]
                above = merging.get(column)
                continues = vmerge is not None and vmerge.get(_VAL, "continue") != "restart"
                if continues and above is not None and above.grid_span == span:
                    # a continuation: no cell of its own, the cell above covers one more row
                    above.rowspan += 1
                    above.lines.extend(lines)
                    still[column] = above
                elif hmerge is not None and hmerge.get(_VAL, "continue") != "restart" and cells:
                    cells[-1].grid_span += span  # the legacy horizontal merge: the cell on the left widens
                    cells[-1].lines.extend(lines)
                else:
                    cell = _Cell(lines, column, span, header, Origin(table=number, row=r, column=columns.shown(column)))
                    cells.append(cell)
                    if vmerge is not None:
                        still[column] = cell
                column += span
            merging = still
            rows.append(cells)
        self.blocks.append(
            TableBlock(
                tuple(
                    tuple(
                        SourceCell(
                            tuple(c.lines),
                            c.rowspan,
                            columns.colspan(c.grid_column, c.grid_span),
                            c.is_header,
                            c.origin,
                        )
                        for c in row
                    )
                    for row in rows
                ),
                Origin(table=number),
            )
        )


#: Grid columns narrower than this (in twentieths of a point) are slivers no text fits in.
SLIVER = 30


@attrs.frozen
class _Columns:
    """The visible columns of a table's grid: slivers (cell edges a hair apart) belong to the column on their left.

    Word and LibreOffice make a grid column for every cell edge; two edges that
    should line up but are 1/20 pt apart give a column no wider than that, and
    a cell on one side of it a colspan larger by one.  Counting only the
    columns a text can be seen in keeps such tables regular.
    """

    #: For each grid column, whether it is a sliver.
    slivers: tuple[bool, ...] = ()
    #: For each grid column, the visible columns before it (and one more entry: all of them).
    before: tuple[int, ...] = attrs.field(init=False, eq=False, repr=False)

    @before.default
    def _count(self) -> tuple[int, ...]:
        counts = [0]
        for sliver in self.slivers:
            counts.append(counts[-1] + (not sliver))
        return tuple(counts)

    @classmethod
    def of(cls, tbl: Any) -> _Columns:
        grid = tbl.find(f"{_W}tblGrid")
        if grid is None:
            return cls()
        widths = [_int(col.get(f"{_W}w"), SLIVER, high=10**6) for col in grid.iterfind(f"{_W}gridCol")]
        slivers = tuple(w < SLIVER for w in widths)
        return cls(slivers if any(slivers) and not all(slivers) else ())

    def _visible(self, column: int) -> int:
        """Visible columns before grid column ``column`` (columns past the stated grid are visible)."""
        known = len(self.slivers)
        return self.before[column] if column <= known else self.before[known] + column - known

    def colspan(self, first: int, span: int) -> int:
        """The visible columns covered by grid columns ``first`` … ``first + span - 1`` (at least 1)."""
        return max(1, self._visible(first + span) - self._visible(first))

    def shown(self, column: int) -> int:
        """The visible column (1-based) in which a grid column lies."""
        return max(1, self._visible(column + 1))


def _hex(text: str | None) -> int:
    try:
        return min(int(text or "", 16), 0x10FFFF)
    except ValueError:
        return 0


def _rows(tbl: Any) -> Iterator[Any]:
    return (child for child in _children(tbl) if child.tag == _TR)


def _cells(tr: Any) -> Iterator[Any]:
    return (child for child in _children(tr) if child.tag == _TC)


# ---------------------------------------------------------------------------
# opening files


def _name(source: str | os.PathLike[str] | bytes | IO[bytes], source_name: str | None) -> str:
    if source_name:
        return source_name
    if isinstance(source, str | os.PathLike):
        return os.fspath(source)
    return "<docx>"


def _data(source: str | os.PathLike[str] | bytes | IO[bytes]) -> bytes:
    if isinstance(source, bytes):
        return source
    if isinstance(source, str | os.PathLike):
        return Path(source).read_bytes()
    return source.read()


def _not_docx(data: bytes) -> str:
    """Why bytes that python-docx cannot open are no ``.docx`` file."""
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            return "the document is encrypted (password-protected); save it without a password first"
        return (
            "a Word 97-2003 (.doc) or WPS file, not .docx: read it with read_word, which converts it with LibreOffice"
        )
    if data.lstrip().startswith(b"{\\rtf"):
        return "an RTF file, not .docx: read it with read_word, which converts it with LibreOffice"
    if not data.startswith(_ZIP):
        return "not a .docx file (no ZIP archive)"
    return "not a readable .docx file"


def _open(data: bytes, name: str) -> Any:
    """The python-docx document of a ``.docx`` file's bytes."""
    try:
        import docx
    except ImportError:  # pragma: no cover - the extra is installed in development
        raise DecodeError(
            "reading .docx files needs python-docx: pip install 'govinfo-reports[docx]'", path=name
        ) from None
    if not data.startswith(_ZIP):
        raise DecodeError(_not_docx(data), path=name)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx, zipfile, zlib and lxml raise a zoo of types on broken files
        detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise DecodeError(f"{_not_docx(data)}: {detail}", path=name) from None


def _part_element(part: Any, reltype: str) -> Any | None:
    try:
        return part.part_related_by(reltype).element
    except (KeyError, AttributeError):
        return None


def read_docx(source: str | os.PathLike[str] | bytes | IO[bytes], *, source_name: str | None = None) -> SourceDocument:
    """Read a ``.docx`` file into text blocks and tables with true spans (see the module documentation).

    Args:
        source: A path, the file's bytes, or a binary file object.
        source_name: A file name to show in error messages (the path by default).

    Raises:
        DecodeError: the data is not a readable ``.docx`` file (not a ZIP archive, no
            document part, broken XML, encrypted, a ``.doc`` file).
        OSError: the file cannot be read.
    """
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    name = _name(source, source_name)
    document = _open(_data(source), name)
    part = document.part
    body = document.element.body
    if body is None:
        raise DecodeError("the document has no body", path=name)
    numbering = _Numbering.load(_part_element(part, RT.NUMBERING), _part_element(part, RT.STYLES))
    reader = _Reader(numbering)
    reader.body(body)
    return render_blocks(reader.blocks)


def parse_docx(
    source: str | os.PathLike[str] | bytes | IO[bytes], *, strict: bool = False, source_name: str | None = None
) -> Report:
    """Parse a ``.docx`` report: its text rendering, with every table node carrying its cells' true spans.

    Node spans refer to the text rendering (:attr:`SourceDocument.text
    <govinfo_reports.sources.document.SourceDocument.text>` of :func:`read_docx`);
    :meth:`SourceDocument.origin <govinfo_reports.sources.document.SourceDocument.origin>`
    says which paragraph or table cell a line comes from.

    Raises:
        DecodeError: the data is not a readable ``.docx`` file.
        ParseError: strict mode only.
        OSError: the file cannot be read.
    """
    name = _name(source, source_name)
    return read_docx(source, source_name=name).parse(strict=strict, source_name=name)


# ---------------------------------------------------------------------------
# .doc and .wps through LibreOffice


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: str | os.PathLike[str], *, timeout: float = CONVERT_TIMEOUT) -> bytes:
    """Convert a ``.doc``, ``.wps`` or ``.rtf`` file to ``.docx`` with LibreOffice; the ``.docx`` file's bytes.

    LibreOffice runs headless in a temporary directory with a profile of its
    own (``-env:UserInstallation``), so that conversions may run in parallel
    and leave nothing behind; it is stopped after ``timeout`` seconds.

    Raises:
        DecodeError: LibreOffice is not installed (``apt-get install
            libreoffice-writer``), timed out, or could not convert the file.
        OSError: the file cannot be read.
    """
    name = os.fspath(path)
    soffice = _soffice()
    if soffice is None:
        raise DecodeError(
            f"reading {Path(name).suffix or 'this'} files needs LibreOffice to convert them to .docx: "
            "apt-get install libreoffice-writer (or save the file as .docx)",
            path=name,
        )
    data = Path(name).read_bytes()
    with tempfile.TemporaryDirectory(prefix="govinfo-word-") as tmp:
        work = Path(tmp)
        source = work / f"source{Path(name).suffix.lower() or '.doc'}"
        source.write_bytes(data)
        out = work / "out"
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ]
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,  # its own process group: a timeout ends soffice.bin too
            )
        except OSError as exc:
            raise DecodeError(f"could not start LibreOffice ({soffice}): {exc}", path=name) from None
        try:
            _, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            raise DecodeError(f"LibreOffice did not convert the file within {timeout:g} s", path=name) from None
        result = out / "source.docx"
        if process.returncode != 0 or not result.is_file():
            detail = stderr.decode("utf-8", "replace").strip().splitlines()
            why = f": {detail[-1][:200]}" if detail else ""
            raise DecodeError(f"LibreOffice could not convert the file to .docx{why}", path=name)
        return result.read_bytes()


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):  # already gone
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


def _sniff(head: bytes) -> str:
    if head.startswith(_ZIP):
        return "docx"
    if head.startswith(_OLE) or head.lstrip().startswith(b"{\\rtf"):
        return "legacy"
    return "unknown"


def read_word(path: str | os.PathLike[str], *, timeout: float = CONVERT_TIMEOUT) -> SourceDocument:
    """Read a Word file by its suffix: ``.docx`` directly, ``.doc``/``.wps`` converted by LibreOffice first.

    The content decides when it contradicts the suffix: a ``.doc`` file that is
    really a ``.docx`` (a ZIP archive) is read directly, and a ``.docx`` file
    that is really a Word 97-2003 document is converted.

    Raises:
        DecodeError: not a readable Word file, or a ``.doc``/``.wps`` file without
            LibreOffice installed (the message says what to install).
        OSError: the file cannot be read.
    """
    name = os.fspath(path)
    with open(name, "rb") as handle:
        head = handle.read(8)
    kind = _sniff(head)
    suffix = Path(name).suffix.lower()
    legacy = kind == "legacy" or (kind == "unknown" and suffix in LEGACY_SUFFIXES)
    if legacy and not (kind == "legacy" and head.startswith(_OLE) and _encrypted(name)):
        return read_docx(convert_to_docx(name, timeout=timeout), source_name=name)
    return read_docx(name)


def _encrypted(name: str) -> bool:
    """Whether an OLE file is an encrypted ``.docx`` (whose package sits in an ``EncryptedPackage`` stream)."""
    return "EncryptedPackage".encode("utf-16-le") in Path(name).read_bytes()


def parse_word(path: str | os.PathLike[str], *, strict: bool = False) -> Report:
    """Parse a Word report file (``.docx``, or ``.doc``/``.wps`` through LibreOffice), as :func:`read_word` reads it.

    Raises:
        DecodeError: see :func:`read_word`.
        ParseError: strict mode only.
        OSError: the file cannot be read.
    """
    name = os.fspath(path)
    return read_word(name).parse(strict=strict, source_name=name)
