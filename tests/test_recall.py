"""Prose recall: thousands separators, 万, Chinese numerals (cn2an), 包括, a total after its parts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest

from benchmark_script import load
from govinfo_reports import parse
from govinfo_reports.prose import number_value, quantities, statements
from govinfo_reports.validate import validate

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = Path("/work/shared/corpus")


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


def test_a_list_of_kinds_of_a_total_stated_before() -> None:
    # 平潭综合实验区 2015 (corpus, dev half): 2949条 and its parts by office in one paragraph, its
    # kinds (the last 其他…) in the next
    total = "2015年主动公开政府信息2949条。其中,区直各部门主动公开政府信息2275条,占77%。各乡镇主动公开政府信息674条,占23%。\n"
    kinds = "2015年,我区各工作部门主动公开政府信息的主要类别有:机构职能类信息117条,规划计划类信息19条,其他应主动公开的信息{}条。"
    assert _findings(total + kinds.format(2813)) == []
    (message,) = _findings(total + kinds.format(2814))
    assert "(the total stated on line 2)" in message
    assert "difference -1" in message
    # not said complete (no 其他): the kinds may be some of it; of another noun: not of that total
    assert _findings(total + kinds.replace("其他应主动公开的信息", "民政类信息").format(2)) == []
    assert _findings(total + kinds.replace("政府信息的", "政府文件的").format(2814)) == []


def test_a_pair_whose_other_half_is_none() -> None:
    # 桦甸市供销社 2017 (seed 003, dev half): all 283 within 20 working days, said in words
    text = "2017年,全社公开的信息总数为{}条,在这些公开的文件信息中,文件信息从生成到网上公开不超过20个工作日的数量为283条,没有超过20个工作日公开的信息。"
    assert _findings(text.format(283)) == []
    (message,) = _findings(text.format(284))
    assert "difference 1" in message
    # a limit not the pair's (没有超过10个工作日): the part may be some of the total only
    assert _findings(text.format(284).replace("没有超过20", "没有超过10")) == []


def _real_texts() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt"))
    if CORPUS.is_dir():
        files += sorted(p for p in CORPUS.iterdir() if p.suffix in {".txt", ".md"} and p.name != "MANIFEST.md")
    return files


def test_one_number_changed_in_real_prose_is_caught() -> None:
    """Each number of a statement that holds in a real report, changed by 3, is caught by a prose rule."""
    tried = caught = 0
    missed: list[str] = []
    for path in _real_texts():
        text = path.read_text(encoding="utf-8")
        report = parse(text)
        broken = {f.extra_spans[0].start for f in validate(report, select={"prose.parts-sum"})}
        for statement in statements(report):
            if statement.span.start in broken or statement.total.approximate:
                continue  # already wrong, or not assessable (3200余条)
            if any(p.quantity.approximate for p in statement.parts):
                continue
            for q in (statement.total, *(p.quantity for p in statement.parts)):
                if not q.text.isdigit():
                    continue
                changed = text[: q.span.start] + str(int(q.text) + 3) + text[q.span.end :]
                found = validate(parse(changed), select={"prose"})
                tried += 1
                if any(f.extra_spans[0].line == statement.span.line for f in found):
                    caught += 1
                else:
                    missed.append(f"{path.name}: {statement.form} {q.text}")
    # read in the files: the one missed is the total of 永嘉县南城街道's breakdown (69条: 其中 … nine
    # kinds, no 其他), which the report does not say is complete: a larger total contradicts nothing.
    # 12 of them are 平潭 2015's list of kinds (主要类别有:…其他应主动公开的信息1831条) of its 2949条
    if CORPUS.is_dir():
        assert (tried, caught) == (54, 53), missed
    assert caught >= 0.9 * tried


def test_parts_with_shares_go_on_into_the_next_sentence() -> None:
    # 平潭综合实验区 2015 (corpus): 2949条。其中，…2275条，占77%。各乡镇…674条，占23%
    text = "2015年主动公开政府信息2949条。其中，区直各部门主动公开政府信息2275条，占77%。各乡镇主动公开政府信息{}条，占23%。"
    assert _findings(text.format(674)) == []
    (message,) = _findings(text.format(684))
    assert "difference -10" in message


def test_a_list_of_shares_after_the_parts() -> None:
    assert _findings("全年公开信息200条,其中规范性文件120条、工作动态80条,分别占60%、40%。") == []
    # the shares say the parts are all of it: 120 + 70 is not 200
    messages = _findings("全年公开信息200条,其中规范性文件120条、工作动态70条,分别占60%、40%。")
    assert any("difference 10" in m for m in messages)
    assert any("占40%" in m for m in messages)


def _bench() -> ModuleType:
    return load("prose_recall")


def test_the_halves_are_fixed_by_name() -> None:
    """The split is the name's hash: the forms of one report are in one half (benchmarks/prose_recall.py)."""
    bench = _bench()
    assert bench.half(Path("pingtan-2024.html")) == bench.half(Path("pingtan-2024.layoutB.txt")) == "held-out"
    assert bench.half(SEEDS / "000_fc022d70227099c4.txt") == "dev"
    assert bench.half(SEEDS / "002_ba2cc9ced20f5da6.txt") == "held-out"


def test_mutations_are_the_changes_that_change_the_number() -> None:
    bench = _bench()
    assert list(bench.mutations("283")) == [("+1", "284"), ("-1", "282"), ("x10", "2830"), ("swap", "823")]
    assert list(bench.mutations("0")) == [("+1", "1")]  # -1 and x10 leave nothing or 0
    assert list(bench.mutations("10")) == [("+1", "11"), ("-1", "9"), ("x10", "100")]  # 01 is not a swap
    assert list(bench.mutations("57.5")) == [("+1", "57.6"), ("-1", "57.4"), ("x10", "575")]
    assert list(bench.mutations("0.5")) == [("+1", "0.6"), ("-1", "0.4"), ("x10", "5")]


# (caught, tried) of the changes to numbers a prose rule checks, and the numbers of breakdowns not
# said complete (open), by half: measured with benchmarks/prose_recall.py on the split fixed
# before any tuning (dev: 000, 003, 004, the crawler excerpts, pingtan-2015; held out: 001, 002,
# hongze-2024, pingtan-2024 in its three forms, shanghai-stc-2024).  The held-out half is small:
# 82 changes of 26 numbers (8 of them percentages) in 4 reports (001 and hongze-2024 have none a
# rule can check).  Dev was 72/72 (counts only) before the list of kinds (prose._KINDS, tuned on
# pingtan-2015); held out did not move.
FLOORS = {"dev": ((131, 131), (15, 21)), "held-out": ((82, 82), (0, 0))}
# The same over the numbers a reader of each report wrote down as checkable (tests/golden/prose/
# checkable.tsv), found by the prose reader or not.  Held out: 82/92 changes, 26 of 30 numbers, below
# 9 in 10: the 4 missed are shanghai-stc-2024's, whose sentences the PDF converter broke over lines
# (上年结转政府信息公开 / 申请 2 件; 不予公开答复 2 / 件; 行政诉讼数为 / 0 件) or that put the number before
# its noun (市科委有 1 件涉及…的行政复议).  Dev: 135/135 (131/135 before the pair whose other half is
# said in words, 003's 不超过20个工作日的数量为283条,没有超过20个工作日公开的信息).
BY_READING = {"dev": (135, 135), "held-out": (82, 92)}


@pytest.mark.parametrize("which", ["dev", "held-out"])
def test_recall_with_one_number_changed(which: str) -> None:
    tally = _bench().run(which)
    caught, tried = tally.figure()
    assert tally.false_errors == []
    assert caught >= 0.9 * tried, tally.missed
    if CORPUS.is_dir():
        (floor, open_floor) = FLOORS[which]
        assert tried == floor[1], tally.missed
        assert caught >= floor[0], tally.missed
        assert tally.figure(("open",))[0] >= open_floor[0]
        read = _bench().by_reading(which)
        caught, tried = read.figure()
        assert tried == BY_READING[which][1]
        assert caught >= BY_READING[which][0], read.missed


# ---------------------------------------------------------------------------
# prose in traditional characters (OpenCC, the traditional extra)


def test_traditional_prose_is_read_as_simplified() -> None:
    pytest.importorskip("opencc")
    from govinfo_reports.prose import simplified

    assert simplified("總計5條,其中規範性文件3條,其餘2條") == "总计5条,其中规范性文件3条,其余2条"
    text = "一、總體情況\n全年公開信息30條,其中規範性文件10條,其他信息15條。\n"
    (finding,) = validate(parse(text), select={"prose"})
    assert "difference 5" in finding.message
    # the spans are in the text as written: the numbers, and the sentence in traditional characters
    assert [text[f.span.start : f.span.end] for f in finding.facts] == ["30", "10", "15"]
    assert text[finding.extra_spans[0].start : finding.extra_spans[0].end].startswith("全年公開信息30條")


def test_t2s_keeps_every_character_where_it_was() -> None:
    """OpenCC's t2s turns each Chinese character into one character (so offsets into the
    simplified text are offsets into the original); its phrases keep their length too."""
    opencc = pytest.importorskip("opencc")
    convert = opencc.OpenCC("t2s").convert
    ranges = [(0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x2A6E0), (0x2A700, 0x2EBF0)]
    changed = [chr(c) for lo, hi in ranges for c in range(lo, hi) if len(convert(chr(c))) != 1]
    assert changed == []
    for phrase in ("乾乾淨淨", "二噁英", "傢俱", "答覆", "計畫"):  # from OpenCC's TSPhrases
        assert len(convert(phrase)) == len(phrase)


def test_a_conversion_that_changes_length_keeps_the_run_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should a run of characters convert to another length, it is kept as written: no span moves."""
    pytest.importorskip("opencc")
    from govinfo_reports import prose

    real = prose.to_simplified
    monkeypatch.setattr(prose, "to_simplified", lambda text: real(text).replace("规范", "规范化的"))
    assert prose.simplified("總計5條,其中規範性文件3條") == "总计5条,其中規範性文件3条"
    text = "一、總體情況\n全年公開信息30條,其中規範性文件10條,其他信息15條。\n"
    (finding,) = validate(parse(text), select={"prose"})
    assert [text[f.span.start : f.span.end] for f in finding.facts] == ["30", "10", "15"]


def _traditional(text: str) -> str:
    opencc = pytest.importorskip("opencc")
    converted: str = opencc.OpenCC("s2t").convert(text)
    assert len(converted) == len(text)
    return converted


def test_real_reports_in_traditional_characters_give_the_same_prose_findings() -> None:
    """Each real report's text, converted to traditional characters by OpenCC (s2t), gives the
    prose rules' findings at the same places, and the same numbers to check.  Not pingtan-2024's
    page.txt: its tables, digits run together under traditional labels, are not read."""
    pytest.importorskip("opencc")
    bench = _bench()
    for path in bench.reports():
        text = bench.mutable_text(path)
        if text is None or path.name == "pingtan-2024.pagetxt.txt":
            continue
        converted = _traditional(text)

        def places(t: str) -> list[tuple[str, list[int]]]:
            return [(f.rule, [x.span.start for x in f.facts]) for f in validate(parse(t), select={"prose"})]

        assert places(converted) == places(text), path.name
        kinds = [(t.kind, t.quantity.span.start) for t in bench.targets(parse(text))]
        assert [(t.kind, t.quantity.span.start) for t in bench.targets(parse(converted))] == kinds, path.name


def test_a_number_changed_in_traditional_prose_is_caught() -> None:
    """shanghai-stc-2024 (held out) in traditional characters: the changes caught in its prose,
    the table's counts (收到申請, 同意公開 …) among them, are those caught in simplified ones."""
    pytest.importorskip("opencc")
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is not here")
    bench = _bench()
    text = (CORPUS / "shanghai-stc-2024.pdf2md.md").read_text(encoding="utf-8")
    converted = _traditional(text)
    assert "全年收到政府信息公開申請 34 件" in converted

    def caught(t: str) -> list[tuple[int, str]]:
        out = []
        for target in bench.targets(parse(t)):
            q = target.quantity
            start, end = q.span.start, q.span.start + len(q.text)
            for _name, new in bench.mutations(q.text):
                found = validate(parse(t[:start] + new + t[end:]), select={"prose"})
                if any(f.span.start == start for g in found for f in g.facts):
                    out.append((start, new))
        return out

    simplified_caught = caught(text)
    assert len(simplified_caught) == 16  # 6 numbers a table states (34, 9, 0, 10, 0, 14): every change
    assert caught(converted) == simplified_caught
