"""Every main page is valid HTML: the Nu HTML Checker (npm `vnu-jar`, run with Debian's Java)
reads them all in one run, signed out and signed in, forms with their errors too.

The checker takes seconds to start, so the pages are rendered with the test client, written to
files and checked in a single invocation. It runs in the embedded (SQLite) pass only: the HTML
does not depend on the database.
"""

import datetime
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse

from petitions import services as petition_services
from petitions.models import Petition
from tests.support.petitions import new_petition, sign_by_email

pytestmark = [pytest.mark.html, pytest.mark.usefixtures("reference_data")]

ROOT = Path(__file__).resolve().parents[1]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def checker() -> list[str]:
    java = shutil.which("java")
    missing = [] if java else ["Java (apt-get install default-jre-headless)"]
    if not VNU.exists():
        missing.append(f"the Nu HTML Checker at {VNU} (make test-tools: npm ci)")
    if missing:
        message = "Cannot validate HTML without " + " and ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (required under CI=true)")
        pytest.skip(message)
    return [java, "-Xss8m", "-jar", str(VNU), "--errors-only", "--format", "json"]


class Pages:
    """Gathers rendered pages by name; each must be a 200 (or the expected status)."""

    def __init__(self) -> None:
        self.html: dict[str, str] = {}

    def add(self, name: str, response, status: int = 200) -> None:
        # A form sent back with its errors may answer 400 or 200, depending on the view.
        expected = {200, 400} if name.endswith("-errors") else {status}
        assert response.status_code in expected, (name, response.status_code)
        assert "text/html" in response["Content-Type"], name
        self.html[name] = response.content.decode()


def render_signed_out(client, pages: Pages, answers: dict, petitions: dict, mailoutbox) -> None:
    by_email, by_code = petitions["email"], petitions["codes"]
    pages.add("home", client.get(reverse("home")))
    pages.add("about", client.get(reverse("about")))
    pages.add("privacy", client.get(reverse("privacy")))
    pages.add("request-form", client.get(reverse("rights:new")))
    pages.add("request-form-errors", client.post(reverse("rights:preview"), {}))
    for law, data in answers.items():
        pages.add(f"preview-{law}", client.post(reverse("rights:preview"), data))
    pages.add("edit", client.post(reverse("rights:edit"), answers["gdpr"]))
    overdue = {**answers["uk"], "sent_on": "2026-09-01"}
    pages.add("next-steps", client.post(reverse("rights:next"), answers["uk"]))
    pages.add("next-steps-overdue", client.post(reverse("rights:next"), overdue))
    for kind in ("reminder", "complaint"):
        followup = client.post(reverse("rights:followup_unsaved"), {**overdue, "kind": kind})
        pages.add(f"unsaved-{kind}", followup)
    keep = {**answers["gdpr"], "start": "1"}
    pages.add("keep-sign-up", client.post(reverse("rights:keep_signup"), keep))
    pages.add("keep-sign-in", client.post(reverse("rights:keep_signin"), keep))
    pages.add("keep-sign-up-errors", client.post(reverse("rights:keep_signup"), answers["gdpr"]))
    pages.add("authorities", client.get(reverse("rights:authorities")))
    pages.add("authorities-ie", client.get(reverse("rights:authorities"), {"workplace": "IE"}))
    pages.add("petitions", client.get(reverse("petitions:list")))
    pages.add("petition", client.get(reverse("petitions:detail", args=[by_email.slug])))
    pages.add("sign-by-email", client.get(reverse("petitions:sign", args=[by_email.slug])))
    pages.add("sign-by-code", client.get(reverse("petitions:sign", args=[by_code.slug])))
    sign = reverse("petitions:sign", args=[by_email.slug])
    pages.add("sign-errors", client.post(sign, {}))
    link = sign_by_email(client, by_email, mailoutbox)
    pages.add("check-email", client.post(sign, {"email": "b@example.org", "consent": "on"}))
    confirm_path = link.split("testserver", 1)[1]
    pages.add("confirm", client.get(confirm_path))
    receipt_page = client.post(confirm_path, {})
    pages.add("receipt", receipt_page)
    receipt = re.search(r'id="receipt-code">([^<]+)<', receipt_page.content.decode()).group(1)
    check = reverse("petitions:receipt", args=[by_email.slug])
    pages.add("receipt-check", client.get(check))
    pages.add("receipt-check-errors", client.post(check, {"receipt": "nonsense"}))
    pages.add("withdraw-confirm", client.post(check, {"receipt": receipt, "action": "withdraw"}))
    pages.add("verify", client.get(reverse("petitions:verify", args=[by_email.slug])))
    pages.add("not-found", client.get("/petitions/no-such-petition/"), status=404)
    pages.add("sign-in", client.get(reverse("account_login")))
    pages.add("sign-in-errors", client.post(reverse("account_login"), {"login": "x"}))
    pages.add("sign-up", client.get(reverse("account_signup")))
    pages.add("sign-up-errors", client.post(reverse("account_signup"), {"email": "x"}))
    pages.add("password-reset", client.get(reverse("account_reset_password")))


def render_signed_in(client, pages: Pages, user, answers: dict, petition: Petition) -> None:
    client.force_login(user)
    pages.add("home-signed-in", client.get(reverse("home")))
    pages.add("preview-signed-in", client.post(reverse("rights:preview"), answers["gdpr"]))
    saved = client.post(reverse("rights:save"), answers["gdpr"])
    assert saved.status_code == 302
    pages.add("saved-request", client.get(saved.url))
    request_id = saved.url.rstrip("/").rsplit("/", 1)[-1]
    events = reverse("rights:add_event", kwargs={"request_id": request_id})
    pages.add("saved-request-errors", client.post(events, {"kind": "sent"}))
    sent = client.post(events, {"kind": "sent", "on": "2026-09-01", "channel": "email"})
    assert sent.status_code == 302
    pages.add("saved-request-overdue", client.get(saved.url))
    followed_up = {"kind": "followed_up", "on": "2026-09-02", "channel": "post"}
    pages.add("saved-request-follow-up-errors", client.post(events, followed_up))
    for kind in ("reminder", "complaint"):
        url = reverse("rights:followup", kwargs={"request_id": request_id, "kind": kind})
        pages.add(f"follow-up-{kind}", client.get(url))
    delete = reverse("rights:delete", kwargs={"request_id": request_id})
    pages.add("delete-request", client.get(delete))
    pages.add("my-requests", client.get(reverse("rights:mine")))
    pages.add("my-petitions", client.get(reverse("petitions:mine")))
    pages.add("new-petition", client.get(reverse("petitions:new")))
    pages.add("new-petition-errors", client.post(reverse("petitions:new"), {"title": ""}))
    for name in ("manage", "edit", "preview"):
        url = reverse(f"petitions:{name}", args=[petition.slug])
        pages.add(f"petition-{name}", client.get(url))
    pages.add("account", client.get(reverse("accounts:overview")))
    pages.add("my-data", client.get(reverse("accounts:my_data")))
    pages.add("reauthenticate", client.get(reverse("accounts:delete"), follow=True))
    pages.add("e-mail-addresses", client.get(reverse("account_email")))
    pages.add("password-change", client.get(reverse("account_change_password")))
    pages.add("password-change-errors", client.post(reverse("account_change_password"), {}))


@pytest.fixture
def user(db):
    email = "aoife@example.org"
    user = get_user_model().objects.create_user(username=email, email=email, password="x" * 20)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


def test_every_main_page_is_valid_html(
    client, user, dublin_answers, menlo_park_answers, london_answers, mailoutbox, tmp_path
):
    command = checker()
    answers = {"gdpr": dublin_answers, "ccpa": menlo_park_answers, "uk": london_answers}
    petitions = {
        "email": new_petition(user),
        "codes": new_petition(user, eligibility=Petition.Eligibility.CODES),
    }
    pending = new_petition(user, visibility=Petition.Visibility.LISTED)
    petition_services.generate_codes(petition=petitions["codes"], count=1)
    pages = Pages()
    with time_machine.travel(datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)):
        render_signed_out(client, pages, answers, petitions, mailoutbox)
        render_signed_in(client, pages, user, answers, pending)

    files = []
    for name, html in pages.html.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    run = subprocess.run(command + files, capture_output=True, text=True, timeout=600)  # noqa: S603
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{Path(m.get('url', '')).stem}:{m.get('lastLine', '?')}: {m['message']}"
        f" [{m.get('extract', '').strip()}]"
        for m in messages
        if m.get("type") in {"error", "non-document-error"}
    ]
    assert len(pages.html) >= 45
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)
