"""Numbers in prose: stated totals, their parts, and shares, found in sentences.

Reports state their figures in sentences as well as tables, and the
sentences can be checked (formats.md, "Numbers in prose").  This module
reads the running text of a parsed report (paragraphs, and the text a
heading line carries after its title) and finds :class:`Statement` s: a total
with the parts the sentence breaks it into, each part with the share it is
said to be (``占6%``).  The forms it knows:

* a total, then 其中 and its parts: ``新增主动公开政府信息200条,其中,重大战略部署信息12条,占6%;…``
  (the total may close the previous sentence: ``…总数2096条。其中,…``);
* a total inside ``在…中``: ``在2017年公开的283条信息中,规范性文件类信息为62条,…``
  (or ``在这些…中`` after a total; or, without a number and when the parts are complete,
  the latest total stated in the same part of the report for the same period, unit and
  noun: ``截止2017年末,在公开的文件信息中,…不超过20个工作日的…2093条,超过…18条``);
* parts, then the total: ``政府信息网站发布5条,其他平台发布123条,共计公开信息283条``;
* a share of a total stated earlier: ``发布信息202条,占全年公开信息总数的71.4%``;
* a list of kinds of a total stated earlier, when the list is complete:
  ``主动公开政府信息的主要类别有:机构职能类信息117条,…,其他应主动公开的信息1831条``.

The parts are *complete* when the sentence says so: a total after the parts
(共计), a last part that is the rest (其他, 其余), a pair that splits the whole
(不超过/超过 20个工作日), or shares summing to 100%.  Approximate numbers
(``3200余条``, ``近4000宗``) make a statement not assessable.

>>> from govinfo_reports import parse
>>> report = parse("一、总体情况\\n全年公开信息30条,其中规范性文件10条,其他信息20条。\\n")
>>> [(s.total.value, [p.quantity.value for p in s.parts], s.complete) for s in statements(report)]
[(Decimal('30'), [Decimal('10'), Decimal('20')], True)]
"""

from __future__ import annotations

import bisect
import collections
import functools
import re
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from itertools import accumulate, compress, count
from typing import TypeAlias, cast

import attrs

from govinfo_reports.facts import Fact
from govinfo_reports.syntax.nodes import (
    NO_SPAN,
    Attachment,
    Block,
    Paragraph,
    Preamble,
    Report,
    Section,
    Span,
    Table,
    block_index,
    texts_touched,
)
from govinfo_reports.values import MAX_DIGITS, to_simplified

__all__ = [
    "MIN_WRAPPED",
    "Anchor",
    "Part",
    "Quantity",
    "QuantityRecord",
    "Share",
    "ShareRecord",
    "Statement",
    "StatementReader",
    "StatementRecord",
    "Text",
    "Wrapped",
    "anchor_shift",
    "anchor_span",
    "head_noun",
    "numeric_texts",
    "quantities",
    "simplified",
    "statements",
    "texts",
]


@attrs.frozen
class Text:
    """A run of prose: a paragraph, or a heading line after its number (title and body text)."""

    #: The text.
    text: str
    #: Where the text starts (a one-line span: offsets inside the text map to columns).
    span: Span
    #: Index of the top-level section (or attachment) the text is in; -1 before the first one.
    part: int

    def sub_span(self, begin: int, end: int) -> Span:
        """The span of ``text[begin:end]``."""
        s = self.span
        if s is NO_SPAN:
            return NO_SPAN
        return Span(s.start + begin, s.start + end, s.line, s.column + begin, s.line, s.column + end)


@attrs.frozen
class Quantity:
    """A number with a counting unit in a sentence (``283条``, ``18651.06万元``).

    >>> q = quantities("其他平台发布123条")[0]
    >>> q.value, q.unit, q.label
    (Decimal('123'), '条', '其他平台发布')
    """

    #: The value.
    value: Decimal
    #: The number as written.
    text: str
    #: The unit (``条``, ``件``, ``人次``, ``万元`` ...).
    unit: str
    #: Whether the text marks it approximate (``余``, ``多``, ``约``, ``近``, ``超过``).
    approximate: bool
    #: The words of the clause before the number (``其他平台发布``).
    label: str
    #: The clause the number is in.
    clause: str
    #: Whether the sentence puts it in a cumulative period (``累计``, ``截止…末``) rather than the year.
    cumulative: bool = False
    #: Where the number is.
    span: Span = attrs.field(default=NO_SPAN, eq=False)
    #: Offset of the number in its sentence.
    offset: int = attrs.field(default=0, eq=False)
    #: Offset just past the unit in its sentence.
    end: int = attrs.field(default=0, eq=False)

    def as_fact(self) -> Fact:
        """The number as a :class:`~govinfo_reports.facts.Fact` of table ``"prose"``, labelled by its words."""
        return Fact(None, (self.label,), "prose", self.value, self.unit, self.text, "prose", span=self.span)


@attrs.frozen
class Share:
    """A percentage given for a part (``占57.5%``)."""

    #: The percentage (57.5 for ``57.5%``).
    value: Decimal
    #: The number as written.
    text: str
    #: What it is a share of, when the sentence says (``全年公开信息总数的``); ``""`` when not.
    of: str = ""
    #: Where the number is.
    span: Span = attrs.field(default=NO_SPAN, eq=False)

    @property
    def decimals(self) -> int:
        """How many decimals the percentage is written with."""
        return max(0, -int(self.value.as_tuple().exponent))

    def as_fact(self) -> Fact:
        """The percentage as a :class:`~govinfo_reports.facts.Fact` of table ``"prose"``."""
        return Fact(None, ("占",), "prose", self.value, "%", self.text, "prose", span=self.span)


@attrs.frozen
class Part:
    """One part of a total, with its share when the sentence gives one."""

    #: The part's count.
    quantity: Quantity
    #: The share stated for it, if any.
    share: Share | None = None


@attrs.frozen
class Statement:
    """A total and the parts a sentence breaks it into."""

    #: The total.
    total: Quantity
    #: The parts, in order.
    parts: tuple[Part, ...]
    #: Whether the parts are all of the total (see the module docs); otherwise they are some of it.
    complete: bool
    #: How the total was found: ``"其中"``, ``"在…中"``, ``"共计"``, ``"stated earlier"``.
    form: str
    #: The sentence of the parts.
    sentence: str
    #: Where the sentence is.
    span: Span = attrs.field(default=NO_SPAN, eq=False)
    #: Other numbers the sentence may mean as the total (``收到申请125件,办结121件,其中…``:
    #: 121 is taken, 125 is an alternative).
    alternatives: tuple[Quantity, ...] = attrs.field(default=(), eq=False)


# ---------------------------------------------------------------------------
# reading the prose of a report


def texts(report: Report) -> Iterator[Text]:
    """The running text of a report in document order: paragraphs and heading lines after their number."""
    part = -1
    for child in report.children:
        if isinstance(child, Section | Attachment):
            part += 1
        yield from _texts(child, part)


def _texts(block: object, part: int) -> Iterator[Text]:
    if isinstance(block, Paragraph):
        yield Text(simplified(block.text), block.span, part)
    elif isinstance(block, Section):
        yield _heading_text(block, part)
        for child in block.children:
            yield from _texts(child, part)
    elif isinstance(block, Attachment | Preamble):
        for child in block.children:
            yield from _texts(child, part)


def _heading_text(block: Section, part: int) -> Text:
    """The heading line after its number: titles carry prose too when line breaks were lost."""
    line = simplified(f"{block.title}。{block.body_text}" if block.body_text else block.title)
    head = len(block.indent) + len(block.number.raw) + len(block.gap)
    span = block.span
    if span is not NO_SPAN:
        width = len(line)
        span = Span(
            span.start + head,
            span.start + head + width,
            span.line,
            span.column + head,
            span.line,
            span.column + head + width,
        )
    return Text(line, span, part)


# ---------------------------------------------------------------------------
# How the reading is done: the prose rules read every report, and most of what
# they read states nothing wrong, so the reading works on light records (plain
# classes with slots, positions as integers) and makes the public values
# (:class:`Quantity`, :class:`Statement`, their spans) only when asked: by
# :func:`statements`, or by a rule for the statement it reports.

#: Where a text (or a sentence) starts in the source: offset, line, column; ``None`` when unlocated.
Anchor: TypeAlias = tuple[int, int, int] | None


class Wrapped(tuple[int, int, int]):
    """The anchor of a text joined from lines that a converter wrapped mid-sentence.

    As a tuple, where the text starts (offset, line, column); :attr:`later` holds where each of its
    later lines starts, in the text and in the source, so that a quantity on any line is located
    there (:func:`anchor_span`).
    """

    #: For each line after the first: its index in the joined text, and its offset, line and column.
    later: tuple[tuple[int, int, int, int], ...]

    def __new__(cls, start: tuple[int, int, int], later: tuple[tuple[int, int, int, int], ...]) -> Wrapped:
        """The anchor of a joined text starting at ``start``, its later lines at ``later``."""
        self = super().__new__(cls, start)
        self.later = later
        return self


def _at(anchor: tuple[int, int, int], index: int) -> tuple[int, int, int]:
    """Offset, line and column of ``index`` in a text anchored at ``anchor``."""
    offset, line, column = anchor
    if isinstance(anchor, Wrapped):
        k = bisect.bisect_right(anchor.later, (index, 1 << 62)) - 1
        if k >= 0:
            begin, offset, line, column = anchor.later[k]
            index -= begin
    return offset + index, line, column + index


def anchor_span(anchor: Anchor, begin: int, end: int) -> Span:
    """The span of ``[begin, end)`` of a text anchored at ``anchor`` (on several lines, if it was wrapped)."""
    if anchor is None:
        return NO_SPAN
    if not isinstance(anchor, Wrapped):
        offset, line, column = anchor
        return Span(offset + begin, offset + end, line, column + begin, line, column + end)
    start, line, column = _at(anchor, begin)
    last, end_line, end_column = _at(anchor, max(begin, end - 1))
    width = 1 if end > begin else 0
    return Span(start, last + width, line, column, end_line, end_column + width)


def anchor_shift(anchor: Anchor, by: int) -> Anchor:
    """The anchor of the text from ``by`` on."""
    if anchor is None:
        return None
    start = _at(anchor, by)
    if not isinstance(anchor, Wrapped):
        return start
    later = tuple((i - by, o, line, c) for i, o, line, c in anchor.later if i > by)
    return Wrapped(start, later) if later else start


#: A line this long or longer that does not end a sentence or a clause goes on on the next line (a
#: PDF converter's wrapping: ``上年结转政府信息公开`` / ``申请 2 件``).
MIN_WRAPPED = 16
_ENDS_CLAUSE = tuple("。！？；：!?;:")

_SECTION_OR_ATTACHMENT = (Section, Attachment)


def numeric_texts(report: Report, tables: list[Table] | None = None) -> list[tuple[str, Anchor, int]]:
    """:func:`texts` as ``(text, anchor, part)``, leaving out those without a digit (they state no quantity).

    The tables met on the way are added to ``tables`` when given (as :attr:`Report.tables` lists them).
    """
    index = block_index(report)
    blocks = index.blocks
    if tables is not None:
        tables += index.of(Table)
    # What each block may state a count in: a paragraph's text, a heading's title and body (the
    # 。 between them is in no count), else nothing.  Searching them all at once finds the few
    # blocks worth reading: most lines of a report, and every line of a hostile one, hold no digit
    # ("x\n" * 15000: 0.82 µs a line when every line was read in turn, 0.12 µs so; a line with a
    # digit costs about 0.15 µs more, "a1\n" * 10000: 0.87 -> 1.03, measured side by side).
    said = [
        b.text if type(b) is Paragraph else f"{b.title}。{b.body_text}" if type(b) is Section else "" for b in blocks
    ]
    out: list[tuple[str, Anchor, int]] = []
    parts: list[int] = []
    part, part_end = -1, 0  # the part of the last block read, and where the next child of the report starts
    done = 0  # the blocks before this one are read
    # The blocks holding a digit (each searched from C: no Python per block), and those a count in
    # Chinese numerals touches, maybe across the lines of a wrapped sentence: a sentence with a
    # digit is found by it, so the count is looked for in the other blocks only (most blocks of a
    # report with numbers hold a digit, and the count's search is the slower one).
    digits = list(compress(count(), map(_DIGIT.search, said)))
    others = said.copy()
    for at in digits:
        others[at] = ""
    for at in sorted(digits + texts_touched(others, _CHINESE_COUNT)):
        if at < done:
            continue  # a line of the sentence just read, or found by both searches
        if at >= part_end:
            if not parts:
                # the number of the top-level section or attachment each child of the report is in, plus one
                parts = list(accumulate(isinstance(c, _SECTION_OR_ATTACHMENT) for c in report.children))
            owner = index.owner(at)
            part = parts[owner] - 1
            part_end = index.tops[owner + 1] if owner + 1 < len(index.tops) else len(blocks)
        block = blocks[at]
        if isinstance(block, Paragraph):
            if at == done and len(block.text) < MIN_WRAPPED:
                _add_text((block,), part, out)  # one line: the one before is read, this one is too short to go on
                done = at + 1
                continue
            first, last = _sentence_lines(blocks, at, done)
            _add_text(cast(tuple[Paragraph, ...], blocks[first : last + 1]), part, out)
            done = last + 1
        elif isinstance(block, Section):
            title, body = block.title, block.body_text
            if _DIGIT.search(said[at]) or _CHINESE_COUNT.search(said[at]):
                # the heading line after its number, as _heading_text makes it
                head = len(block.indent) + len(block.number.raw) + len(block.gap)
                span = block.span
                anchor = None if span is NO_SPAN else (span.start + head, span.line, span.column + head)
                out.append((simplified(f"{title}。{body}" if body else title), anchor, part))
            done = at + 1
    return out


def _sentence_lines(blocks: Sequence[Block], at: int, done: int) -> tuple[int, int]:
    """The first and last positions of the lines of the sentence that the paragraph at ``at`` is in:
    one line, unless a converter wrapped the sentence (:func:`_continues`); none before ``done``."""
    first = last = at
    while first > done and _wrapped(blocks[first - 1], blocks[first]):
        first -= 1
    while last + 1 < len(blocks) and _wrapped(blocks[last], blocks[last + 1]):
        last += 1
    return first, last


def _wrapped(line: Block, after: Block) -> bool:
    return isinstance(line, Paragraph) and isinstance(after, Paragraph) and _continues(line, after)


def _continues(line: Paragraph, after: Paragraph) -> bool:
    """Whether ``after`` is the next line of a sentence ``line`` leaves open (wrapped by a converter)."""
    text = line.text.rstrip(" \t\u3000")
    return (
        len(text) >= MIN_WRAPPED
        and not text.endswith(_ENDS_CLAUSE)
        and line.span is not NO_SPAN
        and after.span.start == line.span.end
        and bool(after.text.strip())
    )


def _add_text(lines: Sequence[Paragraph], part: int, out: list[tuple[str, Anchor, int]]) -> None:
    """The text of one paragraph, or of the lines of one wrapped sentence joined, when it may state a count."""
    text = "".join(p.text for p in lines) if len(lines) > 1 else lines[0].text
    if not (_has_digit(text) or _CHINESE_COUNT.search(text)):
        return
    span = lines[0].span
    anchor: Anchor = None if span is NO_SPAN else (span.start, span.line, span.column)
    if len(lines) > 1 and anchor is not None:
        later = []
        index = len(lines[0].text)
        for p in lines[1:]:
            later.append((index, p.span.start, p.span.line, p.span.column))
            index += len(p.text)
        anchor = Wrapped(anchor, tuple(later))
    out.append((simplified(text), anchor, part))


#: Characters written differently in traditional Chinese that a report's prose can hardly do
#: without: the counting units (條 項 個 場, 萬 億, 餘 兩), the words of totals (總計 共計 合計), and
#: the commonest words of the reports (政府資訊公開, 申請, 處理, 結轉, 複議, 訴訟 …).  A text with none of
#: them is read as it is: it then holds no unit or total word in traditional characters either.
_TRADITIONAL = re.compile(
    "[條項個場萬億餘兩總計開請處結轉複議訴訟資訊報為與這於數類統辦發門網單規劃務體業機構關員會區縣鎮鄉級經費實較長減達]"
)
#: A run of Chinese characters (BMP and the supplementary ideographs): what t2s converts, digits and
#: punctuation left out.
_HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")


def simplified(text: str) -> str:
    """Prose in traditional characters as simplified ones, each character where it was.

    OpenCC's ``t2s`` (the ``traditional`` extra, :func:`~govinfo_reports.values.to_simplified`)
    converts character for character, and its phrases (乾乾淨淨 → 干干净净) keep their length
    too, so that offsets into the result are offsets into the text: spans found in it point at
    the original.  A run of Chinese characters whose conversion would change its length is
    kept as written (bounded: each run is converted once); text without a traditional
    character of :data:`_TRADITIONAL`, and any text without OpenCC, is returned as it is.

    >>> simplified("全年收到政府資訊公開申請34件,總計5條") in ("全年收到政府资讯公开申请34件,总计5条", "全年收到政府資訊公開申請34件,總計5條")
    True
    """
    if _TRADITIONAL.search(text) is None:
        return text
    pieces: list[str] = []
    last = 0
    for m in _HAN_RUN.finditer(text):
        run = m.group()
        plain = to_simplified(run)
        if plain != run and len(plain) == len(run):
            pieces.append(text[last : m.start()])
            pieces.append(plain)
            last = m.end()
    pieces.append(text[last:])
    return "".join(pieces)


_DIGIT = re.compile(r"[0-9０-９]")
#: Chinese numerals with a multiplier before a counting unit (三百条, 两千余件): a text without a digit
#: may state a count (in traditional characters too: 兩千餘條).
_CHINESE_COUNT = re.compile(
    r"[一二两兩三四五六七八九十][零〇一二两兩三四五六七八九十百千万亿萬億]*[十百千万亿萬億][余多餘]?"
    r"[条件次人篇项份宗期场家批个元條項場個]"
)
_WIDE_TO_NARROW = tuple(zip("０１２３４５６７８９．％，；：（）", "0123456789.%,;:()", strict=True))


# On Chinese text, str.find (memchr underneath) looks for one character many times faster than
# re scans for a class of them: the checks below that need no position use it.
_DIGITS = "0123456789０１２３４５６７８９"


def _has_digit(text: str) -> bool:
    """Whether the text holds a digit (``_DIGIT``)."""
    found = False
    for digit in _DIGITS:
        if digit in text:
            found = True
            break
    return found


def _sentence_ends(text: str) -> list[int]:
    """The offsets just past each sentence end (``_SENTENCE_END``) of a text, in order."""
    if "!" in text or "?" in text or "！" in text or "？" in text:
        return [m.end() for m in _SENTENCE_END.finditer(text)]
    ends = []
    at = text.find("。")
    while at >= 0:
        at += 1
        ends.append(at)
        at = text.find("。", at)
    return ends


def _normalize(text: str) -> str:
    """Full-width digits and punctuation to their ASCII forms (as ``str.translate`` would, much faster)."""
    for wide, narrow in _WIDE_TO_NARROW:
        if wide in text:
            text = text.replace(wide, narrow)
    return text


# Starts with a character class so that re can skip ahead fast.  A number is taken whole from
# its first digit: the look-behind makes a failed match at a number's first digit fail at once
# at the digits after it (else a long run of digits without a unit costs its square; _build
# rejects a match after a digit anyway).  Giving back digits or spaces after a failure costs one
# step each: what follows them (a point, 余/多, a unit) is neither, and the spaces are written
# once (before 余/多, then after it) so that there is one way to match them.  (No possessive
# quantifiers: Python 3.10 has none.)
_QUANTITY = re.compile(
    r"(?<![0-9])(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?(?:[万亿](?!元))?"
    r"|(?<![零〇一二两三四五六七八九十百千万亿])[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*)"
    r"[ \t]*(?:(?P<post>[余多])[ \t]*)?"
    r"(?P<unit>人次|万元|亿元|[元条件次人篇项份宗期场家批个])"
    r"(?!工作日|月|百分点|小时|以上|以内|左右|工作|年)"
)
#: A comma between digits that separates thousands (``2,100``), not clauses.
_THOUSANDS = re.compile(r",(?<=[0-9],)(?=[0-9]{3}(?![0-9]))")
_MYRIADS = "万亿"
_CHINESE_MULTIPLIERS = frozenset("十百千万亿")
_SHARE = re.compile(r"\s*(?:占|比例为|比例达)(?P<ref>[^,;:0-9%]{0,24}?)(?P<num>\d+(?:\.\d+)?)\s*%")
# a clause ends at one of ``,;:、`` (in a normalised sentence)
_SENTENCE_END = re.compile(r"[。!?！？]")
_CUMULATIVE = re.compile(r"累计|截[止至].{0,12}?(?:末|底|止|为止)")
# every place it matches (overlapping ones too), each with its shortest match
_CUMULATIVE_AT = re.compile(r"(?=(累计|截[止至].{0,12}?(?:末|底|止|为止)))")
_TOTAL_WORD = re.compile(r"总数|总计|共计|合计|累计|总量|(?<!公)共(?![同享建产性])")
_SUM_OPENER = re.compile(r"共|合计|总计")
_QIZHONG = re.compile(r"其中|包括")
_AFTER_TOTAL = re.compile(r"^\s*(?:共计|合计|总计|总共|一共|共)")
# ``(?:约|近|超过|逾|达到?)$`` at the end of the words before a number, as suffixes
_APPROX_LONG = ("超过", "达到")
_APPROX_SHORT = ("约", "近", "逾", "达")
# the last characters of those words, and the spaces that may follow them before the number
_APPROX_LAST = set("约近过逾达到") | {chr(c) for c in range(0x3001) if chr(c).isspace()}
# What a sentence holds when it can state, close or be a total: ``其中|中\s*[,:]|共|合计|总|累计|占``,
# or list kinds (类别 …, :meth:`StatementReader._kinds`), in a normalised text; searched for in the
# text as written (normalising keeps every offset).
_MARKERS = re.compile(r"其中|包括|中\s*[,:，：]|共|合计|总|累计|占|类别|种类|类型|分类")
_APPROX_SHARE = re.compile(r"约|近|超过|逾|不到|不足|达到|以上|以下")
_BOUND_AFTER = re.compile(r"\s*(?:以上|以下|左右|多|强|弱)")
_LEAD = re.compile(r"^(?:(?:其中|包括|分别为|分别是)\s*)+")
_REST = re.compile(r"^(?:以及|及|和|与)?(?:其他|其它|其余|剩余|余下)")
_IN_WHOLE = re.compile(r"在(?P<inner>[^,;。]{0,40}?)中\s*[,:]")
#: The words opening a list of kinds (``…政府信息的主要类别有:``): what the kinds are of, then the
#: opener (the words are at most 40 characters of one clause: a bounded search at each start).
_KINDS = re.compile(r"(?P<words>[^,;:。]{1,40}?)的?(?:主要)?(?:类别|种类|类型|分类)(?:主要)?(?:有|为|包括|如下)\s*:")
_CHANGE = re.compile(r"较|同比|比上年|环比|增加|减少|增长|下降|上升|提高|新增了")
_THESE = re.compile(r"这些|上述|以上|前述")
_TOTAL_OF = re.compile(r"总数|总量|总计")
_TOTAL_OF_TAIL = re.compile(r"(总数|总量|总计).*$")
_LABEL_STRIP = ' \u3000\t()“”"'
_NOT_AFTER = "第.0123456789"


def number_value(text: str) -> Decimal:
    """The value of a number of a quantity as :data:`_QUANTITY` reads it: digits, with thousands
    separators (``2,100``), a 万 or 亿 after them (``1.2万``), or Chinese numerals (``三百``, read by
    cn2an, imported when first needed).

    >>> number_value("2,100"), number_value("1.2万"), number_value("18651.06")
    (Decimal('2100'), Decimal('1.2E+4'), Decimal('18651.06'))
    """
    if text[0] <= "9":
        if "," in text:
            text = text.replace(",", "")
        last = text[-1]
        if last == "万":
            return Decimal(text[:-1]).scaleb(4)
        if last == "亿":
            return Decimal(text[:-1]).scaleb(8)
        return Decimal(text)
    value = _chinese_value(text)
    if value is None:
        raise ValueError(f"not a number: {text!r}")
    return value


def _chinese_quantity(text: str) -> bool:
    """Whether Chinese numerals are read as a count: with a multiplier (三百, 十二), readable."""
    return any(c in _CHINESE_MULTIPLIERS for c in text) and _chinese_value(text) is not None


@functools.lru_cache(maxsize=4096)
def _chinese_value(text: str) -> Decimal | None:
    """Chinese numerals as a value (cn2an), ``None`` when cn2an is not installed or cannot read them."""
    try:
        import cn2an
    except ImportError:  # the numerals extra is not installed: Chinese numerals are not read
        return None
    try:
        value = cn2an.cn2an(text, "normal")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return Decimal(str(value)) if isinstance(value, int | float) else None


class QuantityRecord:
    """A :class:`Quantity` being read: the same fields, those the reader seldom needs made on demand.

    Its words (``label``, ``approximate``), its value and its span are worked out when first
    asked for: most numbers read are never asked for them.
    """

    __slots__ = (
        "_approximate",
        "_label",
        "_public",
        "_value",
        "anchor",
        "clause",
        "clause_info",
        "clause_start",
        "cumulative",
        "end",
        "offset",
        "post",
        "sentence",
        "text",
        "unit",
    )

    def __init__(
        self,
        text: str,
        unit: str,
        post: str | None,
        sentence: str,
        clause_start: int,
        clause: str,
        cumulative: bool,
        offset: int,
        end: int,
        anchor: Anchor,
        clause_info: _Clause | None = None,
    ) -> None:
        self.text = text
        self.unit = unit
        self.post = post  # 余 or 多 after the number
        self.sentence = sentence
        self.clause_start = clause_start
        self.clause = clause
        self.cumulative = cumulative
        self.offset = offset
        self.end = end
        self.anchor = anchor  # of the sentence
        # what the quantities of one clause share (worked out once for all of them)
        self.clause_info = clause_info if clause_info is not None else _Clause(sentence, clause_start, clause)
        self._value: Decimal | None = None
        self._label: str | None = None
        self._approximate: bool | None = None
        self._public: Quantity | None = None

    @property
    def value(self) -> Decimal:
        """:attr:`Quantity.value`."""
        value = self._value
        if value is None:
            value = self._value = number_value(self.text)
        return value

    @property
    def label(self) -> str:
        """:attr:`Quantity.label`."""
        if self._label is None:
            self._read_words()
        return self._label  # type: ignore[return-value]  # set by _read_words

    @property
    def approximate(self) -> bool:
        """:attr:`Quantity.approximate`."""
        approximate = self._approximate
        if approximate is None:
            if self.post is not None or self.sentence.startswith("左右", self.end):
                approximate = True
            else:
                offset = self.offset
                last = self.sentence[offset - 1] if offset > self.clause_start else ""
                # words that make it approximate end with one of these (spaces may follow them)
                approximate = last in _APPROX_LAST and self._read_words()
            self._approximate = approximate
        return approximate

    def states_a_change(self) -> bool:
        """Whether the label names a change (``_CHANGE``: 较上年增加 …).

        Searched in the words before the number as written: what the label leaves out of them
        (spaces, brackets and quotes at the ends, 其中 before, 约 or 超过 after) holds no such word,
        nor part of one, so that the label need not be made.
        """
        return self.clause_info.change_end() <= self.offset

    def _read_words(self) -> bool:
        """Work out the label, from the words before the number; whether they make it approximate.

        The words are those of the clause, up to :data:`_LABEL_MAX` characters before the number
        (a longer run without a clause break is no label, and reading it for each of its numbers
        would cost the square of its length).
        """
        before = self.sentence[max(self.clause_start, self.offset - _LABEL_MAX) : self.offset].rstrip()
        if before.endswith(_APPROX_LONG):
            approximate = True
            label = before[:-2].strip(_LABEL_STRIP)
        elif before.endswith(_APPROX_SHORT):
            approximate = True
            label = before[:-1].strip(_LABEL_STRIP)
        else:
            approximate = False
            label = before.strip(_LABEL_STRIP)
        if label[:1] in ("其", "分", "包"):
            label = _LEAD.sub("", label)
        self._label = label
        return approximate

    def public(self) -> Quantity:
        """The :class:`Quantity` (one per record: statements sharing a number share it)."""
        if self._public is None:
            offset = self.offset
            span = anchor_span(self.anchor, offset, offset + len(self.text))
            self._public = Quantity(
                self.value,
                self.text,
                self.unit,
                self.approximate,
                self.label,
                self.clause,
                self.cumulative,
                span,
                offset,
                self.end,
            )
        return self._public

    def as_fact(self) -> Fact:
        """:meth:`Quantity.as_fact`."""
        if self._public is not None:
            return self._public.as_fact()
        offset = self.offset
        span = anchor_span(self.anchor, offset, offset + len(self.text))
        return Fact(None, (self.label,), "prose", self.value, self.unit, self.text, "prose", span=span)

    @property
    def exponent(self) -> int:
        """The exponent of :attr:`value` (``-2`` for ``18651.06``, ``3`` for ``1.2万``), read from the digits."""
        text = self.text
        if text[-1] in _MYRIADS:
            return int(self.value.as_tuple().exponent)
        point = text.find(".")
        return 0 if point < 0 else point + 1 - len(text)


#: The most limits (``超过N``) of a clause read (_Clause.limits).
_LIMITS_MAX = 8
#: The most characters before a number read as its label.
_LABEL_MAX = 200
#: Every place a change word (``_CHANGE``) starts, overlapping ones too, with the word.
_CHANGE_AT = re.compile(r"(?=(较|同比|比上年|环比|增加|减少|增长|下降|上升|提高|新增了))")


class _Clause:
    """A clause of a sentence, with what its quantities ask of it worked out once."""

    __slots__ = ("_after_total", "_change_end", "_limits", "_pairs", "_total_word", "sentence", "start", "text")

    def __init__(self, sentence: str, start: int, text: str) -> None:
        self.sentence = sentence
        self.start = start
        self.text = text
        self._change_end: int | None = None
        self._total_word: bool | None = None
        self._after_total: bool | None = None
        self._pairs: frozenset[str] | None = None
        self._limits: dict[str, frozenset[bool]] | None = None

    def pairs(self) -> frozenset[str]:
        """Every two characters in a row of the clause (a head noun is in the clause when it is one)."""
        found = self._pairs
        if found is None:
            text = self.text
            found = self._pairs = frozenset(text[i : i + 2] for i in range(len(text) - 1))
        return found

    def limits(self) -> dict[str, frozenset[bool]]:
        """The ``(不)超过N`` of the clause: for each N, whether 不 is written before it, whether not.

        Only the first :data:`_LIMITS_MAX` numbers count: a clause states one or two such limits.
        """
        found = self._limits
        if found is None:
            kinds: dict[str, set[bool]] = {}
            if "超过" in self.text:
                for m in _PAIR.finditer(self.text):
                    if m.group(2) not in kinds and len(kinds) == _LIMITS_MAX:
                        break
                    kinds.setdefault(m.group(2), set()).add(bool(m.group(1)))
            found = self._limits = {number: frozenset(k) for number, k in kinds.items()}
        return found

    def after_total(self) -> bool:
        """Whether the clause opens with a total word (``_AFTER_TOTAL``: ``共计``, ``合计`` …)."""
        found = self._after_total
        if found is None:
            found = self._after_total = _AFTER_TOTAL.match(self.text) is not None
        return found

    def change_end(self) -> int:
        """Where the first-ending change word of the clause ends (past the sentence when there is none).

        A quantity's words name a change when one ends before its number.
        """
        end = self._change_end
        if end is None:
            end = len(self.sentence) + 1
            stop = self.start + len(self.text)
            m = _CHANGE_AT.search(self.sentence, self.start, stop)
            while m is not None and m.start() < end:
                end = min(end, m.end(1))
                m = _CHANGE_AT.search(self.sentence, m.start() + 1, stop)
            self._change_end = end
        return end

    def total_word(self) -> bool:
        """Whether the clause holds a total word (``_TOTAL_WORD``)."""
        found = self._total_word
        if found is None:
            found = self._total_word = _TOTAL_WORD.search(self.text) is not None
        return found


class ShareRecord:
    """A :class:`Share` being read."""

    __slots__ = ("anchor", "number", "of", "text", "value")

    def __init__(self, value: Decimal, text: str, of: str, number: int, anchor: Anchor) -> None:
        self.value = value
        self.text = text
        self.of = of
        self.number = number  # offset of the number in its sentence
        self.anchor = anchor

    @property
    def decimals(self) -> int:
        """:attr:`Share.decimals`."""
        return max(0, -int(self.value.as_tuple().exponent))

    def public(self) -> Share:
        """The :class:`Share`."""
        return Share(
            self.value, self.text, self.of, anchor_span(self.anchor, self.number, self.number + len(self.text))
        )

    def as_fact(self) -> Fact:
        """:meth:`Share.as_fact`."""
        span = anchor_span(self.anchor, self.number, self.number + len(self.text))
        return Fact(None, ("占",), "prose", self.value, "%", self.text, "prose", span=span)


class _Part:
    """A :class:`Part` being read."""

    __slots__ = ("quantity", "share")

    def __init__(self, quantity: QuantityRecord, share: ShareRecord | None) -> None:
        self.quantity = quantity
        self.share = share


class _Sentence:
    """A sentence of a text with its quantities (``text`` normalised)."""

    __slots__ = (
        "_brackets",
        "_cumulative_end",
        "anchor",
        "has_share",
        "index",
        "offsets",
        "part",
        "quantities",
        "text",
    )

    def __init__(self, text: str, anchor: Anchor, part: int, quantities: list[QuantityRecord], index: int) -> None:
        self.text = text
        self.anchor = anchor  # where the sentence starts
        self.part = part  # of its text
        self.quantities = quantities
        self.index = index  # the sentence's number in its text
        self.offsets = [q.offset for q in quantities]  # ascending
        self.has_share = "%" in text  # (asked for each breakdown: a long sentence is searched once)
        self._brackets: tuple[list[int], list[int]] | None = None
        self._cumulative_end: int | None = None

    def cumulative_end(self) -> int:
        """Where the first-ending ``_CUMULATIVE`` match of the sentence ends (past its end when none)."""
        end = self._cumulative_end
        if end is None:
            end = len(self.text) + 1
            if "累计" in self.text or "截" in self.text:
                for m in _CUMULATIVE_AT.finditer(self.text):
                    end = min(end, m.end(1))
                    if m.start() >= end:
                        break
            self._cumulative_end = end
        return end

    def brackets(self) -> tuple[list[int], list[int]]:
        """The offsets of the opening and of the closing brackets, ascending."""
        found = self._brackets
        if found is None:
            text = self.text
            opens = [i for i, c in enumerate(text) if c == "("] if "(" in text else []
            closes = [i for i, c in enumerate(text) if c == ")"] if ")" in text else []
            found = self._brackets = (opens, closes)
        return found

    def depth(self, at: int) -> int:
        """How many brackets are open at an offset: those opened before it less those closed, at least 0."""
        opens, closes = self.brackets()
        return max(0, bisect.bisect_left(opens, at) - bisect.bisect_left(closes, at))

    def inside_paren(self, at: int) -> bool:
        """Whether the last bracket before an offset opens one."""
        opens, closes = self.brackets()
        i, j = bisect.bisect_left(opens, at), bisect.bisect_left(closes, at)
        return (opens[i - 1] if i else -1) > (closes[j - 1] if j else -1)

    def first_from(self, offset: int) -> int:
        """The index of the first quantity at or after an offset."""
        return bisect.bisect_left(self.offsets, offset)


class StatementRecord:
    """A :class:`Statement` being read."""

    __slots__ = ("_approximate", "alternatives", "complete", "form", "parts", "sentence", "total")

    def __init__(
        self,
        total: QuantityRecord,
        parts: list[_Part],
        complete: bool,
        form: str,
        sentence: _Sentence,
        alternatives: list[QuantityRecord],
    ) -> None:
        self.total = total
        self.parts = parts
        self.complete = complete
        self.form = form
        self.sentence = sentence
        self.alternatives = alternatives
        self._approximate: bool | None = None

    @property
    def approximate(self) -> bool:
        """Whether the total or a part is approximate (then the statement cannot be checked)."""
        approximate = self._approximate
        if approximate is None:
            approximate = self._approximate = self.total.approximate or any(p.quantity.approximate for p in self.parts)
        return approximate

    @property
    def span(self) -> Span:
        """:attr:`Statement.span`: the sentence, trailing spaces left out."""
        return anchor_span(self.sentence.anchor, 0, len(self.sentence.text.rstrip()))

    def public(self) -> Statement:
        """The :class:`Statement`."""
        parts = tuple(Part(p.quantity.public(), p.share.public() if p.share is not None else None) for p in self.parts)
        return Statement(
            self.total.public(),
            parts,
            self.complete,
            self.form,
            self.sentence.text,
            self.span,
            tuple(q.public() for q in self.alternatives),
        )


def quantities(
    sentence: str, cumulative: bool = False, locate: Callable[[int, int], Span] | None = None
) -> list[Quantity]:
    """The numbers with counting units in a (normalised) sentence, in order.

    Durations (``20个工作日``), years and bare numbers are not quantities.  ``locate`` maps
    offsets in the sentence to a span in the source.

    >>> [(q.text, q.unit, q.approximate) for q in quantities("受理申请3200余条,超过20个工作日的数量为18条")]
    [('3200', '条', True), ('18', '条', False)]
    """
    out = []
    for q in _build(sentence, list(_QUANTITY.finditer(sentence)), 0, None):
        span = locate(q.offset, q.offset + len(q.text)) if locate is not None else NO_SPAN
        out.append(
            Quantity(
                q.value,
                q.text,
                q.unit,
                q.approximate,
                q.label,
                q.clause,
                cumulative or q.cumulative,
                span,
                q.offset,
                q.end,
            )
        )
    return out


def _build(sentence: str, matches: Sequence[re.Match[str]], base: int, anchor: Anchor) -> list[QuantityRecord]:
    """Quantities from matches of ``_QUANTITY`` made on a text in which the sentence starts at ``base``."""
    out = []
    # the clause breaks (``,;:、``) all made commas, to find them with str.find; a thousands
    # separator (2,100) is none
    breaks = sentence.replace(";", ",").replace(":", ",").replace("、", ",")
    if "," in sentence:
        breaks = _THOUSANDS.sub("_", breaks)
    scope = _CUMULATIVE.search(sentence) if "累计" in sentence or "截" in sentence else None
    scope_end = scope.end() if scope is not None else -1
    clause: _Clause | None = None
    clause_start = clause_end = 0
    for m in matches:
        start, end = m.span()
        start -= base
        end -= base
        if start and sentence[start - 1] in _NOT_AFTER:
            continue
        number, post, unit = m.groups()
        if len(number) - ("." in number) - number.count(",") > MAX_DIGITS:
            continue  # not read as a value (values.MAX_DIGITS); the text stays in the report
        if number[0] > "9" and not _chinese_quantity(number):
            continue  # 一项, 三个: words more often than counts; or no numeral reader installed
        if clause is None or (clause_end >= 0 and start > clause_end):
            # a clause of its own: found from its first quantity (the search back stops at the last break)
            clause_start = breaks.rfind(",", 0, start) + 1
            clause_end = breaks.find(",", end)
            text = sentence[clause_start:clause_end] if clause_end >= 0 else sentence[clause_start:]
            clause = _Clause(sentence, clause_start, text)
        out.append(
            QuantityRecord(
                number,
                unit,
                post,
                sentence,
                clause_start,
                clause.text,
                scope is not None and scope_end <= start,
                start,
                end,
                anchor,
                clause,
            )
        )
    return out


def _share_at(sentence: str, end: int) -> re.Match[str] | None:
    """A share clause right after a quantity ending at ``end`` (``,占6%``), matched in the sentence.

    Bounds and approximations (``占90%以上``, ``约占``, ``占比超过``) are not shares to check.
    """
    m = _SHARE.match(sentence, end + 1 if sentence.startswith((",", "("), end) else end)
    if m is None or _APPROX_SHARE.search(m.group("ref")) or _BOUND_AFTER.match(sentence, m.end()):
        return None
    start = m.start()
    if _APPROX_SHARE.search(sentence, max(end, start - 2), start + 1):
        return None
    return m


def _sentences(text: str, anchor: Anchor, part: int) -> list[_Sentence]:
    """The sentences of a text that have quantities and can state (or close, or be) a total, each with them.

    Those are the sentences with a marker (其中, 共, 总 …), or followed by 其中.  The first marker of
    each such sentence is found in the whole text, the search going on from the sentence's end: no
    marker spans a sentence end.  The text as written will do for that (the markers' punctuation of
    both widths), so that only texts with a marker are normalised.
    """
    mark = _MARKERS.search(text)
    if mark is None:
        return []
    normal = _normalize(text)
    ends = _sentence_ends(normal)
    chosen: list[int] = []  # indices of the sentences to read, ascending
    while mark is not None:
        at = mark.start()
        index = bisect.bisect_right(ends, at)  # the sentence holding ``at``
        if index and normal.startswith(("其中", "包括"), at):
            # 其中 right after the end of the previous sentence (spaces aside) closes that one too
            gap = normal[ends[index - 1] : at] if at - ends[index - 1] <= 2 else "long"
            if len(gap) <= 2 and not gap.strip(" \u3000") and (not chosen or chosen[-1] < index - 1):
                chosen.append(index - 1)
        chosen.append(index)
        # a later marker of the same sentence adds nothing (nor can a 其中 after it start the sentence)
        mark = _MARKERS.search(text, ends[index]) if index < len(ends) else None
    out = []
    for index in chosen:
        begin = ends[index - 1] if index else 0
        end = ends[index] if index < len(ends) else len(normal)
        # a sentence's quantities are those of the text inside it: none spans a sentence end
        matches = list(_QUANTITY.finditer(normal, begin, end))
        if matches:
            where = anchor_shift(anchor, begin)
            body = normal[begin:end]
            found = _build(body, matches, begin, where)
            if found:
                out.append(_Sentence(body, where, part, found, index))
    return out


def statements(report: Report) -> list[Statement]:
    """Every statement of a total and its parts in the report's prose, in document order.

    >>> from govinfo_reports import parse
    >>> report = parse("一、总体情况\\n2017年,网站发布5条,其他平台发布123条,共计公开信息283条。\\n")
    >>> s = statements(report)[0]
    >>> s.form, s.total.value, [p.quantity.value for p in s.parts], s.complete
    ('共计', Decimal('283'), [Decimal('5'), Decimal('123')], True)
    """
    return [s.public() for s in _read(report)]


def _read(report: Report) -> list[StatementRecord]:
    """The statements of the report's prose, as records (:func:`statements` makes them public)."""
    return StatementReader().read(numeric_texts(report))


class _Claims:
    """The regions of a sentence whose quantities are parts of a statement already.

    Regions are added (by 其中, then by 在…中) at offsets found free in ascending order; then
    :meth:`freeze` merges them, for the questions of the readers after (each a binary search).
    """

    __slots__ = ("_ends", "_reach", "_regions", "_stage", "_starts")

    def __init__(self) -> None:
        self._regions: list[tuple[int, int]] = []
        self._reach = 0  # how far the regions added in this stage reach
        self._stage = 0  # where this stage's regions start in _regions
        self._starts: list[int] = []
        self._ends: list[int] = []

    def add(self, begin: int, end: int) -> None:
        """Claim ``[begin, end)``; ``begin`` was found free by :meth:`free_in_order`."""
        self._regions.append((begin, end))
        self._reach = max(self._reach, end)

    def free_in_order(self, offset: int) -> bool:
        """Whether an offset is outside every region, asked at ascending offsets within a stage."""
        # a region of this stage starts before the offset: it covers the offset when it reaches past it
        return offset >= self._reach and self.free(offset)

    def next_stage(self) -> None:
        """Merge the regions so far: the next stage asks :meth:`free_in_order` from its first offset."""
        self.freeze()
        self._stage = len(self._regions)
        self._reach = 0

    def freeze(self) -> None:
        """Merge the regions, for :meth:`free` and :meth:`end_before`."""
        starts: list[int] = []
        ends: list[int] = []
        for a, b in sorted(self._regions):
            if a >= b:
                continue
            if ends and a <= ends[-1]:
                ends[-1] = max(ends[-1], b)
            else:
                starts.append(a)
                ends.append(b)
        self._starts, self._ends = starts, ends

    def free(self, offset: int) -> bool:
        """Whether an offset is outside every region merged by :meth:`freeze`."""
        i = bisect.bisect_right(self._starts, offset) - 1
        return i < 0 or offset >= self._ends[i]

    def end_before(self, offset: int) -> int:
        """The furthest end of the merged regions ending at or before an offset; -1 when none does."""
        i = bisect.bisect_right(self._ends, offset) - 1
        return self._ends[i] if i >= 0 else -1


def _spoils(q: QuantityRecord) -> bool:
    """Whether a quantity cannot be a part of a total after it (its clause has a total word, or a change)."""
    return q.clause_info.total_word() or q.states_a_change()


#: How many of the latest totals of a kind a whole without a number may be (StatementReader._stated_earlier).
_LOOK_BACK = 64
#: How many of the other numbers before 其中 a statement keeps as the totals it may mean.
_ALTERNATIVES = 8


class StatementReader:
    """Walks the prose once, remembering the totals stated so far (for ``在…中`` without a number)."""

    def __init__(self) -> None:
        self.totals: list[tuple[int, QuantityRecord]] = []
        # the totals by part, unit and period, latest last (what _stated_earlier looks through)
        self.by_kind: dict[tuple[int, str, bool], list[QuantityRecord]] = {}
        self.found: list[StatementRecord] = []

    def read(self, texts: list[tuple[str, Anchor, int]]) -> list[StatementRecord]:
        total_word = _TOTAL_WORD.search
        for text, anchor, part in texts:
            previous: _Sentence | None = None
            for sentence in _sentences(text, anchor, part):
                if previous is not None and previous.index != sentence.index - 1:
                    previous = None
                if previous is not None and self.found and self.found[-1].sentence is previous:
                    self._continued(self.found[-1], sentence)
                self._sentence(sentence, previous)
                if total_word(sentence.text):  # a clause with one is in a sentence with one
                    for q in sentence.quantities:
                        if q.clause_info.total_word():
                            self._remember(part, q)
                previous = sentence
        return self.found

    def _continued(self, statement: StatementRecord, s: _Sentence) -> None:
        """Parts with shares that go on into the next sentence (``其中,A 2275条,占77%。B 674条,占23%``):
        while the shares stated fall short of 100%, the next sentence's first quantity of the unit, when
        it opens the sentence's first clause with a share, is one more part."""
        parts = statement.parts
        if statement.form != "其中" or statement.complete or not parts or not s.has_share:
            return
        if any(p.share is None for p in parts) or sum((p.share.value for p in parts if p.share), Decimal(0)) >= 100:
            return
        if not s.quantities:
            return
        q = s.quantities[0]
        if q.unit != statement.total.unit or q.clause_start != 0 or q.states_a_change():
            return
        found = _parts(s, q.offset, q.end, q.unit)
        if len(found) != 1 or found[0].share is None:
            return
        parts.append(found[0])
        statement.complete = _is_complete(parts)
        statement._approximate = None

    def _sentence(self, s: _Sentence, previous: _Sentence | None) -> None:
        text = s.text
        # regions of the sentence whose quantities are parts of a statement already
        claimed = _Claims()
        if "其中" in text or "包括" in text:
            self._qizhong(s, previous, claimed)
            claimed.next_stage()
        if "在" in text:
            self._in_whole(s, claimed)
        if ":" in text and "类" in text:
            claimed.next_stage()
            self._kinds(s, claimed)
        claimed.freeze()
        if len(s.quantities) >= 3:
            self._total_after(s, claimed)
        if "占" in text:
            self._share_of_earlier_total(s, claimed)

    def _qizhong(self, s: _Sentence, previous: _Sentence | None, claimed: _Claims) -> None:
        """``共N条,其中A条、B条``: the parts after 其中 of the last total of their unit before it."""
        text = s.text
        quantities = s.quantities
        # the quantities before the current 其中 that can be a total, by unit (walked once)
        candidates: dict[str, list[QuantityRecord]] = {}
        walked = 0
        lead = len(text) - len(text.lstrip(" \u3000,"))  # 其中 at or before it starts the sentence
        for m in _QIZHONG.finditer(text):
            at, after = m.span()
            if not claimed.free_in_order(at):
                continue
            end = _region_end(s, after, s.inside_paren(at))
            claimed.add(at, end)
            while walked < len(quantities) and quantities[walked].offset < at:
                q = quantities[walked]
                if not q.states_a_change():
                    candidates.setdefault(q.unit, []).append(q)
                walked += 1
            first = s.first_from(after)
            unit = quantities[first].unit if first < len(quantities) and quantities[first].offset < end else None
            if unit is None:
                continue
            before = candidates.get(unit, [])
            total: QuantityRecord | None = before[-1] if before else None
            if total is None and previous is not None and at <= lead:
                earlier = [q for q in previous.quantities if q.unit == unit and not q.states_a_change()]
                total = earlier[-1] if earlier else None
            if total is None:
                continue
            parts = _parts(s, after, end, unit)
            # the other totals the sentence may mean (the latest few: a share is checked against each)
            self._statement(total, parts, "其中", s, None, before[-_ALTERNATIVES:])

    def _in_whole(self, s: _Sentence, claimed: _Claims) -> None:
        """``在…的N条信息中,…为A条,…``: the parts after 在…中 of the total inside it."""
        text = s.text
        quantities = s.quantities
        latest: dict[str, QuantityRecord] = {}  # the last quantity of each unit before the current match
        walked = 0
        for m in _IN_WHOLE.finditer(text):
            at, after = m.span()
            if not claimed.free_in_order(at):
                continue
            while walked < len(quantities) and quantities[walked].offset < at:
                latest[quantities[walked].unit] = quantities[walked]
                walked += 1
            inner = m.group("inner")
            inner_start, inner_end = m.span("inner")
            end = _region_end(s, after, False)
            first = s.first_from(after)
            parts_unit = quantities[first].unit if first < len(quantities) else None
            if parts_unit is None:
                continue
            total = None
            form = "在…中"
            last_inner = s.first_from(inner_end) - 1  # the last quantity inside, if it is past inner_start
            if last_inner >= 0 and quantities[last_inner].offset >= inner_start:
                total = quantities[last_inner]
            elif _THESE.search(inner):
                total = latest.get(parts_unit)
            if total is not None:
                parts_unit = total.unit
            parts = _parts(s, after, end, parts_unit)
            complete: bool | None = None
            if total is None and parts:
                complete = _is_complete(parts)
                if complete:
                    # only parts that say they are all of something are matched with a total stated before
                    total = self._stated_earlier(s, inner, parts_unit, at)
                    form = "stated earlier"
            claimed.add(at, end)
            if total is not None:
                self._statement(total, parts, form, s, complete)

    def _kinds(self, s: _Sentence, claimed: _Claims) -> None:
        """``主动公开政府信息的主要类别有:A类信息117条,…,其他…信息1831条``: a list of kinds that
        says it is complete (a last part 其他, shares summing to 100%), of the latest total stated
        before for the same noun, part of the report and period."""
        quantities = s.quantities
        for m in _KINDS.finditer(s.text):
            at, after = m.span()
            if not claimed.free_in_order(at):
                continue
            first = s.first_from(after)
            if first >= len(quantities):
                continue
            end = _region_end(s, after, False)
            parts = _parts(s, after, end, quantities[first].unit)
            if len(parts) < 2 or not _is_complete(parts):
                continue
            claimed.add(at, end)
            total = self._stated_earlier(s, m.group("words"), quantities[first].unit, at)
            if total is not None:
                self._statement(total, parts, "stated earlier", s, True)

    def _share_of_earlier_total(self, s: _Sentence, claimed: _Claims) -> None:
        """``发布信息202条,占全年公开信息总数的71.4%``: a share of a total stated before."""
        for q in s.quantities:
            if not claimed.free(q.offset):
                continue
            found = _share_at(s.text, q.end)
            if found is None:
                continue
            ref = found.group("ref")
            if not _TOTAL_OF.search(ref):
                continue
            words = _TOTAL_OF_TAIL.sub("", ref)
            total = self._stated_earlier(s, words, q.unit, q.offset, cumulative=bool(_CUMULATIVE.search(ref)) or None)
            if total is None:
                continue
            parts = _parts(s, q.offset, q.end, q.unit)
            self._statement(total, parts, "stated earlier", s, None)

    def _total_after(self, s: _Sentence, claimed: _Claims) -> None:
        """``A条,B条,共计N条``: a total closing the parts before it (parts of other statements aside).

        The parts of a total are the free quantities of its unit since the end of the last claimed
        region or statement before it; they are kept as the quantities are walked, once.
        """
        if not _SUM_OPENER.search(s.text):
            return
        floor = -1
        pending: dict[str, collections.deque[QuantityRecord]] = {}  # free quantities past the floor, by unit
        spoilt: dict[str, int] = {}  # how many of them have a total word or a change in their clause
        for q in s.quantities:
            if not claimed.free(q.offset):
                continue
            reached = claimed.end_before(q.offset)
            if reached > floor:
                floor = reached
                for unit, queue in pending.items():
                    while queue and queue[0].offset <= floor:
                        if _spoils(queue.popleft()):
                            spoilt[unit] -= 1
            before = pending.get(q.unit)
            after_total = q.clause_info.after_total()
            if after_total and before and len(before) >= 2 and not spoilt.get(q.unit):
                self._statement(q, [_Part(p, None) for p in before], "共计", s, True)
                floor = q.offset
                pending.clear()
                spoilt.clear()
                continue
            pending.setdefault(q.unit, collections.deque()).append(q)
            if _spoils(q):
                spoilt[q.unit] = spoilt.get(q.unit, 0) + 1

    def _stated_earlier(
        self, s: _Sentence, words: str, unit: str, before: int, *, cumulative: bool | None = None
    ) -> QuantityRecord | None:
        """The latest total of the same part of the report, period and unit whose words share the whole's noun."""
        if cumulative is None:
            cumulative = s.cumulative_end() <= before + len(words) + 2
        noun = head_noun(words)
        if not noun:
            return None
        # the latest few of the part's totals of the unit and period (a report states far fewer)
        for q in reversed(self.by_kind.get((s.part, unit, cumulative), [])[-_LOOK_BACK:]):
            if not q.approximate and noun in q.clause_info.pairs():
                return q
        return None

    def _remember(self, part: int, q: QuantityRecord) -> None:
        """Keep a total stated, for :meth:`_stated_earlier`."""
        self.totals.append((part, q))
        self.by_kind.setdefault((part, q.unit, q.cumulative), []).append(q)

    def _statement(
        self,
        total: QuantityRecord,
        parts: list[_Part],
        form: str,
        s: _Sentence,
        complete: bool | None,
        alternatives: list[QuantityRecord] | None = None,
    ) -> None:
        """Record a statement; ``complete`` is ``True`` when the form says so, ``None`` when the parts
        tell (:func:`_is_complete`), or what :func:`_is_complete` gave them already."""
        if not parts:
            return
        if len(parts) > 1 and s.has_share and "分别" in s.text:
            parts = _listed_shares(s, parts)
        if complete is None:
            complete = _is_complete(parts) or _none_beyond(s, parts)
        if form != "stated earlier":
            self._remember(s.part, total)
        others = [q for q in alternatives if q is not total] if alternatives else []
        self.found.append(StatementRecord(total, parts, complete, form, s, others))


#: A list of shares after the parts: ``分别占60%、40%`` (the parts' shares, in order).
_SHARE_LIST = re.compile(
    r"分别(?:占比?|为|是)?(?:总数的|全部的)?\s*\d+(?:\.\d+)?%(?:\s*(?:、|,|和|及|与)\s*\d+(?:\.\d+)?%)+"
)
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")


def _listed_shares(s: _Sentence, parts: list[_Part]) -> list[_Part]:
    """The parts with the shares a list after them gives (``A120条、B80条,分别占60%、40%``), when it
    gives one for each part and none has its own; the parts as they are otherwise."""
    if any(p.share is not None for p in parts):
        return parts
    m = _SHARE_LIST.search(s.text, parts[-1].quantity.end)
    if m is None or _APPROX_SHARE.search(m.group()):
        return parts
    numbers = list(_PERCENT.finditer(m.group()))
    if len(numbers) != len(parts) or any(len(n.group(1)) > 12 for n in numbers):
        return parts
    base = m.start()
    return [
        _Part(p.quantity, ShareRecord(Decimal(n.group(1)), n.group(1), "", base + n.start(1), s.anchor))
        for p, n in zip(parts, numbers, strict=True)
    ]


_NOT_CHINESE = re.compile(r"[^\u4e00-\u9fff]")


def head_noun(words: str) -> str:
    """The head of a noun phrase, taken as its last two Chinese characters.

    >>> head_noun("公开的文件信息"), head_noun("全年发文")
    ('信息', '发文')
    """
    stripped = _NOT_CHINESE.sub("", words)
    return stripped[-2:] if len(stripped) >= 2 else ""


def _region_end(s: _Sentence, start: int, inside_paren: bool) -> int:
    """Where the parts after a marker end: the closing bracket, a nested 其中, or the sentence's end."""
    text = s.text
    if inside_paren:
        closes = s.brackets()[1]
        i = bisect.bisect_left(closes, start)
        return closes[i] if i < len(closes) else len(text)
    if text.find("其中", start) < 0:
        return len(text)  # only a later 其中 ends the region early
    depth = 0
    search = _BRACKET_OR_QIZHONG.search  # (a search per token: making a finditer costs more, each time)
    m = search(text, start)
    while m is not None:
        token = m.group()
        if token == "(":
            depth += 1
        elif token == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            # a later 其中 opens its own breakdown; a ";" before it ends this one
            semicolon = text.rfind(";", start, m.start())
            return semicolon if semicolon >= 0 else m.start()
        m = search(text, m.end())
    return len(text)


def _parts(s: _Sentence, start: int, end: int, unit: str) -> list[_Part]:
    """The quantities of ``unit`` between two offsets, outside nested brackets, each with its share."""
    out: list[_Part] = []
    text = s.text
    has_share = s.has_share
    nested = bool(s.brackets()[0])  # without an opening bracket, every offset is at depth 0
    base = s.depth(start) if nested else 0
    quantities = s.quantities
    for i in range(s.first_from(start), len(quantities)):
        q = quantities[i]
        if q.offset >= end:
            break
        if q.unit != unit or (nested and s.depth(q.offset) > base):
            continue
        share = None
        m = _share_at(text, q.end) if has_share else None
        if m is not None:
            number = m.group("num")
            if len(number) - ("." in number) <= MAX_DIGITS:  # a longer one is not read (values.MAX_DIGITS)
                share = ShareRecord(Decimal(number), number, m.group("ref").strip(), m.start("num"), s.anchor)
        out.append(_Part(q, share))
    return out


#: The other half of a pair said to be empty: ``没有超过20个工作日公开的信息``.
_NONE_BEYOND = re.compile(r"(?:没有|无|未有)(?:超过|超出)(\d+)")
#: How far after the part the words are looked for (they follow it in the sentence).
_NONE_BEYOND_REACH = 40


def _none_beyond(s: _Sentence, parts: Sequence[_Part]) -> bool:
    """Whether one part within a limit (``不超过20个工作日的…283条``) is all of the total because the
    sentence says right after it that none is beyond it (``,没有超过20个工作日公开的信息``)."""
    if len(parts) != 1:
        return False
    q = parts[0].quantity
    limits = q.clause_info.limits()
    if len(limits) != 1:
        return False
    ((number, negated),) = limits.items()
    if negated != frozenset({True}):
        return False
    m = _NONE_BEYOND.search(s.text, q.end, q.end + _NONE_BEYOND_REACH)
    return m is not None and m.group(1) == number


_BRACKET_OR_QIZHONG = re.compile(r"[()]|其中")
_PAIR = re.compile(r"(不)?超过(\d+)")


def _is_complete(parts: Sequence[_Part]) -> bool:
    """Whether the sentence marks the parts as all of the total."""
    several = len(parts) > 1
    if several and _REST.match(parts[-1].quantity.label):
        return True
    limits: dict[str, set[bool]] = {}
    seen: set[int] = set()
    for p in parts:
        clause = p.quantity.clause_info
        if id(clause) not in seen:  # parts of one clause give its limits once
            seen.add(id(clause))
            for number, negated in clause.limits().items():
                limits.setdefault(number, set()).update(negated)
    if limits and any(len(kinds) == 2 for kinds in limits.values()):
        return True
    shares = [p.share.value for p in parts if p.share is not None] if several else []
    if several and len(shares) == len(parts):
        return abs(sum(shares, Decimal(0)) - 100) <= len(parts) * Decimal("0.5")
    return False
