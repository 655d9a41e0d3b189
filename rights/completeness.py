"""What a response to an access request must cover, per regime (pure data).

The completeness check offers these items when a response is logged; the ones not ticked feed
the gap letter. The monitoring data categories the request asked about are added by the caller:
they come from the request, not from the law.

Sources (wording checked against the statute text):

* ``eu_gdpr`` -- GDPR Art. 15(1)(a)-(h) (EUR-Lex text as reproduced by GDPRhub) and the copy
  under Art. 15(3). Art. 15(2) (safeguards for transfers abroad) is left out: it applies only
  where data go to a third country, and the letter asks for it separately.
* ``uk_gdpr`` -- UK GDPR Art. 15(1)(a)-(h) and 15(3), the same structure as the EU article; the
  complaint in (f) goes to the Information Commissioner. Since the Data (Use and Access) Act 2025
  the entitlement is to what a reasonable and proportionate search finds (Art. 15(1A)); that
  limits the search, not the list of items.
* ``us_ca_ccpa`` -- Cal. Civ. Code § 1798.110(a)(1)-(5): categories of personal information
  collected about the consumer, categories of sources, the business or commercial purpose for
  collecting, selling or sharing, categories of third parties it is disclosed to, and the
  specific pieces of personal information collected about the consumer.

Ids are stable slugs (stored with logged responses); never rename one.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from django.utils.translation import gettext_lazy as _

from .deadlines import UnknownRegime

__all__ = ["ACCESS_ITEMS", "Item", "access_items"]


@dataclass(frozen=True)
class Item:
    id: str
    label: str
    citation: str


def _gdpr_items(*, complaint_label: str) -> tuple[Item, ...]:
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
        Item("copy", _("A copy of the personal data"), "Art. 15(3)"),
    )


_CCPA_ITEMS = (
    Item(
        "ccpa_110_a_1",
        _("The categories of personal information collected about you"),
        "§ 1798.110(a)(1)",
    ),
    Item(
        "ccpa_110_a_2",
        _("The categories of sources the personal information was collected from"),
        "§ 1798.110(a)(2)",
    ),
    Item(
        "ccpa_110_a_3",
        _("The business or commercial purpose for collecting, selling or sharing it"),
        "§ 1798.110(a)(3)",
    ),
    Item(
        "ccpa_110_a_4",
        _("The categories of third parties the personal information is disclosed to"),
        "§ 1798.110(a)(4)",
    ),
    Item(
        "ccpa_110_a_5",
        _("The specific pieces of personal information collected about you"),
        "§ 1798.110(a)(5)",
    ),
)

ACCESS_ITEMS: Final = MappingProxyType(
    {
        "eu_gdpr": _gdpr_items(
            complaint_label=_("That you may complain to a data protection supervisory authority")
        ),
        "uk_gdpr": _gdpr_items(
            complaint_label=_("That you may complain to the Information Commissioner")
        ),
        "us_ca_ccpa": _CCPA_ITEMS,
    }
)


def access_items(regime_id: str) -> tuple[Item, ...]:
    """The items a full answer to an access request covers under ``regime_id``, in legal order."""
    try:
        return ACCESS_ITEMS[regime_id]
    except KeyError:
        raise UnknownRegime(regime_id) from None
