"""The completeness catalogue: what an answer to each right must cover, per regime."""

import itertools

import pytest

from rights.completeness import RIGHT_ITEMS, access_items, items_for
from rights.deadlines import UnknownRegime
from rights.regimes import REGIMES

GDPR_CITATIONS = [
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
]
GDPR_IDS = [
    "art15_1_a",
    "art15_1_b",
    "art15_1_c",
    "art15_1_d",
    "art15_1_e",
    "art15_1_f",
    "art15_1_g",
    "art15_1_h",
    "art15_2",
    "copy",
]


@pytest.mark.parametrize("regime_id", ["eu_gdpr", "uk_gdpr"])
def test_gdpr_regimes_list_article_15_1_a_to_h_the_transfer_safeguards_and_the_copy(
    regime_id: str,
) -> None:
    items = access_items(regime_id)
    assert [item.citation for item in items] == GDPR_CITATIONS
    assert [item.id for item in items] == GDPR_IDS


def test_ccpa_know_lists_section_1798_110_a_and_section_1798_115_a_2_and_3() -> None:
    items = access_items("us_ca_ccpa")
    assert [item.citation for item in items] == [
        "§ 1798.110(a)(1)",
        "§ 1798.110(a)(2)",
        "§ 1798.110(a)(3)",
        "§ 1798.110(a)(4)",
        "§ 1798.110(a)(5)",
        "§ 1798.115(a)(2)",
        "§ 1798.115(a)(3)",
    ]
    assert [item.id for item in items][:5] == [f"ccpa_110_a_{n}" for n in range(1, 6)]


def test_every_regime_with_an_access_right_has_items() -> None:
    with_access = [r.id for r in REGIMES.values() if any(right.is_access for right in r.rights)]
    assert with_access
    for regime_id in with_access:
        assert access_items(regime_id)


@pytest.mark.parametrize("regime_id", sorted(REGIMES))
def test_labels_are_non_empty_and_ids_are_unique_slugs(regime_id: str) -> None:
    items = [item for items in RIGHT_ITEMS[regime_id].values() for item in items]
    assert len({item.id for item in items}) == len(items)
    for item in items:
        assert str(item.label).strip()
        assert item.id.replace("_", "").isalnum() and item.id == item.id.lower()


def test_each_gdpr_item_says_what_its_point_of_article_15_covers() -> None:
    labels = {item.id: str(item.label).lower() for item in access_items("eu_gdpr")}
    assert "purposes" in labels["art15_1_a"]
    assert "categories" in labels["art15_1_b"]
    assert "disclosed" in labels["art15_1_c"]
    assert "kept" in labels["art15_1_d"]
    assert "erased" in labels["art15_1_e"] and "object" in labels["art15_1_e"]
    assert "complain" in labels["art15_1_f"]
    assert "came from" in labels["art15_1_g"]
    assert "automated" in labels["art15_1_h"] and "logic" in labels["art15_1_h"]
    assert "copy" in labels["copy"]


def test_the_uk_complaint_item_names_the_information_commissioner() -> None:
    uk = {item.id: str(item.label) for item in access_items("uk_gdpr")}
    assert "Information Commissioner" in uk["art15_1_f"]


def test_ccpa_items_follow_the_statute_in_order() -> None:
    labels = [str(item.label).lower() for item in access_items("us_ca_ccpa")]
    assert "categories of personal information" in labels[0]
    assert "sources" in labels[1]
    assert "purpose" in labels[2]
    assert "third parties" in labels[3]
    assert "specific pieces" in labels[4]


def test_an_unknown_regime_raises_unknown_regime() -> None:
    with pytest.raises(UnknownRegime):
        access_items("br_lgpd")


@pytest.mark.parametrize("regime_id", sorted(REGIMES))
def test_every_right_of_every_regime_has_its_own_items(regime_id: str) -> None:
    regime = REGIMES[regime_id]
    assert set(RIGHT_ITEMS[regime_id]) == set(regime.right_ids)
    for right_id, items in RIGHT_ITEMS[regime_id].items():
        assert items, right_id
        assert {item.right for item in items} == {right_id}


@pytest.mark.parametrize("regime_id", sorted(REGIMES))
def test_every_statutory_item_cites_a_provision_declared_for_its_right(regime_id: str) -> None:
    regime = REGIMES[regime_id]
    for right_id, items in RIGHT_ITEMS[regime_id].items():
        declared = regime.citations_for([right_id])
        assert [i.citation for i in items if i.statutory and i.citation not in declared] == []


@pytest.mark.parametrize("regime_id", sorted(REGIMES))
def test_items_for_any_combination_of_rights_belong_only_to_those_rights(regime_id: str) -> None:
    rights = REGIMES[regime_id].right_ids
    for size in range(1, len(rights) + 1):
        for combo in itertools.combinations(sorted(rights), size):
            found = items_for(regime_id, combo, assessments=["ask_dpia"])
            assert {item.right for item in found} == set(combo)


def test_erasure_and_restriction_alone_never_track_the_access_items() -> None:
    found = items_for("eu_gdpr", ["erasure", "restriction"], assessments=["ask_legal_basis"])
    assert [item.citation for item in found] == ["Art. 17(1)", "Art. 19", "Art. 18(1)"]


def test_the_objection_tracks_the_decision_and_the_restriction_meanwhile() -> None:
    found = items_for("uk_gdpr", ["objection"])
    assert [item.citation for item in found] == ["Art. 21(1)", "Art. 18(1)(d)"]
    assert "ai training" in str(found[0].label).lower()


def test_the_assessment_asks_follow_access_and_are_marked_not_statutory() -> None:
    found = items_for("eu_gdpr", ["access"], assessments=["ask_legal_basis", "ask_dpia", "ask_lia"])
    asks = [item for item in found if not item.statutory]
    assert [item.id for item in asks] == ["ask_legal_basis", "ask_dpia", "ask_lia"]
    assert all("not a statutory item" in str(item.label) for item in asks)


def test_ccpa_correct_and_opt_out_track_only_sections_1798_106_and_1798_120() -> None:
    found = items_for("us_ca_ccpa", ["correct", "opt_out"])
    assert [item.citation for item in found] == ["§ 1798.106", "§ 1798.120"]
