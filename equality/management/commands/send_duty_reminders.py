"""`manage.py send_duty_reminders [--dry-run]`: run it from cron beside `send_reminders`, as
often as you like; each person hears about each item at most once a day, the objectives'
refresh at most once a week (see equality.reminders)."""

from django.core.management.base import BaseCommand

from equality.reminders import send_duty_reminders


class Command(BaseCommand):
    help = (
        "Email the equality leads when the equality objectives fall due to be refreshed, and "
        "the people responsible for overdue action plan deliverables."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what would be sent; send nothing and record nothing.",
        )

    def handle(self, *args, dry_run: bool = False, **options):
        summary = send_duty_reminders(dry_run=dry_run)
        for address, text in summary.plan:
            self.stdout.write(f"Would email {address}: {text}")
        self.stdout.write(str(summary).replace("already sent today", "already sent lately"))
