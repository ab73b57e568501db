"""python -m benchmarks [options]: see benchmarks/run.py."""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
django.setup()

from benchmarks import run  # noqa: E402 - Django must be set up first

sys.exit(run.main(sys.argv[1:]))
