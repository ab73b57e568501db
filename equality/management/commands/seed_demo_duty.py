from django.core.management.base import BaseCommand

from equality import demo


class Command(BaseCommand):
    help = "Give the demo councils their equality objectives, action plan and a budget round."

    def handle(self, *args, **options):
        demo.seed()
        self.stdout.write(self.style.SUCCESS("Equality duty demo data loaded."))
