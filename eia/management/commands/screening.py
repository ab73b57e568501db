"""`manage.py screening check | evaluate | list | lock`: `python -m screening_rules`, inside Django.

Everything after `screening` goes to `screening_rules.cli.main`, the one parser of these commands.
"""

import argparse

from django.core.management.base import BaseCommand, CommandError

from screening_rules import cli


class _Lines:
    """Hands the rules CLI's whole lines to Django's stdout without doubling newlines."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> None:
        self.stream.write(text, ending="")


class Command(BaseCommand):
    help = (
        "Validate screening rule files, evaluate answers against a rule set, list rule sets and "
        "release new files. `manage.py screening check --help` shows a command's options."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "args", nargs=argparse.REMAINDER, metavar="check|evaluate|list|lock [OPTIONS]"
        )

    def handle(self, *args, **options):
        try:
            status = cli.main(list(args), out=_Lines(self.stdout), prog="manage.py screening")
        except SystemExit as stopped:  # argparse, after printing its help or a usage error
            status = stopped.code
        if status:
            command = " ".join(["screening", *args])
            raise CommandError(f"{command} failed (exit status {status})", returncode=status)
