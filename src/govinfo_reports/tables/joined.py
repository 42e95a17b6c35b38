"""Tables whose cells a crawler joined into running text, read by their labels and split by arithmetic.

Some crawlers save a report as one line of text and drop the cell separators
of its tables: ``一、本年新收政府信息公开申请数量21710000218`` is table 三's first
row (217, 1, 0, 0, 0, 0, 218), and a legacy statistics table reads
``主动公开文件数条294981916其中：1、政府网站公开数条2949819162、…``.  No table node
is left; the parser gives paragraphs and headings.  This module finds such
tables in the report's text outside its table nodes:

* national tables 二, 三 and 四 by their fixed row vocabulary
  (:mod:`govinfo_reports.tables.templates`), matched in order in the text folded
  like labels (NFKC, no spaces or quotes): the digits between one row's label
  and the next row's are the row's cells (a numbering like ``2.`` that the next
  label starts with is the label's, however close it stands to the digits);
* legacy statistics tables (指标名称 计量单位 2015年度 历年累计) by the shape of their
  rows: an optional ``其中：`` and ``N、``, a label, a unit (条, 件, 元 …), the cells.

A row whose cells arrived as separate numbers (as many as the template has
columns) is read as it is; a row of one run of digits where several cells
were expected goes to :func:`govinfo_reports.tables.fused.split_table` with the
table's relations (table 三's row totals, balance and result total; table 四's
group totals; legacy 累计 ≥ 本年 and parts ≤ their whole).  Cells of an accepted
split are facts with :attr:`~govinfo_reports.facts.Fact.inferred` set and the
span of their digits inside the run.  A refused split gives no facts for the
rows left undecided and a ``fused-digits`` diagnostic per row listing its
candidate cuts.  Table 二 states no arithmetic: a fused row of it is read only
when its digits allow one cut (``000``).

The report's own prose can decide what the arithmetic leaves open.  When a
split is refused as ambiguous (or too costly), the statements of the report's
sentences that name a cell of the table (``制发行政规范性文件62件``,
``2015年主动公开政府信息2949条``) are asked for (:class:`Pin`, from the providers
a later stage registers with :func:`register_evidence`: ``rules.agreement``
maps sentences to indicator ids) and the split is tried again with each as one
more equation: a cut survives only if it agrees.  The split is accepted only
when exactly one assignment of the whole table remains; otherwise the
``fused-digits`` diagnostic lists the narrowed candidates and names the
statements used.  A statement that agrees with no cut leaves the first refusal
as it was: never a wrong value.  Sentences inside the table's own text are not
evidence.

The pass is linear in the text plus the bounded work of the splitter
(:data:`~govinfo_reports.tables.fused.DEFAULT_MAX_WORK` units per table).

>>> text = "四、行政复议、行政诉讼情况 行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计" \\
...        "未经复议直接起诉复议后起诉" + "结果维持结果纠正其他结果尚未审结总计" * 2 + "21317000001324019"
>>> found = read_joined(text)
>>> [(f.indicator, str(f.value)) for f in found.facts][-1], found.facts[-1].inferred
(('litigation.after_review.total', '19'), True)
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Collection, Sequence
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Final

import attrs

from govinfo_reports.facts import Fact
from govinfo_reports.syntax.nodes import NO_SPAN, Diagnostic, Report, Span
from govinfo_reports.tables.fused import (
    CellId,
    Cut,
    Refusal,
    Relation,
    Row,
    Split,
    breakdown_relations,
    cumulative_relations,
    split_table,
    table3_relations,
    table4_relations,
    table4_row,
)
from govinfo_reports.tables.templates import (
    LEGACY,
    NATIONAL_2019,
    NATIONAL_2021,
    TABLE2_2019,
    TABLE2_2021,
    TABLE3_APPLICANT_COLUMNS,
    TABLE3_LABELS,
    TABLE3_ROWS_2019,
    TABLE3_ROWS_2021,
    TABLE4_COLUMN,
    TABLE4_INDICATORS,
    TABLE4_LABELS,
    TableKind,
    table2_version,
)
from govinfo_reports.values import read_value

__all__ = [
    "JOINED_MARKS",
    "EvidenceProvider",
    "EvidenceQuery",
    "EvidenceRow",
    "JoinedReading",
    "Pin",
    "read_joined",
    "register_evidence",
]

#: Words of which one stands in text that may hold a joined national table (a cheap gate for callers;
#: a legacy table is announced by its header, 指标名称 计量单位).
JOINED_MARKS: Final = ("本年新收", "结果维持", "第二十条")

#: How far (in folded characters) the next row's label may stand from the previous one's.
_WINDOW: Final = 400
#: A folded character standing for a table node's text (never part of a label or a number).
_MASK: Final = "\x00"
_DROP = re.compile("[\\s\u3000\u00a0\ufeff\"'“”‘’「」『』]")
_NUMBERING = re.compile(r"^(?:\d+\.|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)")
_DIGITS = re.compile(r"[0-9]+")
_NEWLINE = re.compile("\n")
# Characters that fold to themselves: ASCII but for spaces and quotes, CJK ideographs.
_PLAIN = re.compile("[!#-&(-~\u4e00-\u9fff]+")
_CLOSING_QUOTES = "\"'”’」』"
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


@attrs.frozen
class JoinedReading:
    """What :func:`read_joined` found: facts, diagnostics and the template the tables show."""

    #: The facts, in document order.
    facts: tuple[Fact, ...]
    #: ``fused-digits`` (a split refused, with the candidate cuts) and ``table-unreadable``.
    diagnostics: tuple[Diagnostic, ...]
    #: ``national-2021``, ``national-2019``, ``legacy`` or ``None`` (no table found).
    template: str | None
    #: The kinds of the tables found (``三``, ``四``, ``二``, ``legacy``).
    kinds: tuple[TableKind, ...] = ()


@attrs.frozen
class Pin:
    """A value the report's prose states for a cell of a table (or a sum of cells): evidence for a cut."""

    #: The cells whose values the statement gives (summed), as the query's row keys and columns.
    cells: tuple[CellId, ...]
    #: The value stated.
    value: Decimal
    #: The statement as written (``制发行政规范性文件62件``), for messages.
    statement: str
    #: Where the statement is in the text.
    span: Span = attrs.field(default=NO_SPAN, eq=False)


@attrs.frozen
class EvidenceRow:
    """A row of a table being split, as a provider of :class:`Pin` values sees it."""

    #: The row's key in the splitter: the indicator id, or ``N:label`` for a legacy row.
    key: str
    #: The indicator id (``None`` for a legacy row).
    indicator: str | None
    #: Its group labels and label, as written.
    path: tuple[str, ...]
    #: Its column ids (national) or headers (legacy).
    columns: tuple[str, ...]
    #: The unit of each column (``条``), ``None`` where the table gives none.
    units: tuple[str | None, ...]


@attrs.frozen
class EvidenceQuery:
    """What a provider is asked: the statements of ``text`` outside ``region`` that pin the table's cells."""

    #: The whole text the table was found in (spans are offsets into it).
    text: str
    #: The parsed report of the text, when the caller has it.
    report: Report | None
    #: ``二``, ``三``, ``四`` or ``legacy``.
    table: TableKind
    #: The template the table belongs to (``national-2021``, ``national-2019``, ``legacy``).
    template: str | None
    #: The table's rows.
    rows: tuple[EvidenceRow, ...]
    #: ``(start, end)`` offsets of the table's own text: a statement there is not evidence.
    region: tuple[int, int]


#: A function giving the pins the report's prose states for a table (registered by a later stage).
EvidenceProvider = Callable[[EvidenceQuery], Sequence[Pin]]
_PROVIDERS: list[EvidenceProvider] = []


def register_evidence(provider: EvidenceProvider) -> None:
    """Add a source of prose evidence for splitting joined digits (``rules.agreement`` registers one at import).

    A provider registered twice is kept once.
    """
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


class _Folded:
    """The text folded like labels, with the offset in the text of every folded character."""

    def __init__(
        self, text: str, masked: Sequence[tuple[int, int]], report: Report | None = None, evidence: bool = True
    ) -> None:
        chars: list[str] = []
        where: list[int] = []
        position = 0
        for start, end in sorted(masked):
            if end <= position:
                continue
            self._fold(text, position, max(start, position), chars, where)
            chars.append(_MASK)
            where.append(max(start, position))
            position = end
        self._fold(text, position, len(text), chars, where)
        self.text = text
        #: The parsed report (for the providers of prose evidence) and whether evidence is asked for.
        self.report = report
        self.evidence = evidence
        self.folded = "".join(chars)
        self.where = where
        self.lines = [m.start() for m in _NEWLINE.finditer(text)]

    @staticmethod
    def _fold(text: str, start: int, end: int, chars: list[str], where: list[int]) -> None:
        """Fold ``text[start:end]``: runs that folding keeps as they are at once, the rest a character at a time."""
        i = start
        for m in _PLAIN.finditer(text, start, end):
            for j in range(i, m.start()):
                folded = _fold_char(text[j])
                if folded:
                    chars.append(folded)
                    where.extend([j] * len(folded))
            chars.append(m.group())
            where.extend(range(m.start(), m.end()))
            i = m.end()
        for j in range(i, end):
            folded = _fold_char(text[j])
            if folded:
                chars.append(folded)
                where.extend([j] * len(folded))

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The text offsets covering folded characters ``[start, end)``."""
        return self.where[start], self.where[end - 1] + 1

    def span(self, start: int, end: int) -> Span:
        """The span of ``text[start:end]`` (offsets in the text)."""
        line = bisect.bisect_left(self.lines, start)
        first = self.lines[line - 1] + 1 if line else 0
        end_line = bisect.bisect_left(self.lines, max(start, end - 1))
        end_first = self.lines[end_line - 1] + 1 if end_line else 0
        return Span(start, end, line + 1, start - first + 1, end_line + 1, end - end_first + 1)


@attrs.define
class _Cells:
    """A row's value text as found: the cells (separate numbers) or one run of digits."""

    #: The numbers as written, with their offsets in the text.
    tokens: list[tuple[str, int, int]]
    #: The digits run together (all tokens joined), with the text offset of each digit.
    digits: str = ""
    offsets: list[int] = attrs.Factory(list)


def _cells(folded: _Folded, start: int, end: int, pattern: re.Pattern[str]) -> _Cells:
    """The numbers of the text behind folded characters ``[start, end)``."""
    if start >= end:
        return _Cells([])
    a, b = folded.original(start, end)
    tokens = [(m.group(), m.start(), m.end()) for m in pattern.finditer(folded.text, a, b)]
    digits = "".join(t for t, _, _ in tokens)
    offsets = [s + k for t, s, _ in tokens for k in range(len(t))]
    return _Cells(tokens, digits, offsets)


@attrs.define
class _FoundRow:
    """One row of a joined table: its indicator (or legacy label), label path, columns and cells."""

    key: str
    indicator: str | None
    path: tuple[str, ...]
    columns: tuple[str, ...]
    cells: _Cells
    units: tuple[str | None, ...]


def read_joined(
    text: str,
    *,
    masked: Sequence[tuple[int, int]] = (),
    skip: Collection[TableKind] = (),
    report: Report | None = None,
    evidence: bool = True,
) -> JoinedReading:
    """Find and read the tables of ``text`` whose cells were joined (see the module docstring).

    ``masked`` are ``(start, end)`` offsets of text not to read (the report's table
    nodes, already read); ``skip`` the kinds of table already read from table nodes;
    ``report`` the parsed report of ``text``, for the providers of prose evidence
    (they parse ``text`` themselves without it); ``evidence=False`` splits by the
    tables' arithmetic alone.  Spans are offsets into ``text``.  Lenient: never raises for text.
    """
    folded = _Folded(text, masked, report, evidence)
    facts: list[Fact] = []
    diagnostics: list[Diagnostic] = []
    kinds: list[TableKind] = []
    template: str | None = None
    if "三" not in skip:
        found3 = _table3(folded)
        if found3 is not None:
            rows, version = found3
            _solve(folded, "三", rows, table3_relations(version), facts, diagnostics, version)
            kinds.append("三")
            template = version
    if "四" not in skip:
        rows4 = _table4(folded)
        if rows4:
            _solve(folded, "四", rows4, table4_relations(), facts, diagnostics, template or NATIONAL_2021)
            kinds.append("四")
            template = template or NATIONAL_2021
    if "二" not in skip:
        found2 = _table2(folded, template)
        if found2 is not None:
            rows2, version2 = found2
            _solve(folded, "二", rows2, (), facts, diagnostics, version2)
            kinds.append("二")
            template = template or version2
    if "legacy" not in skip and template is None:
        for rows, relations in _legacy_tables(folded):
            _solve(folded, "legacy", rows, relations, facts, diagnostics, LEGACY)
            kinds.append("legacy")
            template = LEGACY
    facts.sort(key=lambda f: f.span.start)
    return JoinedReading(tuple(facts), tuple(diagnostics), template if facts else None, tuple(kinds))


# --- national table 三 -------------------------------------------------------------------


@attrs.frozen
class _Label:
    """A template row label, cut into what the text may show of it."""

    indicator: str
    #: The group labels before the row's own (``三、本年度办理结果``, ``(三)不予公开``), folded.
    groups: tuple[str, ...]
    #: The row's own numbering (``2.``) and words (``其他法律行政法规禁止公开``), folded.
    numbering: str
    words: str


def _labels(rows: Sequence[str]) -> list[_Label]:
    out = []
    for indicator in rows:
        parts = [_fold(p) for p in TABLE3_LABELS[indicator].split(" ")]
        own = parts[-1]
        m = _NUMBERING.match(own)
        numbering = m.group() if m else ""
        out.append(_Label(indicator, tuple(parts[:-1]), numbering, own[len(numbering) :]))
    return out


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    return "".join(f for f in unicodedata.normalize("NFKC", ch) if not _DROP.match(f))


def _fold(text: str) -> str:
    return "".join(f for f in unicodedata.normalize("NFKC", text) if not _DROP.match(f))


_LEVEL_OF = (
    re.compile(r"^[一二三四五六七八九十]+、"),
    re.compile(r"^\([一二三四五六七八九十]+\)"),
    re.compile(r"^\d+\."),
)


def _level(folded_label: str) -> int:
    for level, pattern in enumerate(_LEVEL_OF):
        if pattern.match(folded_label):
            return level
    return 2


def _label_start(s: str, at: int, label: _Label) -> int:
    """Where the row's label begins in front of its words at ``at``: its numbering and group labels too."""
    start = at
    if label.numbering:
        number = label.numbering[:-1]
        for mark in (label.numbering, f"{number}、", f"{number}．"):
            if s.startswith(mark, start - len(mark)):
                start -= len(mark)
                break
    for group in reversed(label.groups):
        if s.startswith(group, start - len(group)):
            start -= len(group)
        else:
            break
    return start


def _table3(folded: _Folded) -> tuple[list[_FoundRow], str] | None:
    s = folded.folded
    first = "本年新收政府信息公开申请数量"
    at = s.find(first)
    while at >= 0:
        version = (
            NATIONAL_2021 if ("逾期不补正" in s[at : at + 3000] or "缴纳费用" in s[at : at + 3000]) else NATIONAL_2019
        )
        rows = _scan3(folded, at, version)
        if rows is not None:
            return rows, version
        at = s.find(first, at + 1)
    return None


def _scan3(folded: _Folded, at: int, version: str) -> list[_FoundRow] | None:
    s = folded.folded
    labels = _labels(TABLE3_ROWS_2021 if version == NATIONAL_2021 else TABLE3_ROWS_2019)
    header = s[max(0, at - 300) : at]
    columns = (*TABLE3_APPLICANT_COLUMNS, *(("organization_subtotal",) if "小计" in header else ()), "total")
    # Where each row's label stands: (label start, words end), in order.
    places: list[tuple[_Label, int, int]] = []
    pos = at
    for n, label in enumerate(labels):
        where = s.find(label.words, pos, pos + (len(label.words) if n == 0 else _WINDOW) + len(label.words))
        if where < 0:
            continue
        places.append((label, _label_start(s, where, label), where + len(label.words)))
        pos = where + len(label.words)
    if len(places) < len(labels) - 3:
        return None
    out: list[_FoundRow] = []
    stack: list[str] = []
    for n, (label, start, end) in enumerate(places):
        # The row's cells: the digits that open the text up to the next row's label (a label of a
        # row the template has and the text lacks, or a note, may follow them: it is not read).
        stop = places[n + 1][1] if n + 1 < len(places) else end + _run_length(s, end)
        segment = s[end:stop]
        digits = len(segment) - len(segment.lstrip("0123456789"))
        a, b = folded.original(start, end)
        while b < len(folded.text) and folded.text[b] in _CLOSING_QUOTES:
            b += 1  # a closing quote belongs to the label (folding drops it)
        written = folded.text[a:b]
        parts = _path_parts(written, label)
        for part in parts:
            level = _level(_fold(part))
            del stack[level:]
            stack.append(part)
        path = tuple(stack)
        cells = _cells(folded, end, end + digits, _DIGITS)
        out.append(_FoundRow(label.indicator, label.indicator, path, columns, cells, (None,) * len(columns)))
    return out


def _run_length(s: str, at: int) -> int:
    return len(s[at : at + 200]) - len(s[at : at + 200].lstrip("0123456789"))


def _path_parts(written: str, label: _Label) -> list[str]:
    """The row label as written, cut into its group labels and its own label."""
    wanted = [*label.groups, label.numbering + label.words]
    parts: list[str] = []
    rest = written.strip()
    for want in wanted[:-1]:
        taken = 0
        acc = ""
        while taken < len(rest) and _fold(acc) != want:
            acc += rest[taken]
            taken += 1
        if _fold(acc) == want:
            parts.append(acc.strip())
            rest = rest[taken:].strip()
    parts.append(rest)
    return [p for p in parts if p]


# --- national table 四 -------------------------------------------------------------------

_T4_HEADER = re.compile(
    "行政复议(?:行政复议|行政诉讼|未经复议直接起诉|复议后起诉|结果维持|结果纠正|其他结果|尚未审结|结果|维持|纠正|其他|尚未|审结|总计)+"
)


def _table4(folded: _Folded) -> list[_FoundRow]:
    s = folded.folded
    for head in _T4_HEADER.finditer(s):
        if head.group().count("总计") < 3 or head.group().count("维持") < 3:
            continue
        length = _run_length(s, head.end())
        if not length:
            continue
        cells = _cells(folded, head.end(), head.end() + length, _DIGITS)
        rows = []
        for n, indicator in enumerate(TABLE4_INDICATORS):
            one = _Cells([cells.tokens[n]]) if len(cells.tokens) == len(TABLE4_INDICATORS) else cells
            rows.append(
                _FoundRow(
                    indicator, indicator, tuple(TABLE4_LABELS[indicator].split("/")), (TABLE4_COLUMN,), one, (None,)
                )
            )
        return rows
    return []


# --- national table 二 -------------------------------------------------------------------

_T2_GROUP = re.compile(r"第二十条第\([一二三四五六七八九十]+\)项")
_T2_OPENING = re.compile(r"第二十条第\([一二三四五六七八九十]+\)项信息内容")


def _table2(folded: _Folded, template: str | None) -> tuple[list[_FoundRow], str] | None:
    s = folded.folded
    # The table opens with an item's header (第二十条第(一)项 信息内容 …), not a mention in a sentence.
    opening = _T2_OPENING.search(s)
    if opening is None:
        return None
    at = opening.start()
    version = table2_version([s[at : at + 1500]]) or template or NATIONAL_2021
    spec = TABLE2_2019 if version == NATIONAL_2019 else TABLE2_2021
    pos = at
    out: list[_FoundRow] = []
    for row in spec:
        label = _fold(row.label)
        where = s.find(label, pos, pos + _WINDOW + len(label))
        if where < 0:
            continue
        end = where + len(label)
        length = len(s[end : end + 200]) - len(s[end : end + 200].lstrip("0123456789."))
        pos = end
        if not length:
            continue
        groups = list(_T2_GROUP.finditer(s, at, where))
        path: tuple[str, ...] = (row.label,)
        if groups:
            a, b = folded.original(groups[-1].start(), groups[-1].end())
            path = (folded.text[a:b], row.label)
        units = tuple("万元" if c == "amount" and spec is TABLE2_2021 else None for c in row.columns)
        out.append(
            _FoundRow(
                row.indicator, row.indicator, path, row.columns, _cells(folded, end, end + length, _NUMBER), units
            )
        )
    return (out, version) if len(out) >= 2 else None


# --- legacy statistics tables ------------------------------------------------------------

_LEGACY_HEADER = re.compile(
    r"(?:指标名称|统计指标|指标)(?:计量单位|单位)(?P<cols>(?:(?:\d{4}年度?|历年累计|累计数?|本年度?|上年|统计数|数量))+)"
)
_LEGACY_COLUMN = re.compile(r"\d{4}年度?|历年累计|累计数?|本年度?|上年|统计数|数量")
_LEGACY_ROW = re.compile(
    r"(?P<group>其中:?)?(?:(?P<num>[0-9]{1,2})[、.]|\((?P<pnum>[0-9]{1,2})\))?"
    r"(?:\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)?(?P<label>[\u4e00-\u9fff][^0-9。;:]{0,40}?)"
    r"(?P<unit>万元|人次|条|件|元|次|个|人|篇|项|份|宗)(?P<run>[0-9]+)"
)


def _legacy_tables(folded: _Folded) -> list[tuple[list[_FoundRow], tuple[Relation, ...]]]:
    s = folded.folded
    out = []
    for head in _LEGACY_HEADER.finditer(s):
        a, b = folded.original(head.start("cols"), head.end("cols"))
        columns = tuple(_LEGACY_COLUMN.findall(folded.text[a:b].replace(" ", "").replace("\u3000", "")))
        rows: list[_FoundRow] = []
        parents: dict[str, list[str]] = {}
        parent: str | None = None
        pos = head.end()
        while True:
            m = _LEGACY_ROW.match(s, pos)
            if m is None:
                break
            run_start, run_end = m.span("run")
            number = int(m.group("num") or m.group("pnum") or 0)
            following = s[run_end : run_end + 1]
            pos = run_end
            if following in ("、", "."):
                # The next row's numbering stands against the digits: ``2949819162、政府公报公开数``.
                expected = str(number + 1)
                if s.startswith(expected, run_end - len(expected)) and run_end - len(expected) > run_start:
                    run_end -= len(expected)
                    pos = run_end
            key = f"{len(rows)}:{m.group('label')}"
            la, lb = folded.original(m.start(), m.start("run"))
            written = folded.text[la:lb]
            unit_at = written.rfind(m.group("unit"))
            label_written = written[:unit_at].strip() if unit_at > 0 else written.strip()
            if number and parent is not None:
                parents.setdefault(parent, []).append(key)
                path: tuple[str, ...] = (rows[int(parent.partition(":")[0])].path[0], label_written)
            else:
                parent = key
                path = (label_written,)
            cells = _cells(folded, run_start, run_end, _DIGITS)
            rows.append(_FoundRow(key, None, path, columns, cells, (m.group("unit"),) * len(columns)))
        if not rows:
            continue
        relations: list[Relation] = []
        if len(columns) == 2 and "累计" in columns[1] and "累计" not in columns[0]:
            relations += cumulative_relations([r.key for r in rows], year=columns[0], cumulative=columns[1])
        for whole, parts in parents.items():
            relations += breakdown_relations(whole, parts, columns, complete=False)
        out.append((rows, tuple(relations)))
    return out


# --- splitting and facts -----------------------------------------------------------------


def _solve(
    folded: _Folded,
    table: TableKind,
    rows: list[_FoundRow],
    relations: Sequence[Relation],
    facts: list[Fact],
    diagnostics: list[Diagnostic],
    template: str | None,
) -> None:
    """Read the rows: separate cells as they are, runs of digits split by the relations (and the prose)."""
    if table == "四" and len(rows) > 1 and rows[0].cells is rows[1].cells:  # one run for the fifteen cells
        _solve4(folded, rows, facts, diagnostics, template)
        return
    inputs: list[Row] = []
    fused: dict[int, _FoundRow] = {}
    for row in rows:
        cells = row.cells
        k = len(row.columns)
        if not cells.tokens:
            continue
        if len(cells.tokens) == k:
            values = {c: _decimal(t) for c, (t, _, _) in zip(row.columns, cells.tokens, strict=True)}
            inputs.append(Row.known(row.key, values))
            for n, (column, (token, start, end)) in enumerate(zip(row.columns, cells.tokens, strict=True)):
                facts.append(_fact(folded, table, row, n, column, token, start, end, inferred=False))
        elif len(cells.tokens) < k and cells.digits.strip("0123456789.") == "":
            fused[len(inputs)] = row
            inputs.append(Row.fused(row.key, row.columns, cells.digits))
        else:
            diagnostics.append(
                Diagnostic(
                    "table-unreadable",
                    f"{'/'.join(row.path)}: {len(cells.tokens)} numbers where {k} cells were expected; not read",
                    span=folded.span(cells.tokens[0][1], cells.tokens[-1][2]),
                )
            )
    if not fused:
        return
    result, used = _split(folded, table, template, rows, inputs, relations)
    if isinstance(result, Refusal):
        decided = list(result.settled)
        for undecided in result.candidates:
            row = fused[undecided.row]
            cuts = " or ".join(map(str, undecided.cuts)) or "none"
            more = (
                f" (of {undecided.count})"
                if undecided.count is not None and undecided.count > len(undecided.cuts)
                else ""
            )
            diagnostics.append(
                Diagnostic(
                    "fused-digits",
                    f"{'/'.join(row.path)}: {row.cells.digits!r} stands where {len(row.columns)} cells were expected;"
                    f" {_undecided(used)} ({result.reason}); candidates: {cuts}{more}; not read",
                    span=folded.span(row.cells.offsets[0], row.cells.offsets[-1] + 1),
                )
            )
    else:
        decided = list(result.cuts)
    by_key = {row.key: row for row in fused.values()}
    for cut in decided:
        _cut_facts(folded, table, by_key[cut.cells[0][0]], cut, facts)


def _undecided(used: Sequence[Pin]) -> str:
    """What left a cut undecided, for a ``fused-digits`` message."""
    if not used:
        return "the table's arithmetic does not decide the cut"
    said = ", ".join(f"「{pin.statement}」" for pin in used)
    return (
        f"the table's arithmetic and the report's statement{'s' if len(used) > 1 else ''} {said} do not decide the cut"
    )


def _split(
    folded: _Folded,
    table: TableKind,
    template: str | None,
    rows: Sequence[_FoundRow],
    inputs: Sequence[Row],
    relations: Sequence[Relation],
) -> tuple[Split | Refusal, tuple[Pin, ...]]:
    """Split by the relations; when that is refused as ambiguous or too costly, again with the prose's pins.

    Returns the result and the pins it used (none when the arithmetic decided, or
    when the pins leave no assignment: then the first refusal stands, its candidates
    unnarrowed).  At most two calls of the bounded splitter.
    """
    result = split_table(inputs, relations)
    if not isinstance(result, Refusal) or result.reason == "inconsistent" or not folded.evidence:
        return result, ()
    pins = _pins(
        folded, table, template, rows, {cell for row in inputs if row.digits is not None for cell in row.cells}
    )
    if not pins:
        return result, ()
    extra = tuple(
        Relation("prose.table-agreement", f"the report's 「{p.statement}」", p.cells, (), constant=p.value)
        for p in pins
    )
    second = split_table(inputs, (*relations, *extra))
    if isinstance(second, Refusal) and second.reason == "inconsistent":
        return result, ()  # the statement agrees with no cut the arithmetic allows: it decides nothing
    return second, pins


def _pins(
    folded: _Folded,
    table: TableKind,
    template: str | None,
    rows: Sequence[_FoundRow],
    fused_cells: set[CellId],
) -> tuple[Pin, ...]:
    """The providers' pins on the table's fused cells, each cell set once (two statements that differ: neither)."""
    if not _PROVIDERS or not fused_cells:
        return ()
    offsets = [o for row in rows for o in row.cells.offsets]
    query = EvidenceQuery(
        folded.text,
        folded.report,
        table,
        template,
        tuple(EvidenceRow(r.key, r.indicator, r.path, r.columns, r.units) for r in rows),
        (min(offsets), max(offsets) + 1) if offsets else (0, 0),
    )
    stated: dict[tuple[CellId, ...], list[Pin]] = {}
    for provider in _PROVIDERS:
        for pin in provider(query):
            if pin.cells and any(cell in fused_cells for cell in pin.cells):
                stated.setdefault(tuple(sorted(pin.cells)), []).append(pin)
    return tuple(found[0] for found in stated.values() if len({p.value for p in found}) == 1)


def _solve4(
    folded: _Folded, rows: list[_FoundRow], facts: list[Fact], diagnostics: list[Diagnostic], template: str | None
) -> None:
    """Table 四: one run of digits for its fifteen cells."""
    run = rows[0].cells
    if len(run.tokens) > len(TABLE4_INDICATORS):
        return
    result, used = _split(folded, "四", template, rows, [table4_row(run.digits)], table4_relations())
    if isinstance(result, Refusal):
        decided = list(result.settled)
        cuts = " or ".join(str(c) for u in result.candidates for c in u.cuts) or "none"
        if not decided:
            diagnostics.append(
                Diagnostic(
                    "fused-digits",
                    f"行政复议、行政诉讼: {run.digits!r} stands where 15 cells were expected; {_undecided(used)}"
                    f" ({result.reason}); candidates: {cuts}; not read",
                    span=folded.span(run.offsets[0], run.offsets[-1] + 1),
                )
            )
    else:
        decided = list(result.cuts)
    for cut in decided:
        offset = 0
        for piece, row in zip(cut.pieces, rows, strict=True):
            start, end = run.offsets[offset], run.offsets[offset + len(piece) - 1] + 1
            offset += len(piece)
            facts.append(_fact(folded, "四", row, 0, TABLE4_COLUMN, piece, start, end, inferred=True))


def _cut_facts(folded: _Folded, table: TableKind, row: _FoundRow, cut: Cut, facts: list[Fact]) -> None:
    offset = 0
    offsets = row.cells.offsets
    for n, (column, piece) in enumerate(zip(row.columns, cut.pieces, strict=True)):
        start, end = offsets[offset], offsets[offset + len(piece) - 1] + 1
        offset += len(piece)
        facts.append(_fact(folded, table, row, n, column, piece, start, end, inferred=True))


def _fact(
    folded: _Folded,
    table: TableKind,
    row: _FoundRow,
    n: int,
    column: str,
    piece: str,
    start: int,
    end: int,
    *,
    inferred: bool,
) -> Fact:
    read = read_value(piece)
    value = read.value if read.kind == "number" else None
    return Fact(
        row.indicator,
        row.path,
        column,
        value,
        row.units[n],
        folded.text[start:end],
        table,
        span=folded.span(start, end),
        inferred=inferred,
    )


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - tokens are digits
        return None
