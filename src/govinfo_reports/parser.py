"""Text → typed tree: the Lark parser, its transformer, and the outline builder.

The grammar (``grammar/report.lark``) turns the text into a flat sequence of
blocks: heading lines, paragraphs, signatures, attachment lines, tables.
:func:`_build` then folds that sequence into the outline: a heading's level
comes from its numbering kind, in the order the kinds first appear in the
document (separately inside each attachment).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple, cast

import attrs
from lark import Lark, Token, Transformer
from lark.exceptions import LarkError, UnexpectedInput

from govinfo_reports._gc import paused_gc
from govinfo_reports._lexer import (
    CURRENT_BREAKS,
    TableLexer,
    TablePostLex,
    TableSource,
    TableToken,
    VirtualBreaks,
    virtual_breaks,
)
from govinfo_reports._linelexer import LineLexer
from govinfo_reports._numerals import numeral_value
from govinfo_reports.errors import DecodeError, ParseError
from govinfo_reports.nodes import (
    _SPACES,
    Attachment,
    AttachmentList,
    AttachmentRef,
    Blank,
    Block,
    Diagnostic,
    FileName,
    Numbering,
    NumberingKind,
    Paragraph,
    Preamble,
    PublicationDate,
    Report,
    Section,
    Signature,
    Span,
    Table,
    TableLine,
    _cells_of,
    _ScannedCell,
)

__all__ = ["decode", "grammar_text", "parse", "parse_file", "read_table", "table_cells", "text_codec"]

_GRAMMAR_FILE = "report.lark"
_TABLE_GRAMMAR_FILE = "table.lark"


def grammar_text(name: str = _GRAMMAR_FILE) -> str:
    """The text of the report grammar (or of ``table.lark``, the inside of a table), as shipped with the package."""
    packaged = resources.files("govinfo_reports").joinpath("grammar", name)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    # A source checkout or an editable install: the grammar sits at the top of the repository.
    here = Path(__file__).resolve().parent
    return (here.parent.parent / "grammar" / name).read_text(encoding="utf-8")


# ---------------------------------------------------------------------------
# tokens → blocks


def _span(tok: Token) -> Span:
    return Span(
        cast(int, tok.start_pos),
        cast(int, tok.end_pos),
        cast(int, tok.line),
        cast(int, tok.column),
        cast(int, tok.end_line),
        cast(int, tok.end_column),
    )


def _split_eol(value: str) -> tuple[str, str]:
    if value.endswith("\r\n"):
        return value[:-2], "\r\n"
    if value.endswith("\n"):
        return value[:-1], "\n"
    return value, ""


@attrs.frozen
class _HeadingLine:
    number: Numbering
    indent: str
    gap: str
    title: str
    body_text: str
    eol: str
    span: Span


@attrs.frozen
class _AttachLine:
    text: str
    eol: str
    span: Span


_SP = r"[ \t\u3000\u00a0\ufeff]*"
_HEADING_RES: dict[str, tuple[NumberingKind, re.Pattern[str]]] = {
    "H_CN": ("cn", re.compile(rf"({_SP})([一二三四五六七八九十百零〇]+)[ \t]*、")),
    "H_PAREN_CN": ("paren_cn", re.compile(rf"({_SP})[(（][ \t]*([一二三四五六七八九十百零〇]+)[ \t]*[)）]")),
    "H_ARABIC": ("arabic", re.compile(rf"({_SP})([0-9０-９]{{1,3}})[ \t]*(?:、|[.．])")),
    "H_PAREN_ARABIC": ("paren_arabic", re.compile(rf"({_SP})[(（][ \t]*([0-9０-９]{{1,3}})[ \t]*[)）]")),
    "H_CIRCLED": ("circled", re.compile(rf"({_SP})([①-⑳])")),
}
_GAP = re.compile(r"[ \t\u3000\u00a0]*")


def heading_parts(kind: str, text: str) -> tuple[Numbering, str, str, str, str]:
    """Split a heading line into number, indent, gap, title and body text."""
    numbering_kind, pattern = _HEADING_RES[kind]
    m = pattern.match(text)
    assert m is not None, (kind, text)  # the grammar matched the same shape
    indent = m.group(1)
    ordinal = numeral_value(m.group(2)) or 0
    number = Numbering(numbering_kind, ordinal, text[len(indent) : m.end()])
    gap_m = _GAP.match(text, m.end())
    assert gap_m is not None
    rest = text[gap_m.end() :]
    title, body = rest, ""
    stop = rest.find("。")
    if 0 <= stop < len(rest) - 1:
        title, body = rest[:stop], rest[stop + 1 :]
    return number, indent, gap_m.group(0), title, body


class _ToBlocks(Transformer[Token, list[Any]]):
    """Turns grammar rules into nodes; passed to ``Lark(transformer=...)`` so no tree is built."""

    def start(self, children: list[Any]) -> list[Any]:
        out: list[Any] = []
        for child in children:
            if isinstance(child, list):
                out.extend(child)
            else:
                out.append(child)
        return out

    def heading(self, children: list[Token]) -> _HeadingLine:
        (tok,) = children
        text, eol = _split_eol(tok.value)
        number, indent, gap, title, body = heading_parts(tok.type, text)
        return _HeadingLine(number, indent, gap, title, body, eol, _span(tok))

    def text_run(self, children: list[Token]) -> list[Block]:
        out: list[Block] = []
        if children[-1].type == "DATE":
            *lines, issuer, date = children
            issuer_text, issuer_eol = _split_eol(issuer.value)
            date_text, date_eol = _split_eol(date.value)
            signature = Signature(issuer_text, date_text, issuer_eol, date_eol, span=_span(issuer).cover(_span(date)))
        else:
            lines, signature = children, None
        for tok in lines:
            text, eol = _split_eol(tok.value)
            out.append(Paragraph(text, eol, span=_span(tok)))
        if signature is not None:
            out.append(signature)
        return out

    def lone_date(self, children: list[Token]) -> Paragraph:
        (tok,) = children
        text, eol = _split_eol(tok.value)
        return Paragraph(text, eol, span=_span(tok))

    def blank(self, children: list[Token]) -> Blank:
        (tok,) = children
        text, eol = _split_eol(tok.value)
        return Blank(text, eol, span=_span(tok))

    def attachment(self, children: list[Token]) -> _AttachLine:
        (tok,) = children
        text, eol = _split_eol(tok.value)
        return _AttachLine(text, eol, _span(tok))

    def filename(self, children: list[Token]) -> FileName:
        (tok,) = children
        text, eol = _split_eol(tok.value)
        return FileName(text, eol, span=_span(tok))

    def pubdate(self, children: list[Token]) -> PublicationDate:
        (tok,) = children
        text, eol = _split_eol(tok.value)
        return PublicationDate(text, eol, span=_span(tok))

    def table(self, children: list[TableToken]) -> Table:
        lines, cells = read_table(children[0].lines)
        table = Table(tuple(lines), span=lines[0].span.cover(lines[-1].span))
        _set_records(table, cells)
        return table


#: The rules of report.lark, each with the transformer method that handles it (tested to match).
RULE_HANDLERS = ("start", "heading", "text_run", "lone_date", "blank", "attachment", "filename", "pubdate", "table")


# ---------------------------------------------------------------------------
# a table's lines → its cells (grammar/table.lark)


class _Held(NamedTuple):
    """Blank lines, nothing else pending, that a row opener interrupts: where the next cell starts (see _lexer.py, 4)."""

    start: int
    line: int
    column: int


#: What a cell's text is stripped of (the line endings of the pieces too).
_STRIP = _SPACES + "\n"


def _text_of(pieces: Sequence[Token]) -> tuple[str, ...]:
    return tuple(p for p in (t.strip(_STRIP) for t in pieces if t.type != "MD_SEP") if p)


def _start_of(first: Any) -> tuple[int, int, int]:
    """Where a cell whose first piece is the token ``first`` starts: text left open starts at its first character."""
    if first.type == "REST":
        value: str = first.value
        lead = len(value) - len(value.lstrip(_SPACES))
        return first.start_pos + lead, first.line, first.column + lead
    return first.start_pos, first.line, first.column


_new_tuple = tuple.__new__


def _empty(bar: Token, padding: bool) -> _ScannedCell:
    return _new_tuple(
        _ScannedCell,
        ((), "", False, True, bar.start_pos, bar.end_pos, bar.line, bar.column, bar.line, bar.end_column, padding),
    )


class _ToCells(Transformer[Token, Any]):
    """The rules of table.lark → cell records (:class:`~govinfo_reports.nodes._ScannedCell`), in reading order."""

    def table(self, children: list[Any]) -> list[_ScannedCell]:
        out: list[_ScannedCell] = []
        add = out.append
        held: _Held | None = None
        for child in children:
            if child.__class__ is _ScannedCell and held is None:
                add(child)
                continue
            for item in child if isinstance(child, list) else (child,):
                if item is None:
                    continue
                if isinstance(item, _Held):
                    held = held or item
                    continue
                if held is not None:
                    # the cell starts on the blank lines before its row opener: never padding
                    item = item._replace(start=held.start, line=held.line, column=held.column, padding=False)
                    held = None
                add(item)
        return out

    def row(self, children: list[Any]) -> list[Any]:
        # children[0] is the ROW token; the first cell after it opens the row
        for i in range(1, len(children)):
            item = children[i]
            if item.__class__ is _ScannedCell:
                children[i] = item._replace(opens_row=True)
                break
        return children[1:]

    def cell(self, children: list[Token]) -> _ScannedCell:
        closer = children[-1]
        first = children[0]
        if len(children) == 2 and first.type == "TEXT":
            # the commonest cell: text closed by a pipe on its own line segment
            piece = first.strip(_STRIP)
            return _new_tuple(
                _ScannedCell,
                (
                    (piece,),
                    piece,
                    False,
                    True,
                    first.start_pos,
                    closer.end_pos,
                    first.line,
                    first.column,
                    closer.line,
                    closer.end_column,
                    False,
                ),
            )
        held = _text_of(children[:-1])
        start, line, column = _start_of(first)
        return _new_tuple(
            _ScannedCell,
            (
                held,
                "".join(held),
                False,
                True,
                start,
                closer.end_pos,
                line,
                column,
                closer.line,
                closer.end_column,
                False,
            ),
        )

    def empty_cell(self, children: list[Token]) -> _ScannedCell:
        return _empty(children[0], False)

    def padding(self, children: list[Token]) -> _ScannedCell:
        return _empty(children[0], True)

    def lead_padding(self, children: list[Token]) -> _ScannedCell:
        return _empty(children[0], True)

    def open_cell(self, children: list[Token]) -> _ScannedCell | _Held:
        held = _text_of(children)
        start, line, column = _start_of(children[0])
        if not held:
            return _Held(start, line, column)
        last = children[-1]
        # ends where the next line (a row opener) starts; _read moves the end of the table's last cell (_lexer.py, 5)
        return _new_tuple(
            _ScannedCell,
            (
                held,
                "".join(held),
                False,
                False,
                start,
                last.end_pos,
                line,
                column,
                last.end_line,
                last.end_column,
                False,
            ),
        )

    def separator(self, children: list[Token]) -> None:
        return None


#: The rules of table.lark, each with the method of :class:`_ToCells` that handles it (tested to match).
TABLE_RULE_HANDLERS = ("table", "row", "cell", "empty_cell", "padding", "lead_padding", "open_cell", "separator")


@lru_cache(maxsize=1)
def _table_parser() -> Lark:
    return Lark(
        grammar_text(_TABLE_GRAMMAR_FILE),
        start="table",
        parser="lalr",
        strict=True,  # no shift/reduce conflict may be resolved silently
        lexer=TableLexer,
        transformer=_ToCells(),
        maybe_placeholders=False,
    )


def read_table(line_tokens: Sequence[Token]) -> tuple[list[TableLine], list[_ScannedCell]]:
    """A table's lines and its cells, read from its line tokens in one pass of the table grammar."""
    lines: list[TableLine] = []
    cells = _read(line_tokens, lines)
    return lines, cells


def table_cells(lines: Sequence[TableLine]) -> list[_ScannedCell]:
    """The cells of a table's lines (a table built in code): the same table grammar over its lines."""
    new = str.__new__
    tokens: list[Token] = []
    for line in lines:
        value = line.text + line.eol
        tok = new(Token, value)
        tok.type = line.kind.upper()
        tok.value = value
        tok.start_pos, tok.line, tok.column = line.offset, line.line, line.column
        tokens.append(tok)
    return _read(tokens, None)


def _read(line_tokens: Sequence[Token], lines: list[TableLine] | None) -> list[_ScannedCell]:
    if not line_tokens:
        return []
    cells = cast(list[_ScannedCell], _table_parser().parse(TableSource(line_tokens, lines)))
    if cells and not cells[-1].closed:
        # text left open at the table's end ends with the text of the last line (_lexer.py, 5)
        last = line_tokens[-1]
        value: str = last.value
        text_end = len(value) - (2 if value.endswith("\r\n") else 1 if value.endswith("\n") else 0)
        end = cast(int, last.start_pos) + text_end
        if cells[-1].end == cast(int, last.start_pos) + len(value):
            cells[-1] = cells[-1]._replace(
                end=end, end_line=cast(int, last.line), end_column=cast(int, last.column) + text_end
            )
    return cells


def _set_records(table: Table, cells: list[_ScannedCell]) -> None:
    object.__setattr__(table, "_records", tuple(cells))


@lru_cache(maxsize=1)
def _parser() -> Lark:
    return Lark(
        grammar_text(),
        parser="lalr",
        lexer=LineLexer,  # Lark's basic lexer's tokens, made in a tight loop (tests/test_linelexer.py)
        postlex=TablePostLex(),
        transformer=_ToBlocks(),
        maybe_placeholders=False,
    )


# ---------------------------------------------------------------------------
# blocks → outline


@attrs.define
class _Open:
    """A section being built."""

    line: _HeadingLine
    level: int
    children: list[Block] = attrs.Factory(list)
    last_ordinal: dict[str, int] = attrs.Factory(dict)

    def close(self) -> Section:
        # children are in document order: the last one ends the section
        span = self.line.span.cover(self.children[-1].span) if self.children else self.line.span
        return Section(
            self.line.number,
            self.line.title,
            self.line.body_text,
            self.level,
            tuple(self.children),
            self.line.indent,
            self.line.gap,
            self.line.eol,
            span=span,
        )


@attrs.define
class _Container:
    """The main text or an attachment body, with its own order of numbering kinds."""

    children: list[Block] = attrs.Factory(list)
    levels: dict[str, int] = attrs.Factory(dict)
    stack: list[_Open] = attrs.Factory(list)
    last_ordinal: dict[str, int] = attrs.Factory(dict)
    head: _AttachLine | None = None

    def add(self, block: Block) -> None:
        (self.stack[-1].children if self.stack else self.children).append(block)

    def close_to(self, level: int) -> None:
        while self.stack and self.stack[-1].level >= level:
            section = self.stack.pop().close()
            self.add(section)

    def freeze_attachment(self) -> Attachment:
        assert self.head is not None
        self.close_to(0)
        span = self.head.span.cover(self.children[-1].span) if self.children else self.head.span
        return Attachment(self.head.text, tuple(self.children), self.head.eol, span=span)


def _attachment_roles(blocks: Sequence[Any]) -> dict[int, bool]:
    """For each attachment line: True when it lists an attachment, False when it opens a body.

    A line followed by another attachment line lists one; so does the last
    line of the text.  Any other attachment line opens a body.
    """
    roles: dict[int, bool] = {}
    significant = [i for i, b in enumerate(blocks) if not isinstance(b, Blank)]
    for pos, i in enumerate(significant):
        if isinstance(blocks[i], _AttachLine):
            nxt = blocks[significant[pos + 1]] if pos + 1 < len(significant) else None
            roles[i] = nxt is None or isinstance(nxt, _AttachLine)
    return roles


def _build(blocks: list[Any], text: str, diagnostics: list[Diagnostic]) -> Report:
    roles = _attachment_roles(blocks)
    last_significant = max((i for i, b in enumerate(blocks) if not isinstance(b, Blank)), default=-1)
    top: list[Block] = []
    preamble: list[Block] = []
    in_preamble = True
    main = _Container(children=top)
    current = main
    pending_list: list[AttachmentRef] = []

    def flush_list() -> None:
        if pending_list:
            span = pending_list[0].span.cover(pending_list[-1].span)
            top.append(AttachmentList(tuple(pending_list), span=span))
            pending_list.clear()

    def end_attachment() -> None:
        nonlocal current
        if current is not main:
            top.append(current.freeze_attachment())
            current = main
        else:
            main.close_to(0)

    for index, block in enumerate(blocks):
        if in_preamble:
            if isinstance(block, Paragraph | Blank | PublicationDate | Table):
                preamble.append(block)
                continue
            in_preamble = False
            if preamble:
                span = preamble[0].span.cover(preamble[-1].span)
                top.append(Preamble(tuple(preamble), span=span))
        if pending_list and not (isinstance(block, _AttachLine) and roles[index]):
            flush_list()
        if isinstance(block, _HeadingLine):
            _open_section(current, block, diagnostics)
        elif isinstance(block, _AttachLine):
            end_attachment()
            if roles[index]:
                pending_list.append(AttachmentRef(block.text, block.eol, span=block.span))
            else:
                current = _Container(head=block)
        elif isinstance(block, Signature):
            current.close_to(0)
            current.add(block)
        elif isinstance(block, FileName) and index == last_significant:
            end_attachment()
            top.append(block)
        elif isinstance(block, FileName):
            current.add(Paragraph(block.text, block.eol, span=block.span))
        else:
            current.add(block)
    if in_preamble and preamble:
        span = preamble[0].span.cover(preamble[-1].span)
        top.append(Preamble(tuple(preamble), span=span))
    flush_list()
    end_attachment()
    for table in (b for b in _walk_all(top) if isinstance(b, Table)):
        for cell in _cells_of(table):
            if not cell.closed:
                diagnostics.append(
                    Diagnostic("unclosed-cell", f"cell text {cell.text[:20]!r} is not closed by a pipe", span=cell.span)
                )
    diagnostics.sort(key=lambda d: d.span.start)
    span = Span(0, len(text), 1, 1, text.count("\n") + 1, len(text) - (text.rfind("\n") + 1) + 1)
    return Report(tuple(top), diagnostics=tuple(diagnostics), span=span)


def _walk_all(blocks: Sequence[Block]) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        out.append(b)
        if isinstance(b, Section | Attachment | Preamble):
            out.extend(_walk_all(b.children))
    return out


def _open_section(container: _Container, line: _HeadingLine, diagnostics: list[Diagnostic]) -> None:
    kind = line.number.kind
    level = container.levels.setdefault(kind, len(container.levels) + 1)
    container.close_to(level)
    parent_ordinals = container.stack[-1].last_ordinal if container.stack else container.last_ordinal
    expected = parent_ordinals.get(kind, 0) + 1
    if line.number.ordinal != expected:
        diagnostics.append(
            Diagnostic(
                "ordinal-sequence",
                f"heading {line.number.raw!r} breaks the sequence: expected number {expected} of this kind here",
                span=line.span,
            )
        )
    parent_ordinals[kind] = line.number.ordinal
    container.stack.append(_Open(line, level))


# ---------------------------------------------------------------------------
# public API


def parse(text: str, *, strict: bool = False, source_name: str | None = None) -> Report:
    """Parse the text of a report into a :class:`~govinfo_reports.nodes.Report`.

    In the default, lenient mode this never raises for a ``str``: what had
    to be guessed is recorded in :attr:`Report.diagnostics`.  With
    ``strict=True`` the first such guess raises :class:`ParseError`.

    >>> from govinfo_reports import render
    >>> report = parse("一、总体情况\\n本年度未收到申请。\\n")
    >>> [s.title for s in report.sections]
    ['总体情况']
    >>> render(report) == "一、总体情况\\n本年度未收到申请。\\n"
    True

    Args:
        text: The report's text (already decoded).
        strict: Raise on anything the parser had to guess.
        source_name: A file name to show in error messages.

    Raises:
        TypeError: ``text`` is not a ``str``.
        ParseError: strict mode only.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() takes a str, not {type(text).__name__}; use parse_file() for files")
    with paused_gc():
        report = _parse(text, strict, source_name)
    if strict and report.diagnostics:
        first = report.diagnostics[0]
        raise ParseError(
            first.message,
            text=text,
            line=first.span.line,
            column=first.span.column,
            code=first.code,
            source_name=source_name,
        )
    return report


def _parse(text: str, strict: bool, source_name: str | None) -> Report:
    breaks = virtual_breaks(text)
    try:
        if breaks is None:
            blocks = cast(list[Any], _parser().parse(text)) if text else []
        else:
            reset = CURRENT_BREAKS.set(breaks)
            try:
                blocks = cast(list[Any], _parser().parse(breaks.modified))
            finally:
                CURRENT_BREAKS.reset(reset)
    except (UnexpectedInput, LarkError) as exc:  # pragma: no cover - the grammar accepts any text
        line = getattr(exc, "line", 1) or 1
        column = getattr(exc, "column", 1) or 1
        if strict:
            raise ParseError(
                "the text does not fit the report grammar",
                text=text,
                line=line,
                column=column,
                source_name=source_name,
            ) from None
        blocks = _fallback_blocks(text)
    return _build(blocks, text, _break_diagnostics(breaks))


def _break_diagnostics(breaks: VirtualBreaks | None) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    if breaks is None:
        return out
    for offset in breaks.offsets:
        line = bisect_right(breaks.line_starts, offset)
        column = offset - breaks.line_starts[line - 1] + 1
        out.append(
            Diagnostic(
                "run-together-lines",
                "a long line holds headings run together; a line break was assumed before this one",
                span=Span(offset, offset, line, column, line, column),
            )
        )
    return out


def _fallback_blocks(text: str) -> list[Any]:  # pragma: no cover - safety net, see parse()
    out: list[Any] = []
    offset = 0
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        body, eol = _split_eol(raw)
        span = Span(offset, offset + len(raw), number, 1, number + 1, 1)
        out.append(Paragraph(body, eol, span=span))
        offset += len(raw)
    return out


def text_codec(name: str) -> str | None:
    """The canonical name of a text encoding called ``name``, or ``None`` (unknown, or not a text encoding).

    Python's codec registry also holds bytes-to-bytes and str-to-str codecs
    (``base64``, ``zlib``, ``rot13`` ...); they are not text encodings.

    >>> text_codec("GBK"), text_codec("utf8"), text_codec("rot13"), text_codec("no-such-thing")
    ('gbk', 'utf-8', None, None)
    """
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):  # ValueError: a name with a NUL character
        return None
    return info.name if getattr(info, "_is_text_encoding", True) else None


#: Encodings that charset-normalizer may name for a Chinese report, and the codec that reads them.
_CHINESE_CODECS = {
    "gb18030": "gb18030",
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "cp936": "gb18030",
    "hz": "hz",
    "big5": "big5",
    "big5hkscs": "big5hkscs",
    "cp950": "cp950",
}
#: Share of the non-ASCII characters of a GB18030 reading that may lie outside GB2312 for the reading to be
#: taken without asking charset-normalizer (Big5 or Shift-JIS bytes read as GB18030 are mostly outside it).
_GB2312_SHARE = 0.9


_KANA = re.compile("[\u3040-\u30ff]")


def _plausibly_gb(text: str) -> bool:
    """Whether a GB18030 reading looks like GB text: nearly all its non-ASCII characters are GB2312 ones, not kana.

    (EUC-JP reads as GB2312 characters too, its kana as kana.)
    """
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    if not non_ascii:
        return True
    in_gb2312 = len(text.encode("gb2312", "ignore").decode("gb2312")) - (len(text) - non_ascii)
    kana = len(_KANA.findall(text))
    return in_gb2312 - kana >= _GB2312_SHARE * non_ascii


def _detect(data: bytes, path: str) -> str:
    """Decode bytes that are neither UTF-8 nor plausibly GB18030: ask charset-normalizer."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guess = best.encoding if best is not None else None
    codec = _CHINESE_CODECS.get(guess or "")
    if codec is None:
        what = f"looks like {guess}" if guess else "in no encoding that could be detected"
        raise DecodeError(
            f"not in a Chinese text encoding (UTF-8, GB18030, Big5): {what}; pass encoding= to read it anyway",
            path=path,
        )
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:  # pragma: no cover - charset-normalizer decoded it
        raise DecodeError(f"not {codec} ({exc.reason} at byte {exc.start})", path=path) from None


#: Characters outside the scripts and symbols a report is written in (Latin, CJK, their punctuation and forms).
_UNUSUAL = re.compile(
    "[^\t\n\r\x20-\x7e\u00a0-\u024f\u2000-\u206f\u2100-\u27bf\u3000-\u30ff\u3400-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)
#: The share of unusual characters above which a reading (by a UTF-16 or UTF-32 BOM) is not text.
_UNUSUAL_SHARE = 0.2


def _reads_as_text(text: str) -> bool:
    return _UNUSUAL.subn("", text)[1] <= _UNUSUAL_SHARE * len(text)


_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes, *, path: str = "<bytes>", encoding: str | None = None) -> str:
    """Decode a report file.

    The rules, in order:

    1. an explicit ``encoding`` is used as given (it must name a text encoding);
    2. a byte order mark decides: UTF-8, UTF-16 or UTF-32, little or big endian (the BOM is dropped);
    3. a file with NUL bytes is binary;
    4. UTF-8;
    5. GB18030 (a superset of GBK and GB2312), when nearly all its non-ASCII characters are GB2312 ones;
    6. otherwise charset-normalizer decides: GB18030 or Big5 are read, anything else
       (Shift-JIS, Latin-1, ...) is not the text of a Chinese report.

    >>> decode("总体情况".encode("gbk"))
    '总体情况'
    >>> decode(codecs.BOM_UTF16_LE + "总体情况".encode("utf-16-le"))
    '总体情况'
    >>> decode(b"\\x81", encoding="rot13")
    Traceback (most recent call last):
    ...
    govinfo_reports.errors.DecodeError: <bytes>: 'rot13' is not the name of a text encoding

    Args:
        data: The file's bytes.
        path: The file's name, for error messages.
        encoding: The encoding to use instead of detecting one.

    Raises:
        DecodeError: the data is binary, not in the given encoding, or in none that is detected.
    """
    if encoding is not None:
        codec = text_codec(encoding)
        if codec is None:
            raise DecodeError(f"{encoding!r} is not the name of a text encoding", path=path)
        try:
            text = data.decode(codec)
        except UnicodeError as exc:
            raise DecodeError(f"not {codec}: {exc}", path=path) from None
        return text[1:] if text.startswith("\ufeff") else text
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"starts with a {codec} BOM but is not {codec} ({exc.reason} at byte {exc.start + len(bom)})",
                    path=path,
                ) from None
            # two bytes of a binary file may look like a UTF-16 BOM: the rest must read as text
            if codec != "utf-8" and not _reads_as_text(text):
                raise DecodeError(f"starts with a {codec} BOM but does not read as text in it", path=path)
            return text
    if b"\x00" in data:
        raise DecodeError("binary file (NUL bytes), not a text report", path=path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if _plausibly_gb(text):
            return text
    return _detect(data, path)


def _read_regular(name: str) -> bytes:
    """The bytes of a regular file; anything else (a FIFO, a device, a directory) would block or is no report."""
    kinds = (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )

    def refuse(mode: int) -> DecodeError:
        kind = next((label for test, label in kinds if test(mode)), "not a regular file")
        return DecodeError(f"{kind}, not a regular file", path=name)

    mode = os.stat(name).st_mode
    if not stat.S_ISREG(mode):
        raise refuse(mode)
    # non-blocking: should the name be swapped for a FIFO after the check, opening it does not wait for a writer
    fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as f:
        mode = os.fstat(f.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise refuse(mode)
        return f.read()


def parse_file(path: str | os.PathLike[str], *, strict: bool = False, encoding: str | None = None) -> Report:
    """Read and parse a report file.

    The encoding is detected by the rules of :func:`decode` unless ``encoding``
    names it.  HTML files (``.html``, ``.htm``) go through
    :func:`govinfo_reports.parse_html` (their ``<meta charset>`` counts too).

    Args:
        path: The file.
        strict: As for :func:`parse`.
        encoding: The file's encoding, instead of detecting it.

    Raises:
        DecodeError: the file is not a regular file, is binary, or cannot be decoded.
        GovinfoError: an HTML file, and lxml (the ``html`` extra) is not installed.
        ParseError: strict mode only.
        OSError: the file cannot be read.
    """
    name = os.fspath(path)
    data = _read_regular(name)
    if name.lower().endswith((".html", ".htm")):
        from govinfo_reports.html import parse_html

        # bytes unless the encoding is given: the page's <meta charset> may decide it
        page: str | bytes = data if encoding is None else decode(data, path=name, encoding=encoding)
        return parse_html(page, strict=strict, source_name=name)
    text = decode(data, path=name, encoding=encoding)
    return parse(text, strict=strict, source_name=name)
