"""A live petition stops offering "Sign" the moment its closing date has passed, before the
periodic task closes it, and says "Closed on" that day."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from petitions import services
from petitions.models import Petition
from tests.support.petitions import signatures_taken

CLOSES = datetime.date(2026, 12, 10)


@pytest.fixture
def petition(make_petition):
    with time_machine.travel(datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC)):
        return make_petition(closes_on=CLOSES)


def at(day: datetime.date, hour: int = 12):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(hour), datetime.UTC))


def test_on_its_last_day_it_still_offers_sign(client, petition):
    with at(CLOSES, 22):
        html = client.get(reverse("petitions:detail", args=[petition.slug])).content.decode()
        sign = client.get(reverse("petitions:sign", args=[petition.slug]))

    assert "Sign this petition" in html and "Closes on 10 December 2026." in html
    assert sign.status_code == 200


def test_the_day_after_its_page_says_closed_on_and_offers_no_sign(client, petition):
    with at(CLOSES + datetime.timedelta(days=1), 0):
        html = client.get(reverse("petitions:detail", args=[petition.slug])).content.decode()

    assert Petition.objects.get(pk=petition.pk).status == Petition.Status.LIVE  # task not run
    assert "Sign this petition" not in html
    assert "Closed on 10 December 2026." in html
    assert "It no longer takes signatures." in html


def test_the_sign_page_refuses_and_says_when_it_closed(client, petition):
    url = reverse("petitions:sign", args=[petition.slug])
    with at(CLOSES + datetime.timedelta(days=1)):
        page = client.get(url)
        posted = client.post(url, {"email": "jo@example.org", "consent": "on"})

    for response in (page, posted):
        html = response.content.decode()
        assert response.status_code == 400
        assert "not open for signatures" in html and "Closed on 10 December 2026." in html
    assert signatures_taken() == 0


def test_a_link_mailed_before_the_date_cannot_confirm_after_it(client, petition):
    with at(CLOSES):
        token = services.seal_signature(petition=petition, address="jo@example.org")
    with at(CLOSES + datetime.timedelta(days=1)), pytest.raises(services.PetitionNotOpen):
        services.confirm_signature(slug=petition.slug, token=token)
    assert signatures_taken() == 0


def test_once_the_task_closes_it_the_page_keeps_the_day_it_closed(client, petition):
    with at(CLOSES + datetime.timedelta(days=1)):
        services.close_petition(petition=petition)
    with at(CLOSES + datetime.timedelta(days=5)):
        html = client.get(reverse("petitions:detail", args=[petition.slug])).content.decode()

    assert "Closed on 11 December 2026." in html and "Sign this petition" not in html
