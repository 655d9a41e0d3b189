"""No cookie carries an e-mail address (issue: the messages cookie held them in the clear)."""

from django.urls import reverse

from tests.support.users import PASSWORD, sign_in


def every_cookie(client, response) -> str:
    """Every cookie the browser holds, and every one the last response set, with its value."""
    morsels = [*client.cookies.values(), *response.cookies.values()]
    return " ".join(f"{morsel.key}={morsel.value}" for morsel in morsels)


def test_adding_an_address_leaves_it_in_no_cookie(client, worker):
    sign_in(client, worker)

    response = client.post(
        reverse("account_email"), {"email": "second@example.net", "action_add": ""}, follow=True
    )

    assert "second@example.net" in response.text
    assert "messages" not in client.cookies
    assert "second@example.net" not in every_cookie(client, response)


def test_signing_up_leaves_the_address_in_no_cookie(client, db):
    response = client.post(
        reverse("account_signup"),
        {"email": "new.member@example.org", "password1": PASSWORD, "password2": PASSWORD},
        follow=True,
    )

    assert response.status_code == 200
    assert "messages" not in client.cookies
    assert "new.member" not in every_cookie(client, response)
