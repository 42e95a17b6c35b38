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
import types
import typing
from collections.abc import Callable
from functools import lru_cache
from typing import IO, Any

import attrs
import cattrs
from cattrs.preconf.json import JsonConverter, make_converter
from cattrs.strategies import configure_tagged_union

from govinfo_reports.errors import GovinfoError
from govinfo_reports.facts import Extraction, Fact
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
        raise ValueError(f"a span is a list of six integers, not {_snippet(value)}")
    return Span(*value)


# Strict leaves: what dumps writes, and nothing json.loads could coerce into it (null is not
# "None", 1.9 is not 1, true is not 1, "abc" is not a tuple of three strings).

_JSON_TYPES = ((type(None), "null"), (bool, "a boolean"), (int, "an integer"), (float, "a number"))


def _json_type(value: object) -> str:
    """What a JSON value is, in words (``null``, ``a string`` …)."""
    for cls, name in _JSON_TYPES:
        if type(value) is cls:
            return name
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _snippet(value: object) -> str:
    """The start of a JSON value as JSON."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):  # pragma: no cover - values come from json.loads
        text = _json_type(value)
    return text if len(text) <= 40 else text[:37] + "..."


class _WrongType(TypeError):
    """A JSON value of the wrong type for its field."""


def _exact(cls: type, name: str) -> Callable[[Any, type], Any]:
    def structure(value: Any, _: type) -> Any:
        if type(value) is not cls:
            raise _WrongType(f"expected {name}, got {_json_type(value)}")
        return value

    return structure


def _is_tuple_of(cls: Any) -> bool:
    return typing.get_origin(cls) is tuple


def _item_type(cls: Any) -> Any:
    """The item type of ``tuple[X, ...]``, the string alias ``Block`` resolved (Python 3.10 leaves it)."""
    item = typing.get_args(cls)[0]
    if isinstance(item, typing.ForwardRef):
        item = item.__forward_arg__
    return _BlockUnion if item == Block else item


def _is_tuple_of_blocks(cls: Any) -> bool:
    return _is_tuple_of(cls) and _item_type(cls) is _BlockUnion


def _unstructure_blocks(conv: JsonConverter) -> Callable[[Any], Any]:
    def unstructure(value: Any) -> list[Any]:
        return [conv.unstructure(block, _BlockUnion) for block in value]

    return unstructure


def _tuple_hook(cls: Any, conv: JsonConverter) -> Callable[[Any, type], Any]:
    """Structure ``tuple[X, ...]`` from a JSON array only, each item strictly, with its index in errors."""
    args = typing.get_args(cls)
    if len(args) != 2 or args[1] is not Ellipsis:  # pragma: no cover - the nodes have only tuple[X, ...]
        raise TypeError(f"unsupported tuple type {cls!r}")
    item = _item_type(cls)
    structure_item = conv.get_structure_hook(item)

    def structure(value: Any, _: type) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise _WrongType(f"expected an array, got {_json_type(value)}")
        out = []
        errors: list[Exception] = []
        for index, element in enumerate(value):
            try:
                out.append(structure_item(element, item))
            except Exception as exc:
                exc.__notes__ = [
                    *getattr(exc, "__notes__", []),
                    cattrs.IterableValidationNote(f"@ index {index}", index, item),
                ]
                errors.append(exc)
        if errors:
            raise cattrs.IterableValidationError(f"while structuring {cls!r}", errors, cls)
        return tuple(out)

    return structure


@lru_cache(maxsize=1)
def converter() -> JsonConverter:
    """The cattrs converter for report trees (built once).

    It is a :func:`cattrs.preconf.json.make_converter` converter with the
    block types registered as a union tagged by ``type``; use it to embed
    report trees in your own cattrs-serialised structures.

    >>> converter().unstructure(Paragraph("全年公开10条。"), Paragraph)["text"]
    '全年公开10条。'
    """
    conv = make_converter(detailed_validation=True, forbid_extra_keys=True)
    conv.register_structure_hook(str, _exact(str, "a string"))
    conv.register_structure_hook(int, _exact(int, "an integer"))
    conv.register_structure_hook(bool, _exact(bool, "a boolean"))
    conv.register_structure_hook_factory(_is_tuple_of, lambda cls: _tuple_hook(cls, conv))
    conv.register_unstructure_hook_factory(_is_tuple_of_blocks, lambda _: _unstructure_blocks(conv))
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
        TypeError: ``report`` is not a :class:`~govinfo_reports.syntax.nodes.Report`.
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
    <Report 0 sections, 0 tables, 0 diagnostics>
    >>> loads('{"schema_version": 1, "type": "Report", "children": [{"type": "Nope"}]}')
    Traceback (most recent call last):
    ...
    govinfo_reports.errors.GovinfoError: not a govinfo_reports report: ...
    """
    if not isinstance(text, str | bytes | bytearray):
        raise GovinfoError(f"loads() takes a str or bytes, not {type(text).__name__}")
    try:
        obj = json.loads(text)
    except (ValueError, TypeError, RecursionError) as exc:
        raise GovinfoError(f"not JSON: {exc}") from None
    if not isinstance(obj, dict) or obj.get("type") != "Report":
        raise GovinfoError('not a govinfo_reports report: the top level must be an object with "type": "Report"')
    version = obj.get("schema_version")
    if type(version) is not int or version != SCHEMA_VERSION:
        raise GovinfoError(f"unsupported schema_version {json.dumps(version)} (this version reads {SCHEMA_VERSION})")
    body = {k: v for k, v in obj.items() if k not in ("schema_version", "type")}
    try:
        return converter().structure(body, Report)
    except RecursionError:
        raise GovinfoError("not a govinfo_reports report: nested too deeply") from None
    except Exception as exc:  # cattrs raises many types; none may reach the caller
        raise GovinfoError(f"not a govinfo_reports report: {_describe(exc)}") from None


def load(fp: IO[str] | IO[bytes]) -> Report:
    """Read a report written by :func:`dump` from a file object (see :func:`loads`)."""
    return loads(fp.read())


def _describe(exc: Exception) -> str:
    """Each error of a structuring failure as ``$.path: what is wrong``."""
    if _has_recursion_error(exc):
        return "nested too deeply"
    if isinstance(exc, cattrs.BaseValidationError):
        messages = [_path_first(m) for m in cattrs.transform_error(exc, path="$", format_exception=_format)]
        more = f"; and {len(messages) - _MESSAGES} more" if len(messages) > _MESSAGES else ""
        return "; ".join(messages[:_MESSAGES]) + more
    return f"{type(exc).__name__}: {exc}"


def _has_recursion_error(exc: BaseException) -> bool:
    """Whether a RecursionError is among the errors of a structuring failure."""
    stack = [exc]
    while stack:
        error = stack.pop()
        if isinstance(error, RecursionError):
            return True
        if isinstance(error, cattrs.BaseValidationError):
            stack.extend(error.exceptions)
    return False


#: How many of the errors of a document :func:`loads` names.
_MESSAGES = 5


def _format(exc: BaseException, type_: type | None) -> str:
    if isinstance(exc, _WrongType | ValueError):
        return str(exc)
    if isinstance(exc, KeyError):
        if typing.get_origin(type_) in (typing.Union, types.UnionType):  # the tagged union of blocks
            tag = exc.args[0] if exc.args else None
            return 'a block without "type"' if tag == "type" else f"unknown block type {_snippet(tag)}"
        return "required field missing"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return f"unknown fields {sorted(exc.extra_fields)}"
    return cattrs.v.format_exception(exc, type_)


def _path_first(message: str) -> str:
    """``what @ $.path`` (cattrs' order) as ``$.path: what``."""
    what, at, path = message.rpartition(" @ ")
    return f"{path}: {what}" if at else message


def _resolve_node_types() -> None:
    """Resolve the string annotations of the node classes once, so that cattrs sees the union behind ``Block``.

    ``Report`` annotates a cached property with names that nodes.py imports
    only for type checking; they are supplied here.
    """
    names = {"Extraction": Extraction, "Fact": Fact}
    for cls in (*_BLOCK_TYPES, Report):
        attrs.resolve_types(cls, localns=names)


_resolve_node_types()
