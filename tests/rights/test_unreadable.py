"""A saved request that no configured key opens: a clear page, never a 500 (issue: "Nothing
lost when a part fails")."""

import io
import logging
import zipfile
from datetime import date

from cryptography.fernet import Fernet
from django.urls import reverse

from accounts import owndata
from core import fields
from core.fields import is_unreadable
from rights.models import SavedRequest
from rights.services import tracking

from .test_tracking import save, signed_in, worker  # noqa: F401 - fixtures


def saved_under_a_key_since_removed(owner, answers, settings) -> SavedRequest:
    """A request encrypted under a key the site no longer has (rotated out too early, lost)."""
    current = settings.STANDING_ENCRYPTION_KEYS
    settings.STANDING_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    saved = tracking.save_request(
        owner=owner, answers={k: [v] for k, v in answers.items()}, regime_id="eu_gdpr"
    )
    settings.STANDING_ENCRYPTION_KEYS = current
    return saved


def test_a_request_no_key_opens_says_so_stays_deletable_and_spares_the_others(
    reference_data,
    signed_in,  # noqa: F811
    worker,  # noqa: F811
    dublin_answers,
    settings,
    caplog,
    monkeypatch,
):
    caplog.set_level(logging.ERROR)
    monkeypatch.setattr(fields, "_last_alert", {})  # one alert a minute: this test sees its own
    lost = saved_under_a_key_since_removed(worker, dublin_answers, settings)
    kept = save(signed_in, {**dublin_answers, "full_name": "Ciara Walsh"})

    board = signed_in.get(reverse("rights:mine"))
    assert board.status_code == 200
    assert "Requests that cannot be opened" in board.content.decode()
    page = signed_in.get(reverse("rights:saved", kwargs={"request_id": lost.pk}))
    assert page.status_code == 409
    assert "none of the keys this site now holds opens it" in page.content.decode()
    assert signed_in.get(reverse("rights:saved", kwargs={"request_id": kept.pk})).status_code == 200

    # The operator is told, with no person named.
    assert "no configured key" in caplog.text and "SavedRequest" in caplog.text
    for personal in ("Aoife", "aoife", "MPI-448812", "worker@"):
        assert personal not in caplog.text

    # Downloading all one's data still works, and says what could not be opened.
    export = zipfile.ZipFile(io.BytesIO(owndata.export_zip(user=worker, today=date.today())))
    assert "cannot be opened" in export.read("my-data.json").decode()

    deleted = signed_in.post(reverse("rights:delete", kwargs={"request_id": lost.pk}))
    assert deleted.status_code == 302
    assert list(SavedRequest.objects.values_list("pk", flat=True)) == [kept.pk]


def test_saving_an_unreadable_row_again_keeps_its_ciphertext(
    reference_data,
    worker,  # noqa: F811
    dublin_answers,
    settings,
):
    saved = tracking.save_request(
        owner=worker, answers={"full_name": ["Aoife Byrne"]}, regime_id="eu_gdpr"
    )
    old_keys = settings.STANDING_ENCRYPTION_KEYS
    settings.STANDING_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    unreadable = SavedRequest.objects.get(pk=saved.pk)
    assert is_unreadable(unreadable.answers) and not unreadable.readable
    unreadable.save()  # say, a retention job touching another column

    settings.STANDING_ENCRYPTION_KEYS = old_keys  # the key comes back
    assert SavedRequest.objects.get(pk=saved.pk).answers["full_name"] == ["Aoife Byrne"]
