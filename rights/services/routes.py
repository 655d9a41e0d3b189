"""The rights finder and the routes' letters. Drafting stores nothing: these functions take the
sender's details and return values; they write no row, session entry or log line."""

import datetime
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from core.pdf import render_template_pdf

from .. import route_letters, routes
from ..letters import body_as_html


@dataclass(frozen=True)
class RouteButton:
    route: routes.Route
    starts_later: bool
    url: str
    label: str


def find_routes(
    *, workplace: str, residence: str, role: str, representation: str, today: datetime.date
) -> tuple[routes.Finding, list[RouteButton]]:
    """The finder's answer, each route with where its button leads."""
    finding = routes.routes_for(
        workplace=workplace,
        residence=residence,
        role=role,
        representation=representation,
        today=today,
    )
    buttons = [
        RouteButton(
            route=found.route,
            starts_later=found.starts_later,
            url=_button_url(found.route, workplace=workplace, residence=residence),
            label=_button_label(found.route, starts_later=found.starts_later),
        )
        for found in finding.routes
    ]
    return finding, buttons


def _button_url(route: routes.Route, *, workplace: str, residence: str) -> str:
    if route.action == routes.DATA_RIGHTS:
        query = {"workplace": workplace if workplace else residence}
        return f"{reverse('rights:new')}?{urlencode(query)}"
    if route.action == routes.LETTER:
        url = reverse("rights:route_letter", kwargs={"kind": route.letter_kind})
        place = residence if route.letter_kind == "eu_colleague" else workplace
        if route.letter_kind == "eu_colleague" and place not in routes.EUROPE:
            place = workplace
        return f"{url}?{urlencode({'country': place})}" if place in routes.EUROPE else url
    if route.action == routes.COMPLAINT:
        return reverse("rights:authorities")
    if route.action == routes.PETITION:
        return reverse("petitions:list")
    return ""


def _button_label(route: routes.Route, *, starts_later: bool) -> str:
    if starts_later:
        return _("Read about it now")
    return {
        routes.DATA_RIGHTS: _("Write the request"),
        routes.LETTER: _("Write the letter"),
        routes.COMPLAINT: _("Find the authority"),
        routes.PETITION: _("See or start a petition"),
    }.get(route.action, "")


@dataclass(frozen=True)
class RenderedRouteLetter:
    letter: route_letters.RouteLetter
    body_text: str
    # For a letter in German or Italian: the same letter in English, for the sender only.
    english_text: str = ""

    @property
    def email_text(self) -> str:
        return f"{self.body_text}\n{self.letter.choices.sender_name}\n"

    @property
    def body_html(self):
        return body_as_html(self.body_text)

    @property
    def english_html(self):
        return body_as_html(self.english_text) if self.english_text else ""

    @property
    def mailto_url(self) -> str:
        to = quote(self.letter.choices.recipient_email, safe="@")
        subject = quote(self.letter.subject, safe="")
        return f"mailto:{to}?subject={subject}&body={quote(self.email_text, safe='')}"


def compose_route_letter(*, kind: str, data: dict) -> RenderedRouteLetter:
    """Compose and render a route letter from its form's cleaned data. Writes nothing."""
    choices = route_letters.RouteChoices(
        kind=kind,
        sender_name=data["full_name"],
        reply_to=data["reply_to"],
        recipient_name=data["recipient_name"],
        recipient_address=data.get("recipient_address", ""),
        recipient_email=data.get("recipient_email", ""),
        employee_id=data.get("employee_id", ""),
        employer_name=data.get("employer_name", ""),
        programme_name=data.get("programme_name", ""),
        signatories=data.get("signatories", ()),
        country=data.get("country", ""),
        review_file=bool(data.get("review_file", False)),
        sent_on=data["sent_on"],
    )
    letter = route_letters.compose_route_letter(choices=choices)
    english = ""
    if letter.kind.foreign:
        english = route_letters.render_route_letter(letter=letter, language="en")
    return RenderedRouteLetter(
        letter=letter,
        body_text=route_letters.render_route_letter(letter=letter),
        english_text=english,
    )


def route_letter_pdf(*, rendered: RenderedRouteLetter) -> bytes:
    return render_template_pdf("rights/routes/letter_document.html", {"rendered": rendered})


def route_letter_filename(*, rendered: RenderedRouteLetter, extension: str) -> str:
    return f"letter-{rendered.letter.reference}.{extension}"


def petition_prefill(*, rendered: RenderedRouteLetter) -> dict[str, str]:
    """The petition form's fields, filled from a group letter (its text becomes the petition's)."""
    letter = rendered.letter
    employer = letter.choices.employer_name or letter.choices.recipient_name
    # The letter without its list of signatories: a petition names no one.
    body = rendered.body_text.split("\nSigned by", 1)[0].strip()
    demands = "\n".join(line for line in body.splitlines() if line.startswith("- "))
    return {
        "title": str(letter.subject)[:150],
        "body": body[:10_000],
        "employer": employer[:200],
        "demands": demands[:3_000],
    }
