"""Nothing is ticked for the worker: the monitoring data the letter names are the ones they
chose, at least one, with a clear message when none is."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("reference_data")


def test_the_form_ticks_no_monitoring_data_in_advance(client):
    html = client.get(reverse("rights:new")).content.decode()

    boxes = re.findall(r'<input type="checkbox" name="categories"[^>]*>', html)
    assert len(boxes) == 6
    assert not any("checked" in box for box in boxes)


def test_no_category_chosen_gets_a_clear_message_next_to_the_field(client, dublin_answers):
    dublin_answers["categories"] = []

    response = client.post(reverse("rights:preview"), dublin_answers)

    html = response.content.decode()
    assert response.status_code == 400
    message = "Tick at least one kind of monitoring data, so the letter says what it is about."
    assert html.count(message) == 2  # in the summary and next to the field
    assert 'id="id_categories_error"' in html


def test_the_letter_names_only_the_data_chosen_and_reads_well_with_one(client, dublin_answers):
    dublin_answers["categories"] = ["screen"]

    response = client.post(reverse("rights:text"), dublin_answers)

    text = response.content.decode()
    assert "It concerns these data:\n- screenshots and other captures of screen content\n" in text
    assert "keystrokes and typed text" not in text
    assert "mouse movements" not in text
