"""Attacks with SQL access, a plain pg_dump or the data directory."""

import os
import subprocess

import pytest
from django.db import connection

from petitions import anonymity, services
from petitions.models import PendingSignature, Petition, Signature, SignerHash, SigningCode
from tests.support.anonymity import (
    CHANCE_LIMIT,
    K,
    flush,
    in_storage_order,
    make_petition,
    matches_by_position,
    needs_postgresql,
    rows,
    sign_in_order,
)

pytestmark = pytest.mark.django_db

SIGNATURES = Signature._meta.db_table
CLAIMS = SignerHash._meta.db_table
CODES = SigningCode._meta.db_table


def xmins(table: str, where: str = "TRUE") -> set[int]:
    return {int(row[0]) for row in rows(f"SELECT xmin::text FROM {table} WHERE {where}")}  # noqa: S608


@pytest.mark.django_db(transaction=True)
def test_no_signature_shares_a_transaction_id_with_any_dedupe_claim_even_after_vacuum():
    needs_postgresql()
    petition = make_petition()
    sign_in_order(petition, 3 * K)
    flush(petition)
    assert Signature.objects.count() == 3 * K  # the attack has every signature to work on

    assert xmins(SIGNATURES).isdisjoint(xmins(CLAIMS))
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM FREEZE {SIGNATURES}, {CLAIMS}")  # noqa: S608
        cursor.execute(f"VACUUM FULL {SIGNATURES}, {CLAIMS}")  # noqa: S608
    assert xmins(SIGNATURES).isdisjoint(xmins(CLAIMS))


@pytest.mark.django_db(transaction=True)
def test_each_batch_is_written_in_one_transaction_after_every_claim_in_it():
    """The WAL's commit record of a signature is its batch's, not its signer's confirm."""
    needs_postgresql()
    petition = make_petition()
    claim_xmin = {}
    for batch in range(1, 4):
        for signer in sign_in_order(petition, K, start=(batch - 1) * K):
            claim_xmin[signer.name] = xmins(CLAIMS, f"digest = '{signer.digest}'").pop()
        flush(petition)
        written = rows(
            f"SELECT public_name, xmin::text FROM {SIGNATURES} WHERE batch = %s",  # noqa: S608
            [batch],
        )
        assert len(written) == K
        assert len({xmin for _name, xmin in written}) == 1  # one transaction, one commit time
        assert all(int(xmin) > claim_xmin[name] for name, xmin in written)


def test_zipping_the_two_tables_in_storage_order_links_no_better_than_chance():
    """Heap (or rowid) order is insertion order: before the pool it matched 30 of 30."""
    petition = make_petition()
    signers = []
    for _batch in range(3):
        signers += sign_in_order(petition, K, start=len(signers))
        flush(petition)
    by_digest = {signer.digest: signer.name for signer in signers}

    claims_in_order = [by_digest[d] for d in in_storage_order(CLAIMS, "digest")]
    names_in_order = in_storage_order(SIGNATURES, "public_name")

    assert len(names_in_order) == 3 * K and sorted(names_in_order) == sorted(claims_in_order)
    assert matches_by_position(claims_in_order, names_in_order) < CHANCE_LIMIT


@pytest.mark.django_db(transaction=True)
def test_a_plain_pg_dump_lists_signatures_in_an_order_unrelated_to_the_claims():
    needs_postgresql()
    petition = make_petition()
    signers = []
    for _batch in range(3):
        signers += sign_in_order(petition, K, start=len(signers))
        flush(petition)
    dump = pg_dump(CLAIMS, SIGNATURES)
    by_digest = {signer.digest: signer.name for signer in signers}
    claim_rows = copy_rows(dump, CLAIMS)
    signature_rows = copy_rows(dump, SIGNATURES)

    claims_in_order = [by_digest[row[0]] for row in claim_rows]
    names_in_order = [row[column(dump, SIGNATURES, "public_name")] for row in signature_rows]

    assert len(names_in_order) == 3 * K
    assert matches_by_position(claims_in_order, names_in_order) < CHANCE_LIMIT


def pg_dump(*tables: str) -> str:
    settings = connection.settings_dict
    command = ["pg_dump", "--data-only", "-h", settings["HOST"] or "127.0.0.1"]
    command += ["-p", str(settings["PORT"] or 5432), "-U", settings["USER"] or "postgres"]
    for table in tables:
        command += ["-t", table]
    env = {**os.environ, "PGPASSWORD": settings["PASSWORD"] or ""}
    result = subprocess.run(
        [*command, settings["NAME"]], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _copy_block(dump: str, table: str) -> tuple[list[str], list[list[str]]]:
    lines = dump.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"COPY public.{table} "))
    header = lines[start].split("(", 1)[1].split(")", 1)[0].split(", ")
    body = []
    for line in lines[start + 1 :]:
        if line == "\\.":
            break
        body.append(line.split("\t"))
    return header, body


def copy_rows(dump: str, table: str) -> list[list[str]]:
    return _copy_block(dump, table)[1]


def column(dump: str, table: str, name: str) -> int:
    return _copy_block(dump, table)[0].index(name)


@pytest.mark.django_db(transaction=True)
def test_after_the_purge_dead_claim_tuples_share_no_transaction_with_a_signature():
    needs_postgresql()
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
    petition = make_petition()
    signers = sign_in_order(petition, 2 * K)
    services.close_petition(petition=petition)
    Petition.objects.filter(pk=petition.pk).update(closed_on="2000-01-01")
    assert services.purge_expired_hashes() == 1

    dead = {
        int(row[0])
        for page in range(pages(CLAIMS))
        for row in rows(
            "SELECT t_xmin::text FROM heap_page_items(get_raw_page(%s, %s)) "
            "WHERE t_xmin IS NOT NULL",
            [CLAIMS, page],
        )
    }
    assert len(dead) >= 1 and SignerHash.objects.count() == 0  # dead tuples really remain
    assert dead.isdisjoint(xmins(SIGNATURES))
    # ... and their digests test nothing: the petition's key is gone.
    assert not services.pool.key_store().has_keys(petition.pk)
    assert len(signers) == 2 * K


def pages(table: str) -> int:
    return rows("SELECT pg_relation_size(%s) / current_setting('block_size')::int", [table])[0][0]


def test_copies_of_pending_rows_cannot_be_opened_once_their_batch_is_written():
    """A WAL copy or a dead tuple of a pending row holds a ciphertext whose key is destroyed."""
    petition = make_petition()
    sign_in_order(petition, K)
    copies = list(PendingSignature.objects.values_list("epoch", "sealed"))
    flush(petition)

    assert PendingSignature.objects.count() == 0 and Signature.objects.count() == K
    keys = services.pool.key_store().pool_keys(petition.pk)
    used = {epoch for epoch, _sealed in copies}
    assert used.isdisjoint({key.epoch for key in keys})
    for _epoch, sealed in copies:
        for key in keys:
            with pytest.raises(anonymity.TokenInvalid):
                anonymity.open_pending(key=key.key, sealed=sealed)


def test_every_pending_row_has_one_length_whatever_the_signer_typed():
    petition = make_petition()
    for order, (name, comment) in enumerate([("", ""), ("A", "x"), ("N" * 80, "é" * 500)]):
        token = services.seal_signature(petition=petition, address=f"p{order}@example.org")
        services.confirm_signature(
            slug=petition.slug, token=token, public_name=name, comment=comment
        )
    lengths = {len(sealed) for sealed in PendingSignature.objects.values_list("sealed", flat=True)}
    assert len(lengths) == 1


def test_printed_code_rows_sit_in_an_order_unrelated_to_the_sheet():
    petition = make_petition(eligibility=Petition.Eligibility.CODES)
    codes = services.generate_codes(petition=petition, count=3 * K)
    key = services.pool.key_store().hash_key(petition.pk)
    sheet = [anonymity.signing_code_hash(key=key, code=code) for code in codes]

    stored = in_storage_order(CODES, "digest")

    assert sorted(stored) == sorted(sheet)
    assert matches_by_position(sheet, stored) < CHANCE_LIMIT


@pytest.mark.django_db(transaction=True)
def test_a_used_code_shares_no_transaction_with_its_signature():
    needs_postgresql()
    petition = make_petition(eligibility=Petition.Eligibility.CODES)
    codes = services.generate_codes(petition=petition, count=K)
    for order, code in enumerate(codes):
        services.sign_with_code(petition=petition, code=code, public_name=f"S{order}", comment="")
    flush(petition)

    assert Signature.objects.count() == K
    used = xmins(CODES, "used")
    assert len(used) == K and used.isdisjoint(xmins(SIGNATURES))
