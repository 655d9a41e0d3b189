"""Drafting a data-rights request: composing the letter, its PDF and where to complain.

Drafting a letter stores nothing: every function here that takes the requester's details
returns a value and writes no row, session entry or log line.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import quote

from core.pdf import render_template_pdf

from .. import letters
from ..models import Authority, Employer
from ..places import US_STATE_NAMES, Workplace
from ..regimes import REGIMES

OTHER_EMPLOYER = "other"


@dataclass(frozen=True)
class EmployerInput:
    """The employer as the form gives it: a directory slug, or typed details."""

    slug: str
    other_name: str = ""
    other_address: str = ""
    other_email: str = ""


@dataclass(frozen=True)
class RenderedLetter:
    letter: letters.Letter
    body_text: str
    # The directory's caveat about the chosen company, shown on the preview.
    employer_caveat: str = ""

    @property
    def email_text(self) -> str:
        text = f"{self.body_text}\n{self.letter.choices.requester.name}\n"
        return letters.as_plain_text(text)

    @property
    def body_html(self):
        return letters.body_as_html(self.body_text)

    @property
    def mailto_url(self) -> str:
        to = quote(self.letter.choices.recipient.email, safe="@")
        subject = quote(self.letter.subject, safe="")
        body = quote(self.email_text, safe="")
        return f"mailto:{to}?subject={subject}&body={body}"


def compose_request_letter(
    *,
    employer: EmployerInput,
    workplace: Workplace,
    regime_id: str,
    right_ids: tuple[str, ...],
    residence: Workplace | None = None,
    categories: tuple[str, ...],
    requester: letters.Requester,
    sent_on: datetime.date,
    programme_name: str = "",
    applications: str = "",
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    ask_legal_basis: bool = True,
    ask_dpia: bool = True,
    ask_lia: bool = True,
    particular_situation: str = "",
    purpose: str = "",
    employing_company: str = "",
) -> RenderedLetter:
    """Compose and render the letter. Reads the directory; writes nothing."""
    choices = letters.LetterChoices(
        regime_id=regime_id,
        right_ids=right_ids,
        categories=categories,
        requester=requester,
        recipient=_recipient_for(employer),
        authority=_authority_for(
            workplace=complaint_place(
                workplace=workplace, residence=residence, regime_id=regime_id
            ),
            regime_id=regime_id,
        ),
        workplace_country=workplace.country,
        sent_on=sent_on,
        programme_name=programme_name,
        applications=applications,
        period_start=period_start,
        period_end=period_end,
        ask_legal_basis=ask_legal_basis,
        ask_dpia=ask_dpia,
        ask_lia=ask_lia,
        particular_situation=particular_situation,
        purpose=purpose,
        employer_name=employing_company,
    )
    letter = letters.compose_letter(choices=choices)
    caveat = ""
    if employer.slug != OTHER_EMPLOYER:
        found = Employer.objects.filter(slug=employer.slug).values_list("caveat", flat=True)
        caveat = found.first() or ""
    return RenderedLetter(
        letter=letter, body_text=letters.render_letter_body(letter=letter), employer_caveat=caveat
    )


def compose_from_cleaned(data: dict) -> RenderedLetter:
    """Compose the letter from a valid RequestForm's cleaned data."""
    return compose_request_letter(
        employer=EmployerInput(
            slug=data["employer"],
            other_name=data["other_employer_name"],
            other_address=data["other_employer_address"],
            other_email=data["other_employer_email"],
        ),
        workplace=data["workplace"],
        residence=data.get("residence"),
        regime_id=data["regime"],
        right_ids=data["right_ids"],
        categories=tuple(data["categories"]),
        requester=letters.Requester(
            name=data["full_name"], employee_id=data["employee_id"], reply_to=data["reply_to"]
        ),
        sent_on=data["sent_on"],
        programme_name=data["programme_name"],
        applications=data["applications"],
        period_start=data["period_start"],
        period_end=data["period_end"],
        ask_legal_basis=data["ask_legal_basis"],
        ask_dpia=data["ask_dpia"],
        ask_lia=data["ask_lia"],
        particular_situation=data.get("particular_situation", ""),
        purpose=data.get("purpose", ""),
        employing_company=data.get("employing_company", ""),
    )


def _recipient_for(employer: EmployerInput) -> letters.Recipient:
    if employer.slug == OTHER_EMPLOYER:
        return letters.Recipient(
            legal_name=employer.other_name,
            postal_address=employer.other_address,
            email=employer.other_email,
        )
    entry = Employer.objects.get(slug=employer.slug)
    return letters.Recipient(
        legal_name=entry.legal_name,
        postal_address=entry.postal_address,
        email=entry.privacy_email,
        web_form_url=entry.web_form_url,
    )


def complaint_place(
    *, workplace: Workplace, residence: Workplace | None, regime_id: str
) -> Workplace:
    """Where the authority to complain to is looked up: the CCPA follows residence."""
    regime = REGIMES.get(regime_id)
    if regime is not None and regime.coverage_follows == "residence" and residence is not None:
        return residence
    return workplace


def workplace_authorities(*, workplace: Workplace, regime_id: str) -> list[Authority]:
    """Authority rows for where the requester works that handle the regime (Art. 77)."""
    region = US_STATE_NAMES.get(workplace.us_state, "")
    found = Authority.objects.filter(country_code=workplace.country, region=region)
    handling = [authority for authority in found if regime_id in authority.regimes]
    # The agency that takes complaints under the regime comes first (for the CCPA, the CPPA
    # under Cal. Civ. Code § 1798.199.45, before the Attorney General).
    regime = REGIMES.get(regime_id)
    first = regime.first_complaint_route if regime is not None else None
    return sorted(handling, key=lambda authority: authority.slug != first)


def complaint_authorities(*, workplace: Workplace, regime_id: str) -> list[letters.Authority]:
    """Authorities for where the requester works: a worker may complain there (Art. 77)."""
    found = workplace_authorities(workplace=workplace, regime_id=regime_id)
    return [
        letters.Authority(
            name=authority.name,
            complaint_url=authority.complaint_url,
            postal_address=authority.postal_address,
            email=authority.email,
        )
        for authority in found
    ]


def _authority_for(*, workplace: Workplace, regime_id: str) -> letters.Authority | None:
    found = complaint_authorities(workplace=workplace, regime_id=regime_id)
    return found[0] if found else None


def letter_pdf(*, rendered: RenderedLetter) -> bytes:
    return render_template_pdf("rights/letter_document.html", {"rendered": rendered})


def letter_filename(*, rendered: RenderedLetter, extension: str) -> str:
    return f"request-{rendered.letter.reference}.{extension}"
