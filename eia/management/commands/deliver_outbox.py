"""`manage.py deliver_outbox`: attempt every outbox email that is due now (eia/outbox.py).

The worker (`manage.py db_worker`) normally delivers each email and its retries; this sweep is
the safety net for an email whose task was lost (the process stopped between the commit and
queueing it) and for deployments whose tasks run at once, which cannot wait to retry. Run it
from cron every few minutes; running it as well as the worker never sends an email twice.
"""

from django.core.management.base import BaseCommand

from eia import outbox


class Command(BaseCommand):
    help = "Attempt every outbox email that is due now (retries included)."

    def handle(self, *args, **options):
        counts = outbox.deliver_due()
        if not counts:
            self.stdout.write("No emails were due.")
            return
        self.stdout.write(
            ", ".join(f"{number} {status}" for status, number in sorted(counts.items()))
        )
