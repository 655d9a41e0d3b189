from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from core.fields import EncryptedField, registered_rotations

BATCH = 500


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field under the newest key in STANDING_ENCRYPTION_KEYS. "
        "Run it after putting a new key first; then the old keys can be removed."
    )

    def handle(self, *args, **options) -> None:
        for model in apps.get_models():
            names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedField)]
            if names:
                count = rotate_model(model, names)
                self.stdout.write(f"{model._meta.label}: {count} rows re-encrypted")
        for label, rotate in registered_rotations().items():
            self.stdout.write(f"{label}: {rotate()} secrets re-encrypted")


def rotate_model(model, names: list[str]) -> int:
    """Load each row (any configured key decrypts it) and write it back (the newest encrypts)."""
    count = 0
    pks = list(model._default_manager.values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        with transaction.atomic():
            rows = list(
                model._default_manager.select_for_update().filter(pk__in=pks[start : start + BATCH])
            )
            model._default_manager.bulk_update(rows, names)
            count += len(rows)
    return count
