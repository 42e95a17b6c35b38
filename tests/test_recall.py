"""Prose recall: thousands separators, 万, Chinese numerals (cn2an), 包括, a total after its parts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govinfo_reports import parse
from govinfo_reports.prose import number_value, quantities
from govinfo_reports.validate import validate


def _findings(sentence: str) -> list[str]:
    return [f.message for f in validate(parse("一、总体情况\n" + sentence + "\n"), select={"prose"})]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2,100", Decimal(2100)),
        ("1,234,567", Decimal(1234567)),
        ("1.2万", Decimal(12000)),
        ("3亿", Decimal(300000000)),
        ("三百", Decimal(300)),
        ("两千", Decimal(2000)),
        ("一千二百零五", Decimal(1205)),
    ],
)
def test_number_values(text: str, value: Decimal) -> None:
    assert number_value(text) == value


def test_a_thousands_separator_is_one_number() -> None:
    (q,) = quantities("共计2,100条")
    assert (q.value, q.text, q.label) == (Decimal(2100), "2,100", "共计")


def test_a_thousands_separator_gives_no_false_error() -> None:
    # 2,100 was read as 100: the sum of its parts (2,000) then looked wrong
    assert _findings("全年公开信息共计2,100条,其中网站发布1,000条,其他平台发布1,100条。") == []
    (message,) = _findings("全年公开信息共计2,100条,其中网站发布1,000条,其他平台发布1,000条。")
    assert "difference 100" in message


def test_chinese_numerals_are_read() -> None:
    pytest.importorskip("cn2an")
    assert _findings("收到申请三百件,其中自然人申请二百件,其他申请一百件。") == []
    (message,) = _findings("收到申请三百件,其中自然人申请二百件,其他申请五十件。")
    assert "difference 50" in message


def test_a_numeral_word_is_not_a_count() -> None:
    pytest.importorskip("cn2an")
    # 一项, 三个 are words more often than counts; 第三百条 an ordinal
    assert quantities("完成一项工作,落实三个方面,依照第三百条") == []


def test_counts_in_wan_compare_within_their_rounding() -> None:
    # 1.2万 stands for 11,500 to 12,499
    assert _findings("全年公开信息1.2万条,其中网站发布0.7万条,其他信息4000条。") == []
    (message,) = _findings("全年公开信息1.2万条,其中网站发布0.7万条,其他信息3000条。")
    assert "difference 2000" in message


def test_baokuo_opens_parts() -> None:
    assert _findings("全年主动公开政府信息300条,包括规范性文件100条、政策解读50条、其他信息150条。") == []
    (message,) = _findings("全年主动公开政府信息300条,其中包括规范性文件100条、政策解读50条、其他信息140条。")
    assert "「规范性文件」 100条" in message
    assert "difference 10" in message


def test_a_total_after_its_parts() -> None:
    (message,) = _findings("规范性文件100条、政策解读50条、其他信息140条，总计300条。")
    assert "difference 10" in message
