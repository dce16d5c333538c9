"""Narrative figures of the 情况说明 -> NarrativeFigure rows.

How a document is read:

1. ``text_flow.flow_paragraphs`` joins wrapped prose lines into paragraphs (every character keeps
   its source line) and marks heading lines.
2. Each heading opens a section (``narrative_patterns.SECTION_PATTERNS``); only the finance sections
   of the 情况说明 are read (``FIGURE_SECTIONS``). Performance-evaluation sections, the glossary,
   the appendix and the table part are skipped, so "资金到位 42 万元" in a 绩效 report is never income.
3. In a paragraph, labels (``LABELS``, expenditure categories) and cue phrases (``CUES``) are found,
   explanations ("主要原因是：…", "主要用于：…") and parenthetical remarks are masked, and the tokens
   are walked left to right: a label says what the following figures are about, a cue what the next
   number measures ("年初预算数为" -> budget, "决算数为" -> final), a bare amount after a label is that
   label's figure. Labels (subjects and their synonyms) are the seed ``ref_narrative_subjects``.

What is recorded (``NarrativeFigure``; value as printed, unit 万元 / 元 / %, printed decimals):

- metric: the contract vocabulary (income_total, current_income, basic_expenditure, three_public_*, …)
  plus a few parts the narrative lists for NA-02 (business_income, operating_expenditure,
  procurement_goods, …; see ``narrative_patterns.PARTS_OF``), ``fiscal_total`` (财政拨款收、支总计),
  ``fiscal_budget_full`` (财政拨款支出全年预算数; ``fiscal_budget`` when the text says only 预算数)
  and ``category_budget_vs_final`` for an expenditure category (功能分类 类, or 类/款/项 as printed),
  whose subject is the category name as printed.
- measure:
  ``amount``           the figure itself (for "三公" items: the 决算数);
  ``budget``           a "三公" item's 全年预算数 (or plain 预算数); ``budget_initial`` its 年初预算数;
  ``budget_initial`` / ``budget_full`` / ``final``  of an expenditure category (年初预算数 / 全年预算数 / 决算数);
  ``share``            "占 52.3%": subject = the whole it is a share of, as printed ("本年收入",
                       "政府采购支出总额") or as the sentence introduces it ("本年收入的具体构成为",
                       "X 万元，其中：…"); for a category the subject stays the category name;
  ``completion_rate``  "完成年初预算的 137.59%"; for the whole of 财政拨款支出 it is recorded on
                       metric ``fiscal_final`` (the final as a % of fiscal_budget_initial);
  ``change_amount`` / ``change_rate``  against the prior year, signed: 减少/下降/降低 are negative;
  ``comparison``       a stated comparison of the final with the budget ("决算数较全年预算数增加",
                       "决算数小于预算数", "与全年预算数持平"): value = the sign it asserts (+1 / -1 / 0),
                       printed = the word as printed, unit 'sign', metric/subject = the figure compared
                       (the same metric and subject as its budget and final figures).
- ``unclassified``: an amount of a figure section whose subject is not understood (no label before it,
  its label's figure already read, or its clause names something else: "机构改革分流315万元"), kept with
  its sentence, never guessed as a metric.
- Lists: "收、支总计各是4125.49,4143.91万元" gives each subject its figure in the order the subjects are
  named (the words that list are in the seed ``ref_narrative_clauses``); a list whose length does not
  match its subjects is an issue, not figures.
- An unresolved template alternative ("增加（减少）", "增长（下降）") with a non-zero number, a change
  rate left blank ("增长%") and a comparison without its word ("决算数较全年预算数的主要原因") are
  ingest issues (severity info), not figures.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal

from ingest.layout.text_flow import Paragraph, flow_paragraphs, split_sentences
from ingest.model import DocumentMeta, IngestIssue, LoadedDocument, NarrativeFigure, SourceRef
from ingest.numbers import decimals_of, parse_number
from ingest.parsers.narrative_patterns import (
    CATEGORY_LABEL,
    COMPARISON_SIGN,
    CUES,
    DIRECTION_SIGN,
    ENUMERATED_VALUE,
    EXPLANATION,
    FIGURE_SECTIONS,
    LABELS,
    NOT_A_TOTAL,
    SECTION_PATTERNS,
    LabelPattern,
)

STAGE = "parse_narrative"
# A figure whose subject is not understood: landed with its sentence, never as a guessed metric.
UNCLASSIFIED = "unclassified"
CLAUSE_END = re.compile(r"[，,；;。：:]")
PARENTHETICAL = re.compile(r"[（(][^（()）]*[)）]")
_LABEL_REGEXES = [(label, re.compile(label.pattern)) for label in (*LABELS, CATEGORY_LABEL)]
_CUE_REGEXES = [(rank, cue.kind, re.compile(cue.pattern)) for rank, cue in enumerate(CUES)]

# (label kind, budget/final cue or None for a bare amount) -> measure; fiscal maps to a metric instead.
MEASURE_BY_CUE: dict[str, dict[str | None, str]] = {
    "plain": {
        "budget_initial": "budget_initial",
        "budget_full": "budget",
        "budget": "budget",
        "final": "amount",
        None: "amount",
    },
    "three_public": {
        "budget_initial": "budget_initial",
        "budget_full": "budget",
        "budget": "budget",
        "final": "amount",
        None: "amount",
    },
    "category": {
        "budget_initial": "budget_initial",
        "budget_full": "budget_full",
        "budget": "budget",
        "final": "final",
        None: "final",
    },
}
FISCAL_METRIC_BY_CUE: dict[str | None, str] = {
    "budget_initial": "fiscal_budget_initial",
    "budget_full": "fiscal_budget_full",
    "budget": "fiscal_budget",
    "final": "fiscal_final",
    None: "fiscal_final",
}


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    kind: str  # 'label' or a cue kind
    match: re.Match[str]
    label: LabelPattern | None = None
    rank: int = 0


@dataclass
class Section:
    kind: str
    heading: str


@dataclass
class LabelState:
    label: LabelPattern
    printed: str
    bare_amount_taken: bool = False


def parse_narrative(doc: LoadedDocument, meta: DocumentMeta) -> tuple[list[NarrativeFigure], list[IngestIssue]]:
    """Figures stated in the prose of a final-accounts document (see the module docstring).

    A budget's or a performance evaluation's prose is not read: its 预算数 are not final figures.
    """
    if meta.doc_type in ("performance_evaluation", "budget"):
        return [], []
    figures: list[NarrativeFigure] = []
    issues: list[IngestIssue] = []
    section = Section("none", "")
    for paragraph in flow_paragraphs(doc.lines):
        if paragraph.is_heading:
            section = next_section(section, paragraph.text)
            continue
        if section.kind in FIGURE_SECTIONS:
            reader = ParagraphReader(doc.file_name, paragraph, section)
            reader.read()
            figures.extend(reader.figures)
            issues.extend(reader.issues)
    if meta.doc_type == "final_accounts" and not meta.is_template and not figures:
        issues.append(IngestIssue(STAGE, "warn", "no figure found in the narrative (情况说明)"))
    return figures, issues


def next_section(current: Section, heading: str) -> Section:
    """The section a heading opens. An unknown sub-heading ("（一）…") stays in its section."""
    for pattern in SECTION_PATTERNS:
        if pattern.pattern.search(heading.rstrip("。:：")):
            return Section(pattern.kind, heading)
    if current.kind in ("glossary", "appendix"):
        return current
    is_top_level = bool(re.match(r"^(?:第.{1,3}部分|[一二三四五六七八九十]+、)", heading))
    return Section("unknown", heading) if is_top_level else current


class ParagraphReader:
    """Walks the tokens of one paragraph and records the figures they state."""

    def __init__(self, file_name: str, paragraph: Paragraph, section: Section) -> None:
        self.file_name = file_name
        self.paragraph = paragraph
        self.section = section
        self.sentences = split_sentences(paragraph)
        self.sentence_starts = [sentence.start for sentence in self.sentences]
        self.clause_ends = [m.end() for m in CLAUSE_END.finditer(paragraph.text)]
        self.figures: list[NarrativeFigure] = []
        self.issues: list[IngestIssue] = []
        self.state: LabelState | None = None
        self.last_state: LabelState | None = None
        self.sentence_labels: list[LabelState] = []
        self.pending_cue: str | None = None
        self.prior_year = False
        self.whole: str | None = None
        self.sentence_index = -1

    def read(self) -> None:
        for token in self.tokens():
            self.enter_sentence_of(token.start)
            handler = getattr(self, f"on_{token.kind}")
            handler(token)

    # --- tokens ---------------------------------------------------------------------------------
    def tokens(self) -> list[Token]:
        text = self.paragraph.text
        blocked = [m.span() for m in EXPLANATION.finditer(text)]
        inner = [(m.start() + 1, m.end()) for m in PARENTHETICAL.finditer(text)]
        found: list[Token] = []
        for label, regex in _LABEL_REGEXES:
            if self.section.kind in label.sections:
                found.extend(Token(m.start(), m.end(), "label", m, label, len(CUES)) for m in regex.finditer(text))
        for rank, kind, regex in _CUE_REGEXES:
            found.extend(Token(m.start(), m.end(), kind, m, None, rank) for m in regex.finditer(text))
        found = [t for t in found if t.end > t.start and not _inside(t.start, blocked) and not _inside(t.start, inner)]
        return _non_overlapping(found)

    def enter_sentence_of(self, offset: int) -> None:
        index = bisect.bisect_right(self.sentence_starts, offset) - 1  # the last sentence starting at or before
        if index == self.sentence_index:
            return
        self.sentence_index = index
        self.prior_year = False
        self.pending_cue = None
        self.sentence_labels = []
        if self.state is not None and self.state.label.kind != "category":
            self.state = None

    # --- handlers -------------------------------------------------------------------------------
    def on_label(self, token: Token) -> None:
        assert token.label is not None
        self.state = LabelState(token.label, token.match.group(0))
        self.last_state = self.state
        self.sentence_labels.append(self.state)
        self.pending_cue = None

    def on_prior_year(self, token: Token) -> None:
        self.prior_year = True

    def on_budget_initial(self, token: Token) -> None:
        self.pending_cue = "budget_initial"

    def on_budget_full(self, token: Token) -> None:
        self.pending_cue = "budget_full"

    def on_budget(self, token: Token) -> None:
        self.pending_cue = "budget"

    def on_final(self, token: Token) -> None:
        self.pending_cue = "final"

    def on_whole(self, token: Token) -> None:
        self.whole = token.match.group("whole")

    def on_parts(self, token: Token) -> None:
        if self.state is not None and self.state.label.kind != "category":
            self.whole = self.state.printed

    def on_money(self, token: Token) -> None:
        state, cue = self.state, self.pending_cue
        if state is None or (cue is None and (state.bare_amount_taken or self.is_not_a_total(token))):
            self.emit_unclassified(token)
            return
        if cue is None:
            state.bare_amount_taken = True
        self.pending_cue = None
        if state.label.kind == "fiscal":
            self.emit(token, FISCAL_METRIC_BY_CUE[cue], "amount", None, state)
            return
        for metric in state.label.metrics:
            self.emit(token, *self.amount_measures(state, cue, metric), self.subject_of(state), state)

    def on_enumeration(self, token: Token) -> None:
        """ "收、支总计各是4125.49,4143.91万元": one figure per subject, in the order they are named."""
        subjects = self.enumerated_subjects()
        values = list(ENUMERATED_VALUE.finditer(token.match.group("list")))
        if len(values) != len(subjects):
            self.issue(token, f"{len(values)} figures listed for {len(subjects)} subjects: not read")
            return
        direction, cue = token.match.group("dir"), self.pending_cue
        self.pending_cue = None
        if direction and not self.prior_year:
            return
        for (state, metric), value in zip(subjects, values, strict=True):
            unit = value.group("unit") or token.match.group("unit")
            sign = DIRECTION_SIGN[direction] if direction else 1
            if direction:
                measure = "change_rate" if unit == "%" else "change_amount"
            elif token.match.group("share") or unit == "%":
                measure = "share"
            else:
                state.bare_amount_taken = True
                metric, measure = self.amount_measures(state, cue, metric)
            offset = token.match.start("list") + value.start("num")
            self.emit_value(
                token, metric, measure, self.subject_of(state), state, value.group("num"), unit, offset, sign
            )

    def enumerated_subjects(self) -> list[tuple[LabelState, str]]:
        """The subjects a list of figures is about: the labels of the sentence still without a figure
        ("基本支出、项目支出分别为 …"), else the current label's metrics ("收、支总计各是 …")."""
        pending = [s for s in self.sentence_labels if not s.bare_amount_taken]
        states = pending if len(pending) > 1 else pending or ([self.state] if self.state else [])
        return [(state, metric) for state in states for metric in state.label.metrics]

    def amount_measures(self, state: LabelState, cue: str | None, metric: str) -> tuple[str, str]:
        """(metric, measure) of an amount of the label after a cue (or none)."""
        if state.label.kind == "fiscal":
            return FISCAL_METRIC_BY_CUE[cue], "amount"
        return metric, MEASURE_BY_CUE[state.label.kind][cue]

    def is_not_a_total(self, token: Token) -> bool:
        """ "本年支出合计中，机构改革分流315万元": the clause names another amount than the subject's."""
        ends_before = bisect.bisect_right(self.clause_ends, token.start)  # clause ends found once per paragraph
        start = self.clause_ends[ends_before - 1] if ends_before else 0
        return bool(NOT_A_TOTAL.search(self.paragraph.text, start, token.start))

    def on_share(self, token: Token) -> None:
        if self.state is None:
            return
        whole = token.match.group("whole") or self.whole
        subject = self.subject_of(self.state) if self.state.label.kind == "category" else whole
        self.emit_for_state(token, "share", subject)

    def on_completion_rate(self, token: Token) -> None:
        if self.state is not None:
            self.emit_for_state(token, "completion_rate", self.subject_of(self.state))

    def on_change_amount(self, token: Token) -> None:
        self.record_change(token, "change_amount")

    def on_change_rate(self, token: Token) -> None:
        self.record_change(token, "change_rate")

    def on_comparison(self, token: Token) -> None:
        state = self.state or self.last_state
        word = token.match.group("word")
        sign = COMPARISON_SIGN.get(re.sub(r"无增+减变化", "无变化", word), None)
        if state is None:
            return
        if sign is None:
            self.issue(token, f"unresolved alternative in a comparison with the budget: {word!r}")
            return
        metric = "fiscal_final" if state.label.kind == "fiscal" else None
        for name in (metric,) if metric else state.label.metrics:
            self.figures.append(
                self.figure(
                    token,
                    name,
                    "comparison",
                    self.subject_of(state),
                    Decimal(sign),
                    word,
                    "sign",
                    0,
                    token.start,
                    state,
                )
            )

    def on_comparison_missing(self, token: Token) -> None:
        self.issue(token, "comparison with the budget printed without its word (增加/减少/持平)")

    def on_change_rate_missing(self, token: Token) -> None:
        self.issue(token, f"change rate left blank: {token.match.group(0)!r}")

    # --- recording ------------------------------------------------------------------------------
    def record_change(self, token: Token, measure: str) -> None:
        if self.state is None or not self.prior_year:
            return
        sign = DIRECTION_SIGN[token.match.group("dir")]
        value = parse_number(token.match.group("num"))
        if token.match.group("alt"):
            self.issue(token, f"unresolved alternative {token.match.group(0)!r}")
            if value != 0:
                return  # the sign is not stated: not guessed
        self.emit_for_state(token, measure, self.subject_of(self.state), sign)

    def emit_for_state(self, token: Token, measure: str, subject: str | None, sign: int = 1) -> None:
        state = self.state
        assert state is not None
        metrics = ("fiscal_final",) if state.label.kind == "fiscal" else state.label.metrics
        for metric in metrics:
            self.emit(token, metric, measure, subject, state, sign)

    def emit(
        self, token: Token, metric: str, measure: str, subject: str | None, state: LabelState, sign: int = 1
    ) -> None:
        unit = token.match.groupdict().get("unit")
        self.emit_value(
            token, metric, measure, subject, state, token.match.group("num"), unit, token.match.start("num"), sign
        )

    def emit_value(
        self,
        token: Token,
        metric: str,
        measure: str,
        subject: str | None,
        state: LabelState | None,
        printed: str,
        unit_text: str | None,
        offset: int,
        sign: int = 1,
    ) -> None:
        unit = _unit(unit_text) if measure not in RATE_MEASURES else "%"
        value = parse_number(printed) * sign
        if unit == "亿元":
            value, unit = value * 10000, "万元"
        self.figures.append(
            self.figure(token, metric, measure, subject, value, printed, unit, decimals_of(printed), offset, state)
        )

    def emit_unclassified(self, token: Token) -> None:
        self.emit_value(
            token,
            UNCLASSIFIED,
            "amount",
            None,
            None,
            token.match.group("num"),
            token.match.group("unit"),
            token.match.start("num"),
        )

    def figure(
        self,
        token: Token,
        metric: str,
        measure: str,
        subject: str | None,
        value: Decimal,
        printed: str,
        unit: str,
        decimals: int,
        offset: int,
        state: LabelState | None,
    ) -> NarrativeFigure:
        line = self.paragraph.line_at(offset)
        ref = SourceRef.of_line(self.file_name, line, self.section.heading, state.printed if state else None)
        return NarrativeFigure(
            metric=metric,
            measure=measure,
            subject=subject,
            value=value,
            printed=printed,
            unit=unit,
            decimals=decimals,
            line_no=line.line_no,
            page_no=line.page_no,
            context=self.sentences[self.sentence_index].text,
            source_ref=ref.render(),
        )

    def subject_of(self, state: LabelState) -> str | None:
        return state.printed if state.label.kind == "category" else None

    def issue(self, token: Token, message: str) -> None:
        line = self.paragraph.line_at(token.start)
        context = self.sentences[self.sentence_index].text
        self.issues.append(IngestIssue(STAGE, "info", f"{message} in {context!r}", line.line_no, line.page_no))


RATE_MEASURES = frozenset({"share", "completion_rate", "change_rate"})


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def _non_overlapping(tokens: list[Token]) -> list[Token]:
    """Earliest first; at the same start the longest, then the higher-priority pattern."""
    tokens.sort(key=lambda t: (t.start, -(t.end - t.start), t.rank))
    chosen: list[Token] = []
    end = -1
    for token in tokens:
        if token.start >= end:
            chosen.append(token)
            end = token.end
    return chosen


def _unit(printed: str | None) -> str:
    return {"万": "万元"}.get(printed or "", printed or "")
