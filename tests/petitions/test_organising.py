import datetime
import io

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from petitions import services, tasks
from petitions.models import Delivery, Petition, SignerHash, SigningCode

from .conftest import confirm, download_code_sheet, sign_by_email, text_of

FORM = {
    "title": "Stop the keylogger",
    "body": "We object.\n\n<script>alert(1)</script>\n\n- no keystrokes",
    "employer": "Meta Platforms Ireland Limited",
    "decision_maker": "The Head of HR",
    "demands": "Switch it off.",
    "goal": "50",
    "closes_on": "2099-01-01",
    "group_name": "Dublin Workers",
    "visibility": "unlisted",
    "eligibility": "codes",
}


def test_starting_a_petition_needs_an_account(client):
    response = client.get(reverse("petitions:new"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_unlisted_petition_goes_live_at_once_and_never_shows_the_organiser(client, organiser):
    client.force_login(organiser)
    response = client.post(reverse("petitions:new"), FORM)
    petition = Petition.objects.get()
    assert response.status_code == 302 and petition.status == Petition.Status.LIVE
    page = client.get(reverse("petitions:detail", args=[petition.slug])).content.decode()
    assert "Dublin Workers" in page
    assert organiser.email not in page and "organiser" not in page.lower().split("organised")[0]


def test_petition_markdown_is_rendered_and_scripts_are_removed(client, organiser):
    client.force_login(organiser)
    client.post(reverse("petitions:new"), FORM)
    page = client.get(reverse("petitions:detail", args=[Petition.objects.get().slug]))
    html = page.content.decode()
    assert "<li>no keystrokes</li>" in html
    assert "<script>alert(1)</script>" not in html


def test_a_listed_petition_waits_for_moderation_then_staff_approve_it(
    client, organiser, settings, admin_client
):
    settings.PETITIONS_MODERATION = True
    client.force_login(organiser)
    client.post(reverse("petitions:new"), {**FORM, "visibility": "listed"})
    petition = Petition.objects.get()
    assert petition.status == Petition.Status.PENDING
    assert client.get(reverse("petitions:detail", args=[petition.slug])).status_code == 404
    admin_client.post(
        reverse("admin:petitions_petition_changelist"),
        {"action": "approve", "_selected_action": [petition.pk]},
    )
    petition.refresh_from_db()
    assert petition.status == Petition.Status.LIVE


def test_with_moderation_off_a_listed_petition_goes_live(client, organiser, settings):
    settings.PETITIONS_MODERATION = False
    client.force_login(organiser)
    client.post(reverse("petitions:new"), {**FORM, "visibility": "listed"})
    assert Petition.objects.get().status == Petition.Status.LIVE


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "<b>Hi</b>", "plain text only"),
        ("closes_on", "2001-01-01", "cannot be in the past"),
        ("goal", "0", "greater than or equal to 1"),
        ("title", "T" * 151, "at most 150 characters"),
    ],
)
def test_bad_petition_input_is_refused_next_to_its_field(client, organiser, field, value, message):
    client.force_login(organiser)
    response = client.post(reverse("petitions:new"), {**FORM, field: value})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert Petition.objects.count() == 0


def test_domain_mode_needs_a_valid_domain(client, organiser):
    client.force_login(organiser)
    response = client.post(reverse("petitions:new"), {**FORM, "eligibility": "domain"})
    assert "at least one domain" in " ".join(response.context["form"].errors["allowed_domains"])
    response = client.post(
        reverse("petitions:new"),
        {**FORM, "eligibility": "domain", "allowed_domains": "not a domain"},
    )
    assert "Not a domain" in " ".join(response.context["form"].errors["allowed_domains"])


def test_the_organiser_can_edit_until_the_first_signature_and_then_only_close(
    client, organiser, petition, mailoutbox
):
    client.force_login(organiser)
    edit_url = reverse("petitions:edit", args=[petition.slug])
    fields = {**FORM, "eligibility": "email", "title": "Edited"}
    assert client.post(edit_url, fields).status_code == 302
    petition.refresh_from_db()
    assert petition.title == "Edited"
    confirm(client, sign_by_email(client, petition, mailoutbox))
    locked = client.post(edit_url, {**fields, "title": "Too late"})
    assert locked.status_code == 400 and "can only be closed" in locked.content.decode()
    client.post(reverse("petitions:close", args=[petition.slug]))
    petition.refresh_from_db()
    assert petition.title == "Edited" and petition.status == Petition.Status.CLOSED


def test_someone_else_cannot_manage_the_petition(client, petition, django_user_model):
    other = django_user_model.objects.create_user(username="x", email="x@example.org")
    client.force_login(other)
    assert client.get(reverse("petitions:manage", args=[petition.slug])).status_code == 404
    assert client.post(reverse("petitions:close", args=[petition.slug])).status_code == 404


def test_the_code_sheet_has_each_code_and_a_qr_image_and_stores_only_hashes(
    client, organiser, make_petition, django_capture_on_commit_callbacks
):
    petition = make_petition(eligibility=Petition.Eligibility.CODES)
    client.force_login(organiser)
    response = download_code_sheet(client, petition, 6, django_capture_on_commit_callbacks)
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = text_of(response.content)
    codes = [line for line in text.split() if len(line) == 14 and line.count("-") == 2]
    assert len(set(codes)) == 6
    assert sum(len(page.images) for page in reader.pages) == 6
    stored = set(SigningCode.objects.values_list("digest", flat=True))
    assert len(stored) == 6 and not any(code in stored for code in codes)
    sign = client.post(
        reverse("petitions:sign", args=[petition.slug]), {"code": codes[0], "consent": "on"}
    )
    assert "receipt-code" in sign.content.decode()


def test_the_delivery_pdf_has_the_count_public_names_and_the_digest(
    client, organiser, petition, mailoutbox, django_capture_on_commit_callbacks
):
    for n in range(5):
        extra = {"show_name": "on", "public_name": f"Signer {n}"} if n < 2 else {}
        confirm(client, sign_by_email(client, petition, mailoutbox, email=f"s{n}@ex.org", **extra))
    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        client.post(reverse("petitions:delivery", args=[petition.slug]))
    assert len(queued) == 1  # the task is enqueued only once the request's transaction commits
    delivery = Delivery.objects.get(petition=petition)
    assert delivery.state == "ready" and delivery.progress == 100
    pdf = client.get(reverse("petitions:delivery_pdf", args=[petition.slug])).content
    text = text_of(pdf)
    assert "5 people signed this petition" in text
    assert "Signer 0" in text and "Signer 1" in text
    digest = services.verification_summary(petition=petition).digest
    assert digest[:40] in text.replace(" ", "")
    assert "End the keystroke logging" in text
    # The day it was prepared, and where the count can be checked.
    assert f"Date: {timezone.localdate().day} {timezone.localdate():%B %Y}" in text
    verify = settings.STANDING_SITE_URL + reverse("petitions:verify", args=[petition.slug])
    assert verify in text.replace(" ", "")


def test_the_goal_email_goes_to_the_organiser_once(
    client, make_petition, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.PETITIONS_COUNT_INTERVAL_SECONDS = 0
    petition = make_petition(goal=2)
    for n in range(3):
        confirm(client, sign_by_email(client, petition, mailoutbox, email=f"g{n}@ex.org"))
        with django_capture_on_commit_callbacks(execute=True):  # the mail goes on commit
            services.refresh_count(petition=petition)
    goal_mails = [m for m in mailoutbox if m.subject.startswith("Goal reached")]
    assert len(goal_mails) == 1 and goal_mails[0].to == ["steward@union.example"]
    assert goal_mails[0].alternatives  # the HTML part of the triplet


def test_the_periodic_task_closes_due_petitions_and_emails_the_organiser(
    make_petition, mailoutbox, django_capture_on_commit_callbacks
):
    petition = make_petition(closes_on=timezone.localdate() + datetime.timedelta(days=1))
    with (
        time_machine.travel(timezone.now() + datetime.timedelta(days=2)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert tasks.close_due_petitions.delay().get() == 1
    petition.refresh_from_db()
    assert petition.status == Petition.Status.CLOSED
    assert any(m.subject.startswith("Petition closed") for m in mailoutbox)


def test_retention_deletes_duplicate_hashes_but_keeps_counts_and_delivery(
    client, make_petition, mailoutbox, settings
):
    settings.PETITIONS_RETENTION_DAYS = 90
    petition = make_petition(eligibility=Petition.Eligibility.EMAIL)
    for n in range(5):
        confirm(client, sign_by_email(client, petition, mailoutbox, email=f"r{n}@ex.org"))
    services.close_petition(petition=petition)
    services.build_delivery(petition=petition, render=lambda **kw: b"%PDF-kept")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=89)):
        assert tasks.purge_expired_hashes.delay().get() == 0
    assert SignerHash.objects.filter(petition=petition).count() == 5
    with time_machine.travel(timezone.now() + datetime.timedelta(days=92)):
        assert tasks.purge_expired_hashes.delay().get() == 1
    petition.refresh_from_db()
    assert SignerHash.objects.filter(petition=petition).count() == 0
    assert petition.counted == 5 and petition.signatures.count() == 5
    assert services.delivery_pdf(petition=petition) == b"%PDF-kept"


def test_an_organiser_gets_back_to_each_petition_from_my_petitions(
    client, organiser, make_petition
):
    first, second = make_petition(title="First"), make_petition(title="Second")
    other = get_user_model().objects.create_user(username="other", email="o@example.org")
    client.force_login(organiser)
    account = client.get(reverse("accounts:overview")).content.decode()
    assert reverse("petitions:mine") in account  # from the account page
    page = client.get(reverse("petitions:mine")).content.decode()
    for petition in (first, second):
        assert reverse("petitions:manage", args=[petition.slug]) in page
    client.force_login(other)
    assert "First" not in client.get(reverse("petitions:mine")).content.decode()


def test_when_the_organiser_deletes_their_account_the_petition_and_its_signatures_stay(
    client, organiser, make_petition, mailoutbox
):
    from accounts.owndata import delete_account

    petition = make_petition()
    for n in range(5):
        confirm(client, sign_by_email(client, petition, mailoutbox, email=f"s{n}@example.org"))
    # The deletion page (behind reauthentication) says what will happen to them.
    warning = render_to_string("account/delete.html", {"petitions": [petition], "form": None})
    assert "stay, with every signature" in warning and petition.title in warning

    delete_account(user=organiser)

    petition.refresh_from_db()
    assert petition.organiser is None and petition.is_live
    services.refresh_count(petition=petition)
    page = client.get(reverse("petitions:detail", args=[petition.slug]))
    assert page.status_code == 200 and "5 signatures" in page.content.decode()
    # It still closes on its date, with no organiser to mail.
    Petition.objects.filter(pk=petition.pk).update(closes_on=petition.closes_on.replace(year=2000))
    sent = len(mailoutbox)
    assert services.close_due_petitions() == 1 and len(mailoutbox) == sent


def test_the_database_refuses_a_status_visibility_or_eligibility_the_code_does_not_know(
    petition,
):
    from django.db import IntegrityError, transaction

    for field, value in [("status", "hacked"), ("visibility", "x"), ("eligibility", "any")]:
        with pytest.raises(IntegrityError), transaction.atomic():
            Petition.objects.filter(pk=petition.pk).update(**{field: value})
    # The choices the constraints spell out are exactly the model's own.
    assert set(Petition.Status.values) == {"pending", "live", "closed", "rejected"}
    assert set(Petition.Visibility.values) == {"listed", "unlisted"}
    assert set(Petition.Eligibility.values) == {"email", "domain", "codes"}
    from petitions.models import CodeSheet

    assert set(CodeSheet.State.values) == {"queued", "running", "ready", "failed"}
