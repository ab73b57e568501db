"""`manage.py seed_scale --assessments N --events M`: an organisation set at scale for the
benchmarks (see workflows/demo/scale.py for how it relates to the real services)."""

import time

from django.core.management.base import BaseCommand

from workflows.demo import scale


class Command(BaseCommand):
    help = "Write N assessments and about M audit events in realistic states, for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--assessments", type=int, default=10_000)
        parser.add_argument("--events", type=int, default=200_000)
        parser.add_argument("--organisations", type=int, default=0, help="0: one per 2,000")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, assessments, events, organisations, seed, **options):
        started = time.monotonic()
        counts = scale.seed(
            assessments=assessments,
            events=events,
            organisations=organisations,
            seed_value=seed,
            log=self.stdout.write,
        )
        self.stdout.write(
            f"Wrote {counts['assessments']} assessments and {counts['events']} events "
            f"in {time.monotonic() - started:.0f} s."
        )
