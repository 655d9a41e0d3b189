"""Every main page runs a fixed number of queries, however many rows stand behind it.

Each page is measured with one row and with several (requests, timeline events, petitions,
signatures, sessions); the bound is the same for both, so a query per row fails the test.
"""

import datetime
import uuid

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from petitions import services as petitions
from petitions.models import Petition, Signature
from rights.services import tracking

pytestmark = pytest.mark.usefixtures("reference_data")

TODAY = datetime.date(2026, 11, 25)
ROWS = [1, 6]
# What any signed-in page costs before its own queries: the session, the user, and allauth's
# sessions list noting the visit (a savepoint, a read, the user again, an update, a release).
SIGNED_IN = 7


@pytest.fixture
def worker(db):
    user = get_user_model().objects.create_user(
        username="worker", email="worker@example.org", password="a-long-password-1"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def signed_in(client, worker):
    client.force_login(worker)
    return client


def _answers(dublin_answers: dict) -> dict[str, list[str]]:
    return {k: v if isinstance(v, list) else [v] for k, v in dublin_answers.items()}


def _saved_with_events(owner, answers, *, events: int):
    """A sent request with `events` timeline entries in all (sent, then responses)."""
    saved = tracking.save_request(owner=owner, answers=answers, regime_id="eu_gdpr")
    sent_on = TODAY - datetime.timedelta(days=20)
    tracking.add_event(saved=saved, kind="sent", on=sent_on, channel="email", today=TODAY)
    for n in range(events - 1):
        day = sent_on + datetime.timedelta(days=n + 1)
        tracking.add_event(saved=saved, kind="responded", on=day, today=TODAY)
    return saved


def _petition(organiser, **overrides) -> Petition:
    fields = {
        "title": "Stop the keylogger",
        "body": "We object.",
        "employer": "Acme",
        "decision_maker": "The Head of HR",
        "demands": "Switch it off.",
        "goal": 10,
        "closes_on": timezone.localdate() + datetime.timedelta(days=30),
        "group_name": "Workers",
        "visibility": Petition.Visibility.LISTED,
        "eligibility": Petition.Eligibility.EMAIL,
        **overrides,
    }
    petition = petitions.create_petition(
        organiser=organiser, data=petitions.PetitionInput(**fields)
    )
    petitions.approve_petition(petition=petition)
    return petition


def _signatures(petition: Petition, count: int) -> None:
    """Published signatures written as a flush writes them."""
    Signature.objects.bulk_create(
        Signature(
            petition=petition,
            public_name=f"Signer {n}",
            receipt_hash=uuid.uuid4().hex * 2,
            signed_on=timezone.localdate(),
            batch=1,
        )
        for n in range(count)
    )
    Petition.objects.filter(pk=petition.pk).update(batches_flushed=1, published_batch=1)
    petitions.refresh_count(petition=Petition.objects.get(pk=petition.pk))


def _get(client, url: str, django_assert_max_num_queries, bound: int):
    """The page's queries once warm: the first signed-in page of a test also records the
    session (allauth's sessions list), which every later page only updates."""
    client.get(url)
    with django_assert_max_num_queries(bound):
        response = client.get(url)
    assert response.status_code == 200, url
    return response


# -- Drafting: nothing per row, and no account --------------------------------------------------


def test_the_home_page_and_the_request_form_run_few_queries(client, django_assert_max_num_queries):
    _get(client, reverse("home"), django_assert_max_num_queries, 0)
    _get(client, reverse("rights:new"), django_assert_max_num_queries, 2)


def test_the_preview_runs_few_queries(client, dublin_answers, django_assert_max_num_queries):
    # The directory's choices and caveats for the form, the employer, its caveat, and the
    # authority finder's lookups for "if there is no answer" (the employer's lead authority,
    # the workplace's authorities, regional ones): none per right or per category asked.
    with django_assert_max_num_queries(8):
        response = client.post(reverse("rights:preview"), dublin_answers)
    assert response.status_code == 200


# -- Saved requests -------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", ROWS)
def test_the_dashboard_runs_the_same_queries_for_one_request_or_many(
    signed_in, worker, dublin_answers, london_answers, rows, django_assert_max_num_queries
):
    for n in range(rows):
        answers = dublin_answers if n % 2 == 0 else london_answers
        _saved_with_events(worker, _answers(answers), events=3)
    page = _get(signed_in, reverse("rights:mine"), django_assert_max_num_queries, SIGNED_IN + 4)
    assert page.content.decode().count("/requests/mine/") >= rows


@pytest.mark.parametrize("rows", ROWS)
def test_a_saved_request_runs_the_same_queries_for_a_short_or_long_timeline(
    signed_in, worker, dublin_answers, rows, django_assert_max_num_queries
):
    saved = _saved_with_events(worker, _answers(dublin_answers), events=rows)
    url = reverse("rights:saved", kwargs={"request_id": saved.pk})
    _get(signed_in, url, django_assert_max_num_queries, SIGNED_IN + 4)


# -- Petitions ------------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", ROWS)
def test_the_petition_list_and_my_petitions_run_the_same_queries_for_one_or_many(
    signed_in, worker, rows, django_assert_max_num_queries
):
    for n in range(rows):
        _petition(worker, title=f"Petition {n}")
    _get(signed_in, reverse("petitions:list"), django_assert_max_num_queries, SIGNED_IN + 1)
    _get(signed_in, reverse("petitions:mine"), django_assert_max_num_queries, SIGNED_IN + 1)


@pytest.mark.parametrize("rows", [1, 30])
def test_the_pages_of_one_petition_run_the_same_queries_for_few_or_many_signatures(
    client, worker, rows, django_assert_max_num_queries, settings
):
    settings.PETITIONS_COUNT_INTERVAL_SECONDS = 3600
    petition = _petition(worker)
    _signatures(petition, rows)
    slug = petition.slug
    _get(client, reverse("petitions:detail", args=[slug]), django_assert_max_num_queries, 1)
    _get(client, reverse("petitions:sign", args=[slug]), django_assert_max_num_queries, 1)
    _get(client, reverse("petitions:verify", args=[slug]), django_assert_max_num_queries, 2)
    client.force_login(worker)
    manage = reverse("petitions:manage", args=[slug])
    _get(client, manage, django_assert_max_num_queries, SIGNED_IN + 6)


# -- Accounts -------------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", ROWS)
def test_the_account_pages_run_the_same_queries_for_one_session_or_many(
    client, worker, rows, django_assert_max_num_queries
):
    for _n in range(rows):
        client.logout()
        client.force_login(worker)
    pages = {
        "accounts:overview": SIGNED_IN + 7,
        "accounts:my_data": SIGNED_IN,
        "usersessions_list": SIGNED_IN + 4,
        "account_email": SIGNED_IN + 2,
    }
    for page, bound in pages.items():
        _get(client, reverse(page), django_assert_max_num_queries, bound)
