"""`manage.py audit_digest [--out DIR]`: a digest over every audit chain's head, stored (for
the public register's digest page) and written to a file for an administrator to archive."""

from django.core.management.base import BaseCommand

from eia.chain import digests


class Command(BaseCommand):
    help = "Make a digest of every audit chain's head and write it to a file to archive."

    def add_arguments(self, parser):
        parser.add_argument("--out", help="Folder for the digest file (AUDIT_DIGEST_DIR)")

    def handle(self, *args, out=None, **options):
        digest = digests.make_digest()
        path = digests.write_file(digest, out)
        self.stdout.write(
            f"Digest {digest.digest} of {digest.chains} chains and {digest.events} events "
            f"written to {path}. Archive the file outside this system."
        )
