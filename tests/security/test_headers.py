"""Every page type carries the security headers, under the production settings.

The settings come from running config/settings.py with a production environment; requests come
through a TLS-terminating proxy (X-Forwarded-Proto: https), as gunicorn sees them in production.
"""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from petitions.models import Petition
from tests.support.petitions import confirm_link, download_code_sheet, list_publicly, new_petition
from tests.support.production import POLICY, inline_code, policy_of
from tests.support.saved_requests import log_event, save_request
from tests.support.users import PASSWORD, sign_in

HSTS = "max-age=31536000; includeSubDomains; preload"


class Site:
    """What a page needs, made on first use: a petition, a signed-in organiser or worker."""

    def __init__(self, client, organiser, worker, mailoutbox, answers, on_commit):
        self.client = client
        self.on_commit = on_commit
        self.organiser = organiser
        self.worker = worker
        self.mailoutbox = mailoutbox
        self.answers = answers
        self._petition = None
        self._saved = None

    @property
    def petition(self) -> Petition:
        if self._petition is None:
            self._petition = list_publicly(new_petition(self.organiser))
        return self._petition

    def url(self, name: str, *args) -> str:
        return reverse(name, args=args)

    def as_organiser(self) -> Client:
        self.petition  # noqa: B018 - made before signing in
        sign_in(self.client, self.organiser)
        return self.client

    def as_worker(self) -> Client:
        sign_in(self.client, self.worker)
        return self.client

    @property
    def saved(self):
        if self._saved is None:
            client = self.as_worker()
            self._saved = save_request(client, self.answers)
            sent_on = timezone.localdate() - datetime.timedelta(days=90)
            log_event(client, self._saved, kind="sent", on=str(sent_on), channel="email")
            log_event(
                client,
                self._saved,
                kind="responded",
                on=str(timezone.localdate()),
                details="Partial answer",
                file=SimpleUploadedFile("answer.txt", b"Your data", "text/plain"),
            )
        return self._saved

    def saved_url(self, name: str, **kwargs) -> str:
        return reverse(name, kwargs={"request_id": self.saved.pk, **kwargs})


def confirm_page(site: Site):
    path = confirm_link(site.client, site.petition, site.mailoutbox)
    return site.client.get(path)


def receipt_page(site: Site):
    path = confirm_link(site.client, site.petition, site.mailoutbox)
    return site.client.post(path)


def code_sheet(site: Site):
    petition = new_petition(site.organiser, eligibility=Petition.Eligibility.CODES)
    client = site.as_organiser()
    return download_code_sheet(client, petition, 2, site.on_commit)


def mfa_authenticate_page(site: Site):
    TOTP.activate(site.worker, generate_totp_secret())
    site.client.post(reverse("account_login"), {"login": site.worker.email, "password": PASSWORD})
    return site.client.get(reverse("mfa_authenticate"))


def delivery_pdf(site: Site):
    client = site.as_organiser()
    with site.on_commit(execute=True):
        client.post(reverse("petitions:delivery", args=[site.petition.slug]))
    return client.get(reverse("petitions:delivery_pdf", args=[site.petition.slug]))


def response_file(site: Site):
    upload = site.saved.events.get(kind="responded").files.get()
    return site.client.get(site.saved_url("rights:response_file", file_id=upload.pk))


def too_many_fields(site: Site):
    fields = {f"field{number}": "x" for number in range(1000)}
    return site.client.post(reverse("rights:preview"), fields)


PAGES = {
    "home": lambda s: s.client.get("/"),
    "request form": lambda s: s.client.get(s.url("rights:new")),
    "preview": lambda s: s.client.post(s.url("rights:preview"), s.answers),
    "request form again to edit": lambda s: s.client.post(s.url("rights:edit"), s.answers),
    "letter PDF": lambda s: s.client.post(s.url("rights:pdf"), s.answers),
    "letter text": lambda s: s.client.post(s.url("rights:text"), s.answers),
    "authority finder": lambda s: s.client.get(s.url("rights:authorities")),
    "authority finder answer": lambda s: s.client.get(
        s.url("rights:authorities"), {"workplace": "IE", "employer": "meta-platforms-ireland"}
    ),
    "petition list": lambda s: s.petition and s.client.get(s.url("petitions:list")),
    "petition": lambda s: s.client.get(s.url("petitions:detail", s.petition.slug)),
    "sign form": lambda s: s.client.get(s.url("petitions:sign", s.petition.slug)),
    "check your e-mail": lambda s: s.client.post(
        s.url("petitions:sign", s.petition.slug), {"email": "jo@example.net", "consent": "on"}
    ),
    "confirm": confirm_page,
    "receipt": receipt_page,
    "receipt check": lambda s: s.client.get(s.url("petitions:receipt", s.petition.slug)),
    "verify": lambda s: s.client.get(s.url("petitions:verify", s.petition.slug)),
    "verify.json": lambda s: s.client.get(s.url("petitions:verify_json", s.petition.slug)),
    "new petition": lambda s: s.as_organiser().get(s.url("petitions:new")),
    "manage petition": lambda s: s.as_organiser().get(s.url("petitions:manage", s.petition.slug)),
    "edit petition": lambda s: s.as_organiser().get(s.url("petitions:edit", s.petition.slug)),
    "code sheet PDF": code_sheet,
    "delivery PDF": delivery_pdf,
    "login": lambda s: s.client.get(s.url("account_login")),
    "signup": lambda s: s.client.get(s.url("account_signup")),
    "login by code": lambda s: s.client.get(s.url("account_request_login_code")),
    "password reset": lambda s: s.client.get(s.url("account_reset_password")),
    "two-factor code at login": mfa_authenticate_page,
    "account": lambda s: s.as_worker().get(s.url("accounts:overview")),
    "e-mail addresses": lambda s: s.as_worker().get(s.url("account_email")),
    "change password": lambda s: s.as_worker().get(s.url("account_change_password")),
    "two-factor": lambda s: s.as_worker().get(s.url("mfa_index")),
    "authenticator app": lambda s: s.as_worker().get(s.url("mfa_activate_totp")),
    "security keys": lambda s: s.as_worker().get(s.url("mfa_add_webauthn")),
    "sessions": lambda s: s.as_worker().get(s.url("usersessions_list")),
    "own data": lambda s: s.as_worker().get(s.url("accounts:my_data")),
    "own data download": lambda s: s.as_worker().get(s.url("accounts:download_data")),
    "delete account": lambda s: s.as_worker().get(s.url("accounts:delete")),
    "my requests": lambda s: s.as_worker().get(s.url("rights:mine")),
    "saved request": lambda s: s.client.get(s.saved_url("rights:saved")),
    "saved letter PDF": lambda s: s.client.get(s.saved_url("rights:saved_pdf")),
    "calendar entry": lambda s: s.client.get(s.saved_url("rights:calendar")),
    "timeline PDF": lambda s: s.client.get(s.saved_url("rights:timeline_pdf")),
    "case file": lambda s: s.client.get(s.saved_url("rights:case_file")),
    "follow-up": lambda s: s.client.get(s.saved_url("rights:followup", kind="complaint")),
    "follow-up PDF": lambda s: s.client.get(s.saved_url("rights:followup_pdf", kind="complaint")),
    "response file": response_file,
    "400 page": too_many_fields,
    "404 page": lambda s: s.client.get("/no-such-page/"),
    "admin login": lambda s: s.client.get("/admin/login/", follow=True),
}


@pytest.fixture
def site(
    https_client,
    organiser,
    worker,
    mailoutbox,
    reference_data,
    dublin_answers,
    django_capture_on_commit_callbacks,
):
    return Site(
        https_client,
        organiser,
        worker,
        mailoutbox,
        dublin_answers,
        django_capture_on_commit_callbacks,
    )


@pytest.mark.parametrize("page_type", PAGES)
def test_every_page_type_sends_the_security_headers(site, page_type):
    response = PAGES[page_type](site)

    # The real page, not a redirect or a refusal.
    expected = {"400 page": 400, "404 page": 404}.get(page_type, 200)
    assert response.status_code == expected, response.content[:2000]
    assert policy_of(response) == POLICY
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Strict-Transport-Security"] == HSTS
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert {"camera=()", "microphone=()", "geolocation=()", "interest-cohort=()"} <= set(
        response["Permissions-Policy"].split(", ")
    )
    for cookie in response.cookies.values():
        if cookie["max-age"] == 0:
            continue  # a cookie being deleted
        assert cookie["secure"] and cookie["httponly"], cookie.output()
    if response["Content-Type"].startswith("text/html"):
        assert inline_code(response.content.decode()) == []


def test_plain_http_is_redirected_to_https_under_production_settings(production_settings, db):
    response = Client().get("/requests/new/")

    assert response.status_code == 301
    assert response.url == "https://testserver/requests/new/"


def test_signing_in_sets_secure_http_only_session_and_csrf_cookies(https_client, worker):
    https_client.get(reverse("account_login"))
    csrf = https_client.cookies["csrftoken"]
    response = https_client.post(
        reverse("account_login"), {"login": worker.email, "password": PASSWORD}
    )

    session = response.cookies["sessionid"]
    assert response.status_code == 302
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert csrf["secure"] and csrf["httponly"]


def test_the_embedded_default_sends_the_policy_and_frame_denial_over_plain_http(client, db):
    response = client.get("/")

    assert response.status_code == 200
    assert policy_of(response) == POLICY
    assert response["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in response
