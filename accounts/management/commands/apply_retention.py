from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from petitions import services as petitions
from rights.services import reminders, route_tracking


class Command(BaseCommand):
    help = (
        "Delete what the site keeps only for a time: closed saved requests (after their notice "
        "e-mail), answered route letters, a closed petition's duplicate-prevention hashes, "
        "unused codes and keys, and "
        "expired sessions. Celery beat runs the same tasks; without beat, run this daily from "
        "cron. It sends no reminder (that is send_reminders)."
    )

    def handle(self, *args, **options) -> None:
        today = timezone.localdate()
        warned, deleted = reminders.purge_closed_requests(today=today)
        deleted += route_tracking.purge_route_requests(today=today)
        purged = petitions.purge_expired_hashes()
        call_command("clearsessions")
        self.stdout.write(
            f"{warned} deletion notices, {deleted} requests deleted, "
            f"{purged} petitions' duplicate-prevention data deleted, expired sessions cleared"
        )
