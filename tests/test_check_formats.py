"""``check``'s output formats: one location per finding in text, json, jsonl, github and sarif; statistics, quiet, rule."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from govinfo_reports.cli import main
from govinfo_reports.io.outputs import github_line, sarif_uri

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_003 = SEEDS / "003_84dc834a7a148c25.txt"
CORPUS = Path("/work/shared/corpus")
PINGTAN_HTML = CORPUS / "pingtan-2024.html"
SCHEMA = Path(__file__).parent / "data" / "sarif-2.1.0-rtm.5.json"
needs_corpus = pytest.mark.skipif(not PINGTAN_HTML.is_file(), reason="shared corpus not available")

#: ``path:line:col: severity: rule message`` (a PDF: ``path:PAGE: …``).
TEXT_LINE = re.compile(
    r"^(?P<location>.+?:(?:\d+:\d+|\d+|¶\d+)): (?P<severity>error|warning|info): (?P<rule>\S+) (?P<message>.+)$"
)
GITHUB_LINE = re.compile(r"^::(?P<command>error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _jsonl(*args: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in run("check", "-f", "jsonl", *args).stdout.splitlines()]


def _unescape(text: str) -> str:
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def _github_props(props: str) -> dict[str, str]:
    return {key: _unescape(value) for key, value in (item.split("=", 1) for item in props.split(","))}


@pytest.fixture(scope="module")
def changed_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Pingtan's page with one cell of table 四 changed (13 → 14): an error on the page's line of that cell."""
    page = PINGTAN_HTML.read_text(encoding="utf-8").replace("<td>13</td>", "<td>14</td>", 1)
    out = tmp_path_factory.mktemp("html") / "changed.html"
    out.write_text(page, encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def contradicting_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A PDF whose sentence states a total its parts contradict (283 = 5 + 123)."""
    sys.path.insert(0, str(Path(__file__).parent))
    pdf_maker = pytest.importorskip("pdf_maker")
    pytest.importorskip("pdfplumber")
    pytest.importorskip("reportlab")  # the writer of the PDF (dev extra; not in test-pythons' venvs)
    blocks = [
        pdf_maker.Heading("一、总体情况"),
        pdf_maker.Paragraph("全年共计公开信息283条，其中政府信息网站发布5条，其他平台发布123条。"),
    ]
    out = tmp_path_factory.mktemp("pdf") / "report.pdf"
    out.write_bytes(pdf_maker.write_pdf(blocks))
    return out


def _inputs(request: pytest.FixtureRequest) -> list[Path]:
    paths = [SEED_003]
    if PINGTAN_HTML.is_file():
        paths.append(request.getfixturevalue("changed_html"))
    with contextlib.suppress(pytest.skip.Exception):
        paths.append(request.getfixturevalue("contradicting_pdf"))
    return paths


def test_text_is_one_line_per_finding_with_a_colon_after_the_severity(request: pytest.FixtureRequest) -> None:
    paths = [str(p) for p in _inputs(request)]
    result = run("check", *paths)
    lines = result.stdout.splitlines()
    assert lines
    matches = [TEXT_LINE.match(line) for line in lines]
    assert all(matches), lines
    rows = _jsonl(*paths)
    assert len(rows) == len(lines)
    for match, row in zip(matches, rows, strict=True):
        assert match is not None
        assert (match["location"], match["severity"], match["rule"], match["message"]) == (
            row["location"],
            row["severity"],
            row["rule"],
            row["message"],
        )


def test_the_location_is_the_same_in_every_format(request: pytest.FixtureRequest) -> None:
    paths = [str(p) for p in _inputs(request)]
    rows = _jsonl(*paths)
    assert json.loads(run("check", "-f", "json", *paths).stdout) == rows
    github = run("check", "-f", "github", *paths).stdout.splitlines()
    sarif = json.loads(run("check", "-f", "sarif", *paths).stdout)
    results = sarif["runs"][0]["results"]
    assert len(github) == len(results) == len(rows)
    for row, line, result in zip(rows, github, results, strict=True):
        m = GITHUB_LINE.match(line)
        assert m is not None, line
        props = _github_props(m["props"])
        physical = result["locations"][0]["physicalLocation"]
        assert props["file"] == row["path"]
        assert physical["artifactLocation"]["uri"] == sarif_uri(row["path"])
        if row["line"] is None:  # a PDF or Word file: its place in the document
            assert row["origin"]
            assert row["location"].startswith(f"{row['path']}:")
            assert "line" not in props
            assert "region" not in physical
            assert _unescape(m["message"]).startswith(row["origin"])
            assert result["locations"][0]["properties"]["origin"] == row["origin"]
        else:
            assert row["location"] == f"{row['path']}:{row['line']}:{row['col']}"
            assert (int(props["line"]), int(props["col"])) == (row["line"], row["col"])
            assert physical["region"] == {"startLine": row["line"], "startColumn": row["col"]}
        assert props["title"] == row["rule"] == result["ruleId"]


@needs_corpus
def test_an_html_finding_is_on_the_page_line_of_the_changed_cell(changed_html: Path) -> None:
    target = next(
        i for i, line in enumerate(changed_html.read_text(encoding="utf-8").split("\n"), 1) if "<td>14</td>" in line
    )
    rows = [r for r in _jsonl(str(changed_html)) if r["severity"] == "error"]
    assert rows
    assert {(r["line"], r["col"]) for r in rows} == {(target, 1)}
    sarif = json.loads(run("check", "-f", "sarif", str(changed_html)).stdout)
    assert {
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in sarif["runs"][0]["results"]
        if r["level"] == "error"
    } == {target}


def test_a_pdf_finding_is_located_by_its_page(contradicting_pdf: Path) -> None:
    result = run("check", str(contradicting_pdf))
    assert result.exit_code == 1
    assert f"{contradicting_pdf}:1: error: prose.parts-sum " in result.stdout


def test_sarif_validates_against_the_sarif_2_1_0_schema(request: pytest.FixtureRequest) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    paths = [str(p) for p in _inputs(request)]
    logs = [
        json.loads(run("check", "-f", "sarif", *paths).stdout),
        json.loads(run("check", "-f", "sarif", str(SEEDS)).stdout),
    ]
    if CORPUS.is_dir():
        logs.append(json.loads(run("check", "-f", "sarif", str(CORPUS)).stdout))
    validator = jsonschema.Draft4Validator(schema)
    for log in logs:
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
        assert log["version"] == "2.1.0"
        run_ = log["runs"][0]
        rules = [r["id"] for r in run_["tool"]["driver"]["rules"]]
        for result in run_["results"]:
            assert rules[result["ruleIndex"]] == result["ruleId"]
    # the schema is not a pushover: a broken log fails
    broken = json.loads(json.dumps(logs[0]))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert list(validator.iter_errors(broken))
    # the cells involved are related locations with their own place
    total = next(r for r in logs[0]["runs"][0]["results"] if r.get("properties", {}).get("actual") == 283)
    assert total["properties"]["expected"] == 128
    assert sorted(loc["message"]["text"].rsplit("= ", 1)[1] for loc in total["relatedLocations"]) == ["123", "283", "5"]


def test_github_commands_escape_what_would_break_them(tmp_path: Path) -> None:
    odd = tmp_path / "a,b:c%.txt"
    shutil.copy(SEED_003, odd)
    lines = run("check", "-f", "github", str(odd)).stdout.splitlines()
    assert lines
    for line in lines:
        m = GITHUB_LINE.match(line)
        assert m is not None, line
        assert m["command"] == "error"
        props = _github_props(m["props"])
        assert props["file"] == str(odd)
        assert "%2C" in m["props"]
        assert "%3A" in m["props"]
        assert "%25" in m["props"]
    made = github_line(
        {"path": "x.txt", "line": 2, "col": 3, "origin": None, "severity": "warning", "rule": "r", "message": "a\nb 5%"}
    )
    assert made == "::warning file=x.txt,line=2,col=3,title=r::a%0Ab 5%25"


def test_show_notes_statistics_and_quiet() -> None:
    plain = run("check", str(SEED_003))
    noted = run("check", "--show-notes", str(SEED_003))
    assert ": note: " not in plain.stdout
    notes = [line for line in noted.stdout.splitlines() if ": note: " in line]
    assert notes
    assert all(re.match(r"^.+:\d+:\d+: note: .+ \[.+\] = .+$", n) for n in notes)
    rows = _jsonl(str(SEEDS))
    stats = run("check", "--statistics", str(SEEDS))
    assert stats.exit_code == 1
    counted = {}
    for line in stats.stdout.splitlines():
        count, rule, severity, *_ = line.split()
        counted[(rule, severity)] = int(count)
    expected: dict[tuple[str, str], int] = {}
    for row in rows:
        expected[(row["rule"], row["severity"])] = expected.get((row["rule"], row["severity"]), 0) + 1
    assert counted == expected
    as_json = json.loads(run("check", "--statistics", "-f", "json", str(SEEDS)).stdout)
    assert {(s["rule"], s["severity"]): s["count"] for s in as_json} == expected
    quiet = run("check", "--quiet", str(SEEDS))
    assert quiet.stderr == ""
    loud = run("check", str(SEEDS))
    assert quiet.stdout == loud.stdout
    assert quiet.exit_code == loud.exit_code == 1
    assert "0 timed out" in loud.stderr


def test_rule_explains_one_rule() -> None:
    result = run("rule", "prose.parts-sum")
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0]
    assert first.startswith("prose.parts-sum (error): ")
    assert "templates: " in result.stdout
    data = json.loads(run("rule", "-f", "json", "prose.parts-sum").stdout)
    assert data["id"] == "prose.parts-sum"
    assert data["description"] in result.stdout
    unknown = run("rule", "prose.no-such")
    assert unknown.exit_code == 2
    assert "no rule 'prose.no-such'" in unknown.stderr
    assert "prose.parts-sum" in unknown.stderr  # the rules that start like it
