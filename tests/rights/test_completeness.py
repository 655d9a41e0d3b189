"""The completeness catalogue: what an answer to an access request must cover, per regime."""

import pytest

from rights.completeness import access_items
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
    "copy",
]


@pytest.mark.parametrize("regime_id", ["eu_gdpr", "uk_gdpr"])
def test_gdpr_regimes_list_article_15_1_a_to_h_and_the_copy(regime_id: str) -> None:
    items = access_items(regime_id)
    assert [item.citation for item in items] == GDPR_CITATIONS
    assert [item.id for item in items] == GDPR_IDS


def test_ccpa_lists_the_five_paragraphs_of_section_1798_110_a() -> None:
    items = access_items("us_ca_ccpa")
    assert [item.citation for item in items] == [
        "§ 1798.110(a)(1)",
        "§ 1798.110(a)(2)",
        "§ 1798.110(a)(3)",
        "§ 1798.110(a)(4)",
        "§ 1798.110(a)(5)",
    ]
    assert [item.id for item in items] == [f"ccpa_110_a_{n}" for n in range(1, 6)]


def test_every_regime_with_an_access_right_has_items() -> None:
    with_access = [r.id for r in REGIMES.values() if any(right.is_access for right in r.rights)]
    assert with_access
    for regime_id in with_access:
        assert access_items(regime_id)


@pytest.mark.parametrize("regime_id", sorted(REGIMES))
def test_labels_are_non_empty_and_ids_are_unique_slugs(regime_id: str) -> None:
    items = access_items(regime_id)
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
