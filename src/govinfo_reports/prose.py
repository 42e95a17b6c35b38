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
from typing import TypeAlias

import attrs

from govinfo_reports.facts import Fact
from govinfo_reports.nodes import NO_SPAN, Attachment, Paragraph, Preamble, Report, Section, Span, Table

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


# ---------------------------------------------------------------------------
# How the reading is done: the prose rules read every report, and most of what
# they read states nothing wrong, so the reading works on light records (plain
# classes with slots, positions as integers) and makes the public values
# (:class:`Quantity`, :class:`Statement`, their spans) only when asked: by
# :func:`statements`, or by a rule for the statement it reports.

#: Where a text (or a sentence) starts in the source: offset, line, column; ``None`` when unlocated.
_Anchor: TypeAlias = tuple[int, int, int] | None

_SECTION_OR_ATTACHMENT = (Section, Attachment)
_CONTAINERS = (Attachment, Preamble)


def _numeric_texts(report: Report, tables: list[Table] | None = None) -> list[tuple[str, _Anchor, int]]:
    """:func:`texts` as ``(text, anchor, part)``, leaving out those without a digit (they state no quantity).

    The tables met on the way are added to ``tables`` when given (as :attr:`Report.tables` lists them).
    """
    out: list[tuple[str, _Anchor, int]] = []
    digit = _DIGIT.search
    part = -1
    for child in report.children:
        if isinstance(child, _SECTION_OR_ATTACHMENT):
            part += 1
        stack: list[object] = [child]
        while stack:
            block = stack.pop()
            if isinstance(block, Paragraph):
                if _has_digit(block.text):
                    span = block.span
                    out.append((block.text, None if span is NO_SPAN else (span.start, span.line, span.column), part))
            elif isinstance(block, Section):
                title, body = block.title, block.body_text
                if digit(title) or (body and digit(body)):
                    # the heading line after its number, as _heading_text makes it
                    head = len(block.indent) + len(block.number.raw) + len(block.gap)
                    span = block.span
                    anchor = None if span is NO_SPAN else (span.start + head, span.line, span.column + head)
                    out.append((f"{title}。{body}" if body else title, anchor, part))
                if block.children:
                    stack.extend(reversed(block.children))
            elif isinstance(block, _CONTAINERS):
                stack.extend(reversed(block.children))
            elif tables is not None and isinstance(block, Table):
                tables.append(block)
    return out


def _span(anchor: _Anchor, begin: int, end: int) -> Span:
    """The one-line span of ``[begin, end)`` counted from an anchor."""
    if anchor is None:
        return NO_SPAN
    offset, line, column = anchor
    return Span(offset + begin, offset + end, line, column + begin, line, column + end)


_DIGIT = re.compile(r"[0-9０-９]")
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
# a clause ends at one of ``,;:、`` (in a normalised sentence)
_SENTENCE_END = re.compile(r"[。!?！？]")
_CUMULATIVE = re.compile(r"累计|截[止至].{0,12}?(?:末|底|止|为止)")
_TOTAL_WORD = re.compile(r"总数|总计|共计|合计|累计|总量|(?<!公)共(?![同享建产性])")
_SUM_OPENER = re.compile(r"共|合计|总计")
_QIZHONG = re.compile(r"其中")
_AFTER_TOTAL = re.compile(r"^\s*(?:共计|合计|总计|总共|一共|共)")
# ``(?:约|近|超过|逾|达到?)$`` at the end of the words before a number, as suffixes
_APPROX_LONG = ("超过", "达到")
_APPROX_SHORT = ("约", "近", "逾", "达")
# the last characters of those words, and the spaces that may follow them before the number
_APPROX_LAST = set("约近过逾达到") | {chr(c) for c in range(0x3001) if chr(c).isspace()}
# What a sentence holds when it can state, close or be a total: ``其中|中\s*[,:]|共|合计|总|累计|占``
# in a normalised text; searched for in the text as written (normalising keeps every offset).
_MARKERS = re.compile(r"其中|中\s*[,:，：]|共|合计|总|累计|占")
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
_NOT_AFTER = "第.0123456789"


class _Quantity:
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
        anchor: _Anchor,
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
        self._value: Decimal | None = None
        self._label: str | None = None
        self._approximate: bool | None = None
        self._public: Quantity | None = None

    @property
    def value(self) -> Decimal:
        """:attr:`Quantity.value`."""
        value = self._value
        if value is None:
            value = self._value = Decimal(self.text)
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
        return _CHANGE.search(self.sentence, self.clause_start, self.offset) is not None

    def _read_words(self) -> bool:
        """Work out the label, from the words before the number; whether they make it approximate."""
        before = self.sentence[self.clause_start : self.offset].rstrip()
        if before.endswith(_APPROX_LONG):
            approximate = True
            label = before[:-2].strip(_LABEL_STRIP)
        elif before.endswith(_APPROX_SHORT):
            approximate = True
            label = before[:-1].strip(_LABEL_STRIP)
        else:
            approximate = False
            label = before.strip(_LABEL_STRIP)
        if label[:1] in ("其", "分"):
            label = _LEAD.sub("", label)
        self._label = label
        return approximate

    def public(self) -> Quantity:
        """The :class:`Quantity` (one per record: statements sharing a number share it)."""
        if self._public is None:
            offset = self.offset
            span = _span(self.anchor, offset, offset + len(self.text))
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
        span = _span(self.anchor, offset, offset + len(self.text))
        return Fact(None, (self.label,), "prose", self.value, self.unit, self.text, "prose", span=span)

    @property
    def exponent(self) -> int:
        """The exponent of :attr:`value` (``-2`` for ``18651.06``), read from the digits."""
        point = self.text.find(".")
        return 0 if point < 0 else point + 1 - len(self.text)


class _Share:
    """A :class:`Share` being read."""

    __slots__ = ("anchor", "number", "of", "text", "value")

    def __init__(self, value: Decimal, text: str, of: str, number: int, anchor: _Anchor) -> None:
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
        return Share(self.value, self.text, self.of, _span(self.anchor, self.number, self.number + len(self.text)))

    def as_fact(self) -> Fact:
        """:meth:`Share.as_fact`."""
        span = _span(self.anchor, self.number, self.number + len(self.text))
        return Fact(None, ("占",), "prose", self.value, "%", self.text, "prose", span=span)


class _Part:
    """A :class:`Part` being read."""

    __slots__ = ("quantity", "share")

    def __init__(self, quantity: _Quantity, share: _Share | None) -> None:
        self.quantity = quantity
        self.share = share


class _Sentence:
    """A sentence of a text with its quantities (``text`` normalised)."""

    __slots__ = ("anchor", "index", "part", "quantities", "text")

    def __init__(self, text: str, anchor: _Anchor, part: int, quantities: list[_Quantity], index: int) -> None:
        self.text = text
        self.anchor = anchor  # where the sentence starts
        self.part = part  # of its text
        self.quantities = quantities
        self.index = index  # the sentence's number in its text


class _Statement:
    """A :class:`Statement` being read."""

    __slots__ = ("_approximate", "alternatives", "complete", "form", "parts", "sentence", "total")

    def __init__(
        self,
        total: _Quantity,
        parts: list[_Part],
        complete: bool,
        form: str,
        sentence: _Sentence,
        alternatives: list[_Quantity],
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
        return _span(self.sentence.anchor, 0, len(self.sentence.text.rstrip()))

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


def _build(sentence: str, matches: Sequence[re.Match[str]], base: int, anchor: _Anchor) -> list[_Quantity]:
    """Quantities from matches of ``_QUANTITY`` made on a text in which the sentence starts at ``base``."""
    out = []
    # the clause breaks (``,;:、``) all made commas, to find them with str.find
    breaks = sentence.replace(";", ",").replace(":", ",").replace("、", ",")
    scope = _CUMULATIVE.search(sentence) if "累计" in sentence or "截" in sentence else None
    scope_end = scope.end() if scope is not None else -1
    for m in matches:
        start, end = m.span()
        start -= base
        end -= base
        if start and sentence[start - 1] in _NOT_AFTER:
            continue
        clause_start = breaks.rfind(",", 0, start) + 1
        clause_end = breaks.find(",", end)
        number, post, unit = m.groups()
        out.append(
            _Quantity(
                number,
                unit,
                post,
                sentence,
                clause_start,
                sentence[clause_start:clause_end] if clause_end >= 0 else sentence[clause_start:],
                scope is not None and scope_end <= start,
                start,
                end,
                anchor,
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


def _sentences(text: str, anchor: _Anchor, part: int) -> list[_Sentence]:
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
        if index and normal.startswith("其中", at):
            # 其中 right after the end of the previous sentence (spaces aside) closes that one too
            gap = normal[ends[index - 1] : at]
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
            where = None if anchor is None else (anchor[0] + begin, anchor[1], anchor[2] + begin)
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


def _read(report: Report) -> list[_Statement]:
    """The statements of the report's prose, as records (:func:`statements` makes them public)."""
    return _Reader().read(_numeric_texts(report))


def _is_free(claimed: list[tuple[int, int]], offset: int) -> bool:
    """Whether an offset is outside every claimed region."""
    return not claimed or all(not a <= offset < b for a, b in claimed)


class _Reader:
    """Walks the prose once, remembering the totals stated so far (for ``在…中`` without a number)."""

    def __init__(self) -> None:
        self.totals: list[tuple[int, _Quantity]] = []
        self.found: list[_Statement] = []

    def read(self, texts: list[tuple[str, _Anchor, int]]) -> list[_Statement]:
        totals = self.totals
        total_word = _TOTAL_WORD.search
        for text, anchor, part in texts:
            previous: _Sentence | None = None
            for sentence in _sentences(text, anchor, part):
                if previous is not None and previous.index != sentence.index - 1:
                    previous = None
                self._sentence(sentence, previous)
                if total_word(sentence.text):  # a clause with one is in a sentence with one
                    for q in sentence.quantities:
                        if total_word(q.clause):
                            totals.append((part, q))
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
            before = [q for q in s.quantities if q.offset < at and q.unit == unit and not q.states_a_change()]
            total: _Quantity | None = before[-1] if before else None
            if total is None and previous is not None and not text[:at].strip(" \u3000,"):
                earlier = [q for q in previous.quantities if q.unit == unit and not q.states_a_change()]
                total = earlier[-1] if earlier else None
            if total is None or unit is None:
                continue
            parts = _parts(s, after, end, unit)
            self._statement(total, parts, "其中", s, None, before)

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
            complete: bool | None = None
            if total is None and parts:
                complete = _is_complete(parts)
                if complete:
                    # only parts that say they are all of something are matched with a total stated before
                    total = self._stated_earlier(s, inner, parts_unit, at)
                    form = "stated earlier"
            claimed.append((at, end))
            if total is not None:
                self._statement(total, parts, form, s, complete)

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
            self._statement(total, parts, "stated earlier", s, None)

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
            if len(before) < 2 or any(_TOTAL_WORD.search(p.clause) or p.states_a_change() for p in before):
                continue
            self._statement(q, [_Part(p, None) for p in before], "共计", s, True)
            since = q.offset

    def _stated_earlier(
        self, s: _Sentence, words: str, unit: str, before: int, *, cumulative: bool | None = None
    ) -> _Quantity | None:
        """The latest total of the same part of the report, period and unit whose words share the whole's noun."""
        if cumulative is None:
            cumulative = bool(_CUMULATIVE.search(s.text, 0, before + len(words) + 2))
        noun = head_noun(words)
        if not noun:
            return None
        for part, q in reversed(self.totals):
            if part != s.part:
                break
            if q.unit == unit and q.cumulative == cumulative and noun in q.clause and not q.approximate:
                return q
        return None

    def _statement(
        self,
        total: _Quantity,
        parts: list[_Part],
        form: str,
        s: _Sentence,
        complete: bool | None,
        alternatives: list[_Quantity] | None = None,
    ) -> None:
        """Record a statement; ``complete`` is ``True`` when the form says so, ``None`` when the parts
        tell (:func:`_is_complete`), or what :func:`_is_complete` gave them already."""
        if not parts:
            return
        if complete is None:
            complete = _is_complete(parts)
        if form != "stated earlier":
            self.totals.append((s.part, total))
        others = [q for q in alternatives if q is not total] if alternatives else []
        self.found.append(_Statement(total, parts, complete, form, s, others))


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
    if text.find("其中", start) < 0:
        return len(text)  # only a later 其中 ends the region early
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


def _parts(s: _Sentence, start: int, end: int, unit: str) -> list[_Part]:
    """The quantities of ``unit`` between two offsets, outside nested brackets, each with its share."""
    out: list[_Part] = []
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
            share = _Share(Decimal(number), number, m.group("ref").strip(), m.start("num"), s.anchor)
        out.append(_Part(q, share))
    return out


def _depth(text: str, at: int) -> int:
    """How many brackets are open at an offset."""
    return max(0, text.count("(", 0, at) - text.count(")", 0, at))


_BRACKET_OR_QIZHONG = re.compile(r"[()]|其中")
_PAIR = re.compile(r"(不)?超过(\d+)")


def _is_complete(parts: Sequence[_Part]) -> bool:
    """Whether the sentence marks the parts as all of the total."""
    several = len(parts) > 1
    if several and _REST.match(parts[-1].quantity.label):
        return True
    limits: dict[str, set[bool]] = {}
    for p in parts:
        clause = p.quantity.clause
        if "超过" in clause:
            for m in _PAIR.finditer(clause):
                limits.setdefault(m.group(2), set()).add(bool(m.group(1)))
    if limits and any(len(kinds) == 2 for kinds in limits.values()):
        return True
    shares = [p.share.value for p in parts if p.share is not None] if several else []
    if several and len(shares) == len(parts):
        return abs(sum(shares, Decimal(0)) - 100) <= len(parts) * Decimal("0.5")
    return False
