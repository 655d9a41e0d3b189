"""What a full answer to each right must cover, per regime and per right (pure data).

The completeness check offers the items of the rights a request asked for, and only those,
when a response is logged; the ones not ticked feed the gap letter and the complaint. The
monitoring data categories belong to access (GDPR) or "know" (CCPA) and are added by the
caller: they come from the request, not from the law.

An item marked ``statutory=False`` was asked for in the letter but is not something the law
lists as owed (the legal basis, the DPIA, the balancing test). A gap letter may ask again for
it; a complaint never calls its absence a breach.

Sources (wording checked against the statute text; the project's own copy of the facts is
rights/data/legal_facts.yaml):

* GDPR and UK GDPR -- Art. 15(1)(a)-(h), 15(2) and 15(3) (access); Art. 16 (rectification);
  Art. 17(1) and Art. 19 (erasure and telling recipients); Art. 18(1) (restriction);
  Art. 21(1) with Art. 18(1)(d) (objection, and restriction while it is decided); Art. 20(1)
  (portability); Art. 22 / UK Arts. 22A-22C with Art. 15(1)(h) (automated decisions).
  verified_primary (EUR-Lex via GDPRhub; legislation.gov.uk), except Art. 16 and Art. 19:
  verified_secondary.
* CCPA -- Cal. Civ. Code § 1798.110(a)(1)-(5) and § 1798.115(a)(2)-(3) (know);
  § 1798.105(c)(1) (delete, and notify service providers and contractors); § 1798.106
  (correct); § 1798.120 (opt out); § 1798.121 (limit). verified_secondary (statute copies).

Ids are stable slugs (stored with logged responses); never rename one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Final

from django.utils.translation import gettext_lazy as _

from .regimes import REGIMES, Regime, get_regime

__all__ = ["ACCESS_ITEMS", "RIGHT_ITEMS", "Item", "access_items", "items_for"]

ACCESS_RIGHTS: Final = frozenset({"access", "know"})


@dataclass(frozen=True)
class Item:
    id: str
    label: str
    citation: str
    right: str = "access"
    statutory: bool = True


def _gdpr_access(*, complaint_label: str) -> tuple[Item, ...]:
    return (
        Item("art15_1_a", _("The purposes of the processing"), "Art. 15(1)(a)"),
        Item("art15_1_b", _("The categories of personal data concerned"), "Art. 15(1)(b)"),
        Item(
            "art15_1_c",
            _(
                "Who the data have been or will be disclosed to (recipients or categories of "
                "recipient), in particular recipients in other countries"
            ),
            "Art. 15(1)(c)",
        ),
        Item(
            "art15_1_d",
            _("How long the data will be kept, or the criteria used to decide that"),
            "Art. 15(1)(d)",
        ),
        Item(
            "art15_1_e",
            _(
                "That you may ask for the data to be corrected or erased, for their use to be "
                "restricted, or object to their use"
            ),
            "Art. 15(1)(e)",
        ),
        Item("art15_1_f", complaint_label, "Art. 15(1)(f)"),
        Item(
            "art15_1_g",
            _("Where the data came from, if they were not collected from you"),
            "Art. 15(1)(g)",
        ),
        Item(
            "art15_1_h",
            _(
                "Whether decisions are made about you by automated means, including profiling, "
                "and if so meaningful information about the logic involved, its significance "
                "and the envisaged consequences for you"
            ),
            "Art. 15(1)(h)",
        ),
        Item(
            "art15_2",
            _("Where the data go to another country, the safeguards that protect the transfer"),
            "Art. 15(2)",
        ),
        Item("copy", _("A copy of the personal data"), "Art. 15(3)"),
    )


# Asked in the access letter when the worker ticks them; the law does not list them as owed.
ASSESSMENT_ITEMS: Final = (
    Item(
        "ask_legal_basis",
        _("The legal basis relied on for each purpose (asked, not a statutory item)"),
        "",
        statutory=False,
    ),
    Item(
        "ask_dpia",
        _("The data protection impact assessment (asked, not a statutory item)"),
        "",
        statutory=False,
    ),
    Item(
        "ask_lia",
        _("The legitimate-interest balancing test (asked, not a statutory item)"),
        "",
        statutory=False,
    ),
)


def _gdpr_other_rights(*, automated_citation: str) -> dict[str, tuple[Item, ...]]:
    return {
        "erasure": (
            Item(
                "art17_erased",
                _("The data erased, or the part kept and the exception relied on named"),
                "Art. 17(1)",
                "erasure",
            ),
            Item(
                "art19_erasure",
                _("Every recipient told of the erasure, and the recipients named to me"),
                "Art. 19",
                "erasure",
            ),
        ),
        "restriction": (
            Item(
                "art18_applied",
                _("The processing restricted as asked, with notice before it is lifted"),
                "Art. 18(1)",
                "restriction",
            ),
        ),
        "objection": (
            Item(
                "art21_decided",
                _(
                    "A decision on the objection: the processing stopped, or compelling "
                    "legitimate grounds stated for each purpose, reuse for AI training included"
                ),
                "Art. 21(1)",
                "objection",
            ),
            Item(
                "art18_1_d_meanwhile",
                _("The processing restricted while the objection is decided"),
                "Art. 18(1)(d)",
                "objection",
            ),
        ),
        "rectification": (
            Item(
                "art16_corrected",
                _("The inaccurate data corrected and the incomplete data completed"),
                "Art. 16",
                "rectification",
            ),
        ),
        "automated_decisions": (
            Item(
                "adm_answered",
                _(
                    "Whether decisions about me are made solely by automated means, with "
                    "meaningful information about the logic involved"
                ),
                automated_citation,
                "automated_decisions",
            ),
        ),
        "portability": (
            Item(
                "art20_ported",
                _(
                    "The data I provided, in a machine-readable format, or a statement that the "
                    "processing rests on neither consent nor a contract"
                ),
                "Art. 20(1)",
                "portability",
            ),
        ),
    }


def _ccpa_rights() -> dict[str, tuple[Item, ...]]:
    know = (
        ("ccpa_110_a_1", _("The categories of personal information collected about you"), "1"),
        (
            "ccpa_110_a_2",
            _("The categories of sources the personal information was collected from"),
            "2",
        ),
        (
            "ccpa_110_a_3",
            _("The business or commercial purpose for collecting, selling or sharing it"),
            "3",
        ),
        (
            "ccpa_110_a_4",
            _("The categories of third parties the personal information is disclosed to"),
            "4",
        ),
        ("ccpa_110_a_5", _("The specific pieces of personal information collected about you"), "5"),
    )
    return {
        "know": tuple(Item(slug, label, f"§ 1798.110(a)({n})", "know") for slug, label, n in know)
        + (
            Item(
                "ccpa_115_a_2",
                _(
                    "The categories of personal information sold or shared, and the categories "
                    "of third parties they went to"
                ),
                "§ 1798.115(a)(2)",
                "know",
            ),
            Item(
                "ccpa_115_a_3",
                _("The categories of personal information disclosed for a business purpose"),
                "§ 1798.115(a)(3)",
                "know",
            ),
        ),
        "delete": (
            Item(
                "ccpa_105_deleted",
                _(
                    "The information deleted, or the part kept and the exception named, and "
                    "service providers and contractors told to delete it"
                ),
                "§ 1798.105(c)(1)",
                "delete",
            ),
        ),
        "correct": (
            Item(
                "ccpa_106_corrected",
                _("The inaccurate information corrected"),
                "§ 1798.106",
                "correct",
            ),
        ),
        "limit": (
            Item(
                "ccpa_121_limited",
                _("The use and disclosure of sensitive personal information limited as directed"),
                "§ 1798.121",
                "limit",
            ),
        ),
        "opt_out": (
            Item(
                "ccpa_120_opted_out",
                _("The sale and sharing of the personal information stopped as directed"),
                "§ 1798.120",
                "opt_out",
            ),
        ),
    }


def _right_items(regime: Regime) -> Mapping[str, tuple[Item, ...]]:
    """Each right of ``regime`` and its items, in the order items are listed."""
    every: dict[str, tuple[Item, ...]] = {}
    if regime.access_complaint_item:
        every["access"] = _gdpr_access(complaint_label=regime.access_complaint_item)
    if "automated_decisions" in regime.right_ids:
        # The item cites the provision the right's own citations start with.
        automated = regime.right("automated_decisions").citations[0]
        every |= _gdpr_other_rights(automated_citation=automated)
    else:
        every |= _gdpr_other_rights(automated_citation="")
    every |= _ccpa_rights()
    return MappingProxyType({key: items for key, items in every.items() if key in regime.right_ids})


RIGHT_ITEMS: Final[Mapping[str, Mapping[str, tuple[Item, ...]]]] = MappingProxyType(
    {regime.id: _right_items(regime) for regime in REGIMES.values()}
)


def _access_items(regime: Regime) -> tuple[Item, ...]:
    access = next(right.id for right in regime.rights if right.is_access)
    return _right_items(regime)[access]


ACCESS_ITEMS: Final = MappingProxyType(
    {regime.id: _access_items(regime) for regime in REGIMES.values()}
)


def access_items(regime_id: str) -> tuple[Item, ...]:
    """The items a full answer to an access request covers under ``regime_id``, in legal order."""
    return _access_items(get_regime(regime_id))


def items_for(
    regime_id: str, right_ids: Iterable[str], *, assessments: Iterable[str] = ()
) -> tuple[Item, ...]:
    """The items of the rights asked, in the regime's order of rights.

    ``assessments`` names the non-statutory asks the access letter made (``ask_legal_basis``,
    ``ask_dpia``, ``ask_lia``); they follow the access items, and only when access was asked.
    """
    catalogue = _right_items(get_regime(regime_id))
    chosen = set(right_ids)
    wanted = set(assessments)
    found: list[Item] = []
    for right_id, items in catalogue.items():
        if right_id not in chosen:
            continue
        found += items
        if right_id in ACCESS_RIGHTS:
            found += [
                replace(item, right=right_id) for item in ASSESSMENT_ITEMS if item.id in wanted
            ]
    return tuple(found)
