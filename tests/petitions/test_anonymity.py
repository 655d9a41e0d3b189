"""The anonymity primitives behind petition signing: pure functions, no database."""

import hashlib
import math
import os
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from petitions.anonymity import (
    CODE_ALPHABET,
    DIGEST_RECIPE,
    RECEIPT_BITS,
    SIGNING_CODE_BITS,
    InvalidAddress,
    InvalidCode,
    TokenExpired,
    TokenInvalid,
    count_digest,
    derive_key,
    keyed_hash,
    new_receipt,
    new_signing_code,
    normalise_email,
    normalise_receipt,
    normalise_signing_code,
    receipt_hash,
    seal,
    signer_hash,
    signing_code_hash,
    sorted_digest,
    unseal,
)

SECRET = b"s" * 32
OTHER_SECRET = b"t" * 32
KEY = derive_key(secret=SECRET, purpose="sign-token")
OLD_KEY = derive_key(secret=OTHER_SECRET, purpose="sign-token")
UNKNOWN_KEY = derive_key(secret=b"u" * 32, purpose="sign-token")
ISSUED = 1_800_000_000
DAY = 86_400
PAYLOAD = {"p": "4f1c", "d": "2026-11-23"}
URLSAFE_BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


# --- normalise_email ------------------------------------------------------------------------


def test_gmail_ignores_dots_in_the_mailbox_name() -> None:
    assert normalise_email("j.o.e.bloggs@gmail.com") == "joebloggs@gmail.com"


def test_gmail_drops_everything_after_a_plus() -> None:
    assert normalise_email("joe+petition+again@gmail.com") == "joe@gmail.com"


def test_googlemail_is_the_same_mailbox_as_gmail() -> None:
    assert normalise_email("J.o.e+x@GoogleMail.com") == "joe@gmail.com"


def test_outlook_drops_plus_tags_but_keeps_dots() -> None:
    assert normalise_email("joe.bloggs+union@outlook.com") == "joe.bloggs@outlook.com"


def test_a_provider_not_in_the_tables_keeps_dots_and_plus_tags() -> None:
    assert normalise_email("joe.bloggs+union@example.org") == "joe.bloggs+union@example.org"


def test_the_whole_address_is_lower_cased_and_trimmed() -> None:
    assert normalise_email("  Joe.Bloggs@Example.ORG\n") == "joe.bloggs@example.org"


def test_a_trailing_dot_on_the_domain_names_the_same_domain() -> None:
    assert normalise_email("joe@gmail.com.") == "joe@gmail.com"


def test_a_domain_in_ace_form_equals_the_same_domain_in_unicode() -> None:
    assert normalise_email("joe@xn--bcher-kva.de") == normalise_email("joe@BÜCHER.de")


def test_an_ideographic_full_stop_separates_domain_labels() -> None:
    assert normalise_email("j.oe@gmail\u3002com") == "joe@gmail.com"


@pytest.mark.parametrize(
    "address",
    [
        "",
        "   ",
        "joe",
        "joe@",
        "@example.org",
        "joe@@example.org",
        "joe@bloggs@example.org",
        "joe bloggs@example.org",
        "+tag@gmail.com",
        "...@gmail.com",
        "joe@.",
        "joe@gmail..com",
        "joe@.gmail.com",
        "joe@gmail.com..",
        "joe@xn--99999999999.example",
        "joe@xn--.example",
        "joe@xn--ab-r13a.example",
        "joe@xn--xn--abc-.example",
    ],
)
def test_an_invalid_address_is_rejected(address: str) -> None:
    with pytest.raises(InvalidAddress):
        normalise_email(address)


def test_an_invalid_address_is_a_value_error() -> None:
    assert issubclass(InvalidAddress, ValueError)


_LOCAL = st.text(
    alphabet=st.characters(blacklist_characters="@", blacklist_categories=("Cs", "Zs", "Cc")),
    min_size=1,
    max_size=20,
)
_DOMAIN = st.one_of(
    st.sampled_from(["gmail.com", "GoogleMail.com", "outlook.com", "example.org", "bücher.de"]),
    st.from_regex(r"[A-Za-z0-9.-]{1,20}(\.[a-z]{2,6})?", fullmatch=True),
    st.text(min_size=1, max_size=12).map(lambda label: f"{label}.example"),
    st.text(max_size=8).map(lambda label: f"xn--{label.encode('punycode').decode()}.example"),
)


@given(address=st.one_of(st.emails(), st.builds("{}@{}".format, _LOCAL, _DOMAIN)))
def test_normalise_email_is_idempotent(address: str) -> None:
    try:
        once = normalise_email(address)
    except InvalidAddress:
        assume(False)
        raise
    assert normalise_email(once) == once


# --- keyed hashes ---------------------------------------------------------------------------


def test_a_keyed_hash_is_stable_for_the_same_inputs() -> None:
    first = keyed_hash(key=SECRET, purpose="signer", value="42:joe@gmail.com")
    again = keyed_hash(key=SECRET, purpose="signer", value="42:joe@gmail.com")
    assert first == again
    assert re.fullmatch(r"[0-9a-f]{64}", first)


def test_a_keyed_hash_differs_by_key() -> None:
    assert keyed_hash(key=SECRET, purpose="signer", value="joe") != keyed_hash(
        key=OTHER_SECRET, purpose="signer", value="joe"
    )


def test_a_keyed_hash_differs_by_purpose() -> None:
    hashes = {keyed_hash(key=SECRET, purpose=p, value="joe") for p in ("signer", "code", "client")}
    assert len(hashes) == 3


def test_a_keyed_hash_is_not_a_plain_hash_of_the_value() -> None:
    value = "42:joe@gmail.com"
    assert keyed_hash(key=SECRET, purpose="signer", value=value) != (
        hashlib.sha256(value.encode()).hexdigest()
    )


def test_a_short_key_is_refused() -> None:
    with pytest.raises(ValueError, match="at least"):
        keyed_hash(key=b"short", purpose="signer", value="joe")


def test_an_empty_purpose_is_refused() -> None:
    with pytest.raises(ValueError, match="purpose"):
        keyed_hash(key=SECRET, purpose="", value="joe")


def test_signer_hash_treats_aliases_of_one_mailbox_as_one_signer() -> None:
    assert signer_hash(key=SECRET, petition_id=7, address="Jo.e+a@googlemail.com") == (
        signer_hash(key=SECRET, petition_id=7, address="joe@gmail.com")
    )


def test_signer_hash_differs_between_petitions() -> None:
    assert signer_hash(key=SECRET, petition_id=7, address="joe@gmail.com") != (
        signer_hash(key=SECRET, petition_id=8, address="joe@gmail.com")
    )


# --- sealed tokens --------------------------------------------------------------------------


def test_derived_keys_differ_by_purpose_and_secret() -> None:
    keys = {
        derive_key(secret=SECRET, purpose="a"),
        derive_key(secret=SECRET, purpose="b"),
        derive_key(secret=OTHER_SECRET, purpose="a"),
    }
    assert len(keys) == 3


def test_a_sealed_payload_opens_to_the_same_payload() -> None:
    token = seal(keys=[KEY], payload=PAYLOAD, now=ISSUED)
    assert unseal(keys=[KEY], token=token, max_age_seconds=DAY, now=ISSUED + 60) == PAYLOAD


def test_a_sealed_token_does_not_reveal_its_payload() -> None:
    token = seal(keys=[KEY], payload={"email": "joe@example.org"}, now=ISSUED)
    assert "joe" not in token
    assert "am9l" not in token  # "joe" in base64: the token is not merely encoded


def test_sealing_the_same_payload_twice_gives_different_tokens() -> None:
    first = seal(keys=[KEY], payload=PAYLOAD, now=ISSUED)
    second = seal(keys=[KEY], payload=PAYLOAD, now=ISSUED)
    assert first != second


def test_a_token_opens_at_exactly_its_maximum_age() -> None:
    token = seal(keys=[KEY], payload=PAYLOAD, now=ISSUED)
    assert unseal(keys=[KEY], token=token, max_age_seconds=DAY, now=ISSUED + DAY) == PAYLOAD


def test_a_token_one_second_past_its_maximum_age_has_expired() -> None:
    token = seal(keys=[KEY], payload=PAYLOAD, now=ISSUED)
    with pytest.raises(TokenExpired):
        unseal(keys=[KEY], token=token, max_age_seconds=DAY, now=ISSUED + DAY + 1)


def test_a_token_from_the_future_is_invalid_not_expired() -> None:
    token = seal(keys=[KEY], payload=PAYLOAD, now=ISSUED + DAY)
    with pytest.raises(TokenInvalid):
        unseal(keys=[KEY], token=token, max_age_seconds=DAY, now=ISSUED)


def test_an_expired_token_sealed_with_an_unknown_key_is_invalid_not_expired() -> None:
    token = seal(keys=[UNKNOWN_KEY], payload=PAYLOAD, now=ISSUED)
    with pytest.raises(TokenInvalid):
        unseal(keys=[KEY], token=token, max_age_seconds=DAY, now=ISSUED + 2 * DAY)


def test_changing_any_single_character_of_a_token_is_rejected() -> None:
    token = seal(keys=[KEY], payload=PAYLOAD, now=ISSUED)
    for position, original in enumerate(token):
        for replacement in URLSAFE_BASE64 + "=+/!. é":
            if replacement == original:
                continue
            tampered = token[:position] + replacement + token[position + 1 :]
            with pytest.raises(TokenInvalid):
                unseal(keys=[KEY], token=tampered, max_age_seconds=DAY, now=ISSUED)


def test_a_token_with_a_character_removed_or_added_is_rejected() -> None:
    token = seal(keys=[KEY], payload=PAYLOAD, now=ISSUED)
    variants = [token[:i] + token[i + 1 :] for i in range(len(token))]
    variants += [token + "A", "A" + token, token + "=", token + "\n", f" {token}"]
    for variant in variants:
        with pytest.raises(TokenInvalid):
            unseal(keys=[KEY], token=variant, max_age_seconds=DAY, now=ISSUED)


@pytest.mark.parametrize("garbage", ["", "A", "gAAAAA", "not a token", "ключ", "====", "a" * 300])
def test_garbage_is_an_invalid_token(garbage: str) -> None:
    with pytest.raises(TokenInvalid):
        unseal(keys=[KEY], token=garbage, max_age_seconds=DAY, now=ISSUED)


def test_a_truncated_token_is_invalid() -> None:
    token = seal(keys=[KEY], payload=PAYLOAD, now=ISSUED)
    for length in range(len(token)):
        with pytest.raises(TokenInvalid):
            unseal(keys=[KEY], token=token[:length], max_age_seconds=DAY, now=ISSUED)


def test_an_authentic_token_that_holds_no_json_object_is_invalid() -> None:
    from cryptography.fernet import Fernet

    for content in (b"[1, 2]", b"not json", b"\xff\xfe", b'{"p": 1}'):
        token = Fernet(KEY).encrypt_at_time(content, ISSUED).decode()
        with pytest.raises(TokenInvalid):
            unseal(keys=[KEY], token=token, max_age_seconds=DAY, now=ISSUED)


def test_a_token_sealed_before_a_key_rotation_still_opens() -> None:
    token = seal(keys=[OLD_KEY], payload=PAYLOAD, now=ISSUED)
    rotated = [KEY, OLD_KEY]
    assert unseal(keys=rotated, token=token, max_age_seconds=DAY, now=ISSUED) == PAYLOAD


def test_after_a_rotation_new_tokens_are_sealed_with_the_new_key() -> None:
    token = seal(keys=[KEY, OLD_KEY], payload=PAYLOAD, now=ISSUED)
    assert unseal(keys=[KEY], token=token, max_age_seconds=DAY, now=ISSUED) == PAYLOAD
    with pytest.raises(TokenInvalid):
        unseal(keys=[OLD_KEY], token=token, max_age_seconds=DAY, now=ISSUED)


def test_a_token_sealed_with_an_unknown_key_is_invalid() -> None:
    token = seal(keys=[UNKNOWN_KEY], payload=PAYLOAD, now=ISSUED)
    with pytest.raises(TokenInvalid):
        unseal(keys=[KEY, OLD_KEY], token=token, max_age_seconds=DAY, now=ISSUED)


def test_a_token_for_one_purpose_does_not_open_under_another() -> None:
    token = seal(keys=[derive_key(secret=SECRET, purpose="a")], payload=PAYLOAD, now=ISSUED)
    with pytest.raises(TokenInvalid):
        unseal(
            keys=[derive_key(secret=SECRET, purpose="b")],
            token=token,
            max_age_seconds=DAY,
            now=ISSUED,
        )


def test_the_nonce_field_is_reserved() -> None:
    with pytest.raises(ValueError, match="reserved"):
        seal(keys=[KEY], payload={"n": "mine"}, now=ISSUED)


def test_sealing_needs_at_least_one_key() -> None:
    with pytest.raises(ValueError, match="keys"):
        seal(keys=[], payload=PAYLOAD, now=ISSUED)
    with pytest.raises(ValueError, match="keys"):
        seal(keys=KEY, payload=PAYLOAD, now=ISSUED)


def test_payload_keys_must_be_strings() -> None:
    with pytest.raises(TypeError):
        seal(keys=[KEY], payload={1: "one"}, now=ISSUED)  # type: ignore[dict-item]


def test_sealing_without_now_uses_the_clock() -> None:
    token = seal(keys=[KEY], payload=PAYLOAD)
    assert unseal(keys=[KEY], token=token, max_age_seconds=60) == PAYLOAD


_JSON_LIKE = st.dictionaries(
    keys=st.text(max_size=12).filter(lambda key: key != "n"),
    values=st.one_of(st.text(max_size=40), st.integers()),
    max_size=8,
)


@given(payload=_JSON_LIKE)
def test_unsealing_a_sealed_payload_gives_it_back(payload: dict) -> None:
    token = seal(keys=[KEY], payload=payload, now=ISSUED)
    assert unseal(keys=[KEY], token=token, max_age_seconds=DAY, now=ISSUED) == payload


# --- receipts and signing codes -------------------------------------------------------------


def _groups_pattern(groups: int) -> str:
    alphabet = re.escape(CODE_ALPHABET)
    return "-".join([f"[{alphabet}]{{4}}"] * groups)


def test_a_receipt_is_five_groups_of_four_crockford_characters() -> None:
    assert re.fullmatch(_groups_pattern(5), new_receipt())


def test_a_receipt_carries_at_least_100_bits_of_entropy() -> None:
    compact = normalise_receipt(new_receipt())
    assert len(compact) * math.log2(len(CODE_ALPHABET)) >= 100
    assert RECEIPT_BITS >= 100


def test_receipts_do_not_repeat() -> None:
    receipts = {new_receipt() for _ in range(1000)}
    assert len(receipts) == 1000


def test_receipts_use_every_character_of_the_alphabet() -> None:
    seen = set("".join(normalise_receipt(new_receipt()) for _ in range(200)))
    assert seen == set(CODE_ALPHABET)


def test_every_position_of_a_receipt_takes_every_character() -> None:
    receipts = [normalise_receipt(new_receipt()) for _ in range(2000)]
    for position in range(len(receipts[0])):
        assert {receipt[position] for receipt in receipts} == set(CODE_ALPHABET)


def test_a_signing_code_is_three_groups_of_four_with_at_least_60_bits() -> None:
    code = new_signing_code()
    assert re.fullmatch(_groups_pattern(3), code)
    assert len(normalise_signing_code(code)) * math.log2(len(CODE_ALPHABET)) >= 60
    assert SIGNING_CODE_BITS >= 60


def test_normalising_a_receipt_folds_case_separators_and_confusables() -> None:
    assert normalise_receipt(" o1il-abcd ef0g-hjkm-npqr ") == "0111ABCDEF0GHJKMNPQR"


def test_a_receipt_normalises_to_itself_without_dashes() -> None:
    receipt = new_receipt()
    assert normalise_receipt(receipt) == receipt.replace("-", "")
    assert normalise_receipt(normalise_receipt(receipt)) == normalise_receipt(receipt)


@pytest.mark.parametrize(
    "code",
    ["", "ABCD-EFGH-JKMN-PQRS", "ABCD-EFGH-JKMN-PQRS-TVWXY", "ABCD-EFGH-JKMN-PQRS-TVWU"],
)
def test_a_receipt_of_the_wrong_length_or_characters_is_rejected(code: str) -> None:
    with pytest.raises(InvalidCode):
        normalise_receipt(code)


@pytest.mark.parametrize("code", ["ABCD-EFGH", "ABCD-EFGH-JKM!", "ABCD-EFGH-JKMN-P"])
def test_a_signing_code_of_the_wrong_length_or_characters_is_rejected(code: str) -> None:
    with pytest.raises(InvalidCode):
        normalise_signing_code(code)


def test_a_signing_code_is_read_back_despite_confusables() -> None:
    assert normalise_signing_code("abcd efgh 1oli") == "ABCDEFGH1011"


def test_the_receipt_hash_is_an_unkeyed_sha256_anyone_can_recompute() -> None:
    receipt = "7KQ2-M9XA-0000-1111-ZZZZ"
    expected = hashlib.sha256(b"7KQ2M9XA00001111ZZZZ").hexdigest()
    assert receipt_hash(receipt) == expected
    assert receipt_hash("7kq2 m9xa oooo iiii zzzz") == expected


def test_the_signing_code_hash_is_keyed_and_ignores_typing_variations() -> None:
    printed = signing_code_hash(key=SECRET, code="ABCD-EFGH-1011")
    assert printed == signing_code_hash(key=SECRET, code="abcd efgh loil")
    assert printed == keyed_hash(key=SECRET, purpose="code", value="ABCDEFGH1011")
    assert printed != hashlib.sha256(b"ABCDEFGH1011").hexdigest()
    assert printed != signing_code_hash(key=OTHER_SECRET, code="ABCD-EFGH-1011")


# --- count digest ---------------------------------------------------------------------------

HASHES = [receipt_hash(new_receipt()) for _ in range(25)]


def test_the_digest_ignores_order_and_duplicates() -> None:
    shuffled = list(reversed(HASHES)) + HASHES[:5]
    assert count_digest(shuffled) == count_digest(HASHES)


def test_the_digest_ignores_hex_case() -> None:
    assert count_digest(h.upper() for h in HASHES) == count_digest(HASHES)


def test_the_digest_changes_when_a_receipt_is_added_or_removed() -> None:
    assert count_digest(HASHES[:-1]) != count_digest(HASHES)


def test_the_digest_follows_the_documented_recipe() -> None:
    text = "".join(f"{h}\n" for h in sorted(set(HASHES)))
    assert count_digest(HASHES) == hashlib.sha256(text.encode()).hexdigest()


def test_the_digest_of_no_receipts_is_the_hash_of_empty_text() -> None:
    assert count_digest([]) == hashlib.sha256(b"").hexdigest()


def test_the_digest_refuses_values_that_are_not_hashes() -> None:
    with pytest.raises(ValueError, match="hex"):
        count_digest(["not a hash"])


@given(st.sets(st.binary(min_size=32, max_size=32).map(bytes.hex), max_size=40))
def test_the_streamed_digest_of_sorted_hashes_equals_the_digest_of_the_set(hashes) -> None:
    assert sorted_digest(sorted(hashes)) == count_digest(hashes)


def test_the_streamed_digest_refuses_hashes_out_of_order_or_repeated() -> None:
    ordered = sorted(HASHES)
    with pytest.raises(ValueError, match="sorted"):
        sorted_digest(list(reversed(ordered)))
    with pytest.raises(ValueError, match="unique"):
        sorted_digest([ordered[0], ordered[0]])
    with pytest.raises(ValueError, match="lower-case"):
        sorted_digest([h.upper() for h in ordered])


def test_the_recipe_is_one_sentence_naming_the_shell_command() -> None:
    assert ". " not in DIGEST_RECIPE
    assert "LC_ALL=C sort -u hashes.txt | sha256sum" in DIGEST_RECIPE


def _shell_recipe(folder: Path) -> str:
    """Run ``LC_ALL=C sort -u hashes.txt | sha256sum`` in ``folder``, without a shell."""
    if not (Path("/usr/bin/sort").exists() and Path("/usr/bin/sha256sum").exists()):
        pytest.skip("coreutils sort and sha256sum are needed to check the shell recipe")
    env = {**os.environ, "LC_ALL": "C"}
    sort = subprocess.run(
        ["/usr/bin/sort", "-u", "hashes.txt"], cwd=folder, env=env, check=True, capture_output=True
    )
    digest = subprocess.run(
        ["/usr/bin/sha256sum"], input=sort.stdout, env=env, check=True, capture_output=True
    )
    return digest.stdout.split()[0].decode("ascii")


def test_the_shell_recipe_gives_the_same_digest(tmp_path: Path) -> None:
    unordered = list(reversed(HASHES)) + HASHES[:3]
    (tmp_path / "hashes.txt").write_text("".join(f"{h}\n" for h in unordered), encoding="ascii")
    assert _shell_recipe(tmp_path) == count_digest(unordered)
