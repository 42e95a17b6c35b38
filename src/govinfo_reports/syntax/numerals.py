"""Numbers written with Chinese numerals, full-width digits or circled digits."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["CIRCLED", "numeral_value"]

_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
#: Circled numbers ① … ⑳, in order.
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
#: The most digits a numeral is read with (as :data:`govinfo_reports.values.MAX_DIGITS`).
_MAX_DIGITS = 30
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


@lru_cache(maxsize=1024)  # a heading's number is read three times on its way (lexer, post-lexer, parser)
def numeral_value(text: str) -> int | None:
    """The value of a numeral: ``"12"``, ``"１２"``, ``"十二"``, ``"二十"``, ``"③"``.

    Returns ``None`` for text that is not a numeral, or a numeral of more than 30 digits.

    >>> [numeral_value(t) for t in ("12", "１２", "十二", "二十一", "一百零五", "③", "x")]
    [12, 12, 12, 21, 105, 3, None]
    """
    text = text.strip()
    if not text:
        return None
    ascii_digits = text.translate(_FULLWIDTH)
    if ascii_digits.isascii() and ascii_digits.isdigit():
        # int() of a long digit string is slow, and past sys.int_info's limit fails: no numeral is that long
        return int(ascii_digits) if len(ascii_digits) <= _MAX_DIGITS else None
    if len(text) == 1 and text in CIRCLED:
        return CIRCLED.index(text) + 1
    total = 0
    current = 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _UNITS:
            total += (current or 1) * _UNITS[ch]
            current = 0
        else:
            return None
    return total + current
