"""The employers and authorities from rights/data/, as `make run` loads them.

Reading and writing them through load_reference_data costs about a quarter of a second, most
of it parsing the YAML, and about 250 queries: the suite does it once, keeps the rows, and
copies them into each test's database that asks for them in two inserts.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from rights.models import Authority, Employer
from rights.services.reference import load_reference_data


@dataclass(frozen=True)
class ReferenceRows:
    authorities: list[dict]
    employers: list[dict]


def read_reference_rows() -> ReferenceRows:
    """The rows load_reference_data writes, read back from a transaction that is undone."""
    with transaction.atomic():
        load_reference_data(data_dir=settings.RIGHTS_DATA_DIR)
        rows = ReferenceRows(
            authorities=list(Authority.objects.order_by("pk").values()),
            employers=list(Employer.objects.order_by("pk").values()),
        )
        transaction.set_rollback(True)
    return rows


def write_reference_rows(rows: ReferenceRows) -> None:
    """The same rows in this test's database (new ids, so sequences stay right), unless a
    test on a live server already has them."""
    if Employer.objects.exists():
        return
    authorities = Authority.objects.bulk_create(
        Authority(**without(row, "id")) for row in rows.authorities
    )
    new_id = {
        row["id"]: authority.pk
        for row, authority in zip(rows.authorities, authorities, strict=True)
    }
    Employer.objects.bulk_create(
        Employer(
            **without(row, "id", "lead_authority_id"),
            lead_authority_id=new_id.get(row["lead_authority_id"]),
        )
        for row in rows.employers
    )


def without(row: dict, *names: str) -> dict:
    return {key: value for key, value in row.items() if key not in names}
