"""The delivery PDF lives in a row of its own: no petition page reads its bytes."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from petitions import services
from petitions.models import Delivery, Petition
from tests.support.migrations import migrate_to, migrate_to_latest
from tests.support.pdf import text_of
from tests.support.petitions import (
    confirm,
    old_petition_fields,
    sign_by_email,
)

# About the size of a delivery PDF with many named signers.
BIG_PDF = b"%PDF-1.7\n" + b"x" * 700_000


def _ready_delivery(petition: Petition) -> None:
    services.build_delivery(petition=petition, render=lambda **kw: BIG_PDF)


def _pdf_reads(queries) -> list[str]:
    delivery_table = Delivery._meta.db_table
    return [
        q["sql"]
        for q in queries
        if delivery_table in q["sql"] and '"pdf"' in q["sql"] and "SELECT" in q["sql"]
    ]


def test_no_petition_page_reads_the_delivery_pdf(client, organiser, make_petition):
    listed = make_petition(visibility=Petition.Visibility.LISTED)
    services.approve_petition(petition=listed)
    _ready_delivery(listed)
    pages = [
        reverse("petitions:list"),
        reverse("petitions:detail", args=[listed.slug]),
        reverse("petitions:verify", args=[listed.slug]),
        reverse("petitions:sign", args=[listed.slug]),
    ]
    client.force_login(organiser)
    pages += [reverse("petitions:mine"), reverse("petitions:manage", args=[listed.slug])]
    for page in pages:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page)
        assert response.status_code == 200, page
        assert _pdf_reads(captured.captured_queries) == [], page
    assert "delivery_pdf" not in {field.name for field in Petition._meta.get_fields()}


def test_only_the_download_reads_the_delivery_pdf(client, organiser, petition):
    _ready_delivery(petition)
    client.force_login(organiser)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("petitions:delivery_pdf", args=[petition.slug]))
    assert response.content == BIG_PDF
    assert len(_pdf_reads(captured.captured_queries)) == 1


def test_the_organiser_asks_for_the_delivery_pdf_watches_it_and_downloads_it(
    client, organiser, petition, mailoutbox, django_capture_on_commit_callbacks
):
    for n in range(5):
        confirm(client, sign_by_email(client, petition, mailoutbox, email=f"d{n}@ex.org"))
    client.force_login(organiser)
    manage = reverse("petitions:manage", args=[petition.slug])
    assert "Download the delivery PDF" not in client.get(manage).content.decode()
    assert client.get(reverse("petitions:delivery_pdf", args=[petition.slug])).status_code == 404

    with django_capture_on_commit_callbacks(execute=False) as queued:
        client.post(reverse("petitions:delivery", args=[petition.slug]))
    assert Delivery.objects.get(petition=petition).state == Delivery.State.QUEUED
    waiting = client.get(manage).content.decode()
    assert "Preparing: 0% done" in waiting and 'http-equiv="refresh"' in waiting

    for callback in queued:
        callback()
    delivery = Delivery.objects.get(petition=petition)
    assert delivery.state == Delivery.State.READY and delivery.progress == 100
    assert "Download the delivery PDF" in client.get(manage).content.decode()
    assert "The delivery PDF is ready." in client.get(reverse("petitions:mine")).content.decode()
    download = client.get(reverse("petitions:delivery_pdf", args=[petition.slug]))
    assert download["Content-Disposition"] == f'attachment; filename="petition-{petition.slug}.pdf"'
    assert "5 people signed this petition" in text_of(download.content)


def test_the_last_pdf_stays_downloadable_while_a_new_one_is_prepared(
    client, organiser, petition, django_capture_on_commit_callbacks
):
    _ready_delivery(petition)
    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("petitions:delivery", args=[petition.slug]))
    assert Delivery.objects.get(petition=petition).state == Delivery.State.QUEUED
    assert client.get(reverse("petitions:delivery_pdf", args=[petition.slug])).content == BIG_PDF


def test_a_second_message_for_a_built_delivery_builds_nothing(petition):
    _ready_delivery(petition)
    rendered = []
    built = services.run_queued_delivery(
        petition_id=petition.pk, render=lambda **kw: rendered.append(kw) or b"%PDF-again"
    )
    assert built is False and rendered == []
    assert services.delivery_pdf(petition=petition) == BIG_PDF


@pytest.mark.parametrize(
    "fields",
    [
        {"state": "lost", "pdf": b"%PDF"},
        {"state": "ready", "pdf": None},
        {"state": "running", "progress": 101},
    ],
    ids=["unknown state", "ready without a pdf", "progress past 100"],
)
def test_the_database_refuses_a_delivery_the_code_does_not_know(petition, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(petition=petition, **fields)


@pytest.mark.django_db(transaction=True)
def test_migration_0009_moves_each_delivery_off_the_petition_row():
    old_apps = migrate_to(("petitions", "0008_leaner_indexes_known_choices"))
    OldPetition = old_apps.get_model("petitions", "Petition")
    common = old_petition_fields()
    ready = OldPetition.objects.create(
        slug="ready",
        delivery_state="ready",
        delivery_progress=100,
        delivery_pdf=b"%PDF-old",
        **common,
    )
    running = OldPetition.objects.create(
        slug="running", delivery_state="running", delivery_progress=50, **common
    )
    never = OldPetition.objects.create(slug="never", **common)

    migrate_to_latest()
    moved = {d.petition_id: d for d in Delivery.objects.all()}
    assert set(moved) == {ready.pk, running.pk} and never.pk not in moved
    assert (moved[ready.pk].state, moved[ready.pk].progress) == ("ready", 100)
    assert bytes(moved[ready.pk].pdf) == b"%PDF-old"
    assert (moved[running.pk].state, moved[running.pk].pdf) == ("running", None)
