"""JSON round trips of report trees: dumps/loads through cattrs."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo_reports
from govinfo_reports import GovinfoError, dumps, loads, parse, parse_file, render
from govinfo_reports.io.json import SCHEMA_VERSION, converter
from govinfo_reports.strategies import reports
from govinfo_reports.syntax.nodes import Attachment, Preamble, Report, Section, Span

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
CORPUS = Path("/work/shared/corpus")


def _spans(node: object) -> list[tuple[str, Span]]:
    """Every span in a tree, with the class that holds it, in a fixed order."""
    out: list[tuple[str, Span]] = []
    if attrs.has(type(node)):
        for field in attrs.fields(type(node)):  # type: ignore[arg-type]
            value = getattr(node, field.name)
            if isinstance(value, Span):
                out.append((type(node).__name__, value))
            else:
                out.extend(_spans(value))
    elif isinstance(node, tuple | list):
        for item in node:
            out.extend(_spans(item))
    return out


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_round_trip_seeds(path: Path) -> None:
    report = parse_file(path)
    text = dumps(report)
    back = loads(text)
    assert back == report
    assert render(back) == render(report)
    # spans take no part in equality: compare them one by one
    assert _spans(back) == _spans(report)
    assert len(_spans(report)) > 20
    assert back.diagnostics == report.diagnostics
    assert [d.span for d in back.diagnostics] == [d.span for d in report.diagnostics]
    # a second trip writes the same text
    assert dumps(back) == text


def test_spans_survive_although_equality_ignores_them() -> None:
    report = parse("一、总体情况\n全年公开10条。\n(一)主动公开\n| 规章\n|\n0\n|\n")
    moved = parse("\n\n一、总体情况\n全年公开10条。\n(一)主动公开\n| 规章\n|\n0\n|\n").children[1:]
    assert Report(moved) == Report(report.children)  # same content, other places
    back = loads(dumps(report))
    assert back.sections[0].span == report.sections[0].span
    table = back.sections[0].sections[0].children[0]
    assert table.span.line == 4
    assert [c.span.line for c in table.cells] == [4, 6]  # type: ignore[union-attr]


def test_every_block_is_tagged_with_its_class_and_the_document_has_a_schema_version() -> None:
    text = (ROOT / "seeds" / "000_fc022d70227099c4.txt").read_text(encoding="utf-8")
    obj = json.loads(dumps(parse(text)))
    assert obj["schema_version"] == SCHEMA_VERSION
    assert obj["type"] == "Report"
    types: set[str] = set()

    def walk(node: dict[str, object]) -> None:
        if "children" in node:
            for child in node["children"]:  # type: ignore[attr-defined]
                assert "type" in child
                types.add(child["type"])
                walk(child)

    walk(obj)
    assert {"Preamble", "Section", "Paragraph", "Table"} <= types
    last_line = text.rsplit("\n", 1)[-1]
    assert obj["span"] == [0, len(text), 1, 1, text.count("\n") + 1, len(last_line) + 1]


def test_chinese_text_is_written_as_is_and_indent_is_honoured() -> None:
    out = dumps(parse("一、总体情况\n"), indent=2)
    assert "总体情况" in out
    assert '\n  "type": "Report"' in out


def test_corpus_and_generated_nodes_round_trip() -> None:
    built = Report(
        (
            Preamble(),
            Section(govinfo_reports.Numbering("cn", 1, "一、"), "总体情况"),
            Attachment("附件1:统计表"),
        )
    )
    assert loads(dumps(built)) == built
    for path in sorted(CORPUS.glob("*")) if CORPUS.is_dir() else []:
        if path.suffix in {".txt", ".md", ".html"}:
            report = parse_file(path)
            assert loads(dumps(report)) == report, path.name


def test_converter_is_reusable_for_single_nodes() -> None:
    section = parse("一、总体情况\n正文。\n").sections[0]
    raw = converter().unstructure(section, Section)
    assert raw["title"] == "总体情况"
    assert raw["children"][0]["type"] == "Paragraph"
    assert converter().structure(raw, Section) == section


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("not json", "not JSON"),
        ("[]", "not a govinfo_reports report"),
        ('{"type": "Report", "children": []}', "schema_version"),
        ('{"schema_version": 99, "type": "Report", "children": []}', "schema_version 99"),
        ('{"schema_version": 1, "type": "Report", "children": [{"type": "Nope"}]}', "not a govinfo_reports report"),
        ('{"schema_version": 1, "type": "Report", "children": [{"type": "Paragraph"}]}', "text"),
        (
            '{"schema_version": 1, "type": "Report", "children": [], "span": [1, 2]}',
            r"\$\.span: a span is a list of six integers",
        ),
    ],
)
def test_bad_documents_raise_our_error(text: str, needle: str) -> None:
    with pytest.raises(GovinfoError, match=needle) as info:
        loads(text)
    assert isinstance(info.value, ValueError)
    assert info.value.__cause__ is None


def test_dumps_wants_a_report() -> None:
    with pytest.raises(TypeError, match="Report"):
        dumps(Section(govinfo_reports.Numbering("cn", 1, "一、"), "x"))  # type: ignore[arg-type]


@settings(max_examples=max(15, settings.default.max_examples // 4))  # big trees: a quarter of the profile
@given(reports())
def test_generated_trees_round_trip(tree: Report) -> None:
    # generated trees carry no spans; the seeds and the corpus test real ones
    back = loads(dumps(tree))
    assert back == tree
    assert render(back) == render(tree)


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=4)
    | st.sampled_from(["Paragraph", "Table", "Section"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(["type", "children", "text", "span", "lines", "kind", "eol", "title"]), inner)
    ),
    max_leaves=20,
)


@given(_JSON)
def test_loads_of_any_json_returns_a_report_or_raises_our_error(body: object) -> None:
    document = {"schema_version": SCHEMA_VERSION, "type": "Report", "children": body}
    try:
        report = loads(json.dumps(document))
    except GovinfoError:
        return
    assert isinstance(report, Report)
    assert loads(dumps(report)) == report


def test_deeply_nested_json_is_our_error() -> None:
    with pytest.raises(GovinfoError, match="not JSON"):
        loads("[" * 100_000 + "]" * 100_000)
