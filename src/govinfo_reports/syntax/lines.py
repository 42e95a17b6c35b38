"""The lines and cell records of a flattened table, as the table grammar reads them.

These are plain records below the node classes: the post-lexer and the table
grammar (:mod:`govinfo_reports.syntax.cells`) make them, :class:`~govinfo_reports.syntax.nodes.Table`
keeps them.
"""

from __future__ import annotations

from typing import Literal, NamedTuple, TypeAlias

import attrs

from govinfo_reports.syntax.span import Span

__all__ = ["ScannedCell", "TableLine", "TableLineKind"]


TableLineKind: TypeAlias = Literal["open", "close", "pipes", "md_sep", "cell", "spaced", "item", "gap"]
"""How a line of a flattened table works: ``open`` starts a row (``| text``),
``close`` is text closed by a pipe (``结果 |``), ``pipes`` is pipes only,
``md_sep`` a markdown separator, ``cell`` a continuation line of a cell.  In a
table without pipes: ``spaced`` holds cells separated by blanks (a row label
and its values, ``规章 0 0 0``), ``item`` is one cell (a cell per line), ``gap``
a blank line between cells."""


@attrs.frozen
class TableLine:
    """One source line of a flattened table.

    Tables are most of a report's lines, so a line keeps its position as three
    integers and makes its :attr:`span` when asked.

    >>> TableLine("close", "结果 |", offset=10, line=3).span
    Span(start=10, end=15, line=3, column=1, end_line=4, end_column=1)
    """

    #: How the line works in the table.
    kind: TableLineKind
    #: The line as written, without its line ending.
    text: str
    #: The line ending.
    eol: str = "\n"
    #: Offset of the line's first character in the source.
    offset: int = attrs.field(default=0, eq=False, kw_only=True, repr=False)
    #: Its line number (1-based).
    line: int = attrs.field(default=1, eq=False, kw_only=True, repr=False)
    #: Its column (1-based; not 1 only where a single-line scrape was broken up).
    column: int = attrs.field(default=1, eq=False, kw_only=True, repr=False)

    @property
    def span(self) -> Span:
        """Where the line is in the source, its line ending included."""
        end = self.offset + len(self.text) + len(self.eol)
        if self.eol:
            return Span(self.offset, end, self.line, self.column, self.line + 1, 1)
        return Span(self.offset, end, self.line, self.column, self.line, self.column + len(self.text))


class ScannedCell(NamedTuple):
    """A cell as the readers see it: its text and lines, and its position as plain integers.

    The table grammar's transformer makes these as it reads a table
    (``grammar/table.lark``); the facts readers go over every cell of every
    table, and this light record (a tuple, no :class:`Span` until one is
    asked for) keeps that pass cheap.  :attr:`Table.cells` turns these into
    :class:`Cell` nodes.
    """

    lines: tuple[str, ...]
    text: str
    opens_row: bool
    closed: bool
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    #: Whether the cell is padding for certain: empty, and closed by a second pipe on its line
    #: (``结果 ||``) or by a line of several pipes.
    padding: bool = False

    @property
    def is_empty(self) -> bool:
        """Whether the cell holds no text."""
        return not self.lines

    @property
    def span(self) -> Span:
        """Where the cell is in the source."""
        return Span(self.start, self.end, self.line, self.column, self.end_line, self.end_column)
