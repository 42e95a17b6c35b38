"""Text → typed tree: the Lark parser, its transformer, and the outline builder.

The grammar (``grammar/report.lark``) turns the text into a flat sequence of
blocks: heading lines, paragraphs, signatures, attachment lines, tables.
:func:`_build` then folds that sequence into the outline: a heading's level
comes from its numbering kind, in the order the kinds first appear in the
document (separately inside each attachment).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, cast

import attrs
from lark import Lark, Token, Transformer
from lark.exceptions import LarkError, UnexpectedInput

from govinfo_reports._gc import paused_gc
from govinfo_reports.errors import ParseError
from govinfo_reports.syntax.cells import read_table
from govinfo_reports.syntax.grammar import grammar_text
from govinfo_reports.syntax.linelexer import LineLexer
from govinfo_reports.syntax.nodes import (
    NO_SPAN,
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
    keep_scanned_cells,
    scanned_cells,
)
from govinfo_reports.syntax.numerals import numeral_value
from govinfo_reports.syntax.postlex import (
    CURRENT_BREAKS,
    ProseToken,
    TablePostLex,
    TableToken,
    VirtualBreaks,
    line_shapes,
    prose_lines,
    virtual_breaks,
)

__all__ = ["RULE_HANDLERS", "heading_parts", "parse"]


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


# not frozen: a frozen attrs class sets each field through object.__setattr__, 0.45 µs more a heading
# (5% of the pipeline's time on '1.\n' repeated); nothing changes it once made
@attrs.define
class _HeadingLine:
    """A heading line of the grammar's blocks, cut into the parts of its :class:`Section`."""

    number: Numbering
    indent: str
    gap: str
    title: str
    body_text: str
    eol: str
    span: Span


_SP = r"[ \t\u3000\u00a0\ufeff]*"
_GAP = r"[ \t\u3000\u00a0]*"
#: Each heading terminal's numbering kind, and its line's indent, number (its digits inside), and gap before the title.
_HEADING_RES: dict[str, tuple[NumberingKind, re.Pattern[str]]] = {
    "H_CN": ("cn", re.compile(rf"({_SP})(([一二三四五六七八九十百零〇]+)[ \t]*、)({_GAP})")),
    "H_PAREN_CN": ("paren_cn", re.compile(rf"({_SP})([(（][ \t]*([一二三四五六七八九十百零〇]+)[ \t]*[)）])({_GAP})")),
    "H_ARABIC": ("arabic", re.compile(rf"({_SP})(([0-9０-９]{{1,3}})[ \t]*(?:、|[.．]))({_GAP})")),
    "H_PAREN_ARABIC": ("paren_arabic", re.compile(rf"({_SP})([(（][ \t]*([0-9０-９]{{1,3}})[ \t]*[)）])({_GAP})")),
    "H_CIRCLED": ("circled", re.compile(rf"({_SP})(([①-⑳]))({_GAP})")),
}


def _heading_line(kind: str, value: str, span: Span) -> _HeadingLine:
    """A heading line's parts, from the heading terminal ``kind`` that matched ``value`` (its line ending included)."""
    numbering_kind, pattern = _HEADING_RES[kind]
    m = pattern.match(value)
    assert m is not None, (kind, value)  # the grammar matched the same shape
    indent, raw, digits, gap = m.groups()
    text, eol = _split_eol(value)
    rest = text[m.end() :]
    title, body = rest, ""
    stop = rest.find("。")
    if 0 <= stop < len(rest) - 1:
        title, body = rest[:stop], rest[stop + 1 :]
    return _HeadingLine(Numbering(numbering_kind, numeral_value(digits) or 0, raw), indent, gap, title, body, eol, span)


def heading_parts(kind: str, text: str) -> tuple[Numbering, str, str, str, str]:
    """Split a heading line (without its line ending) into number, indent, gap, title and body text."""
    line = _heading_line(kind, text, NO_SPAN)
    return line.number, line.indent, line.gap, line.title, line.body_text


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
        return _heading_line(tok.type, tok.value, _span(tok))

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

    def prose(self, children: list[Token]) -> list[Any]:
        # a run of plain lines (postlex.py, item 10): a paragraph per text line, a heading per heading line,
        # a blank node per run of blank lines; the run ends with a line that is no blank line
        (tok,) = children
        out: list[Any] = []
        add = out.append
        offset = cast(int, tok.start_pos)
        line = cast(int, tok.line)
        column = cast(int, tok.column)
        shapes = line_shapes()
        kinds = cast(ProseToken, tok).kinds  # the post-lexer's reading of its lines, if it read them
        read = iter(kinds) if kinds else None
        for m in prose_lines().finditer(tok.value):
            raw = m.group()
            kind = m.lastgroup
            if kind == "BLANK":
                pass
            elif read is not None:
                kind = next(read)
            elif kind == "OPENS":  # a line that may be a heading: which terminal it is
                kind = cast(re.Match[str], shapes.match(raw)).lastgroup
            end = offset + len(raw)
            if raw[-1] != "\n":  # the text's last line
                span = Span(offset, end, line, column, line, column + len(raw))
                add(Paragraph(raw, "", span=span) if kind == "TEXT" else _heading_line(cast(str, kind), raw, span))
                break
            cut = 2 if raw[-2:] == "\r\n" else 1
            if kind == "TEXT":
                add(Paragraph(raw[:-cut], raw[-cut:], span=Span(offset, end, line, column, line + 1, 1)))
                line += 1
            elif kind == "BLANK":
                breaks = raw.count("\n")
                add(Blank(raw[:-cut], raw[-cut:], span=Span(offset, end, line, column, line + breaks, 1)))
                line += breaks
            else:
                add(_heading_line(cast(str, kind), raw, Span(offset, end, line, column, line + 1, 1)))
                line += 1
            column = 1
            offset = end
        return out

    def lone_date(self, children: list[Token]) -> Paragraph:
        (tok,) = children
        text, eol = _split_eol(tok.value)
        return Paragraph(text, eol, span=_span(tok))

    def blank(self, children: list[Token]) -> Blank:
        (tok,) = children
        text, eol = _split_eol(tok.value)
        return Blank(text, eol, span=_span(tok))

    def attachment(self, children: list[Token]) -> AttachmentRef:
        # an attachment line, read as a list entry; _build makes it the head of an attachment's body if it opens one
        (tok,) = children
        text, eol = _split_eol(tok.value)
        return AttachmentRef(text, eol, span=_span(tok))

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
        keep_scanned_cells(table, cells)
        return table


#: The rules of report.lark, each with the transformer method that handles it (tested to match).
RULE_HANDLERS = (
    "start",
    "heading",
    "text_run",
    "prose",
    "lone_date",
    "blank",
    "attachment",
    "filename",
    "pubdate",
    "table",
)


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
    #: The number of its last subsection of each numbering kind.
    last_ordinal: dict[str, int] = attrs.Factory(dict)

    def close(self) -> Section:
        line = self.line
        children = self.children
        # children are in document order: the last one ends the section
        span = line.span.cover(children[-1].span) if children else line.span
        return Section(
            line.number,
            line.title,
            line.body_text,
            self.level,
            tuple(children),
            line.indent,
            line.gap,
            line.eol,
            span=span,
        )


@attrs.define
class _Container:
    """The main text or an attachment body, with its own order of numbering kinds."""

    children: list[Block] = attrs.Factory(list)
    #: The level of each numbering kind, in the order the kinds first appear.
    levels: dict[str, int] = attrs.Factory(dict)
    #: The sections open, outermost first.
    stack: list[_Open] = attrs.Factory(list)
    #: The number of its last top-level section of each numbering kind.
    last_ordinal: dict[str, int] = attrs.Factory(dict)
    head: AttachmentRef | None = None
    #: Where the next block goes: the innermost open section's children, or the container's own.
    into: list[Block] = attrs.field(init=False, default=attrs.Factory(lambda self: self.children, takes_self=True))

    def close_to(self, level: int) -> None:
        """Close the open sections of ``level`` and deeper."""
        stack = self.stack
        while stack and stack[-1].level >= level:
            section = stack.pop().close()
            self.into = stack[-1].children if stack else self.children
            self.into.append(section)

    def open(self, line: _HeadingLine, diagnostics: list[Diagnostic]) -> None:
        """Open the section of heading ``line``, after closing those of its level and deeper."""
        number = line.number
        kind = number.kind
        level = self.levels.setdefault(kind, len(self.levels) + 1)
        self.close_to(level)
        parent_ordinals = self.stack[-1].last_ordinal if self.stack else self.last_ordinal
        expected = parent_ordinals.get(kind, 0) + 1
        if number.ordinal != expected:
            diagnostics.append(
                Diagnostic(
                    "ordinal-sequence",
                    f"heading {number.raw!r} breaks the sequence: expected number {expected} of this kind here",
                    span=line.span,
                )
            )
        parent_ordinals[kind] = number.ordinal
        section = _Open(line, level)
        self.stack.append(section)
        self.into = section.children

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
    n = len(blocks)
    for i, block in enumerate(blocks):
        if block.__class__ is AttachmentRef:
            j = i + 1
            while j < n and blocks[j].__class__ is Blank:  # scans that never overlap: linear
                j += 1
            roles[i] = j == n or blocks[j].__class__ is AttachmentRef
    return roles


def _build(blocks: list[Any], text: str, diagnostics: list[Diagnostic]) -> Report:
    roles = _attachment_roles(blocks)
    last_significant = len(blocks) - 1
    while last_significant >= 0 and blocks[last_significant].__class__ is Blank:
        last_significant -= 1
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
        cls = block.__class__
        if in_preamble:
            if cls is Paragraph or cls is Blank or cls is PublicationDate or cls is Table:
                preamble.append(block)
                continue
            in_preamble = False
            if preamble:
                span = preamble[0].span.cover(preamble[-1].span)
                top.append(Preamble(tuple(preamble), span=span))
        if pending_list and not (cls is AttachmentRef and roles[index]):
            flush_list()
        if cls is Paragraph or cls is Blank:  # the commonest blocks first
            current.into.append(block)
        elif cls is _HeadingLine:
            current.open(block, diagnostics)
        elif cls is AttachmentRef:
            end_attachment()
            if roles[index]:
                pending_list.append(block)
            else:
                current = _Container(head=block)
        elif cls is Signature:
            current.close_to(0)
            current.into.append(block)
        elif cls is FileName and index == last_significant:
            end_attachment()
            top.append(block)
        elif cls is FileName:
            current.into.append(Paragraph(block.text, block.eol, span=block.span))
        else:
            current.into.append(block)
    if in_preamble and preamble:
        span = preamble[0].span.cover(preamble[-1].span)
        top.append(Preamble(tuple(preamble), span=span))
    flush_list()
    end_attachment()
    for table in blocks:  # every table of the report is one of the grammar's blocks (the outline only nests them)
        if table.__class__ is not Table:
            continue
        for cell in scanned_cells(table):
            if not cell.closed:
                diagnostics.append(
                    Diagnostic("unclosed-cell", f"cell text {cell.text[:20]!r} is not closed by a pipe", span=cell.span)
                )
    diagnostics.sort(key=lambda d: d.span.start)
    span = Span(0, len(text), 1, 1, text.count("\n") + 1, len(text) - (text.rfind("\n") + 1) + 1)
    return Report(tuple(top), diagnostics=tuple(diagnostics), span=span)


# ---------------------------------------------------------------------------
# public API


def parse(text: str, *, strict: bool = False, source_name: str | None = None) -> Report:
    """Parse the text of a report into a :class:`~govinfo_reports.syntax.nodes.Report`.

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
