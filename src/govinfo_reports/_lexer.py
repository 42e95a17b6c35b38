"""The post-lexer: decides which lines of a flattened table belong to cells.

The grammar's terminals classify each line by its own shape.  Whether a
pipe-less line is the continuation of a table cell depends on what follows
it (a pipe that closes it), which is more than one token of look-ahead; the
post-lexer holds back runs of pipe-less lines inside a table and re-types
them as ``CELL`` when a closing pipe line ends the run.  This is the same
device lark's ``Indenter`` uses for Python's indentation.

Rules (formats.md, "Flattened tables"):

* Inside a table, a run of pipe-less lines (at most :data:`MAX_RUN`) that
  ends at a closing line (``text |`` or pipes only) is cell text, whatever the
  lines look like: a line inside a table is never a heading.
* Except in layout A (no row openers so far): a heading line directly
  followed by a ``text |`` line is the heading of what follows, and the table
  ends before it (seed 000's ``二、主动公开情况`` / ``指标 |``).
* A run that ends otherwise (a row opener, the end of the text, an ``附件``
  line) ends the table; a run of blank lines between pipe lines stays in it.
* Outside a table, a text line directly followed by a pipes-only line is
  the first cell of a new table (``19`` / ``|``).
"""

from __future__ import annotations

from collections.abc import Iterator

from lark import Token
from lark.lark import PostLex

__all__ = ["MAX_RUN", "TablePostLex"]

#: The longest run of pipe-less lines that can still be the text of one cell.
MAX_RUN = 12

_PIPE_LINES = frozenset({"OPEN", "CLOSE", "PIPES", "MD_SEP", "CELL_PIPES"})
_CLOSERS = frozenset({"CLOSE", "PIPES", "CELL_PIPES"})
_HEADINGS = frozenset({"H_CN", "H_PAREN_CN", "H_ARABIC", "H_PAREN_ARABIC", "H_CIRCLED"})


def _as_cell(token: Token) -> Token:
    return Token.new_borrow_pos("CELL", token.value, token)


class TablePostLex(PostLex):
    """Re-types the pipe-less lines that continue table cells as ``CELL``."""

    always_accept = ()

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        """Yield the tokens of ``stream``, cell continuation lines re-typed."""
        in_table = False
        row_mode = False  # a row opener was seen in this table (layouts B, M)
        run: list[Token] = []
        for tok in stream:
            kind = tok.type
            if kind not in _PIPE_LINES:
                if not in_table:
                    if run:
                        yield from run
                        run = []
                    if kind == "TEXT":
                        run.append(tok)
                    else:
                        yield tok
                elif kind == "ATTACH" or len(run) >= MAX_RUN:
                    yield from run
                    run = []
                    in_table = row_mode = False
                    if kind == "TEXT":
                        run.append(tok)
                    else:
                        yield tok
                else:
                    run.append(tok)
                continue
            if run:
                if in_table:
                    heading_starts = not row_mode and kind == "CLOSE" and run[-1].type in _HEADINGS
                    if (kind in _CLOSERS and not heading_starts) or all(t.type == "BLANK" for t in run):
                        for t in run:
                            yield _as_cell(t)
                    else:
                        yield from run
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
        yield from run
