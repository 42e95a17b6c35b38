"""The post-lexer and the table lexer: what the grammars leave to Python.

``grammar/report.lark`` classifies each line by its shape; ``grammar/table.lark``
reads a table's lines into rows, cells, continuation lines and padding.  Both
are LALR grammars with one token of look-ahead.  What they cannot decide
that way is decided here, and only here (the grammar files point to this
list; the numbers are referred to from the code):

1. **Which pipe-less lines belong to a table.**  Whether a line is the
   continuation of a cell depends on a pipe that closes it, possibly several
   lines later: more than one token of look-ahead.  :class:`TablePostLex`
   holds back runs of pipe-less lines inside a table and re-types them as
   ``CELL`` when a closing pipe line ends the run (the device lark's
   ``Indenter`` uses for Python's indentation):

   * Inside a table, a run of pipe-less lines (at most :data:`MAX_RUN`) that
     ends at a closing line (``text |`` or pipes only) is cell text, whatever
     the lines look like: a line inside a table is never a heading (but see 2).
   * A run that ends otherwise (a row opener, the end of the text, an ``附件``
     line) ends the table; a run of blank lines between pipe lines stays in it.
   * Outside a table, a text line directly followed by a pipes-only line is
     the first cell of a new table (``19`` / ``|``).

   It then hands each table over as one ``TABLE`` token holding its line
   tokens, so that report.lark takes one step per table (tables are most of
   a report's lines) and table.lark reads the lines.
2. **Heading or cell, by the outline's numbering.**  Except in layout A with
   no row opener so far: a heading line directly followed by a ``text |``
   line, and numbered next in the outline (the last heading of its kind
   outside a table had the number before), is the heading of what follows,
   and the table ends before it (seed 000's ``二、主动公开情况`` / ``指标 |``
   after ``一、基本情况``).  Any other heading-shaped line is a cell's first
   line (``1.申请人…、行政机关`` / ``不再处理其… |``).  Numbers seen earlier
   in the document are no look-ahead at all: this is state a context-free
   grammar does not keep.
3. **Run-together lines of single-line scrapes.**  A scrape that dropped every
   line break has no lines for the grammar to read.  :func:`virtual_breaks`
   finds where a break was lost (before a heading number after the end of a
   sentence or a table's last value, in lines longer than :data:`LONG_LINE`,
   where the numbering goes up: a number is state, no grammar keeps it; never
   before a row label of the template, ``T3_LABEL``); the parser reads a copy
   with those breaks and :class:`VirtualBreaks` takes them out of the tokens
   again.
4. **Blank lines right before a row opener.**  Blank lines with no text
   pending since the last closing pipe, then a row opener: they are not a
   cell, the first cell of the row starts on them (its span covers them, and
   it is not padding).  The grammar sees a blank continuation line and would
   have to look past it to the row opener; table.lark reads such lines as an
   ``open_cell`` without text, and ``cells._ToCells.table`` moves the start
   of the next cell there.
5. **Where text left open ends.**  Text left open before a row opener ends
   where the opener's line starts; at the table's end it ends with the text
   of the last line (not its line ending).  The token that tells the two
   apart is the look-ahead of the ``open_cell`` reduction, which its handler
   does not see; ``cells._read`` moves the end of the table's last cell.
6. **How the table lexer cuts a line.**  :class:`TableLexer` cuts each line
   by its report.lark terminal: the first pipe of an ``OPEN`` line is
   ``ROW``, that of a ``PIPES`` line of several pipes ``PAD_LEAD``; ``PAD``
   (a pipe right after another) is not tried right after ``ROW``, since the
   row opener closes no cell.  The rest of the cutting is the terminals of
   table.lark, in their priority order.  A table without pipes (its lines
   ``SPACED``, ``ITEM`` and ``GAP``, item 8) is one ``BARE`` token holding
   its lines.
7. **Which pipe-less lines make a table without pipes.**  report.lark
   marks the lines that may be such a table's values (``VALUE_LINE``: values
   alone, ``ROW_LINE``: a row label followed by its values) and the row labels
   of national table 三 (``T3_LABEL``), but whether they, and the short lines
   around them (header cells, labels), are a table needs a look-ahead of any
   length: a table is known only at its second value line.
   :func:`bare_tables` holds such lines back (at most :data:`MAX_LEAD` lines
   before the first value line, :data:`MAX_TAIL` after the last) and:

   * A run of candidate lines (blank lines, value lines, ``T3_LABEL`` lines,
     text lines of at most :data:`MAX_CELL` characters that do not end a
     sentence, heading-shaped lines that do not continue the outline) holding
     two value lines, or one line ending in :data:`MIN_VALUES` values, is a table; it starts at its first line that is neither
     blank nor heading-shaped (a heading right before a table is its heading) and
     ends at its last value line (or at a ``T3_LABEL`` line after it).  A row label of the template is never a
     heading (``T3_LABEL``); another heading-shaped line numbered next in the
     outline (its kind's last number plus one, or 1 for a kind not seen yet)
     is a section heading and ends the table: ``三、收到和处理…`` between two
     tables is not swallowed into a cell.  So is a ``ROW_LINE`` shaped like
     such a heading (a title that ends in numbers), unless it starts with a
     row label of the template.
   * A statistics table (a legacy one): once its header is held (a name
     column, 统计指标 or 指标名称, on the line before a unit column, 单位 or
     计量单位, or both on one line), its heading-shaped lines (一、主动公开情况,
     (一)主动公开政府信息数) are row labels whatever the outline, and its text
     lines may be as long as :data:`MAX_LABEL` characters, until the table
     ends (a line that is no candidate, or :data:`MAX_TAIL` lines after its
     last value line).
   * Nothing of this starts within :data:`MAX_RUN` lines of a pipe line (those
     lines are item 1's), and a pipe line ends such a table.
   * Candidate lines that make no table get the terminal they would have had
     without ``VALUE_LINE``, ``ROW_LINE`` and ``T3_LABEL`` (a paragraph, a
     heading): report.lark's other terminals, in Lark's order.
8. **How a table without pipes is read, line by line.**  Its blank lines are
   ``GAP``, its value rows (``ROW_LINE``, several values) ``SPACED``: cells
   separated by blanks.  Its other lines are one cell each (``ITEM``) when the
   table is written a cell per line (more lines holding a single value than
   rows of several), otherwise ``SPACED`` as well (header words on one line).
   One line shape means either, by the rest of the table: a look-ahead no
   line grammar has.
9. **Runs of blank lines.**  report.lark makes a run of blank lines one
   ``BLANK`` token (the parser one :class:`~govinfo_reports.syntax.nodes.Blank`),
   so that a text of empty lines costs per run, not per line.  Items 1, 4, 7
   and 8 count lines and give a blank line a meaning of its own (a cell's
   continuation, a gap between cells), so where they may, the run is cut into
   its lines again: :func:`bare_tables` cuts off the lines that may still
   belong to a table (at most :data:`MAX_RUN` + :data:`MAX_TAIL` +
   :data:`MAX_LEAD` + 3 at its head, :data:`MAX_LEAD` at its tail) and keeps the
   middle one token; ``_retype`` cuts a run that reaches it inside a table; and
   ``_fold_tables`` joins the blank lines left next to each other outside
   tables into one token again.  Bounded per run: linear.
10. **Runs of plain lines.**  report.lark makes a run of plain lines (text and
    heading lines that no table terminal, value, date, 附件 or file name line
    can match) and the blank lines between them one ``PROSE`` token, in pieces
    of at most 512 lines that :func:`bare_tables` joins again, so that a text
    of short lines costs per run in the lexer and the parser.  Its lines are
    their lexer tokens again (:func:`_prose_tokens`) wherever the items above
    may give them a meaning: :func:`bare_tables` cuts off its head while a
    table (or a pipe line's :data:`MAX_RUN` lines) may still reach it, and its
    last :data:`MAX_LEAD` lines, which may lead to a table after it, and lets
    the middle through as one token (:class:`ProseToken`), never cutting a
    run of blank lines.  A middle of text lines with nothing held would only
    be held and let go unchanged: what it changes in :func:`bare_tables`'
    state is set directly (a statistics table's header ends at a line that
    can be no cell of it).  A middle with headings, or after held lines, is
    followed line by line as ``step`` would follow it (``follow``: a held
    heading's number counts for the outline when it is let go), by the lines'
    kinds and numbers alone; a middle that may hold a statistics table's
    header (``指标``) is read as its tokens.  A run in a single-line scrape, or
    one that reaches ``_retype`` inside a table, is cut into its lines.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from functools import lru_cache
from typing import Any, TypeVar, cast

from lark import Token
from lark.common import LexerConf
from lark.lark import PostLex
from lark.lexer import BasicLexer, Lexer, LexerState
from lark.load_grammar import load_grammar

from govinfo_reports.syntax.grammar import grammar_text
from govinfo_reports.syntax.lines import TableLine
from govinfo_reports.syntax.numerals import numeral_value
from govinfo_reports.syntax.span import SPACES

__all__ = [
    "LONG_LINE",
    "MAX_CELL",
    "MAX_LABEL",
    "MAX_LEAD",
    "MAX_RUN",
    "MAX_TAIL",
    "MAX_TITLE",
    "MIN_VALUES",
    "ProseToken",
    "TableLexer",
    "TablePostLex",
    "TableSource",
    "TableToken",
    "VirtualBreaks",
    "bare_tables",
    "line_shapes",
    "prose_lines",
    "virtual_breaks",
]

#: The longest run of pipe-less lines that can still be the text of one cell.
MAX_RUN = 12

_PIPE_LINES = frozenset({"OPEN", "CLOSE", "PIPES", "MD_SEP", "CELL_PIPES"})
_CLOSERS = frozenset({"CLOSE", "PIPES", "CELL_PIPES"})
_HEADINGS = frozenset({"H_CN", "H_PAREN_CN", "H_ARABIC", "H_PAREN_ARABIC", "H_CIRCLED"})


#: Lines longer than this are searched for structure run together (single-line scrapes).
LONG_LINE = 2000

# Where a single-line scrape dropped a line break: before a heading number that
# follows the end of a sentence (or a colon, a space, or a number: a table's last value).
_RUN_TOGETHER = re.compile(
    r"(?<=[。；;！!？?：:）)\s0-9０-９])(?="
    r"([一二三四五六七八九十]{1,3})[ \t]*、"
    r"|[(（]([一二三四五六七八九十]{1,3})[)）]"
    r"|附件[0-9０-９]*[:：]"
    r")"
)


def _rising(line: str, start: int) -> list[int]:
    """Where a long line breaks before a heading: each heading's number above the last of its kind.

    A ``(一)`` counts from the last ``一、`` before it, an ``附件`` line starts the count again.  A number
    that does not go up (``(一)(一)(一)…``, a list quoted in a sentence) is no lost line break: it stays
    in the line it is in, with no heading, no section and no diagnostic for each.
    """
    last: dict[int, int] = {}
    opening = _LINE_HEADING.match(line)  # the line's own heading counts: its number is the first
    if opening is not None:
        group = 1 if opening.group(1) else 2
        last[group] = numeral_value(opening.group(group)) or 0
    out: list[int] = []
    row_label = _shapes()[1].match
    for m in _RUN_TOGETHER.finditer(line):
        group = 1 if m.group(1) else 2 if m.group(2) else 0
        if group and row_label(line, m.start()):
            continue  # a row label of the template (四、结转下年度…) is never a heading
        if group:
            ordinal = numeral_value(m.group(group)) or 0
            if ordinal <= last.get(group, 0):
                continue
            last[group] = ordinal
            if group == 1:
                last.pop(2, None)
        else:
            last.clear()
        out.append(start + m.start())
    return out


class VirtualBreaks:
    """Line breaks inserted into long lines so that their structure can be parsed.

    The grammar reads lines; a single-line scrape has none.  :func:`virtual_breaks`
    finds where the scraper dropped them; the parser parses a copy of the text
    with a a line break inserted at each place, and :class:`TablePostLex` takes the
    inserted characters out of the tokens again (their text, offsets, lines and
    columns), so the tree still describes, and renders to, the original text.
    """

    def __init__(self, text: str, offsets: list[int]) -> None:
        self.original = text
        #: Offsets in the original text where a break is inserted.
        self.offsets = offsets
        #: Positions of the inserted characters in the modified text.
        self.positions = [offset + i for i, offset in enumerate(offsets)]
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    @property
    def modified(self) -> str:
        """The text with the breaks inserted."""
        out: list[str] = []
        last = 0
        for offset in self.offsets:
            out.append(self.original[last:offset])
            out.append("\n")
            last = offset
        out.append(self.original[last:])
        return "".join(out)

    def _where(self, modified_offset: int) -> tuple[int, int, int]:
        offset = modified_offset - bisect_left(self.positions, modified_offset)
        line = bisect_right(self.line_starts, offset)
        return offset, line, offset - self.line_starts[line - 1] + 1

    def restore(self, token: Token) -> Token:
        """The token as it stands in the original text."""
        start_m = token.start_pos or 0
        end_m = token.end_pos or 0
        first = bisect_left(self.positions, start_m)
        last = bisect_left(self.positions, end_m)
        value = str(token.value)
        if first < last:
            cut = {p - start_m for p in self.positions[first:last]}
            value = "".join(ch for i, ch in enumerate(value) if i not in cut)
        start, line, column = self._where(start_m)
        end, end_line, end_column = self._where(end_m)
        return Token(token.type, value, start, line, column, end_line, end_column, end)


#: A line after the first that is longer than :data:`LONG_LINE`.
_LATER_LONG_LINE = re.compile(rf"\n[^\n]{{{LONG_LINE + 1}}}")


#: A heading number after a blank that follows text on the same line (paragraphs joined by spaces).
_JOINED = re.compile(
    r"(?<=[^\s|])[ \t\u3000\u00a0]+(?:([一二三四五六七八九十]{1,3})[ \t]*、|[(（]([一二三四五六七八九十]{1,3})[)）])(?=[^\s、])"
)
# The blanks that end a heading's title in a line of joined paragraphs.
_TITLE_END = re.compile(r"(?<=\S)[ \t\u3000\u00a0]+(?=\S)")
#: The longest heading title looked for in a line of joined paragraphs.
MAX_TITLE = 60
#: A line that opens with a heading number (its first section).
_LINE_HEADING = re.compile(
    r"[ \t\u3000\u00a0\ufeff]*(?:([一二三四五六七八九十]{1,3})[ \t]*、|[(（]([一二三四五六七八九十]{1,3})[)）])"
)


def _joined_breaks(line: str, start: int) -> list[int]:
    """Breaks before headings joined on one line after a blank, where they number a sequence.

    ``一、概述 … 二、主动公开 … (一)存在的问题 … (二)今后的改进措施 一、深化思想认识``: a
    ``一、`` heading must be numbered next after the line's last one (the first any number), a
    ``(一)`` heading next after the last since that ``一、`` heading (the first since it: 1, or
    any number before the line's first ``一、``).  ``一、深化…`` after ``六、`` is an item of a list, not a
    section.  At least two such breaks make the line a joined one; each heading's title then
    ends at the first blank after it (within :data:`MAX_TITLE` characters), where a break
    starts the paragraph joined to it (not before a heading number that numbers no sequence:
    that stays in the heading's line, as it would in a line of its own).
    """
    last: dict[int, int | None] = {1: None, 2: None}
    opening = _LINE_HEADING.match(line)
    if opening is not None:
        group = 1 if opening.group(1) else 2
        last[group] = numeral_value(opening.group(group)) or 0
    found: list[int] = []
    titles: list[int] = []  # where each heading's title starts, in the line
    for m in _JOINED.finditer(line):
        group = 1 if m.group(1) else 2
        ordinal = numeral_value(m.group(group)) or 0
        before = last[group]
        follows = (group == 1 or last[1] is None or ordinal == 1) if before is None else ordinal == before + 1
        if not follows:
            continue
        last[group] = ordinal
        if group == 1:
            last[2] = 0
        found.append(start + m.start())  # before the blanks: they indent the heading's line
        titles.append(m.end())
    if len(found) < 2:
        return []
    # each heading's title ends at the first blank after it: the paragraph joined to it starts there
    out: list[int] = []
    for here, title, after in zip(found, titles, [*found[1:], start + len(line)], strict=True):
        out.append(here)
        body = _TITLE_END.search(line, title, min(after - start, title + MAX_TITLE))
        if body is not None and start + body.end() < after and _LINE_HEADING.match(line, body.end()) is None:
            out.append(start + body.start())
    return out


def virtual_breaks(text: str) -> VirtualBreaks | None:
    """The breaks a single-line scrape lost, or ``None`` when every line is of normal length.

    Lines longer than :data:`LONG_LINE` break before a heading number after the end of a
    sentence, a colon or a blank; shorter lines without a pipe only where paragraphs were joined
    by blanks, before headings that number a sequence (:func:`_joined_breaks`).
    """
    first = text.find("\n")
    if (
        (first if first >= 0 else len(text)) <= LONG_LINE
        and _LATER_LONG_LINE.search(text) is None
        and _JOINED.search(text) is None
    ):
        return None  # the common case, decided in C: no line to search
    offsets: list[int] = []
    start = 0
    for line in text.split("\n"):
        if len(line) > LONG_LINE:
            found = _rising(line, start)
            if len(found) >= 2:
                offsets.extend(found)
        elif line and "|" not in line:  # (a pipe line is a table's row, not joined paragraphs)
            offsets.extend(_joined_breaks(line, start))
        start += len(line) + 1
    return VirtualBreaks(text, offsets) if offsets else None


#: The breaks of the text being parsed, if any (a context variable: parsing is thread-safe).
CURRENT_BREAKS: ContextVar[VirtualBreaks | None] = ContextVar("govinfo_reports_breaks", default=None)


_new_str = str.__new__


def _token(
    kind: str,
    value: str,
    start_pos: int | None,
    line: int | None,
    column: int | None,
    end_line: int | None,
    end_column: int | None,
    end_pos: int | None,
) -> Token:
    """``Token(kind, value, …)`` as Lark makes it, without its check for arguments given by their old names.

    The post-lexer makes a token for each line it cuts out of a run (items 9, 10) and for each line
    of a table without pipes (item 8); Lark's constructor costs twice this one.
    """
    tok = _new_str(Token, value)
    tok.type = kind
    tok.value = value
    tok.start_pos = start_pos
    tok.line = line
    tok.column = column
    tok.end_line = end_line
    tok.end_column = end_column
    tok.end_pos = end_pos
    return tok


def _retyped(kind: str, tok: Token) -> Token:
    """``tok`` as a token of ``kind`` (Lark's ``Token.new_borrow_pos``)."""
    return _token(kind, tok.value, tok.start_pos, tok.line, tok.column, tok.end_line, tok.end_column, tok.end_pos)


def _as_cell(token: Token) -> Token:
    return _retyped("CELL", token)


_EOL = re.compile("\n")


def _line_ends(value: str) -> list[int]:
    """Where each line of a token's value ends (after its line ending; the last may have none)."""
    ends = [m.end() for m in _EOL.finditer(value)]
    if not ends or ends[-1] != len(value):
        ends.append(len(value))
    return ends


@lru_cache(maxsize=1)
def prose_lines() -> re.Pattern[str]:
    """A line of a ``PROSE`` token: ``BLANK``, ``OPENS`` or ``TEXT``.

    ``BLANK`` is a run of blank lines; ``OPENS`` a line that opens with a heading's
    number (report.lark's ``_PROSE_HEADING``: which terminal it is, a heading,
    ``T3_LABEL`` or ``TEXT``, takes the lexer's terminals to tell); ``TEXT`` any
    other line (the PROSE terminal holds no other line).
    """
    return re.compile(
        rf"(?P<BLANK>(?:{_prose_piece('_PROSE_BLANK')})+)"
        rf"|(?P<OPENS>{_prose_piece('_PROSE_INDENT')}{_prose_piece('_PROSE_HEADING')}[^\n]*\n?)"
        r"|(?P<TEXT>[^\n]+\n?)"
    )


@lru_cache(maxsize=1)
def _opens_heading() -> re.Pattern[str]:
    """A line that opens with a heading's number, in a ``PROSE`` token's value (searched from a line's start)."""
    return re.compile(rf"(?:^|\n){_prose_piece('_PROSE_INDENT')}{_prose_piece('_PROSE_HEADING')}")


def _prose_tokens(tok: Token, start: int = 0, stop: int | None = None) -> list[Token]:
    """The tokens the lexer makes of a ``PROSE`` token's lines from offset ``start`` to ``stop``.

    ``start`` is where a line starts; so is ``stop`` (or the value's end).
    """
    value: str = tok.value
    pos = cast(int, tok.start_pos)
    line = cast(int, tok.line) + value.count("\n", 0, start)
    column = cast(int, tok.column) if start == 0 else 1
    out: list[Token] = []
    for m in prose_lines().finditer(value, start, len(value) if stop is None else stop):
        text = m.group()
        kind = m.lastgroup
        if kind == "OPENS":
            kind = cast(re.Match[str], _opening_shapes().match(text)).lastgroup
        if text[-1] == "\n":
            end_line, end_column = line + text.count("\n"), 1
        else:
            end_line, end_column = line, column + len(text)
        out.append(_token(cast(str, kind), text, pos + m.start(), line, column, end_line, end_column, pos + m.end()))
        line, column = end_line, end_column
    return out


class ProseToken(Token):
    """The middle of a run of plain lines as one token (item 10)."""

    #: The number of the last heading of each kind among its lines (the outline's state after them).
    ordinals: dict[str, int]
    #: The terminal of each of its lines that is no blank line, when it holds headings (else ``None``: all ``TEXT``).
    kinds: list[str] | None


def _tail_start(value: str, start: int, lines: int) -> int:
    """Where the last ``lines`` lines of a ``PROSE`` token's value begin (not before ``start``, a line's start).

    Blank lines count one by one; a run of blank lines is not cut: it starts the tail whole.
    """
    at = value.rfind("\n", 0, len(value) - 1) + 1  # the last line's start
    for _ in range(lines - 1):
        if at <= start:
            return start
        at = value.rfind("\n", 0, at - 1) + 1
    while at > start and _blank_line(value, at) and _blank_line(value, value.rfind("\n", 0, at - 1) + 1):
        at = value.rfind("\n", 0, at - 1) + 1
    return max(at, start)


def _blank_line(value: str, at: int) -> bool:
    """Whether the line of ``value`` that starts at ``at`` holds nothing but whitespace."""
    end = value.find("\n", at)
    return not value[at : len(value) if end < 0 else end].strip(SPACES)


def _prose_part(
    tok: Token, start: int, stop: int, ordinals: dict[str, int], kinds: list[str] | None = None
) -> ProseToken:
    """The lines of a ``PROSE`` token from offset ``start`` to ``stop`` (both where a line starts), as one."""
    pos = cast(int, tok.start_pos)
    value: str = tok.value
    line = cast(int, tok.line) + value.count("\n", 0, start)
    column = cast(int, tok.column) if start == 0 else 1
    if stop == len(value):
        end_line, end_column = cast(int, tok.end_line), cast(int, tok.end_column)
    else:
        end_line, end_column = line + value.count("\n", start, stop), 1
    part = cast(
        ProseToken,
        Token.__new__(
            ProseToken, "PROSE", value[start:stop], pos + start, line, column, end_line, end_column, pos + stop
        ),
    )
    part.ordinals = ordinals
    part.kinds = kinds
    return part


def _multiline_blank(tok: Token) -> bool:
    return tok.type == "BLANK" and "\n" in tok.value[:-1]


def _blank_part(tok: Token, ends: list[int], i: int, j: int) -> Token:
    """Lines ``i`` to ``j - 1`` of a run of blank lines (``ends``: :func:`_line_ends`), as one ``BLANK`` token."""
    start = ends[i - 1] if i else 0
    stop = ends[j - 1]
    pos = cast(int, tok.start_pos)
    line = cast(int, tok.line) + i
    if j == len(ends):
        end_line, end_column = cast(int, tok.end_line), cast(int, tok.end_column)
    else:
        end_line, end_column = cast(int, tok.line) + j, 1
    column = cast(int, tok.column) if i == 0 else 1
    return _token("BLANK", tok.value[start:stop], pos + start, line, column, end_line, end_column, pos + stop)


def _single_lines(tok: Token) -> list[Token]:
    """A ``PROSE`` token or a run of blank lines, a token per line."""
    out: list[Token] = []
    for part in _prose_tokens(tok) if tok.type == "PROSE" else (tok,):
        if _multiline_blank(part):
            ends = _line_ends(part.value)
            out.extend(_blank_part(part, ends, i, i + 1) for i in range(len(ends)))
        else:
            out.append(part)
    return out


def _join_blanks(tokens: list[Token]) -> Token:
    """Blank-line tokens next to each other, as one."""
    return tokens[0] if len(tokens) == 1 else _covering(Token, "BLANK", tokens)


_T = TypeVar("_T", bound=Token)


def _covering(cls: type[_T], kind: str, tokens: list[Token]) -> _T:
    """One token of ``kind`` made of ``tokens``, from where the first starts to where the last ends."""
    first, last = tokens[0], tokens[-1]
    value = "".join(tokens)
    return cast(
        _T,
        Token.__new__(
            cls, kind, value, first.start_pos, first.line, first.column, last.end_line, last.end_column, last.end_pos
        ),
    )


class TableToken(Token):
    """A whole table as one token; :attr:`lines` holds its line tokens."""

    #: The table's line tokens (OPEN, CLOSE, PIPES, MD_SEP, CELL, CELL_PIPES), in order.
    lines: list[Token]


_PIPE_TABLE_LINES = frozenset({"OPEN", "CLOSE", "PIPES", "MD_SEP", "CELL", "CELL_PIPES"})
#: The lines of a table without pipes (items 7 and 8).
_BARE_LINES = frozenset({"SPACED", "ITEM", "GAP"})
_TABLE_LINES = _PIPE_TABLE_LINES | _BARE_LINES
#: The line terminals of report.lark that only a table without pipes gives a meaning (item 7).
_TENTATIVE = frozenset({"VALUE_LINE", "ROW_LINE", "T3_LABEL"})


def _fold_tables(stream: Iterator[Token]) -> Iterator[Token]:
    """Hand each run of table-line tokens over as one ``TABLE`` token (a table with pipes or one without)."""
    lines: list[Token] = []
    blanks: list[Token] = []  # blank lines next to each other outside tables (item 9)
    bare = _BARE_LINES
    for tok in stream:
        kind = tok.type
        if kind == "BLANK":
            if lines:
                yield _table_token(lines)
                lines = []
            blanks.append(tok)
            continue
        if blanks:
            yield _join_blanks(blanks)
            blanks = []
        if kind in _TABLE_LINES:
            if lines and (kind in bare) != (lines[-1].type in bare):
                yield _table_token(lines)
                lines = []
            lines.append(tok)
            continue
        if lines:
            yield _table_token(lines)
            lines = []
        yield tok
    if lines:
        yield _table_token(lines)
    if blanks:
        yield _join_blanks(blanks)


def _table_token(lines: list[Token]) -> TableToken:
    tok = _covering(TableToken, "TABLE", lines)
    tok.lines = lines
    return tok


class TablePostLex(PostLex):
    """Decides which lines make a table (re-typing cell continuations as ``CELL``) and folds each table into a ``TABLE`` token."""

    always_accept = tuple(sorted((_PIPE_TABLE_LINES - {"CELL"}) | _TENTATIVE))

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        """Yield the tokens of ``stream``: tables without pipes found, cell continuation lines re-typed, tables folded."""
        breaks = CURRENT_BREAKS.get()
        if breaks is not None:
            # a single-line scrape's few long lines: its runs of prose are read line by line (item 10)
            lines = (t for tok in stream for t in (_prose_tokens(tok) if tok.type == "PROSE" else (tok,)))
            stream = (breaks.restore(tok) for tok in lines)
        return _fold_tables(self._retype(bare_tables(stream)))

    def _retype(self, stream: Iterator[Token]) -> Iterator[Token]:
        in_table = False
        row_mode = False  # a row opener was seen in this table (layouts B, M)
        run: list[Token] = []
        # the last number of each heading kind outside tables (since the last 附件 line)
        last_ordinal: dict[str, int] = {}

        def note(tok: Token) -> Token:
            """``tok``, on its way out: the outline's numbers after it."""
            kind = tok.type
            if kind in _HEADINGS:
                last_ordinal[kind] = _ordinal(tok)
            elif kind == "ATTACH":
                last_ordinal.clear()
            elif kind == "PROSE":
                last_ordinal.update(cast(ProseToken, tok).ordinals)
            return tok

        def emit(tokens: list[Token]) -> Iterator[Token]:
            for tok in tokens:
                yield note(tok)

        def continues_outline(pending: list[Token]) -> bool:
            """Whether the run ends with the next heading of the outline (seed 000's 二、 after 一、).

            Headings earlier in the run count as they would if emitted: in
            一、 / table / 二、 / 三、 / ``指标 |``, 三、 follows 二、.
            """
            numbers = dict(last_ordinal)
            follows = False
            for tok in pending:
                if tok.type not in _HEADINGS:
                    follows = False
                    continue
                last = numbers.get(tok.type)
                ordinal = _ordinal(tok)
                follows = last is not None and ordinal == last + 1
                if follows:
                    numbers[tok.type] = ordinal
            return follows

        for whole in stream:
            parts: Sequence[Token] = (whole,)
            if in_table and (_multiline_blank(whole) or whole.type == "PROSE"):
                # items 9, 10: inside a table each line counts (bare_tables has cut such runs already)
                parts = _single_lines(whole)
            for tok in parts:
                kind = tok.type
                if kind not in _PIPE_LINES:
                    if not in_table:
                        if run:
                            yield from emit(run)
                            run = []
                        if kind == "TEXT":
                            run.append(tok)
                        else:
                            yield note(tok)
                    elif kind == "ATTACH" or kind in _BARE_LINES or len(run) >= MAX_RUN:
                        yield from emit(run)
                        run = []
                        in_table = row_mode = False
                        if kind == "TEXT":
                            run.append(tok)
                        else:
                            yield note(tok)
                    else:
                        run.append(tok)
                    continue
                if run:
                    if in_table:
                        heading_starts = (
                            not row_mode and kind == "CLOSE" and run[-1].type in _HEADINGS and continues_outline(run)
                        )
                        if (kind in _CLOSERS and not heading_starts) or all(t.type == "BLANK" for t in run):
                            for t in run:
                                yield _as_cell(t)
                        else:
                            yield from emit(run)
                            in_table = row_mode = False
                    else:
                        # run holds one TEXT line
                        if kind == "PIPES":
                            yield _as_cell(run[0])
                        else:
                            yield run[0]
                    run = []
                yield tok
                if not in_table:
                    in_table = True
                    row_mode = False
                if kind == "OPEN":
                    row_mode = True
        yield from emit(run)


_ORDINAL = re.compile(r"[一二三四五六七八九十百零〇]+|[0-9０-９]+|[①-⑳]")


# ---------------------------------------------------------------------------
# tables without pipes (items 7 and 8)

_VALUE_LINES = frozenset({"VALUE_LINE", "ROW_LINE"})
#: A value line ending in at least this many values is a table by itself.
MIN_VALUES = 3
#: The longest text line (stripped) that may be a cell of a table without pipes.
MAX_CELL = 50
#: The longest text line that may be a cell of a statistics table (指标名称 计量单位 …): its row labels are long.
MAX_LABEL = 120
#: The most lines held back before a table's first value line (its header cells and blank lines).
MAX_LEAD = 48
#: The most lines after a table's last value line that may still lead to another value line of it.
MAX_TAIL = 24
_SENTENCE_END = tuple("。；;！!？?：:，,、")
#: A statistics table's header: a name column (统计指标, 指标名称) right before a unit column (单位, 计量单位),
#: each on its line.  Within a table so opened, heading-shaped lines are its row labels (item 7).
_NAME_HEADS = frozenset({"统计指标", "指标名称", "指标"})
_UNIT_HEADS = frozenset({"单位", "计量单位"})
_HEAD_MAX = 64  # the longest line looked at for those words
_HEAD_LINE = re.compile(r"(?:统计指标|指标名称|指标)(?:计量单位|单位)")  # the same header on one line
_SPACE_RUN = re.compile(r"[\s\u3000\u00a0\ufeff]+")
#: Where a statistics table's name column (统计指标, 指标名称, 指标) may be written, spaces or not.
_NAME_HEAD_IN = re.compile(r"指[\s\u3000\u00a0\ufeff]*标")


@lru_cache(maxsize=1)
def _terminals() -> list[Any]:
    """report.lark's line terminals (Lark's ``TerminalDef``), in the order Lark's lexer tries them."""
    lines = [t for t in _compiled() if not t.name.startswith("_")]
    return list(BasicLexer(LexerConf(lines, re, ())).terminals)


@lru_cache(maxsize=1)
def _compiled() -> list[Any]:
    """report.lark's terminals as Lark compiles them, and the pieces of PROSE the post-lexer reads lines by (item 10)."""
    grammar, _ = load_grammar(grammar_text(), "<report.lark>", [], False)  # type: ignore[no-untyped-call]
    pieces = {"_PROSE_BLANK", "_PROSE_INDENT", "_PROSE_HEADING"}  # a blank line, the indent, a heading's number
    terminals, _, _ = grammar.compile(["start"], {*TablePostLex.always_accept, *pieces})
    return list(terminals)


def _prose_piece(name: str) -> str:
    """The regular expression of a piece of report.lark's PROSE terminal (``_PROSE_HEADING``, …)."""
    (piece,) = [t for t in _compiled() if t.name == name]
    return cast(str, piece.pattern.to_regexp())


def _alternation(names: set[str]) -> re.Pattern[str]:
    """The terminals ``names`` of report.lark as one alternation of named groups, tried in Lark's order."""
    return re.compile("|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in _terminals() if t.name in names))


@lru_cache(maxsize=1)
def _shapes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """From report.lark: its line terminals other than the pipe lines and the tentative ones (in
    Lark's order), and ``T3_LABEL``."""
    fallback = _alternation({"BLANK", "DATE", "PUBDATE", "ATTACH", "FILENAME", "TEXT", *_HEADINGS})
    (t3,) = [t for t in _terminals() if t.name == "T3_LABEL"]
    return fallback, re.compile(t3.pattern.to_regexp())


def line_shapes() -> re.Pattern[str]:
    """report.lark's line terminals but the pipe lines and the tentative ones, in Lark's order, as one alternation.

    What a tentative line is when it makes no table (item 7), and what each line
    of a ``PROSE`` token reads as (item 10): ``TEXT``, ``BLANK`` or a heading.
    """
    return _shapes()[0]


@lru_cache(maxsize=1)
def _opening_shapes() -> re.Pattern[str]:
    """What a line of a ``PROSE`` token that opens with a heading's number is (``OPENS``): ``T3_LABEL``, a heading or
    ``TEXT``, as the lexer tells them (the PROSE terminal holds no line another terminal matches; item 10)."""
    return _alternation({"T3_LABEL", *_HEADINGS, "TEXT"})


def _untentative(tok: Token) -> Token:
    """A tentative line that makes no table, with the terminal it has without the tentative ones."""
    if tok.type not in _TENTATIVE:
        return tok
    m = _shapes()[0].match(tok.value)
    kind = m.lastgroup if m is not None and m.end() == len(tok.value) else None
    return _retyped(kind or "TEXT", tok)


def _values(tok: Token) -> int:
    """How many value tokens end a value line."""
    count = 0
    for word in reversed(str(tok.value).split()):
        if not _VALUE_WORD.fullmatch(word):
            break
        count += 1
    return count


_VALUE_WORD = re.compile(
    r"[-－]?(?:[0０]|[1-9１-９](?:[0-9０-９]{0,2}(?:[,，][0-9０-９]{3}){1,2}|[0-9０-９]{0,6}))(?:[.．][0-9０-９]{1,6})?[%％]?"
)


def _single_value(tok: Token) -> bool:
    return tok.type == "VALUE_LINE" and len(str(tok.value).split()) == 1


def bare_tables(stream: Iterator[Token]) -> Iterator[Token]:
    """Find the tables without pipes in a stream of line tokens (items 7 and 8 of this module).

    Their lines come out re-typed ``SPACED``, ``ITEM`` and ``GAP``; the
    tentative lines (``VALUE_LINE``, ``ROW_LINE``, ``T3_LABEL``) that make
    no table come out with the terminal they would have had without them.
    Every line is held back at most :data:`MAX_LEAD` + :data:`MAX_TAIL`
    lines: one pass, linear in the number of lines.
    """
    last: dict[str, int] = {}  # the last number of each heading kind outside tables
    pending: deque[Token] = deque()  # candidate lines, no table yet
    # where the value lines of ``pending`` are, counted from the stream's first held line (``held``
    # lines were held before ``pending[0]``): kept as lines come and go, not searched for again
    values: deque[int] = deque()
    held = 0
    table: list[Token] = []  # the lines of the table being read, up to its last value line
    tail: list[Token] = []  # candidate lines after the table's last value line
    near = 0  # lines still to go before a table without pipes may start (item 7: pipe lines)

    def out(tok: Token) -> Token:
        kind = tok.type
        if kind in _TENTATIVE:
            tok = _untentative(tok)
            kind = tok.type
        if kind in _HEADINGS:
            last[kind] = _ordinal(tok)
        elif kind == "ATTACH":
            last.clear()
        return tok

    def continues(tok: Token) -> bool:
        return continues_as(tok.type, _ordinal(tok))

    def continues_as(kind: str, ordinal: int) -> bool:
        """Whether a heading of ``kind`` numbered ``ordinal`` is the next of the outline."""
        before = last.get(kind)
        return ordinal == 1 if before is None else ordinal == before + 1

    legacy = False  # the held lines hold a statistics table's header (指标名称 then 计量单位)
    words: list[str] = []  # the last short text line's words, spaces removed

    def candidate(tok: Token) -> bool:
        nonlocal legacy
        kind = tok.type
        if kind == "TEXT":
            value = str(tok.value)
            text = _SPACE_RUN.sub("", value) if len(value) <= _HEAD_MAX else ""
            legacy = legacy or (text in _UNIT_HEADS and words[-1:] == ["head"]) or bool(_HEAD_LINE.match(text))
            words[:] = ["head" if text in _NAME_HEADS else text]
        if kind == "ROW_LINE" and _shapes()[1].match(tok.value) is None:
            # a heading numbered next in the outline, with numbers after its title, stays a heading
            shape = _untentative(tok)
            return legacy or shape.type not in _HEADINGS or not continues(shape)
        if kind in _TENTATIVE or kind == "BLANK":
            return True
        if kind == "TEXT":
            return candidate_text(tok.value)
        if kind in _HEADINGS:
            # In a statistics table (its header held), 一、主动公开情况 and (一)… are its row labels.
            return legacy or not continues(tok)
        return False

    def candidate_text(value: str) -> bool:
        """Whether a text line may be a cell: short enough, and no sentence ends with it."""
        text = value.strip(_STRIP)
        return len(text) <= (MAX_LABEL if legacy else MAX_CELL) and not text.endswith(_SENTENCE_END)

    def fold(lines: list[Token]) -> list[Token]:
        singles = sum(map(_single_value, lines))
        rows = sum(1 for t in lines if t.type in _VALUE_LINES) - singles
        per_line = singles > rows
        folded: list[Token] = []
        for t in lines:
            if t.type == "BLANK":
                kind = "GAP"
            elif t.type in _VALUE_LINES and not _single_value(t):
                kind = "SPACED"
            else:
                kind = "ITEM" if per_line else "SPACED"
            folded.append(_retyped(kind, t))
        return folded

    def release() -> Token:
        """The oldest held line, let go."""
        nonlocal held
        held += 1
        if values and values[0] < held:
            values.popleft()
        return out(pending.popleft())

    def hold(tok: Token) -> Iterator[Token]:
        nonlocal table, held
        if tok.type in _VALUE_LINES:
            values.append(held + len(pending))
        pending.append(tok)
        if len(values) >= 2 or (values and _values(tok) >= MIN_VALUES):
            # a table starts at its first cell: blank and heading-shaped lines before it stay outside
            while pending[0].type == "BLANK" or pending[0].type in _HEADINGS:
                yield release()
            table = list(pending)
            held += len(pending)
            pending.clear()
            values.clear()
            return
        if not values:
            while len(pending) > MAX_LEAD:
                yield release()
        elif len(pending) - (values[0] - held) > MAX_LEAD:
            for _ in range(values[0] - held + 1):
                yield release()

    def close() -> Iterator[Token]:
        nonlocal table, tail, legacy
        legacy = False
        words.clear()
        if table:
            # a row label of the template is never a heading: one right after the table is its cell
            labels = [i for i, t in enumerate(tail) if t.type == "T3_LABEL"]
            if labels:
                table.extend(tail[: labels[-1] + 1])
                tail = tail[labels[-1] + 1 :]
            yield from fold(table)
            table = []
        for t in tail:
            yield out(t)
        tail = []
        while pending:
            yield release()

    def step(tok: Token) -> Iterator[Token]:
        nonlocal near, table, tail, legacy
        kind = tok.type
        if kind in _PIPE_LINES:
            yield from close()
            yield tok
            near = MAX_RUN + 1
            return
        if near:
            near -= 1
            yield out(tok)
            return
        if not candidate(tok):
            yield from close()  # a statistics table's header held ends with it too, whatever is held
            yield out(tok)
            return
        if not table:
            yield from hold(tok)
        elif kind in _VALUE_LINES:
            table.extend(tail)
            table.append(tok)
            tail = []
        else:
            tail.append(tok)
            if len(tail) > MAX_TAIL:
                yield from fold(table)
                table = []
                legacy = False  # the statistics table ended with it
                rest, tail = tail, []
                for t in rest:
                    yield from hold(t)

    def idle() -> bool:
        """Whether no line that comes now can be a table's: not after a pipe line, in a table or held with a value line."""
        return not (near or table or tail or values)

    def blank_run(tok: Token) -> Iterator[Token]:
        # item 9: a run of blank lines, a line at a time while its lines may be a table's (after a pipe
        # line, in a table or its tail, held with a value line: at most MAX_RUN + MAX_TAIL + MAX_LEAD + 3
        # lines); then its lines but the last MAX_LEAD would only be let go one by one: one token
        ends = _line_ends(tok.value)
        n = len(ends)
        i = 0
        while i < n and not idle():
            yield from step(_blank_part(tok, ends, i, i + 1))
            i += 1
        if n - i > MAX_LEAD:
            while pending:
                yield release()
            yield _blank_part(tok, ends, i, n - MAX_LEAD)
            i = n - MAX_LEAD
        for k in range(i, n):
            yield from step(_blank_part(tok, ends, k, k + 1))

    def line(tok: Token) -> Iterator[Token]:
        """One token as the lexer makes it."""
        if _multiline_blank(tok):
            yield from blank_run(tok)
        else:
            yield from step(tok)

    def prose(tok: Token) -> Iterator[Token]:
        # item 10: the head while a table may reach it, the middle one token, the last MAX_LEAD lines
        nonlocal legacy
        value: str = tok.value
        if value.find("\n", 0, len(value) - 1) < 0:  # one line (most runs in a report are): as the lexer makes it
            shape = _opening_shapes().match(value) if _opens_heading().match(value) else None
            yield from step(_retyped(shape.lastgroup or "TEXT" if shape else "TEXT", tok))
            return
        start = 0  # the lines before it are done
        if not idle() or words[-1:] == ["head"]:
            for m in prose_lines().finditer(value):
                for t in _prose_tokens(tok, start, m.end()):
                    yield from line(t)
                start = m.end()
                if idle() and words[-1:] != ["head"]:
                    break
        stop = _tail_start(value, start, MAX_LEAD)  # the lines from it on are the tail
        if stop > start:
            if _NAME_HEAD_IN.search(value, start, stop):
                pass  # a statistics table's header may be in it: line by line
            elif pending or _opens_heading().search(value, start - 1 if start else 0, stop):
                # headings in it, or lines held before it (headings among them, whose numbers count when let go)
                yield from follow(tok, start, stop)
                start = stop
            else:
                # text lines only, nothing held: each would be held and let go as it is, whatever the state
                if legacy:
                    # a line that can be no cell of the statistics table ends it (close() in step)
                    legacy = not any(
                        m.lastgroup != "BLANK" and not candidate_text(m.group())
                        for m in prose_lines().finditer(value, start, stop)
                    )
                words.clear()
                yield _prose_part(tok, start, stop, {})
                start = stop
        if start < len(value):
            for t in _prose_tokens(tok, start):
                yield from line(t)

    def follow(tok: Token, start: int, stop: int) -> Iterator[Token]:
        """The middle of a run of prose with headings in it, from ``start`` to ``stop``, as step() reads it.

        A held heading's number counts for the outline when the heading is let go,
        so whether a later heading continues the outline depends on what is held:
        the lines are followed one by one as step() would follow them (their
        kinds and numbers, not their tokens; no table can start in a middle).  The
        lines let go come out as one token, and those still held at the end are
        put in ``pending`` as their tokens, as if held one by one.
        """
        nonlocal legacy
        value: str = tok.value
        lines, opening = prose_lines(), _opening_shapes()
        older = len(pending)  # held tokens from before: let go first
        released: list[Token] = []  # those let go, in order
        kept: deque[tuple[str, int, int, int, int]] = deque()  # held lines: kind, start, end, number, run start
        ordinals: dict[str, int] = {}
        kinds: list[str] = []  # the terminals of the lines let go that are no blank lines, in order
        gone = start  # the middle's lines before this are let go

        def let_go() -> None:
            nonlocal older, gone
            if older:
                older -= 1
                released.append(release())
                return
            kind, begin, end, ordinal, _ = kept.popleft()
            if kind == "T3_LABEL":
                kind = _untentative(Token(kind, value[begin:end])).type
            if kind in _HEADINGS:
                last[kind] = ordinals[kind] = ordinal
            if kind != "BLANK":
                kinds.append(kind)
            gone = end

        def keep(item: tuple[str, int, int, int, int]) -> None:
            kept.append(item)
            if older + len(kept) > MAX_LEAD:
                let_go()

        at = start
        while at < stop:
            m = lines.match(value, at, stop)
            assert m is not None  # TEXT matches any line
            kind, end = m.lastgroup or "TEXT", m.end()
            if kind == "OPENS":
                kind = cast(re.Match[str], opening.match(value, at, end)).lastgroup or "TEXT"
            if kind == "BLANK":
                # blank_run(): the run's lines but its last MAX_LEAD go at once, those are held one by one
                ends = [at + e for e in _line_ends(value[at:end])]
                first = at
                if len(ends) > MAX_LEAD:
                    while older or kept:
                        let_go()
                    gone = first = ends[-MAX_LEAD - 1]
                    ends = ends[-MAX_LEAD:]
                for e in ends:
                    keep(("BLANK", first, e, 0, at))
                    first = e
            elif kind == "TEXT" or kind in _HEADINGS or kind == "T3_LABEL":
                ordinal = _ordinal_in(value, at, end) if kind != "TEXT" else 0
                if kind == "TEXT":
                    held_line = candidate_text(value[at:end])
                else:
                    held_line = kind == "T3_LABEL" or legacy or not continues_as(kind, ordinal)
                if held_line:
                    keep((kind, at, end, ordinal, at))
                else:  # close(), then the line goes out
                    legacy = False
                    words.clear()
                    while older or kept:
                        let_go()
                    if kind in _HEADINGS:
                        last[kind] = ordinals[kind] = ordinal
                    kinds.append(kind)
                    gone = end
            else:  # pragma: no cover - the PROSE terminal holds no other line
                raise AssertionError(f"a {kind} line in a PROSE token")
            at = end
        words.clear()
        yield from released
        # the lines let go, as one token; a run of blank lines is not cut (its lines let go are a BLANK of their own)
        run_start = kept[0][4] if kept and kept[0][0] == "BLANK" else gone
        if run_start > start:
            yield _prose_part(tok, start, run_start, ordinals, kinds)
        if gone > run_start:
            yield _prose_tokens(tok, run_start, gone)[0]
        # the lines still held, as their tokens
        line_no = cast(int, tok.line) + value.count("\n", 0, gone)
        pos = cast(int, tok.start_pos)
        for kind, begin, end, _, _ in kept:
            text = value[begin:end]
            pending.append(_token(kind, text, pos + begin, line_no, 1, line_no + 1, 1, pos + end))
            line_no += 1

    def pieces(run: list[Token]) -> Iterator[Token]:
        """A run of plain lines in pieces (report.lark makes pieces of at most 512 lines), as one run.

        A piece that the next one follows, right away or after blank lines, ended only because
        it was full: where a run of plain lines ends, the line after it (or after the blank lines
        after it) is no plain line.  Blank lines after the last piece are not the run's.
        """
        blank = run.pop() if run[-1].type == "BLANK" else None
        yield from prose(run[0] if len(run) == 1 else _covering(Token, "PROSE", run))
        if blank is not None:
            yield from line(blank)

    run: list[Token] = []  # the pieces of a run of plain lines, and the blank lines between them
    for tok in stream:
        kind = tok.type
        if kind == "PROSE" or (kind == "BLANK" and run and run[-1].type == "PROSE"):
            run.append(tok)
            continue
        if run:
            yield from pieces(run)
            run = []
        if _multiline_blank(tok):
            yield from blank_run(tok)
        else:
            yield from step(tok)  # (not through line(): a generator more per token costs 2% of a report's parse)
    if run:
        yield from pieces(run)
    yield from close()


def _ordinal(tok: Token) -> int:
    return _ordinal_in(tok.value, 0, len(tok.value))


def _ordinal_in(text: str, start: int, end: int) -> int:
    """The number of the heading line ``text[start:end]``."""
    m = _ORDINAL.search(text, start, end)
    return (numeral_value(m.group(0)) or 0) if m else 0


# ---------------------------------------------------------------------------
# the inside of a table: grammar/table.lark's tokens


class TableSource:
    """What the table grammar reads: a table's line tokens (report.lark's terminals, or made from :class:`TableLine`\\ s).

    Handed to ``Lark.parse`` as custom input; :class:`TableLexer` cuts the
    lines into the table grammar's tokens and, when :attr:`lines` is a list,
    makes the table's :class:`~govinfo_reports.syntax.nodes.TableLine`\\ s on the way.
    """

    __slots__ = ("line_tokens", "lines")

    def __init__(self, line_tokens: Sequence[Token], lines: list[TableLine] | None) -> None:
        #: The line tokens: OPEN, CLOSE, PIPES, MD_SEP, CELL, CELL_PIPES.
        self.line_tokens = line_tokens
        #: Where the table's lines go (``None``: not wanted, the lines exist already).
        self.lines = lines


_LINE_KINDS = {
    "OPEN": "open",
    "CLOSE": "close",
    "PIPES": "pipes",
    "MD_SEP": "md_sep",
    "CELL": "cell",
    "SPACED": "spaced",
    "ITEM": "item",
    "GAP": "gap",
}


def _without_eol(value: str) -> str:
    if value.endswith("\n"):
        return value[:-2] if value.endswith("\r\n") else value[:-1]
    return value


class TableLexer(Lexer):
    """Cuts a table's lines into the tokens of ``grammar/table.lark``.

    The line's terminal (from report.lark, or the kind of a built
    :class:`~govinfo_reports.syntax.nodes.TableLine`) says how: a ``CELL`` line is one
    ``CONT`` token, an ``MD_SEP`` line one ``MD_SEP``, an ``OPEN`` line starts
    with ``ROW`` (its leading pipe), a ``PIPES`` line of several pipes with
    ``PAD_LEAD`` (its first pipe), the lines of a table without pipes (``SPACED``,
    ``ITEM``, ``GAP``) are one ``BARE`` token holding them; the rest of a line is cut into the
    grammar's segment terminals (``PAD``, ``BAR``, ``TEXT``, ``REST``), whose
    patterns are taken from the grammar, in priority order (``PAD`` is not
    tried right after ``ROW``: the row opener closes no cell).  Blanks left at
    a line's end go with the token before them.

    A token closing a cell (``TEXT``, ``BAR``, ``PAD``, ``PAD_LEAD``) ends, as far as
    its ``end_pos`` and ``end_column`` say, with its pipe; the others end
    where their text does.
    """

    __future_interface__ = 2

    def __init__(self, conf: LexerConf) -> None:
        """Build the segment matchers from the grammar's terminals."""
        terminals = sorted(conf.terminals, key=lambda t: -t.priority)

        def alternation(names: list[str]) -> re.Pattern[str]:
            return re.compile("|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terminals if t.name in names))

        names = [t.name for t in terminals]
        #: The segment terminals as one alternation of named groups, in priority order.
        self.pattern = alternation(names)
        #: The same without ``PAD``, for the segment right after a row opener.
        self.after_row = alternation([n for n in names if n != "PAD"])

    def lex(self, lexer_state: LexerState, parser_state: object) -> Iterator[Token]:
        """Yield the table grammar's tokens for the lines of the :class:`TableSource` being parsed."""
        source = cast(TableSource, lexer_state.text)
        out = source.lines
        match = self.pattern.match
        after_row = self.after_row.match
        kinds = _LINE_KINDS
        strip = _STRIP

        def tok(kind: str, value: str, pos: int, line: int, column: int) -> Token:
            if kind in _CLOSERS_T:
                size = len(value.rstrip(strip))  # up to the pipe
                return _token(kind, value, pos, line, column, line, column + size, pos + size)
            if value[-1:] == "\n":
                return _token(kind, value, pos, line, column, line + 1, 1, pos + len(value))
            return _token(kind, value, pos, line, column, line, column + len(value), pos + len(value))

        bare: list[Token] = []  # the lines of a table without pipes
        line_tok: Any  # a Token, its positions set (typed Optional in lark)
        for line_tok in source.line_tokens:
            kind: str = line_tok.type
            if bare and kind not in _BARE_LINES:
                yield _bare_token(bare)  # (a table built in code may mix its lines' kinds)
                bare = []
            value: str = line_tok.value
            offset: int = line_tok.start_pos
            line: int = line_tok.line
            column: int = line_tok.column
            if kind == "CELL_PIPES":
                # A cell's text and the pipes closing it: two lines in one token.
                cut = value.index("\n") + 1
                first = value[:cut]
                if out is not None:
                    text = _without_eol(first)
                    out.append(TableLine("cell", text, first[len(text) :], offset=offset, line=line, column=column))
                yield tok("CONT", first, offset, line, column)
                kind, value, offset, line, column = "PIPES", value[cut:], offset + cut, line + 1, 1
            if out is not None:
                text = _without_eol(value)
                out.append(
                    TableLine(kinds[kind], text, value[len(text) :], offset=offset, line=line, column=column)  # type: ignore[arg-type]
                )
            if kind == "CELL":
                yield tok("CONT", value, offset, line, column)
                continue
            if kind in _BARE_LINES:
                bare.append(line_tok)  # a table without pipes is one token, holding its lines (item 6)
                continue
            if kind == "MD_SEP":
                yield tok("MD_SEP", value, offset, line, column)
                continue
            pos = 0
            segment = match
            if kind == "OPEN":
                pos = value.index("|") + 1
                if not value[pos:].strip(strip):
                    pos = len(value)
                yield tok("ROW", value[:pos], offset, line, column)
                segment = after_row
            elif kind == "PIPES":
                bar = value.find("|")
                if value.find("|", bar + 1) > 0 and not value[:bar].strip(strip):
                    stop = bar + 1
                    pos = stop if value[stop:].strip(strip) else len(value)
                    yield tok("PAD_LEAD", value[:pos], offset, line, column)
            end = len(value)
            while pos < end:
                m: Any = segment(value, pos)
                if m is None:
                    break  # only blanks left (a built line of blanks)
                stop = m.end()
                yield tok(m.lastgroup, value[pos:stop], offset + pos, line, column + pos)
                pos = stop
                segment = match
        if bare:
            yield _bare_token(bare)


def _bare_token(lines: list[Token]) -> TableToken:
    """The lines of a table without pipes as one ``BARE`` token (they end where its last line does)."""
    tok = TableToken.new_borrow_pos("BARE", "", lines[-1])
    tok.lines = lines
    return tok


_CLOSERS_T = frozenset({"TEXT", "BAR", "PAD", "PAD_LEAD"})
_STRIP = SPACES + "\n"
