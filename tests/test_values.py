"""Values: cell text read as numbers, units, blanks, placeholders or text; fused runs."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budget import budget
from govinfo_reports.values import is_fused_run, normalize, read_value, unit_of_header


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("0", Decimal(0), None),
        ("218", Decimal(218), None),
        ("18651.06", Decimal("18651.06"), None),
        ("-3", Decimal(-3), None),
        ("－3", Decimal(-3), None),
        ("−3", Decimal(-3), None),
        ("１２３", Decimal(123), None),
        ("１，２３４．５", Decimal("1234.5"), None),
        ("1,234,567", Decimal(1234567), None),
        (" 19 ", Decimal(19), None),
        ("\u300019\u3000", Decimal(19), None),
        ("251000元", Decimal(251000), "元"),
        ("3.5万元", Decimal("3.5"), "万元"),
        ("210人次", Decimal(210), "人次"),
        ("57.5%", Decimal("57.5"), "%"),
    ],
)
def test_numbers(text: str, value: Decimal, unit: str | None) -> None:
    read = read_value(text)
    assert read.kind == "number"
    assert read.value == value
    assert read.unit == unit


@pytest.mark.parametrize("text", ["", " ", "\u3000", "\n"])
def test_blank_is_not_zero(text: str) -> None:
    read = read_value(text)
    assert read.kind == "blank"
    assert read.value is None


@pytest.mark.parametrize("text", ["-", "—", "——", "/", "无"])
def test_placeholders(text: str) -> None:
    assert read_value(text).kind == "placeholder"
    assert read_value(text).value is None


@pytest.mark.parametrize("text", ["见附件", "12 3", "1,23", "3-4", "二〇一八", "一百", "元", "1.2.3"])
def test_text_is_never_coerced(text: str) -> None:
    read = read_value(text)
    assert read.kind == "text"
    assert read.value is None


@settings(max_examples=budget(200))
@given(st.integers(-(10**12), 10**12), st.booleans(), st.booleans())
def test_integers_round_trip(number: int, separators: bool, full_width: bool) -> None:
    text = f"{number:,}" if separators else str(number)
    if full_width:
        text = text.translate(str.maketrans("0123456789,-", "０１２３４５６７８９，－"))
    assert read_value(text).value == Decimal(number)


@settings(max_examples=budget(200))
@given(st.decimals(-(10**9), 10**9, places=2, allow_nan=False, allow_infinity=False))
def test_decimals_round_trip(number: Decimal) -> None:
    assert read_value(str(number)).value == number


def test_unit_of_header() -> None:
    assert unit_of_header("本年收费金额(单位:万元)") == "万元"
    assert unit_of_header("本年收费金额（单位：万元）") == "万元"
    assert unit_of_header("统计数") is None


def test_normalize_folds_widths_spaces_and_quotes() -> None:
    assert normalize("（三）不予公开") == normalize("(三)不予公开")
    assert normalize("3.危及“三安全一稳定”") == normalize('3.危及"三安全一稳定"') == "3.危及三安全一稳定"
    assert normalize("统 计 指 标") == "统计指标"


def test_fused_runs() -> None:
    assert is_fused_run("801000081", 7)
    assert is_fused_run("00", 2)
    assert not is_fused_run("0", 2)  # one digit cannot be two cells
    assert not is_fused_run("218", 1)  # one cell expected: an ordinary number
    assert not is_fused_run("12.5", 3)
