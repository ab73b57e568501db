"""`manage.py verify_audit [--digest FILE]`: check every audit chain in the database; or
`manage.py verify_audit --file EXPORT.json`: check an exported trail from the file alone.
Organisations' own chains (their equality duty) are checked with the assessments'.
Prints the first broken event of each broken chain and exits 1 if any is broken."""

import json

from django.core.management.base import BaseCommand, CommandError

from eia.chain import database, digests, exported
from eia.models import Assessment, Organisation


class Command(BaseCommand):
    help = "Verify every audit chain (or an exported trail) and exit non-zero on any break."

    def add_arguments(self, parser):
        parser.add_argument("--file", help="An exported trail (JSON) to verify on its own")
        parser.add_argument(
            "--digest", help="An archived digest file to check against (default: the last stored)"
        )

    def handle(self, *args, file=None, digest=None, **options):
        if file:
            report = exported.verify_file(self._load(file))
        else:
            data = self._load(digest) if digest else None
            if data is not None and (problems := digests.problems_of_file(data)):
                raise CommandError(f"The digest file {digest} is not valid: {'; '.join(problems)}")
            report = database.verify_all(digest=data)
            for problem in digests.problems_of_stored():
                report.breaks.append(exported.whole_break(problem))
        self._print(report)
        if not report.intact:
            raise SystemExit(1)

    def _load(self, path):
        try:
            with open(path, encoding="utf-8") as handle:
                return json.load(handle)
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error

    def _print(self, report):
        names = {
            a.pk: f"{a.organisation.slug} {a.pipeline_item.reference} v{a.version}"
            for a in Assessment.objects.filter(
                pk__in=[b.assessment for b in report.breaks if b.assessment]
            ).select_related("organisation", "pipeline_item")
        }
        slugs = dict(
            Organisation.objects.filter(
                pk__in=[b.organisation for b in report.breaks if b.organisation]
            ).values_list("pk", "slug")
        )
        for broken in report.breaks:
            if broken.assessment is not None:
                where = (
                    f"assessment {broken.assessment} ({names.get(broken.assessment, 'deleted')})"
                )
            elif broken.organisation is not None:
                where = f"organisation {broken.organisation} ({slugs.get(broken.organisation)})"
            else:
                where = "digests"
            self.stdout.write(f"BROKEN {where}: {broken.reason}")
        seals = (
            "seals checked with the key"
            if report.seals_checked
            else ("seals NOT checked (no key for them here): content hashes and links only")
        )
        against = f"; against digest {report.digest[:16]}" if report.digest else "; no digest yet"
        verdict = "intact" if report.intact else f"{len(report.breaks)} broken"
        self.stdout.write(
            f"{report.chains} chains, {report.events} events: {verdict} ({seals}{against})."
        )
