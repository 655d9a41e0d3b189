"""What the browser tests build and type: a petition with a title too long for a phone, and
the Dublin worker's request form."""

import datetime

from django.utils import timezone
from playwright.sync_api import Page

from petitions import services
from petitions.models import Petition

# A long unbroken string a page must wrap rather than widen for.
LONG_TITLE = "Stop-the-Model-Capability-Initiative-keystroke-logging-now-and-for-good"


def live_petition(organiser, eligibility=Petition.Eligibility.EMAIL) -> Petition:
    data = services.PetitionInput(
        title=LONG_TITLE,
        body="We **object** to https://intranet.example.com/model-capability-initiative/"
        "keystroke-and-screen-capture-programme-2026-overview",
        employer="Meta Platforms, Inc.",
        decision_maker="The Chief People Officer",
        demands="End the keystroke logging.",
        goal=100,
        closes_on=timezone.localdate() + datetime.timedelta(days=30),
        group_name="Workers for Privacy",
        visibility=Petition.Visibility.UNLISTED,
        eligibility=eligibility,
    )
    return services.create_petition(organiser=organiser, data=data)


def fill_dublin_request(page: Page) -> None:
    page.get_by_label("Your employer").select_option(label="Meta (Ireland)")
    page.get_by_label("Where do you work?").select_option(label="Ireland")
    page.get_by_label("Access: a copy of the monitoring data").first.check()
    page.get_by_label("Object to the monitoring and to its reuse for AI training").first.check()
    page.get_by_label("keystrokes and typed text").check()
    page.get_by_label("screenshots and other captures of screen content").check()
    page.get_by_label("Name of the monitoring programme").fill("Model Capability Initiative")
    page.get_by_label("Your full name").fill("Aoife Byrne")
    page.get_by_label("Employee ID").fill("MPI-448812")
    page.get_by_label("Where should the reply go?").fill("aoife.byrne@example.org")
