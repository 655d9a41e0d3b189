from django.core.management.base import BaseCommand
from django.utils import timezone

from rights.services import reminders, route_tracking


class Command(BaseCommand):
    help = (
        "Send due reminder e-mails and apply the retention of closed requests. Celery beat runs "
        "this hourly; without beat, run it from cron."
    )

    def handle(self, *args, **options) -> None:
        today = timezone.localdate()
        sent = reminders.send_due_reminders(today=today)
        sent += route_tracking.send_route_reminders(today=today)
        warned, deleted = reminders.purge_closed_requests(today=today)
        self.stdout.write(f"{sent} reminders sent, {warned} deletion notices, {deleted} deleted")
