"""Numbers in prose: statements of totals, parts and shares, and the rules on them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budget import budget
from govinfo_reports import parse
from govinfo_reports.findings import Finding, Severity
from govinfo_reports.prose import quantities, statements, texts
from govinfo_reports.validate import validate

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _prose_findings(text: str) -> list[Finding]:
    return validate(parse(text), select={"prose"})


def _at(text: str, finding: Finding) -> list[str]:
    return [text[s.start : s.end] for s in finding.spans]


def test_quantities_skip_durations_years_and_mark_approximations() -> None:
    found = quantities("2017年,超过20个工作日的数量为18条,受理3200余条,近4000宗,约5件,培训2次")
    assert [(q.text, q.unit, q.approximate) for q in found] == [
        ("18", "条", False),
        ("3200", "条", True),
        ("4000", "宗", True),
        ("5", "件", True),
        ("2", "次", False),
    ]


def test_qizhong_with_a_rest_part_is_complete() -> None:
    text = "一、总体情况\n全年公开信息30条,其中规范性文件10条,工作动态12条,其他信息9条。\n"
    [statement] = statements(parse(text))
    assert statement.form == "其中"
    assert statement.complete
    [finding] = _prose_findings(text)
    assert finding.rule == "prose.parts-sum"
    assert finding.severity is Severity.ERROR
    assert (finding.expected, finding.actual, finding.difference) == (Decimal(31), Decimal(30), Decimal(-1))
    assert "「全年公开信息」 30条" in finding.message
    assert "「规范性文件」 10条 + 「工作动态」 12条 + 「其他信息」 9条 = 31" in finding.message
    assert _at(text, finding)[:4] == ["30", "10", "12", "9"]
    assert finding.lines == (2,)


def test_incomplete_parts_are_some_of_the_total() -> None:
    """Without a rest part the list may be partial: a smaller sum is fine, a larger one a warning."""
    assert _prose_findings("一、总体情况\n全年受理申请30件,其中当面申请10件,网上申请12件。\n") == []
    [finding] = _prose_findings("一、总体情况\n全年受理申请30件,其中涉及教育25件,涉及住房20件。\n")
    assert finding.severity is Severity.WARNING
    assert "overlap" in finding.message


def test_total_closing_the_parts() -> None:
    ok = "一、总体情况\n网站发布5条,其他平台发布123条,共计公开信息128条。\n"
    assert _prose_findings(ok) == []
    [finding] = _prose_findings(ok.replace("128", "283"))
    assert finding.severity is Severity.ERROR
    assert finding.expected == 128


def test_total_of_the_previous_sentence() -> None:
    text = "一、总体情况\n截止2017年末,累计公开信息总数2096条。其中,规范性文件类信息数为626条,其他类信息1470条。\n"
    assert _prose_findings(text) == []
    assert _prose_findings(text.replace("1470", "1471"))[0].difference == -1


def test_parts_inside_brackets_and_approximate_totals() -> None:
    text = "一、总体情况\n网站公开2800余条(其中公文类信息41条、动态信息1104条等),微博公开1500余条。\n"
    assert _prose_findings(text) == []
    bracketed = "一、总体情况\n网站公开50条(其中公文类信息41条、其他信息10条),微博公开1500条。\n"
    [finding] = _prose_findings(bracketed)
    assert finding.actual == 50
    assert finding.expected == 51


def test_shares_within_rounding() -> None:
    text = "一、总体情况\n新增信息200条,其中,重大信息12条,占6%;工作动态信息115条,占57.5%;其他信息73条,占36.5%。\n"
    assert _prose_findings(text) == []
    [finding] = _prose_findings(text.replace("占57.5%", "占58.5%"))
    assert finding.rule == "prose.share"
    assert finding.severity is Severity.ERROR
    assert finding.expected == Decimal("57.50")
    assert finding.actual == Decimal("58.5")
    assert "58.5" in _at(text.replace("占57.5%", "占58.5%"), finding)
    assert "「工作动态信息」 115条" in finding.message


def test_share_truncated_rather_than_rounded_is_a_warning() -> None:
    # 2/3 = 66.67%: 66.7 rounds, 66.6 truncates, 66.5 is wrong
    base = "一、总体情况\n受理申请3件,其中当面申请2件,占{}%。\n"
    assert _prose_findings(base.format("66.7")) == []
    [truncated] = _prose_findings(base.format("66.6"))
    assert truncated.severity is Severity.WARNING
    [wrong] = _prose_findings(base.format("66.5"))
    assert wrong.severity is Severity.ERROR


def test_share_of_a_total_stated_earlier() -> None:
    text = (
        "一、基本情况\n1、公开的数量。2017年,公开信息总数为283条。\n"
        "2、公开的形式。2017年在网站发布信息202条,占全年公开信息总数的{}%。\n"
    )
    assert _prose_findings(text.format("71.4")) == []
    [finding] = _prose_findings(text.format("81.4"))
    assert finding.rule == "prose.share"
    assert "line 2" in finding.message
    assert finding.lines == (2, 3)


def test_full_width_text() -> None:
    text = "一、总体情况\n全年公开信息３０条，其中规范性文件１０条，其他信息２１条。\n"
    [finding] = _prose_findings(text)
    assert finding.expected == 31
    assert _at(text, finding)[:3] == ["３０", "１０", "２１"]


def test_heading_body_text_is_read_with_its_columns() -> None:
    text = "一、基本情况\n1、公开的数量。全年公开信息30条,其中规范性文件10条,其他信息21条。\n"
    [body] = [t for t in texts(parse(text)) if "全年" in t.text]
    assert body.text == "公开的数量。全年公开信息30条,其中规范性文件10条,其他信息21条。"
    assert text[body.span.start : body.span.end] == body.text
    [finding] = _prose_findings(text)
    assert _at(text, finding)[:3] == ["30", "10", "21"]
    assert finding.facts[0].span.column == len("1、公开的数量。全年公开信息") + 1


# ---------------------------------------------------------------------------
# the seeds


def _seed(prefix: str) -> str:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def test_seed_003_two_prose_errors() -> None:
    text = _seed("003")
    findings = _prose_findings(text)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    assert [(f.rule, f.expected, f.actual) for f in errors] == [
        ("prose.parts-sum", Decimal(2111), Decimal(2096)),
        ("prose.parts-sum", Decimal(128), Decimal(283)),
    ]
    cumulative, channels = errors
    assert {"2093", "18", "2096"} <= set(_at(text, cumulative))
    assert "超过20个工作日的数量为」 18条" in cumulative.message
    assert cumulative.location.line == 8  # the sentence of the parts; the total is on line 6
    assert 6 in cumulative.lines
    assert _at(text, channels)[:3] == ["5", "123", "283"]
    assert "「政府信息网站发布」 5条 + 「其他平台发布」 123条 = 128" in channels.message
    assert channels.lines == (21,)
    assert findings == errors


def test_seed_003_statements() -> None:
    found = [(s.form, s.total.value, len(s.parts), s.complete) for s in statements(parse(_seed("003")))]
    assert ("在…中", Decimal(283), 5, True) in found  # 62 + 81 + 8 + 4 + 128
    assert ("其中", Decimal(2096), 5, True) in found  # 626 + 248 + 83 + 56 + 1083
    assert ("stated earlier", Decimal(283), 1, False) in found  # 202 条, 占 71.4%


def test_seed_002_shares_are_consistent_and_checked() -> None:
    text = _seed("002")
    [statement] = statements(parse(text))
    assert statement.total.value == 200
    assert [str(p.share.value) for p in statement.parts if p.share] == [
        "6",
        "3.5",
        "57.5",
        "1",
        "4",
        "3",
        "0.5",
        "24.5",
    ]
    assert _prose_findings(text) == []
    broken = text.replace("工作动态信息115条", "工作动态信息116条", 1)
    rules = sorted(f.rule for f in _prose_findings(broken))
    assert rules == ["prose.parts-sum", "prose.share"]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "004"])
def test_consistent_seeds_have_no_prose_findings(prefix: str) -> None:
    assert _prose_findings(_seed(prefix)) == []


def test_seed_004_qizhong_total() -> None:
    found = [(s.total.value, [p.quantity.value for p in s.parts]) for s in statements(parse(_seed("004")))]
    assert (Decimal(54), [Decimal(38), Decimal(9), Decimal(7)]) in found


def test_channels_may_overlap_but_not_fall_short() -> None:
    over = "一、总体情况\n共发布信息100条,其中网站发布80条,微信公众号发布30条,其他渠道发布5条。\n"
    [finding] = _prose_findings(over)
    assert finding.severity is Severity.WARNING
    assert "channels" in finding.message
    short = over.replace("80条", "60条")
    [finding] = _prose_findings(short)
    assert finding.severity is Severity.ERROR


@pytest.mark.parametrize(
    "sentence",
    [
        "2023年,本机关共收到政府信息公开申请56件,其中自然人申请50件,法人或其他组织申请6件。",
        "本年度新收政府信息公开申请136件,上年结转5件,共计141件;已办结138件,结转下年度3件。",
        "本年度制发规范性文件3件,废止1件,现行有效共计25件。",
        "共收到申请20件,其中转其他部门办理3件。",
        "全年公开信息1000条,其中政策文件200条,占全年发文的80%。",
        "召开第3次全体会议,审议文件5件,共计审议议题12项。",
        "在收到的56件申请中,当面申请10件,网络申请40件,信函申请6件。",
        "全年共办理申请41件,其中:予以公开20件,部分公开5件,不予公开3件,无法提供10件,不予处理3件,其他处理0件。",
        "截至2023年底,累计公开信息12万余条,其中本年3200余条。",
        "全年共发布政策解读材料35篇,占发文总数的100%。",
        "受理行政复议案件2件,其中维持1件,纠错1件,满意率100%。",
    ],
)
def test_consistent_sentences_give_no_errors(sentence: str) -> None:
    findings = _prose_findings(f"一、总体情况\n{sentence}\n")
    assert [f for f in findings if f.severity is Severity.ERROR] == []


def test_statement_forms_found_in_sentences() -> None:
    def forms(sentence: str) -> list[tuple[str, Decimal, list[Decimal], bool]]:
        found = statements(parse(f"一、总体情况\n{sentence}\n"))
        return [(s.form, s.total.value, [p.quantity.value for p in s.parts], s.complete) for s in found]

    assert forms("本年度新收申请136件,上年结转5件,共计141件;已办结138件。") == [
        ("共计", Decimal(141), [Decimal(136), Decimal(5)], True)
    ]
    assert forms("在收到的56件申请中,当面申请10件,网络申请40件,信函申请6件。") == [
        ("在…中", Decimal(56), [Decimal(10), Decimal(40), Decimal(6)], False)
    ]
    assert forms("共收到申请20件,其中转其他部门办理3件。") == [("其中", Decimal(20), [Decimal(3)], False)]
    assert forms("本年度制发规范性文件3件,废止1件,现行有效共计25件。") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度共收到政府信息公开申请45件,较上年增加12件,其中当面申请3件,网上申请40件,信函申请2件。",
        "收到申请20件,其中自然人18件;办结19件,其中予以公开10件,部分公开9件。",
        "共收到政府信息公开申请31件(其中自然人29件,法人或其他组织2件),上年结转2件,均已按时办结。",
    ],
)
def test_more_consistent_sentences(sentence: str) -> None:
    assert _prose_findings(f"一、总体情况\n{sentence}\n") == []


def test_total_closing_parts_before_a_qizhong() -> None:
    text = "一、总体情况\n上年结转申请2件,本年新收88件,共计90件,其中予以公开60件,部分公开10件,其他处理20件。\n"
    assert _prose_findings(text) == []
    wrong = text.replace("共计90件", "共计91件")
    rules = sorted((f.rule, f.expected, f.actual) for f in _prose_findings(wrong))
    assert rules == [("prose.parts-sum", Decimal(90), Decimal(91)), ("prose.parts-sum", Decimal(90), Decimal(91))]


# ---------------------------------------------------------------------------
# generated statements

CATEGORIES = ("政策文件", "规划计划信息", "人事信息", "财政信息", "工作动态信息", "行政许可信息", "应急管理信息")


@st.composite
def stated_breakdowns(draw: st.DrawFn) -> tuple[str, list[int]]:
    """A consistent sentence stating a total and all of its parts, and the offsets of its numbers' texts."""
    parts = draw(st.lists(st.integers(min_value=1, max_value=900), min_size=1, max_size=5))
    rest = draw(st.integers(min_value=1, max_value=900))
    names = draw(st.lists(st.sampled_from(CATEGORIES), min_size=len(parts), max_size=len(parts), unique=True))
    total = sum(parts) + rest
    unit = draw(st.sampled_from(["条", "件", "篇"]))
    form = draw(st.sampled_from(["其中", "共计", "在…中"]))
    pieces = [f"{name}{value}{unit}" for name, value in zip(names, parts, strict=True)]
    pieces.append(f"其他信息{rest}{unit}")
    comma = draw(st.sampled_from([",", "，"]))
    if form == "其中":
        sentence = f"全年公开信息{total}{unit}{comma}其中{comma.join(pieces)}。"
    elif form == "共计":
        sentence = f"全年{comma.join(pieces)}{comma}共计公开信息{total}{unit}。"
    else:
        sentence = f"在全年公开的{total}{unit}信息中{comma}{comma.join(pieces)}。"
    return sentence, [total, *parts, rest]


@settings(max_examples=budget(60), deadline=None)
@given(stated_breakdowns(), st.data())
def test_generated_statements(example: tuple[str, list[int]], data: st.DataObject) -> None:
    sentence, numbers = example
    text = f"一、总体情况\n{sentence}\n"
    assert _prose_findings(text) == []
    changed = data.draw(st.sampled_from(numbers))
    at = text.index(f"{changed}", text.index(sentence))
    # the first occurrence as a whole number
    while text[at - 1].isdigit() or text[at + len(str(changed))].isdigit():
        at = text.index(f"{changed}", at + 1)
    broken = (
        text[:at] + str(changed + data.draw(st.integers(min_value=1, max_value=50))) + text[at + len(str(changed)) :]
    )
    findings = _prose_findings(broken)
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert any(s.start == at for s in findings[0].spans)


def test_parts_of_another_unit_are_not_parts() -> None:
    text = "一、总体情况\n在收到的56件申请中,涉及信息120条,其中当面申请10件,网络申请46件。\n"
    found = [(s.total.value, [p.quantity.unit for p in s.parts]) for s in statements(parse(text))]
    assert found
    assert all(units and set(units) == {"件"} for _, units in found)
    assert _prose_findings(text) == []


def test_a_sentence_with_two_possible_totals() -> None:
    """收到125件, 办结121件, 其中…: the share may be of either; a share of neither is still an error."""
    text = "一、总体情况\n全年收到申请125件,办结121件,其中予以公开56件,占{}%。\n"
    assert _prose_findings(text.format("44.8")) == []  # 56 / 125
    assert _prose_findings(text.format("46.3")) == []  # 56 / 121
    [finding] = _prose_findings(text.format("40.0"))
    assert finding.rule == "prose.share"


@pytest.mark.parametrize("share", ["占90%以上", "约占90%", "占比超过90%", "占90%左右"])
def test_approximate_shares_are_not_checked(share: str) -> None:
    text = f"一、总体情况\n全年收到申请100件,其中网上申请70件,{share}。\n"
    [statement] = statements(parse(text))
    assert statement.parts[0].share is None
    assert _prose_findings(text) == []


def test_share_in_brackets() -> None:
    text = "一、总体情况\n全年收到申请100件,其中网上申请70件(占{}%),当面申请30件(占30%)。\n"
    assert _prose_findings(text.format("70")) == []
    [finding] = _prose_findings(text.format("75"))
    assert finding.rule == "prose.share"


def test_a_whole_stated_earlier_is_looked_up_only_for_complete_parts() -> None:
    head = "一、总体情况\n截至2023年底,累计公开信息总数500条。\n"
    partial = head + "截至2023年底,在公开的信息中,网站发布400条,微博发布300条。\n"
    assert [s.form for s in statements(parse(partial))] == []
    pair = head + "截至2023年底,在公开的信息中,不超过20个工作日公开的400条,超过20个工作日的90条。\n"
    [statement] = statements(parse(pair))
    assert (statement.form, statement.total.value) == ("stated earlier", Decimal(500))
    [finding] = _prose_findings(pair)
    assert (finding.expected, finding.actual) == (Decimal(490), Decimal(500))
    assert finding.location.line == 3
    assert 2 in finding.lines


PROSE_ALPHABET = "0123456789０１２３４５６７８９.．条件次人个万元余多约近超过其中共计合计总数累计在中这些占%％,，;；:：。()（）、其他不工作日截止年末"


@settings(max_examples=budget(200), deadline=None)
@given(st.text(alphabet=PROSE_ALPHABET, max_size=120))
def test_any_prose_validates_without_raising(text: str) -> None:
    findings = validate(parse(f"一、总体情况\n{text}\n"))
    # a year in the text makes it a report on that year: the statute's period rule may say it states no 统计期限
    assert all(f.rule.startswith("prose.") or f.rule in {"sections.national", "period", "deadline"} for f in findings)
    assert all(f.spans for f in findings if f.rule.startswith("prose."))
