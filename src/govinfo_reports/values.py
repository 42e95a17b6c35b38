"""Cell values: reading a table cell's text as a number, a unit, a blank or text.

A cell is read, never coerced: ``218`` is ``Decimal("218")``, ``""`` is a blank
(``None``, which is not ``0``), ``251000元`` is ``251000`` with the unit ``元``,
and ``见附件`` stays text.

>>> read_value("１，２３４")
CellValue(kind='number', value=Decimal('1234'), unit=None)
>>> read_value("-3")
CellValue(kind='number', value=Decimal('-3'), unit=None)
>>> read_value("251000元")
CellValue(kind='number', value=Decimal('251000'), unit='元')
>>> read_value(" ").kind, read_value("—").kind, read_value("见附件").kind
('blank', 'placeholder', 'text')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal, TypeAlias

import attrs

__all__ = [
    "MAX_DIGITS",
    "UNITS",
    "CellValue",
    "ValueKind",
    "fold",
    "is_fused_run",
    "normalize",
    "read_value",
    "to_simplified",
    "unit_of_header",
]

ValueKind: TypeAlias = Literal["number", "blank", "placeholder", "text", "overlong"]
"""``number`` a number was read; ``blank`` the cell is empty; ``placeholder`` a
dash, slash or 无 standing for "nothing to report"; ``overlong`` a number written
with more than :data:`MAX_DIGITS` digits, not read; ``text`` anything else."""

#: The most digits a number may be written with and still be read as a value.  Reports
#: never state more than 12; a longer run of digits is a scrape's fusion or hostile input,
#: and reading it would make arithmetic and output (``int``, ``str``) costly or fail.
MAX_DIGITS = 30

#: Units that trail a number or fill a unit column, longest first.
UNITS: tuple[str, ...] = ("万元", "人次", "千元", "元", "条", "件", "次", "人", "个", "篇", "项", "份", "期", "场", "%")

_NUMBER_RE = re.compile(r"([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?")
_PLACEHOLDERS = frozenset({"-", "--", "—", "——", "–", "/", "\\", "无", "×", "x", "X", "*", "…", "……", "/ ", "空"})
_HEADER_UNIT_RE = re.compile(r"单位[:：]?\s*(" + "|".join(re.escape(u) for u in UNITS) + r")")


@attrs.frozen
class CellValue:
    """What a cell's text holds."""

    #: ``number``, ``blank``, ``placeholder`` or ``text``.
    kind: ValueKind
    #: The number, when :attr:`kind` is ``number``.
    value: Decimal | None = None
    #: A unit written in the cell after the number (``251000元`` → ``元``).
    unit: str | None = None

    @property
    def is_value_like(self) -> bool:
        """Whether the cell can stand in a value column (number, blank or placeholder)."""
        return self.kind != "text"


# Memoised: labels and cell texts repeat across rows, tables and reports.  This cache and the
# others marked "memo cache" (tables.grid, tables.readers, rules.legacy) together make the pipeline
# on the seeds 1.19x faster (farm-bench, 7 paired runs on a busy machine, 2026-12-03; 1.26-1.37x
# when issue "The house" measured them).
@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Fold a label for comparison: NFKC (full-width to half-width), no spaces, no quotes.

    >>> normalize("（三）不予公开　1．属于“国家秘密”")
    '(三)不予公开1.属于国家秘密'
    """
    return fold(text)


def fold(text: str, *, traditional: bool = True) -> str:
    """:func:`normalize` without its cache, for long or one-off texts.

    ``traditional=False`` skips :func:`to_simplified`, for text known to be in
    simplified characters (the template's own labels, folded at import time
    without loading OpenCC).

    >>> fold("（一） 规章")
    '(一)规章'
    """
    folded = unicodedata.normalize("NFKC", text)
    if traditional:
        folded = to_simplified(folded)
    return _SPACE_OR_QUOTE_RE.sub("", folded)


def to_simplified(text: str) -> str:
    """Traditional characters as simplified ones (OpenCC's ``t2s``), so that labels match the template.

    ``一、總體情況`` folds to ``一、总体情况`` and ``條`` to ``条``; text in
    simplified characters is unchanged.  The conversion is OpenCC's (the
    ``traditional`` extra: ``pip install govinfo-reports[traditional]``),
    loaded on the first text that is not ASCII; without OpenCC the text is
    returned as it is (labels in traditional characters then match nothing).

    >>> to_simplified("本年新收政府資訊公開申請數量") in ("本年新收政府资讯公开申请数量", "本年新收政府資訊公開申請數量")
    True
    """
    if text.isascii():
        return text
    convert = _converter()
    if convert is None:
        return text
    if _SURROGATES.search(text) is None:
        return convert(text)
    # OpenCC reads UTF-8, which has no lone surrogate (a str may hold one: text decoded with
    # surrogateescape, or made in code): the text around them is converted, they are kept
    pieces: list[str] = []
    last = 0
    for m in _SURROGATES.finditer(text):
        pieces.extend((convert(text[last : m.start()]) if m.start() > last else "", m.group()))
        last = m.end()
    pieces.append(convert(text[last:]) if last < len(text) else "")
    return "".join(pieces)


#: Code points that are half a UTF-16 pair, alone.
_SURROGATES = re.compile("[\ud800-\udfff]+")


@lru_cache(maxsize=1)
def _converter() -> Callable[[str], str] | None:
    """OpenCC's traditional-to-simplified conversion, or ``None`` when OpenCC is not installed."""
    try:
        import opencc  # optional and heavy: loaded on first use only
    except ImportError:
        return None
    try:
        convert: Callable[[str], str] = opencc.OpenCC("t2s").convert
    except Exception:  # a broken installation (missing dictionaries) must not break reading
        return None
    return convert


# Spaces and quotes go: labels compare without them (one pass; str.translate is slow on long CJK text).
_SPACE_OR_QUOTE_RE = re.compile("[\\s\u3000\u00a0\ufeff\"'“”‘’「」『』]+")


@lru_cache(maxsize=8192)
def read_value(text: str) -> CellValue:
    """Read a cell's text as a number (with an optional trailing unit), a blank, a placeholder or text.

    Full-width digits and signs, thousands separators and stray spaces are
    accepted; a minus sign may be ``-``, ``－`` or ``−``.

    >>> read_value("18651.06").value
    Decimal('18651.06')
    >>> read_value("−12").value
    Decimal('-12')
    >>> read_value("12 3").kind
    'text'
    >>> read_value("1" * (MAX_DIGITS + 1)).kind
    'overlong'
    """
    folded = unicodedata.normalize("NFKC", text).replace("−", "-").replace("—", "—")
    stripped = folded.strip(" \t\r\n\u3000\u00a0\ufeff")
    if not stripped:
        return CellValue("blank")
    if stripped in _PLACEHOLDERS:
        return CellValue("placeholder")
    unit: str | None = None
    body = stripped
    for candidate in UNITS:
        if body.endswith(candidate) and len(body) > len(candidate):
            unit = candidate
            body = body[: -len(candidate)].rstrip()
            break
    match = _NUMBER_RE.fullmatch(body)
    if match is None:
        if not stripped.isascii() and (len(stripped) <= 2 or stripped[0] in "+-0123456789"):
            # A unit or placeholder in traditional characters (5條, 3.5萬元, 無) reads as its simplified form.
            plain = to_simplified(stripped)
            if plain != stripped:
                return read_value(plain)
        return CellValue("text")
    sign, digits, fraction = match.groups()
    if len(digits) - digits.count(",") + (len(fraction) - 1 if fraction else 0) > MAX_DIGITS:
        return CellValue("overlong")
    try:
        number = Decimal(sign + digits.replace(",", "") + (fraction or ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        return CellValue("text")
    return CellValue("number", number, unit)


def unit_of_header(text: str) -> str | None:
    """The unit a column header states (``本年收费金额(单位:万元)`` → ``万元``).

    >>> unit_of_header("本年收费金额（单位：万元）")
    '万元'
    >>> unit_of_header("总计") is None
    True
    """
    match = _HEADER_UNIT_RE.search(to_simplified(unicodedata.normalize("NFKC", text)))
    return match.group(1) if match else None


def is_fused_run(text: str, expected_cells: int) -> bool:
    """Whether a numeric cell looks like several numeric cells run together.

    Single-line scrapes drop the separators between cells, so ``80``, ``1``,
    ``0``, ``0``, ``0``, ``0``, ``81`` arrive as ``801000081``.  Such a run can
    only be recognised, not split: the split is not knowable from the digits.
    A run of digits is suspect when more than one cell was expected where it
    stands and the run has at least as many digits as cells.

    >>> is_fused_run("801000081", 7)
    True
    >>> is_fused_run("81", 1)
    False
    """
    if expected_cells < 2:
        return False
    body = unicodedata.normalize("NFKC", text).strip()
    return body.isdigit() and len(body) >= expected_cells
