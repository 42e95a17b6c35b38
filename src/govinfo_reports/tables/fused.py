"""Digits run together, split by the template's arithmetic, never by guesswork.

Crawlers that join table cells with nothing between them turn the row
``一、本年新收政府信息公开申请数量 | 217 | 1 | 0 | 0 | 0 | 0 | 218`` into
``一、本年新收政府信息公开申请数量21710000218``.  The row's number of cells is known
(the template's columns), so the digits can be cut in C(n-1, k-1) ways; most of
them break the table's arithmetic.  :func:`split_table` keeps the cuts of every
fused row that, *together*, satisfy every relation the table states, and accepts
them only when exactly one assignment of the whole table remains.  Otherwise it
returns a :class:`Refusal` that lists the candidates (for a ``fused-digits``
diagnostic): a wrong number is worse than a missing one.

The module is pure: rows go in as indicator ids with :class:`~decimal.Decimal`
values or digit strings, relations as :class:`Relation` values; nothing here
reads text or knows the parser's nodes.  The relations of the national tables
are derived from :mod:`govinfo_reports.tables.templates` (:func:`table3_relations`,
:func:`table4_relations`); legacy tables have no fixed vocabulary, so their
relations are built from the structure the caller read (:func:`cumulative_relations`,
:func:`breakdown_relations`).  The arithmetic is the one ``spec/templates.md``
states and :mod:`govinfo_reports.rules` checks; each relation names the rule id.

How a cell is written
    A cell value is written without leading zeros, except the single digit ``0``
    (and ``0.5``): ``05`` is never a cell.  This is how every statistics table
    writes numbers, and without the rule every ``0`` could join either
    neighbour, so that nearly every row of zeros and small counts would be
    ambiguous.  A cut that needs ``05`` is therefore not a candidate; the one
    risk is a table that really prints ``05``, where the true cut is excluded
    and the table is refused (inconsistent) or, if a wrong cut alone satisfied
    every relation, misread; none of the 1,014 table cells of the seeds and the
    corpus is written so.  A decimal point
    may appear in the digits (``18651.06``): a piece holds at most one, with
    digits on both sides.  Signs are not supported (table 二's ``change`` column
    has no relations to decide a cut by).

Bound on the work
    Everything the solver does is counted in *work units* (about 0.35 µs of CPU
    each), and it refuses with reason ``too-many-candidates`` rather than pass
    ``max_work`` (default :data:`DEFAULT_MAX_WORK`): the time is linear in
    ``max_work`` whatever the input, no search is exponential.  For a row of n
    characters and k cells, with p ≤ n(n+1)/2 well-written pieces:

    * counting its C(n-1, k-1) or fewer cuts (a dynamic programme over pieces
      and cells) costs p·k; its cost is known from the digits alone, so when
      counting every fused row would pass the cap the table is refused at once;
      rows are then taken cheapest first, so a row that exhausts the cap
      leaves the others decided;
    * a row with few cuts (at most :data:`DIRECT_CUTS`, or fewer than the search
      would cost) is enumerated outright, cuts·k, and each cut checked against
      the row's own relations (each row's 总计 = the sum of the applicant
      columns and 小计 = the organisations; table 四's 总计 = the four outcomes;
      累计 ≥ 本年);
    * a row with more cuts is searched right to left (totals stand after their
      parts) under a second dynamic programme, p·k per row relation, which
      gives for every prefix the least and greatest value each relation's sum
      can take and the residues mod 1024 it can reach: the search enters no
      prefix that cannot complete a relation, so it costs about one unit per
      cell of each solution; a row left with more than ``max_row_candidates``
      candidates is refused;
    * the rows' candidates are combined by backtracking, rows with fewest
      candidates first, pruning on interval bounds of every cross-row relation
      (table 三's balance 一+二 = (七)+四 and (七) = the sum of the results, per
      column; legacy breakdowns), one unit per node and relation touched; the
      search stops after ``max_solutions`` assignments.

    Each stage's cost is charged before it runs.

    The column pass
        Before the stages above, a first pass (its own budget of ``max_work``, so
        the time stays within twice the cap) tries the cheap way that most tables
        allow: it searches the rows' candidates cheapest first, but a costly row
        (over ``_DEFER_ABOVE`` units to count) whose every cell an equation across
        rows decides waits for the rows that equation sums and is then computed,
        not searched: ``(七)总计`` is the sum of the result rows column by column,
        ``一、本年新收`` is ``(七)`` + ``四`` − ``二``; over the combinations of the
        summed rows' candidates (at most ``_COMBINATIONS``) the sums form a set,
        checked against the row's digits and its own relations.  Its rows leave
        out pieces that no row total can have (``_longest_piece``).  The pass
        answers only with a split; when anything is undecided or inconsistent it
        gives up and the stages above run as if it had not, so a refusal and its
        message are the same.  A split is the same too (a computed value holds in
        every assignment), except that a row the columns decide is not searched,
        so it cannot make the table refused for too many candidates of its own.

    Measured (CPU, ``benchmarks/bench_split.py``): realistic tables 三 with every
    row joined, median 3.4 ms and max 4.8 ms a table (7.2 ms and 10.0 ms before
    the column pass, same machine); Pingtan 2024's table 三 (25 fused rows)
    about 1.3 ms, its table 四 about 0.5 ms; a 40-digit row has C(39, 6) =
    3,262,623 cuts into table 三's seven cells, and is split (or found to have
    no consistent cut) in about 20,000 units; 40 digits in every row of table 三
    is refused at once.

>>> rows = [table4_row("21317000001324019")]
>>> split = split_table(rows, table4_relations())
>>> str(split.cuts[0])
'2|1|3|1|7|0|0|0|0|0|13|2|4|0|19'
>>> split.value("litigation.after_review.total", "count")
Decimal('19')
>>> refusal = split_table([Row.fused("row", ("a", "b"), "110")], ())
>>> refusal.reason, [str(cut) for cut in refusal.candidates[0].cuts]
('ambiguous', ['1|10', '11|0'])
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Final, Literal

import attrs

from govinfo_reports.errors import GovinfoError
from govinfo_reports.tables.templates import (
    NATIONAL_2021,
    TABLE3_APPLICANT_COLUMNS,
    TABLE3_COLUMNS,
    TABLE3_ORGANIZATION_COLUMNS,
    TABLE3_RESULT_PARTS_2019,
    TABLE3_RESULT_PARTS_2021,
    TABLE3_ROWS_2019,
    TABLE3_ROWS_2021,
    TABLE4_COLUMN,
    TABLE4_GROUPS,
    TABLE4_INDICATORS,
)

__all__ = [
    "DEFAULT_MAX_WORK",
    "DIRECT_CUTS",
    "CellId",
    "Cut",
    "Refusal",
    "RefusalReason",
    "Relation",
    "Row",
    "RowCandidates",
    "Split",
    "breakdown_relations",
    "count_cuts",
    "cumulative_relations",
    "split_table",
    "table3_relations",
    "table4_relations",
    "table4_row",
]

#: A cell of a table: ``(indicator, column)``, e.g. ``("requests.received", "total")``;
#: for a legacy table the indicator is the row's label.
CellId = tuple[str, str]

#: The work cap of :func:`split_table` (see the module docstring): a unit is about 0.35 µs
#: of CPU, so the cap is under 40 ms (each of the two passes); a realistic table 三 with every
#: row joined costs 17,500 units in the column pass (median; 26,000 at most), 3.4 ms.
DEFAULT_MAX_WORK: Final = 100_000
#: A row with at most this many cuts is enumerated outright rather than searched.
DIRECT_CUTS: Final = 64
_MODULUS: Final = 1024  # residues of row sums tracked by the row search (a bit set of this size)
_ALL_RESIDUES: Final = (1 << _MODULUS) - 1

#: Why a table was not split: several assignments satisfy the relations, none does,
#: or the candidates could not be counted within the work cap.
RefusalReason = Literal["ambiguous", "inconsistent", "too-many-candidates"]


# --- input ---------------------------------------------------------------------------------


@attrs.frozen
class Row:
    """A row of a table: its cells, with known values or one run of fused digits.

    Raises :class:`~govinfo_reports.errors.GovinfoError` for a row that is neither or
    both, or digits that are not ASCII digits and decimal points.

    >>> Row.fused("requests.received", ("natural_person", "total"), "2121").cells[1]
    ('requests.received', 'total')
    >>> Row.known("requests.carried_over", {"total": Decimal(0)}).values
    (Decimal('0'),)
    """

    #: The row's cells, left to right.
    cells: tuple[CellId, ...]
    #: The known values (``None``: a blank cell), or ``None`` when the row is fused.
    values: tuple[Decimal | None, ...] | None = None
    #: The digits of all the row's cells run together (ASCII digits, maybe a decimal point).
    digits: str | None = None

    def __attrs_post_init__(self) -> None:
        if not self.cells:
            raise GovinfoError("a row has at least one cell")
        if (self.values is None) == (self.digits is None):
            raise GovinfoError("a row has either known values or fused digits, not both")
        if self.values is not None and len(self.values) != len(self.cells):
            raise GovinfoError(f"{len(self.values)} values for {len(self.cells)} cells")
        if self.digits is not None and (not self.digits or self.digits.strip("0123456789.")):
            raise GovinfoError(f"fused digits must be ASCII digits and decimal points: {self.digits!r}")

    @classmethod
    def fused(cls, indicator: str, columns: Sequence[str], digits: str) -> Row:
        """A row whose cells (one per column) arrived as one run of digits."""
        return cls(tuple((indicator, c) for c in columns), digits=digits)

    @classmethod
    def known(cls, indicator: str, values: Mapping[str, Decimal | None]) -> Row:
        """A row read normally: column id → value (``None`` for a blank cell)."""
        return cls(tuple((indicator, c) for c in values), values=tuple(values.values()))


def table4_row(digits: str) -> Row:
    """Table 四's single row of fifteen cells (``review.upheld`` … ``litigation.after_review.total``), fused.

    >>> len(table4_row("000000000000000").cells)
    15
    """
    return Row(tuple((i, TABLE4_COLUMN) for i in TABLE4_INDICATORS), digits=digits)


@attrs.frozen
class Relation:
    """``sum(left) == sum(right) + constant`` (or ``>=`` when :attr:`at_least`).

    >>> r = Relation("table4.total", "行政复议", (("review.total", "count"),), (("review.upheld", "count"),))
    >>> r.holds({("review.total", "count"): Decimal(3), ("review.upheld", "count"): Decimal(3)})
    True
    """

    #: The id of the rule of :mod:`govinfo_reports.rules` that states the relation.
    rule: str
    #: Where it applies, for messages (``table 三, column natural_person``).
    where: str
    #: The cells summed on the left.
    left: tuple[CellId, ...]
    #: The cells summed on the right.
    right: tuple[CellId, ...]
    #: ``True``: the left sum is at least the right one; ``False``: they are equal.
    at_least: bool = False
    #: Added to the right side (a value known from elsewhere, e.g. the previous year's 累计).
    constant: Decimal = Decimal(0)

    def holds(self, values: Mapping[CellId, Decimal | None]) -> bool | None:
        """Whether the relation holds for these values; ``None`` when an operand is blank or missing."""
        left = [values.get(c) for c in self.left]
        right = [values.get(c) for c in self.right]
        if None in left or None in right:
            return None
        difference = sum(v for v in left if v is not None) - sum(v for v in right if v is not None) - self.constant
        return difference >= 0 if self.at_least else difference == 0


# templates.md, "Arithmetic relations" 1, printed on the template (第一项加第二项之和,等于第三项加
# 第四项之和): 一、本年新收 + 二、上年结转 = 三、(七)总计 + 四、结转下年度继续办理, in every column.
# templates.py has no name for it (rules.py's table3.balance spells the same four ids).
_TABLE3_BALANCE: Final = (
    ("requests.received", "requests.carried_over"),
    ("requests.result.total", "requests.carried_forward"),
)


def _result_parts(template: str) -> tuple[str, ...]:
    return TABLE3_RESULT_PARTS_2021 if template == NATIONAL_2021 else TABLE3_RESULT_PARTS_2019


def table3_relations(template: str = NATIONAL_2021) -> tuple[Relation, ...]:
    """The arithmetic of table 三 (templates.md, "Arithmetic relations" 1-3, and the 小计 column).

    Stated over every row of the template and every column (小计 included); the
    solver drops a relation whose cells the table does not have, so relations of the
    wrong template version only lose the rows they do not share (never add a false one).

    >>> rels = table3_relations()
    >>> sorted({r.rule for r in rels})
    ['table3.balance', 'table3.result-total', 'table3.row-total', 'table3.subtotal']
    >>> len([r for r in rels if r.rule == "table3.row-total"])
    25
    """
    rows = TABLE3_ROWS_2021 if template == NATIONAL_2021 else TABLE3_ROWS_2019
    parts = _result_parts(template)
    out: list[Relation] = []
    for row in rows:
        out.append(
            Relation(
                "table3.row-total",
                f"table 三, row {row}",
                ((row, "total"),),
                tuple((row, c) for c in TABLE3_APPLICANT_COLUMNS),
            )
        )
        out.append(
            Relation(
                "table3.subtotal",
                f"table 三, row {row}",
                ((row, "organization_subtotal"),),
                tuple((row, c) for c in TABLE3_ORGANIZATION_COLUMNS),
            )
        )
    stated, parts_of_it = _TABLE3_BALANCE
    for column in TABLE3_COLUMNS:
        out.append(
            Relation(
                "table3.balance",
                f"table 三, column {column}",
                tuple((i, column) for i in stated),
                tuple((i, column) for i in parts_of_it),
            )
        )
        out.append(
            Relation(
                "table3.result-total",
                f"table 三, column {column}",
                (("requests.result.total", column),),
                tuple((p, column) for p in parts),
            )
        )
    return tuple(out)


def table4_relations() -> tuple[Relation, ...]:
    """Table 四: each group's 总计 is the sum of its four outcomes (templates.md relation 4).

    >>> [r.where for r in table4_relations()]
    ['table 四, 行政复议', 'table 四, 行政诉讼/未经复议直接起诉', 'table 四, 行政诉讼/复议后起诉']
    """
    out = []
    for group, label in TABLE4_GROUPS.items():
        total = f"{group}.total"
        outcomes = tuple(i for i in TABLE4_INDICATORS if i.rpartition(".")[0] == group and i != total)
        out.append(
            Relation(
                "table4.total",
                f"table 四, {label}",
                ((total, TABLE4_COLUMN),),
                tuple((i, TABLE4_COLUMN) for i in outcomes),
            )
        )
    return tuple(out)


def cumulative_relations(rows: Iterable[str], *, year: str, cumulative: str) -> tuple[Relation, ...]:
    """Legacy tables: in each row the cumulative column (历年累计) is at least the year's (本年度).

    >>> cumulative_relations(["主动公开文件数"], year="2015年度", cumulative="历年累计")[0].at_least
    True
    """
    return tuple(
        Relation(
            "legacy.cumulative-below-year",
            f"row {row}",
            ((row, cumulative),),
            ((row, year),),
            at_least=True,
        )
        for row in rows
    )


def breakdown_relations(
    parent: str, children: Sequence[str], columns: Iterable[str], *, complete: bool = True
) -> tuple[Relation, ...]:
    """Legacy tables: rows that break a parent row down, per column.

    ``complete``: numbered children (1、2、3、) that together are the parent sum to it
    (``legacy.breakdown-sum``); otherwise (a 其中 part) each child is at most the parent
    (``legacy.part-exceeds-whole``).  rules.py reports a broken numbered sum only as a
    warning, because a breakdown may be incomplete: pass ``complete=True`` only for
    breakdowns known to be whole, or a table that misses a part may be refused
    (never misread: a relation that the true values break leaves no assignment or
    a different one, and the caller should prefer fewer relations to doubtful ones).

    >>> [r.rule for r in breakdown_relations("收到申请数", ["当面", "网络"], ["本年"])]
    ['legacy.breakdown-sum']
    """
    out: list[Relation] = []
    for column in columns:
        if complete:
            out.append(
                Relation(
                    "legacy.breakdown-sum",
                    f"column {column}",
                    ((parent, column),),
                    tuple((c, column) for c in children),
                )
            )
        else:
            out.extend(
                Relation(
                    "legacy.part-exceeds-whole",
                    f"column {column}",
                    ((parent, column),),
                    ((child, column),),
                    at_least=True,
                )
                for child in children
            )
    return tuple(out)


# --- output --------------------------------------------------------------------------------


@attrs.frozen
class Cut:
    """One way of cutting a fused row: a piece of the digits per cell.

    >>> cut = Cut((("r", "a"), ("r", "b")), ("11", "0"))
    >>> str(cut), cut.values
    ('11|0', (Decimal('11'), Decimal('0')))
    """

    #: The row's cells, left to right.
    cells: tuple[CellId, ...]
    #: The digits of each cell.
    pieces: tuple[str, ...]

    @property
    def values(self) -> tuple[Decimal, ...]:
        """The cell values."""
        return tuple(Decimal(p) for p in self.pieces)

    def __str__(self) -> str:
        return "|".join(self.pieces)


@attrs.frozen
class RowCandidates:
    """A fused row that could not be decided, with the cuts still possible for it."""

    #: The row's position among the rows given to :func:`split_table`.
    row: int
    #: The row's fused digits.
    digits: str
    #: Its candidate cuts (at most ``max_listed`` of them; empty when none fits).
    cuts: tuple[Cut, ...]
    #: How many candidates there are (a lower bound when the search stopped early;
    #: ``None`` when they were not counted).
    count: int | None


@attrs.frozen
class Split:
    """The one assignment of the fused rows that satisfies every relation."""

    #: A cut per fused row, in the order of the rows given.
    cuts: tuple[Cut, ...]
    #: The relations the split was checked against (those the table's cells allow).
    relations: tuple[Relation, ...]
    #: The work units spent.
    work: int

    def values(self) -> dict[CellId, Decimal]:
        """Every inferred cell with its value."""
        return {cell: value for cut in self.cuts for cell, value in zip(cut.cells, cut.values, strict=True)}

    def value(self, indicator: str, column: str) -> Decimal | None:
        """The inferred value of one cell, ``None`` if the cell was not fused."""
        return self.values().get((indicator, column))


@attrs.frozen
class Refusal:
    """Why the fused rows were not split, with what is known about them."""

    #: ``ambiguous``, ``inconsistent`` or ``too-many-candidates``.
    reason: RefusalReason
    #: A sentence for a ``fused-digits`` diagnostic.
    message: str
    #: The fused rows left undecided, with their candidate cuts.
    candidates: tuple[RowCandidates, ...]
    #: Fused rows decided anyway: cut the same way in every assignment found (when the
    #: search saw them all), or cut one way only because the row has as many digits as
    #: cells (or zeros allow no other cut), whatever the relations.
    settled: tuple[Cut, ...]
    #: The whole-table assignments found (a cut per fused row), at most ``max_solutions``.
    solutions: tuple[tuple[Cut, ...], ...]
    #: The work units spent.
    work: int


# --- the solver ----------------------------------------------------------------------------


class _OutOfWork(Exception):
    pass


class _Budget:
    __slots__ = ("left", "limit")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.left = limit

    def spend(self, units: int) -> None:
        if units > self.left:
            raise _OutOfWork
        self.left -= units

    @property
    def spent(self) -> int:
        return self.limit - self.left


def _pieces(digits: str, longest: int | None = None) -> list[list[int]]:
    """``starts[e]``: every a such that ``digits[a:e]`` is a well-written cell (no leading zero), at most ``longest`` long."""
    n = len(digits)
    starts: list[list[int]] = [[] for _ in range(n + 1)]
    for a in range(n):
        first = digits[a]
        if first == ".":
            continue
        dot = False
        for b in range(a + 1, n + 1 if longest is None else min(n, a + longest) + 1):
            ch = digits[b - 1]
            if ch == ".":
                if dot or b == a + 1:
                    break
                dot = True
                continue  # a piece does not end with its decimal point
            if first == "0" and b > a + 1 and not dot:
                break  # 0 followed by a digit: a leading zero
            starts[b].append(a)
    return starts


def _counts(starts: list[list[int]], n: int, k: int) -> list[list[int]]:
    """``counts[j][e]``: the number of ways to cut ``digits[:e]`` into j well-written cells."""
    counts = [[0] * (n + 1) for _ in range(k + 1)]
    counts[0][0] = 1
    for j in range(1, k + 1):
        previous, current = counts[j - 1], counts[j]
        for e in range(j, n - (k - j) + 1):  # each cell takes one character at least
            total = 0
            for a in starts[e]:
                total += previous[a]
            current[e] = total
    return counts


def _estimate(digits: str, cells: int) -> int:
    """An upper bound of the work of finding a row's pieces and counting its cuts (exact without a decimal point)."""
    n = len(digits)
    pieces = sum(1 if digit == "0" else n - a for a, digit in enumerate(digits))
    return pieces * (cells + 1) + n


def count_cuts(digits: str, cells: int) -> int:
    """How many ways ``digits`` cut into ``cells`` well-written cells (no leading zeros).

    At most C(n-1, cells-1) for n digits; zeros cut fewer ways.

    >>> count_cuts("21710000218", 7), count_cuts("0000000", 7), count_cuts("1" * 40, 7)
    (31, 1, 3262623)
    """
    return _counts(_pieces(digits), len(digits), cells)[cells][len(digits)]


class _Linear:
    """A relation as ``constant + Σ coef·cell  (== 0 | >= 0)`` over the fused cells."""

    __slots__ = ("at_least", "constant", "relation", "terms")

    def __init__(self, relation: Relation, constant: int, terms: dict[tuple[int, int], int]) -> None:
        self.relation = relation
        self.constant = constant
        self.terms = terms  # (row index, cell position) -> coefficient
        self.at_least = relation.at_least

    def feasible(self, low: int, high: int) -> bool:
        """Whether the form can still be satisfied when its unknown part lies in [low, high]."""
        if self.at_least:
            return self.constant + high >= 0
        return self.constant + low <= 0 <= self.constant + high


def _scale_of(rows: Sequence[Row], relations: Sequence[Relation]) -> int:
    """The number of decimals that makes every value of the table an integer."""
    scale = 0
    for row in rows:
        if row.digits is not None and "." in row.digits:
            scale = max(scale, len(row.digits) - row.digits.index(".") - 1)
        for value in row.values or ():
            if value is not None and value.is_finite():
                scale = max(scale, -int(value.as_tuple().exponent))
    for relation in relations:
        scale = max(scale, -int(relation.constant.as_tuple().exponent))
    return scale


def _as_int(value: Decimal, scale: int) -> int:
    """``value · 10^scale`` exactly (Decimal arithmetic would round to the context's precision)."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite: checked by the callers
    magnitude: int = int("".join(map(str, digits)) or "0") * 10 ** (exponent + scale)
    return -magnitude if sign else magnitude


def _linear_forms(
    rows: Sequence[Row], relations: Sequence[Relation], scale: int
) -> tuple[list[_Linear], list[Relation]]:
    """The relations that constrain fused cells, as linear forms; and the ones kept.

    A relation with a cell the table does not have, or a blank operand, is not
    assessable (as in rules.py) and is dropped; one over known cells only says
    nothing about the cuts.
    """
    where: dict[CellId, tuple[int, int]] = {}
    known: dict[CellId, Decimal | None] = {}
    for i, row in enumerate(rows):
        for j, cell in enumerate(row.cells):
            if cell in where or cell in known:
                raise GovinfoError(f"cell {cell} appears twice in the table")
            if row.values is None:
                where[cell] = (i, j)
            else:
                known[cell] = row.values[j]
    forms: list[_Linear] = []
    kept: list[Relation] = []
    for relation in relations:
        terms: dict[tuple[int, int], int] = {}
        constant = -_as_int(relation.constant, scale)
        usable = True
        for side, sign in ((relation.left, 1), (relation.right, -1)):
            for cell in side:
                if cell in where:
                    position = where[cell]
                    terms[position] = terms.get(position, 0) + sign
                elif cell in known and (value := known[cell]) is not None and value.is_finite():
                    constant += sign * _as_int(value, scale)
                else:
                    usable = False
        terms = {p: c for p, c in terms.items() if c}
        if usable and terms:
            forms.append(_Linear(relation, constant, terms))
            kept.append(relation)
    return forms, kept


class _Pieces:
    """A fused row with the values of some of its pieces (``values[a, e]``: ``digits[a:e]``, scaled)."""

    __slots__ = ("cells", "digits", "index", "values")

    def __init__(self, index: int, row: Row) -> None:
        assert row.digits is not None
        self.index = index
        self.cells = row.cells
        self.digits = row.digits
        self.values: dict[tuple[int, int], int] = {}

    def cut(self, bounds: Sequence[int]) -> Cut:
        """The :class:`Cut` whose cell j is ``digits[bounds[j]:bounds[j+1]]``."""
        return Cut(self.cells, tuple(self.digits[a:b] for a, b in itertools.pairwise(bounds)))


class _FusedRow(_Pieces):
    """A fused row being cut: its pieces, their values and its candidate cuts."""

    __slots__ = ("cached", "counts", "n", "starts", "total_cuts")

    def __init__(self, index: int, row: Row, scale: int, budget: _Budget, longest: int | None = None) -> None:
        """``longest``: leave out the pieces longer than that (no cut that satisfies the row's relations has one);
        ``total_cuts`` then counts the cuts without them."""
        super().__init__(index, row)
        digits = self.digits
        self.n = n = len(digits)
        k = len(row.cells)
        self.cached: list[tuple[int, ...]] | None = None
        if n == k and "." not in digits:
            # As many digits as cells: one digit a cell, the only cut (the common row of zeros).
            budget.spend(n)
            self.starts = [[], *([e - 1] for e in range(1, n + 1))]
            self.counts = []
            self.total_cuts = 1
            self.cached = [tuple(range(n + 1))]
            factor = 10**scale
            for a, digit in enumerate(digits):
                self.values[a, a + 1] = int(digit) * factor
            return
        budget.spend(_estimate(digits, k))
        self.starts = starts = _pieces(digits, longest)
        self.counts = _counts(starts, n, k)
        self.total_cuts = self.counts[k][n]
        for e, begins in enumerate(starts):
            for a in begins:
                piece = digits[a:e]
                decimals = len(piece) - piece.index(".") - 1 if "." in piece else 0
                self.values[a, e] = int(piece.replace(".", "")) * 10 ** (scale - decimals)


def _longest_piece(index: int, row: Row, local: Sequence[_Linear]) -> int | None:
    """The longest piece a cut of the row can have and satisfy its relations, when one is a row total.

    A row total is the last cell T, the sum of all the others (no decimal point, at most ten
    parts).  Each part P is at most T, so it has no more digits than T (len P ≤ t), and
    T < 10·max P, so t ≤ L + 1 for the longest part's length L.  The n digits hold that
    part, the k - 2 others (a digit at least each) and T: n ≥ (t - 1) + (k - 2) + t, so no
    piece is longer than (n - k + 3) // 2 digits (T = 0 makes every cell a single 0).
    Measured: 40% fewer pieces in the rows of realistic tables 三, and 15% less time (benchmarks/bench_split.py).
    """
    digits, k = row.digits or "", len(row.cells)
    if "." in digits or not 3 <= k <= 11:
        return None
    last = (index, k - 1)
    for form in local:
        sign = form.terms.get(last, 0)
        if (
            not form.at_least
            and form.constant == 0
            and sign in (1, -1)
            and len(form.terms) == k
            and all(form.terms.get((index, j)) == -sign for j in range(k - 1))
        ):
            return (len(digits) - k + 3) // 2
    return None


def _row_candidates(row: _FusedRow, local: list[_Linear], budget: _Budget, limit: int) -> list[tuple[int, ...]] | None:
    """The cuts of a row (as boundary tuples) that satisfy its own relations; ``None`` if over ``limit``."""
    k, n, starts, values = len(row.cells), row.n, row.starts, row.values
    coefficients = [[form.terms.get((row.index, j), 0) for j in range(k)] for form in local]
    found: list[tuple[int, ...]] = []
    if row.total_cuts == 0:
        return found
    if row.total_cuts <= DIRECT_CUTS or _direct_cost(row, len(local)) <= _search_cost(row, len(local)):
        budget.spend(_direct_cost(row, len(local)))
        for bounds in _all_cuts(row):
            sums = [0] * len(local)
            for j in range(k):
                v = values[bounds[j], bounds[j + 1]]
                for r, coef in enumerate(coefficients):
                    sums[r] += coef[j] * v
            if all(form.feasible(s, s) for form, s in zip(local, sums, strict=True)):
                found.append(bounds)
        return found if len(found) <= limit else None
    # Exact bounds: lows[r][j][e] / highs[r][j][e] = the least / greatest Σ_{i<j} coef_i·cell_i
    # over the cuts of digits[:e] into j cells (0 where there is none: counts says which).
    # The bounds say a sum is in range, not that it is reached; for an equation, residues[r][j][e]
    # also has bit x set when some such cut gives Σ ≡ x (mod _MODULUS): exact for the small
    # counts of real tables, and what keeps the search from dead ends.
    counts = row.counts
    budget.spend(_search_cost(row, len(local)))
    lows: list[list[list[int]]] = []
    highs: list[list[list[int]]] = []
    residues: list[list[list[int]] | None] = []
    modulus, everything = _MODULUS, _ALL_RESIDUES
    for form, coef in zip(local, coefficients, strict=True):
        low = [[0] * (n + 1) for _ in range(k + 1)]
        high = [[0] * (n + 1) for _ in range(k + 1)]
        reach = [[0] * (n + 1) for _ in range(k + 1)]
        reach[0][0] = 1
        for j in range(1, k):  # level k is never read: the search starts at (k, n) and reads level k - 1
            c = coef[j - 1]
            lo_prev, hi_prev, reach_prev, possible = low[j - 1], high[j - 1], reach[j - 1], counts[j - 1]
            lo_cur, hi_cur, reach_cur, here = low[j], high[j], reach[j], counts[j]
            for e in range(j, n - (k - j) + 1):
                if not here[e]:
                    continue
                first = True
                best_lo = best_hi = bits = 0
                for a in starts[e]:
                    if not possible[a]:
                        continue
                    v = c * values[a, e]
                    pl, ph = lo_prev[a] + v, hi_prev[a] + v
                    if first:
                        best_lo, best_hi, first = pl, ph, False
                    else:
                        if pl < best_lo:
                            best_lo = pl
                        if ph > best_hi:
                            best_hi = ph
                    x = reach_prev[a]
                    shift = v % modulus
                    bits |= ((x << shift) | (x >> (modulus - shift))) & everything
                lo_cur[e], hi_cur[e], reach_cur[e] = best_lo, best_hi, bits
        lows.append(low)
        highs.append(high)
        residues.append(None if form.at_least else reach)
    # Right to left: totals stand after their parts, so the part edges are tight early.
    edges = [0] * (k + 1)
    edges[k] = n
    sums = [0] * len(local)

    def search(j: int, e: int) -> bool:
        """Cut digits[:e] into cells 0..j-1; False when the row has too many candidates."""
        if j == 0:
            if e == 0:
                found.append(tuple(edges))
                return len(found) <= limit
            return True
        for a in starts[e]:
            if not counts[j - 1][a]:
                continue  # digits[:a] cannot be cut into j - 1 cells
            budget.spend(1)
            ok = True
            for r, form in enumerate(local):
                low, high = lows[r][j - 1][a], highs[r][j - 1][a]
                s = sums[r] + coefficients[r][j - 1] * values[a, e]
                if not form.feasible(s + low, s + high):
                    ok = False
                    break
                reach = residues[r]
                if reach is not None and not (reach[j - 1][a] >> ((-form.constant - s) % _MODULUS)) & 1:
                    ok = False
                    break
            if not ok:
                continue
            for r in range(len(local)):
                sums[r] += coefficients[r][j - 1] * values[a, e]
            edges[j - 1] = a
            keep_going = search(j - 1, a)
            for r in range(len(local)):
                sums[r] -= coefficients[r][j - 1] * values[a, e]
            if not keep_going:
                return False
        return True

    return found if search(k, n) else None


def _direct_cost(row: _FusedRow, relations: int) -> int:
    """The work of checking every cut of a row against its relations."""
    return row.total_cuts * len(row.cells) * (1 + relations)


def _search_cost(row: _FusedRow, relations: int) -> int:
    """The work of the bound and residue programmes of a row's search (then one unit a node)."""
    return sum(map(len, row.starts)) * len(row.cells) * max(relations, 1)


def _all_cuts(row: _FusedRow) -> list[tuple[int, ...]]:
    """Every cut of the row, as boundary tuples (only called when there are few)."""
    if row.cached is not None:
        return row.cached
    starts, counts, n, k = row.starts, row.counts, row.n, len(row.cells)
    out: list[tuple[int, ...]] = []
    bounds = [0] * (k + 1)
    bounds[k] = n

    def walk(j: int, e: int) -> None:
        if j == 0:
            out.append(tuple(bounds))
            return
        for a in starts[e]:
            if counts[j - 1][a]:
                bounds[j - 1] = a
                walk(j - 1, a)  # noqa: F821 (deleted after the search, see below)

    walk(k, n)
    del walk  # a recursive closure refers to itself: a reference cycle the paused collector would keep
    row.cached = out
    return out


def _combine(
    fused: Sequence[_Pieces],
    candidates: list[list[tuple[int, ...]]],
    forms: list[_Linear],
    budget: _Budget,
    max_solutions: int,
) -> tuple[list[list[int]], bool]:
    """Assignments of a candidate per fused row satisfying every form; and whether the search was complete."""
    order = sorted(range(len(fused)), key=lambda r: len(candidates[r]))
    # contribution[f][r][c]: what candidate c of fused row r adds to form f.
    position = {row.index: r for r, row in enumerate(fused)}
    touching: list[list[int]] = [[] for _ in fused]
    contribution: list[dict[int, list[int]]] = []
    for f, form in enumerate(forms):
        per_row: dict[int, list[int]] = {}
        for (index, j), coef in form.terms.items():
            r = position[index]
            row = fused[r]
            column = per_row.setdefault(r, [0] * len(candidates[r]))
            for c, bounds in enumerate(candidates[r]):
                column[c] += coef * row.values[bounds[j], bounds[j + 1]]
        for r in per_row:
            touching[r].append(f)
        contribution.append(per_row)
    budget.spend(sum(len(candidates[r]) * len(touching[r]) for r in range(len(fused))))
    low = [sum(min(v) for v in per_row.values()) for per_row in contribution]
    high = [sum(max(v) for v in per_row.values()) for per_row in contribution]
    partial = [0] * len(forms)
    choice = [0] * len(fused)
    solutions: list[list[int]] = []

    def search(depth: int) -> bool:
        if depth == len(order):
            solutions.append(list(choice))
            return len(solutions) < max_solutions
        r = order[depth]
        mine = touching[r]
        for f in mine:
            values = contribution[f][r]
            low[f] -= min(values)
            high[f] -= max(values)
        keep_going = True
        for c in range(len(candidates[r])):
            budget.spend(1 + len(mine))
            ok = True
            for f in mine:
                s = partial[f] + contribution[f][r][c]
                if not forms[f].feasible(s + low[f], s + high[f]):
                    ok = False
                    break
            if not ok:
                continue
            for f in mine:
                partial[f] += contribution[f][r][c]
            choice[r] = c
            keep_going = search(depth + 1)  # noqa: F821 (deleted after the search, see below)
            for f in mine:
                partial[f] -= contribution[f][r][c]
            if not keep_going:
                break
        for f in mine:
            values = contribution[f][r]
            low[f] += min(values)
            high[f] += max(values)
        return keep_going

    complete = search(0)
    del search  # a recursive closure refers to itself: a reference cycle the paused collector would keep
    return solutions, complete


#: A row whose cuts cost more than this to count (:func:`_estimate`) waits, in the column pass, until the
#: rows that decide its columns are decided.
_DEFER_ABOVE: Final = 1_000


#: The column pass derives a row from its columns only while the rows it sums have at most this many
#: combinations of candidates (the sums are a set, so fewer distinct ones are kept).
_COMBINATIONS: Final = 256


def _deciding(form: _Linear, cell: tuple[int, int]) -> int:
    """The coefficient of ``cell`` when ``form`` is an equation that decides it from other rows (±1), else 0."""
    if form.at_least:
        return 0
    mine = form.terms.get(cell, 0)
    if mine not in (1, -1) or any(i == cell[0] and j != cell[1] for i, j in form.terms):
        return 0
    return mine


def _split_by_columns(
    rows: Sequence[Row],
    fused_indices: Sequence[int],
    by_row: Mapping[int, list[_Linear]],
    cross: Sequence[_Linear],
    budget: _Budget,
    limit: int,
    max_solutions: int,
) -> tuple[Cut, ...] | None:
    """The one assignment of the fused rows, found by deciding rows from their columns; ``None`` otherwise.

    The rows are taken cheapest first as in :func:`split_table`, but a row whose every cell a
    relation across rows forces (``(七)总计`` = the sum of the result rows, column by column,
    once those are decided; ``一`` = ``(七)`` + ``四`` − ``二``) is not searched: its cells are
    computed and checked against its digits and its own relations.  Rows that are costly
    to search (over :data:`_DEFER_ABOVE`) wait until the others are decided, and are
    searched only if no relation decides them.  This pass only ever answers with a split:
    when a row has no candidate or too many, a forced value contradicts the digits, or the
    assignment is not unique, it returns ``None`` and the full pass decides (and explains)
    as if it had not run.  A forced value holds in every assignment of the full pass, so
    the split is the same, with one difference: a row decided by its columns is not
    searched, so it cannot have too many candidates of its own (the full pass would refuse
    the table for it, or for running out of work on it).
    """
    forms_of: dict[tuple[int, int], list[_Linear]] = {}
    for form in cross:
        for position in form.terms:
            forms_of.setdefault(position, []).append(form)
    pieces: dict[int, _Pieces] = {}
    candidates: dict[int, list[tuple[int, ...]]] = {}

    def derive(i: int) -> bool | None:
        """Decide row i by its columns: True when done, False when they do not decide it yet, None on a contradiction.

        Cell j of row i is ``-mine·(constant + Σ coef·cell)`` over the other cells of an equation that
        holds it once (coefficient ``mine``); the other rows have their candidates, so the row's
        possible values are the set of sums over their combinations.
        """
        row = rows[i]
        digits = row.digits or ""
        k = len(row.cells)
        chosen: list[tuple[_Linear, int]] = []
        for j in range(k):
            for form in forms_of.get((i, j), ()):
                if all(r in candidates for r, _ in form.terms if r != i) and (mine := _deciding(form, (i, j))):
                    chosen.append((form, mine))
                    break
            else:
                return False
        base = [-mine * form.constant for form, mine in chosen]
        # What each candidate of each other row adds to each cell of row i.
        adds: dict[int, list[list[int]]] = {}
        for j, (form, mine) in enumerate(chosen):
            budget.spend(len(form.terms))
            for (r, jj), coef in form.terms.items():
                if r == i:
                    continue
                known = pieces[r].values
                per_candidate = adds.setdefault(r, [[0] * k for _ in candidates[r]])
                for c, bounds in enumerate(candidates[r]):
                    per_candidate[c][j] -= mine * coef * known[bounds[jj], bounds[jj + 1]]
        sums = {tuple(base)}
        for per_candidate in adds.values():
            if len(sums) * len(per_candidate) > _COMBINATIONS:
                return False
            budget.spend(len(sums) * len(per_candidate) * k)
            sums = {tuple(map(sum, zip(s, add, strict=True))) for s in sums for add in per_candidate}
        local = by_row.get(i, ())
        found: list[tuple[int, ...]] = []
        for cells in sorted(sums):
            text = [str(v) for v in cells]
            if min(cells) < 0 or "".join(text) != digits:
                continue
            totals = [sum(form.terms.get((i, j), 0) * v for j, v in enumerate(cells)) for form in local]
            if all(form.feasible(t, t) for form, t in zip(local, totals, strict=True)):
                found.append(tuple(itertools.accumulate(map(len, text), initial=0)))
        if not found or len(found) > limit:
            return None
        made = pieces[i] = _Pieces(i, row)
        for bounds in found:
            made.values.update(((a, e), int(digits[a:e])) for a, e in itertools.pairwise(bounds))
        candidates[i] = found
        return True

    def search(i: int) -> bool:
        """Row i's candidates by its own relations; False when it has none or too many."""
        local = by_row.get(i, [])
        row = _FusedRow(i, rows[i], 0, budget, _longest_piece(i, rows[i], local))
        found = _row_candidates(row, local, budget, limit)
        if not found:
            return False
        pieces[i], candidates[i] = row, found
        return True

    # Cheap rows are searched at once (trying their columns first costs more than it saves);
    # the costly ones wait for their columns.
    costs = {i: _estimate(rows[i].digits or "", len(rows[i].cells)) for i in fused_indices}
    deferred: list[int] = []
    for i in sorted(fused_indices, key=costs.__getitem__):
        if costs[i] > _DEFER_ABOVE:
            deferred.append(i)
        elif not search(i):
            return None
    # Each round decides a waiting row, by its columns or by a search: at most d² attempts for d rows.
    while deferred:
        for i in deferred:
            derived = derive(i)
            if derived is None:
                return None
            if derived:
                deferred.remove(i)
                break
        else:
            if not search(deferred.pop(0)):
                return None
    order = sorted(pieces)
    fused = [pieces[i] for i in order]
    cands = [candidates[i] for i in order]
    solutions, complete = _combine(fused, cands, list(cross), budget, max_solutions)
    if len(solutions) != 1 or not complete:
        return None
    return tuple(fused[r].cut(cands[r][c]) for r, c in enumerate(solutions[0]))


def split_table(
    rows: Sequence[Row],
    relations: Iterable[Relation],
    *,
    max_work: int = DEFAULT_MAX_WORK,
    max_row_candidates: int = 256,
    max_solutions: int = 16,
    max_listed: int = 8,
) -> Split | Refusal:
    """Cut the fused rows of a table so that the whole table satisfies ``relations``.

    ``rows`` are the table's rows, known or fused (:class:`Row`); ``relations`` the
    arithmetic the template states (:func:`table3_relations`, :func:`table4_relations`,
    :func:`cumulative_relations`, :func:`breakdown_relations`, or your own).  Each fused
    row is cut into its number of cells, every cell written without leading zeros.
    Returns a :class:`Split` when exactly one assignment of cuts to all fused rows
    satisfies every assessable relation, else a :class:`Refusal`; the work is bounded
    by ``max_work`` units (see the module docstring).

    >>> columns = ("natural_person", "commercial_enterprise", "research_institution",
    ...            "social_welfare_organization", "legal_service_organization", "other_organization", "total")
    >>> split = split_table([Row.fused("requests.received", columns, "21710000218")], table3_relations())
    >>> str(split.cuts[0])
    '217|1|0|0|0|0|218'
    """
    rows = list(rows)
    relations = list(relations)
    max_solutions = max(max_solutions, 2)  # one solution proves nothing until a second is looked for
    budget = _Budget(max_work)
    scale = _scale_of(rows, relations)
    forms, kept = _linear_forms(rows, relations, scale)
    fused_indices = [i for i, row in enumerate(rows) if row.digits is not None]
    if not fused_indices:
        return Split((), tuple(kept), 0)
    upfront = sum(_estimate(rows[i].digits or "", len(rows[i].cells)) for i in fused_indices)
    if upfront > max_work:
        # The cost of counting the cuts is known before counting them: refuse at once.
        return Refusal(
            "too-many-candidates",
            f"digits run together in {len(fused_indices)} rows: counting their cuts would cost {upfront} units,"
            f" over the work cap ({max_work})",
            tuple(RowCandidates(i, rows[i].digits or "", (), None) for i in fused_indices),
            (),
            (),
            0,
        )
    by_row: dict[int, list[_Linear]] = {}
    cross: list[_Linear] = []
    for form in forms:
        touched = {index for index, _ in form.terms}
        if len(touched) == 1:
            by_row.setdefault(next(iter(touched)), []).append(form)
        else:
            cross.append(form)
    if scale == 0:
        # Most tables are decided row by row and then column by column; this pass does that
        # without searching the rows the columns decide.  Its own budget: the full pass below
        # (which explains a refusal) runs as if it had not, so the time is at most twice the cap.
        quick = _Budget(max_work)
        try:
            cuts = _split_by_columns(rows, fused_indices, by_row, cross, quick, max_row_candidates, max_solutions)
        except _OutOfWork:
            cuts = None
        if cuts is not None:
            return Split(cuts, tuple(kept), quick.spent)

    # Each row on its own: its cuts, and those that satisfy the row's own relations.
    fused: list[_FusedRow] = []
    candidates: list[list[tuple[int, ...]]] = []
    problems: list[tuple[RefusalReason, str, RowCandidates]] = []
    # Cheapest rows first: a row that exhausts the work cap leaves the others decided.
    for i in sorted(fused_indices, key=lambda i: _estimate(rows[i].digits or "", len(rows[i].cells))):
        digits, k = rows[i].digits or "", len(rows[i].cells)
        try:
            row = _FusedRow(i, rows[i], scale, budget)
        except _OutOfWork:
            message = f"row {_label(rows[i].cells)}: counting the cuts of {digits} passes the work cap ({max_work})"
            problems.append(("too-many-candidates", message, RowCandidates(i, digits, (), None)))
            continue
        try:
            found = _row_candidates(row, by_row.get(i, []), budget, max_row_candidates)
            why = f"leaves more than {max_row_candidates} candidates"
        except _OutOfWork:
            found, why = None, f"passes the work cap ({max_work})"
        if found is None:
            message = (
                f"row {_label(row.cells)}: {digits} has {row.total_cuts} cuts into {k} cells; searching them {why}"
            )
            problems.append(("too-many-candidates", message, RowCandidates(i, digits, (), row.total_cuts)))
        elif not found:
            why = "none is well written" if row.total_cuts == 0 else "none satisfies the row's own relations"
            message = f"row {_label(row.cells)}: {digits} into {k} cells: {why}"
            problems.append(("inconsistent", message, RowCandidates(i, digits, (), 0)))
        else:
            fused.append(row)
            candidates.append(found)
    order = sorted(range(len(fused)), key=lambda r: fused[r].index)
    fused = [fused[r] for r in order]
    candidates = [candidates[r] for r in order]
    # Decided whatever the other rows: one cut satisfies the row's own relations ...
    alone = [row.cut(cands[0]) for row, cands in zip(fused, candidates, strict=True) if len(cands) == 1]
    # ... and, when the table's arithmetic fails somewhere, only the rows with one cut at all.
    forced = [
        row.cut(cands[0])
        for row, cands in zip(fused, candidates, strict=True)
        if len(cands) == 1 and row.total_cuts == 1
    ]

    def listing(which: Iterable[int]) -> tuple[RowCandidates, ...]:
        return tuple(
            RowCandidates(
                fused[r].index,
                fused[r].digits,
                tuple(map(fused[r].cut, candidates[r][:max_listed])),
                len(candidates[r]),
            )
            for r in which
        )

    if problems:
        reason: RefusalReason = (
            "inconsistent" if any(p[0] == "inconsistent" for p in problems) else "too-many-candidates"
        )
        undecided = [p[2] for p in problems]
        undecided += listing(r for r in range(len(fused)) if len(candidates[r]) > 1)
        undecided.sort(key=lambda u: u.row)
        message = "; ".join(p[1] for p in problems if p[0] == reason)
        decided = forced if reason == "inconsistent" else alone
        return Refusal(reason, message, tuple(undecided), tuple(decided), (), budget.spent)

    # The whole table: a candidate per row, satisfying every relation across rows.
    try:
        solutions, complete = _combine(fused, candidates, cross, budget, max_solutions)
    except _OutOfWork:
        open_rows = listing(r for r in range(len(fused)) if len(candidates[r]) > 1)
        return Refusal(
            "too-many-candidates",
            f"combining the candidate cuts of {len(open_rows)} rows passes the work cap ({max_work})",
            open_rows,
            tuple(alone),
            (),
            budget.spent,
        )
    if not solutions:
        return Refusal(
            "inconsistent",
            "no assignment of the fused rows satisfies every relation of the table",
            listing(range(len(fused))),
            tuple(forced),
            (),
            budget.spent,
        )
    assignments = tuple(tuple(fused[r].cut(candidates[r][c]) for r, c in enumerate(solution)) for solution in solutions)
    if len(solutions) == 1 and complete:
        return Split(assignments[0], tuple(kept), budget.spent)
    settled: list[Cut] = []
    undecided_rows: list[RowCandidates] = []
    for r, row in enumerate(fused):
        chosen = sorted({solution[r] for solution in solutions})
        if len(candidates[r]) == 1 or (complete and len(chosen) == 1):
            settled.append(row.cut(candidates[r][chosen[0]]))
        else:
            cuts = tuple(row.cut(candidates[r][c]) for c in chosen[:max_listed])
            undecided_rows.append(RowCandidates(row.index, row.digits, cuts, len(chosen)))
    count = f"{len(solutions)}" if complete else f"at least {len(solutions)}"
    listed = "; ".join(f"{_label(u.cuts[0].cells)} {' or '.join(map(str, u.cuts))}" for u in undecided_rows)
    return Refusal(
        "ambiguous",
        f"digits run together: {count} assignments of the fused rows satisfy the table's relations ({listed})",
        tuple(undecided_rows),
        tuple(settled),
        assignments,
        budget.spent,
    )


def _label(cells: Sequence[CellId]) -> str:
    indicators = list(dict.fromkeys(cell[0] for cell in cells))
    return indicators[0] if len(indicators) == 1 else f"{indicators[0]} … {indicators[-1]}"
