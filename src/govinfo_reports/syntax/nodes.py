"""The typed, lossless syntax tree of a report.

Every node is an immutable :func:`attrs.frozen` class.  Nodes keep the exact
text of the lines they were made from (line endings and indentation too), so
:func:`govinfo_reports.render` rebuilds the source character for character.
Every node carries a :class:`Span`; spans never take part in equality, so
two trees that say the same thing compare equal wherever they came from.

The shape of a report::

    Report
    ├── Preamble            text before the first heading (title, 发布日期, introduction)
    ├── Section             一、总体情况
    │   ├── Paragraph
    │   ├── Table           a flattened table: its lines, and its cells
    │   └── Section         (一)主动公开 ...
    ├── Signature           issuing body and date
    ├── AttachmentList      附件1:… 附件2:… as listed
    ├── Attachment          附件1: and its body (own sections, tables)
    └── FileName            a trailing 古北口2017年度工作报告.doc
"""

from __future__ import annotations

import datetime
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from functools import cached_property
from itertools import accumulate
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypeVar, cast

import attrs

from govinfo_reports.syntax.cells import table_cells
from govinfo_reports.syntax.lines import ScannedCell, TableLine, TableLineKind
from govinfo_reports.syntax.numerals import numeral_value
from govinfo_reports.syntax.span import NO_SPAN, SPACES, Span

if TYPE_CHECKING:
    from govinfo_reports.facts import Extraction, Fact

__all__ = [
    "NO_SPAN",
    "SPACES",
    "Attachment",
    "AttachmentList",
    "AttachmentRef",
    "Blank",
    "Block",
    "BlockIndex",
    "Cell",
    "Diagnostic",
    "FileName",
    "Numbering",
    "NumberingKind",
    "ObservedCell",
    "Paragraph",
    "Preamble",
    "PublicationDate",
    "Report",
    "ScannedCell",
    "Section",
    "Signature",
    "Span",
    "Table",
    "TableLine",
    "TableLineKind",
    "block_index",
    "html_view",
    "keep_scanned_cells",
    "register_fact_reader",
    "register_html_view",
    "register_table_framer",
    "scanned_cells",
    "texts_touched",
]


def _span_field() -> Span:
    return attrs.field(default=NO_SPAN, eq=False, kw_only=True, repr=False)


# --- short reprs: a few fields, counts and the lines, never the whole subtree ------------

#: How many characters of a node's text its repr shows.
_REPR_TEXT = 30


def _short(text: str, limit: int = _REPR_TEXT) -> str:
    """``text`` stripped, as a Python literal, cut at ``limit`` characters (``…`` and the full length)."""
    text = text.strip(SPACES)
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}… ({len(text)} chars)"


def _lines(span: Span, *, column: bool = False) -> str:
    """Where a node is, for its repr: ``line 3``, ``line 3:5``, ``lines 3-40``; ``""`` when unlocated."""
    if span is NO_SPAN or span == NO_SPAN:
        return ""
    # The end is exclusive: a block ending with its line break ends at column 1 of the next line.
    last = span.end_line - 1 if span.end_column == 1 and span.end_line > span.line else span.end_line
    if last > span.line:
        return f"lines {span.line}-{last}"
    return f"line {span.line}:{span.column}" if column else f"line {span.line}"


def _repr(kind: str, *parts: str) -> str:
    """``<Kind part, part>``, empty parts left out."""
    inner = ", ".join(p for p in parts if p)
    return f"<{kind} {inner}>" if inner else f"<{kind}>"


def _count(n: int, word: str, plural: str = "") -> str:
    return f"{n} {word}" if n == 1 else f"{n} {plural or word + 's'}"


NumberingKind: TypeAlias = Literal["cn", "paren_cn", "arabic", "paren_arabic", "circled"]
"""The numbering kinds of formats.md: ``cn`` 一、, ``paren_cn`` (一), ``arabic``
1、 1. 1．, ``paren_arabic`` (1), ``circled`` ①."""


@attrs.frozen
class Numbering:
    """The number of a heading, as written and as a value.

    >>> Numbering("paren_cn", 2, "（二）")
    Numbering(kind='paren_cn', ordinal=2, raw='（二）')
    """

    #: Which numbering kind (see :data:`NumberingKind`).
    kind: NumberingKind
    #: The number's value (二 → 2, ③ → 3).
    ordinal: int
    #: The number exactly as written, brackets and separator included (``（二）``, ``1、``).
    raw: str


@attrs.frozen
class Paragraph:
    """One line of running text.

    >>> Paragraph("本年度未收到依申请公开事项。").stripped
    '本年度未收到依申请公开事项。'
    """

    def __repr__(self) -> str:
        """``<Paragraph line 12: '本年度未收到依申请公开事项。'>``: the text cut short, the line."""
        return _repr("Paragraph", _lines(self.span), _short(self.text))

    #: The line as written, without its line ending.
    text: str
    #: The line ending: ``"\\n"``, ``"\\r\\n"`` or ``""`` (last line).
    eol: str = "\n"
    span: Span = _span_field()

    @property
    def stripped(self) -> str:
        """The text without surrounding whitespace (full-width spaces included)."""
        return self.text.strip(SPACES)


@attrs.frozen
class Blank:
    """A run of lines holding nothing but whitespace (one node for the run, however long).

    ``text`` is the run without its last line ending, ``eol`` that line ending:

    >>> from govinfo_reports import parse
    >>> [type(b).__name__ for b in parse("一、总体情况\\n\\n \\n\\n正文。\\n").sections[0].children]
    ['Blank', 'Paragraph']
    >>> parse("一、总体情况\\n\\n \\n\\n正文。\\n").sections[0].children[0]
    <Blank lines 2-4>
    """

    def __repr__(self) -> str:
        """``<Blank line 3>``."""
        return _repr("Blank", _lines(self.span))

    #: The whitespace of the run's lines and the line endings between them.
    text: str = ""
    #: The line ending.
    eol: str = "\n"
    span: Span = _span_field()


@attrs.frozen
class PublicationDate:
    """A ``发布日期:2024-01-20`` line of the preamble."""

    def __repr__(self) -> str:
        """``<PublicationDate line 2, '发布日期:2024-01-20'>``."""
        return _repr("PublicationDate", _lines(self.span), _short(self.text))

    #: The line as written, without its line ending.
    text: str
    #: The line ending.
    eol: str = "\n"
    span: Span = _span_field()

    @property
    def date(self) -> datetime.date | None:
        """The date the line states, when it can be read."""
        return parse_date(self.text)


@attrs.frozen
class FileName:
    """A file name standing alone on a line (``古北口2017年度工作报告.doc``)."""

    def __repr__(self) -> str:
        """``<FileName line 90, '古北口2017年度工作报告.doc'>``."""
        return _repr("FileName", _lines(self.span), _short(self.text))

    #: The line as written, without its line ending.
    text: str
    #: The line ending.
    eol: str = "\n"
    span: Span = _span_field()


@attrs.frozen
class Signature:
    """The signature block: the issuing body on one line, the date on the next.

    >>> s = Signature("辽源市西安区机关事务管理局", "2018年3月9日")
    >>> s.issuer, s.date
    ('辽源市西安区机关事务管理局', datetime.date(2018, 3, 9))
    """

    def __repr__(self) -> str:
        """``<Signature lines 88-89, '辽源市西安区机关事务管理局', '2018年3月9日'>``."""
        return _repr("Signature", _lines(self.span), _short(self.issuer_text), _short(self.date_text))

    #: The issuer line as written.
    issuer_text: str
    #: The date line as written.
    date_text: str
    #: Line ending of the issuer line.
    issuer_eol: str = "\n"
    #: Line ending of the date line.
    date_eol: str = "\n"
    span: Span = _span_field()

    @property
    def issuer(self) -> str:
        """The issuing body."""
        return self.issuer_text.strip(SPACES)

    @property
    def date(self) -> datetime.date | None:
        """The date of the report (``None`` when it names an impossible day)."""
        return parse_date(self.date_text)


@attrs.frozen
class Cell:
    """A cell of a flattened table, as found in the text.

    ``text`` joins the cell's lines without a separator: a column too narrow
    for 商业企业 gives the lines ``商业`` / ``企业``, and the cell 商业企业.
    """

    def __repr__(self) -> str:
        """``<Cell line 40:3, '商业企业'>`` (``opens row`` for the first cell of a row)."""
        flags = ("opens row" if self.opens_row else "") + ("" if self.closed else " unclosed")
        return _repr("Cell", _lines(self.span, column=True), _short(self.text), flags.strip())

    #: The cell's lines, each stripped of surrounding whitespace (blank ones dropped).
    lines: tuple[str, ...]
    #: Whether this cell starts a row (layouts B and M: the line began with ``|``).
    opens_row: bool = False
    #: Whether a pipe closed the cell; ``False`` only for text left open at the table's end.
    closed: bool = True
    span: Span = _span_field()
    #: The cell's text, continuation lines joined (computed once, from :attr:`lines`).
    text: str = attrs.field(init=False, eq=False, repr=False)

    @text.default
    def _joined(self) -> str:
        return "".join(self.lines)

    @property
    def is_empty(self) -> bool:
        """Whether the cell holds no text (an empty cell or padding)."""
        return not self.lines


@attrs.frozen
class ObservedCell:
    """A table cell whose row and column spans the source states (an HTML ``<td>`` or ``<th>``).

    >>> ObservedCell(("商业", "企业"), colspan=2).text
    '商业企业'
    """

    def __repr__(self) -> str:
        """``<ObservedCell line 40, '商业企业', colspan=2, header>``: spans shown when not 1."""
        return _repr(
            "ObservedCell",
            _lines(self.span),
            _short(self.text),
            f"rowspan={self.rowspan}" if self.rowspan != 1 else "",
            f"colspan={self.colspan}" if self.colspan != 1 else "",
            "header" if self.is_header else "",
        )

    #: The cell's text lines, stripped, blank ones dropped.
    lines: tuple[str, ...] = ()
    #: Rows covered (``rowspan``).
    rowspan: int = 1
    #: Columns covered (``colspan``).
    colspan: int = 1
    #: Whether the source marks it as a header cell (``<th>``).
    is_header: bool = False
    span: Span = _span_field()

    @property
    def text(self) -> str:
        """The cell's text, its lines joined without a separator (as :attr:`Cell.text`)."""
        return "".join(self.lines)


@attrs.frozen
class Table:
    """A table flattened into pipe lines (layouts A, B and M of formats.md).

    The lines are the lossless record; :attr:`cells` reads them into cells,
    left to right, top to bottom.  Rebuilding the grid (rows, spans, padding)
    is the job of :mod:`govinfo_reports.tables.grid`.  When the source states the
    spans (an HTML page), :attr:`observed` holds its rows of cells as given,
    so that nothing needs to be inferred.

    >>> t = Table((TableLine("open", "| 规章"), TableLine("pipes", "|"), TableLine("cell", "0"), TableLine("pipes", "||")))
    >>> [(c.text, c.opens_row) for c in t.cells]
    [('规章', True), ('0', False), ('', False)]
    """

    def __repr__(self) -> str:
        """``<Table lines 30-150, layout B, 121 source lines, 26 observed rows>``."""
        observed = "" if self.observed is None else _count(len(self.observed), "observed row")
        return _repr(
            "Table", _lines(self.span), f"layout {self.layout}", _count(len(self.lines), "source line"), observed
        )

    #: The table's source lines.
    lines: tuple[TableLine, ...]
    #: The rows of cells with their true spans, as the source gives them (HTML); ``None`` for flattened text.
    observed: tuple[tuple[ObservedCell, ...], ...] | None = attrs.field(default=None, kw_only=True)
    span: Span = _span_field()

    @cached_property
    def cells(self) -> tuple[Cell, ...]:
        """The cells in reading order."""
        return tuple(Cell(c.lines, c.opens_row, c.closed, span=c.span) for c in self._records)

    @cached_property
    def _records(self) -> tuple[ScannedCell, ...]:
        # The parser fills this in as it reads the table (keep_scanned_cells); a table built in
        # code is read by the same table grammar (grammar/table.lark) over its lines.
        return tuple(table_cells(self.lines))

    def to_frame(self) -> Any:
        """The table in its own rows and columns: a pandas DataFrame of the cells' text (the ``pandas`` extra).

        See :func:`govinfo_reports.io.frame.table_frame`.
        """
        if _TABLE_FRAMER is None:  # pragma: no cover - importing govinfo_reports registers it
            raise RuntimeError("no table framer registered: import govinfo_reports")
        return _TABLE_FRAMER(self)

    @cached_property
    def layout(self) -> Literal["A", "B", "M"]:
        """``M`` for markdown rows, ``B`` when rows are opened by ``| `` (or are lines of cells separated by blanks), ``A`` otherwise."""
        kinds = {line.kind for line in self.lines}
        if "md_sep" in kinds:
            return "M"
        return "B" if "open" in kinds or "spaced" in kinds else "A"

    def _repr_html_(self) -> str | None:
        """The table drawn as its grid (merged cells spanning), for a notebook."""
        return html_view(self)


@attrs.frozen
class Section:
    """A numbered heading and everything under it.

    A heading line may carry body text after its title (``1、公开的数量。2017年,…``):
    the title then ends at the first ``。`` and the rest is :attr:`body_text`.

    >>> s = Section(Numbering("arabic", 1, "1、"), "公开的数量", body_text="2017年,公开信息总数为283条")
    >>> s.heading
    '1、公开的数量。2017年,公开信息总数为283条'
    """

    def __repr__(self) -> str:
        """``<Section lines 3-40, 一、'总体情况', level 1, 2 sections, 3 blocks>``."""
        title = self.number.raw.strip(SPACES) + _short(self.title)
        n_sections = sum(isinstance(c, Section) for c in self.children)
        return _repr(
            "Section",
            _lines(self.span),
            title,
            f"level {self.level}",
            _count(n_sections, "section") if n_sections else "",
            _count(len(self.children) - n_sections, "block")
            if len(self.children) > n_sections or not n_sections
            else "",
        )

    #: The heading's number.
    number: Numbering
    #: The heading's title.
    title: str
    #: Text on the heading line after the title and its ``。``; ``""`` when none.
    body_text: str = ""
    #: Depth in the outline, 1 for the outermost numbering kind of the document (or attachment).
    level: int = 1
    #: The blocks under the heading, in order: paragraphs, tables, subsections ...
    children: tuple[Block, ...] = ()
    #: Whitespace before the number.
    indent: str = ""
    #: Whitespace between the number and the title.
    gap: str = ""
    #: The heading line's ending.
    eol: str = "\n"
    span: Span = _span_field()

    @property
    def heading(self) -> str:
        """The heading line as written, without indentation and line ending."""
        rest = f"{self.title}。{self.body_text}" if self.body_text else self.title
        return f"{self.number.raw}{self.gap}{rest}"

    @property
    def sections(self) -> tuple[Section, ...]:
        """The direct subsections."""
        return tuple(c for c in self.children if isinstance(c, Section))

    @property
    def blocks(self) -> tuple[Block, ...]:
        """The children that are not subsections."""
        return tuple(c for c in self.children if not isinstance(c, Section))

    def walk(self) -> Iterator[Block]:
        """This section and every node under it, depth first."""
        yield self
        for child in self.children:
            yield from _walk(child)


class _AttachmentLabel:
    """The label of an ``附件N:`` line (shared by list entries and attachment bodies)."""

    __slots__ = ()
    text: str

    @property
    def label(self) -> str:
        """``附件1``, ``附件`` ..."""
        return _split_attachment(self.text)[0]

    @property
    def number(self) -> int | None:
        """The attachment's number, if it has one."""
        return _attachment_number(self.label)


@attrs.frozen
class AttachmentRef(_AttachmentLabel):
    """One entry of a list of attachments (``附件1:机关事务局信息公开情况统计表``)."""

    def __repr__(self) -> str:
        """``<AttachmentRef line 5, '附件1:机关事务局信息公开情况统计表'>``."""
        return _repr("AttachmentRef", _lines(self.span), _short(self.text))

    #: The line as written, without its line ending.
    text: str
    #: The line ending.
    eol: str = "\n"
    span: Span = _span_field()

    @property
    def title(self) -> str:
        """The text after the colon."""
        return _split_attachment(self.text)[1]


@attrs.frozen
class AttachmentList:
    """Consecutive ``附件N:`` lines that list the attachments."""

    def __repr__(self) -> str:
        """``<AttachmentList lines 5-6, 2 entries>``."""
        return _repr("AttachmentList", _lines(self.span), _count(len(self.entries), "entry", "entries"))

    #: The entries, in order.
    entries: tuple[AttachmentRef, ...]
    span: Span = _span_field()


@attrs.frozen
class Attachment(_AttachmentLabel):
    """An attachment's body: its ``附件1:`` line and what follows it.

    Headings inside an attachment get their levels from the order of
    numbering kinds inside the attachment.
    """

    def __repr__(self) -> str:
        """``<Attachment lines 100-200, 附件1, '统计表', 4 blocks>``."""
        return _repr(
            "Attachment", _lines(self.span), self.label, _short(self.title), _count(len(self.children), "block")
        )

    #: The label line as written (``附件1:``), without its line ending.
    text: str
    #: The blocks of the attachment, in order (paragraphs, tables, sections).
    children: tuple[Block, ...] = ()
    #: The label line's ending.
    eol: str = "\n"
    span: Span = _span_field()

    @property
    def title(self) -> str:
        """Its title: the text after the colon, else the first paragraph."""
        after = _split_attachment(self.text)[1]
        if after:
            return after
        for child in self.children:
            if isinstance(child, Paragraph):
                return child.stripped
            if not isinstance(child, Blank):
                break
        return ""

    @property
    def sections(self) -> tuple[Section, ...]:
        """The top-level sections of the attachment."""
        return tuple(c for c in self.children if isinstance(c, Section))


@attrs.frozen
class Preamble:
    """What comes before the first heading: title, 发布日期 line, introduction."""

    def __repr__(self) -> str:
        """``<Preamble lines 1-3, title '…', 3 blocks>``."""
        title = self.title
        return _repr(
            "Preamble",
            _lines(self.span),
            f"title {_short(title)}" if title else "",
            _count(len(self.children), "block"),
        )

    #: The blocks, in order.
    children: tuple[Block, ...] = ()
    span: Span = _span_field()

    @property
    def title(self) -> str | None:
        """The report's title line, when the first line is one.

        A title is short, names the report (报告) and is not a sentence.
        """
        for child in self.children:
            if isinstance(child, Blank):
                continue
            if isinstance(child, Paragraph):
                text = child.stripped
                if 0 < len(text) <= 80 and "报告" in text and not re.search(r"[。,，；;:：]", text):
                    return text
            return None
        return None

    @property
    def published(self) -> datetime.date | None:
        """The date of a ``发布日期`` line, if any."""
        for child in self.children:
            if isinstance(child, PublicationDate):
                return child.date
        return None

    @property
    def introduction(self) -> tuple[Paragraph, ...]:
        """The paragraphs of the preamble other than the title."""
        title = self.title
        out = [c for c in self.children if isinstance(c, Paragraph)]
        if title is not None and out and out[0].stripped == title:
            out = out[1:]
        return tuple(out)


@attrs.frozen
class Diagnostic:
    """Something the parser had to guess; strict mode raises it as a :class:`~govinfo_reports.ParseError`."""

    def __repr__(self) -> str:
        """``<Diagnostic line 5:1, ordinal-sequence, 'heading 3、 follows 1、'>``."""
        return _repr("Diagnostic", _lines(self.span, column=True), self.code, _short(self.message, 80))

    #: A stable code: ``ordinal-sequence``, ``unclosed-cell``.
    code: str
    #: What was guessed, in English.
    message: str
    span: Span = _span_field()


Block: TypeAlias = (
    "Paragraph | Blank | Table | Section | Signature | AttachmentList | Attachment | FileName"
    " | PublicationDate | Preamble"
)
"""Any node that stands on its own lines."""


@attrs.frozen
class Report:
    """A parsed report: the blocks of the document in order.

    The convenience properties (:attr:`preamble`, :attr:`sections`,
    :attr:`attachments`, :attr:`signature` ...) look into :attr:`children`.
    """

    def __repr__(self) -> str:
        """``<Report lines 1-240, '…年度报告', 6 sections, 3 tables, 1 attachment, 2 diagnostics>``.

        Counts only: the facts and the template are not read for a repr.

        >>> from govinfo_reports import parse
        >>> parse("平潭综合实验区2015年度政府信息公开工作年度报告\\n一、概述\\n(一)主动公开\\n")
        <Report lines 1-3, '平潭综合实验区2015年度政府信息公开工作年度报告', 1 section, 0 tables, 0 diagnostics>
        """
        title = self.title
        attachments = self.attachments
        return _repr(
            "Report",
            _lines(self.span),
            _short(title) if title else "",
            _count(len(self.sections), "section"),
            _count(len(self.tables), "table"),
            _count(len(attachments), "attachment") if attachments else "",
            _count(len(self.diagnostics), "diagnostic"),
        )

    def _repr_html_(self) -> str | None:
        """The report as HTML for a notebook (outline, tables as grids, findings), once :mod:`govinfo_reports` is imported."""
        return html_view(self)

    #: Every top-level block in document order.
    children: tuple[Block, ...] = ()
    #: What the parser had to guess (empty for a clean report).
    diagnostics: tuple[Diagnostic, ...] = attrs.field(default=(), eq=False, kw_only=True)
    span: Span = _span_field()

    @property
    def preamble(self) -> Preamble:
        """The preamble (empty when the report starts with a heading)."""
        for child in self.children:
            if isinstance(child, Preamble):
                return child
        return Preamble()

    @property
    def title(self) -> str | None:
        """The report's title line, when it has one."""
        return self.preamble.title

    @property
    def sections(self) -> tuple[Section, ...]:
        """The top-level sections of the main text."""
        return tuple(c for c in self.children if isinstance(c, Section))

    @property
    def attachments(self) -> tuple[Attachment, ...]:
        """The attachment bodies."""
        return tuple(c for c in self.children if isinstance(c, Attachment))

    @property
    def attachment_list(self) -> tuple[AttachmentRef, ...]:
        """The attachments as listed (``附件1:…`` lines before the bodies)."""
        return tuple(e for c in self.children if isinstance(c, AttachmentList) for e in c.entries)

    @property
    def signature(self) -> Signature | None:
        """The last signature block of the main text, if any."""
        found = [c for c in self.children if isinstance(c, Signature)]
        return found[-1] if found else None

    @property
    def file_name(self) -> str | None:
        """A trailing file name line, if any."""
        for child in reversed(self.children):
            if isinstance(child, FileName):
                return child.text.strip(SPACES)
            if not isinstance(child, Blank):
                return None
        return None

    def walk(self) -> Iterator[Block]:
        """Every block of the report, depth first, in document order."""
        return iter(self._index.blocks)

    @property
    def tables(self) -> tuple[Table, ...]:
        """Every table, in document order."""
        return tuple(self._index.of(Table))

    @cached_property
    def _index(self) -> BlockIndex:
        return BlockIndex.build(self.children)

    @cached_property
    def _extraction(self) -> Extraction:
        if _FACT_READER is None:  # pragma: no cover - importing govinfo_reports registers it
            raise RuntimeError("no fact reader registered: import govinfo_reports")
        return _FACT_READER(self)

    @property
    def template(self) -> str | None:
        """``"national-2021"``, ``"national-2019"``, ``"legacy"``, or ``None`` when the report has no statistics table."""
        return self._extraction.template

    @property
    def facts(self) -> tuple[Fact, ...]:
        """Every value cell of the report's statistics tables, in document order."""
        return self._extraction.facts

    def fact(self, indicator: str, column: str) -> Fact | None:
        """The fact for a canonical indicator and column, if the report has it.

        >>> from govinfo_reports import parse
        >>> parse("一、总体情况\\n").fact("requests.received", "total") is None
        True
        """
        for fact in self._extraction.facts:
            if fact.indicator == indicator and fact.column == column:
                return fact
        return None


def _walk(block: Block) -> Iterator[Block]:
    yield block
    if isinstance(block, Section | Attachment | Preamble):
        for child in block.children:
            yield from _walk(child)


#: The blocks that hold blocks (what :meth:`Report.walk` goes into), by exact type.
_NESTING = frozenset({Section, Attachment, Preamble})

B = TypeVar("B")


@attrs.frozen(eq=False)
class BlockIndex:
    """Every block of a report in document order, with where each one sits: the tree walked once.

    The facts and the rules look at every paragraph and heading of a report; they read
    this index (:func:`block_index`, kept with the report) instead of each walking the
    tree.  A generator walk (:meth:`Report.walk` before) costs about 0.3 µs a block;
    building the index, 0.02 µs a block in runs of lines and 0.1-0.2 µs where sections
    nest, and a list of the blocks of one type 0.03 µs more.
    Blocks are told apart by their exact type (the node classes are not subclassed).

    >>> from govinfo_reports import parse
    >>> index = block_index(parse("前言\\n一、总体情况\\n正文。\\n（一）主动公开\\n"))
    >>> [type(b).__name__ for b in index.blocks]
    ['Preamble', 'Paragraph', 'Section', 'Paragraph', 'Section']
    >>> index.parents, index.positions(Section), index.owner(4)
    ((-1, 0, -1, 2, 2), (2, 4), 1)
    """

    #: Every block, depth first, in document order (what :meth:`Report.walk` yields).
    blocks: tuple[Block, ...]
    #: The position in :attr:`blocks` of each block's parent; -1 for the report's own children.
    parents: tuple[int, ...]
    #: The position in :attr:`blocks` of each of the report's own children, in order.
    tops: tuple[int, ...]
    _positions: dict[type, tuple[int, ...]] = attrs.field(factory=dict, init=False, repr=False)

    @classmethod
    def build(cls, children: Sequence[Block]) -> BlockIndex:
        """The index of a report's children (an explicit stack: no recursion, however deep the tree)."""
        blocks: list[Block] = []
        parents: list[int] = []
        tops: list[int] = []
        stack: list[tuple[Iterator[Block], int]] = [(iter(children), -1)]
        while stack:
            siblings, parent = stack[-1]
            for child in siblings:
                if parent < 0:
                    tops.append(len(blocks))
                blocks.append(child)
                parents.append(parent)
                if type(child) in _NESTING and child.children:  # type: ignore[union-attr]
                    inner: tuple[Block, ...] = child.children  # type: ignore[union-attr]
                    here = len(blocks) - 1
                    if _NESTING.isdisjoint(map(type, inner)):
                        # blocks without blocks inside (most runs of lines): taken at once
                        blocks.extend(inner)
                        parents.extend([here] * len(inner))
                    else:
                        stack.append((iter(inner), here))
                        break
            else:
                stack.pop()
        return cls(tuple(blocks), tuple(parents), tuple(tops))

    def positions(self, kind: type) -> tuple[int, ...]:
        """Where the blocks of this type are in :attr:`blocks`, in order (worked out once per type)."""
        found = self._positions.get(kind)
        if found is None:
            found = self._positions[kind] = tuple([i for i, b in enumerate(self.blocks) if type(b) is kind])
        return found

    def of(self, kind: type[B]) -> list[B]:
        """The blocks of this type, in document order."""
        blocks = self.blocks
        return cast(list[B], [blocks[i] for i in self.positions(kind)])

    def owner(self, position: int) -> int:
        """Which of the report's own children (its index in ``Report.children``) holds the block at ``position``."""
        return bisect_right(self.tops, position) - 1

    def ancestors(self, position: int) -> Iterator[Block]:
        """The blocks that hold the block at ``position``, innermost first."""
        parents, blocks = self.parents, self.blocks
        at = parents[position]
        while at >= 0:
            yield blocks[at]
            at = parents[at]


def block_index(report: Report) -> BlockIndex:
    """The report's :class:`BlockIndex`, built on first use and kept with the report."""
    return report._index


def texts_touched(texts: Sequence[str], pattern: re.Pattern[str]) -> list[int]:
    """The indices of the texts that the matches of ``pattern`` over their concatenation touch, in order.

    One search over the joined texts, in C, instead of one per text: a text is looked at in
    Python only when a match touches it.  A match may run over several consecutive texts (all
    of them are then in the answer), so every run of consecutive texts whose own concatenation
    holds a match has one of its texts in the answer: the matches are found left to right, and
    the leftmost one from any offset at or before the run's start touches the run or lies wholly
    before it.  Callers test the texts found exactly.  The pattern must not match the empty string.

    >>> texts_touched(["ab", "x", "1", "", "c2", "三百", "条"], re.compile(r"[0-9]|三百条"))
    [2, 4, 5, 6]
    """
    starts = list(accumulate(map(len, texts), initial=0))  # starts[i]: the offset of texts[i]
    out: list[int] = []
    after = 0  # the offset just past the last text in the answer
    for m in pattern.finditer("".join(texts)):
        if m.start() < after:
            continue  # in a text already found
        # the texts holding the match's first and last characters (bisect_right steps over empty texts)
        last = first = bisect_right(starts, m.start()) - 1
        after = starts[first + 1]
        if m.end() > after:
            last = bisect_right(starts, m.end() - 1) - 1
            after = starts[last + 1]
        out.extend(range(first, last + 1))
    return out


_ATTACH_RE = re.compile(
    r"[ \t\u3000\u00a0\ufeff]*(附[ \t]*件[ \t]*[0-9０-９一二三四五六七八九十]*)[ \t]*(?:[:：](.*))?$"
)


def _split_attachment(text: str) -> tuple[str, str]:
    m = _ATTACH_RE.match(text)
    if m is None:
        return text.strip(SPACES), ""
    label = re.sub(r"[ \t]", "", m.group(1))
    return label, (m.group(2) or "").strip(SPACES)


def _attachment_number(label: str) -> int | None:
    digits = label[2:]
    return numeral_value(digits) if digits else None


def parse_date(text: str) -> datetime.date | None:
    """Read a date written as ``2018年3月9日``, ``二〇一八年三月九日`` or ``2024-01-20``.

    >>> parse_date("2018年3月9日")
    datetime.date(2018, 3, 9)
    >>> parse_date("二〇一八年三月九日")
    datetime.date(2018, 3, 9)
    >>> parse_date("发布日期:2024-01-20")
    datetime.date(2024, 1, 20)
    """
    m = re.search(
        r"([0-9０-９]{4}|[〇零○Ｏ一二三四五六七八九]{4})\s*[年\-./]\s*"
        r"([0-9０-９一二三四五六七八九十]{1,3})\s*[月\-./]\s*([0-9０-９一二三四五六七八九十]{1,3})",
        text,
    )
    if m is None:
        return None
    year_text = m.group(1)
    if year_text[0].isdigit():
        year = numeral_value(year_text)
    else:
        year = int("".join(str("〇一二三四五六七八九".find(ch)) if ch not in "零○Ｏ" else "0" for ch in year_text))
    month = numeral_value(m.group(2))
    day = numeral_value(m.group(3))
    if year is None or month is None or day is None:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def scanned_cells(table: Table) -> tuple[ScannedCell, ...]:
    """The cell records of a table (what the facts readers go over), read once per table by the table grammar."""
    return table._records


def keep_scanned_cells(table: Table, cells: Sequence[ScannedCell]) -> None:
    """Store the cell records the parser read with a table's lines, so that nothing reads them again."""
    object.__setattr__(table, "_records", tuple(cells))


#: What reads a report's tables into facts (:attr:`Report.facts`); a later stage, so it registers
#: itself (:func:`register_fact_reader`) instead of being imported by the tree.
_FACT_READER: Callable[[Report], Extraction] | None = None


#: Builds a table's DataFrame; :mod:`govinfo_reports.io.frame` registers itself (:func:`register_table_framer`).
_TABLE_FRAMER: Callable[[Table], Any] | None = None


def register_table_framer(framer: Callable[[Table], Any]) -> None:
    """Set the function :meth:`Table.to_frame` calls (done by :mod:`govinfo_reports.io.frame`)."""
    global _TABLE_FRAMER
    _TABLE_FRAMER = framer


def register_fact_reader(reader: Callable[[Report], Extraction]) -> None:
    """Set the function behind :attr:`Report.facts` and :attr:`Report.template` (done by ``govinfo_reports.tables.extract``)."""
    global _FACT_READER
    _FACT_READER = reader


#: What draws a node or a finding as HTML (:func:`html_view`); registered by a later stage
#: (``govinfo_reports.io.html_view``), as the fact reader is.
_HTML_VIEW: Callable[[object], str] | None = None


def register_html_view(view: Callable[[object], str]) -> None:
    """Set the function behind the ``_repr_html_`` of reports, tables and findings (done by ``govinfo_reports.io.html_view``)."""
    global _HTML_VIEW
    _HTML_VIEW = view


def html_view(node: object) -> str | None:
    """``node`` as an HTML fragment for a notebook, or ``None`` (text repr) when no view is registered."""
    return None if _HTML_VIEW is None else _HTML_VIEW(node)
