"""The facts CSV read by data tools with their defaults (pandas, polars, DuckDB), Parquet, and frames of tables."""

from __future__ import annotations

import datetime
import json
import math
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from govinfo_reports import parse, parse_file
from govinfo_reports.cli import FACT_FIELDS, main

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")
duckdb = pytest.importorskip("duckdb")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = Path("/work/shared/corpus")
PINGTAN_TEXT = CORPUS / "pingtan-2024.layoutB.txt"
needs_corpus = pytest.mark.skipif(not PINGTAN_TEXT.is_file(), reason="shared corpus not available")


def _facts(tmp_path: Path, *paths: Path, fmt: str = "csv") -> Path:
    out = tmp_path / f"facts.{fmt}"
    result = CliRunner().invoke(main, ["facts", "-f", fmt, "-o", str(out), *map(str, paths)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return out


def _kind(dtype: str) -> str:
    """A reader's column type, as one of: int, float, str, date."""
    name = dtype.lower()
    if "bool" in name:
        return "bool"
    if "date" in name:
        return "date"
    if "int" in name:
        return "int"
    if "float" in name or "double" in name:
        return "float"
    if "str" in name or "varchar" in name or name in ("object", "string"):
        return "str"
    raise AssertionError(f"unexpected type {dtype}")


def _clean(value: Any) -> Any:
    """A cell as a plain Python value: None for a missing one, ISO text for a date."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if value is pd.NA:
        return None
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _read_all(path: Path) -> dict[str, tuple[dict[str, str], dict[str, list[Any]]]]:
    """Each reader's column kinds (for the columns that hold any value) and values."""
    frame = pd.read_csv(path)
    polars = pl.read_csv(path)
    relation = duckdb.sql(f"SELECT * FROM read_csv_auto('{path}')")
    duck_columns = dict(zip(relation.columns, [str(t) for t in relation.types], strict=True))
    duck_rows = relation.fetchall()
    readers = {
        "pandas": (
            {c: str(frame[c].dtype) for c in frame.columns},
            {c: [_clean(v) for v in frame[c].tolist()] for c in frame.columns},
        ),
        "polars": (
            {c: str(polars.schema[c]) for c in polars.columns},
            {c: [_clean(v) for v in polars[c].to_list()] for c in polars.columns},
        ),
        "duckdb": (
            duck_columns,
            {c: [_clean(row[i]) for row in duck_rows] for i, c in enumerate(relation.columns)},
        ),
    }
    out = {}
    for name, (types, values) in readers.items():
        assert list(types) == list(FACT_FIELDS), name
        kinds = {c: _kind(t) for c, t in types.items() if any(v is not None for v in values[c])}
        out[name] = (kinds, values)
    return out


#: The types every reader must give (published: DuckDB reads an ISO date as a DATE, the others as text).
RIGHT = {
    "path": "str",
    "office": "str",
    "year": "int",
    "period": "str",
    "template": "str",
    "table": "str",
    "label_path": "str",
    "column": "str",
    "value": "float",
    "line": "int",
    "col": "int",
}


def _check_readers_agree(csv_path: Path) -> dict[str, list[Any]]:
    found = _read_all(csv_path)
    kinds = {name: k for name, (k, _) in found.items()}
    for column, kind in RIGHT.items():
        for reader, got in kinds.items():
            assert got.get(column) == kind, (reader, column, got.get(column))
    for reader in ("polars", "duckdb"):
        assert set(kinds[reader]) == set(kinds["pandas"]), reader
        for column, kind in kinds["pandas"].items():
            if column == "published":
                assert (kinds[reader][column], kind) in (("str", "str"), ("date", "str")), reader
            else:
                assert kinds[reader][column] == kind, (reader, column)
        assert found[reader][1] == found["pandas"][1], reader
    return found["pandas"][1]


@needs_corpus
def test_the_facts_of_the_seeds_and_corpus_read_alike_in_pandas_polars_and_duckdb(tmp_path: Path) -> None:
    paths = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.iterdir())
    csv_path = _facts(tmp_path, *paths)
    values = _check_readers_agree(csv_path)
    # the values are the facts' own
    expected = [(str(p), f) for p in paths for f in parse_file(p).facts]
    assert len(values["value"]) == len(expected) > 1000
    for i, (path, fact) in enumerate(expected):
        assert values["path"][i] == path
        assert values["value"][i] == (None if fact.value is None else float(fact.value))
        # the text as written is given where it says more than the value
        assert values["text"][i] in (None, fact.text)
        if values["text"][i] is None:
            assert fact.text in ("", str(fact.value))
    # a money value after a long run of integers: what stopped polars' default reader
    first_decimal = next(i for i, v in enumerate(values["value"]) if v is not None and v != int(v))
    assert first_decimal > 100


@needs_corpus
def test_identity_columns_are_what_the_reports_state(tmp_path: Path) -> None:
    """Read in the reports: seed 000 names 2017年度机关事务管理局 in its opening sentence, 统计期限 2017-01-01 to
    2017-12-31, and is signed 辽源市西安区机关事务管理局 2018年3月9日; Pingtan's report states 2024-01-01 to 2024-12-31."""
    csv_path = _facts(tmp_path, SEEDS / "000_fc022d70227099c4.txt", PINGTAN_TEXT)
    frame = pd.read_csv(csv_path)
    seed = frame[frame["path"].str.endswith("000_fc022d70227099c4.txt")]
    assert set(seed["office"]) == {"辽源市西安区机关事务管理局"}
    assert set(seed["year"]) == {2017}
    assert set(seed["period"]) == {"2017-01-01/2017-12-31"}
    assert set(seed["published"]) == {"2018-03-09"}
    pingtan = frame[frame["path"] == str(PINGTAN_TEXT)]
    assert set(pingtan["office"]) == {"平潭综合实验区"}
    assert set(pingtan["year"]) == {2024}
    assert set(pingtan["period"]) == {"2024-01-01/2024-12-31"}


def test_a_report_without_facts_is_named_with_the_reason(tmp_path: Path) -> None:
    prose = tmp_path / "prose.txt"
    prose.write_text("一、总体情况\n全年主动公开政府信息200条。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["facts", str(prose), str(SEEDS / "000_fc022d70227099c4.txt")])
    assert result.exit_code == 0
    assert f"{prose}: no facts: no table in the text" in result.stderr
    assert "1 of the files read gave no facts" in result.stderr
    quiet = CliRunner().invoke(main, ["facts", "--quiet", str(prose)])
    assert quiet.stderr == ""
    assert quiet.stdout.startswith("path,title,office,year,")


def test_parquet_has_every_column_of_the_facts() -> None:
    from govinfo_reports.io.tabular import PARQUET_FIELDS

    names = [name for name, _ in PARQUET_FIELDS]
    expected = [part for f in FACT_FIELDS for part in (("period_start", "period_end") if f == "period" else (f,))]
    assert names == expected


def test_parquet_has_real_types(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    seed = SEEDS / "000_fc022d70227099c4.txt"
    out = _facts(tmp_path, seed, fmt="parquet")
    table = pq.read_table(out)
    as_json = [
        json.loads(line) for line in CliRunner().invoke(main, ["facts", "-f", "jsonl", str(seed)]).stdout.splitlines()
    ]
    assert table.num_rows == len(as_json) > 0
    types = {f.name: str(f.type) for f in table.schema}
    assert types["value"] == "double"
    assert types["year"] == "int16"
    assert types["published"] == "date32[day]"
    assert types["line"] == "int32"
    rows = table.to_pylist()
    assert [r["text"] for r in rows] == [r["text"] for r in as_json]  # every text kept
    assert [r["value"] for r in rows] == [None if r["value"] is None else float(r["value"]) for r in as_json]
    assert rows[0]["published"] == datetime.date(2018, 3, 9)
    assert rows[0]["period_start"] == datetime.date(2017, 1, 1)
    assert rows[0]["period_end"] == datetime.date(2017, 12, 31)
    # parquet needs a file
    assert CliRunner().invoke(main, ["facts", "-f", "parquet", str(seed)]).exit_code == 2


def test_to_frame_has_the_identity_columns() -> None:
    from govinfo_reports import to_frame

    seed = SEEDS / "000_fc022d70227099c4.txt"
    frame = to_frame({str(seed): parse_file(seed)})
    assert set(frame["office"]) == {"辽源市西安区机关事务管理局"}
    assert str(frame["year"].dtype) == "Int64"
    assert set(frame["year"]) == {2017}
    assert set(frame["published"]) == {pd.Timestamp("2018-03-09")}
    assert set(frame["period_end"]) == {pd.Timestamp("2017-12-31")}
    wide = to_frame({str(seed): parse_file(seed)}, wide=True)
    assert wide.loc[str(seed), "office"] == "辽源市西安区机关事务管理局"
    assert wide.loc[str(seed), "year"] == 2017


def test_a_table_as_a_frame_in_its_own_rows_and_columns() -> None:
    page = (
        "<table><tr><th>指标</th><th>累计数</th><th>本年发生数</th></tr>"
        "<tr><td rowspan='2'>人员</td><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>"
    )
    from govinfo_reports import parse_html

    frame = parse_html(page).tables[0].to_frame()
    assert list(frame.columns) == ["指标", "累计数", "本年发生数"]
    assert frame.values.tolist() == [["人员", "1", "2"], ["人员", "3", "4"]]
    text = "| 指标 | 累计数 |\n|---|---|\n| 专职人数 | 1 |\n| 兼职人数 | 3 |\n"
    flat = parse(text).tables[0].to_frame()
    assert list(flat.columns) == ["指标", "累计数"]
    assert flat.values.tolist() == [["专职人数", "1"], ["兼职人数", "3"]]


@needs_corpus
def test_a_real_table_as_a_frame() -> None:
    """Pingtan's table 四, read in the page: 行政复议 over five columns, 行政诉讼 over ten (未经复议直接起诉 and
    复议后起诉, five each), one row of values 2 1 3 1 7 0 0 0 0 0 13 2 4 0 19."""
    report = parse_file(CORPUS / "pingtan-2024.html")
    frame = next(t for t in report.tables if "复议后起诉" in " ".join(c.text for c in t.cells)).to_frame()
    assert frame.shape == (1, 15)
    assert list(frame.columns)[:5] == [
        f"行政复议 / {n}" for n in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    ]
    assert list(frame.columns)[10] == "行政诉讼 / 复议后起诉 / 结果维持"
    assert frame.iloc[0].tolist() == ["2", "1", "3", "1", "7", "0", "0", "0", "0", "0", "13", "2", "4", "0", "19"]
