from django.core.management.base import BaseCommand

from petitions.services import pool


class Command(BaseCommand):
    help = "Write confirmed signatures waiting in the pool, in shuffled batches (cron, no beat)."

    def handle(self, *args, **options) -> None:
        written = pool.flush_due_pools()
        self.stdout.write(f"{written} signatures written")
