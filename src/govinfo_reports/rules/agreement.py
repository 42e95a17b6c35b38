"""Prose against tables (``prose.table-agreement``): a count the prose states is the table's cell.

Reports state their main counts twice: in a sentence (全年收到政府信息公开申请34件, 上年结转政府信息公开
申请2件, 因政府信息公开被申请行政复议3件) and in tables 二, 三 and 四.  :func:`table_quantities` reads
the sentences whose words before the number name a table quantity and maps each to the cells it
states (:class:`Mention`), with how sure the mapping is: ``sure`` ones are compared exactly (an
error when they differ), ``likely`` ones (办理…申请N件, which may mean the applications answered,
received, or received and carried over) are accepted when they equal any of their cells (a
warning naming them all when none).  A
statement is not mapped, hence not compared, when its words name a part of the office
(区政府办代表区政府受理…, 各部门…), an applicant type, a change (同比增长…), another period (上半年,
累计, another year) or an approximate number (3200余条).

>>> from govinfo_reports.prose import quantities
>>> [(m.indicators, m.sure) for m in map_quantities(quantities("全年收到政府信息公开申请34件"), 2024)]
[((('requests.received', 'total'),), True)]
>>> map_quantities(quantities("区政府办代表区政府受理政府信息公开申请17件"), 2024)
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

import attrs

from govinfo_reports import prose
from govinfo_reports.facts import Fact
from govinfo_reports.findings import Finding, Severity
from govinfo_reports.identity import identify
from govinfo_reports.rules.registry import NATIONAL, Context, Rule, number_text, register, row_label
from govinfo_reports.syntax.nodes import NO_SPAN, Span
from govinfo_reports.syntax.parser import parse
from govinfo_reports.tables.joined import EvidenceQuery, Pin, register_evidence
from govinfo_reports.tables.templates import (
    NATIONAL_2019,
    TABLE3_RESULT_PARTS_2019,
    TABLE3_RESULT_PARTS_2021,
    TABLE4_LABELS,
)

__all__ = [
    "LEGACY_MAPPINGS",
    "MAPPINGS",
    "LegacyMapping",
    "Mapping",
    "Mention",
    "map_quantities",
    "prose_pins",
    "table_quantities",
]


@attrs.frozen
class Mapping:
    """How words before a number name a table quantity: a pattern and the cells it states."""

    #: A name for the quantity (``received``).
    name: str
    #: The words before the number, spaces removed, match this (searched, anchored by the pattern).
    words: re.Pattern[str]
    #: The cells stated, as (indicator, column); several are summed (行政诉讼 = direct + after review).
    cells: tuple[tuple[str, str], ...]
    #: Other readings the words may have; the statement holds when it equals any of them.
    alternatives: tuple[tuple[tuple[str, str], ...], ...] = ()
    #: Whether the mapping is sure (compared exactly, an error when not) or only likely (a warning).
    sure: bool = True
    #: The cells on national-2019, for the column ids that differ by template.
    cells_2019: tuple[tuple[str, str], ...] | None = None
    #: When set, the sentence must match it (an outcome of 行政复议 names the review in its sentence).
    sentence: re.Pattern[str] | None = None


#: A sentence on 行政复议 that does not speak of 行政诉讼 too (whose outcomes have the same words).
_REVIEW_ONLY = re.compile(r"^(?!.*诉讼).*复议")
_END = r"(?:数量?|件数|总数|案件|共计|总计|合计|共|总共|累计)?(?:为|达|有|是)?$"
_APPLICATION = r"(?:政府(?:信息|资讯)公开|(?:信息|资讯)公开|公开)?申请"


def _words(pattern: str) -> re.Pattern[str]:
    """The words right before a number: ``pattern`` (an alternation must be grouped), then the end words."""
    return re.compile(f"(?:{pattern}){_END}")


def _rows(prefix: str, parts: tuple[str, ...] = TABLE3_RESULT_PARTS_2021) -> tuple[tuple[str, str], ...]:
    """The total cells of table 三's result rows under one group (``requests.result.denied``)."""
    return tuple((p, "total") for p in parts if p == prefix or p.startswith(prefix + "."))


_ANSWER = r"(?:答复|决定|处理)?(?:的|的申请)?"


#: The table quantities the prose is read for, in the order they are tried (the first that matches wins).
MAPPINGS: tuple[Mapping, ...] = (
    Mapping(
        "carried_over",
        _words(r"上年(?:度)?结转(?:的)?" + f"(?:{_APPLICATION})?"),
        (("requests.carried_over", "total"),),
    ),
    Mapping(
        "carried_forward",
        _words(
            r"(?:结转|转|顺延)(?:至|到|入)?下(?:一)?年(?:度)?(?:继续)?(?:办理)?(?:答复)?(?:的)?"
            + f"(?:{_APPLICATION})?"
        ),
        (("requests.carried_forward", "total"),),
    ),
    Mapping(
        "received",
        _words(r"(?:新收|收到|接收|受理)(?:各类|各项)?(?:的)?" + _APPLICATION),
        (("requests.received", "total"),),
    ),
    Mapping(
        "answered",
        _words(r"(?:(?:办结|答复|已办结)(?:各类)?(?:的)?" + _APPLICATION + r"|" + _APPLICATION + r"(?:已|均已)?办结)"),
        (("requests.result.total", "total"),),
    ),
    Mapping(
        "handled",
        _words(r"办理(?:各类)?(?:的)?" + _APPLICATION),
        (("requests.result.total", "total"),),
        # 办理 is said of the applications answered, received, or all those on hand in the year
        alternatives=(
            (("requests.received", "total"),),
            (("requests.received", "total"), ("requests.carried_over", "total")),
        ),
        sure=False,
    ),
    Mapping("granted", _words(r"(?:同意公开|予以公开)" + _ANSWER), _rows("requests.result.granted"), sure=False),
    Mapping("partly_granted", _words(r"部分公开" + _ANSWER), _rows("requests.result.partly_granted"), sure=False),
    Mapping("denied", _words(r"不予公开" + _ANSWER), _rows("requests.result.denied"), sure=False),
    Mapping("unavailable", _words(r"无法提供" + _ANSWER), _rows("requests.result.unavailable"), sure=False),
    Mapping("not_processed", _words(r"不予处理" + _ANSWER), _rows("requests.result.not_processed"), sure=False),
    Mapping(
        "other_result",
        _words(r"其他处理" + _ANSWER),
        _rows("requests.result.other"),
        sure=False,
        cells_2019=_rows("requests.result.other", TABLE3_RESULT_PARTS_2019),
    ),
    Mapping("review", _words(r"行政复议"), (("review.total", "count"),)),
    *(
        Mapping(
            f"review.{outcome}",
            _words(words),
            ((f"review.{outcome}", "count"),),
            sure=False,
            sentence=_REVIEW_ONLY,
        )
        for outcome, words in (
            ("upheld", r"(?:结果)?(?:予以)?维持(?:原)?(?:行政行为|决定|答复)?"),
            ("corrected", r"(?:结果)?(?:被)?(?:纠正|纠错|撤销|确认违法)"),
            ("pending", r"尚未审结|未审结|正在审理|审理中"),
        )
    ),
    Mapping(
        "litigation",
        _words(r"行政诉讼"),
        (("litigation.direct.total", "count"), ("litigation.after_review.total", "count")),
    ),
    Mapping(
        "normative_issued",
        _words(r"制发(?:了)?(?:行政)?规范性文件"),
        (("proactive.normative_documents", "issued"),),
        sure=False,
        cells_2019=(("proactive.normative_documents", "newly_made"),),
    ),
    Mapping(
        "normative_repealed",
        _words(r"废止(?:了)?(?:行政)?规范性文件"),
        (("proactive.normative_documents", "repealed"),),
        sure=False,
    ),
    Mapping(
        "normative_in_force",
        _words(r"现行有效(?:的)?(?:行政)?规范性文件"),
        (("proactive.normative_documents", "in_force"),),
        sure=False,
    ),
    Mapping(
        "licensing", _words(r"(?:作出)?行政许可(?:处理)?决定"), (("proactive.licensing", "decisions"),), sure=False
    ),
    Mapping(
        "penalties", _words(r"(?:作出)?行政处罚(?:处理)?决定"), (("proactive.penalties", "decisions"),), sure=False
    ),
)

#: Words that make a statement not the office's whole count for the year: not compared.
_NOT_WHOLE = re.compile(
    r"代表|各部门|部门|各乡镇|乡镇|街道|办公室|政府办|下属|所属|区直|市直|县直|各单位|单位|窗口|其中|"
    r"自然人|法人|企业|机构|组织|"
    r"同比|较上年|比上年|环比|增长|减少|下降|上升|增加|"
    r"上半年|下半年|季度|月份|截至|截止|累计|历年|以来|"
    r"平均|每|人次|分别|涉及|相关|有关|关于|其他(?!处理)|以外|除"
)
_YEAR = re.compile(r"(?:19|20)\d\d")
#: Words a text must hold for a table quantity to be in it (a cheap filter before reading it).
_KEYWORDS = ("申请", "结转", "顺延", "复议", "诉讼", "规范性文件", "许可", "处罚", "公开", "提供", "处理")
#: One of :data:`_KEYWORDS` in a text: one search, where testing each keyword in turn cost 9 times
#: as much on the seeds' prose (1.7 against 0.19 µs a text) and 8 times on a hostile "a1" line.
_KEYWORD = re.compile("|".join(map(re.escape, _KEYWORDS)))
_UNITS = frozenset("件条个份项宗起")
_NORMAL = str.maketrans("０１２３４５６７８９．％，；：（）", "0123456789.%,;:()")
_SENTENCE = re.compile(r"[^。;!?！？]+")
_SPACE = re.compile(r"\s+")


@attrs.frozen
class Mention:
    """A prose number that states a table quantity."""

    #: The number as the prose reader read it.
    quantity: prose.Quantity
    #: The quantity's name (:attr:`Mapping.name`).
    name: str
    #: The cells it states (summed), as (indicator, column).
    indicators: tuple[tuple[str, str], ...]
    #: Other cells it may state instead (each a sum).
    alternatives: tuple[tuple[tuple[str, str], ...], ...]
    #: Whether the mapping is sure.
    sure: bool
    #: Where the sentence is.
    sentence_span: Span = attrs.field(default=NO_SPAN, eq=False)


def map_quantities(
    quantities: Iterable[prose.Quantity],
    year: int | None,
    template: str | None = None,
    sentence_span: Span = NO_SPAN,
    sentence: str = "",
) -> list[Mention]:
    """The quantities of a sentence that state a table quantity, mapped (those not sure to be whole left out).

    ``sentence`` is the sentence they are in, for the mappings that ask of it (outcomes of 行政复议).
    """
    out: list[Mention] = []
    for q in quantities:
        words = _whole_words(q, year)
        if words is None:
            continue
        for mapping in MAPPINGS:
            if mapping.words.search(words) and (mapping.sentence is None or mapping.sentence.search(sentence)):
                cells = mapping.cells_2019 if template == NATIONAL_2019 and mapping.cells_2019 else mapping.cells
                out.append(Mention(q, mapping.name, cells, mapping.alternatives, mapping.sure, sentence_span))
                break
    return out


def _whole_words(q: prose.Quantity, year: int | None) -> str | None:
    """The words before a quantity, spaces removed, when it may be the office's whole count for the year."""
    if q.approximate or q.cumulative or q.unit not in _UNITS:
        return None
    words = _SPACE.sub("", q.label)
    if not words or _NOT_WHOLE.search(words):
        return None
    if any(int(y) != year for y in _YEAR.findall(words)) if year is not None else _YEAR.search(words):
        return None  # another year's count (or a year the report does not say is its own)
    return words


def table_quantities(ctx: Context) -> list[Mention]:
    """Every prose number of the context's report that states a table quantity, in document order."""
    year = ctx.identity.year if ctx.identity is not None else None
    return [m for m, _ in _mentions(ctx.texts_and_tables[0], year, ctx.template)]


def _mentions(
    texts: Iterable[tuple[str, prose.Anchor, int]], year: int | None, template: str | None, *, legacy: bool = False
) -> Iterator[tuple[Mention, str]]:
    """The prose numbers of ``texts`` that state a table quantity, with the words before each.

    ``legacy``: the quantities that may be a legacy table's row (:data:`LEGACY_MAPPINGS`) too,
    as mentions with no cells.
    """
    for text, anchor, _part in texts:
        if not _KEYWORD.search(text):
            continue
        normal = text.translate(_NORMAL)
        for m in _SENTENCE.finditer(normal):
            sentence = m.group()
            if not _KEYWORD.search(sentence):
                continue
            start = m.start()

            def locate(begin: int, end: int, start: int = start, anchor: prose.Anchor = anchor) -> Span:
                return prose.anchor_span(anchor, start + begin, start + end)

            found = prose.quantities(sentence, locate=locate)
            span = prose.anchor_span(anchor, start, m.end())
            for mention in map_quantities(found, year, template, span, sentence):
                yield mention, ""
            if legacy:
                for q in found:
                    words = _whole_words(q, year)
                    if words is not None:
                        yield Mention(q, "legacy", (), (), True, span), words


def _cells(ctx: Context, cells: Sequence[tuple[str, str]]) -> list[Fact] | None:
    facts = [ctx.get(indicator, column) for indicator, column in cells]
    if any(f is None or f.value is None for f in facts):
        return None
    return [f for f in facts if f is not None]


def _total(facts: Sequence[Fact]) -> Decimal:
    return sum((f.value for f in facts if f.value is not None), Decimal(0))


def _shown(cells: Sequence[Fact]) -> str:
    """The cells a statement is compared with and their value: ``table 三 「…」 [total] is 34``, or a sum."""
    stated = " + ".join(_label(f) for f in cells)
    value = number_text(_total(cells))
    return f"{stated} = {value}" if len(cells) > 1 else f"{stated} is {value}"


def _unique(facts: Iterable[Fact]) -> list[Fact]:
    """The facts, each once (a cell in several candidate sums is named once), in their order."""
    seen: set[tuple[str | None, str | None, int]] = set()
    out = []
    for fact in facts:
        key = (fact.indicator, fact.column, fact.span.start)
        if key not in seen:
            seen.add(key)
            out.append(fact)
    return out


def _label(fact: Fact) -> str:
    if fact.indicator is not None and fact.indicator in TABLE4_LABELS:
        return f"table 四 「{TABLE4_LABELS[fact.indicator]}」"
    return f"table {fact.table} 「{row_label(fact)}」 [{fact.column}]"


@register(
    "prose.table-agreement",
    "Prose against tables: a count the prose states equals the table's cell",
    templates=NATIONAL,
)
def _table_agreement(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """A sentence naming a table quantity states the table's value: applications received
    (收到/受理/新收…申请N件: 一、本年新收 总计), carried over (上年结转), carried forward (结转下年度,
    顺延), answered (办结…申请: (七)总计), the results of table 三 (予以公开, 部分公开, 不予公开 …), 行政复议 N件
    (table 四's 行政复议 总计) with its outcomes (维持, 纠正, 尚未审结, in a sentence on 复议 only), 行政诉讼 N件 (the
    totals of 未经复议直接起诉 and 复议后起诉), and table 二's 制发/废止/现行有效 规范性文件 and
    行政许可/行政处罚 决定.  Sure mappings are compared exactly (an error when they differ); likely
    ones (办理…申请N件 may be the applications answered, those received, or those received and
    carried over; table 二's rows) are a warning when they equal none of their cells, which the
    finding names.  Not compared: a statement about a part of
    the office or of the applicants, a change, another period or year, an approximate number,
    a blank or missing cell."""
    if ctx.report is None:
        return
    for mention in table_quantities(ctx):
        cells = _cells(ctx, mention.indicators)
        if cells is None:
            continue
        q = mention.quantity
        value = _total(cells)
        if q.value == value:
            continue
        others = [c for c in (_cells(ctx, alt) for alt in mention.alternatives) if c is not None]
        if any(q.value == _total(c) for c in others):
            continue
        shown = "; ".join(_shown(c) for c in (cells, *others))
        if others:
            shown = f"it equals none of the cells it may mean: {shown}"
        yield rule.finding(
            f"the prose states 「{q.label.strip()}」 {q.text}{q.unit}, but {shown} (difference {number_text(q.value - value)})",
            expected=value,
            actual=q.value,
            facts=[q.as_fact(), *_unique([*cells, *(f for c in others for f in c)])],
            extra_spans=[mention.sentence_span],
            severity=None if mention.sure else Severity.WARNING,
        )


# --- prose evidence for splitting joined digits ---------------------------------------------


@attrs.frozen
class LegacyMapping:
    """How a sentence names a row of a legacy statistics table (which has no indicator ids)."""

    #: A name for the quantity.
    name: str
    #: The words before the number, spaces removed, match this (searched).
    words: re.Pattern[str]
    #: The row's own label (numbering and 其中 removed) matches this in full.
    row: re.Pattern[str]


#: The legacy rows a sentence may pin, for :func:`prose_pins`: few, and only a row's whole count of the year.
LEGACY_MAPPINGS: tuple[LegacyMapping, ...] = (
    LegacyMapping(
        "proactive",
        _words(r"主动公开(?:各类)?(?:的)?(?:政府)?信息"),
        re.compile(r"主动公开(?:政府)?(?:信息|文件)(?:总)?(?:数|数量|条数)"),
    ),
    LegacyMapping(
        "received",
        _words(r"(?:受理|收到)(?:各类)?(?:的)?(?:依申请公开|政府信息公开|信息公开)?申请"),
        re.compile(r"(?:受理|收到)(?:依申请公开|政府信息公开)?(?:信息)?(?:公开)?申请(?:总)?(?:数|数量|件数)"),
    ),
)
_ROW_LEAD = re.compile(
    r"^(?:其中[:：]?)?(?:[0-9]{1,2}[、.．]|[(（][0-9一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十]+、)?"
)


def prose_pins(query: EvidenceQuery) -> list[Pin]:
    """The statements of the report's prose that pin a cell of the table being split (registered with tables.joined).

    National tables: the sentences :data:`MAPPINGS` maps (as ``prose.table-agreement``
    reads them) with one reading only (a mapping with alternatives, 办理…申请N件, pins
    nothing).  Legacy tables: :data:`LEGACY_MAPPINGS`, a top-level row whose label matches and
    whose unit is the sentence's, in the year column (the one that is not 累计; a year it
    names must be the report's).  Sentences inside the table's text are not evidence.
    """
    report = query.report if query.report is not None else parse(query.text)
    year = identify(report).year
    legacy = query.table == "legacy"
    a, b = query.region
    out: list[Pin] = []
    for mention, words in _mentions(prose.numeric_texts(report), year, query.template, legacy=legacy):
        span = mention.sentence_span
        if span is NO_SPAN or (span.start < b and a < span.end):
            continue
        q = mention.quantity
        statement = (q.clause or f"{q.label}{q.text}{q.unit}").strip()
        if legacy:
            if words:
                out.extend(
                    Pin(cells, q.value, statement, q.span) for cells in _legacy_cells(query, words, q.unit, year)
                )
        elif not mention.alternatives:
            out.append(Pin(mention.indicators, q.value, statement, q.span))
    return out


def _legacy_cells(query: EvidenceQuery, words: str, unit: str, year: int | None) -> list[tuple[tuple[str, str], ...]]:
    """The one legacy cell the words name (a list of none or one)."""
    mapping = next((m for m in LEGACY_MAPPINGS if m.words.search(words)), None)
    if mapping is None:
        return []
    rows = [
        r
        for r in query.rows
        if len(r.path) == 1
        and mapping.row.fullmatch(_ROW_LEAD.sub("", _SPACE.sub("", r.path[0])))
        and all(u in (None, unit) for u in r.units)
    ]
    if len(rows) != 1:
        return []
    row = rows[0]
    columns = [c for c in row.columns if "累计" not in c and not any(int(y) != year for y in _YEAR.findall(c))]
    if len(columns) != 1 or len(row.columns) < 2 or not any("累计" in c for c in row.columns):
        return []  # the year's column is the one beside a cumulative column
    return [((row.key, columns[0]),)]


register_evidence(prose_pins)
