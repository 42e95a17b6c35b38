"""Report files of every kind: text, HTML, PDF and Word, read by the reader their kind needs."""

from __future__ import annotations

import os
import stat

from govinfo_reports.errors import DecodeError
from govinfo_reports.sources.document import SourceDocument
from govinfo_reports.sources.html import parse_html
from govinfo_reports.sources.pdf import read_pdf
from govinfo_reports.sources.text import decode
from govinfo_reports.sources.word import read_word
from govinfo_reports.syntax.nodes import Report
from govinfo_reports.syntax.parser import parse

__all__ = ["DOCUMENT_SUFFIXES", "PDF_SUFFIXES", "WORD_SUFFIXES", "parse_file", "read_document"]

#: Suffixes read as PDF (pdfplumber, the ``pdf`` extra).
PDF_SUFFIXES = (".pdf",)
#: Suffixes read as Word files (python-docx, the ``docx`` extra; ``.doc``/``.wps`` through LibreOffice).
WORD_SUFFIXES = (".docx", ".doc", ".wps")
#: Suffixes of documents with true structure other than HTML: read into a :class:`SourceDocument`.
DOCUMENT_SUFFIXES = PDF_SUFFIXES + WORD_SUFFIXES


def read_document(path: str | os.PathLike[str]) -> SourceDocument | None:
    """A PDF or Word file read into its text rendering and true tables; ``None`` for any other suffix.

    Raises:
        DecodeError: the file is not readable as what its suffix says, or the reader's extra is not installed.
        OSError: the file cannot be read.
    """
    name = os.fspath(path)
    suffix = os.path.splitext(name)[1].lower()
    if suffix in PDF_SUFFIXES:
        return read_pdf(_read_regular(name), source_name=name)
    if suffix in WORD_SUFFIXES:
        _read_regular(name)  # refuses FIFOs, devices and folders before any reader opens them
        return read_word(name)
    return None


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

    The suffix decides the reader: HTML files (``.html``, ``.htm``) go through
    :func:`govinfo_reports.parse_html` (their ``<meta charset>`` counts too);
    PDF (``.pdf``) and Word files (``.docx``, and ``.doc``/``.wps`` when
    LibreOffice is installed) through :func:`read_document`, their tables
    keeping their true cells; anything else is text, whose encoding is
    detected by the rules of :func:`decode` unless ``encoding`` names it.

    Args:
        path: The file.
        strict: As for :func:`parse`.
        encoding: The file's encoding, instead of detecting it.

    Raises:
        DecodeError: the file is not a regular file, is binary, or cannot be decoded; a PDF
            without a text layer (OCR is needed), encrypted or broken; a Word file that is not
            one, or a ``.doc`` without LibreOffice.
        GovinfoError: an HTML file, and lxml (the ``html`` extra) is not installed.
        ParseError: strict mode only.
        OSError: the file cannot be read.
    """
    name = os.fspath(path)
    document = read_document(name)
    if document is not None:
        return document.parse(strict=strict, source_name=name)
    data = _read_regular(name)
    if name.lower().endswith((".html", ".htm")):
        # bytes unless the encoding is given: the page's <meta charset> may decide it
        page: str | bytes = data if encoding is None else decode(data, path=name, encoding=encoding)
        return parse_html(page, strict=strict, source_name=name)
    text = decode(data, path=name, encoding=encoding)
    return parse(text, strict=strict, source_name=name)
