"""Where a requester works, and which regime that suggests. Pure data and functions."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .regimes import EU_MEMBER_STATES, Regime, regime_for_workplace

COUNTRY_NAMES = {
    "AT": _("Austria"),
    "BE": _("Belgium"),
    "BG": _("Bulgaria"),
    "CY": _("Cyprus"),
    "CZ": _("Czechia"),
    "DE": _("Germany"),
    "DK": _("Denmark"),
    "EE": _("Estonia"),
    "ES": _("Spain"),
    "FI": _("Finland"),
    "FR": _("France"),
    "GR": _("Greece"),
    "HR": _("Croatia"),
    "HU": _("Hungary"),
    "IE": _("Ireland"),
    "IT": _("Italy"),
    "LT": _("Lithuania"),
    "LU": _("Luxembourg"),
    "LV": _("Latvia"),
    "MT": _("Malta"),
    "NL": _("Netherlands"),
    "PL": _("Poland"),
    "PT": _("Portugal"),
    "RO": _("Romania"),
    "SE": _("Sweden"),
    "SI": _("Slovenia"),
    "SK": _("Slovakia"),
    "GB": _("United Kingdom"),
}

US_STATE_NAMES = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
}


@dataclass(frozen=True)
class Workplace:
    country: str
    us_state: str = ""

    @property
    def code(self) -> str:
        return f"US-{self.us_state}" if self.us_state else self.country

    @property
    def label(self) -> str:
        if self.us_state:
            return f"{US_STATE_NAMES[self.us_state]}, {_('United States')}"
        return str(COUNTRY_NAMES[self.country])

    @property
    def regime(self) -> Regime | None:
        return regime_for_workplace(country=self.country, us_state=self.us_state)


def parse_workplace(code: str) -> Workplace | None:
    if code.startswith("US-"):
        state = code.removeprefix("US-")
        return Workplace(country="US", us_state=state) if state in US_STATE_NAMES else None
    return Workplace(country=code) if code in COUNTRY_NAMES else None


def workplace_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    eu = sorted(((code, COUNTRY_NAMES[code]) for code in EU_MEMBER_STATES), key=lambda c: c[1])
    us = [(f"US-{code}", name) for code, name in sorted(US_STATE_NAMES.items(), key=lambda s: s[1])]
    return [
        (_("European Union"), eu),
        (_("United Kingdom"), [("GB", COUNTRY_NAMES["GB"])]),
        (_("United States"), us),
    ]


def regime_for(*, workplace: Workplace, residence: Workplace | None) -> Regime | None:
    """The law for this worker: the GDPR and the UK GDPR follow the workplace (the employer's
    establishment there); the CCPA protects California residents, wherever they work
    (Civ. Code § 1798.140: a "consumer" is a California resident)."""
    regime = workplace.regime
    if regime is not None and regime.coverage_follows == "workplace":
        return regime
    home = residence.regime if residence is not None else None
    if home is not None and home.coverage_follows == "residence":
        return home
    return None


def regime_fits(*, regime: Regime, workplace: Workplace, residence: Workplace | None) -> bool:
    if regime.coverage_follows == "residence":
        return residence is not None and residence.code == regime.resident_of
    return regime.covers(country=workplace.country, us_state=workplace.us_state)


def needs_residence(*, workplace: Workplace, regime: Regime | None) -> bool:
    """Whether the answer to "where do you live?" decides the law."""
    return workplace.country == "US" or (
        regime is not None and regime.coverage_follows == "residence"
    )


def why_not_resident(residence: Workplace) -> str:
    return str(
        _(
            "The CCPA protects California residents, wherever they work. You live in "
            "%(place)s, so it does not cover you. The other US states' privacy laws leave "
            "employee data out, so this tool cannot draft a request for you yet."
        )
        % {"place": residence.label}
    )


def why_no_regime(workplace: Workplace) -> str:
    """Plain words for a workplace no regime in the catalogue covers."""
    if workplace.country == "US":
        return str(
            _(
                "California is the only US state whose privacy law gives employees the right to "
                "see and delete their data. The other states' privacy laws leave employee data "
                "out, and monitoring laws in New York, Connecticut and Delaware only require "
                "notice. This tool cannot draft a request for %(place)s yet."
            )
            % {"place": workplace.label}
        )
    return str(
        _("This tool cannot draft a request for %(place)s yet.") % {"place": workplace.label}
    )


def why_regime_does_not_fit(*, regime: Regime, workplace: Workplace) -> str:
    """Explain an impossible combination of chosen law and workplace."""
    suggested = workplace.regime
    reason = regime.mismatch_for(workplace.country)
    if suggested is None or suggested.coverage_follows == "residence":
        return f"{reason} {why_no_regime(workplace)}"
    return str(
        _("%(reason)s For %(place)s, choose %(law)s.")
        % {"reason": reason, "place": workplace.label, "law": suggested.name}
    )
