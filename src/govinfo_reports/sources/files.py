"""Report files of every kind: text, HTML, PDF and Word, read by the reader their kind needs."""

from __future__ import annotations

import os
import stat

from govinfo_reports.errors import DecodeError
from govinfo_reports.sources.html import parse_html
from govinfo_reports.sources.text import decode
from govinfo_reports.syntax.nodes import Report
from govinfo_reports.syntax.parser import parse

__all__ = ["parse_file"]


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
        # bytes unless the encoding is given: the page's <meta charset> may decide it
        page: str | bytes = data if encoding is None else decode(data, path=name, encoding=encoding)
        return parse_html(page, strict=strict, source_name=name)
    text = decode(data, path=name, encoding=encoding)
    return parse(text, strict=strict, source_name=name)
