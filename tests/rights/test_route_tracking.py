"""Route letters kept in "My requests": saving, the one reminder, the wait for a right that
has not begun, deletion and export; and drafting one without an account keeps nothing."""

import datetime
import io
import json
import zipfile

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.owndata import export_zip
from rights.models import RouteRequest
from rights.services import route_tracking
from tests.rights.test_privacy import every_table_as_text
from tests.rights.test_route_views import answers
from tests.rights.test_tracking import make_user

WA_SENT = datetime.date(2026, 12, 1)


@pytest.fixture
def worker(db):
    return make_user("jordan@example.org")


@pytest.fixture
def signed_in(client, worker):
    client.force_login(worker)
    return client


def save_wa_letter(client) -> RouteRequest:
    response = client.post(
        reverse("rights:route_save", kwargs={"kind": "wa_personnel_file"}),
        answers("wa_personnel_file"),
    )
    assert response.status_code == 302
    return RouteRequest.objects.get()


def test_a_signed_in_worker_saves_a_washington_letter_due_21_days_later(signed_in, worker):
    preview = signed_in.post(
        reverse("rights:route_preview", kwargs={"kind": "wa_personnel_file"}),
        answers("wa_personnel_file"),
    )
    assert reverse("rights:route_save", kwargs={"kind": "wa_personnel_file"}) in preview.text
    saved = save_wa_letter(signed_in)
    assert saved.owner == worker and saved.due_on == WA_SENT + datetime.timedelta(days=21)
    assert saved.remind_on == saved.due_on
    mine = signed_in.get(reverse("rights:mine"))
    assert reverse("rights:saved_route", kwargs={"request_id": saved.pk}) in mine.text
    detail = signed_in.get(reverse("rights:saved_route", kwargs={"request_id": saved.pk}))
    assert "22 December 2026" in detail.text and "RCW 49.12.250" in detail.text
    pdf = signed_in.get(reverse("rights:saved_route_pdf", kwargs={"request_id": saved.pk}))
    assert pdf["Content-Type"] == "application/pdf"


def test_a_saved_letters_answers_are_unreadable_in_the_database(signed_in):
    save_wa_letter(signed_in)
    dump = every_table_as_text()
    assert "Jordan Lee" not in dump and "jordan.lee@example.org" not in dump


def test_drafting_a_route_letter_without_an_account_keeps_nothing(client, db):
    before = every_table_as_text()
    client.post(
        reverse("rights:route_preview", kwargs={"kind": "eu_colleague"}), answers("eu_colleague")
    )
    client.post(
        reverse("rights:route_pdf", kwargs={"kind": "eu_colleague"}), answers("eu_colleague")
    )
    assert every_table_as_text() == before
    response = client.post(
        reverse("rights:route_save", kwargs={"kind": "eu_colleague"}), answers("eu_colleague")
    )
    assert response.status_code == 302 and reverse("account_login") in response.url
    assert not RouteRequest.objects.exists()


def test_the_reminder_goes_once_on_the_due_day_and_names_no_employer(signed_in):
    saved = save_wa_letter(signed_in)
    assert route_tracking.send_route_reminders(today=saved.due_on - datetime.timedelta(days=1)) == 0
    assert route_tracking.send_route_reminders(today=saved.due_on) == 1
    assert route_tracking.send_route_reminders(today=saved.due_on) == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert str(saved.pk) in message.body
    for secret in ("Acme", "RCW", "Washington", "personnel"):
        assert secret not in message.subject + message.body


def test_an_answered_letter_gets_no_reminder(signed_in):
    saved = save_wa_letter(signed_in)
    signed_in.post(reverse("rights:saved_route_answered", kwargs={"request_id": saved.pk}))
    assert route_tracking.send_route_reminders(today=saved.due_on) == 0


def test_an_answered_letter_is_deleted_after_the_retention_period_and_is_told_the_day(
    signed_in, settings
):
    settings.RIGHTS_RETENTION_DAYS = 30
    saved = save_wa_letter(signed_in)
    answered_on = timezone.localdate()
    answered = signed_in.post(
        reverse("rights:saved_route_answered", kwargs={"request_id": saved.pk}), follow=True
    )
    gone_on = answered_on + datetime.timedelta(days=30)
    assert f"It will be deleted on {gone_on.day} {gone_on:%B %Y}" in answered.text
    unanswered = save_wa_letter_again(signed_in)
    day_before = gone_on - datetime.timedelta(days=1)
    assert route_tracking.purge_route_requests(today=day_before) == 0
    assert route_tracking.purge_route_requests(today=gone_on) == 1
    # Only the answered one went; a letter still waiting for its answer is kept.
    assert list(RouteRequest.objects.all()) == [unanswered]


def save_wa_letter_again(client) -> RouteRequest:
    before = set(RouteRequest.objects.values_list("pk", flat=True))
    client.post(
        reverse("rights:route_save", kwargs={"kind": "wa_personnel_file"}),
        answers("wa_personnel_file"),
    )
    return RouteRequest.objects.exclude(pk__in=before).get()


@time_machine.travel(datetime.date(2026, 12, 1), tick=False)
def test_a_waited_for_right_is_forgotten_once_its_email_went(client, worker):
    client.force_login(worker)
    client.post(reverse("rights:route_wait", kwargs={"kind": "ca_admt_access"}))
    assert route_tracking.purge_route_requests(today=datetime.date(2026, 12, 31)) == 0
    assert route_tracking.send_route_reminders(today=datetime.date(2027, 1, 1)) == 1
    assert route_tracking.purge_route_requests(today=datetime.date(2027, 1, 1)) == 1
    assert not RouteRequest.objects.exists()


def test_the_retention_command_deletes_answered_route_letters(signed_in, settings):
    from django.core.management import call_command

    settings.RIGHTS_RETENTION_DAYS = 0
    saved = save_wa_letter(signed_in)
    signed_in.post(reverse("rights:saved_route_answered", kwargs={"request_id": saved.pk}))
    call_command("apply_retention", stdout=io.StringIO())
    assert not RouteRequest.objects.exists()


def test_a_letter_without_a_legal_deadline_is_kept_without_a_reminder(signed_in):
    signed_in.post(
        reverse("rights:route_save", kwargs={"kind": "ny_monitoring_notice"}),
        answers("ny_monitoring_notice"),
    )
    saved = RouteRequest.objects.get()
    assert saved.due_on is None and saved.remind_on is None
    assert route_tracking.send_route_reminders(today=datetime.date(2030, 1, 1)) == 0


@time_machine.travel(datetime.date(2026, 12, 1), tick=False)
def test_a_californian_asks_to_be_told_when_the_admt_right_begins(client, worker):
    signed_in = client
    signed_in.force_login(worker)
    url = reverse("rights:route_wait", kwargs={"kind": "ca_admt_access"})
    signed_in.post(url)
    signed_in.post(url)  # pressed twice: still one reminder
    waiting = RouteRequest.objects.get()
    assert waiting.waiting and waiting.remind_on == datetime.date(2027, 1, 1)
    assert route_tracking.send_route_reminders(today=datetime.date(2026, 12, 31)) == 0
    assert route_tracking.send_route_reminders(today=datetime.date(2027, 1, 1)) == 1
    assert reverse("rights:route_letter", kwargs={"kind": "ca_admt_access"}) in mail.outbox[0].body


@time_machine.travel(datetime.date(2027, 1, 2), tick=False)
def test_once_the_admt_right_has_begun_there_is_nothing_to_wait_for(client, worker):
    signed_in = client
    signed_in.force_login(worker)  # signed in on the day, not a month before
    page = signed_in.get(reverse("rights:route_letter", kwargs={"kind": "ca_admt_access"}))
    assert 'id="starts-later"' not in page.text
    url = reverse("rights:route_wait", kwargs={"kind": "ca_admt_access"})
    assert signed_in.post(url).status_code == 404


def test_another_accounts_letter_is_not_found(signed_in, client):
    saved = save_wa_letter(signed_in)
    client.force_login(make_user("someone.else@example.org"))
    assert (
        client.get(reverse("rights:saved_route", kwargs={"request_id": saved.pk})).status_code
        == 404
    )


def test_deleting_needs_the_box_ticked_and_then_deletes_for_real(signed_in):
    saved = save_wa_letter(signed_in)
    url = reverse("rights:saved_route_delete", kwargs={"request_id": saved.pk})
    signed_in.post(url)
    assert RouteRequest.objects.exists()
    signed_in.post(url, {"confirm": "yes"})
    assert not RouteRequest.objects.exists()


def test_the_account_export_includes_saved_letters(signed_in, worker):
    save_wa_letter(signed_in)
    archive = zipfile.ZipFile(io.BytesIO(export_zip(user=worker, today=WA_SENT)))
    data = json.loads(archive.read("my-data.json"))
    kept = data["saved_letters_and_reminders"]
    assert kept[0]["kind"] == "wa_personnel_file"
    assert kept[0]["answers"]["full_name"] == "Jordan Lee"
