"""JSON for reports: :func:`dumps` and :func:`loads`, through cattrs.

Every block carries a ``type`` field naming its node class (a tagged union),
so a reader in any language can walk the tree; the document as a whole
carries ``schema_version``.  Spans are written as six-integer lists
``[start, end, line, column, end_line, end_column]`` and restored, although
they take no part in equality.

>>> from govinfo_reports import parse
>>> report = parse("一、总体情况\\n全年公开10条。\\n")
>>> text = dumps(report)
>>> loads(text) == report
True
>>> loads(text).sections[0].span.line
1
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import IO, Any

import attrs
import cattrs
from cattrs.preconf.json import JsonConverter, make_converter
from cattrs.strategies import configure_tagged_union

from govinfo_reports.errors import GovinfoError
from govinfo_reports.nodes import (
    Attachment,
    AttachmentList,
    Blank,
    FileName,
    Paragraph,
    Preamble,
    PublicationDate,
    Report,
    Section,
    Signature,
    Span,
    Table,
)

__all__ = ["SCHEMA_VERSION", "converter", "dump", "dumps", "load", "loads"]

#: The version of the JSON layout written by :func:`dumps`; :func:`loads` refuses others.
SCHEMA_VERSION = 1

_BLOCK_TYPES = (
    Paragraph,
    Blank,
    Table,
    Section,
    Signature,
    AttachmentList,
    Attachment,
    FileName,
    PublicationDate,
    Preamble,
)
_BlockUnion: Any = Paragraph
for _cls in _BLOCK_TYPES[1:]:
    _BlockUnion = _BlockUnion | _cls


def _unstructure_span(span: Span) -> list[int]:
    return [span.start, span.end, span.line, span.column, span.end_line, span.end_column]


def _structure_span(value: Any, _: type) -> Span:
    if not isinstance(value, list | tuple) or len(value) != 6 or not all(type(v) is int for v in value):
        raise ValueError(f"a span is a list of six integers, not {value!r}")
    return Span(*value)


@lru_cache(maxsize=1)
def converter() -> JsonConverter:
    """The cattrs converter for report trees (built once).

    It is a :func:`cattrs.preconf.json.make_converter` converter with the
    block types registered as a union tagged by ``type``; use it to embed
    report trees in your own cattrs-serialised structures.

    >>> converter().unstructure(Paragraph("全年公开10条。"), Paragraph)["text"]
    '全年公开10条。'
    """
    conv = make_converter()
    conv.register_unstructure_hook(Span, _unstructure_span)
    conv.register_structure_hook(Span, _structure_span)
    configure_tagged_union(_BlockUnion, conv, tag_generator=lambda cls: cls.__name__, tag_name="type")
    return conv


def _to_obj(report: Report) -> dict[str, Any]:
    if not isinstance(report, Report):
        raise TypeError(f"dumps() takes a Report, not {type(report).__name__}")
    body = converter().unstructure(report, Report)
    return {"schema_version": SCHEMA_VERSION, "type": "Report", **body}


def dumps(report: Report, *, indent: int | None = None) -> str:
    """The report as a JSON document (Chinese text kept as is, not escaped).

    Args:
        report: The report to write.
        indent: Indentation of the JSON, ``None`` for one line.

    Returns:
        The JSON text; :func:`loads` reads it back to an equal report.

    Raises:
        TypeError: ``report`` is not a :class:`~govinfo_reports.nodes.Report`.
    """
    return json.dumps(_to_obj(report), ensure_ascii=False, indent=indent)


def dump(report: Report, fp: IO[str], *, indent: int | None = None) -> None:
    """Write :func:`dumps` of the report to a text file object."""
    fp.write(dumps(report, indent=indent))


def loads(text: str | bytes) -> Report:
    """Read a report written by :func:`dumps`.

    Args:
        text: The JSON document.

    Returns:
        The report, spans and diagnostics included.

    Raises:
        GovinfoError: the text is not JSON, not a report, or of another schema version.

    >>> loads('{"schema_version": 1, "type": "Report", "children": []}')
    Report(children=(), diagnostics=())
    >>> loads('{"schema_version": 1, "type": "Report", "children": [{"type": "Nope"}]}')
    Traceback (most recent call last):
    ...
    govinfo_reports.errors.GovinfoError: not a govinfo_reports report: ...
    """
    try:
        obj = json.loads(text)
    except (ValueError, TypeError, RecursionError) as exc:
        raise GovinfoError(f"not JSON: {exc}") from None
    if not isinstance(obj, dict) or obj.get("type") != "Report":
        raise GovinfoError('not a govinfo_reports report: the top level must be an object with "type": "Report"')
    version = obj.get("schema_version")
    if version != SCHEMA_VERSION:
        raise GovinfoError(f"unsupported schema_version {version!r} (this version reads {SCHEMA_VERSION})")
    body = {k: v for k, v in obj.items() if k not in ("schema_version", "type")}
    try:
        return converter().structure(body, Report)
    except Exception as exc:  # cattrs raises many types; none may reach the caller
        raise GovinfoError(f"not a govinfo_reports report: {_describe(exc)}") from None


def load(fp: IO[str] | IO[bytes]) -> Report:
    """Read a report written by :func:`dump` from a file object (see :func:`loads`)."""
    return loads(fp.read())


def _describe(exc: Exception) -> str:
    if isinstance(exc, cattrs.BaseValidationError):
        return "; ".join(cattrs.transform_error(exc, path="$"))
    return f"{type(exc).__name__}: {exc}"


def _resolve_node_types() -> None:
    """Resolve the string annotations of the node classes once, so that cattrs sees the union behind ``Block``.

    ``Report`` annotates a cached property with names that nodes.py imports
    only for type checking; they are supplied here.
    """
    from govinfo_reports import facts

    names = {name: getattr(facts, name, Any) for name in ("Extraction", "Fact")}
    for cls in (*_BLOCK_TYPES, Report):
        attrs.resolve_types(cls, localns=names)


_resolve_node_types()
