"""The govinfo-reports command line, through click's CliRunner and as the installed console script."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from govinfo_reports import cli, loads, parse_file
from govinfo_reports.cli import FACT_FIELDS, expand_paths, main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
CORPUS = Path("/work/shared/corpus")
PINGTAN_TEXT = CORPUS / "pingtan-2024.layoutB.txt"
PINGTAN_HTML = CORPUS / "pingtan-2024.html"
SCRIPT = Path(sys.executable).parent / "govinfo-reports"

needs_corpus = pytest.mark.skipif(not PINGTAN_TEXT.is_file(), reason="shared corpus not available")
FINDING = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|info|note):? (?P<rest>.*)$"
)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _rows(output: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(output)))


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    """A folder with good reports, a binary file, an empty file, an undecodable one, and files to ignore."""
    folder = tmp_path / "reports"
    (folder / "nested").mkdir(parents=True)
    shutil.copy(SEEDS / "002_ba2cc9ced20f5da6.txt", folder / "good.txt")
    shutil.copy(SEEDS / "003_84dc834a7a148c25.txt", folder / "nested" / "prose.md")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "empty.html").write_bytes(b"")
    (folder / "latin.txt").write_bytes(b"\xff\xfe\xfa\xfb" * 8)
    (folder / "ignored.xlsx").write_bytes(b"PK\x03\x04")
    return folder


# ---------------------------------------------------------------------------
# paths


def test_paths_expand_folders_recursively_and_globs(messy: Path) -> None:
    names = [p.relative_to(messy).as_posix() for p in expand_paths([str(messy)])]
    assert names == ["binary.txt", "empty.html", "good.txt", "latin.txt", "nested/prose.md"]
    assert [p.name for p in expand_paths([str(messy / "*.txt")])] == ["binary.txt", "good.txt", "latin.txt"]
    assert [p.name for p in expand_paths([str(messy / "**" / "*.md")])] == ["prose.md"]
    # no repeats, order of the arguments kept, missing paths kept to be reported
    again = expand_paths([str(messy / "good.txt"), str(messy), str(messy / "missing.txt")])
    assert [p.name for p in again][:2] == ["good.txt", "binary.txt"]
    assert again[-1].name == "missing.txt"
    assert len(again) == 6


# ---------------------------------------------------------------------------
# parse and outline


def test_parse_prints_the_tree_as_json() -> None:
    seed = SEEDS / "002_ba2cc9ced20f5da6.txt"
    result = run("parse", str(seed))
    assert result.exit_code == 0
    assert loads(result.stdout) == parse_file(seed)
    assert "1 file: 1 read, 0 unreadable, 0 failed, 0 timed out" in result.stderr


def test_parse_several_files_gives_json_lines() -> None:
    result = run("parse", str(SEEDS))
    lines = result.stdout.splitlines()
    assert len(lines) == len(SEED_FILES)
    assert [loads(line) for line in lines] == [parse_file(p) for p in SEED_FILES]
    indented = run("parse", "--indent", "2", str(SEED_FILES[0]))
    assert indented.stdout.startswith('{\n  "')


def test_outline_of_the_seeds() -> None:
    result = run("outline", str(SEEDS))
    assert result.exit_code == 0
    assert result.stdout.count("== ") == len(SEED_FILES)
    assert "section 一、 L1" in result.stdout


# ---------------------------------------------------------------------------
# facts


def test_facts_csv_has_one_row_per_fact_with_path_and_location() -> None:
    result = run("facts", str(SEEDS))
    assert result.exit_code == 0
    rows = _rows(result.stdout)
    expected = [(str(p), f) for p in SEED_FILES for f in parse_file(p).facts]
    assert len(rows) == len(expected)
    assert list(rows[0]) == list(FACT_FIELDS) if rows else True
    for row, (path, fact) in zip(rows, expected, strict=True):
        assert row["path"] == path
        assert row["indicator"] == (fact.indicator or "")
        assert row["column"] == fact.column
        # the text as written is left out where it reads exactly as the value (see io/tabular.py)
        assert row["text"] == ("" if fact.value is not None and fact.text == str(fact.value) else fact.text)
        assert row["value"] == ("" if fact.value is None else repr(float(fact.value)))
        assert row["line"] == str(fact.span.line)
        assert row["label_path"] == " / ".join(fact.label_path)
    assert f"{len(expected)} facts" in result.stderr


@needs_corpus
def test_facts_of_html_and_text_are_the_same_rows() -> None:
    html = run("facts", "-f", "jsonl", str(PINGTAN_HTML))
    text = run("facts", "-f", "jsonl", str(PINGTAN_TEXT))
    html_rows = [json.loads(line) for line in html.stdout.splitlines()]
    text_rows = [json.loads(line) for line in text.stdout.splitlines()]
    assert len(html_rows) == len(text_rows) > 100
    page_lines = PINGTAN_HTML.read_text(encoding="utf-8").split("\n")
    for a, b in zip(html_rows, text_rows, strict=True):
        # an HTML page's cells are located in the page: the line of the <td>, column 1
        assert a.pop("col") == 1
        assert f">{a['text']}<" in page_lines[a.pop("line") - 1]
        for row in (a, b):
            row.pop("path")
        b.pop("line")
        b.pop("col")
        assert a == b
    received = next(r for r in html_rows if r["indicator"] == "requests.received" and r["column"] == "total")
    assert received["value"] == 218
    assert received["template"] == "national-2021"
    fees = next(r for r in html_rows if r["indicator"] == "proactive.administrative_fees")
    assert fees["value"] == 18651.06


@needs_corpus
def test_facts_formats_agree(tmp_path: Path) -> None:
    as_json = json.loads(run("facts", "-f", "json", str(PINGTAN_TEXT)).stdout)
    as_lines = [json.loads(line) for line in run("facts", "--format", "jsonl", str(PINGTAN_TEXT)).stdout.splitlines()]
    assert as_json == as_lines
    out = tmp_path / "facts.csv"
    assert run("facts", "-o", str(out), str(PINGTAN_TEXT)).stdout == ""
    rows = _rows(out.read_text(encoding="utf-8"))
    for r, j in zip(rows, as_json, strict=True):  # CSV leaves out a text that reads exactly as its value
        assert r["text"] == ("" if j["text"] == ("" if j["value"] is None else str(j["value"])) else j["text"])
    assert [r["value"] for r in rows] == ["" if r["value"] is None else repr(float(r["value"])) for r in as_json]
    assert {r["office"] for r in rows} == {r["office"] for r in as_json} == {"平潭综合实验区"}


# ---------------------------------------------------------------------------
# check


def test_check_seeds_finds_the_prose_errors_of_seed_003() -> None:
    result = run("check", str(SEEDS))
    assert result.exit_code == 1
    findings = [FINDING.match(line) for line in result.stdout.splitlines()]
    assert all(findings), result.stdout
    errors = [m for m in findings if m and m["severity"] == "error"]
    assert {m["path"] for m in errors} == {str(SEEDS / "003_84dc834a7a148c25.txt")}
    assert errors
    assert all(m["rest"].startswith("prose.") for m in errors)
    assert re.search(
        rf"5 files: 5 read, 0 unreadable, 0 failed, 0 timed out; {len(errors)} errors?, \d+ warnings?, \d+ info",
        result.stderr,
    )
    assert run("check", "--exit-zero", str(SEEDS)).exit_code == 0
    assert ": note: " not in result.stdout  # notes only when asked
    noted = run("check", "--show-notes", str(SEEDS))
    assert ": note: " in noted.stdout
    assert [line for line in noted.stdout.splitlines() if ": note: " not in line] == result.stdout.splitlines()


@needs_corpus
@pytest.mark.parametrize(("original", "changed", "occurrence"), [("13", "14", 0), ("217", "216", 1), ("62", "61", 0)])
def test_check_points_at_a_changed_number(tmp_path: Path, original: str, changed: str, occurrence: int) -> None:
    lines = PINGTAN_TEXT.read_text(encoding="utf-8").split("\n")
    clean = run("check", str(PINGTAN_TEXT))
    assert clean.exit_code == 0, clean.stdout
    hits = [i for i, line in enumerate(lines) if line == original]
    target = hits[occurrence]
    lines[target] = changed
    report = tmp_path / "changed.txt"
    report.write_text("\n".join(lines), encoding="utf-8")
    result = run("check", str(report))
    if original == "62":
        # 行政规范性文件 制发 is in no relation: nothing to find
        assert result.exit_code == 0
        return
    assert result.exit_code == 1
    assert f"{report}:{target + 1}:1: " in result.stdout
    assert run("check", "--exit-zero", str(report)).exit_code == 0


def test_check_as_json_lines_has_the_arithmetic_and_the_cells() -> None:
    seed = SEEDS / "003_84dc834a7a148c25.txt"
    text = run("check", str(seed))
    result = run("check", "-f", "jsonl", str(seed))
    assert result.exit_code == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [f"{r['path']}:{r['line']}:{r['col']}: {r['severity']}: {r['rule']} {r['message']}" for r in rows] == (
        text.stdout.splitlines()
    )
    total = next(r for r in rows if r["actual"] == 283)
    assert (total["expected"], total["difference"]) == (128, 155)
    # the three numbers of line 21: 政府信息网站发布5条, 其他平台发布123条, 共计公开信息283条
    assert [(c["text"], c["value"], c["label_path"]) for c in total["facts"]] == [
        ("5", 5, ["政府信息网站发布"]),
        ("123", 123, ["其他平台发布"]),
        ("283", 283, ["共计公开信息"]),
    ]
    assert all(c["line"] == 21 and c["path"] == str(seed) for c in total["facts"])
    assert total["other_facts"] == []


def test_check_selects_and_disables_rules() -> None:
    seed = str(SEEDS / "003_84dc834a7a148c25.txt")
    assert run("check", "--disable", "prose", seed).exit_code == 0
    only = run("check", "--select", "prose.parts-sum", seed)
    assert only.exit_code == 1
    assert {line.split()[2] for line in only.stdout.splitlines()} == {"prose.parts-sum"}
    errors_only = run("check", "--min-severity", "error", str(SEEDS))
    assert " warning: " not in errors_only.stdout
    unknown = run("check", "--select", "no.such.rule", seed)
    assert unknown.exit_code == 2
    assert "no rule 'no.such.rule'" in unknown.stderr


@needs_corpus
def test_check_points_at_the_changed_cell_of_an_html_page(tmp_path: Path) -> None:
    page = PINGTAN_HTML.read_text(encoding="utf-8")
    lines = page.split("\n")
    target = next(i for i, line in enumerate(lines) if "<td>13</td>" in line)  # 复议后起诉 结果维持
    lines[target] = lines[target].replace("<td>13</td>", "<td>14</td>")
    changed = tmp_path / "changed.html"
    changed.write_text("\n".join(lines), encoding="utf-8")
    assert run("check", str(PINGTAN_HTML)).exit_code == 0
    result = run("check", str(changed))
    assert result.exit_code == 1
    assert f"{changed}:{target + 1}:1: error: table4.total " in result.stdout


def test_check_a_folder_with_bad_files_goes_on_and_exits_2(messy: Path) -> None:
    result = run("check", str(messy))
    assert result.exit_code == 2
    assert "binary.txt: cannot read: binary file" in result.stderr
    assert "empty.html: cannot read: empty file" in result.stderr
    assert "latin.txt: cannot read:" in result.stderr
    assert "ignored.xlsx" not in result.stderr + result.stdout
    # the good files were still checked
    assert "prose.md:" in result.stdout
    assert "5 files: 2 read, 3 unreadable, 0 failed, 0 timed out" in result.stderr
    assert "Traceback" not in result.stderr


def test_facts_with_bad_files_still_writes_the_good_ones(messy: Path) -> None:
    result = run("facts", str(messy))
    assert result.exit_code == 2
    paths = {row["path"] for row in _rows(result.stdout)}
    assert paths <= {str(messy / "good.txt"), str(messy / "nested" / "prose.md")}
    assert str(messy / "good.txt") in paths
    assert "5 files: 2 read, 3 unreadable, 0 failed, 0 timed out" in result.stderr


def test_an_internal_error_is_reported_and_the_batch_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    from govinfo_reports.syntax.nodes import Report

    original = Report.facts.fget  # type: ignore[attr-defined]

    def broken(report: Report) -> object:
        if report.template == "national-2021":
            raise IndexError("boom")
        return original(report)

    monkeypatch.setattr(Report, "facts", property(broken))
    result = run("facts", str(SEEDS))  # the workers are forked: they have the broken property too
    assert result.exit_code == 3
    assert "002_ba2cc9ced20f5da6.txt: failed: internal error, please report it: IndexError: boom\n" in result.stderr
    assert "Traceback" not in result.stderr
    assert "5 files: 4 read, 0 unreadable, 1 failed, 0 timed out" in result.stderr
    assert {row["path"] for row in _rows(result.stdout)} == {
        str(SEEDS / "000_fc022d70227099c4.txt"),
        str(SEEDS / "004_7c2d47552574f996.txt"),
    }


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    missing = run("check", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 2
    assert "nope.txt: cannot read:" in missing.stderr
    empty = run("facts", str(tmp_path))
    assert empty.exit_code == 2
    assert "no report files found" in empty.stderr


def test_jobs_give_the_same_output_in_the_same_order(messy: Path) -> None:
    for command in ("check", "facts", "parse"):
        one = run(command, "--jobs", "1", str(SEEDS), str(messy))
        two = run(command, "--jobs", "2", str(SEEDS), str(messy))
        assert two.stdout == one.stdout
        assert two.exit_code == one.exit_code == 2
        assert two.stderr == one.stderr


def test_progress_bar_never_touches_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_progress_wanted", lambda count, stdout_used: count > 1)
    with_bar = run("facts", str(SEEDS))
    monkeypatch.setattr(cli, "_progress_wanted", lambda count, stdout_used: False)
    assert with_bar.stdout == run("facts", str(SEEDS)).stdout


def test_rules_lists_the_registry() -> None:
    from govinfo_reports.rules import RULES

    result = run("rules")
    assert result.exit_code == 0
    ids = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert ids == [rule.id for rule in RULES]
    assert "table3.balance" in ids
    catalogue = json.loads(run("rules", "--format", "json").stdout)
    assert [entry["id"] for entry in catalogue] == ids
    assert all(entry["title"] and entry["severity"] in {"error", "warning", "info"} for entry in catalogue)


def test_help_and_version() -> None:
    assert "facts" in run("--help").stdout
    assert "--jobs" in run("check", "--help").stdout
    assert "version" in run("--version").stdout


# ---------------------------------------------------------------------------
# the installed console script


@pytest.mark.skipif(not SCRIPT.is_file(), reason="console script not installed")
def test_console_script_checks_the_seeds_in_parallel() -> None:
    proc = subprocess.run(
        [str(SCRIPT), "check", "--jobs", "2", "seeds/"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 1
    assert ": error: prose." in proc.stdout
    assert "003_84dc834a7a148c25.txt:21:" in proc.stdout
    assert "5 files: 5 read, 0 unreadable, 0 failed, 0 timed out" in proc.stderr
    assert "\x1b[" not in proc.stderr  # no progress bar when stderr is not a terminal


@pytest.mark.skipif(not SCRIPT.is_file(), reason="console script not installed")
def test_console_script_reports_bad_files_and_writes_facts(messy: Path) -> None:
    proc = subprocess.run(
        [str(SCRIPT), "facts", "-f", "jsonl", str(messy), *([str(PINGTAN_HTML)] if PINGTAN_HTML.is_file() else [])],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "binary.txt: cannot read: binary file" in proc.stderr
    assert "Traceback" not in proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert all(set(row) == set(FACT_FIELDS) for row in rows)
