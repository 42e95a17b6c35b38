"""JSON for reports (:func:`dumps` and :func:`loads`) and for findings
(:func:`dumps_findings` and :func:`loads_findings`), through cattrs.

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

Findings are a JSON array of finding objects (see :func:`dumps_findings`), the
shape ``govinfo-reports check -f json`` writes (``-f jsonl``: one object a line)
with the finding's places in the file added; :func:`loads_findings` reads all three.
"""

from __future__ import annotations

import decimal
import json
import math
import re
import types
import typing
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import lru_cache
from typing import IO, Any

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn
from cattrs.preconf.json import JsonConverter, make_converter
from cattrs.strategies import configure_tagged_union

from govinfo_reports.errors import GovinfoError
from govinfo_reports.facts import Extraction, Fact
from govinfo_reports.findings import Finding, Severity
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
from govinfo_reports.syntax.span import NO_SPAN

__all__ = [
    "PLACE_KEYS",
    "SCHEMA_VERSION",
    "converter",
    "dump",
    "dump_findings",
    "dumps",
    "dumps_findings",
    "json_number",
    "load",
    "load_findings",
    "loads",
    "loads_findings",
]

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
    span = Span(*value)
    return NO_SPAN if span == NO_SPAN else span  # "unlocated" is told by identity (``span is NO_SPAN``)


# Strict leaves: what dumps writes, and nothing json.loads could coerce into it (null is not
# "None", 1.9 is not 1, true is not 1, "abc" is not a tuple of three strings).

_JSON_TYPES = (
    (type(None), "null"),
    (bool, "a boolean"),
    (int, "an integer"),
    (float, "a number"),
    (Decimal, "a number"),  # what loads_findings reads a JSON number with a fraction or exponent as
)


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


#: Values with more significant digits than this are written as their text, not as a JSON number.
_MAX_NUMBER_DIGITS = 15


def json_number(value: Decimal | None) -> int | float | str | None:
    """A decimal for JSON: a number when a JSON reader reads it back equal, else its text.

    A value of more than 15 significant digits (or 15 before the point) is
    its text: a reader holding numbers as doubles could not hold it.  What
    ``facts`` writes (findings keep each decimal's own digits: :func:`dumps_findings`).

    >>> json_number(Decimal("18651.06")), json_number(Decimal("218")), json_number(Decimal("1" * 20))
    (18651.06, 218, '11111111111111111111')
    """
    if value is None:
        return None
    if not value.is_finite() or value.adjusted() >= _MAX_NUMBER_DIGITS or len(value.as_tuple().digits) > 30:
        return format(value, "f") if value.is_finite() and abs(value.adjusted()) < 4300 else str(value)
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    return as_float if Decimal(repr(as_float)) == value else str(value)


def _exact_number(value: Decimal) -> int | float | str:
    """A finding's decimal for JSON: a number when its JSON text is the decimal's own text
    (``218``, ``18651.06``) and a double holds it, else that text (``"2.50"``, ``"1E+3"``, ``"-0"``,
    more than 15 digits), so that it is read back as the very same decimal, digits and exponent."""
    text = str(value)
    if value.is_finite() and len(value.as_tuple().digits) <= _MAX_NUMBER_DIGITS:
        number: int | float = int(value) if value.as_tuple().exponent == 0 else float(value)
        if json.dumps(number) == text:
            return number
    return text


#: The decimal texts a finding's JSON holds: plain or exponent notation (no spaces, no underscores,
#: no NaN nor infinity: ``Decimal()`` itself reads more).
_DECIMAL_TEXT = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def _structure_decimal(value: Any, _: type) -> Decimal:
    """A finite decimal from a JSON number or its text; a finding never holds NaN or an infinity."""
    if type(value) is int or type(value) is Decimal:
        return Decimal(value)
    if type(value) is float and math.isfinite(value):  # json.loads without parse_float: repr is exact
        return Decimal(repr(value))
    if isinstance(value, str):
        if _DECIMAL_TEXT.fullmatch(value):
            # an exponent beyond what decimal holds raises, or gives NaN where the context traps nothing
            try:
                number = Decimal(value)
            except decimal.InvalidOperation:
                pass
            else:
                if number.is_finite():
                    return number
        raise ValueError(f"not a finite decimal number: {_snippet(value)}")
    raise _WrongType(f"expected a number or its text, got {_json_type(value)}")


def _structure_severity(value: Any, _: type) -> Severity:
    if type(value) is not str:
        raise _WrongType(f"expected a string, got {_json_type(value)}")
    try:
        return Severity(value)
    except ValueError:
        names = ", ".join(s.value for s in Severity)
        raise ValueError(f"unknown severity {_snippet(value)} (one of {names})") from None


#: The keys of a place in a file, which ``govinfo-reports check`` adds to each finding object and to
#: each of its facts: the file, ``path:line:col`` (``path:PAGE`` for a PDF), the line and column (for an
#: HTML page, the page's line), and where in a PDF or Word document (``page 3, 412 pt from the top``).
#: :func:`loads_findings` checks their types and leaves them out: a finding has its spans, not places.
PLACE_KEYS = ("path", "location", "line", "col", "origin")
_PLACE_KEY_SET = frozenset(PLACE_KEYS)

_PLACE_TYPES: dict[str, tuple[tuple[type, ...], str]] = {
    "path": ((str,), "a string"),
    "location": ((str,), "a string"),
    "line": ((int, type(None)), "an integer or null"),
    "col": ((int, type(None)), "an integer or null"),
    "origin": ((str, type(None)), "a string or null"),
}


def _placed_hook(cls: type, conv: JsonConverter) -> Callable[[Any, type], Any]:
    """Structure ``cls`` strictly from an object that may carry the :data:`PLACE_KEYS` (checked, then dropped)."""
    base: Callable[[Any, type], Any] = make_dict_structure_fn(cls, conv)

    def structure(value: Any, _: type) -> Any:
        if isinstance(value, dict) and not _PLACE_KEY_SET.isdisjoint(value):
            errors: list[Exception] = []
            for key in PLACE_KEYS:
                if key in value:
                    kinds, name = _PLACE_TYPES[key]
                    if type(value[key]) not in kinds:
                        error = _WrongType(f"expected {name}, got {_json_type(value[key])}")
                        error.__notes__ = [cattrs.AttributeValidationNote(f"@ attribute {key}", key, str)]
                        errors.append(error)
            if errors:
                raise cattrs.ClassValidationError(f"while structuring {cls.__name__}", errors, cls)
            value = {k: v for k, v in value.items() if k not in _PLACE_KEY_SET}
        return base(value, cls)

    return structure


@lru_cache(maxsize=1)
def converter() -> JsonConverter:
    """The cattrs converter for report trees and findings (built once).

    It is a :func:`cattrs.preconf.json.make_converter` converter with the
    block types registered as a union tagged by ``type``, and the hooks of
    :func:`dumps_findings` for findings, facts, decimals and severities; use
    it to embed report trees or findings in your own cattrs-serialised structures.

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
    # findings: their decimals, severities, facts
    conv.register_unstructure_hook(Decimal, _exact_number)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(Severity, lambda severity: severity.value)
    conv.register_structure_hook(Severity, _structure_severity)
    for cls in (Fact, Finding):
        conv.register_structure_hook(cls, _placed_hook(cls, conv))
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


def _finding_obj(finding: Finding) -> dict[str, Any]:
    if not isinstance(finding, Finding):
        raise TypeError(f"dumps_findings() takes findings, not {type(finding).__name__}")
    obj: dict[str, Any] = converter().unstructure(finding, Finding)
    return obj


def dumps_findings(findings: Iterable[Finding], *, indent: int | None = None) -> str:
    """Findings as a JSON array of finding objects (Chinese text kept as is).

    Each object has the fields of :class:`~govinfo_reports.Finding`:
    ``rule``, ``severity`` (``"error"`` …), ``message``; ``expected``,
    ``actual`` and ``difference`` (a number when the JSON number is the
    decimal's own text and a double holds it, else its text: ``"2.50"``,
    ``"1E+3"``; ``null`` when there is none; read back as the same decimal);
    ``facts`` and ``other_facts`` (each fact's ``indicator``, ``label_path``
    as an array, ``column``, ``value``, ``unit``, ``text``, ``table``,
    ``span`` and ``inferred``); ``extra_spans``; ``source`` and
    ``other_source``.  Spans are six-integer lists as in :func:`dumps`.
    ``govinfo-reports check -f json`` writes the same objects with their
    places in the file added (:data:`PLACE_KEYS`).

    Args:
        findings: The findings (:func:`~govinfo_reports.validate` gives them).
        indent: Indentation of the JSON, ``None`` for one line.

    Returns:
        The JSON text; :func:`loads_findings` reads it back to equal findings.

    Raises:
        TypeError: an item is not a :class:`~govinfo_reports.Finding`.

    >>> from decimal import Decimal
    >>> found = [Finding("table3.balance", Severity.ERROR, "1 + 1 = 2, not 3", Decimal(2), Decimal(3))]
    >>> text = dumps_findings(found)
    >>> obj = json.loads(text)[0]
    >>> obj["rule"], obj["severity"], obj["expected"], obj["actual"], obj["difference"], obj["facts"]
    ('table3.balance', 'error', 2, 3, 1, [])
    >>> loads_findings(text) == found
    True
    """
    return json.dumps([_finding_obj(f) for f in findings], ensure_ascii=False, indent=indent)


def dump_findings(findings: Iterable[Finding], fp: IO[str], *, indent: int | None = None) -> None:
    """Write :func:`dumps_findings` of the findings to a text file object."""
    fp.write(dumps_findings(findings, indent=indent))


#: The arithmetic of a finding read without its ``difference`` (``actual - expected`` is then worked
#: out): no trap, so that no pair of numbers a document holds can raise.
_ARITHMETIC = decimal.Context(prec=100, traps=[])


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _json_value(text: str | bytes) -> Any:
    """``json.loads`` with JSON numbers read exactly (as :class:`~decimal.Decimal` when not integers)."""
    return json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)


def loads_findings(text: str | bytes) -> list[Finding]:
    """Read findings written by :func:`dumps_findings`, or by ``govinfo-reports check -f json`` or ``-f jsonl``.

    The text is a JSON array of finding objects, or JSON Lines (one finding
    object a line, blank lines skipped; an empty text has no findings).  The
    reading is strict: a field of the wrong type (``null`` for a string, a
    boolean for a number, a decimal text with spaces), an unknown field or a
    missing required one is an error naming its JSON path; the place keys
    ``check`` adds (:data:`PLACE_KEYS`) are checked and left out.

    Args:
        text: The JSON text.

    Returns:
        The findings, in the order of the text.

    Raises:
        GovinfoError: the text is not JSON, or not findings.

    >>> loads_findings('{"rule": "x", "severity": "warning", "message": "m"}')
    [<Finding warning x, 'm', 0 facts>]
    >>> loads_findings('[{"rule": "x", "severity": "bad", "message": "m", "actual": true}]')
    Traceback (most recent call last):
    ...
    govinfo_reports.errors.GovinfoError: not govinfo_reports findings: $[0].severity: unknown severity "bad" (one of error, warning, info); $[0].actual: expected a number or its text, got a boolean
    """
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise GovinfoError(f"not JSON: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    if not isinstance(text, str):
        raise GovinfoError(f"loads_findings() takes a str or bytes, not {type(text).__name__}")
    if not text.strip(_JSON_SPACE):
        return []
    try:
        whole = _json_value(text)
    except (ValueError, ArithmeticError, RecursionError) as exc:
        # JSON Lines are split at LF only: a string of the JSON may hold U+0085 or U+2028 as they are
        lines = [(n, line) for n, line in enumerate(text.split("\n"), 1) if line.strip(_JSON_SPACE)]
        if len(lines) < 2:
            raise GovinfoError(f"not JSON: {exc}") from None
        return [_finding_from(_line_value(n, line), f"line {n}: ") for n, line in lines]
    if isinstance(whole, list):
        return list(_structure_findings(whole, tuple[Finding, ...], ""))
    return [_finding_from(whole, "")]


#: The whitespace of JSON (RFC 8259): a text or a line of nothing else holds no finding.
_JSON_SPACE = " \t\n\r"


def _line_value(number: int, line: str) -> Any:
    try:
        return _json_value(line)
    except (ValueError, ArithmeticError, RecursionError) as exc:
        raise GovinfoError(f"not JSON: line {number}: {exc}") from None


def _finding_from(obj: Any, where: str) -> Finding:
    if not isinstance(obj, dict):
        raise GovinfoError(f"not govinfo_reports findings: {where}a finding is a JSON object, not {_json_type(obj)}")
    if obj.get("type") == "Report":
        raise GovinfoError(f"not govinfo_reports findings: {where}a report (read it with loads)")
    found: Finding = _structure_findings(obj, Finding, where)
    return found


def _structure_findings(obj: Any, cls: Any, where: str) -> Any:
    try:
        with decimal.localcontext(_ARITHMETIC):
            return converter().structure(obj, cls)
    except RecursionError:
        raise GovinfoError(f"not govinfo_reports findings: {where}nested too deeply") from None
    except Exception as exc:  # cattrs raises many types; none may reach the caller
        raise GovinfoError(f"not govinfo_reports findings: {where}{_describe(exc)}") from None


def load_findings(fp: IO[str] | IO[bytes]) -> list[Finding]:
    """Read findings from a file object (see :func:`loads_findings`)."""
    return loads_findings(fp.read())


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
    for cls in (*_BLOCK_TYPES, Report, Fact, Finding):
        attrs.resolve_types(cls, localns=names)


_resolve_node_types()
