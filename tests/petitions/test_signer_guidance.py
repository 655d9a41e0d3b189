"""What signers are told: a personal address, where a public name goes, what withdrawing does,
why a withdrawn address says "already signed", and when a petition closed."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from petitions import services
from petitions.models import Petition
from tests.support.petitions import confirm, receipt_from, sign_by_email, signatures_taken


def url(name: str, petition) -> str:
    return reverse(f"petitions:{name}", args=[petition.slug])


def test_the_sign_page_in_email_mode_asks_for_a_personal_address(client, petition):
    html = client.get(url("sign", petition)).content.decode()

    help_text = re.search(r'id="id_email_helptext">(.*?)</p>', html, re.S).group(1)
    assert "Use a personal address, not your work one" in help_text
    assert 'aria-describedby="id_email_helptext"' in html


def test_domain_mode_does_not_ask_for_a_personal_address(client, make_petition):
    petition = make_petition(
        eligibility=Petition.Eligibility.DOMAIN, allowed_domains="meta.example"
    )

    html = client.get(url("sign", petition)).content.decode()

    assert "Use a personal address" not in html


def test_the_confirm_page_says_the_name_and_comment_go_to_the_employer(
    client, petition, mailoutbox
):
    link = sign_by_email(client, petition, mailoutbox)

    html = client.get(link.split("testserver", 1)[1]).content.decode()

    assert "Print my name in the petition handed to the employer" in html
    assert "Comment (optional, printed in the petition handed to the employer)" in html
    assert "They are not shown on this site" in html
    assert (
        "delivery document (a PDF) that the organisers hand to the employer (Meta Platforms, Inc.)."
        in html
    )
    assert "shown publicly" not in html


def test_signing_with_a_code_says_where_the_name_and_comment_go(client, make_petition):
    petition = make_petition(eligibility=Petition.Eligibility.CODES)

    html = client.get(url("sign", petition)).content.decode()

    assert (
        "delivery document (a PDF) that the organisers hand to the employer (Meta Platforms, Inc.)."
        in html
    )


def test_withdrawing_asks_first_and_says_it_cannot_be_undone(client, petition, mailoutbox):
    receipt = receipt_from(confirm(client, sign_by_email(client, petition, mailoutbox)))

    asked = client.post(url("receipt", petition), {"receipt": receipt, "action": "ask-withdraw"})

    html = asked.content.decode()
    assert asked.status_code == 200
    assert "<title>Withdraw your signature? · Standing</title>" in html
    assert "This cannot be undone." in html
    assert f'<input type="hidden" name="receipt" value="{receipt}">' in html
    assert 'name="action" value="withdraw"' in html
    assert signatures_taken() == 1  # nothing is withdrawn yet

    done = client.post(url("receipt", petition), {"receipt": receipt, "action": "withdraw"})
    assert "Your signature has been withdrawn and deleted." in done.content.decode()
    assert signatures_taken() == 0


def test_asking_to_withdraw_an_unknown_receipt_says_so_and_asks_nothing(client, petition):
    response = client.post(
        url("receipt", petition), {"receipt": "ABCD-EFGH-JKMN-PQRS-TVWX", "action": "ask-withdraw"}
    )

    html = response.content.decode()
    assert "No counted or waiting signature has this receipt" in html
    assert "Yes, withdraw my signature" not in html


def test_the_receipt_page_says_withdrawing_is_confirmed_first(client, petition):
    html = client.get(url("receipt", petition)).content.decode()

    assert "Withdrawing asks you to confirm first, and cannot be undone." in html
    assert 'name="action" value="ask-withdraw"' in html


def test_signing_again_after_withdrawing_explains_already_signed(client, petition, mailoutbox):
    receipt = receipt_from(confirm(client, sign_by_email(client, petition, mailoutbox)))
    client.post(url("receipt", petition), {"receipt": receipt, "action": "withdraw"})

    again = confirm(client, sign_by_email(client, petition, mailoutbox))

    html = again.content.decode()
    assert again.status_code == 400
    assert "already signed" in html
    assert "If you withdrew your signature, the address still counts as used." in html
    assert signatures_taken() == 0


def test_other_refusals_do_not_talk_about_withdrawing(client, petition, mailoutbox):
    link = sign_by_email(client, petition, mailoutbox)
    services.close_petition(petition=petition)

    html = confirm(client, link).content.decode()

    assert "not open for signatures" in html
    assert "If you withdrew your signature" not in html


def test_a_closed_petition_says_the_day_it_closed(client, organiser, petition):
    services.close_petition(petition=petition)
    closed = date_format(timezone.localdate())

    html = client.get(url("detail", petition)).content.decode()

    assert f"Closed on {closed}." in html
    assert "Closes on" not in html and "Sign this petition" not in html
    client.force_login(organiser)
    for page in [reverse("petitions:mine"), url("manage", petition)]:
        assert f"Closed on {closed}." in client.get(page).content.decode(), page


def test_an_open_petition_says_the_day_it_closes(client, petition):
    closes = petition.closes_on
    assert closes > timezone.localdate() - datetime.timedelta(days=1)

    html = client.get(url("detail", petition)).content.decode()

    assert f"Closes on {date_format(closes)}." in html
    assert "Closed on" not in html


def test_petition_pages_name_dates_as_the_letters_do(client, petition):
    closes = petition.closes_on

    html = client.get(url("detail", petition)).content.decode()

    assert f"Closes on {closes.day} {closes:%B %Y}." in html


def test_a_name_ending_in_a_period_ends_the_sentence_once(client, petition):
    html = client.get(url("detail", petition)).content.decode()

    assert "The Chief People Officer, Meta Platforms, Inc.</p>" in html
    assert "Inc.." not in html
