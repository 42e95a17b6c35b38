"""The national report templates as data: the indicator and column vocabulary.

Everything here follows ``spec/templates.md`` and is listed in its order.  The
ids are the library's public vocabulary: a :class:`~govinfo_reports.facts.Fact`
of a national table has one of the indicator ids below as its ``indicator`` and
one of the column ids as its ``column``.

>>> TABLE3_ROWS[0], TABLE3_COLUMNS[-1]
('requests.received', 'total')
>>> len(TABLE4_INDICATORS)
15
>>> [row.indicator for row in TABLE2_2021][:2]
['proactive.regulations', 'proactive.normative_documents']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, Literal

import attrs

from govinfo_reports.values import normalize

__all__ = [
    "LEGACY",
    "NATIONAL_2019",
    "NATIONAL_2021",
    "TABLE2_2019",
    "TABLE2_2019_COLUMNS",
    "TABLE2_2021",
    "TABLE2_2021_COLUMNS",
    "TABLE3_APPLICANT_COLUMNS",
    "TABLE3_COLUMNS",
    "TABLE3_COLUMN_LABELS",
    "TABLE3_LABELS",
    "TABLE3_ORGANIZATION_COLUMNS",
    "TABLE3_RESULT_PARTS_2019",
    "TABLE3_RESULT_PARTS_2021",
    "TABLE3_ROWS",
    "TABLE3_ROWS_2019",
    "TABLE3_ROWS_2021",
    "TABLE4_COLUMN",
    "TABLE4_GROUPS",
    "TABLE4_INDICATORS",
    "TABLE4_LABELS",
    "TEMPLATES",
    "Table2Row",
    "TableKind",
    "classify_text",
    "table2_version",
]

#: The template of reports on 2021 and later (国办公开办函〔2021〕30号).
NATIONAL_2021: Final = "national-2021"
#: The template of reports on 2019 and 2020 (国办公开办函〔2019〕60号).
NATIONAL_2019: Final = "national-2019"
#: Statistics tables of reports on 2008-2018, one per province.
LEGACY: Final = "legacy"
#: Every value :attr:`govinfo_reports.Report.template` can take besides ``None``.
TEMPLATES: Final = (NATIONAL_2021, NATIONAL_2019, LEGACY)


@attrs.frozen
class Table2Row:
    """One row of table 二 (主动公开政府信息情况).

    >>> TABLE2_2021[5].columns
    ('amount',)
    """

    #: Canonical indicator id (``proactive.regulations``).
    indicator: str
    #: The row label of the template (``规章``).
    label: str
    #: The 第二十条 item the row sits under (``第二十条第(一)项``).
    group: str
    #: The column ids the row has values for, left to right.
    columns: tuple[str, ...]


_T2_2021_DOCS = ("issued", "repealed", "in_force")
_T2_2019_DOCS = ("newly_made", "newly_published", "total_published")
_T2_2019_ITEMS = ("previous_year_items", "change", "decisions")

#: Table 二 of the 2021 template, rows in order.
TABLE2_2021: Final[tuple[Table2Row, ...]] = (
    Table2Row("proactive.regulations", "规章", "第二十条第(一)项", _T2_2021_DOCS),
    Table2Row("proactive.normative_documents", "行政规范性文件", "第二十条第(一)项", _T2_2021_DOCS),
    Table2Row("proactive.licensing", "行政许可", "第二十条第(五)项", ("decisions",)),
    Table2Row("proactive.penalties", "行政处罚", "第二十条第(六)项", ("decisions",)),
    Table2Row("proactive.enforcement", "行政强制", "第二十条第(六)项", ("decisions",)),
    Table2Row("proactive.administrative_fees", "行政事业性收费", "第二十条第(八)项", ("amount",)),
)

#: Table 二 of the 2021 template: column id → header text.  ``amount`` is in 万元.
TABLE2_2021_COLUMNS: Final[dict[str, str]] = {
    "issued": "本年制发件数",
    "repealed": "本年废止件数",
    "in_force": "现行有效件数",
    "decisions": "本年处理决定数量",
    "amount": "本年收费金额(单位:万元)",
}

#: Table 二 of the 2019 template, rows in order.
TABLE2_2019: Final[tuple[Table2Row, ...]] = (
    Table2Row("proactive.regulations", "规章", "第二十条第(一)项", _T2_2019_DOCS),
    Table2Row("proactive.normative_documents", "规范性文件", "第二十条第(一)项", _T2_2019_DOCS),
    Table2Row("proactive.licensing", "行政许可", "第二十条第(五)项", _T2_2019_ITEMS),
    Table2Row("proactive.other_services", "其他对外管理服务事项", "第二十条第(五)项", _T2_2019_ITEMS),
    Table2Row("proactive.penalties", "行政处罚", "第二十条第(六)项", _T2_2019_ITEMS),
    Table2Row("proactive.enforcement", "行政强制", "第二十条第(六)项", _T2_2019_ITEMS),
    Table2Row("proactive.administrative_fees", "行政事业性收费", "第二十条第(八)项", ("previous_year_items", "change")),
    Table2Row("proactive.centralized_procurement", "政府集中采购", "第二十条第(九)项", ("items", "amount")),
)

#: Table 二 of the 2019 template: column id → header text.  ``change`` may be negative.
TABLE2_2019_COLUMNS: Final[dict[str, str]] = {
    "newly_made": "本年新制作数量",
    "newly_published": "本年新公开数量",
    "total_published": "对外公开总数量",
    "previous_year_items": "上一年项目数量",
    "change": "本年增/减",
    "decisions": "处理决定数量",
    "items": "采购项目数量",
    "amount": "采购总金额",
}

#: The five 法人或其他组织 columns of table 三, left to right.
TABLE3_ORGANIZATION_COLUMNS: Final = (
    "commercial_enterprise",
    "research_institution",
    "social_welfare_organization",
    "legal_service_organization",
    "other_organization",
)

#: The six applicant columns of table 三 (自然人 and the five organisation columns).
TABLE3_APPLICANT_COLUMNS: Final = ("natural_person", *TABLE3_ORGANIZATION_COLUMNS)

#: Every column id of table 三, left to right; ``organization_subtotal`` is optional
#: (an eighth column some reports add, the sum of the five organisation columns).
TABLE3_COLUMNS: Final = (*TABLE3_APPLICANT_COLUMNS, "organization_subtotal", "total")

#: Table 三 column id → header text.
TABLE3_COLUMN_LABELS: Final[dict[str, str]] = {
    "natural_person": "自然人",
    "commercial_enterprise": "商业企业",
    "research_institution": "科研机构",
    "social_welfare_organization": "社会公益组织",
    "legal_service_organization": "法律服务机构",
    "other_organization": "其他",
    "organization_subtotal": "小计",
    "total": "总计",
}

#: Table 三 indicator id → row label of the template (the group label first when the row has one).
TABLE3_LABELS: Final[dict[str, str]] = {
    "requests.received": "一、本年新收政府信息公开申请数量",
    "requests.carried_over": "二、上年结转政府信息公开申请数量",
    "requests.result.granted": "三、本年度办理结果 (一)予以公开",
    "requests.result.partly_granted": "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
    "requests.result.denied.state_secret": "(三)不予公开 1.属于国家秘密",
    "requests.result.denied.prohibited_by_law": "2.其他法律行政法规禁止公开",
    "requests.result.denied.security_stability": '3.危及"三安全一稳定"',
    "requests.result.denied.third_party_rights": "4.保护第三方合法权益",
    "requests.result.denied.internal_affairs": "5.属于三类内部事务信息",
    "requests.result.denied.process_information": "6.属于四类过程性信息",
    "requests.result.denied.enforcement_files": "7.属于行政执法案卷",
    "requests.result.denied.administrative_query": "8.属于行政查询事项",
    "requests.result.unavailable.not_held": "(四)无法提供 1.本机关不掌握相关政府信息",
    "requests.result.unavailable.needs_creation": "2.没有现成信息需要另行制作",
    "requests.result.unavailable.unclear": "3.补正后申请内容仍不明确",
    "requests.result.not_processed.petition": "(五)不予处理 1.信访举报投诉类申请",
    "requests.result.not_processed.repeated": "2.重复申请",
    "requests.result.not_processed.publication": "3.要求提供公开出版物",
    "requests.result.not_processed.excessive": "4.无正当理由大量反复申请",
    "requests.result.not_processed.confirmation": "5.要求行政机关确认或重新出具已获取信息",
    "requests.result.other": "(六)其他处理",
    "requests.result.other.no_correction": (
        "(六)其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    ),
    "requests.result.other.unpaid_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "requests.result.other.other": "3.其他",
    "requests.result.total": "(七)总计",
    "requests.carried_forward": "四、结转下年度继续办理",
}

#: Every table-三 indicator id in templates.md order (2019's single ``requests.result.other``
#: row and 2021's three ``requests.result.other.*`` sub-rows both included).
TABLE3_ROWS: Final = tuple(TABLE3_LABELS)

_OTHER_2021 = (
    "requests.result.other.no_correction",
    "requests.result.other.unpaid_fee",
    "requests.result.other.other",
)

#: Table-三 rows of the 2019 template, in order.
TABLE3_ROWS_2019: Final = tuple(r for r in TABLE3_ROWS if r not in _OTHER_2021)

#: Table-三 rows of the 2021 template, in order.
TABLE3_ROWS_2021: Final = tuple(r for r in TABLE3_ROWS if r != "requests.result.other")

_PARTS_COMMON = tuple(
    r
    for r in TABLE3_ROWS
    if r.startswith("requests.result.") and r != "requests.result.total" and not r.startswith("requests.result.other")
)

#: The rows that sum to ``requests.result.total`` in the 2019 template.
TABLE3_RESULT_PARTS_2019: Final = (*_PARTS_COMMON, "requests.result.other")

#: The rows that sum to ``requests.result.total`` in the 2021 template.
TABLE3_RESULT_PARTS_2021: Final = (*_PARTS_COMMON, *_OTHER_2021)

_T4_OUTCOMES = ("upheld", "corrected", "other", "pending", "total")
_T4_OUTCOME_LABELS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")

#: The column groups of table 四, left to right: indicator prefix → group label.
TABLE4_GROUPS: Final[dict[str, str]] = {
    "review": "行政复议",
    "litigation.direct": "行政诉讼/未经复议直接起诉",
    "litigation.after_review": "行政诉讼/复议后起诉",
}

#: The fifteen indicators of table 四, left to right.
TABLE4_INDICATORS: Final = tuple(f"{group}.{outcome}" for group in TABLE4_GROUPS for outcome in _T4_OUTCOMES)

#: Table 四 indicator id → ``group/outcome`` label (``行政复议/结果维持``).
TABLE4_LABELS: Final[dict[str, str]] = {
    f"{group}.{outcome}": f"{glabel}/{olabel}"
    for group, glabel in TABLE4_GROUPS.items()
    for outcome, olabel in zip(_T4_OUTCOMES, _T4_OUTCOME_LABELS, strict=True)
}

#: The column id of every table-四 fact.
TABLE4_COLUMN: Final = "count"


# --- recognition -------------------------------------------------------------------------

#: What a table is: table 二, 三 or 四 of a national template, or a legacy statistics table.
TableKind = Literal["二", "三", "四", "legacy"]

_T3_MARKS = (
    "本年新收",
    "上年结转",
    "本年度办理结果",
    "予以公开",
    "部分公开",
    "不予公开",
    "无法提供",
    "不予处理",
    "结转下年度",
)
_T3_ROW_MARKS = (
    "国家秘密",
    "禁止公开",
    "三安全一稳定",
    "第三方合法权益",
    "内部事务",
    "过程性信息",
    "行政执法案卷",
    "行政查询事项",
    "不掌握",
    "另行制作",
    "仍不明确",
    "信访举报投诉",
    "重复申请",
    "公开出版物",
    "大量反复",
    "重新出具",
    "逾期不补正",
    "缴纳费用",
)
#: Words of a legacy statistics table's header.
_LEGACY_MARKS = ("指标名称", "计量单位", "历年累计")
#: Row labels of table 三 that no legacy table uses.
_T3_OWN_MARKS = ("本年新收", "上年结转", "本年度办理结果", "结转下年度")
_T4_MARKS = ("结果维持", "结果纠正", "尚未审结", "复议后起诉", "未经复议直接起诉")
_T2_MARKS = (
    "第二十条",
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "本年处理决定数量",
    "上一年项目数量",
    "采购项目数量",
)
_T2_ROWS = ("规章", "规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费", "政府集中采购")
_T2_ROW_CELLS = tuple(f"\u0001{row}\u0001" for row in _T2_ROWS)


def classify_text(texts: Iterable[str]) -> TableKind | None:
    """Which template table a table's cell texts belong to, by their labels.

    Returns ``None`` when the texts name no national table (the caller decides
    between a legacy table and a continuation of the previous one).

    >>> classify_text(["信息内容", "本年制发件数", "规章", "0"])
    '二'
    >>> classify_text(["(三)不予公开", "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "0"])
    '三'
    >>> classify_text(["行政复议", "结果维持", "结果", "其他", "尚未", "总计"])
    '四'
    >>> classify_text(["指标", "累计数"]) is None
    True
    >>> classify_text(["指标名称", "计量单位", "2、同意部分公开答复数", "3、不予公开答复数", "0"]) is None
    True
    """
    folded = list(map(normalize, texts))
    joined = "\u0001".join(folded)
    contains = joined.__contains__
    # A legacy statistics table (指标名称 / 计量单位 / 本年度 / 历年累计) shares words with table 三
    # (同意部分公开答复数, 不予公开答复数): its answer rows name no row of table 三, and under its
    # header only table 三's own rows (本年新收, 上年结转 …) make it table 三 (issue 11, item 6).
    contains3 = "\u0001".join(t for t in folded if "答复" not in t).__contains__
    marks3 = sum(map(contains3, _T3_MARKS))
    rows3 = sum(map(contains3, _T3_ROW_MARKS))
    if any(map(contains, _LEGACY_MARKS)) and sum(map(contains, _T3_OWN_MARKS)) < 2:
        marks3 = rows3 = 0
    marks4 = sum(map(contains, _T4_MARKS))
    marks2 = sum(map(contains, _T2_MARKS))
    rows2 = sum(map(f"\u0001{joined}\u0001".__contains__, _T2_ROW_CELLS))
    # A national table is named by at least two of its own labels; a single shared word
    # (部分公开, 行政复议) is not enough: legacy tables use those words too.
    score3 = marks3 * 2 + rows3 if marks3 >= 2 or rows3 >= 3 else 0
    score4 = marks4 * 2 + ("行政复议" in joined and "行政诉讼" in joined) * 2 if marks4 >= 1 else 0
    score2 = marks2 * 2 + rows2 if marks2 >= 1 and (marks2 + rows2) >= 2 else 0
    best = max(score2, score3, score4)
    if best < 2:
        return None
    if best == score3:
        return "三"
    if best == score4:
        return "四"
    return "二"


def table2_version(texts: Iterable[str]) -> str | None:
    """``national-2021`` or ``national-2019`` by table 二's column headers and rows, ``None`` if unknown.

    >>> table2_version(["本年新制作数量", "本年新公开数量"])
    'national-2019'
    >>> table2_version(["本年制发件数"])
    'national-2021'
    """
    folded = {normalize(t) for t in texts}
    joined = "\u0001".join(folded)
    if any(m in joined for m in ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额")):
        return NATIONAL_2021
    if any(
        m in joined
        for m in (
            "本年新制作数量",
            "本年新公开数量",
            "对外公开总数量",
            "上一年项目数量",
            "本年增/减",
            "采购项目数量",
            "其他对外管理服务事项",
            "政府集中采购",
        )
    ):
        return NATIONAL_2019
    return None
