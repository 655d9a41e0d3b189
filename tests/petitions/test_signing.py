import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from petitions import services
from petitions.models import PendingSignature, Petition, Signature, SignerHash
from tests.support.petitions import (
    CLIENT_IP,
    confirm,
    receipt_from,
    sign_by_email,
    signatures_taken,
)


def url(name: str, petition, *args) -> str:
    return reverse(f"petitions:{name}", args=[petition.slug, *args])


def test_signing_stores_nothing_until_the_signer_presses_confirm(client, petition, mailoutbox):
    link = sign_by_email(client, petition, mailoutbox)
    assert signatures_taken() == 0 and SignerHash.objects.count() == 0
    # A mail scanner following the link (GET) only sees the Confirm button.
    page = client.get(link.split("testserver", 1)[1])
    assert page.status_code == 200 and "Confirm" in page.content.decode()
    assert signatures_taken() == 0

    response = confirm(client, link)
    assert response.status_code == 200
    assert signatures_taken() == 1 and SignerHash.objects.count() == 1
    assert "no-store" in response["Cache-Control"]


def test_a_second_confirmation_of_the_same_link_counts_once(client, petition, mailoutbox):
    link = sign_by_email(client, petition, mailoutbox)
    confirm(client, link)
    again = confirm(client, link)
    assert again.status_code == 400
    assert "already signed" in again.content.decode()
    assert signatures_taken() == 1


def test_the_database_itself_refuses_a_second_hash_for_the_same_signer(petition):
    SignerHash.objects.create(digest="a" * 64, petition=petition)
    with pytest.raises(IntegrityError), transaction.atomic():
        SignerHash.objects.create(digest="a" * 64, petition=petition)


def test_the_same_person_with_dots_and_a_tag_counts_once(client, petition, mailoutbox):
    confirm(client, sign_by_email(client, petition, mailoutbox, email="jo.worker@gmail.com"))
    second = confirm(
        client, sign_by_email(client, petition, mailoutbox, email="JoWorker+x@Gmail.com")
    )
    assert second.status_code == 400
    assert signatures_taken() == 1


def test_an_expired_link_is_explained_and_counts_nothing(client, petition, mailoutbox):
    link = sign_by_email(client, petition, mailoutbox)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3)):
        response = confirm(client, link)
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert signatures_taken() == 0


def test_a_tampered_link_is_explained_and_counts_nothing(client, petition, mailoutbox):
    link = sign_by_email(client, petition, mailoutbox)
    head, token, tail = link.rsplit("/", 2)
    tampered = f"{head}/{token[:-3]}{'A' if token[-3] != 'A' else 'B'}{token[-2:]}/"
    response = confirm(client, tampered)
    assert response.status_code == 400
    assert "not valid" in response.content.decode()
    assert signatures_taken() == 0


def test_a_link_for_another_petition_is_refused(client, petition, make_petition, mailoutbox):
    other = make_petition(title="Another")
    link = sign_by_email(client, petition, mailoutbox)
    token = link.rstrip("/").rsplit("/", 1)[1]
    response = client.post(url("confirm", other, token))
    assert response.status_code == 400
    assert signatures_taken() == 0


def test_the_receipt_checks_a_waiting_then_a_counted_signature_and_withdraws_it(
    client, petition, mailoutbox
):
    receipt = receipt_from(confirm(client, sign_by_email(client, petition, mailoutbox)))
    waiting = client.post(url("receipt", petition), {"receipt": receipt, "action": "check"})
    assert "confirmed and waiting for its batch" in waiting.content.decode()
    services.refresh_count(petition=petition)
    check = client.post(url("receipt", petition), {"receipt": receipt, "action": "check"})
    assert "is counted" in check.content.decode()
    withdrawn = client.post(url("receipt", petition), {"receipt": receipt, "action": "withdraw"})
    assert "withdrawn" in withdrawn.content.decode()
    assert signatures_taken() == 0
    again = client.post(url("receipt", petition), {"receipt": receipt, "action": "check"})
    assert "No counted or waiting signature has this receipt" in again.content.decode()


def test_a_signature_still_waiting_for_its_batch_can_be_withdrawn(client, petition, mailoutbox):
    receipt = receipt_from(confirm(client, sign_by_email(client, petition, mailoutbox)))
    assert PendingSignature.objects.count() == 1
    withdrawn = client.post(url("receipt", petition), {"receipt": receipt, "action": "withdraw"})
    assert "withdrawn" in withdrawn.content.decode()
    assert signatures_taken() == 0
    services.refresh_count(petition=petition)
    assert Signature.objects.count() == 0


def test_a_wrong_receipt_is_explained_not_an_error(client, petition):
    response = client.post(url("receipt", petition), {"receipt": "nonsense!", "action": "check"})
    assert response.status_code == 200
    assert "No counted or waiting signature" in response.content.decode()


def test_codes_sign_once_and_unknown_codes_are_refused(client, make_petition):
    petition = make_petition(eligibility=Petition.Eligibility.CODES)
    code = services.generate_codes(petition=petition, count=2)[0]
    data = {"code": code.lower().replace("-", " "), "consent": "on"}
    first = client.post(url("sign", petition), data)
    assert first.status_code == 200 and "receipt-code" in first.content.decode()
    used = client.post(url("sign", petition), data)
    assert used.status_code == 400 and "already been used" in used.content.decode()
    unknown = client.post(url("sign", petition), {"code": "ZZZZ-ZZZZ-ZZZZ", "consent": "on"})
    assert unknown.status_code == 400
    assert signatures_taken() == 1


def test_a_code_from_another_petition_is_refused(client, make_petition):
    one = make_petition(eligibility=Petition.Eligibility.CODES)
    two = make_petition(eligibility=Petition.Eligibility.CODES)
    code = services.generate_codes(petition=one, count=1)[0]
    response = client.post(url("sign", two), {"code": code, "consent": "on"})
    assert response.status_code == 400
    assert signatures_taken() == 0


def test_domain_mode_warns_about_work_mail_and_refuses_other_domains(
    client, make_petition, mailoutbox
):
    petition = make_petition(eligibility=Petition.Eligibility.DOMAIN, allowed_domains="meta.com")
    page = client.get(url("sign", petition)).content.decode()
    assert "can press Confirm in your name" in page
    assert "printed signing code" in page
    refused = client.post(url("sign", petition), {"email": "me@gmail.com", "consent": "on"})
    assert refused.status_code == 400 and "chosen domains" in refused.content.decode()
    assert sign_by_email(client, petition, mailoutbox, email="me@meta.com")


def test_signing_a_closed_petition_is_refused(client, petition):
    services.close_petition(petition=petition)
    response = client.post(url("sign", petition), {"email": "a@example.org", "consent": "on"})
    assert response.status_code == 400
    assert "not open" in response.content.decode()


def test_an_unapproved_or_unknown_petition_is_not_found(client, make_petition, settings):
    settings.PETITIONS_MODERATION = True
    pending = make_petition(visibility=Petition.Visibility.LISTED)
    assert pending.status == Petition.Status.PENDING
    assert client.get(url("sign", pending)).status_code == 404
    assert client.get(reverse("petitions:sign", args=["no-such-petition"])).status_code == 404


def test_a_confirmation_after_closing_is_refused(client, petition, mailoutbox):
    link = sign_by_email(client, petition, mailoutbox)
    services.close_petition(petition=petition)
    response = confirm(client, link)
    assert response.status_code == 400 and "not open" in response.content.decode()
    assert signatures_taken() == 0


def test_a_confirmation_after_the_closing_date_is_refused_before_the_close_task_runs(
    client, petition, mailoutbox
):
    link = sign_by_email(client, petition, mailoutbox)
    Petition.objects.filter(pk=petition.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    response = confirm(client, link)
    assert response.status_code == 400 and "not open" in response.content.decode()
    assert signatures_taken() == 0 and SignerHash.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_confirmations_of_one_link_count_once(make_petition):
    if connection.vendor != "postgresql":
        pytest.skip("threads need a server database; runs in the PostgreSQL pass")
    petition = make_petition()
    token = services.seal_signature(petition=petition, address="jo@example.org")
    start = threading.Barrier(8)

    def attempt() -> str:
        start.wait()
        try:
            return services.confirm_signature(slug=petition.slug, token=token)
        except services.AlreadySigned:
            return "refused"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(lambda _n: attempt(), range(8)))
    assert outcomes.count("refused") == 7
    services.refresh_count(petition=petition)
    assert Signature.objects.filter(petition=petition).count() == 1
    assert SignerHash.objects.filter(petition=petition).count() == 1


def test_the_receipt_page_shows_each_signer_their_own_receipt(client, make_petition, mailoutbox):
    petition = make_petition()
    first = receipt_from(confirm(client, sign_by_email(client, petition, mailoutbox)))
    second = receipt_from(
        confirm(client, sign_by_email(client, petition, mailoutbox, email="b@example.org"))
    )
    assert first != second
    assert services.receipt_status(petition=petition, receipt=first) == "pending"
    services.refresh_count(petition=petition)
    assert services.is_counted(petition=petition, receipt=first)
    assert services.is_counted(petition=petition, receipt=second)


def test_a_signed_in_organiser_signing_sees_the_signed_in_page(client, petition, mailoutbox):
    client.force_login(petition.organiser)
    response = confirm(client, sign_by_email(client, petition, mailoutbox))
    page = response.content.decode()
    assert response.status_code == 200 and "Sign out" in page
    assert services.receipt_status(petition=petition, receipt=receipt_from(response)) == "pending"


def test_the_honeypot_refuses_bots(client, petition, mailoutbox):
    data = {"email": "bot@example.org", "consent": "on", "website": "http://spam"}
    response = client.post(url("sign", petition), data)
    assert response.status_code == 400
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("field", "value"),
    [("comment", "<script>alert(1)</script>"), ("public_name", "<b>Boss</b>")],
)
def test_html_in_any_text_is_refused_with_a_message(client, petition, mailoutbox, field, value):
    link = sign_by_email(client, petition, mailoutbox)
    data = {"show_name": "on", "public_name": "A", field: value}
    response = confirm(client, link, **data)
    assert response.status_code == 400
    assert "plain text only" in response.content.decode()
    assert SignerHash.objects.count() == 0 and PendingSignature.objects.count() == 0


def test_oversized_text_is_refused_next_to_its_field(client, petition, mailoutbox):
    link = sign_by_email(client, petition, mailoutbox)
    response = confirm(client, link, comment="x" * 501)
    assert response.status_code == 400
    assert "at most 500 characters" in response.content.decode()
    assert SignerHash.objects.count() == 0


def test_signing_is_rate_limited_per_client(client, petition, settings, mailoutbox):
    settings.PETITIONS_SIGN_RATE = "2/h"

    def attempt(n: int):
        data = {"email": f"p{n}@example.org", "consent": "on"}
        return client.post(url("sign", petition), data, REMOTE_ADDR=CLIENT_IP)

    # Inside one fixed hour window: the limit counts per window, so a test that straddled the
    # hour would see its counter reset.
    middle_of_an_hour = timezone.now().replace(minute=30, second=0) + datetime.timedelta(days=1)
    with time_machine.travel(middle_of_an_hour, tick=False):
        first, second, third = attempt(1), attempt(2), attempt(3)
    assert (first.status_code, second.status_code, third.status_code) == (200, 200, 429)
    assert len(mailoutbox) == 2


def test_on_postgresql_the_confirm_statement_is_really_prepared_on_the_server(make_petition):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's; runs in the PostgreSQL pass")
    petition = make_petition()
    for n in range(2):
        token = services.seal_signature(petition=petition, address=f"worker{n}@example.org")
        services.confirm_signature(slug=petition.slug, token=token)

    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("petitions_signerhash" in statement for statement in prepared), prepared
    services.refresh_count(petition=petition)
    assert Signature.objects.filter(petition=petition).count() == 2


def test_every_page_where_people_type_or_see_a_receipt_warns_about_the_work_computer(
    client, petition, mailoutbox
):
    link = sign_by_email(client, petition, mailoutbox)
    pages = {
        "home": client.get("/"),
        "request form": client.get(reverse("rights:new")),
        "sign": client.get(url("sign", petition)),
        "confirm": client.get(link.split("testserver", 1)[1]),
        "receipt": confirm(client, link),
    }
    for name, response in pages.items():
        text = response.content.decode()
        assert "Not the work computer, the work phone or the work Wi-Fi" in text, name
    assert "whoever has it can withdraw your signature" in pages["receipt"].content.decode()


def test_the_home_page_title_is_plain_text():
    from django.test import Client

    html = Client().get("/").content.decode()
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title and "Tools for monitored workers" in title
