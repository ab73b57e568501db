"""`manage.py purge_drafts`: delete drafts nobody came back to (eia.services.drafts,
DRAFT_RETENTION). Run it daily from cron, beside send_reminders."""

from django.core.management.base import BaseCommand

from eia.services.drafts import DRAFT_RETENTION, purge_old_drafts


class Command(BaseCommand):
    help = f"Delete unsaved drafts last saved more than {DRAFT_RETENTION.days} days ago."

    def handle(self, *args, **options):
        deleted = purge_old_drafts()
        self.stdout.write(f"Deleted {deleted} draft{'' if deleted == 1 else 's'}.")
