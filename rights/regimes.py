"""The legal catalogue: regimes, the rights each offers and the provisions each letter cites.

Pure data. Everything that differs between laws is an attribute of `Regime` or `Right`: no
other module compares a regime's id. Adding a regime means adding a `Regime` row here (its
wording in regime_texts.py), a rules row in `deadlines.py`, its completeness items in
`completeness.py`, and folders of letter templates under templates/rights/letters/<language>/
<regime id>/ and .../followups/<regime id>/ (docs/architecture.md, "Adding a law").
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeAlias

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import regime_texts as texts
from .deadlines import DeadlineRule, UnknownRegime, rule_for

# Wording the catalogue holds: a plain string or a lazily translated one.
Text: TypeAlias = str | Promise


@dataclass(frozen=True)
class Right:
    id: str
    label: str
    help_text: str
    citations: tuple[str, ...]
    # The provision named in the letter's subject line.
    headline: str
    # Access-style rights unlock the extra questions on legal basis, DPIA and LIA.
    is_access: bool = False
    # The provisions that set this right's time limit, where it differs from the regime's.
    deadline_citations: tuple[str, ...] = ()
    # Further provisions only follow-ups about this right cite (the completeness items).
    followup_citations: tuple[str, ...] = ()
    # Whether the law lets the controller extend the time to act on this right.
    extendable: bool = True
    # (citation, right): the citation is dropped when that right is asked in the same letter.
    not_with: tuple[tuple[str, str], ...] = ()
    # What a gap letter tells the employer it owes on this right; worded in _gap_demand.txt.
    gap_demand: tuple[str, ...] = ()
    # What the worker wants from it, for grouping the form's choices (regime_texts.AIMS).
    aim: str = "see"

    def citations_with(self, chosen: Iterable[str]) -> tuple[str, ...]:
        """The provisions the letter cites for this right, given all the rights asked."""
        others = set(chosen)
        dropped = {citation for citation, right in self.not_with if right in others}
        return tuple(c for c in self.citations if c not in dropped)


@dataclass(frozen=True)
class Regime:
    id: str
    name: str
    short_name: str
    law_title: str
    paper_size: str
    countries: frozenset[str]
    us_states: frozenset[str]
    rights: tuple[Right, ...]
    deadline_citation: str
    # Provisions the opening and closing of every letter under this regime cite.
    closing_citations: tuple[str, ...]
    # Django date-filter format for dates in the letter.
    date_format: str
    asks_for_assessments: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)
    # Provisions a follow-up may cite whatever right was asked: time limits, complaints, the
    # authority's powers, non-retaliation.
    procedural_citations: tuple[str, ...] = ()
    # Provisions no longer in force, with the first day they may not be cited.
    repealed: Mapping[str, datetime.date] = field(default_factory=dict)
    # The access answer's item on the right to complain (completeness.py); empty: no such item.
    access_complaint_item: Text = ""
    # Whose place decides that the law applies and where to complain: "workplace" (the
    # employer's establishment there) or "residence" (the CCPA protects California residents).
    coverage_follows: str = "workplace"
    # For a law that follows residence: the place code every letter says the worker lives in.
    resident_of: str = ""
    # The line above the employer's address, and the request letter's subject line.
    attention_line: Text = texts.DPO_ATTENTION
    letter_subject: Text = texts.LETTER_SUBJECT
    # Why this law does not cover a workplace: by the workplace's country, else the default.
    mismatch_reason: Text = ""
    mismatch_reasons: Mapping[str, Text] = field(default_factory=dict)
    # The provisions each follow-up cites whatever right was asked, by follow-up kind.
    followup_citations: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Whether the answer to an "excessive or abusive" refusal (CJEU C-526/24) applies.
    refusal_rebuttal: bool = False
    # The first day the controller may stop the clock on a request it received (UK Art. 12A).
    clock_stops_from: datetime.date | None = None
    # The first day a worker may complain to the employer itself (UK DPA 2018 s.164A), the
    # provisions letters to the employer cite for it, and those a complaint adds.
    controller_complaints_from: datetime.date | None = None
    controller_complaint_citations: tuple[str, ...] = ()
    controller_complaint_sources: tuple[str, ...] = ()
    # The authority (directory slug) listed first among those that take complaints, and why.
    first_complaint_route: str = ""
    first_route_reason: Text = ""
    # Why the authorities page suggests the employer's lead authority (%(employer)s) and the
    # authority where the worker works (%(place)s); empty: the general wording.
    lead_authority_reason: Text = ""
    workplace_authority_reason: Text = ""
    # A complaint the worker may swear (CCPA, Regs § 7300) and its provisions either way.
    sworn_complaint_citations: tuple[str, ...] = ()
    unsworn_complaint_citations: tuple[str, ...] = ()
    sworn_complaint_note: Text = ""
    unsworn_complaint_note: Text = ""
    # Notes to the worker beside a complaint to the authority, after those above.
    complaint_notes: tuple[Text, ...] = ()
    controller_complaint_note: Text = ""
    undated_controller_complaint_note: Text = ""

    def right(self, right_id: str) -> Right:
        for right in self.rights:
            if right.id == right_id:
                return right
        raise UnknownRight(right_id)

    @property
    def right_ids(self) -> frozenset[str]:
        return frozenset(right.id for right in self.rights)

    def citations_for(self, right_ids: Iterable[str]) -> frozenset[str]:
        """Every provision a letter or follow-up for these rights may cite."""
        chosen = set(right_ids)
        cited = set(self.procedural_citations) | set(self.closing_citations)
        cited.add(self.deadline_citation)
        for right in self.rights:
            if right.id in chosen:
                cited |= set(right.citations_with(chosen)) | set(right.deadline_citations)
                cited |= set(right.followup_citations)
                cited.add(right.headline)
        return frozenset(cited)

    def deadline_citation_for(self, right_ids: Iterable[str]) -> str:
        """The provisions that set the time limit for these rights, joined for a letter."""
        chosen = set(right_ids)
        found = [c for r in self.rights if r.id in chosen for c in r.deadline_citations]
        return "; ".join(dict.fromkeys(found)) or self.deadline_citation

    def extendable(self, right_ids: Iterable[str]) -> tuple[str, ...]:
        """The rights among these whose time limit the controller may extend."""
        chosen = set(right_ids)
        return tuple(r.id for r in self.rights if r.id in chosen and r.extendable)

    def is_repealed(self, citation: str, *, on: datetime.date) -> bool:
        since = self.repealed.get(citation)
        return since is not None and on >= since

    @property
    def deadline_rule(self) -> DeadlineRule:
        """How this law counts its main response period (rights/deadlines.py)."""
        return rule_for(self.id)

    def can_stop_clock(self, received_on: datetime.date) -> bool:
        """Whether the employer may stop the clock on a request received that day."""
        return self.clock_stops_from is not None and received_on >= self.clock_stops_from

    def controller_complaints_apply(self, on: datetime.date) -> bool:
        """Whether, on that day, a worker may complain to the employer itself."""
        since = self.controller_complaints_from
        return since is not None and on >= since

    @property
    def offers_sworn_complaint(self) -> bool:
        return bool(self.sworn_complaint_citations)

    def mismatch_for(self, country: str) -> str:
        """Why this law does not cover a worker whose workplace is in ``country``."""
        return str(self.mismatch_reasons.get(country, self.mismatch_reason))

    def covers(self, *, country: str, us_state: str = "") -> bool:
        if us_state:
            return country == "US" and us_state in self.us_states
        return country in self.countries


class UnknownRight(ValueError):
    pass


UK_S165 = "section 165 of the Data Protection Act 2018"
# UK: section 164A of the Data Protection Act 2018, inserted by section 103 of the Data (Use and
# Access) Act 2025, lets a data subject complain to the controller, which must acknowledge the
# complaint within 30 days. It applies from 19 June 2026 (legislation.gov.uk, s.103; ICO
# guidance). Since then the ICO expects, in most cases, a complaint to the organisation first.
UK_CONTROLLER_COMPLAINTS_FROM = datetime.date(2026, 6, 19)
UK_S164A = "section 164A of the Data Protection Act 2018"
UK_DUAA_S103 = "section 103 of the Data (Use and Access) Act 2025"
# UK GDPR Art. 12A (Data (Use and Access) Act 2025 s.76) applies to requests received on or
# after this day (SI 2026/82 reg. 2(h)); earlier requests keep the old rules.
UK_STOP_THE_CLOCK_FROM = datetime.date(2026, 2, 5)

# The 27 Member States, on one line rather than one a line.
EU_MEMBER_STATES = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split()  # noqa: SIM905
)

GDPR_RIGHTS = (
    Right(
        id="access",
        headline="Art. 15",
        label=_("Access: a copy of the monitoring data and how it is used"),
        help_text=_(
            "Everything listed in Article 15(1)(a) to (h), the safeguards for transfers abroad "
            "(15(2)) and a copy of the data (15(3))."
        ),
        citations=(
            "Art. 15(1)",
            "Art. 15(1)(a)",
            "Art. 15(1)(b)",
            "Art. 15(1)(c)",
            "Art. 15(1)(d)",
            "Art. 15(1)(e)",
            "Art. 15(1)(f)",
            "Art. 15(1)(g)",
            "Art. 15(1)(h)",
            "Art. 15(2)",
            "Art. 15(3)",
            "Art. 15(4)",
            "Art. 9(2)",
            "Art. 7(3)",
        ),
        is_access=True,
        gap_demand=("Art. 15(1)", "Art. 15(3)"),
    ),
    Right(
        id="objection",
        aim="stop",
        headline="Art. 21(1)",
        label=_("Object to the monitoring and to its reuse for AI training"),
        help_text=_(
            "Article 21(1) applies where the employer relies on legitimate interests "
            "(Art. 6(1)(f)) or a public task (Art. 6(1)(e)). The employer must stop unless it "
            "shows compelling grounds that override yours."
        ),
        citations=("Art. 21(1)", "Art. 6(1)(e)", "Art. 6(1)(f)", "Art. 18(1)(d)"),
        gap_demand=("Art. 21(1)", "Art. 18(1)(d)"),
    ),
    Right(
        id="erasure",
        aim="delete",
        headline="Art. 17",
        label=_("Erasure of the monitoring data"),
        help_text=_(
            "Article 17(1): the data are no longer necessary (a), you have objected and there "
            "are no overriding grounds (c), or the processing is unlawful (d)."
        ),
        citations=("Art. 17(1)(a)", "Art. 17(1)(c)", "Art. 17(1)(d)", "Art. 19"),
        followup_citations=("Art. 17(1)",),
        gap_demand=("Art. 17(1)", "Art. 19"),
    ),
    Right(
        id="restriction",
        aim="stop",
        headline="Art. 18",
        label=_("Restrict (freeze) the use of the data"),
        help_text=_(
            "Article 18(1): while accuracy is checked (a), instead of erasure of unlawfully "
            "processed data (b), or while your objection is considered (d)."
        ),
        citations=("Art. 18(1)(a)", "Art. 18(1)(b)", "Art. 18(1)(d)", "Art. 18(2)", "Art. 18(3)"),
        followup_citations=("Art. 18(1)",),
        gap_demand=("Art. 18(1)",),
        # Art. 18(1)(b) is restriction *instead of* erasure: never with an erasure request.
        not_with=(("Art. 18(1)(b)", "erasure"),),
    ),
    Right(
        id="rectification",
        aim="fix",
        headline="Art. 16",
        label=_("Correct inaccurate scores or inferences"),
        help_text=_("Article 16: inaccurate data corrected and incomplete data completed."),
        citations=("Art. 16", "Art. 19"),
        gap_demand=("Art. 16",),
    ),
    Right(
        id="automated_decisions",
        aim="decide",
        headline="Art. 22",
        label=_("Decisions made by software about you"),
        help_text=_(
            "Article 22: not to be subject to a decision based solely on automated processing "
            "with legal or similarly significant effects."
        ),
        citations=("Art. 22(1)", "Art. 22(2)(a)", "Art. 22(3)", "Art. 15(1)(h)"),
        followup_citations=("Art. 22(2)(c)",),
        gap_demand=("Art. 22(1)",),
    ),
    Right(
        id="portability",
        headline="Art. 20",
        label=_("Portability (only for consent or contract processing)"),
        help_text=_(
            "Article 20 covers only data processed by automated means on the basis of consent or "
            "a contract. Monitoring usually rests on legitimate interests, where it does not "
            "apply: ask for access instead."
        ),
        citations=("Art. 20(1)", "Art. 6(1)(a)", "Art. 6(1)(b)"),
        gap_demand=("Art. 20(1)",),
    ),
)

UK_GDPR_RIGHTS = (
    Right(
        id="access",
        headline="Art. 15",
        label=GDPR_RIGHTS[0].label,
        help_text=_(
            "Everything listed in Article 15(1)(a) to (h) of the UK GDPR, transfer safeguards "
            "(15(2)) and a copy (15(3)), from a reasonable and proportionate search (15(1A))."
        ),
        citations=GDPR_RIGHTS[0].citations + ("Art. 15(1A)",),
        is_access=True,
        gap_demand=GDPR_RIGHTS[0].gap_demand,
    ),
    GDPR_RIGHTS[1],
    GDPR_RIGHTS[2],
    GDPR_RIGHTS[3],
    GDPR_RIGHTS[4],
    Right(
        id="automated_decisions",
        aim="decide",
        headline="Arts. 22A to 22C",
        label=GDPR_RIGHTS[5].label,
        help_text=_(
            "Articles 22A to 22C of the UK GDPR: safeguards for significant decisions based "
            "solely on automated processing, including human intervention and the right to "
            "contest the decision."
        ),
        citations=("Art. 22A", "Art. 22B", "Art. 22C", "Art. 15(1)(h)"),
        gap_demand=("Art. 22A",),
    ),
    GDPR_RIGHTS[6],
)

# Know, delete and correct: 45 calendar days, one extension (Civ. Code § 1798.130(a)(2); Regs
# § 7021(b)). Opt-out and limit: 15 business days, no extension (Regs §§ 7026(f), 7027(g)).
CCPA_45_DAYS = ("§ 1798.130(a)(2)", "Cal. Code Regs. tit. 11, § 7021(b)")
# Acknowledge a request to know, delete or correct within 10 business days (Regs § 7021(a)).
CCPA_REGS_7021A = "Cal. Code Regs. tit. 11, § 7021(a)"
CCPA_REGS_7026F = "Cal. Code Regs. tit. 11, § 7026(f)"
CCPA_REGS_7027G = "Cal. Code Regs. tit. 11, § 7027(g)"
CCPA_REGS_7300 = "Cal. Code Regs. tit. 11, § 7300"
CCPA_REGS_7300_A_3 = "Cal. Code Regs. tit. 11, § 7300(a)(3)"
CCPA_REGS_7301_A = "Cal. Code Regs. tit. 11, § 7301(a)"

CCPA_RIGHTS = (
    Right(
        id="know",
        headline="§§ 1798.100, 1798.110 and 1798.115",
        label=_("Right to know: the categories and the specific pieces of information"),
        help_text=_(
            "Sections 1798.100, 1798.110 and 1798.115: categories, sources, purposes, who it was "
            "disclosed, sold or shared to, and the specific pieces of personal information."
        ),
        citations=(
            "§ 1798.100",
            "§ 1798.110",
            "§ 1798.115",
            "§ 1798.130(a)(2)(B)",
            CCPA_REGS_7021A,
        ),
        followup_citations=(
            *(f"§ 1798.110(a)({n})" for n in range(1, 6)),
            "§ 1798.115(a)(2)",
            "§ 1798.115(a)(3)",
        ),
        is_access=True,
        deadline_citations=CCPA_45_DAYS,
        gap_demand=("§ 1798.110", "§ 1798.115"),
    ),
    Right(
        id="delete",
        aim="delete",
        headline="§ 1798.105",
        label=_("Delete the monitoring data"),
        help_text=_("Section 1798.105, subject to the exceptions the law lists."),
        citations=("§ 1798.105", CCPA_REGS_7021A),
        followup_citations=("§ 1798.105(c)(1)",),
        deadline_citations=CCPA_45_DAYS,
        gap_demand=("§ 1798.105(c)(1)",),
    ),
    Right(
        id="correct",
        aim="fix",
        headline="§ 1798.106",
        label=_("Correct inaccurate information"),
        help_text=_("Section 1798.106."),
        citations=("§ 1798.106", CCPA_REGS_7021A),
        deadline_citations=CCPA_45_DAYS,
        gap_demand=("§ 1798.106",),
    ),
    Right(
        id="limit",
        aim="stop",
        headline="§ 1798.121",
        label=_("Limit the use of sensitive personal information"),
        help_text=_(
            "Section 1798.121: captured log-in credentials and the contents of your mail, e-mail "
            "and messages are sensitive personal information."
        ),
        citations=(
            "§ 1798.121",
            "§ 1798.121(d)",
            "§ 1798.140(ae)(1)(B)",
            "§ 1798.140(c)",
            "Cal. Code Regs. tit. 11, § 7014(e)",
        ),
        deadline_citations=(CCPA_REGS_7027G,),
        extendable=False,
        gap_demand=("§ 1798.121",),
    ),
    Right(
        id="opt_out",
        aim="stop",
        headline="§ 1798.120",
        label=_("Opt out of the sale or sharing of the information"),
        help_text=_("Section 1798.120."),
        citations=("§ 1798.120",),
        deadline_citations=(CCPA_REGS_7026F,),
        extendable=False,
        gap_demand=("§ 1798.120",),
    ),
)

REGIMES: dict[str, Regime] = {
    regime.id: regime
    for regime in (
        Regime(
            id="eu_gdpr",
            name=_("EU General Data Protection Regulation"),
            short_name="GDPR",
            law_title="Regulation (EU) 2016/679 (General Data Protection Regulation)",
            paper_size="A4",
            countries=EU_MEMBER_STATES,
            us_states=frozenset(),
            rights=GDPR_RIGHTS,
            deadline_citation="Art. 12(3)",
            closing_citations=("Art. 12(3)", "Art. 12(4)", "Art. 12(5)", "Art. 12(6)", "Art. 77"),
            date_format="j F Y",
            asks_for_assessments=True,
            procedural_citations=(
                "Art. 12(3)",
                "Art. 12(4)",
                "Art. 77",
                "Art. 77(1)",
                "Art. 77(2)",
                "Art. 58(2)(c)",
            ),
            access_complaint_item=texts.EU_ACCESS_COMPLAINT_ITEM,
            mismatch_reason=texts.EU_NOT_FOR_US,
            mismatch_reasons={"GB": texts.EU_NOT_FOR_UK},
            followup_citations={
                "reminder": ("Art. 12(3)", "Art. 12(4)", "Art. 77"),
                "extension_challenge": ("Art. 12(3)", "Art. 12(4)", "Art. 77"),
                "gap": ("Art. 12(3)", "Art. 77"),
                "complaint": ("Art. 77(1)", "Art. 77(2)", "Art. 12(3)", "Art. 58(2)(c)"),
                "refusal_rebuttal": ("Art. 12(5)", "Art. 77"),
            },
            # CJEU C-526/24 (19 March 2026): even a first request may be refused as abusive,
            # but only if the controller proves an abusive intention (legal_facts.yaml,
            # cjeu_c_526_24). EU only: it does not bind UK courts; the CCPA has its own wording.
            refusal_rebuttal=True,
            lead_authority_reason=texts.EU_LEAD_REASON,
            workplace_authority_reason=texts.EU_WORKPLACE_REASON,
            complaint_notes=(texts.EU_COMPLAINT_NOTE,),
        ),
        Regime(
            id="uk_gdpr",
            name=_("UK GDPR and Data Protection Act 2018"),
            short_name="UK GDPR",
            law_title=(
                "the UK GDPR and the Data Protection Act 2018, as amended by the "
                "Data (Use and Access) Act 2025"
            ),
            paper_size="A4",
            countries=frozenset({"GB"}),
            us_states=frozenset(),
            rights=UK_GDPR_RIGHTS,
            deadline_citation="Art. 12(3) and Art. 12A",
            closing_citations=(
                "Art. 12(3)",
                "Art. 12A",
                "Art. 12(4)",
                "Art. 12(5)",
                "Art. 12(6)",
                UK_S165,
            ),
            date_format="j F Y",
            asks_for_assessments=True,
            procedural_citations=(
                "Art. 12(3)",
                "Art. 12A",
                "Art. 12(4)",
                UK_S165,
                "section 164A of the Data Protection Act 2018",
                "section 103 of the Data (Use and Access) Act 2025",
            ),
            # Data (Use and Access) Act 2025 s.103 omitted UK GDPR Art. 77 from 19 June 2026;
            # the right to complain to the Commissioner is now DPA 2018 s.165
            # (rights/data/legal_facts.yaml, uk_complaint_route: verified_secondary).
            repealed={"Art. 77": datetime.date(2026, 6, 19)},
            access_complaint_item=texts.UK_ACCESS_COMPLAINT_ITEM,
            mismatch_reason=texts.UK_MISMATCH,
            followup_citations={
                "reminder": ("Art. 12(3)", "Art. 12A", "Art. 12(4)", UK_S165),
                "extension_challenge": ("Art. 12(3)", "Art. 12A", "Art. 12(4)", UK_S165),
                "gap": ("Art. 12(3)", "Art. 12A", UK_S165),
                "complaint": (UK_S165, "Art. 12(3)", "Art. 12A"),
            },
            clock_stops_from=UK_STOP_THE_CLOCK_FROM,
            controller_complaints_from=UK_CONTROLLER_COMPLAINTS_FROM,
            controller_complaint_citations=(UK_S164A,),
            controller_complaint_sources=(UK_DUAA_S103,),
            workplace_authority_reason=texts.UK_WORKPLACE_REASON,
            complaint_notes=(texts.UK_COMPLAINT_NOTE,),
            controller_complaint_note=texts.UK_CONTROLLER_COMPLAINT_NOTE,
            undated_controller_complaint_note=texts.UK_UNDATED_CONTROLLER_COMPLAINT_NOTE,
        ),
        Regime(
            id="us_ca_ccpa",
            name=_("California Consumer Privacy Act (as amended by the CPRA)"),
            short_name="CCPA",
            law_title=(
                "the California Consumer Privacy Act, as amended by the California Privacy "
                "Rights Act (Cal. Civ. Code § 1798.100 et seq.)"
            ),
            paper_size="Letter",
            countries=frozenset(),
            us_states=frozenset({"CA"}),
            rights=CCPA_RIGHTS,
            deadline_citation="§ 1798.130(a)(2)",
            closing_citations=("§ 1798.125(a)(1)(E)", "§ 1798.199.45"),
            date_format="F j, Y",
            procedural_citations=(
                # The Act as a whole: "Cal. Civ. Code § 1798.100 et seq.".
                "§ 1798.100",
                "§ 1798.125(a)(1)(E)",
                "§ 1798.199.45",
                "Cal. Code Regs. tit. 11, § 7300",
                "Cal. Code Regs. tit. 11, § 7300(a)(3)",
                "Cal. Code Regs. tit. 11, § 7301(a)",
                # An authorised agent (rights/data/legal_facts.yaml, ccpa_agents: unverified).
                "Cal. Code Regs. tit. 11, § 7063",
            ),
            coverage_follows="residence",
            resident_of="US-CA",
            attention_line=texts.PRIVACY_ATTENTION,
            letter_subject=texts.CCPA_LETTER_SUBJECT,
            mismatch_reason=texts.CCPA_MISMATCH,
            followup_citations={
                "reminder": ("§ 1798.125(a)(1)(E)", "§ 1798.199.45"),
                "extension_challenge": ("§ 1798.125(a)(1)(E)", "§ 1798.199.45"),
                "gap": ("§ 1798.125(a)(1)(E)", "§ 1798.199.45"),
                "complaint": ("§ 1798.199.45", "§ 1798.125(a)(1)(E)"),
            },
            # The CPPA takes complaints under Cal. Civ. Code § 1798.199.45, before the
            # Attorney General.
            first_complaint_route="us_ca_cppa",
            first_route_reason=texts.CCPA_FIRST_ROUTE_REASON,
            sworn_complaint_citations=(CCPA_REGS_7300, CCPA_REGS_7300_A_3),
            unsworn_complaint_citations=(CCPA_REGS_7301_A,),
            sworn_complaint_note=texts.CCPA_SWORN_NOTE,
            unsworn_complaint_note=texts.CCPA_UNSWORN_NOTE,
            complaint_notes=(texts.CCPA_COMPLAINT_NOTE,),
        ),
    )
}


def get_regime(regime_id: str) -> Regime:
    try:
        return REGIMES[regime_id]
    except KeyError:
        raise UnknownRegime(regime_id) from None


def regime_for_workplace(*, country: str, us_state: str = "") -> Regime | None:
    for regime in REGIMES.values():
        if regime.covers(country=country, us_state=us_state):
            return regime
    return None
