"""Anonymous letter PDFs are throttled per client (issue: about 14 a second, at 125 ms of CPU
each, were served to one script)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.support.production import settings_under
from tests.support.storage import cache_as_text

ADDRESS = "203.0.113.44"


@pytest.fixture(autouse=True)
def start_of_a_quiet_minute():
    moment = timezone.now().replace(minute=30, second=0) + datetime.timedelta(days=1)
    with time_machine.travel(moment, tick=False):
        yield


def test_a_script_asking_for_letter_pdfs_is_stopped_after_the_limit(
    reference_data, dublin_answers, settings
):
    settings.RIGHTS_LETTER_PDF_RATES = ["10/m", "100/h"]
    script = Client(REMOTE_ADDR=ADDRESS)

    answers = [script.post(reverse("rights:pdf"), dublin_answers) for _ in range(11)]

    assert [a.status_code for a in answers] == [200] * 10 + [429]
    assert answers[-1]["Retry-After"] == "60"
    assert "Too many at once" in answers[-1].text
    assert answers[-1]["Content-Type"].startswith("text/html")


def test_a_person_elsewhere_still_gets_their_pdf(reference_data, dublin_answers, settings):
    settings.RIGHTS_LETTER_PDF_RATES = ["2/m"]
    script, person = Client(REMOTE_ADDR=ADDRESS), Client(REMOTE_ADDR="198.51.100.9")
    for _ in range(3):
        script.post(reverse("rights:pdf"), dublin_answers)

    response = person.post(reverse("rights:pdf"), dublin_answers)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_the_hourly_limit_holds_across_minutes(reference_data, dublin_answers, settings):
    settings.RIGHTS_LETTER_PDF_RATES = ["2/m", "3/h"]
    script = Client(REMOTE_ADDR=ADDRESS)
    statuses = []
    for minute in range(4):
        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=minute), tick=False):
            statuses.append(script.post(reverse("rights:pdf"), dublin_answers).status_code)

    assert statuses == [200, 200, 200, 429]


def test_the_limit_keeps_no_client_address_in_the_cache(reference_data, dublin_answers):
    Client(REMOTE_ADDR=ADDRESS).post(reverse("rights:pdf"), dublin_answers)

    stored = cache_as_text()
    assert "letter-pdf" in stored
    assert ADDRESS not in stored


def test_a_letter_pdf_limit_that_is_not_a_rate_stops_start_up_naming_the_variable():
    with pytest.raises(ImproperlyConfigured, match="RIGHTS_LETTER_PDF_RATES"):
        settings_under({"RIGHTS_LETTER_PDF_RATES": "10 a minute"})

    assert settings_under({"RIGHTS_LETTER_PDF_RATES": "5/min, 50/h"})[
        "RIGHTS_LETTER_PDF_RATES"
    ] == ["5/min", "50/h"]
