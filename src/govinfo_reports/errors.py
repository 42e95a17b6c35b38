"""The library's exceptions: all of them are :class:`ValueError` subclasses.

No exception of lark, lxml or cattrs reaches the caller; each is wrapped in
one of these, with the position in the source and a snippet of it.
"""

from __future__ import annotations

import unicodedata

__all__ = ["DecodeError", "GovinfoError", "ParseError", "caret_snippet"]


class GovinfoError(ValueError):
    """Base class of every error raised by govinfo_reports."""


class ParseError(GovinfoError):
    """The text could not be read as a report, or (strict mode) had to be guessed at.

    >>> err = ParseError("unexpected heading", text="一、总体\\n(三)主动公开\\n", line=2, column=2)
    >>> print(err)
    2:2: unexpected heading
        (三)主动公开
         ^
    """

    def __init__(
        self,
        message: str,
        *,
        text: str = "",
        line: int = 1,
        column: int = 1,
        code: str = "parse-error",
        source_name: str | None = None,
    ) -> None:
        #: What went wrong.
        self.message = message
        #: 1-based line of the problem.
        self.line = line
        #: 1-based column (in characters) of the problem.
        self.column = column
        #: A stable code naming the kind of problem.
        self.code = code
        #: The file the text came from, if known.
        self.source_name = source_name
        #: The offending line with a caret under the column.
        self.snippet = caret_snippet(text, line, column) if text else ""
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.source_name}:" if self.source_name else ""
        head = f"{where}{self.line}:{self.column}: {self.message}"
        return f"{head}\n{self.snippet}" if self.snippet else head


class DecodeError(GovinfoError):
    """A file could not be decoded as the text of a report, is binary, or is not a regular file.

    See :func:`govinfo_reports.decode` for the encodings read.
    """

    def __init__(self, message: str, *, path: str) -> None:
        #: The file that could not be read.
        self.path = path
        #: What went wrong.
        self.message = message
        super().__init__(f"{path}: {message}")


def _width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def caret_snippet(text: str, line: int, column: int, *, indent: str = "    ") -> str:
    """The given line of ``text`` with a caret under ``column``.

    The caret is padded by display width, so it sits under the right
    character after Chinese (double-width) text; tabs are kept as tabs.

    >>> print(caret_snippet("第一行\\n甲乙丙丁", 2, 3))
        甲乙丙丁
            ^
    """
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return ""
    source = lines[line - 1].rstrip("\r")
    shown = "".join(ch if ch.isprintable() or ch == "\t" else "\ufffd" for ch in source)
    before = shown[: max(column - 1, 0)]
    pad = "".join("\t" if ch == "\t" else " " * _width(ch) for ch in before)
    return f"{indent}{shown}\n{indent}{pad}^"
