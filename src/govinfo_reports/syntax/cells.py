"""A table's lines → its cells, by the table grammar (``grammar/table.lark``).

The post-lexer (:mod:`govinfo_reports.syntax.postlex`) cuts each line of a table
into the table grammar's tokens; the rules of ``table.lark`` say which tokens
make a cell continued over lines and where text left open ends, the tokens
that are a cell by themselves (or none, or a line of cells) are made into
theirs by :data:`TOKEN_CELLS`, and :class:`_ToCells` turns it all into
:class:`~govinfo_reports.syntax.lines.ScannedCell` records in one pass.  The parser reads a table's lines and cells together
(:func:`read_table`); a table built in code is read by the same grammar over its
lines (:func:`table_cells`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, NamedTuple, cast

from lark import Lark, Token, Transformer

from govinfo_reports.syntax.grammar import TABLE_GRAMMAR, grammar_text
from govinfo_reports.syntax.lines import ScannedCell, TableLine
from govinfo_reports.syntax.postlex import TableLexer, TableSource
from govinfo_reports.syntax.span import SPACES

__all__ = ["TABLE_RULE_HANDLERS", "TOKEN_CELLS", "read_table", "table_cells"]


# ---------------------------------------------------------------------------
# a table's lines → its cells (grammar/table.lark)


class _Held(NamedTuple):
    """Blank lines, nothing else pending, that a row opener interrupts: where the next cell starts (see _lexer.py, 4)."""

    start: int
    line: int
    column: int


#: What a cell's text is stripped of (the line endings of the pieces too).
_STRIP = SPACES + "\n"


def _text_of(pieces: Sequence[Token]) -> tuple[str, ...]:
    return tuple(p for p in (t.strip(_STRIP) for t in pieces if t.type != "MD_SEP") if p)


def _closed_text(text: Token) -> str:
    """The text of a ``TEXT`` token (text and the pipe closing it), stripped: never empty."""
    value: str = text.value
    return value[: value.index("|")].strip(_STRIP)


def _start_of(first: Any) -> tuple[int, int, int]:
    """Where a cell whose first piece is the token ``first`` starts: text left open starts at its first character."""
    if first.type == "REST":
        value: str = first.value
        lead = len(value) - len(value.lstrip(SPACES))
        return first.start_pos + lead, first.line, first.column + lead
    return first.start_pos, first.line, first.column


_new_tuple = tuple.__new__


def _empty(bar: Token, padding: bool) -> ScannedCell:
    return _new_tuple(
        ScannedCell,
        ((), "", False, True, bar.start_pos, bar.end_pos, bar.line, bar.column, bar.line, bar.end_column, padding),
    )


def _text_cell(text: Any) -> ScannedCell:
    """The commonest cell: text closed by a pipe on its own line segment (one ``TEXT`` token)."""
    piece = _closed_text(text)
    return _new_tuple(
        ScannedCell,
        (
            (piece,),
            piece,
            False,
            True,
            text.start_pos,
            text.end_pos,
            text.line,
            text.column,
            text.line,
            text.end_column,
            False,
        ),
    )


def _padding(run: Any) -> list[ScannedCell]:
    """A run of pipes (one ``PAD`` token): a padding cell per pipe, from the pipe before it to its own."""
    value: str = run.value
    start: int = run.start_pos
    line: int = run.line
    column: int = run.column
    cells: list[ScannedCell] = []
    last = 0
    pipe = value.find("|")
    while pipe >= 0:
        end = pipe + 1
        cells.append(
            _new_tuple(
                ScannedCell,
                ((), "", False, True, start + last, start + end, line, column + last, line, column + end, True),
            )
        )
        last = end
        pipe = value.find("|", end)
    return cells


def _item(tok: Any) -> ScannedCell:
    """A line that is one cell (an ``ITEM`` token): its text, its span the text without the blanks around it."""
    value: str = tok.value
    text = value.strip(_STRIP)
    lead = len(value) - len(value.lstrip(SPACES))
    start = tok.start_pos + lead
    return _new_tuple(
        ScannedCell,
        (
            (text,) if text else (),
            text,
            False,
            True,
            start,
            start + len(text),
            tok.line,
            tok.column + lead,
            tok.line,
            tok.column + lead + len(text),
            False,
        ),
    )


#: A cell of a ``SPACED`` line: a run of non-blanks (blanks: what cell text is stripped of).
_RUN = re.compile(f"[^{SPACES}\n]+")


def _spaced_cells(line: Any) -> list[ScannedCell]:
    """A line of cells separated by blanks (a ``SPACED`` token): each run of non-blanks a closed cell, the first opening a row."""
    start: int = line.start_pos
    number: int = line.line
    column: int = line.column
    cells: list[ScannedCell] = []
    opens = True
    for m in _RUN.finditer(line.value):
        a, b = m.span()
        text = m.group()
        cells.append(
            _new_tuple(
                ScannedCell,
                ((text,), text, opens, True, start + a, start + b, number, column + a, number, column + b, False),
            )
        )
        opens = False
    return cells


def _bare_cells(table: Any) -> list[ScannedCell]:
    """A table without pipes (one ``BARE`` token holding its lines): each line's cells, line by line."""
    cells: list[ScannedCell] = []
    for line in table.lines:
        kind = line.type
        if kind == "SPACED":
            cells += _spaced_cells(line)
        elif kind == "ITEM":
            cells.append(_item(line))
    return cells


def _no_cell(token: Token) -> None:
    return None


#: The tokens that table.lark's ``table`` rule takes as they are: the cells each makes (a cell, a
#: run of cells, or none).  (A rule of one token would cost the parser a reduction per cell.)
TOKEN_CELLS: dict[str, Callable[[Any], ScannedCell | list[ScannedCell] | None]] = {
    "TEXT": _text_cell,  # text closed by a pipe
    "BAR": lambda bar: _empty(bar, False),  # a pipe with nothing before it since the line's start or the row opener
    "PAD": _padding,  # padding: pipes right after another on the same line
    "PAD_LEAD": lambda bar: _empty(bar, True),  # padding: the first pipe of a line of several pipes
    "MD_SEP": _no_cell,  # the markdown separator between cells
    "BARE": _bare_cells,  # a table without pipes: its lines (SPACED, ITEM, GAP)
}


class _ToCells(Transformer[Token, Any]):
    """The rules of table.lark → cell records (:class:`~govinfo_reports.syntax.lines.ScannedCell`), in reading order."""

    def table(self, children: list[Any]) -> list[ScannedCell]:
        out: list[ScannedCell] = []
        add = out.append
        held: _Held | None = None  # blank lines before a row opener: where its first cell starts
        opening = False  # a row opener was read: the next cell opens its row
        convert = TOKEN_CELLS
        for child in children:
            if isinstance(child, Token):
                if child.type == "ROW":
                    opening = True
                    continue
                child = convert[child.type](child)
                if child is None:
                    continue
                if child.__class__ is list:
                    # a run of padding (a pipe is before it on its line: never a row's first cell), or
                    # a table without pipes (each of its SPACED lines opens its row; it has no ROW)
                    out.extend(child)
                    continue
            elif child.__class__ is _Held:
                held = held or child
                continue
            if held is not None:
                # the cell starts on the blank lines before its row opener: never padding
                child = child._replace(start=held.start, line=held.line, column=held.column, padding=False)
                held = None
            if opening:
                child = _new_tuple(ScannedCell, (child[0], child[1], True, *child[3:]))  # opens_row
                opening = False
            add(child)
        return out

    def cell(self, children: list[Token]) -> ScannedCell:
        # text left open at the end of a line and continued over lines, then closed
        closer = children[-1]
        held = _text_of(children[:-1])
        if closer.type == "TEXT":
            held = (*held, _closed_text(closer))
        start, line, column = _start_of(children[0])
        return _new_tuple(
            ScannedCell,
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

    def open_cell(self, children: list[Token]) -> ScannedCell | _Held:
        held = _text_of(children)
        start, line, column = _start_of(children[0])
        if not held:
            return _Held(start, line, column)
        last = children[-1]
        # ends where the next line (a row opener) starts; _read moves the end of the table's last cell (_lexer.py, 5)
        return _new_tuple(
            ScannedCell,
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


#: The rules of table.lark, each with the method of :class:`_ToCells` that handles it (tested to match).
TABLE_RULE_HANDLERS = ("table", "cell", "open_cell")


@lru_cache(maxsize=1)
def _table_parser() -> Lark:
    return Lark(
        grammar_text(TABLE_GRAMMAR),
        start="table",
        parser="lalr",
        strict=True,  # no shift/reduce conflict may be resolved silently
        lexer=TableLexer,
        transformer=_ToCells(),
        maybe_placeholders=False,
    )


def read_table(line_tokens: Sequence[Token]) -> tuple[list[TableLine], list[ScannedCell]]:
    """A table's lines and its cells, read from its line tokens in one pass of the table grammar."""
    lines: list[TableLine] = []
    cells = _read(line_tokens, lines)
    return lines, cells


def table_cells(lines: Sequence[TableLine]) -> list[ScannedCell]:
    """The cells of a table's lines (a table built in code): the same table grammar over its lines."""
    new = str.__new__
    tokens: list[Token] = []
    for line in lines:
        value = line.text + line.eol
        tok = new(Token, value)
        tok.type = line.kind.upper()
        tok.value = value
        tok.start_pos, tok.line, tok.column = line.offset, line.line, line.column
        # a token of a table without pipes is passed to the parser as it is: it needs its end (lark's $END borrows it)
        span = line.span
        tok.end_pos, tok.end_line, tok.end_column = span.end, span.end_line, span.end_column
        tokens.append(tok)
    return _read(tokens, None)


def _read(line_tokens: Sequence[Token], lines: list[TableLine] | None) -> list[ScannedCell]:
    if not line_tokens:
        return []
    cells = cast(list[ScannedCell], _table_parser().parse(TableSource(line_tokens, lines)))
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
