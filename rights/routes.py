"""Every route open to a monitored worker, and who each one is for. Pure data and functions.

A route is one thing a person can do: a data-rights request, a personnel-file request, a letter
to a works council, a group letter, a complaint. Each row names its provisions, its deadline
rule, the legal facts it rests on (ids into rights/data/legal_facts.yaml) and the weakest
verification status among them, and says who it applies to. ``routes_for`` answers the finder.
"""

import datetime
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .regimes import EU_MEMBER_STATES

EMPLOYEE = "employee"
CONTRACTOR = "contractor"
COLLEAGUE = "colleague"
ROLES = (EMPLOYEE, CONTRACTOR, COLLEAGUE)

WORKS_COUNCIL = "works_council"
UNION = "union"
NO_REPRESENTATION = "none"
UNKNOWN_REPRESENTATION = "unknown"
REPRESENTATIONS = (WORKS_COUNCIL, UNION, NO_REPRESENTATION, UNKNOWN_REPRESENTATION)

ROLE_CHOICES = [
    (EMPLOYEE, _("An employee (on the payroll)")),
    (CONTRACTOR, _("A contractor or freelancer")),
    (COLLEAGUE, _("Someone whose messages to a monitored person were captured")),
]
REPRESENTATION_CHOICES = [
    (WORKS_COUNCIL, _("Yes, a works council")),
    (UNION, _("Yes, a union")),
    (NO_REPRESENTATION, _("No")),
    (UNKNOWN_REPRESENTATION, _("I don't know")),
]

# Where a button leads: a letter of this module's kinds, the existing data-rights request, the
# authority finder, petitions, or nowhere (shown for information only).
LETTER = "letter"
DATA_RIGHTS = "data_rights"
COMPLAINT = "complaint"
PETITION = "petition"
INFORMATION = "information"

STATUS_ORDER = ("unverified", "verified_secondary", "verified_primary")

UNITED_KINGDOM = "GB"
EUROPE = frozenset(EU_MEMBER_STATES) | {UNITED_KINGDOM}
CALIFORNIA = "US-CA"
ANY_US_STATE = "US-*"
ANYWHERE = "*"


@dataclass(frozen=True)
class Route:
    id: str
    title: str | Promise
    gives: str | Promise
    provisions: tuple[str, ...]
    fact_ids: tuple[str, ...]
    # The weakest status among the key facts (a test checks it against legal_facts.yaml).
    status: str
    # Open where the person works in one of ``workplaces`` OR lives in one of ``residences``.
    workplaces: frozenset[str]
    residences: frozenset[str]
    roles: frozenset[str]
    action: str
    deadline: str | Promise = ""
    deadline_days: int | None = None
    letter_kind: str = ""
    # Only where a works council (or a union) exists; empty means whatever exists.
    representation: frozenset[str] = frozenset()
    starts_on: datetime.date | None = None
    # A right the person can enforce on their own (in court or with an authority).
    individual: bool = True
    low_value: bool = False
    note: str | Promise = ""

    @property
    def checked(self) -> bool:
        """False when a key fact is not yet checked against the official text."""
        return self.status != "unverified"


ROUTES: tuple[Route, ...] = (
    Route(
        id="data_rights",
        title=_("Ask for your monitoring data, object, have it erased"),
        gives=_(
            "A copy of what the monitoring recorded about you and how it is used; stop its use "
            "for AI training; erasure."
        ),
        provisions=("GDPR Arts. 15-22", "UK GDPR Arts. 15-22", "Cal. Civ. Code § 1798.100 ff."),
        deadline=_("One month (GDPR, UK GDPR) or 45 days (CCPA)."),
        fact_ids=("completeness_per_right", "ccpa_residence"),
        status="verified_primary",
        workplaces=EUROPE,
        residences=frozenset({CALIFORNIA}),
        roles=frozenset({EMPLOYEE, CONTRACTOR}),
        action=DATA_RIGHTS,
    ),
    Route(
        id="eu_colleague",
        title=_("Ask what was captured from your messages, and object"),
        gives=_(
            "Your messages, chats or calls with a monitored person are your personal data too: "
            "you can see them, learn how they are used, and object."
        ),
        provisions=("GDPR Art. 15", "GDPR Art. 21(1)", "GDPR Art. 14"),
        deadline=_("One month from receipt (Art. 12(3))."),
        fact_ids=("gdpr_colleague_rights",),
        status="verified_primary",
        workplaces=EUROPE,
        residences=EUROPE,
        roles=frozenset({COLLEAGUE}),
        action=LETTER,
        letter_kind="eu_colleague",
    ),
    Route(
        id="wa_personnel_file",
        title=_("Get a free copy of your personnel file (Washington)"),
        gives=_(
            "A free copy within 21 days; once a year, ask to remove wrong or irrelevant "
            "information or add your own statement."
        ),
        provisions=("RCW 49.12.240", "RCW 49.12.250"),
        deadline=_("21 calendar days from the request."),
        deadline_days=21,
        fact_ids=("wa_personnel_file",),
        status="verified_secondary",
        workplaces=frozenset({"US-WA"}),
        residences=frozenset(),
        roles=frozenset({EMPLOYEE}),
        action=LETTER,
        letter_kind="wa_personnel_file",
        note=_(
            "The personnel file may not include raw monitoring logs unless they are used to "
            "evaluate you."
        ),
    ),
    Route(
        id="ca_personnel_records",
        title=_("See and copy your personnel records (California)"),
        gives=_(
            "Records about your performance or any grievance, to inspect or copy within 30 days. "
            "For anyone working in California, wherever they live."
        ),
        provisions=("Cal. Lab. Code § 1198.5",),
        deadline=_("30 calendar days from receipt."),
        deadline_days=30,
        fact_ids=("ca_labor_code_1198_5",),
        status="verified_secondary",
        workplaces=frozenset({CALIFORNIA}),
        residences=frozenset(),
        roles=frozenset({EMPLOYEE}),
        action=LETTER,
        letter_kind="ca_personnel_records",
    ),
    Route(
        id="ca_admt_access",
        title=_("Ask whether automated decisions about you use this data (California)"),
        gives=_(
            "From 1 January 2027: whether data from the programme feed automated decisions about "
            "your work, pay, promotion or dismissal, and how."
        ),
        provisions=("CCPA ADMT regulations (CPPA)",),
        fact_ids=("ca_cppa_admt",),
        status="verified_secondary",
        workplaces=frozenset(),
        residences=frozenset({CALIFORNIA}),
        roles=frozenset({EMPLOYEE, CONTRACTOR}),
        action=LETTER,
        letter_kind="ca_admt_access",
        starts_on=datetime.date(2027, 1, 1),
    ),
    Route(
        id="ny_monitoring_notice",
        title=_("Ask for the monitoring notice you were owed (New York)"),
        gives=_(
            "The written notice and your signed acknowledgement, and whether they cover this "
            "programme. Notice only: no right to see or delete data."
        ),
        provisions=("N.Y. Civ. Rights Law § 52-c",),
        fact_ids=("ny_civil_rights_52c",),
        status="verified_secondary",
        workplaces=frozenset({"US-NY"}),
        residences=frozenset(),
        roles=frozenset({EMPLOYEE}),
        action=LETTER,
        letter_kind="ny_monitoring_notice",
        individual=False,
        note=_("Only the state Attorney General enforces it."),
    ),
    Route(
        id="il_records",
        title=_("Ask whether your private messages are kept, and ask for deletion (Illinois)"),
        gives=_(
            "Your employer may not keep records of your associations, communications or "
            "activities outside work without your written permission, with exceptions."
        ),
        provisions=("820 ILCS 40/9",),
        fact_ids=("il_820_ilcs_40_9",),
        status="verified_primary",
        workplaces=frozenset({"US-IL"}),
        residences=frozenset(),
        roles=frozenset({EMPLOYEE}),
        action=LETTER,
        letter_kind="il_records",
    ),
    Route(
        id="ct_monitoring_notice",
        title=_("Monitoring notice (Connecticut)"),
        gives=_("Your employer must tell you in advance about electronic monitoring. Little more."),
        provisions=("Conn. Gen. Stat. § 31-48d",),
        fact_ids=("ct_de_monitoring_notice",),
        status="verified_secondary",
        workplaces=frozenset({"US-CT"}),
        residences=frozenset(),
        roles=frozenset({EMPLOYEE}),
        action=INFORMATION,
        individual=False,
        low_value=True,
    ),
    Route(
        id="de_monitoring_notice",
        title=_("Monitoring notice (Delaware)"),
        gives=_("Your employer must tell you in advance about electronic monitoring. Little more."),
        provisions=("19 Del. C. § 705",),
        fact_ids=("ct_de_monitoring_notice",),
        status="verified_secondary",
        workplaces=frozenset({"US-DE"}),
        residences=frozenset(),
        roles=frozenset({EMPLOYEE}),
        action=INFORMATION,
        individual=False,
        low_value=True,
    ),
    Route(
        id="nlra_group",
        title=_("Ask together: a group letter about the monitoring"),
        gives=_(
            "Employees asking together to pause the programme, disclose its scope and offer an "
            "opt-out are protected from retaliation by federal law, once the employer knows."
        ),
        provisions=("29 U.S.C. § 157", "29 U.S.C. § 158(a)(1)"),
        fact_ids=("nlra_section_7", "nlra_concerted_known", "nlra_supervisors_excluded"),
        status="unverified",
        workplaces=frozenset({ANY_US_STATE}),
        residences=frozenset(),
        roles=frozenset({EMPLOYEE}),
        action=LETTER,
        letter_kind="nlra_group",
        individual=False,
        note=_("Supervisors and independent contractors are not covered."),
    ),
    Route(
        id="de_works_council",
        title=_("Ask your works council to act (Germany)"),
        gives=_(
            "Monitoring software needs the works council's agreement. The council can stop it "
            "until it agrees, which no individual letter can do."
        ),
        provisions=("§ 87 Abs. 1 Nr. 6 BetrVG", "§ 80 Abs. 2 BetrVG"),
        fact_ids=("betrvg_87_1_6", "betrvg_80_2", "cjeu_c_34_21"),
        status="verified_secondary",
        workplaces=frozenset({"DE"}),
        residences=frozenset(),
        roles=frozenset({EMPLOYEE}),
        representation=frozenset({WORKS_COUNCIL}),
        action=LETTER,
        letter_kind="de_works_council",
        individual=False,
    ),
    Route(
        id="it_art4",
        title=_("Ask for the union agreement or authorisation (Italy)"),
        gives=_(
            "Tools that allow remote monitoring need a union agreement or a labour-inspectorate "
            "authorisation. Ask to see the one that covers this programme."
        ),
        provisions=("Art. 4 L. 300/1970",),
        fact_ids=("it_statuto_art_4",),
        status="verified_secondary",
        workplaces=frozenset({"IT"}),
        residences=frozenset(),
        roles=frozenset({EMPLOYEE}),
        action=LETTER,
        letter_kind="it_art4",
        individual=False,
    ),
    Route(
        id="complaint",
        title=_("Complain to the data-protection authority"),
        gives=_("If your request goes unanswered or the answer is incomplete."),
        provisions=("GDPR Art. 77", "DPA 2018 s. 165", "Cal. Civ. Code § 1798.199.45"),
        fact_ids=("uk_complaint_route", "ccpa_sworn_complaint"),
        status="verified_secondary",
        workplaces=EUROPE,
        residences=frozenset({CALIFORNIA}),
        roles=frozenset(ROLES),
        action=COMPLAINT,
    ),
    Route(
        id="petition",
        title=_("Act together: an anonymous petition"),
        gives=_(
            "Colleagues sign without being identified, and the employer sees how many object. "
            "Open to everyone."
        ),
        provisions=(),
        fact_ids=("nlra_concerted_known",),
        status="verified_secondary",
        workplaces=frozenset({ANYWHERE}),
        residences=frozenset(),
        roles=frozenset(ROLES),
        action=PETITION,
        individual=False,
    ),
)

ROUTES_BY_ID = {route.id: route for route in ROUTES}


@dataclass(frozen=True)
class OpenRoute:
    route: Route
    # The route exists in law but begins later (shown with its start date).
    starts_later: bool


@dataclass(frozen=True)
class Finding:
    routes: tuple[OpenRoute, ...]
    # No route the person can enforce alone: the page says so and points to acting together.
    no_individual_right: bool

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(open_route.route.id for open_route in self.routes)


def _place_matches(codes: frozenset[str], place: str) -> bool:
    if not place:
        return False
    return (
        place in codes or ANYWHERE in codes or (ANY_US_STATE in codes and place.startswith("US-"))
    )


def applies(
    route: Route, *, workplace: str, residence: str, role: str, representation: str
) -> bool:
    """Whether the route is open to this person (places are codes such as "DE" or "US-NY")."""
    if role not in route.roles:
        return False
    if route.representation and representation not in route.representation:
        return False
    return _place_matches(route.workplaces, workplace) or _place_matches(
        route.residences, residence
    )


def routes_for(
    *, workplace: str, residence: str, role: str, representation: str, today: datetime.date
) -> Finding:
    """The routes open to this person, in catalogue order, with those that begin later."""
    found = tuple(
        OpenRoute(route=route, starts_later=bool(route.starts_on and route.starts_on > today))
        for route in ROUTES
        if applies(
            route,
            workplace=workplace,
            residence=residence,
            role=role,
            representation=representation,
        )
    )
    enforceable = any(
        open_route.route.individual and not open_route.starts_later for open_route in found
    )
    return Finding(routes=found, no_individual_right=not enforceable)


def weakest_status(statuses: list[str]) -> str:
    return min(statuses, key=STATUS_ORDER.index)
