"""Hypothesis throws arbitrary posts and query strings at every form and JSON endpoint of the
rights, petitions and accounts apps, and at the login and signup pages: no input gives a 500.

The routes are enumerated from the URL configuration, so a new view is fuzzed without being
listed here.
"""

import datetime
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from petitions import services as petition_services
from petitions.forms import CodesForm, PetitionForm, ReceiptForm, SignForm
from petitions.models import Petition
from rights.forms import AuthorityFinderForm, RequestForm
from rights.tracking_forms import DueDateForm, EventForm, NotesForm
from tests.support.petitions import new_petition
from tests.support.saved_requests import log_event, save_request
from tests.support.users import make_user


def named_patterns() -> dict:
    """Every named URL pattern, by its full name."""
    found = {}

    def walk(patterns, inside):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or inside)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found[f"{inside}:{pattern.name}" if inside else pattern.name] = pattern.pattern

    walk(get_resolver().url_patterns, None)
    return found


PATTERNS = named_patterns()
ROUTES = [
    *sorted(name for name in PATTERNS if name.split(":")[0] in {"rights", "petitions", "accounts"}),
    # allauth's own pages beyond these are its internals, tested upstream.
    "account_login",
    "account_signup",
]

FIELDS = sorted(
    {
        *RequestForm.base_fields,
        *AuthorityFinderForm.base_fields,
        *EventForm.base_fields,
        *DueDateForm.base_fields,
        *NotesForm.base_fields,
        *PetitionForm.base_fields,
        *SignForm.base_fields,
        *ReceiptForm.base_fields,
        *CodesForm.base_fields,
        "action",
        "login",
        "password",
        "password1",
        "password2",
        "remember",
        "confirm",
        "page",
    }
)
text = st.text(max_size=200)
values = st.one_of(
    text,
    st.lists(text, max_size=3),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.dates().map(str),
    st.sampled_from(
        ["IE", "GB", "US-CA", "other", "sent", "responded", "closed", "email", "codes", "on"]
    ),
)
uploads = st.builds(
    SimpleUploadedFile,
    # "." and ".." are no file name a browser sends, and Django refuses to build them.
    name=st.text(
        st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters='"\\/'),
        min_size=1,
        max_size=30,
    ).filter(lambda name: name not in {".", ".."}),
    content=st.binary(max_size=300),
)
posts = st.dictionaries(
    st.sampled_from(FIELDS) | text, values, max_size=len(FIELDS) // 2
) | st.dictionaries(st.just("file"), uploads, max_size=1).flatmap(
    lambda files: st.dictionaries(st.sampled_from(FIELDS), values, max_size=8).map(
        lambda data: {**data, **files}
    )
)
queries = st.dictionaries(st.sampled_from(FIELDS) | text, text | st.lists(text, max_size=3))

FUZZ = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def world(client, reference_data, dublin_answers, django_capture_on_commit_callbacks):
    """A signed-in user who organises a petition with a signature and tracks a request."""
    user = make_user("fuzz@example.org")
    client.force_login(user)
    petition = new_petition(user, eligibility=Petition.Eligibility.CODES)
    code = petition_services.generate_codes(petition=petition, count=1)[0]
    petition_services.sign_with_code(petition=petition, code=code, public_name="", comment="")
    saved = save_request(client, dublin_answers)
    sent = str(timezone.localdate() - datetime.timedelta(days=60))
    log_event(client, saved, kind="sent", on=sent, channel="email")
    log_event(
        client,
        saved,
        kind="responded",
        on=str(timezone.localdate()),
        file=SimpleUploadedFile("answer.txt", b"Your data", "text/plain"),
    )
    upload = saved.events.get(kind="responded").files.get()
    session = user.usersession_set.first()
    arguments = {
        "slug": petition.slug,
        "token": "not-a-token",
        "request_id": saved.pk,
        "file_id": upload.pk,
        "kind": "complaint",
        "pk": session.pk if session else 1,
        "sheet_id": 1,
    }
    return client, arguments


def url_of(route: str, arguments: dict) -> str:
    converters = PATTERNS[route].converters
    return reverse(route, kwargs={name: arguments[name] for name in converters})


def test_the_fuzzed_routes_cover_every_app_view():
    assert {"rights:preview", "rights:add_event", "petitions:sign", "petitions:verify_json"} <= set(
        ROUTES
    )
    assert "accounts:delete" in ROUTES
    assert len(ROUTES) >= 40


@pytest.mark.parametrize("route", ROUTES)
@FUZZ
@given(data=posts)
def test_arbitrary_posts_never_give_a_server_error(world, route, data):
    client, arguments = world
    if ":" not in route:
        client.logout()  # login and signup, as a visitor
    response = client.post(url_of(route, arguments), data)
    assert response.status_code < 500


@pytest.mark.parametrize(
    "route",
    ["petitions:verify_json", "petitions:verify", "petitions:sign", "rights:authorities"],
)
@FUZZ
@given(query=queries)
def test_arbitrary_query_strings_never_give_a_server_error(world, route, query):
    client, arguments = world
    response = client.get(url_of(route, arguments), query)
    assert response.status_code < 500


def petition_paths(slug: str, token: str) -> list[str]:
    slug, token = quote(slug, safe=""), quote(token, safe="")
    return [
        f"/petitions/{slug}/",
        f"/petitions/{slug}/verify.json",
        f"/petitions/{slug}/confirm/{token}/",
    ]


@FUZZ
@given(slug=text.filter(bool), token=text.filter(bool))
def test_arbitrary_petition_addresses_never_give_a_server_error(client, db, slug, token):
    for path in petition_paths(slug, token):
        assert client.get(path).status_code < 500
        assert client.post(path).status_code < 500


def test_a_petition_address_with_a_nul_byte_is_not_found(client, db):
    """PostgreSQL refuses NUL in a query: the URL pattern turns it away first."""
    for path in petition_paths("abc\x00", "token\x00"):
        assert client.get(path).status_code == 404
