from django.conf import settings
from django.core.management.base import BaseCommand

from rights.services.reference import load_reference_data


class Command(BaseCommand):
    help = "Create or update supervisory authorities and employers from rights/data/*.yaml."

    def handle(self, *args, **options) -> None:
        authorities, employers = load_reference_data(data_dir=settings.RIGHTS_DATA_DIR)
        self.stdout.write(f"Loaded {authorities} authorities and {employers} employers.")
