"""A plain-text outline of a report: the skeleton a reader sees.

Used by the golden tests and the ``outline`` command.  One line per node::

    preamble title=None
    section 一、 level=1 总体情况
      section (一) level=2 主动公开
        table layout=B cells=24
    signature 辽源市西安区机关事务管理局 2018-03-09
    attachment 附件1 title=...
"""

from __future__ import annotations

from govinfo_reports.syntax.nodes import (
    Attachment,
    AttachmentList,
    Block,
    FileName,
    Preamble,
    Report,
    Section,
    Signature,
    Table,
)

__all__ = ["outline"]


def outline(report: Report) -> str:
    """The report's outline, one line per structural node, indented by depth.

    >>> from govinfo_reports import parse
    >>> print(outline(parse("一、总体情况\\n(一)主动公开\\n1、公开的数量。全年10条\\n")))
    section 一、 L1 总体情况
      section (一) L2 主动公开
        section 1、 L3 公开的数量 +body
    """
    lines: list[str] = []
    for child in report.children:
        _node(child, 0, lines)
    return "\n".join(lines)


def _node(block: Block, depth: int, lines: list[str]) -> None:
    pad = "  " * depth
    if isinstance(block, Preamble):
        lines.append(f"{pad}preamble title={block.title!r}")
    elif isinstance(block, Section):
        body = " +body" if block.body_text else ""
        lines.append(f"{pad}section {block.number.raw.strip()} L{block.level} {block.title.strip()}{body}")
        for child in block.children:
            _node(child, depth + 1, lines)
    elif isinstance(block, Table):
        lines.append(f"{pad}table layout={block.layout} lines={len(block.lines)}")
    elif isinstance(block, Signature):
        lines.append(f"{pad}signature {block.issuer} {block.date}")
    elif isinstance(block, AttachmentList):
        for entry in block.entries:
            lines.append(f"{pad}listed {entry.label} {entry.title}")
    elif isinstance(block, Attachment):
        lines.append(f"{pad}attachment {block.label} title={block.title!r}")
        for child in block.children:
            _node(child, depth + 1, lines)
    elif isinstance(block, FileName):
        lines.append(f"{pad}file {block.text.strip()}")
