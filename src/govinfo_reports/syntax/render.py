"""Tree → text: the exact inverse of :func:`govinfo_reports.parse`.

``render(parse(text)) == text`` for every string.
"""

from __future__ import annotations

from govinfo_reports.syntax.nodes import (
    Attachment,
    AttachmentList,
    Blank,
    Block,
    FileName,
    Paragraph,
    Preamble,
    PublicationDate,
    Report,
    Section,
    Signature,
    Table,
)

__all__ = ["render"]


def render(node: Report | Block) -> str:
    """The source text of a report or of any block of it.

    >>> from govinfo_reports import parse
    >>> text = "一、总体情况\\r\\n(一)主动公开\\r\\n全年公开10条。"
    >>> render(parse(text)) == text
    True
    """
    out: list[str] = []
    _emit(node, out)
    return "".join(out)


def _emit(node: Report | Block, out: list[str]) -> None:
    if isinstance(node, Paragraph | Blank | FileName | PublicationDate):
        out.append(node.text)
        out.append(node.eol)
    elif isinstance(node, Section):
        out.append(node.indent)
        out.append(node.heading)
        out.append(node.eol)
        for child in node.children:
            _emit(child, out)
    elif isinstance(node, Table):
        for line in node.lines:
            out.append(line.text)
            out.append(line.eol)
    elif isinstance(node, Signature):
        out.extend((node.issuer_text, node.issuer_eol, node.date_text, node.date_eol))
    elif isinstance(node, AttachmentList):
        for entry in node.entries:
            out.append(entry.text)
            out.append(entry.eol)
    elif isinstance(node, Attachment):
        out.append(node.text)
        out.append(node.eol)
        for child in node.children:
            _emit(child, out)
    elif isinstance(node, Report | Preamble):
        for child in node.children:
            _emit(child, out)
    else:  # pragma: no cover - every node type is handled above
        raise TypeError(f"cannot render {type(node).__name__}")
