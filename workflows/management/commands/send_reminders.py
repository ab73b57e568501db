"""`manage.py send_reminders [--dry-run]`: run it from cron as often as you like; each
recipient hears about each item at most once a day (see workflows.reminders)."""

from django.core.management.base import BaseCommand

from workflows.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Email owners of published assessments whose review is due within 30 days (or past) "
        "and owners of overdue equality actions, at most once a day each."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what would be sent; send nothing and record nothing.",
        )

    def handle(self, *args, dry_run: bool = False, **options):
        summary = send_reminders(dry_run=dry_run)
        for address, text in summary.plan:
            self.stdout.write(f"Would email {address}: {text}")
        self.stdout.write(str(summary))
