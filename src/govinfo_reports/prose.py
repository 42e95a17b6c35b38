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


def _numeric_texts(report: Report) -> Iterator[Text]:
    """:func:`texts`, leaving out those without a digit (they state no quantity); no recursion."""
    part = -1
    stack: list[object] = list(reversed(report.children))
    top = set(map(id, report.children))
    while stack:
        block = stack.pop()
        if id(block) in top and isinstance(block, Section | Attachment):
            part += 1
        if isinstance(block, Paragraph):
            if _DIGIT.search(block.text):
                yield Text(block.text, block.span, part)
        elif isinstance(block, Section):
            if _DIGIT.search(block.title) or _DIGIT.search(block.body_text):
                yield _heading_text(block, part)
            stack.extend(reversed(block.children))
        elif isinstance(block, Attachment | Preamble):
            stack.extend(reversed(block.children))


_DIGIT = re.compile(r"[0-9０-９]")
_WIDE = re.compile(r"[０-９．％，；：（）]")
_NORMALIZE = str.maketrans("０１２３４５６７８９．％，；：（）", "0123456789.%,;:()")

# Starts with a character class so that re can skip ahead fast; a number is taken whole from
# its first digit (finditer scans left to right), so no look-behind is needed.
_QUANTITY = re.compile(
    r"(?P<num>[0-9]+(?:\.[0-9]+)?)[ \t]*(?P<post>[余多])?[ \t]*"
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
_APPROX_BEFORE = re.compile(r"(?:约|近|超过|逾|达到?)$")
_MARKERS = re.compile(r"其中|中\s*[,:]|共|合计|总|累计|占")
_APPROX_SHARE = re.compile(r"约|近|超过|逾|不到|不足|达到|以上|以下")
_BOUND_AFTER = re.compile(r"\s*(?:以上|以下|左右|多|强|弱)")
_LEAD = re.compile(r"^(?:其中|分别为|分别是)\s*")
_REST = re.compile(r"^(?:以及|及|和|与)?(?:其他|其它|其余|剩余|余下)")
_IN_WHOLE = re.compile(r"在(?P<inner>[^,;。]{0,40}?)中\s*[,:]")
_CHANGE = re.compile(r"较|同比|比上年|环比|增加|减少|增长|下降|上升|提高|新增了")
_THESE = re.compile(r"这些|上述|以上|前述")


def quantities(
    sentence: str, cumulative: bool = False, locate: Callable[[int, int], Span] | None = None
) -> list[Quantity]:
    """The numbers with counting units in a (normalised) sentence, in order.

    Durations (``20个工作日``), years and bare numbers are not quantities.  ``locate`` maps
    offsets in the sentence to a span in the source.

    >>> [(q.text, q.unit, q.approximate) for q in quantities("受理申请3200余条,超过20个工作日的数量为18条")]
    [('3200', '条', True), ('18', '条', False)]
    """
    return _build(sentence, list(_QUANTITY.finditer(sentence)), 0, cumulative, locate)


def _build(
    sentence: str,
    matches: Sequence[re.Match[str]],
    base: int,
    cumulative: bool,
    locate: Callable[[int, int], Span] | None,
) -> list[Quantity]:
    """Quantities from matches of ``_QUANTITY`` made on a text in which the sentence starts at ``base``."""
    out = []
    breaks: list[int] | None = None
    scope = _CUMULATIVE.search(sentence)
    for m in matches:
        start = m.start("num") - base
        end = m.end() - base
        if start and sentence[start - 1] in "第.0123456789":
            continue
        if breaks is None:
            breaks = [b.start() for b in _CLAUSE_BREAK.finditer(sentence)]
        i = bisect.bisect_left(breaks, start)
        clause_start = breaks[i - 1] + 1 if i else 0
        j = bisect.bisect_left(breaks, end)
        clause_end = breaks[j] if j < len(breaks) else len(sentence)
        before = sentence[clause_start:start].rstrip()
        approx = _APPROX_BEFORE.search(before)
        label = (before[: approx.start()] if approx else before).strip(' \u3000\t()“”"')
        if label[:1] in ("其", "分"):
            label = _LEAD.sub("", label)
        approximate = bool(approx or m.group("post") or sentence.startswith("左右", end))
        number = m.group("num")
        out.append(
            Quantity(
                Decimal(number),
                number,
                m.group("unit"),
                approximate,
                label,
                sentence[clause_start:clause_end],
                cumulative or (scope is not None and scope.end() <= start),
                span=locate(start, start + len(number)) if locate is not None else NO_SPAN,
                offset=start,
                end=end,
            )
        )
    return out


def _share_after(sentence: str, end: int) -> tuple[re.Match[str], str] | None:
    """A share clause right after a quantity (``,占6%``), with its reference words.

    Bounds and approximations (``占90%以上``, ``约占``, ``占比超过``) are not shares to check.
    """
    rest = sentence[end:]
    gap = re.match(r"[,(]?", rest)
    offset = gap.end() if gap else 0
    m = _SHARE.match(rest, offset)
    if m is None or _APPROX_SHARE.search(m.group("ref")) or _BOUND_AFTER.match(rest, m.end()):
        return None
    if _APPROX_SHARE.search(rest[max(0, m.start() - 2) : m.start() + 1]):
        return None
    return m, m.group("ref")


@attrs.frozen
class _Sentence:
    text: str  # normalised
    start: int  # offset in the Text
    source: Text
    quantities: tuple[Quantity, ...]
    index: int  # the sentence's number in its text

    def span(self, begin: int, end: int) -> Span:
        return self.source.sub_span(self.start + begin, self.start + end)


def _sentences(text: Text) -> Iterator[_Sentence]:
    """The sentences of a text that have quantities, each with them."""
    normal = text.text.translate(_NORMALIZE) if _WIDE.search(text.text) else text.text
    matches = list(_QUANTITY.finditer(normal))
    if not matches:
        return
    begin = 0
    next_quantity = 0
    for index, m in enumerate([*_SENTENCE_END.finditer(normal), None]):
        end = m.end() if m is not None else len(normal)
        first = next_quantity
        while next_quantity < len(matches) and matches[next_quantity].start() < end:
            next_quantity += 1
        if next_quantity > first and (
            _MARKERS.search(normal, begin, end) or normal[end : end + 4].lstrip(" \u3000").startswith("其中")
        ):
            # only sentences that can state (or close, or be) a total are read further
            body = normal[begin:end]

            def locate(a: int, b: int, base: int = begin) -> Span:
                return text.sub_span(base + a, base + b)

            found = tuple(_build(body, matches[first:next_quantity], begin, False, locate))
            if found:
                yield _Sentence(body, begin, text, found, index)
        if next_quantity >= len(matches):
            break
        begin = end


def statements(report: Report) -> list[Statement]:
    """Every statement of a total and its parts in the report's prose, in document order.

    >>> from govinfo_reports import parse
    >>> report = parse("一、总体情况\\n2017年,网站发布5条,其他平台发布123条,共计公开信息283条。\\n")
    >>> s = statements(report)[0]
    >>> s.form, s.total.value, [p.quantity.value for p in s.parts], s.complete
    ('共计', Decimal('283'), [Decimal('5'), Decimal('123')], True)
    """
    return list(_Reader().read(report))


class _Reader:
    """Walks the prose once, remembering the totals stated so far (for ``在…中`` without a number)."""

    def __init__(self) -> None:
        self.totals: list[tuple[int, Quantity]] = []

    def read(self, report: Report) -> Iterator[Statement]:
        for text in _numeric_texts(report):
            previous: _Sentence | None = None
            for sentence in _sentences(text):
                if previous is not None and previous.index != sentence.index - 1:
                    previous = None
                yield from self._sentence(sentence, previous)
                for q in sentence.quantities:
                    if _TOTAL_WORD.search(q.clause):
                        self.totals.append((text.part, q))
                previous = sentence

    def _sentence(self, s: _Sentence, previous: _Sentence | None) -> Iterator[Statement]:
        text = s.text
        # regions of the sentence whose quantities are parts of a statement already
        claimed: list[tuple[int, int]] = []

        def free(offset: int) -> bool:
            return not any(a <= offset < b for a, b in claimed)

        for m in _QIZHONG.finditer(text):
            if not free(m.start()):
                continue
            inside_paren = text.rfind("(", 0, m.start()) > text.rfind(")", 0, m.start())
            end = _region_end(text, m.end(), inside_paren)
            claimed.append((m.start(), end))
            unit = next((q.unit for q in s.quantities if m.end() <= q.offset < end), None)
            before = [
                q for q in s.quantities if q.offset < m.start() and q.unit == unit and not _CHANGE.search(q.label)
            ]
            total: Quantity | None = before[-1] if before else None
            if total is None and previous is not None and not text[: m.start()].strip(" \u3000,"):
                earlier = [q for q in previous.quantities if q.unit == unit and not _CHANGE.search(q.label)]
                total = earlier[-1] if earlier else None
            if total is None or unit is None:
                continue
            parts = _parts(s, m.end(), end, unit)
            yield from self._statement(total, parts, "其中", s, complete=False, alternatives=before)
        for m in _IN_WHOLE.finditer(text):
            if not free(m.start()):
                continue
            inner = m.group("inner")
            end = _region_end(text, m.end(), False)
            inner_qs = [q for q in s.quantities if m.start("inner") <= q.offset < m.end("inner")]
            parts_unit = next((q.unit for q in s.quantities if q.offset >= m.end()), None)
            if parts_unit is None:
                continue
            total = None
            form = "在…中"
            if inner_qs:
                total = inner_qs[-1]
            elif _THESE.search(inner):
                before = [q for q in s.quantities if q.offset < m.start() and q.unit == parts_unit]
                total = before[-1] if before else None
            if total is not None:
                parts_unit = total.unit
            parts = _parts(s, m.end(), end, parts_unit)
            if total is None and parts and _is_complete(parts):
                # only parts that say they are all of something are matched with a total stated before
                total = self._stated_earlier(s, inner, parts_unit, m.start())
                form = "stated earlier"
            claimed.append((m.start(), end))
            if total is not None:
                yield from self._statement(total, parts, form, s, complete=False)
        yield from self._total_after(s, claimed)
        yield from self._share_of_earlier_total(s, free)

    def _share_of_earlier_total(self, s: _Sentence, free: Callable[[int], bool]) -> Iterator[Statement]:
        """``发布信息202条,占全年公开信息总数的71.4%``: a share of a total stated before."""
        if "占" not in s.text:
            return
        for q in s.quantities:
            if not free(q.offset):
                continue
            found = _share_after(s.text, q.end)
            if found is None:
                continue
            _, ref = found
            if not re.search(r"总数|总量|总计", ref):
                continue
            words = re.sub(r"(总数|总量|总计).*$", "", ref)
            total = self._stated_earlier(s, words, q.unit, q.offset, cumulative=bool(_CUMULATIVE.search(ref)) or None)
            if total is None:
                continue
            parts = _parts(s, q.offset, q.end, q.unit)
            yield from self._statement(total, parts, "stated earlier", s, complete=False)

    def _total_after(self, s: _Sentence, claimed: list[tuple[int, int]]) -> Iterator[Statement]:
        """``A条,B条,共计N条``: a total closing the parts before it (parts of other statements aside)."""
        if len(s.quantities) < 3 or not _SUM_OPENER.search(s.text):
            return
        since = -1
        for i, q in enumerate(s.quantities):
            if any(a <= q.offset < b for a, b in claimed) or not _AFTER_TOTAL.match(q.clause):
                continue
            floor = max([since, *(b for a, b in claimed if b <= q.offset)])
            before = [
                p
                for p in s.quantities[:i]
                if p.offset > floor and p.unit == q.unit and not any(a <= p.offset < b for a, b in claimed)
            ]
            if len(before) < 2 or any(_TOTAL_WORD.search(p.clause) or _CHANGE.search(p.label) for p in before):
                continue
            parts = [Part(p, None) for p in before]
            yield from self._statement(q, parts, "共计", s, complete=True)
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
    ) -> Iterator[Statement]:
        if not parts:
            return
        complete = complete or _is_complete(parts)
        span = s.span(0, len(s.text.rstrip()))
        if form != "stated earlier":
            self.totals.append((s.source.part, total))
        others = tuple(q for q in alternatives if q is not total)
        yield Statement(total, tuple(parts), complete, form, s.text, span=span, alternatives=others)


def head_noun(words: str) -> str:
    """The head of a noun phrase, taken as its last two Chinese characters.

    >>> head_noun("公开的文件信息"), head_noun("全年发文")
    ('信息', '发文')
    """
    stripped = re.sub(r"[^\u4e00-\u9fff]", "", words)
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
    has_share = "%" in s.text
    base = _depth(s.text, start)
    for q in s.quantities:
        if not start <= q.offset < end or q.unit != unit or _depth(s.text, q.offset) > base:
            continue
        share = None
        found = _share_after(s.text, q.end) if has_share else None
        if found is not None:
            m, _ = found
            num_start = q.end + m.start("num")
            share = Share(
                Decimal(m.group("num")),
                m.group("num"),
                m.group("ref").strip(),
                s.span(num_start, num_start + len(m.group("num"))),
            )
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
        for m in _PAIR.finditer(p.quantity.clause):
            limits.setdefault(m.group(2), set()).add(bool(m.group(1)))
    if any(len(kinds) == 2 for kinds in limits.values()):
        return True
    shares = [p.share for p in parts]
    if len(parts) > 1 and all(sh is not None for sh in shares):
        total = sum((sh.value for sh in shares if sh is not None), Decimal(0))
        return abs(total - 100) <= len(parts) * Decimal("0.5")
    return False
