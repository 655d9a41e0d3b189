"""Checks on the project's own copy of the reference facts (authorities and employers).

Plain functions, no database: the YAML files are read directly.
"""

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
import yaml

DATA_DIR = Path(__file__).resolve().parents[2] / "rights" / "data"

AUTHORITY_KEYS = {
    "slug",
    "name",
    "country_code",
    "region",
    "regimes",
    "website",
    "complaint_url",
    "email",
    "postal_address",
    "phone",
    "notes",
    "verified",
}
EMPLOYER_KEYS = {
    "slug",
    "legal_name",
    "display_name",
    "country_code",
    "us_state",
    "privacy_email",
    "postal_address",
    "web_form_url",
    "lead_authority",
    "notes",
    "caveat",
    "verified",
}
REGIMES = {"eu_gdpr", "uk_gdpr", "us_ca_ccpa"}
VERIFIED_VALUES = {"primary", "secondary", "unverified"}

# The 27 EU member states, as ISO 3166-1 alpha-2 codes (Greece is GR, not EL).
EU_MEMBER_STATES = [
    "AT",
    "BE",
    "BG",
    "HR",
    "CY",
    "CZ",
    "DK",
    "EE",
    "FI",
    "FR",
    "DE",
    "GR",
    "HU",
    "IE",
    "IT",
    "LV",
    "LT",
    "LU",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SK",
    "SI",
    "ES",
    "SE",
]

URL_FIELDS = {"authorities": ("website", "complaint_url"), "employers": ("web_form_url",)}
EMAIL_FIELDS = {"authorities": ("email",), "employers": ("privacy_email",)}


@cache
def load(name: str) -> list[dict]:
    with (DATA_DIR / f"{name}.yaml").open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, list), f"{name}.yaml must be a top-level list"
    return data


def authorities() -> list[dict]:
    return load("authorities")


def employers() -> list[dict]:
    return load("employers")


def authority(slug: str) -> dict:
    matches = [a for a in authorities() if a["slug"] == slug]
    assert len(matches) == 1, f"expected exactly one authority {slug!r}, found {len(matches)}"
    return matches[0]


def employer(slug: str) -> dict:
    matches = [e for e in employers() if e["slug"] == slug]
    assert len(matches) == 1, f"expected exactly one employer {slug!r}, found {len(matches)}"
    return matches[0]


def test_there_are_exactly_27_eu_member_states_in_the_list():
    assert len(EU_MEMBER_STATES) == 27
    assert len(set(EU_MEMBER_STATES)) == 27


@pytest.mark.parametrize("country_code", EU_MEMBER_STATES)
def test_every_eu_member_state_has_exactly_one_national_gdpr_authority(country_code):
    national = [
        a
        for a in authorities()
        if a["country_code"] == country_code and "eu_gdpr" in a["regimes"] and a["region"] == ""
    ]
    assert len(national) == 1, [a["slug"] for a in national]


def test_german_state_authorities_carry_their_region():
    regions = {a["region"] for a in authorities() if a["country_code"] == "DE" and a["region"]}
    assert {"Berlin", "Hamburg", "Bavaria"} <= regions


def test_the_uk_ico_handles_uk_gdpr():
    ico = authority("gb_gbico")
    assert ico["country_code"] == "GB"
    assert ico["regimes"] == ["uk_gdpr"]


@pytest.mark.parametrize("slug", ["us_ca_cppa", "us_ca_ag"])
def test_the_california_authorities_handle_the_ccpa(slug):
    california = authority(slug)
    assert california["country_code"] == "US"
    assert california["region"] == "California"
    assert california["regimes"] == ["us_ca_ccpa"]


def test_meta_ireland_uses_the_current_merrion_road_address_not_grand_canal_square():
    address = employer("meta-platforms-ireland")["postal_address"]
    assert "Merrion Road" in address
    assert "D04 X2K5" in address
    assert "Grand Canal" not in address


def test_meta_ireland_lead_authority_is_the_irish_dpc():
    assert employer("meta-platforms-ireland")["lead_authority"] == "ie_iedpc"
    assert authority("ie_iedpc")["country_code"] == "IE"


def test_every_employer_lead_authority_refers_to_an_existing_authority():
    slugs = {a["slug"] for a in authorities()}
    for e in employers():
        assert e["lead_authority"] == "" or e["lead_authority"] in slugs, e["slug"]


@pytest.mark.parametrize("name", ["authorities", "employers"])
def test_slugs_are_unique(name):
    counts = Counter(entry["slug"] for entry in load(name))
    assert [slug for slug, n in counts.items() if n > 1] == []


@pytest.mark.parametrize(
    ("name", "keys"), [("authorities", AUTHORITY_KEYS), ("employers", EMPLOYER_KEYS)]
)
def test_every_entry_has_exactly_the_documented_keys(name, keys):
    for entry in load(name):
        assert set(entry) == keys, entry.get("slug")


@pytest.mark.parametrize("name", ["authorities", "employers"])
def test_every_entry_has_a_known_verification_status(name):
    for entry in load(name):
        assert entry["verified"] in VERIFIED_VALUES, entry["slug"]


def test_every_authority_lists_only_known_regimes():
    for a in authorities():
        assert a["regimes"], a["slug"]
        assert set(a["regimes"]) <= REGIMES, a["slug"]


@pytest.mark.parametrize("name", ["authorities", "employers"])
def test_every_country_code_is_two_capital_letters(name):
    for entry in load(name):
        assert re.fullmatch(r"[A-Z]{2}", entry["country_code"]), entry["slug"]


@pytest.mark.parametrize("name", ["authorities", "employers"])
def test_every_url_starts_with_http_or_https(name):
    for entry in load(name):
        for field in URL_FIELDS[name]:
            url = entry[field]
            if url:
                assert url.startswith(("https://", "http://")), (entry["slug"], field)
                assert " " not in url, (entry["slug"], field)


@pytest.mark.parametrize("name", ["authorities", "employers"])
def test_every_email_contains_exactly_one_at_sign(name):
    for entry in load(name):
        for field in EMAIL_FIELDS[name]:
            email = entry[field]
            if email:
                assert email.count("@") == 1, (entry["slug"], field)


@pytest.mark.parametrize("name", ["authorities", "employers"])
def test_every_text_field_is_a_string(name):
    for entry in load(name):
        for key, value in entry.items():
            if key != "regimes":
                assert isinstance(value, str), (entry["slug"], key)


def test_every_legal_fact_has_a_source_a_use_and_a_verification_status() -> None:
    facts = yaml.safe_load((DATA_DIR / "legal_facts.yaml").read_text(encoding="utf-8"))
    statuses = {"verified_primary", "verified_secondary", "unverified"}
    assert len({fact["id"] for fact in facts}) == len(facts)
    for fact in facts:
        assert fact["status"] in statuses, fact["id"]
        assert fact["sources"] and fact["used_in"] and fact["fact"].strip(), fact["id"]
