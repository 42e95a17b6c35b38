"""Read Chinese government information-disclosure annual reports (政府信息公开工作年度报告).

>>> import govinfo_reports
>>> report = govinfo_reports.parse("一、总体情况\\n(一)主动公开\\n全年主动公开政府信息200条。\\n")
>>> [(s.number.raw, s.title, [c.title for c in s.sections]) for s in report.sections]
[('一、', '总体情况', ['主动公开'])]
"""

from __future__ import annotations

from govinfo_reports.errors import DecodeError, GovinfoError, ParseError
from govinfo_reports.findings import Finding, Severity
from govinfo_reports.identity import Identity, identify
from govinfo_reports.io.frame import to_frame
from govinfo_reports.io.json import dumps, dumps_findings, loads, loads_findings
from govinfo_reports.rules import RULES, Rule
from govinfo_reports.sources.files import parse_file
from govinfo_reports.sources.html import parse_html
from govinfo_reports.sources.text import decode
from govinfo_reports.syntax.nodes import (
    Attachment,
    AttachmentList,
    AttachmentRef,
    Blank,
    Cell,
    Diagnostic,
    FileName,
    Numbering,
    Paragraph,
    Preamble,
    PublicationDate,
    Report,
    Section,
    Signature,
    Span,
    Table,
    TableLine,
    register_html_view,
)
from govinfo_reports.syntax.parser import parse
from govinfo_reports.syntax.render import render
from govinfo_reports.tables.extract import extract  # also serves Report.facts (it registers itself)
from govinfo_reports.validate import validate, validate_pair, validate_reports

__version__ = "0.1.0"


def _html_view(node: object) -> str:
    """The notebook view of a report, table or finding; its module is imported on first use only."""
    from govinfo_reports.io.html_view import fragment

    return fragment(node)


register_html_view(_html_view)  # serves Report, Table and Finding._repr_html_

__all__ = [
    "RULES",
    "Attachment",
    "AttachmentList",
    "AttachmentRef",
    "Blank",
    "Cell",
    "DecodeError",
    "Diagnostic",
    "FileName",
    "Finding",
    "GovinfoError",
    "Identity",
    "Numbering",
    "Paragraph",
    "ParseError",
    "Preamble",
    "PublicationDate",
    "Report",
    "Rule",
    "Section",
    "Severity",
    "Signature",
    "Span",
    "Table",
    "TableLine",
    "__version__",
    "decode",
    "dumps",
    "dumps_findings",
    "extract",
    "identify",
    "loads",
    "loads_findings",
    "parse",
    "parse_file",
    "parse_html",
    "render",
    "to_frame",
    "validate",
    "validate_pair",
    "validate_reports",
]
