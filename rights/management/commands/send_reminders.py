from django.core.management.base import BaseCommand
from django.utils import timezone

from rights.services import reminders


class Command(BaseCommand):
    help = (
        "Send due reminder e-mails, each once. It deletes nothing: retention is "
        "apply_retention. Celery beat runs this hourly; without beat, run it from cron."
    )

    def handle(self, *args, **options) -> None:
        sent = reminders.send_due_reminders(today=timezone.localdate())
        self.stdout.write(f"{sent} reminders sent")
