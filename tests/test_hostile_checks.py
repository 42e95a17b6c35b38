"""Hostile input to validation, cell values and JSON: never a crash, a stall or a blow-up.

The contract: for any text, ``validate(parse(text))`` and ``parse(text).facts`` return (never
raise), in time linear in the size of the text; :func:`~govinfo_reports.loads` raises only
:class:`~govinfo_reports.GovinfoError`, naming where in the document the error is.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govinfo_reports import GovinfoError, dumps, loads, parse, validate
from govinfo_reports import prose as prose_module
from govinfo_reports.rules.legacy import _cn_value
from govinfo_reports.strategies import noise_texts, report_texts
from govinfo_reports.syntax.numerals import numeral_value
from govinfo_reports.tables.extract import extract
from govinfo_reports.values import MAX_DIGITS, read_value

SEEDS = sorted((Path(__file__).parent.parent.parent.parent / "shared" / "seeds").glob("*.txt"))
if not SEEDS:  # pragma: no cover - the seeds sit next to the worktrees
    SEEDS = sorted(Path("/work/shared/seeds").glob("*.txt"))


def _check(text: str) -> None:
    report = parse(text)
    validate(report)
    for fact in report.facts:
        str(fact.value)


def _cost_per_byte(text: str, runs: int = 3) -> float:
    """The fastest of a few runs of validate(parse(text)), in CPU seconds per UTF-8 byte.

    CPU time, not wall time: other processes on a busy machine (parallel test workers) delay a run
    without making it cost more.
    """
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        _check(text)
        best = min(best, time.process_time() - start)
    return best / len(text.encode())


@pytest.fixture(scope="module")
def seed_cost() -> float:
    """validate(parse(seed)) per byte, over all seeds (the fastest of three runs each)."""
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    assert texts, "the seeds are missing"
    total = sum(_cost_per_byte(t) * len(t.encode()) for t in texts)
    return total / sum(len(t.encode()) for t in texts)


def _sentence_of(unit: str, size: int) -> str:
    """A report whose one sentence repeats ``unit`` to about ``size`` bytes."""
    return "一、总体情况\n" + unit * max(1, size // len(unit.encode())) + "。\n"


# Each repeats one construction of the prose reader in a single sentence; every one of them
# cost the square (or the cube) of the sentence's length before.
HOSTILE_UNITS = [
    "其中",
    "其中1条",
    "共10条,其中1条,",
    "其中1条(",
    "其中 ( ( 其中 ) 其中 1条",
    "在1条中,",
    "在这些1条中,",
    "共1条,",
    "1条占全年总数的1%,",
    "其中1条占1%,",
    "其中1条超过20个工作日1条",
    "截至年底累计1条",
    "一、1条其中\n",
    "1" * 50 + "条,",
    "1." * 30 + "条",
    "1" * 1000,
    " " * 100 + "1",
]


@pytest.mark.parametrize("unit", HOSTILE_UNITS, ids=range(len(HOSTILE_UNITS)))
def test_validate_is_linear_in_a_hostile_sentence(unit: str, seed_cost: float) -> None:
    small = _cost_per_byte(_sentence_of(unit, 10_000))
    large = _cost_per_byte(_sentence_of(unit, 100_000), runs=2)
    # linear: ten times the text costs at most about ten times as much (timing noise allowed for)
    assert large <= max(small, seed_cost) * 2.5, (small, large)


@pytest.mark.parametrize("unit", ["其中", "其中1条", "其中 ", "其中(", "(其中", "其中,"])
def test_qizhong_repeated_costs_what_a_report_does(unit: str, seed_cost: float) -> None:
    # The probe's reproducer (其中 repeated in one sentence; 40 KB took 6.9 s).  Sentences whose
    # every few bytes make a statement (and a finding) cost more per byte than a report does:
    # they are held to linearity only, above.
    large = _cost_per_byte(_sentence_of(unit, 100_000), runs=2)
    assert large <= seed_cost * 5, (large, seed_cost)


def test_qizhong_repeated_in_one_sentence_is_fast() -> None:
    # the probe's reproducer: 40 KB took 6.9 s
    text = _sentence_of("其中1条", 40_000)
    start = time.perf_counter()
    _check(text)
    assert time.perf_counter() - start < 1.0


def test_chinese_numeral_that_is_none_in_a_table_label() -> None:
    # 八一 is no numeral: a legacy row numbered with it used to raise ValueError
    assert validate(parse("八一、|人")) == []
    assert [_cn_value(t) for t in ("八一", "十十", "一十一", "九十九", "")] == [0, 0, 11, 99, 0]


@pytest.mark.parametrize("digits", [27, 31, 1000, 100_000])
def test_long_percentages_and_numbers_in_prose_never_raise(digits: int) -> None:
    long = "1" * digits
    texts = [
        f"一、概述\n共100条,其中1条,占{long}%。\n",
        f"一、概述\n共100条,其中1条,占0.{long}%。\n",
        f"一、概述\n共{long}条,其中1条,其他{long}条。\n",
        f"一、概述\n共1{'0' * digits}条,其中1条,占1{'0' * digits}%。\n",
    ]
    for text in texts:
        _check(text)


def test_numbers_over_the_digit_limit_are_not_read_in_prose() -> None:
    ok = "9" * MAX_DIGITS
    report = parse(f"一、概述\n全年公开{ok}条,其中规范性文件1条,其他信息{'9' * (MAX_DIGITS + 1)}条。\n")
    [statement] = prose_module.statements(report)
    assert statement.total.value == Decimal(ok)
    assert [p.quantity.value for p in statement.parts] == [Decimal(1)]


def test_a_27_digit_share_is_checked_without_an_error() -> None:
    findings = validate(parse(f"一、概述\n共100条,其中1条,占{'1' * 27}%。\n"))
    assert [f.rule for f in findings] == ["prose.share"]


def test_a_cell_over_the_digit_limit_is_kept_as_text_with_a_diagnostic() -> None:
    limit = getattr(sys.int_info, "default_max_str_digits", 0)  # int <-> str fails past it (0: none)
    assert limit == 0 or limit > MAX_DIGITS
    long = "1" * 5000
    report = parse(f"指标 |\n累计数 |\n人员数 |\n{long} |\n")
    extraction = extract(report)
    [fact] = extraction.facts
    assert fact.value is None
    assert fact.text == long
    [diagnostic] = [d for d in extraction.diagnostics if d.code == "number-too-long"]
    assert "5000 digits" in diagnostic.message
    assert diagnostic.span == fact.span
    validate(report)


def test_the_digit_limit_of_cells() -> None:
    assert read_value("9" * MAX_DIGITS).value == Decimal("9" * MAX_DIGITS)
    assert read_value("1," + ",".join(["000"] * 9)).value == Decimal(10**27)  # separators are not digits
    assert read_value("9" * (MAX_DIGITS + 1)).kind == "overlong"
    assert read_value("1." + "5" * MAX_DIGITS).kind == "overlong"
    assert read_value("9" * (MAX_DIGITS + 1)).is_value_like


def test_numerals_of_many_digits_are_none() -> None:
    assert numeral_value("9" * MAX_DIGITS) == int("9" * MAX_DIGITS)
    assert numeral_value("1" * 5000) is None


def test_the_prose_patterns_compile_on_python_3_10() -> None:
    # possessive quantifiers and atomic groups arrive in Python 3.11
    for name, value in vars(prose_module).items():
        if isinstance(value, re.Pattern):
            assert not re.search(r"[*+?}][+]|\(\?>", value.pattern), name


# --- JSON --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def document() -> dict[str, object]:
    text = SEEDS[0].read_text(encoding="utf-8")
    obj: dict[str, object] = json.loads(dumps(parse(text)))
    return obj


def _first(node: object, kind: str) -> dict[str, object]:
    """The first block of a type in a JSON tree, depth first."""
    stack = [node]
    while stack:
        item = stack.pop(0)
        if isinstance(item, dict):
            if item.get("type") == kind:
                return item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    raise AssertionError(kind)


def _mutated(document: dict[str, object], change: Callable[[dict[str, object]], None]) -> str:
    copy: dict[str, object] = json.loads(json.dumps(document))
    change(copy)
    return json.dumps(copy, ensure_ascii=False)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: _first(d, "Paragraph").update(text=None), r"\$\..*\.text: expected a string, got null"),
        (
            lambda d: _first(d, "Section").update(title=1.9),
            r"\$\.children\[\d+\]\.title: expected a string, got a number",
        ),
        (lambda d: _first(d, "Section").update(level=1.9), r"\.level: expected an integer, got a number"),
        (lambda d: _first(d, "Section").update(level=True), r"\.level: expected an integer, got a boolean"),
        (lambda d: _first(d, "Section").update(children="ab"), r"\.children: expected an array, got a string"),
        (lambda d: _first(d, "Section").update(span=[1.5, 2, 3, 4, 5, 6]), r"\.span: a span is a list of six integers"),
        (lambda d: _first(d, "Section").pop("title"), r"\.title: required field missing"),
        (lambda d: _first(d, "Section").update(extra=1), r"unknown fields \['extra'\]"),
        (lambda d: _first(d, "Section").update(type="Nope"), r'unknown block type "Nope"'),
        (lambda d: d.update(schema_version=True), r"unsupported schema_version true"),
        (lambda d: d.update(schema_version=1.0), r"unsupported schema_version 1.0"),
    ],
)
def test_loads_is_strict(
    document: dict[str, object], change: Callable[[dict[str, object]], None], message: str
) -> None:
    with pytest.raises(GovinfoError, match=message):
        loads(_mutated(document, change))


def test_loads_still_reads_what_dumps_writes(document: dict[str, object]) -> None:
    text = SEEDS[0].read_text(encoding="utf-8")
    assert loads(json.dumps(document)) == parse(text)


@pytest.mark.parametrize(
    "text",
    [
        "{",
        "[]",
        "null",
        '"Report"',
        b"\xff\xfe",
        "[" * 100_000 + "]" * 100_000,
        '{"schema_version": 1, "type": "Report", "children": ['
        + '{"type": "Attachment", "text": "a", "eol": "", "span": [0, 1, 1, 1, 1, 2], "children": [' * 600
        + "]}" * 600
        + '], "diagnostics": [], "span": [0, 1, 1, 1, 1, 2]}',
    ],
    ids=["truncated", "array", "null", "string", "not-utf8", "deep-json", "deep-tree"],
)
def test_loads_raises_only_our_error(text: str | bytes) -> None:
    with pytest.raises(GovinfoError):
        loads(text)


# --- fuzzing -----------------------------------------------------------------------------

_PIECES = [
    "其中",
    "包括",
    "共",
    "合计",
    "共计",
    "总计",
    "在",
    "中,",
    "占",
    "%",
    "％",
    "|",
    "｜",
    "一、",
    "（一）",
    "(二)",
    "1.",
    "八一、",
    "十十、",
    "①",
    "\n",
    "。",
    "，",
    "、",
    "；",
    "(",
    ")",
    "万元",
    "条",
    "件",
    "余",
    "超过",
    "不超过20个工作日",
    "截至年底",
    "累计",
    "其他",
    "这些",
    "较上年增加",
    "9" * 40,
    "1" * 5000,
    "0." + "0" * 40 + "1",
    "12",
    "3.5",
    "5%",
    "—",
]


@st.composite
def _hostile_texts(draw: st.DrawFn) -> str:
    """A seed, or a slice of one, with markers, digits and pieces of it inserted and repeated."""
    text = draw(st.sampled_from(SEEDS)).read_text(encoding="utf-8")
    if draw(st.booleans()):
        start = draw(st.integers(0, len(text) - 1))
        text = text[start : start + draw(st.integers(1, 3000))]
    for _ in range(draw(st.integers(1, 12))):
        at = draw(st.integers(0, len(text)))
        how = draw(st.sampled_from(["insert", "repeat", "unicode"]))
        if how == "insert":
            piece = draw(st.sampled_from(_PIECES))
        elif how == "repeat":
            piece = text[at : at + draw(st.integers(1, 200))] * draw(st.integers(1, 4))
        else:
            piece = draw(st.text(max_size=10))
        text = text[:at] + piece + text[at:]
    return text


@given(_hostile_texts())
def test_validate_and_facts_never_raise_on_mutated_seeds(text: str) -> None:
    _check(text)


@given(st.one_of(noise_texts(), report_texts(), st.text()))
def test_validate_and_facts_never_raise_on_any_text(text: str) -> None:
    _check(text)
