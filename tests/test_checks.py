"""Checks beyond one table: the statute's rules (deadline, period, fee) and year against year (across.*)."""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from govinfo_reports import parse, parse_file
from govinfo_reports.facts import Fact
from govinfo_reports.findings import Finding, Severity
from govinfo_reports.rules import RULES, Context
from govinfo_reports.rules.across import pairs
from govinfo_reports.rules.statute import deadline_of
from govinfo_reports.syntax.nodes import Span
from govinfo_reports.tables.templates import TABLE3_COLUMNS
from govinfo_reports.validate import validate, validate_pair, validate_reports

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = Path("/work/shared/corpus")
LAYOUT_B = CORPUS / "pingtan-2024.layoutB.txt"
STATUTE = ("deadline", "period", "fee")

needs_corpus = pytest.mark.skipif(not LAYOUT_B.exists(), reason="the shared corpus is not here")


def _ids(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


# ---------------------------------------------------------------------------
# deadline


def test_deadlines_of_the_statute() -> None:
    # 条例 (2019) art. 49: departments by 1月31日; art. 50: people's governments by 3月31日
    assert deadline_of(2020, "department") == datetime.date(2021, 1, 31)
    assert deadline_of(2020, "government") == datetime.date(2021, 3, 31)
    # before the revision every office had until 3月31日 (条例 of 2008, art. 31)
    assert deadline_of(2018, "department") == datetime.date(2019, 3, 31)


def test_a_late_department_report_is_a_warning_with_the_date() -> None:
    report = parse("某市财政局2020年政府信息公开工作年度报告\n一、总体情况\n发布日期:2021年2月1日\n")
    (finding,) = validate(report, select={"deadline"})
    assert finding.severity is Severity.WARNING
    assert "2021-02-01" in finding.message
    assert "2021-01-31" in finding.message
    assert "1 day after" in finding.message
    assert finding.location.line == 3


def test_a_government_has_until_march() -> None:
    text = "某县人民政府2020年政府信息公开工作年度报告\n一、总体情况\n发布日期:{}\n"
    assert validate(parse(text.format("2021年3月31日")), select={"deadline"}) == []
    (late,) = validate(parse(text.format("2021年4月2日")), select={"deadline"})
    assert "2021-03-31" in late.message
    assert "2 days" in late.message


def test_an_undated_report_is_not_assessable() -> None:
    assert validate(parse("某市财政局2020年政府信息公开工作年度报告\n一、总体情况\n"), select={"deadline"}) == []


def test_seed_of_2017_dated_in_march_is_in_time() -> None:
    # seed 000: 辽源市西安区机关事务管理局 (a department) signs its 2017 report on 2018年3月9日: in time
    # under the 条例 of 2008 (3月31日 for everyone), late under the revised one (1月31日)
    report = parse_file(SEEDS / "000_fc022d70227099c4.txt")
    assert validate(report, select={"deadline"}) == []


# ---------------------------------------------------------------------------
# period


def test_a_period_of_another_year_is_a_warning() -> None:
    text = (
        "某市财政局2020年政府信息公开工作年度报告\n"
        "本报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止。\n一、总体情况\n"
    )
    (finding,) = validate(parse(text), select={"period"})
    assert finding.severity is Severity.WARNING
    assert (finding.expected, finding.actual) == (Decimal(2020), Decimal(2019))
    assert finding.location.line == 2


def test_the_period_of_the_year_passes() -> None:
    text = (
        "某市财政局2020年政府信息公开工作年度报告\n"
        "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n一、总体情况\n"
    )
    assert validate(parse(text), select={"period"}) == []


def test_no_period_is_info() -> None:
    (finding,) = validate(parse("某市财政局2020年政府信息公开工作年度报告\n一、总体情况\n"), select={"period"})
    assert finding.severity is Severity.INFO
    assert "2020" in finding.message


@pytest.mark.parametrize("name", ["000_fc022d70227099c4.txt", "004_7c2d47552574f996.txt"])
def test_seeds_stating_their_period_pass(name: str) -> None:
    # both open with 本报告中所列数据的统计期限自2017年1月1日起至2017年12月31日止 (read in the files)
    assert validate(parse_file(SEEDS / name), select={"period"}) == []


# ---------------------------------------------------------------------------
# fee


def _fee_report(unpaid: int, section6: str) -> str:
    text = LAYOUT_B.read_text(encoding="utf-8")
    lines = text.split("\n")
    row = next(i for i, line in enumerate(lines) if "逾期未按收费通知要求缴纳费用" in line)
    value_lines = [i for i in range(row, row + 20) if lines[i].strip().isdigit()][:7]
    for i in value_lines[:-1]:
        lines[i] = "0"
    lines[value_lines[0]] = str(unpaid)
    lines[value_lines[-1]] = str(unpaid)
    text = "\n".join(lines)
    # section 六 of the corpus report: 2024年，无收取信息处理费情况。
    return text.replace("2024年，无收取信息处理费情况。", section6)


@needs_corpus
def test_unpaid_fees_need_the_fee_in_section_six() -> None:
    report = parse(_fee_report(2, "本机关无其他需要报告的事项。"))
    (finding,) = validate(report, select={"fee"})
    assert finding.severity is Severity.WARNING
    assert finding.actual == 2
    assert finding.facts[0].indicator == "requests.result.other.unpaid_fee"
    assert "section 六" in finding.message


@needs_corpus
def test_the_fee_reported_in_section_six_passes() -> None:
    assert validate(parse(_fee_report(2, "2024年，收取信息处理费300元。")), select={"fee"}) == []
    assert validate(parse(_fee_report(2, "2024年，无收取信息处理费情况。")), select={"fee"}) == []


@needs_corpus
def test_administrative_fees_of_table_two_do_not_trigger_it() -> None:
    # table 二's 行政事业性收费 is 18651.06 万元 in the corpus report: a different thing
    report = parse(_fee_report(0, "本机关无其他需要报告的事项。"))
    assert report.fact("proactive.administrative_fees", "amount") is not None
    assert validate(report, select={"fee"}) == []


# ---------------------------------------------------------------------------
# the statute's rules on every real report: look at each finding


def _real_reports() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt"))
    if CORPUS.is_dir():
        files += sorted(p for p in CORPUS.iterdir() if p.name != "MANIFEST.md")
    return files


def test_statute_rules_on_real_reports_give_no_false_finding() -> None:
    found = {}
    for path in _real_reports():
        for finding in validate(parse_file(path), select=STATUTE):
            found.setdefault(path.name, []).append((finding.rule, finding.severity.value))
    # read in the files: these four state no 统计期限 at all; nothing else is late or unreported
    expected = {
        "001_89efcb53254ac2fa.txt": [("period", "info")],
        "002_ba2cc9ced20f5da6.txt": [("period", "info")],
        "crawler-blank-line-cells.txt": [("period", "info")],
        "shanghai-stc-2024.pdf2md.md": [("period", "info")],
    }
    if not CORPUS.is_dir():
        expected = {k: v for k, v in expected.items() if k[0].isdigit()}
    assert found == expected


# ---------------------------------------------------------------------------
# year against year


def _last_year(text: str) -> str:
    """The corpus report made into the office's report on the year before."""
    return text.replace("2024", "2023")


def _set_row(text: str, label: str, values: list[int]) -> str:
    lines = text.split("\n")
    row = next(i for i, line in enumerate(lines) if label in line)
    value_lines = [i for i in range(row, row + 20) if re.fullmatch(r"\s*\d+\s*", lines[i])][: len(values)]
    for i, value in zip(value_lines, values, strict=True):
        lines[i] = str(value)
    return "\n".join(lines)


@needs_corpus
def test_a_planted_carry_over_mismatch_is_caught_per_column() -> None:
    this_year = LAYOUT_B.read_text(encoding="utf-8")  # 上年结转: 0 in every column (read in the file)
    planted = [1, 2, 3, 4, 5, 6, 21]
    last_year = _set_row(_last_year(this_year), "四、结转下年度继续办理", planted)
    findings = validate_pair(
        parse(last_year), parse(this_year), earlier_name="2023.txt", later_name="2024.txt", select={"across.carry-over"}
    )
    present = [c for c in TABLE3_COLUMNS if c != "organization_subtotal"]  # the report has no 小计 column
    assert [f.facts[0].column for f in findings] == present
    for finding, value in zip(findings, planted, strict=True):
        assert finding.rule == "across.carry-over"
        assert finding.severity is Severity.ERROR
        assert (finding.source, finding.other_source) == ("2024.txt", "2023.txt")
        assert finding.facts[0].indicator == "requests.carried_over"
        assert finding.other_facts[0].indicator == "requests.carried_forward"
        assert (finding.expected, finding.actual) == (Decimal(value), Decimal(0))
        assert finding.other_facts[0].span.line > finding.facts[0].span.line  # row 四 is below row 二
        assert str(finding).startswith("2024.txt:")


@needs_corpus
def test_agreeing_years_and_other_years_find_nothing() -> None:
    this_year = LAYOUT_B.read_text(encoding="utf-8")
    last_year = _last_year(this_year)
    # 行政规范性文件: 现行有效 440 = last year's 411 + 本年制发 62 − 本年废止 33
    last_year = _set_row(last_year, "| 行政规范性文件", [0, 0, 411])
    assert validate_pair(parse(last_year), parse(this_year)) == []
    # not consecutive: nothing is assessable
    two_before = _set_row(this_year.replace("2024", "2022"), "四、结转下年度继续办理", [9] * 7)
    assert validate_pair(parse(two_before), parse(this_year)) == []


@needs_corpus
def test_stock_of_documents_in_force() -> None:
    this_year = LAYOUT_B.read_text(encoding="utf-8")
    last_year = _set_row(_last_year(this_year), "| 行政规范性文件", [0, 0, 400])
    (finding,) = validate_pair(parse(last_year), parse(this_year), select={"across.stock"})
    assert finding.severity is Severity.WARNING
    assert (finding.expected, finding.actual) == (Decimal(400 + 62 - 33), Decimal(440))
    assert [f.column for f in finding.facts] == ["issued", "repealed", "in_force"]
    assert finding.other_facts[0].value == 400


@needs_corpus
def test_a_collection_is_grouped_by_office_and_year() -> None:
    this_year = LAYOUT_B.read_text(encoding="utf-8")
    last_year = _set_row(_last_year(this_year), "四、结转下年度继续办理", [0, 0, 0, 0, 0, 1, 1])
    last_year = _set_row(last_year, "| 行政规范性文件", [0, 0, 411])
    other = parse_file(SEEDS / "004_7c2d47552574f996.txt")
    reports = {"b/2024.txt": parse(this_year), "a/2023.txt": parse(last_year), "seed.txt": other}
    found = validate_reports(reports)
    assert [(f.rule, f.facts[0].column) for f in found] == [
        ("across.carry-over", "other_organization"),
        ("across.carry-over", "total"),
    ]
    assert {f.other_source for f in found} == {"a/2023.txt"}
    (pair,) = pairs(reports.items())
    assert (pair[0].name, pair[1].name, pair[1].office, pair[1].year) == (
        "a/2023.txt",
        "b/2024.txt",
        "平潭综合实验区",
        2024,
    )
    # explicit grouping: told that they are of two offices, they are not compared
    assert validate_reports(reports, offices={"a/2023.txt": "甲", "b/2024.txt": "乙"}) == []
    # explicit years
    assert len(validate_reports(reports, years={"a/2023.txt": 2023, "b/2024.txt": 2024})) == 2


def test_on_one_report_the_rules_across_find_nothing() -> None:
    report = parse_file(SEEDS / "002_ba2cc9ced20f5da6.txt")
    assert validate(report, select={"across"}) == []


def _legacy(label: str, column: str, value: int, line: int) -> Fact:
    span = Span(line * 10, line * 10 + 2, line, 1, line, 3)
    return Fact(None, (label,), column, Decimal(value), "件", str(value), "legacy", span=span)


def test_cumulative_is_last_years_plus_this_years() -> None:
    last = Context(
        (_legacy("1.主动公开信息数", "累计数", 300, 5), _legacy("从事信息公开工作人员数", "累计数", 3, 6)), "legacy"
    )
    facts = (
        _legacy("(一)主动公开信息数", "累计数", 350, 5),
        _legacy("(一)主动公开信息数", "2017年发生数", 40, 5),
        _legacy("从事信息公开工作人员数", "累计数", 3, 6),  # a headcount: not a running sum
        _legacy("从事信息公开工作人员数", "2017年发生数", 3, 6),
    )
    ctx = Context(facts, "legacy", previous=last, source="2017.txt")
    (finding,) = RULES["across.cumulative"].run(ctx)
    assert (finding.expected, finding.actual) == (Decimal(340), Decimal(350))
    assert finding.other_facts[0].value == 300
    assert finding.source == "2017.txt"
    agreeing = Context((facts[0], _legacy("(一)主动公开信息数", "2017年发生数", 50, 5)), "legacy", previous=last)
    assert RULES["across.cumulative"].run(agreeing) == []


def test_across_a_change_of_template_is_not_assessable() -> None:
    last = Context((_legacy("结转下年度", "累计数", 3, 5),), "legacy")
    now = Context(
        (Fact("requests.carried_over", ("二、上年结转",), "total", Decimal(5), None, "5", "三"),),
        "national-2021",
        previous=last,
    )
    assert RULES["across.carry-over"].run(now) == []
    assert RULES["across.stock"].run(now) == []


def test_findings_keep_old_fields_and_defaults() -> None:
    finding = Finding("x", Severity.ERROR, "m")
    assert (finding.source, finding.other_source, finding.other_facts) == (None, None, ())
    assert str(finding) == "error x: m"


@needs_corpus
def test_check_over_a_folder_compares_the_years(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from govinfo_reports.cli import main

    this_year = LAYOUT_B.read_text(encoding="utf-8")
    last_year = _set_row(_last_year(this_year), "四、结转下年度继续办理", [0, 0, 0, 0, 0, 0, 0])
    last_year = _set_row(last_year, "| 行政规范性文件", [0, 0, 411])
    (tmp_path / "2024.txt").write_text(this_year, encoding="utf-8")
    (tmp_path / "2023.txt").write_text(last_year, encoding="utf-8")
    runner = CliRunner()
    agreeing = runner.invoke(main, ["check", "--jobs", "1", str(tmp_path)], catch_exceptions=False)
    assert agreeing.exit_code == 0, agreeing.output
    # 5 requests carried forward by the natural persons of 2023, none carried over into 2024
    planted = _set_row(last_year, "四、结转下年度继续办理", [5, 0, 0, 0, 0, 0, 5])
    (tmp_path / "2023.txt").write_text(planted, encoding="utf-8")
    args = ["check", "--jobs", "1", "--select", "across", "--show-notes", str(tmp_path)]
    result = runner.invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "across.carry-over" in line]
    assert len(lines) == 2
    assert all(line.startswith(str(tmp_path / "2024.txt")) for line in lines)
    notes = [line for line in result.stdout.splitlines() if ": note: 四、结转下年度继续办理" in line]
    assert len(notes) == 2
    assert all(note.startswith(str(tmp_path / "2023.txt")) for note in notes)
    structured = runner.invoke(main, [*args[:-1], "-f", "jsonl", str(tmp_path)], catch_exceptions=False)
    rows = [json.loads(line) for line in structured.stdout.splitlines() if line.startswith("{")]
    assert [(r["source"], r["other_source"]) for r in rows] == [
        (str(tmp_path / "2024.txt"), str(tmp_path / "2023.txt"))
    ] * 2
    assert [[(c["indicator"], c["path"]) for c in r["facts"] + r["other_facts"]] for r in rows] == [
        [
            ("requests.carried_over", str(tmp_path / "2024.txt")),
            ("requests.carried_forward", str(tmp_path / "2023.txt")),
        ]
    ] * 2
    off = runner.invoke(main, ["check", "--jobs", "1", "--no-across", str(tmp_path)], catch_exceptions=False)
    assert "across.carry-over" not in off.stdout


def test_a_date_years_late_is_info() -> None:
    report = parse("某市财政局2020年政府信息公开工作年度报告\n一、总体情况\n发布日期:2024年1月20日\n")
    (finding,) = validate(report, select={"deadline"})
    assert finding.severity is Severity.INFO
    assert "may be the page's" in finding.message


@needs_corpus
def test_check_across_parses_each_file_once_and_finds_what_validate_reports_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    import govinfo_reports.syntax.parser as parser
    from govinfo_reports import loads_findings
    from govinfo_reports.cli import main

    this_year = LAYOUT_B.read_text(encoding="utf-8")
    last_year = _set_row(_last_year(this_year), "四、结转下年度继续办理", [5, 0, 0, 0, 0, 0, 5])
    (tmp_path / "2024.txt").write_text(this_year, encoding="utf-8")
    (tmp_path / "2023.txt").write_text(last_year, encoding="utf-8")
    for seed in sorted(SEEDS.glob("*.txt")):  # of other offices and years: paired with nothing
        (tmp_path / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    files = sorted(p for p in tmp_path.iterdir())
    expected = validate_reports({str(p): parse_file(p) for p in files})
    # the records of the reports find what the reports themselves find
    earlier, later = str(tmp_path / "2023.txt"), str(tmp_path / "2024.txt")
    assert expected == validate_pair(parse_file(earlier), parse_file(later), earlier_name=earlier, later_name=later)
    # 5 natural persons' and 5 in all carried forward in 2023, none carried over into 2024; and 行政规范性文件
    # in force: 2024's 440 is not 2023's 440 + 62 issued − 33 repealed
    assert [(f.rule, f.facts[0].column) for f in expected] == [
        ("across.stock", "issued"),
        ("across.carry-over", "natural_person"),
        ("across.carry-over", "total"),
    ]

    calls: list[str | None] = []
    original = parser.parse

    def counting(text: str, *args: object, **kwargs: object) -> object:
        calls.append(kwargs.get("source_name"))  # type: ignore[arg-type]
        return original(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parser, "parse", counting)
    args = ["check", "--jobs", "1", "--timeout", "0", "--select", "across", "-f", "jsonl", str(tmp_path)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert sorted(calls) == sorted(str(p) for p in files)  # each file parsed once, in this process
    back = loads_findings(result.stdout)
    assert back == expected
    assert [[c.span for c in f.facts + f.other_facts] for f in back] == [
        [c.span for c in f.facts + f.other_facts] for f in expected
    ]


@needs_corpus
def test_what_check_keeps_of_a_file_for_the_across_pass_is_small() -> None:
    import pickle

    from govinfo_reports.cli import _process

    options = (("across", True), ("disable", ()), ("min_severity", "info"), ("select", ()))
    outcome = _process(LAYOUT_B, "check", options)
    year = outcome.year
    assert year is not None
    assert (year.dated.office, year.dated.year, year.dated.template) == ("平潭综合实验区", 2024, "national-2021")
    # table 三's rows 二 and 四 (7 columns each: the report has no 小计), table 二's two rows of 3 cells
    assert sorted({f.indicator for f in year.dated.facts}) == [
        "proactive.normative_documents",
        "proactive.regulations",
        "requests.carried_forward",
        "requests.carried_over",
    ]
    assert len(year.dated.facts) == 2 * 7 + 2 * 3
    assert set(year.places) == {f.span for f in year.dated.facts}
    report = parse_file(LAYOUT_B)
    assert len(pickle.dumps(year)) * 5 < len(pickle.dumps(report))  # 3.8 KB against 31.6 KB (the parsed tree alone)
    # without --across nothing is kept
    assert _process(LAYOUT_B, "check", (("across", False),)).year is None


def _bumped_last_year(text: str) -> str | None:
    """The report made into its office's report on the year before, every table cell one more."""
    from govinfo_reports import identify

    report = parse(text)
    year = identify(report).year
    if year is None or not report.facts:
        return None
    for fact in sorted(report.facts, key=lambda f: f.span.start, reverse=True):
        if fact.value is not None and fact.value == fact.value.to_integral_value() and fact.text.strip().isdigit():
            start = fact.span.start + text[fact.span.start : fact.span.end].index(fact.text.strip())
            text = text[:start] + str(fact.value + 1) + text[start + len(fact.text.strip()) :]
    return text.replace(str(year), str(year - 1))


def test_records_of_reports_find_what_the_reports_find() -> None:
    """validate_reports on the records check keeps (Dated) finds what validate_pair finds on the reports."""
    from govinfo_reports.rules.across import Dated

    rules: set[str] = set()
    for path in _real_reports():
        if path.suffix not in (".txt", ".md"):
            continue
        text = path.read_text(encoding="utf-8")
        last = _bumped_last_year(text)
        if last is None:
            continue
        earlier, later = parse(last), parse(text)
        expected = validate_pair(earlier, later, earlier_name="a", later_name="b")
        office = {"a": "某", "b": "某"}  # (some reports name no office: told here)
        records = [Dated.of("a", earlier), Dated.of("b", later)]
        assert validate_reports(records, offices=office) == expected, path.name
        assert validate_reports({"a": earlier, "b": later}, offices=office) == expected, path.name
        rules.update(f.rule for f in expected)
    # the seeds alone have a national table (002) and a legacy one with 累计 columns (000)
    assert rules == {"across.carry-over", "across.stock", "across.cumulative"}
