"""Without an account, the preview offers the due date as a calendar entry, kept nowhere."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from icalendar import Calendar

from rights.forms import RequestForm
from rights.models import SavedRequest
from rights.services import drafting, reference

pytestmark = pytest.mark.usefixtures("reference_data")


def expected_due(answers) -> datetime.date:
    form = RequestForm(answers, employer_choices=reference.employer_choices())
    assert form.is_valid(), form.errors
    return drafting.compose_from_cleaned(form.cleaned_data).letter.due_on


def test_the_calendar_entry_falls_on_the_due_date_and_names_no_one(client, dublin_answers):
    response = client.post(reverse("rights:calendar_unsaved"), dublin_answers)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == expected_due(dublin_answers)
    text = response.content.decode()
    for private in ("Aoife", "MPI-448812", "Meta", "GDPR", "aoife.byrne"):
        assert private not in text
    assert not SavedRequest.objects.exists()


def test_two_downloads_cannot_be_tied_together(client, dublin_answers):
    uids = {
        str(Calendar.from_ical(response.content).walk("VEVENT")[0]["uid"])
        for response in (
            client.post(reverse("rights:calendar_unsaved"), dublin_answers) for _ in range(2)
        )
    }
    assert len(uids) == 2


def test_the_preview_offers_it_without_an_account_only(client, dublin_answers):
    button = f'formaction="{reverse("rights:calendar_unsaved")}"'
    assert button in client.post(reverse("rights:preview"), dublin_answers).content.decode()

    user = get_user_model().objects.create_user(username="w", email="w@example.org")
    client.force_login(user)
    assert button not in client.post(reverse("rights:preview"), dublin_answers).content.decode()


def test_invalid_answers_go_back_to_the_form(client, dublin_answers):
    dublin_answers["full_name"] = ""

    response = client.post(reverse("rights:calendar_unsaved"), dublin_answers)

    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
