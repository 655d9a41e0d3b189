from django.core.management.base import BaseCommand
from django.utils import timezone

from rights.services import reminders, route_tracking


class Command(BaseCommand):
    help = (
        "Send due reminder e-mails (saved requests and route letters), each once. It deletes "
        "nothing: retention is apply_retention. Celery beat runs this hourly; without beat, run "
        "it from cron."
    )

    def handle(self, *args, **options) -> None:
        today = timezone.localdate()
        sent = reminders.send_due_reminders(today=today)
        sent += route_tracking.send_route_reminders(today=today)
        self.stdout.write(f"{sent} reminders sent")
