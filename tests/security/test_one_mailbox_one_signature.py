"""Issue: one mailbox signed four times through invisible and look-alike spellings."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from petitions.anonymity import InvalidAddress, normalise_email, signer_hash
from petitions.models import SignerHash
from tests.support.petitions import new_petition

SPELLINGS = [
    "dup@example.net",
    "dup@exa\u00admple.net",  # a soft hyphen in the domain
    "\uff44up@example.net",  # a full-width d
    "du\u200dp@example.net",  # a zero-width joiner
    "dup@ex\u200dample.net",
    "DUP@EXAMPLE.NET",
]


@pytest.mark.django_db
def test_every_spelling_of_one_mailbox_signs_once(client, organiser):
    petition = new_petition(organiser)
    statuses = []
    for address in SPELLINGS:
        sign = reverse("petitions:sign", args=[petition.slug])
        client.post(sign, {"email": address, "consent": "on"})
        found = re.search(r"https?://testserver(/\S+/confirm/\S+/)", mail.outbox[-1].body)
        statuses.append(client.post(found[1]).status_code)
    assert statuses == [200] + [400] * (len(SPELLINGS) - 1)
    assert SignerHash.objects.count() == 1


IGNORABLES = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u034f"]
KEY = b"k" * 32


def full_width(char: str) -> str:
    return chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char


@st.composite
def spellings_of_one_mailbox(draw):
    local = draw(st.from_regex(r"[a-z0-9]([a-z0-9._-]{0,10}[a-z0-9])?", fullmatch=True))
    domain = draw(st.sampled_from(["example.net", "union.example", "bücher.de", "meta.com"]))
    address = f"{local}@{domain}"
    variant = []
    for char in address:
        if char != "@" and draw(st.booleans()):
            char = draw(st.sampled_from([char.upper(), full_width(char)]))
        variant.append(char)
        if draw(st.integers(0, 4)) == 0:
            variant.append(draw(st.sampled_from(IGNORABLES)))
    return address, "".join(variant)


@given(spellings_of_one_mailbox())
def test_no_two_spellings_that_deliver_to_one_mailbox_get_different_hashes(pair):
    plain, variant = pair
    try:
        expected = signer_hash(key=KEY, petition_id=1, address=plain)
    except InvalidAddress:
        return  # refused outright: nothing is counted for it either way
    assert signer_hash(key=KEY, petition_id=1, address=variant) == expected


@pytest.mark.parametrize("address", ["dup@exa\u00admple.n\u0000et", "dup@" + "a" * 64 + ".net"])
def test_a_domain_idna_cannot_write_is_refused(address):
    with pytest.raises(InvalidAddress):
        normalise_email(address)
