"""`manage.py screening check | evaluate | list`: the screening_rules CLI, inside Django."""

from django.core.management.base import BaseCommand, CommandError

import screening_rules


class _Lines:
    """Hands the rules CLI's whole lines to Django's stdout without doubling newlines."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> None:
        self.stream.write(text, ending="")


class Command(BaseCommand):
    help = "Validate screening rule files, evaluate answers against a rule set, list rule sets."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="command", required=True)
        check = commands.add_parser("check", help="Validate every rule file (file:line errors).")
        check.add_argument("--root", help="A rules folder other than the shipped one.")
        evaluate = commands.add_parser("evaluate", help="Print the outcome and reasons.")
        evaluate.add_argument("--ruleset", required=True, help="ID or ID@VERSION")
        evaluate.add_argument("--answers", required=True, help="A JSON file of answers")
        evaluate.add_argument(
            "--characteristics", default="", help="Local characteristic ids, comma-separated"
        )
        evaluate.add_argument("--json", action="store_true", help="Print the stored JSON form")
        evaluate.add_argument("--root")
        listing = commands.add_parser("list", help="List rule sets and versions.")
        listing.add_argument("--root")

    def handle(self, *args, command, root=None, **options):
        out = _Lines(self.stdout)
        if command == "check":
            status = screening_rules.run_check(out, root=root)
        elif command == "evaluate":
            status = screening_rules.run_evaluate(
                out,
                ruleset=options["ruleset"],
                answers_file=options["answers"],
                characteristics=[c for c in options["characteristics"].split(",") if c],
                as_json=options["json"],
                root=root,
            )
        else:
            status = screening_rules.run_list(out, root=root)
        if status:
            raise CommandError(
                f"screening {command} failed (exit status {status})", returncode=status
            )
