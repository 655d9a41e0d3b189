"""Without an account, the preview leads to "What happens next": the due date, and the reminder
and complaint drafted from the answers posted again, as the first letter is. Nothing is kept."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from rights.models import SavedRequest

pytestmark = pytest.mark.usefixtures("reference_data")

SENT = "2026-09-01"


def textarea(response) -> str:
    html = response.content.decode()
    return re.search(r'<textarea id="followup-text"[^>]*>(.*?)</textarea>', html, re.S).group(1)


def test_the_preview_leads_to_what_happens_next(client, london_answers):
    preview = client.post(reverse("rights:preview"), london_answers).content.decode()
    assert f'formaction="{reverse("rights:next")}"' in preview

    with time_machine.travel(datetime.date(2026, 11, 30)):
        page = client.post(reverse("rights:next"), london_answers)

    html = page.content.decode()
    assert page.status_code == 200
    assert "What happens next" in html and "Due " in html
    assert "Add the due date to my calendar (.ics)" in html
    assert "They can be drafted after" in html and "Draft the reminder" not in html
    assert '<input type="hidden" name="full_name" value="Priya Shah">' in html


def test_after_the_due_date_the_reminder_is_drafted_from_the_answers(client, london_answers):
    london_answers["sent_on"] = SENT
    with time_machine.travel(datetime.date(2026, 11, 30)):
        page = client.post(reverse("rights:next"), london_answers).content.decode()
        assert "Draft the reminder" in page
        response = client.post(
            reverse("rights:followup_unsaved"), {**london_answers, "kind": "reminder"}
        )

    text = textarea(response)
    assert response.status_code == 200
    assert "Priya Shah" in text and "## " not in text
    assert "1 September 2026" in text
    assert "dpo@acme.example" in response.content.decode()
    assert not SavedRequest.objects.exists()


def test_the_complaint_goes_to_the_authority_with_the_first_letter_annexed(client, london_answers):
    london_answers["sent_on"] = SENT
    with time_machine.travel(datetime.date(2026, 11, 30)):
        response = client.post(
            reverse("rights:followup_unsaved"), {**london_answers, "kind": "complaint"}
        )

    html = response.content.decode()
    assert "Information Commissioner" in html
    assert "Annex: my original request" in textarea(response)
    assert "Acme Logistics UK Ltd" in textarea(response)


def test_a_follow_up_that_does_not_fit_yet_falls_back_to_the_explanation(client, london_answers):
    with time_machine.travel(datetime.date(2026, 11, 30)):
        early = client.post(
            reverse("rights:followup_unsaved"), {**london_answers, "kind": "reminder"}
        )
        unknown = client.post(reverse("rights:followup_unsaved"), {**london_answers, "kind": "gap"})

    for response in (early, unknown):
        assert response.status_code == 200
        assert "They can be drafted after" in response.content.decode()


def test_bad_answers_get_the_form_with_its_errors(client):
    response = client.post(reverse("rights:next"), {"full_name": "x"})

    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
