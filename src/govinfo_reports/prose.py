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
* a share of a total stated earlier: ``发布信息202条,占全年公开信息总数的71.4%``.

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
import re
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal

import attrs

from govinfo_reports.facts import Fact
from govinfo_reports.nodes import NO_SPAN, Attachment, Paragraph, Preamble, Report, Section, Span

__all__ = ["Part", "Quantity", "Share", "Statement", "Text", "head_noun", "quantities", "statements", "texts"]


@attrs.frozen(slots=False)  # instances built per number read: a dict class builds ~3x faster
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


@attrs.frozen(slots=False)  # instances built per number read: a dict class builds ~3x faster
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


@attrs.frozen(slots=False)  # instances built per number read: a dict class builds ~3x faster
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


@attrs.frozen(slots=False)  # instances built per number read: a dict class builds ~3x faster
class Part:
    """One part of a total, with its share when the sentence gives one."""

    #: The part's count.
    quantity: Quantity
    #: The share stated for it, if any.
    share: Share | None = None


@attrs.frozen(slots=False)  # instances built per number read: a dict class builds ~3x faster
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
        yield Text(block.text, block.span, part)
    elif isinstance(block, Section):
        yield _heading_text(block, part)
        for child in block.children:
            yield from _texts(child, part)
    elif isinstance(block, Attachment | Preamble):
        for child in block.children:
            yield from _texts(child, part)


def _heading_text(block: Section, part: int) -> Text:
    """The heading line after its number: titles carry prose too when line breaks were lost."""
    line = f"{block.title}。{block.body_text}" if block.body_text else block.title
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


_SECTION_OR_ATTACHMENT = (Section, Attachment)
_CONTAINERS = (Attachment, Preamble)


def _numeric_texts(report: Report) -> list[Text]:
    """:func:`texts`, leaving out those without a digit (they state no quantity); no recursion."""
    out: list[Text] = []
    digit = _DIGIT.search
    part = -1
    for child in report.children:
        if isinstance(child, _SECTION_OR_ATTACHMENT):
            part += 1
        stack: list[object] = [child]
        while stack:
            block = stack.pop()
            if isinstance(block, Paragraph):
                if digit(block.text):
                    out.append(Text(block.text, block.span, part))
            elif isinstance(block, Section):
                if digit(block.title) or digit(block.body_text):
                    out.append(_heading_text(block, part))
                if block.children:
                    stack.extend(reversed(block.children))
            elif isinstance(block, _CONTAINERS):
                stack.extend(reversed(block.children))
    return out


_DIGIT = re.compile(r"[0-9０-９]")
_WIDE = re.compile(r"[０-９．％，；：（）]")
_WIDE_TO_NARROW = tuple(zip("０１２３４５６７８９．％，；：（）", "0123456789.%,;:()", strict=True))


def _normalize(text: str) -> str:
    """Full-width digits and punctuation to their ASCII forms (as ``str.translate`` would, much faster)."""
    if _WIDE.search(text) is None:
        return text
    for wide, narrow in _WIDE_TO_NARROW:
        if wide in text:
            text = text.replace(wide, narrow)
    return text


# Starts with a character class so that re can skip ahead fast; a number is taken whole from
# its first digit (finditer scans left to right), so no look-behind is needed.  The number and
# the spaces are possessive: nothing after them can start with a digit or a space, so giving
# them back never makes a match, and not trying saves the time.
_QUANTITY = re.compile(
    r"(?P<num>[0-9]++(?:\.[0-9]++)?+)[ \t]*+(?P<post>[余多])?[ \t]*+"
    r"(?P<unit>人次|万元|亿元|[元条件次人篇项份宗期场家批个])"
    r"(?!工作日|月|百分点|小时|以上|以内|左右|工作|年)"
)
_SHARE = re.compile(r"\s*(?:占|比例为|比例达)(?P<ref>[^,;:0-9%]{0,24}?)(?P<num>\d+(?:\.\d+)?)\s*%")
_CLAUSE_BREAK = re.compile(r"[,;:、]")
_SENTENCE_END = re.compile(r"[。!?！？]")
_CUMULATIVE = re.compile(r"累计|截[止至].{0,12}?(?:末|底|止|为止)")
_TOTAL_WORD = re.compile(r"总数|总计|共计|合计|累计|总量|(?<!公)共(?![同享建产性])")
_SUM_OPENER = re.compile(r"共|合计|总计")
_QIZHONG = re.compile(r"其中")
_AFTER_TOTAL = re.compile(r"^\s*(?:共计|合计|总计|总共|一共|共)")
# ``(?:约|近|超过|逾|达到?)$`` at the end of the words before a number, as suffixes
_APPROX_LONG = ("超过", "达到")
_APPROX_SHORT = ("约", "近", "逾", "达")
_MARKERS = re.compile(r"其中|中\s*[,:]|共|合计|总|累计|占")
_APPROX_SHARE = re.compile(r"约|近|超过|逾|不到|不足|达到|以上|以下")
_BOUND_AFTER = re.compile(r"\s*(?:以上|以下|左右|多|强|弱)")
_LEAD = re.compile(r"^(?:其中|分别为|分别是)\s*")
_REST = re.compile(r"^(?:以及|及|和|与)?(?:其他|其它|其余|剩余|余下)")
_IN_WHOLE = re.compile(r"在(?P<inner>[^,;。]{0,40}?)中\s*[,:]")
_CHANGE = re.compile(r"较|同比|比上年|环比|增加|减少|增长|下降|上升|提高|新增了")
_THESE = re.compile(r"这些|上述|以上|前述")
_TOTAL_OF = re.compile(r"总数|总量|总计")
_TOTAL_OF_TAIL = re.compile(r"(总数|总量|总计).*$")
_LABEL_STRIP = ' \u3000\t()“”"'


def quantities(
    sentence: str, cumulative: bool = False, locate: Callable[[int, int], Span] | None = None
) -> list[Quantity]:
    """The numbers with counting units in a (normalised) sentence, in order.

    Durations (``20个工作日``), years and bare numbers are not quantities.  ``locate`` maps
    offsets in the sentence to a span in the source.

    >>> [(q.text, q.unit, q.approximate) for q in quantities("受理申请3200余条,超过20个工作日的数量为18条")]
    [('3200', '条', True), ('18', '条', False)]
    """
    return _build(sentence, list(_QUANTITY.finditer(sentence)), 0, cumulative, locate, None)


def _build(
    sentence: str,
    matches: Sequence[re.Match[str]],
    base: int,
    cumulative: bool,
    locate: Callable[[int, int], Span] | None,
    anchor: tuple[int, int, int] | None,
) -> list[Quantity]:
    """Quantities from matches of ``_QUANTITY`` made on a text in which the sentence starts at ``base``.

    Their spans come from ``locate`` when given, else from ``anchor``: the offset, line and
    column of the sentence's start in the source (no span when neither is given).
    """
    out = []
    breaks: list[int] | None = None
    scope = _CUMULATIVE.search(sentence)
    scope_end = scope.end() if scope is not None else -1
    length = len(sentence)
    for m in matches:
        start = m.start() - base
        end = m.end() - base
        if start and sentence[start - 1] in "第.0123456789":
            continue
        if breaks is None:
            breaks = [b.start() for b in _CLAUSE_BREAK.finditer(sentence)]
        i = bisect.bisect_left(breaks, start)
        clause_start = breaks[i - 1] + 1 if i else 0
        j = bisect.bisect_left(breaks, end, i)
        clause_end = breaks[j] if j < len(breaks) else length
        before = sentence[clause_start:start].rstrip()
        if before.endswith(_APPROX_LONG):
            approx = True
            label = before[:-2].strip(_LABEL_STRIP)
        elif before.endswith(_APPROX_SHORT):
            approx = True
            label = before[:-1].strip(_LABEL_STRIP)
        else:
            approx = False
            label = before.strip(_LABEL_STRIP)
        if label[:1] in ("其", "分"):
            label = _LEAD.sub("", label)
        number, post, unit = m.groups()
        if not approx:
            approx = post is not None or sentence.startswith("左右", end)
        stop = start + len(number)
        if locate is not None:
            span = locate(start, stop)
        elif anchor is not None:
            offset, line, column = anchor
            span = Span(offset + start, offset + stop, line, column + start, line, column + stop)
        else:
            span = NO_SPAN
        out.append(
            Quantity(
                Decimal(number),
                number,
                unit,
                approx,
                label,
                sentence[clause_start:clause_end],
                cumulative or (scope is not None and scope_end <= start),
                span,
                start,
                end,
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


class _Sentence:
    """A sentence of a text with its quantities (``text`` normalised)."""

    __slots__ = ("index", "quantities", "source", "start", "text")

    def __init__(self, text: str, start: int, source: Text, quantities: tuple[Quantity, ...], index: int) -> None:
        self.text = text
        self.start = start  # offset in the Text
        self.source = source
        self.quantities = quantities
        self.index = index  # the sentence's number in its text

    def span(self, begin: int, end: int) -> Span:
        return self.source.sub_span(self.start + begin, self.start + end)


def _sentences(text: Text) -> Iterator[_Sentence]:
    """The sentences of a text that have quantities and can state (or close, or be) a total, each with them."""
    normal = _normalize(text.text)
    if _MARKERS.search(normal) is None:
        return  # no sentence can: each needs a marker (其中 after it is one too)
    origin = text.span
    begin = 0
    for index, m in enumerate([*_SENTENCE_END.finditer(normal), None]):
        end = m.end() if m is not None else len(normal)
        if _MARKERS.search(normal, begin, end) or normal[end : end + 4].lstrip(" \u3000").startswith("其中"):
            # a sentence's quantities are those of the text inside it: none spans a sentence end
            matches = list(_QUANTITY.finditer(normal, begin, end))
            if matches:
                body = normal[begin:end]
                anchor = None if origin is NO_SPAN else (origin.start + begin, origin.line, origin.column + begin)
                found = tuple(_build(body, matches, begin, False, None, anchor))
                if found:
                    yield _Sentence(body, begin, text, found, index)
        begin = end


def statements(report: Report) -> list[Statement]:
    """Every statement of a total and its parts in the report's prose, in document order.

    >>> from govinfo_reports import parse
    >>> report = parse("一、总体情况\\n2017年,网站发布5条,其他平台发布123条,共计公开信息283条。\\n")
    >>> s = statements(report)[0]
    >>> s.form, s.total.value, [p.quantity.value for p in s.parts], s.complete
    ('共计', Decimal('283'), [Decimal('5'), Decimal('123')], True)
    """
    return _Reader().read(report)


def _is_free(claimed: list[tuple[int, int]], offset: int) -> bool:
    """Whether an offset is outside every claimed region."""
    return not claimed or all(not a <= offset < b for a, b in claimed)


class _Reader:
    """Walks the prose once, remembering the totals stated so far (for ``在…中`` without a number)."""

    def __init__(self) -> None:
        self.totals: list[tuple[int, Quantity]] = []
        self.found: list[Statement] = []

    def read(self, report: Report) -> list[Statement]:
        totals = self.totals
        for text in _numeric_texts(report):
            previous: _Sentence | None = None
            for sentence in _sentences(text):
                if previous is not None and previous.index != sentence.index - 1:
                    previous = None
                self._sentence(sentence, previous)
                for q in sentence.quantities:
                    if _TOTAL_WORD.search(q.clause):
                        totals.append((text.part, q))
                previous = sentence
        return self.found

    def _sentence(self, s: _Sentence, previous: _Sentence | None) -> None:
        text = s.text
        # regions of the sentence whose quantities are parts of a statement already
        claimed: list[tuple[int, int]] = []
        if "其中" in text:
            self._qizhong(s, previous, claimed)
        if "在" in text:
            self._in_whole(s, claimed)
        if len(s.quantities) >= 3:
            self._total_after(s, claimed)
        if "占" in text:
            self._share_of_earlier_total(s, claimed)

    def _qizhong(self, s: _Sentence, previous: _Sentence | None, claimed: list[tuple[int, int]]) -> None:
        """``共N条,其中A条、B条``: the parts after 其中 of the last total of their unit before it."""
        text = s.text
        for m in _QIZHONG.finditer(text):
            at, after = m.span()
            if not _is_free(claimed, at):
                continue
            inside_paren = text.rfind("(", 0, at) > text.rfind(")", 0, at)
            end = _region_end(text, after, inside_paren)
            claimed.append((at, end))
            unit = None
            for q in s.quantities:
                if after <= q.offset < end:
                    unit = q.unit
                    break
            before = [q for q in s.quantities if q.offset < at and q.unit == unit and not _CHANGE.search(q.label)]
            total: Quantity | None = before[-1] if before else None
            if total is None and previous is not None and not text[:at].strip(" \u3000,"):
                earlier = [q for q in previous.quantities if q.unit == unit and not _CHANGE.search(q.label)]
                total = earlier[-1] if earlier else None
            if total is None or unit is None:
                continue
            parts = _parts(s, after, end, unit)
            self._statement(total, parts, "其中", s, complete=False, alternatives=before)

    def _in_whole(self, s: _Sentence, claimed: list[tuple[int, int]]) -> None:
        """``在…的N条信息中,…为A条,…``: the parts after 在…中 of the total inside it."""
        text = s.text
        for m in _IN_WHOLE.finditer(text):
            at, after = m.span()
            if not _is_free(claimed, at):
                continue
            inner = m.group("inner")
            inner_start, inner_end = m.span("inner")
            end = _region_end(text, after, False)
            inner_qs = [q for q in s.quantities if inner_start <= q.offset < inner_end]
            parts_unit = None
            for q in s.quantities:
                if q.offset >= after:
                    parts_unit = q.unit
                    break
            if parts_unit is None:
                continue
            total = None
            form = "在…中"
            if inner_qs:
                total = inner_qs[-1]
            elif _THESE.search(inner):
                before = [q for q in s.quantities if q.offset < at and q.unit == parts_unit]
                total = before[-1] if before else None
            if total is not None:
                parts_unit = total.unit
            parts = _parts(s, after, end, parts_unit)
            if total is None and parts and _is_complete(parts):
                # only parts that say they are all of something are matched with a total stated before
                total = self._stated_earlier(s, inner, parts_unit, at)
                form = "stated earlier"
            claimed.append((at, end))
            if total is not None:
                self._statement(total, parts, form, s, complete=False)

    def _share_of_earlier_total(self, s: _Sentence, claimed: list[tuple[int, int]]) -> None:
        """``发布信息202条,占全年公开信息总数的71.4%``: a share of a total stated before."""
        for q in s.quantities:
            if not _is_free(claimed, q.offset):
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
            self._statement(total, parts, "stated earlier", s, complete=False)

    def _total_after(self, s: _Sentence, claimed: list[tuple[int, int]]) -> None:
        """``A条,B条,共计N条``: a total closing the parts before it (parts of other statements aside)."""
        if not _SUM_OPENER.search(s.text):
            return
        since = -1
        for i, q in enumerate(s.quantities):
            if not _AFTER_TOTAL.match(q.clause) or not _is_free(claimed, q.offset):
                continue
            floor = max([since, *(b for a, b in claimed if b <= q.offset)])
            before = [
                p for p in s.quantities[:i] if p.offset > floor and p.unit == q.unit and _is_free(claimed, p.offset)
            ]
            if len(before) < 2 or any(_TOTAL_WORD.search(p.clause) or _CHANGE.search(p.label) for p in before):
                continue
            parts = [Part(p, None) for p in before]
            self._statement(q, parts, "共计", s, complete=True)
            since = q.offset

    def _stated_earlier(
        self, s: _Sentence, words: str, unit: str, before: int, *, cumulative: bool | None = None
    ) -> Quantity | None:
        """The latest total of the same part of the report, period and unit whose words share the whole's noun."""
        if cumulative is None:
            cumulative = bool(_CUMULATIVE.search(s.text, 0, before + len(words) + 2))
        noun = head_noun(words)
        if not noun:
            return None
        for part, q in reversed(self.totals):
            if part != s.source.part:
                break
            if q.unit == unit and q.cumulative == cumulative and noun in q.clause and not q.approximate:
                return q
        return None

    def _statement(
        self,
        total: Quantity,
        parts: list[Part],
        form: str,
        s: _Sentence,
        *,
        complete: bool,
        alternatives: Sequence[Quantity] = (),
    ) -> None:
        if not parts:
            return
        complete = complete or _is_complete(parts)
        span = s.span(0, len(s.text.rstrip()))
        if form != "stated earlier":
            self.totals.append((s.source.part, total))
        others = tuple(q for q in alternatives if q is not total)
        self.found.append(Statement(total, tuple(parts), complete, form, s.text, span, others))


_NOT_CHINESE = re.compile(r"[^\u4e00-\u9fff]")


def head_noun(words: str) -> str:
    """The head of a noun phrase, taken as its last two Chinese characters.

    >>> head_noun("公开的文件信息"), head_noun("全年发文")
    ('信息', '发文')
    """
    stripped = _NOT_CHINESE.sub("", words)
    return stripped[-2:] if len(stripped) >= 2 else ""


def _region_end(text: str, start: int, inside_paren: bool) -> int:
    """Where the parts after a marker end: the closing bracket, a nested 其中, or the sentence's end."""
    if inside_paren:
        close = text.find(")", start)
        return close if close >= 0 else len(text)
    depth = 0
    for m in _BRACKET_OR_QIZHONG.finditer(text, start):
        token = m.group()
        if token == "(":
            depth += 1
        elif token == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            # a later 其中 opens its own breakdown; a ";" before it ends this one
            semicolon = text.rfind(";", start, m.start())
            return semicolon if semicolon >= 0 else m.start()
    return len(text)


def _parts(s: _Sentence, start: int, end: int, unit: str) -> list[Part]:
    """The quantities of ``unit`` between two offsets, outside nested brackets, each with its share."""
    out: list[Part] = []
    text = s.text
    has_share = "%" in text
    nested = "(" in text  # without an opening bracket, every offset is at depth 0
    base = _depth(text, start) if nested else 0
    for q in s.quantities:
        if not start <= q.offset < end or q.unit != unit or (nested and _depth(text, q.offset) > base):
            continue
        share = None
        m = _share_at(text, q.end) if has_share else None
        if m is not None:
            number = m.group("num")
            num_start = m.start("num")
            share = Share(Decimal(number), number, m.group("ref").strip(), s.span(num_start, num_start + len(number)))
        out.append(Part(q, share))
    return out


def _depth(text: str, at: int) -> int:
    """How many brackets are open at an offset."""
    return max(0, text.count("(", 0, at) - text.count(")", 0, at))


_BRACKET_OR_QIZHONG = re.compile(r"[()]|其中")
_PAIR = re.compile(r"(不)?超过(\d+)")


def _is_complete(parts: Sequence[Part]) -> bool:
    """Whether the sentence marks the parts as all of the total."""
    if len(parts) > 1 and _REST.search(parts[-1].quantity.label):
        return True
    limits: dict[str, set[bool]] = {}
    for p in parts:
        clause = p.quantity.clause
        if "超过" in clause:
            for m in _PAIR.finditer(clause):
                limits.setdefault(m.group(2), set()).add(bool(m.group(1)))
    if any(len(kinds) == 2 for kinds in limits.values()):
        return True
    shares = [p.share for p in parts]
    if len(parts) > 1 and all(sh is not None for sh in shares):
        total = sum((sh.value for sh in shares if sh is not None), Decimal(0))
        return abs(total - 100) <= len(parts) * Decimal("0.5")
    return False
