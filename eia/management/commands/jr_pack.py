"""`manage.py jr_pack REFERENCE --out pack.zip [--organisation SLUG]`: the judicial-review
pack of one proposal, streamed to a file (see eia.pack)."""

from django.core.management.base import BaseCommand, CommandError

from eia.models import PipelineItem
from eia.pack.contents import manifest, members
from eia.pack.zipstream import stream_zip


class Command(BaseCommand):
    help = "Write the judicial-review pack of a proposal (by its reference) to a zip file."

    def add_arguments(self, parser):
        parser.add_argument("reference", help="The proposal's pipeline reference")
        parser.add_argument("--out", required=True, help="Where to write the zip")
        parser.add_argument("--organisation", help="The organisation's slug, if two share it")

    def handle(self, *args, reference, out, organisation=None, **options):
        items = PipelineItem.objects.filter(reference=reference).select_related("organisation")
        if organisation:
            items = items.filter(organisation__slug=organisation)
        found = list(items[:2])
        if not found:
            raise CommandError(f"No proposal has the reference {reference!r}")
        if len(found) > 1:
            raise CommandError(f"Two organisations use {reference!r}: give --organisation")
        item = found[0]
        size = 0
        with open(out, "wb") as handle:
            for chunk in stream_zip(members(item), manifest=manifest(item)):
                handle.write(chunk)
                size += len(chunk)
        self.stdout.write(f"Wrote {out}: {size:,} bytes for {item.reference} ({item.title}).")
