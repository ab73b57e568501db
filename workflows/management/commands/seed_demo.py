from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from eia.models import Organisation
from workflows.demo import organisations as demo


class Command(BaseCommand):
    help = "Create the demo councils, their users and policy pipelines (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if any organisation exists."
        )
        parser.add_argument(
            "--print-logins", action="store_true", help="Only print the demo logins."
        )

    def handle(self, *args, if_empty=False, print_logins=False, **options):
        if print_logins:
            self.stdout.write(f"Demo logins (password for all: {demo.DEMO_PASSWORD})")
            for organisation, role, username in demo.logins():
                self.stdout.write(f"  {organisation:<12} {role:<18} {username}")
            self.stdout.write("Open http://127.0.0.1:8000/ and sign in.")
            return
        if if_empty and Organisation.objects.exists():
            self.stdout.write("Demo data not loaded: the database already has organisations.")
            return
        # The demo's workflow sends the emails a real one would; keep them out of the console.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            demo.seed()
            # The equality duty sits above the process (it may not be imported from here):
            # its demo is its own command, run by name.
            if apps.is_installed("equality"):
                call_command("seed_demo_duty", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
