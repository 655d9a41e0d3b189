"""Which supervisory authority a worker can complain to, and why.

The employer's lead authority comes first where it handles the worker's law (the GDPR's one-stop
shop: Art. 56 GDPR), then the authorities where the worker works (Art. 77(1) GDPR lets a worker
complain in the Member State where they work), then, in a country with regional authorities such
as Germany's states, those. For California, the California Privacy Protection Agency. Reads the
directory; writes nothing.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .. import letters
from ..models import Authority, Employer
from ..places import COUNTRY_NAMES, Workplace
from ..regimes import REGIMES
from .drafting import complaint_place, workplace_authorities


@dataclass(frozen=True)
class AuthorityMatch:
    authority: Authority
    reasons: tuple[str, ...]

    @property
    def as_letter_authority(self) -> letters.Authority:
        return letters.Authority(
            name=self.authority.name,
            complaint_url=self.authority.complaint_url,
            postal_address=self.authority.postal_address,
            email=self.authority.email,
        )


def find_authorities(
    *, regime_id: str, country: str, us_state: str = "", employer_slug: str = ""
) -> list[Authority]:
    """Authorities for a complaint, most fitting first: the employer's lead, then the workplace."""
    matches = find_authority_matches(
        regime_id=regime_id, country=country, us_state=us_state, employer_slug=employer_slug
    )
    return [match.authority for match in matches]


def find_authority_matches(
    *, regime_id: str, country: str, us_state: str = "", employer_slug: str = ""
) -> list[AuthorityMatch]:
    """Like find_authorities, with a sentence for each on why it is listed."""
    workplace = Workplace(country=country, us_state=us_state)
    reasons: dict[int, list[str]] = {}
    found: dict[int, Authority] = {}

    def add(authority: Authority, reason: str) -> None:
        found.setdefault(authority.pk, authority)
        reasons.setdefault(authority.pk, []).append(reason)

    employer = Employer.objects.filter(slug=employer_slug).select_related("lead_authority")
    employer = employer.first() if employer_slug else None
    lead = employer.lead_authority if employer else None
    if lead is not None and regime_id in lead.regimes:
        add(lead, _lead_reason(regime_id, employer))
    for authority in workplace_authorities(workplace=workplace, regime_id=regime_id):
        add(authority, _workplace_reason(regime_id, workplace, authority))
    if not us_state:
        regional = Authority.objects.filter(country_code=country).exclude(region="")
        for authority in regional:
            if regime_id in authority.regimes:
                add(authority, _regional_reason(authority))
    return [AuthorityMatch(found[pk], tuple(reasons[pk])) for pk in found]


def _lead_reason(regime_id: str, employer: Employer) -> str:
    regime = REGIMES.get(regime_id)
    if regime is not None and regime.lead_authority_reason:
        return str(regime.lead_authority_reason) % {"employer": employer.display_name}
    return str(_("The authority our directory lists as supervising %(employer)s.")) % {
        "employer": employer.display_name
    }


def _workplace_reason(regime_id: str, workplace: Workplace, authority: Authority) -> str:
    regime = REGIMES.get(regime_id)
    general = str(_("It also enforces the law that applies where you work."))
    if regime is None:
        return general
    if regime.workplace_authority_reason:
        place = COUNTRY_NAMES.get(workplace.country, workplace.country)
        return str(regime.workplace_authority_reason) % {"place": place}
    if regime.first_route_reason and authority.slug == regime.first_complaint_route:
        return str(regime.first_route_reason)
    return general


def _regional_reason(authority: Authority) -> str:
    return str(
        _(
            "The authority for %(region)s: private employers based there are usually supervised "
            "by it. Choose it if your employer's office is in %(region)s."
        )
    ) % {"region": authority.region}


def preview_authorities(
    *, workplace: Workplace, residence: Workplace | None, regime_id: str, employer_slug: str
) -> list[AuthorityMatch]:
    """The authorities the letter's preview names for "if there is no answer": the same ones,
    in the same order and for the same reasons, as the authority finder gives."""
    place = complaint_place(workplace=workplace, residence=residence, regime_id=regime_id)
    return find_authority_matches(
        regime_id=regime_id,
        country=place.country,
        us_state=place.us_state or "",
        employer_slug=employer_slug,
    )
