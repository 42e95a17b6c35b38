"""Where a piece of a report sits in the source: :class:`Span`, shared by every stage."""

from __future__ import annotations

import attrs

__all__ = ["NO_SPAN", "SPACES", "Span"]

#: The whitespace a report's lines are padded with (full-width spaces and BOMs included).
SPACES = " \t\u3000\u00a0\ufeff\r"


@attrs.frozen
class Span:
    """Where a node sits in the source text.

    Offsets are 0-based character offsets into the ``str`` that was parsed,
    ``end`` exclusive; lines and columns are 1-based, columns counted in
    characters.

    >>> Span(0, 3, 1, 1, 1, 4).length
    3
    """

    #: Offset of the first character.
    start: int
    #: Offset one past the last character.
    end: int
    #: Line of the first character (1-based).
    line: int
    #: Column of the first character (1-based).
    column: int
    #: Line of the last character (1-based).
    end_line: int
    #: Column one past the last character (1-based).
    end_column: int

    @property
    def length(self) -> int:
        """Number of characters covered."""
        return self.end - self.start

    def cover(self, other: Span) -> Span:
        """The smallest span covering this span and ``other``."""
        first = self if self.start <= other.start else other
        last = self if self.end >= other.end else other
        return Span(first.start, last.end, first.line, first.column, last.end_line, last.end_column)


#: The span of a node that was not read from text (built in code or generated).
NO_SPAN = Span(0, 0, 1, 1, 1, 1)
