"""Signing in a known order, and reading storage as an operator could, for the attacks on
signer anonymity (docs/architecture.md, invariant 2)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from petitions import anonymity, services
from petitions.models import Petition

K = 10


@dataclass(frozen=True)
class Signer:
    order: int
    address: str
    digest: str
    name: str
    receipt: str


def make_petition(**overrides) -> Petition:
    organiser, _new = get_user_model().objects.get_or_create(
        username="organiser", defaults={"email": "steward@union.example"}
    )
    fields = {
        "title": "Stop feeding our keystrokes to AI",
        "body": "We object.",
        "employer": "Meta Platforms, Inc.",
        "decision_maker": "The Chief People Officer",
        "demands": "End the keystroke logging.",
        "goal": 100,
        "closes_on": timezone.localdate() + datetime.timedelta(days=30),
        "group_name": "Workers for Privacy",
        "visibility": Petition.Visibility.UNLISTED,
        "eligibility": Petition.Eligibility.EMAIL,
        **overrides,
    }
    return services.create_petition(organiser=organiser, data=services.PetitionInput(**fields))


def sign_in_order(petition: Petition, count: int, start: int = 0) -> list[Signer]:
    """Confirm `count` signers one after another; each shows a name that says their order."""
    signers = []
    for order in range(start, start + count):
        address = f"worker{order:03d}@example.org"
        token = services.seal_signature(petition=petition, address=address)
        name = f"Signer {order:03d}"
        receipt = services.confirm_signature(
            slug=petition.slug, token=token, public_name=name, comment=""
        )
        key = services.pool.key_store().hash_key(petition.pk)
        digest = anonymity.signer_hash(key=key, petition_id=petition.pk, address=address)
        signers.append(Signer(order, address, digest, name, receipt))
    return signers


def flush(petition: Petition) -> None:
    services.refresh_count(petition=petition)


def needs_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("an attack on PostgreSQL's storage; runs in the PostgreSQL pass")


def rows(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def in_storage_order(table: str, column: str) -> list:
    """A table's column in the order its rows sit on disk, which a plain dump follows."""
    order = "ctid" if connection.vendor == "postgresql" else "rowid"
    return [row[0] for row in rows(f"SELECT {column} FROM {table} ORDER BY {order}")]  # noqa: S608


def matches_by_position(first: list, second: list) -> int:
    return sum(1 for a, b in zip(first, second, strict=False) if a == b)


# Fixed points of three shuffled batches of 10 average 3; 12 or more happens about once in
# 15,000 runs. The attack before the pool matched all 30.
CHANCE_LIMIT = 12
