"""The rights finder's catalogue: who each route is open to, from worked examples."""

import datetime
from pathlib import Path

import pytest
import yaml

from rights import places, routes
from rights.routes import ROUTES, routes_for

FACTS = yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "rights/data/legal_facts.yaml").read_text("utf-8")
)
FACT_STATUS = {fact["id"]: fact["status"] for fact in FACTS}
BEFORE_ADMT = datetime.date(2026, 12, 1)
AFTER_ADMT = datetime.date(2027, 1, 1)

# (workplace, residence, role, representation, today) -> the route ids, in catalogue order.
CASES = [
    # 1. A New York employee living in New Jersey: notice only and acting together.
    (
        "US-NY",
        "US-NJ",
        "employee",
        "none",
        BEFORE_ADMT,
        ["ny_monitoring_notice", "nlra_group", "petition"],
    ),
    # 2. A Texas employee: no state right, only acting together.
    ("US-TX", "US-TX", "employee", "none", BEFORE_ADMT, ["nlra_group", "petition"]),
    # 3. A Washington employee: the personnel file.
    (
        "US-WA",
        "US-WA",
        "employee",
        "union",
        BEFORE_ADMT,
        ["wa_personnel_file", "nlra_group", "petition"],
    ),
    # 4. Working in California, living in Nevada: Labor Code yes, CCPA no.
    (
        "US-CA",
        "US-NV",
        "employee",
        "none",
        BEFORE_ADMT,
        ["ca_personnel_records", "nlra_group", "petition"],
    ),
    # 5. Working and living in California, before 2027: ADMT shown as starting later.
    (
        "US-CA",
        "US-CA",
        "employee",
        "none",
        BEFORE_ADMT,
        [
            "data_rights",
            "ca_personnel_records",
            "ca_admt_access",
            "nlra_group",
            "complaint",
            "petition",
        ],
    ),
    # 6. The same person in 2027.
    (
        "US-CA",
        "US-CA",
        "employee",
        "none",
        AFTER_ADMT,
        [
            "data_rights",
            "ca_personnel_records",
            "ca_admt_access",
            "nlra_group",
            "complaint",
            "petition",
        ],
    ),
    # 7. A California resident working in New York: CCPA follows residence.
    (
        "US-NY",
        "US-CA",
        "employee",
        "none",
        BEFORE_ADMT,
        [
            "data_rights",
            "ca_admt_access",
            "ny_monitoring_notice",
            "nlra_group",
            "complaint",
            "petition",
        ],
    ),
    # 8. An Illinois employee.
    ("US-IL", "US-IL", "employee", "none", BEFORE_ADMT, ["il_records", "nlra_group", "petition"]),
    # 9. Connecticut: the low-value notice, shown for information.
    (
        "US-CT",
        "US-CT",
        "employee",
        "none",
        BEFORE_ADMT,
        ["ct_monitoring_notice", "nlra_group", "petition"],
    ),
    # 10. Delaware likewise.
    (
        "US-DE",
        "US-PA",
        "employee",
        "none",
        BEFORE_ADMT,
        ["de_monitoring_notice", "nlra_group", "petition"],
    ),
    # 11. A contractor in Texas: not an NLRA employee.
    ("US-TX", "US-TX", "contractor", "none", BEFORE_ADMT, ["petition"]),
    # 12. A contractor living in California: CCPA and, later, ADMT access.
    (
        "US-WA",
        "US-CA",
        "contractor",
        "none",
        BEFORE_ADMT,
        ["data_rights", "ca_admt_access", "complaint", "petition"],
    ),
    # 13. A German employee with a works council.
    (
        "DE",
        "DE",
        "employee",
        "works_council",
        BEFORE_ADMT,
        ["data_rights", "de_works_council", "complaint", "petition"],
    ),
    # 14. A German employee without one.
    ("DE", "DE", "employee", "none", BEFORE_ADMT, ["data_rights", "complaint", "petition"]),
    # 15. An Italian employee.
    (
        "IT",
        "IT",
        "employee",
        "union",
        BEFORE_ADMT,
        ["data_rights", "it_art4", "complaint", "petition"],
    ),
    # 16. An Irish colleague whose messages to US staff were captured.
    ("IE", "IE", "colleague", "none", BEFORE_ADMT, ["eu_colleague", "complaint", "petition"]),
    # 17. A colleague working in the US but living in France.
    ("US-NY", "FR", "colleague", "none", BEFORE_ADMT, ["eu_colleague", "petition"]),
    # 18. A UK employee.
    ("GB", "GB", "employee", "unknown", BEFORE_ADMT, ["data_rights", "complaint", "petition"]),
    # 19. A colleague in Texas: nothing but acting together.
    ("US-TX", "US-TX", "colleague", "none", BEFORE_ADMT, ["petition"]),
    # 20. A French contractor.
    ("FR", "FR", "contractor", "none", BEFORE_ADMT, ["data_rights", "complaint", "petition"]),
]


@pytest.mark.parametrize(
    ("workplace", "residence", "role", "representation", "today", "expected"), CASES
)
def test_the_finder_opens_exactly_the_routes_the_law_gives(
    workplace, residence, role, representation, today, expected
):
    finding = routes_for(
        workplace=workplace,
        residence=residence,
        role=role,
        representation=representation,
        today=today,
    )
    assert list(finding.ids) == expected


@pytest.mark.parametrize(
    ("workplace", "residence", "role", "expected"),
    [
        ("US-TX", "US-TX", "employee", True),
        ("US-NY", "US-NY", "employee", True),
        ("US-CT", "US-CT", "employee", True),
        ("US-WA", "US-WA", "employee", False),
        ("US-IL", "US-IL", "employee", False),
        ("DE", "DE", "employee", False),
        ("IE", "IE", "colleague", False),
    ],
)
def test_the_finder_says_when_no_enforceable_individual_right_exists(
    workplace, residence, role, expected
):
    finding = routes_for(
        workplace=workplace,
        residence=residence,
        role=role,
        representation="none",
        today=BEFORE_ADMT,
    )
    assert finding.no_individual_right is expected


def test_a_right_that_begins_later_is_not_yet_an_enforceable_one():
    before = routes_for(
        workplace="US-TX",
        residence="US-CA",
        role="contractor",
        representation="none",
        today=BEFORE_ADMT,
    )
    admt = next(r for r in before.routes if r.route.id == "ca_admt_access")
    assert admt.starts_later
    after = routes_for(
        workplace="US-TX",
        residence="US-CA",
        role="contractor",
        representation="none",
        today=AFTER_ADMT,
    )
    assert not next(r for r in after.routes if r.route.id == "ca_admt_access").starts_later


@pytest.mark.parametrize(
    "code", [code for _, group in places.workplace_choices() for code, _ in group]
)
def test_the_data_rights_route_opens_exactly_where_a_regime_covers_the_worker(code):
    workplace = places.parse_workplace(code)
    for residence_code in ("US-CA", "US-NY", "DE"):
        residence = places.parse_workplace(residence_code)
        covered = places.regime_for(workplace=workplace, residence=residence) is not None
        finding = routes_for(
            workplace=code,
            residence=residence_code,
            role="employee",
            representation="none",
            today=BEFORE_ADMT,
        )
        assert ("data_rights" in finding.ids) is covered, (code, residence_code)


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.id)
def test_each_route_states_the_weakest_status_of_its_key_facts(route):
    assert route.fact_ids
    assert route.status == routes.weakest_status([FACT_STATUS[f] for f in route.fact_ids])


def test_routes_with_an_unchecked_key_fact_say_so():
    assert not routes.ROUTES_BY_ID["nlra_group"].checked
    assert routes.ROUTES_BY_ID["il_records"].checked


def test_every_letter_route_names_its_provisions_and_a_letter_kind():
    for route in ROUTES:
        if route.action == routes.LETTER:
            assert route.provisions and route.letter_kind, route.id
