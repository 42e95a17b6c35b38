"""Findings through JSON: dumps_findings/loads_findings, and ``check -f json/jsonl`` read back as the same findings."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from govinfo_reports import GovinfoError, dumps, dumps_findings, loads_findings, parse, parse_file, validate
from govinfo_reports.cli import main
from govinfo_reports.findings import Finding, Severity
from govinfo_reports.io.json import PLACE_KEYS, dump_findings, load_findings
from govinfo_reports.strategies import findings
from govinfo_reports.syntax.nodes import NO_SPAN, Span
from govinfo_reports.validate import validate_pair

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
CORPUS = Path("/work/shared/corpus")
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not here")


def _real_reports() -> list[Path]:
    files = list(SEEDS)
    if CORPUS.is_dir():
        files += sorted(p for p in CORPUS.iterdir() if p.name != "MANIFEST.md")
    return files


def _places(found: list[Finding]) -> list[Any]:
    """What equality leaves out: the spans of every fact, and where each finding is reported."""
    return [
        ([f.span for f in x.facts], [f.span for f in x.other_facts], x.extra_spans, x.location, x.lines) for x in found
    ]


def _same(back: list[Finding], found: list[Finding]) -> None:
    assert back == found
    assert _places(back) == _places(found)
    assert [str(f) for f in back] == [str(f) for f in found]
    assert [repr(f) for f in back] == [repr(f) for f in found]
    # facts to the digit: a value's exponent, its span, inferred
    assert [[repr(x) for x in f.facts + f.other_facts] for f in back] == [
        [repr(x) for x in f.facts + f.other_facts] for f in found
    ]
    assert [(repr(f.expected), repr(f.actual), repr(f.difference)) for f in back] == [
        (repr(f.expected), repr(f.actual), repr(f.difference)) for f in found
    ]


# ---------------------------------------------------------------------------
# round trips


@given(findings())
def test_generated_findings_round_trip(finding: Finding) -> None:
    text = dumps_findings([finding])
    (back,) = loads_findings(text)
    _same([back], [finding])
    assert back.difference == finding.difference  # as written, even when not actual - expected
    assert dumps_findings([back]) == text
    # unlocated spans come back as NO_SPAN itself: Finding tells them by identity
    assert [s is NO_SPAN for s in back.extra_spans] == [s == NO_SPAN for s in finding.extra_spans]


@given(findings(across=True))
def test_generated_findings_across_reports_round_trip_as_json_lines(finding: Finding) -> None:
    lines = "\n".join(dumps_findings([finding]).removeprefix("[").removesuffix("]") for _ in range(2))
    back = loads_findings(lines)
    _same(back, [finding, finding])
    assert back[0].other_source == finding.other_source
    assert back[0].other_facts == finding.other_facts


def test_real_findings_round_trip() -> None:
    rules: set[str] = set()
    for path in _real_reports():
        found = validate(parse_file(path))
        rules.update(f.rule for f in found)
        _same(loads_findings(dumps_findings(found, indent=1)), found)
    assert "prose.parts-sum" in rules  # the seeds alone have findings of prose with facts and extra spans


@needs_corpus
def test_table_agreement_and_across_findings_round_trip() -> None:
    # prose against the table: a prose number and a table cell, two spans (the sentence of line 42)
    text = (CORPUS / "shanghai-stc-2024.pdf2md.md").read_text(encoding="utf-8")
    changed = text.replace("全年收到政府信息公开申请 34 件", "全年收到政府信息公开申请 300 件")
    (agreement,) = validate(parse(changed), select={"prose.table-agreement"})
    assert [f.table for f in agreement.facts] == ["prose", "三"]
    # year against year: two files and two cells (5 natural persons' requests carried forward, none carried over)
    this_year = (CORPUS / "pingtan-2024.layoutB.txt").read_text(encoding="utf-8")
    last_year = this_year.replace("2024", "2023").replace(
        "四、结转下年度继续办理\n|\n0\n", "四、结转下年度继续办理\n|\n5\n"
    )
    across = validate_pair(
        parse(last_year),
        parse(this_year),
        earlier_name="2023.txt",
        later_name="2024.txt",
        select={"across.carry-over"},
    )
    assert [f.rule for f in across] == ["across.carry-over"]
    found = [agreement, *across]
    back = loads_findings(dumps_findings(found))
    _same(back, found)
    assert [s.line for f in back for s in (x.span for x in f.facts)] == [
        42,
        agreement.facts[1].span.line,
        across[0].facts[0].span.line,
    ]
    assert (back[1].source, back[1].other_source) == ("2024.txt", "2023.txt")
    assert back[1].other_facts[0].span == across[0].other_facts[0].span
    assert (back[1].expected, back[1].actual) == (Decimal(5), Decimal(0))


def test_decimals_are_read_back_exactly() -> None:
    values = [Decimal("18651.06"), Decimal("1" * 20), Decimal("0.000001"), Decimal("-3"), Decimal("1E+5000")]
    found = [Finding("x", Severity.INFO, "m", v, v) for v in values]
    text = dumps_findings(found)
    assert [f.expected for f in loads_findings(text)] == values
    # a JSON number where its text is the decimal's own and a double holds it; else the decimal's text
    assert [f["expected"] for f in json.loads(text)] == [18651.06, "1" * 20, "0.000001", -3, "1E+5000"]
    trailing = [Finding("x", Severity.INFO, "m", Decimal("2.50"), Decimal("-0"))]
    assert json.loads(dumps_findings(trailing))[0]["expected"] == "2.50"
    assert repr(loads_findings(dumps_findings(trailing))[0].actual) == "Decimal('-0')"


def test_file_objects(tmp_path: Path) -> None:
    found = validate(parse_file(SEEDS[3]))
    path = tmp_path / "findings.json"
    with path.open("w", encoding="utf-8") as out:
        dump_findings(found, out)
    with path.open("rb") as raw:
        _same(load_findings(raw), found)


def test_dumps_findings_wants_findings() -> None:
    with pytest.raises(TypeError, match="findings, not Report"):
        dumps_findings([parse("一、总体情况\n")])  # type: ignore[list-item]


# ---------------------------------------------------------------------------
# strictness: every wrong document is our error, naming where

_FACT = {
    "indicator": None,
    "label_path": ["共计"],
    "column": "prose",
    "value": 5,
    "unit": "条",
    "text": "5",
    "table": "prose",
    "span": [0, 1, 1, 1, 1, 2],
    "inferred": False,
}
_FINDING: dict[str, Any] = {"rule": "x", "severity": "error", "message": "m", "facts": [_FACT]}


def _with(path: tuple[Any, ...], value: object) -> str:
    obj = json.loads(json.dumps([_FINDING]))
    target = obj
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return json.dumps(obj, ensure_ascii=False)


@pytest.mark.parametrize(
    ("path", "value", "needle"),
    [
        ((0, "rule"), None, r"\$\[0\]\.rule: expected a string, got null"),
        ((0, "severity"), "fatal", r'\$\[0\]\.severity: unknown severity "fatal"'),
        ((0, "expected"), True, r"\$\[0\]\.expected: expected a number or its text, got a boolean"),
        ((0, "actual"), " 12", r'\$\[0\]\.actual: not a finite decimal number: " 12"'),
        ((0, "actual"), "1_000", r"not a finite decimal number"),
        ((0, "actual"), "NaN", r"not a finite decimal number"),
        ((0, "actual"), "-Infinity", r"not a finite decimal number"),
        ((0, "actual"), "1e99999999999999999999", r"not a finite decimal number"),
        ((0, "facts", 0, "value"), "abc", r"\$\[0\]\.facts\[0\]\.value: not a finite decimal number"),
        ((0, "facts", 0, "label_path"), "共计", r"\$\[0\]\.facts\[0\]\.label_path: expected an array"),
        ((0, "facts", 0, "inferred"), 0, r"\$\[0\]\.facts\[0\]\.inferred: expected a boolean, got an integer"),
        ((0, "facts", 0, "span"), [1, 2], r"\$\[0\]\.facts\[0\]\.span: a span is a list of six integers"),
        ((0, "facts", 0, "colour"), "red", r"\$\[0\]\.facts\[0\]: unknown fields \['colour'\]"),
        ((0, "facts", 0, "line"), "3", r"\$\[0\]\.facts\[0\]\.line: expected an integer or null, got a string"),
        ((0, "location"), 3, r"\$\[0\]\.location: expected a string, got an integer"),
        ((0, "extra"), 1, r"\$\[0\]: unknown fields \['extra'\]"),
        ((0, "other_facts"), [1], r"\$\[0\]\.other_facts\[0\]"),
    ],
)
def test_wrong_fields_name_their_path(path: tuple[Any, ...], value: object, needle: str) -> None:
    with pytest.raises(GovinfoError, match=needle) as info:
        loads_findings(_with(path, value))
    assert info.value.__cause__ is None


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("not json", "not JSON"),
        ("[1]", r"\$\[0\]"),
        ('"x"', "a finding is a JSON object, not a string"),
        ('[{"rule": "x", "severity": "error"}]', r"\$\[0\]\.message: required field missing"),
        ('[{"rule": "x", "severity": "error", "message": "m", "actual": NaN}]', "NaN is not JSON"),
        ('{"rule": "x", "severity": "error", "message": "m"}\n{"rule": 1}\n', r"line 2: \$\.rule: expected a string"),
        ('{"rule": "x", "severity": "error", "message": "m"}\n{oops\n', "not JSON: line 2"),
        (b"\xff\xfe[", "not UTF-8"),
        ("[" * 100_000 + "]" * 100_000, "not JSON|nested too deeply"),
    ],
)
def test_bad_documents_are_our_error(text: str | bytes, needle: str) -> None:
    with pytest.raises(GovinfoError, match=needle):
        loads_findings(text)


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=4)
    | st.sampled_from(["error", "1.5", "-0", "NaN", "1e99999999999999999999"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["rule", "severity", "message", "expected", "facts", "span", "value", "line", "path"]),
            inner,
        )
    ),
    max_leaves=20,
)


@given(st.dictionaries(st.sampled_from([*sorted(_FINDING), "actual", "other_facts", "location"]), _JSON))
def test_any_json_gives_findings_or_our_error(body: dict[str, Any]) -> None:
    document = json.dumps([{**_FINDING, **body}])
    try:
        found = loads_findings(document)
    except GovinfoError:
        return
    assert loads_findings(dumps_findings(found)) == found


def test_a_report_is_not_findings() -> None:
    with pytest.raises(GovinfoError, match="a report"):
        loads_findings(dumps(parse("一、总体情况\n")))


def test_loads_findings_wants_text() -> None:
    with pytest.raises(GovinfoError, match="takes a str or bytes, not int"):
        loads_findings(3)  # type: ignore[arg-type]


def test_no_findings() -> None:
    assert loads_findings("") == []
    assert loads_findings("[]\n") == []
    assert loads_findings(" \n\n") == []


# ---------------------------------------------------------------------------
# check's JSON is the same shape: read back as the findings validate gives


def _check(*args: str) -> str:
    result = CliRunner().invoke(main, ["check", "--jobs", "1", "--quiet", *args], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_check_output_reads_back_as_the_findings(fmt: str) -> None:
    files = _real_reports()
    expected = [f for path in files for f in validate(parse_file(path))]
    text = _check("-f", fmt, "--no-across", *map(str, files))
    _same(loads_findings(text), expected)
    rows = [json.loads(line) for line in text.splitlines()] if fmt == "jsonl" else json.loads(text)
    assert len(rows) == len(expected) > 3
    # the places check adds: the finding's, and each fact's, in its file
    for row in rows:
        assert set(PLACE_KEYS) <= set(row)
        assert all(set(PLACE_KEYS) <= set(fact) and fact["path"] == row["path"] for fact in row["facts"])


@needs_corpus
def test_check_across_output_reads_back_with_both_files(tmp_path: Path) -> None:
    this_year = (CORPUS / "pingtan-2024.layoutB.txt").read_text(encoding="utf-8")
    last_year = this_year.replace("2024", "2023").replace(
        "四、结转下年度继续办理\n|\n0\n", "四、结转下年度继续办理\n|\n5\n"
    )
    (tmp_path / "2024.txt").write_text(this_year, encoding="utf-8")
    (tmp_path / "2023.txt").write_text(last_year, encoding="utf-8")
    a, b = str(tmp_path / "2023.txt"), str(tmp_path / "2024.txt")
    text = _check("-f", "jsonl", "--select", "across.carry-over", str(tmp_path))
    expected = validate_pair(parse_file(a), parse_file(b), earlier_name=a, later_name=b, select={"across.carry-over"})
    assert [f.rule for f in expected] == ["across.carry-over"]
    back = loads_findings(text)
    _same(back, expected)
    (row,) = [json.loads(line) for line in text.splitlines()]
    assert [c["path"] for c in row["facts"]] == [b]
    assert [c["path"] for c in row["other_facts"]] == [a]
    assert row["other_facts"][0]["line"] == expected[0].other_facts[0].span.line
    # SARIF: last year's cell is a related location in last year's file
    log = json.loads(_check("-f", "sarif", "--select", "across.carry-over", str(tmp_path)))
    (result,) = log["runs"][0]["results"]
    uris = [r["physicalLocation"]["artifactLocation"]["uri"] for r in result["relatedLocations"]]
    assert [u.rsplit("/", 1)[-1] for u in uris] == ["2024.txt", "2023.txt"]
    lines = [r["physicalLocation"]["region"]["startLine"] for r in result["relatedLocations"]]
    assert lines == [row["facts"][0]["line"], row["other_facts"][0]["line"]]


def test_a_place_key_may_be_left_out() -> None:
    row = {**_FINDING, "path": "a.txt", "location": "a.txt:1:1"}
    (finding,) = loads_findings(json.dumps(row))
    assert finding.facts[0].span == Span(0, 1, 1, 1, 1, 2)
