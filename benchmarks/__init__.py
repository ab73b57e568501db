"""Benchmarks: `make bench` (python -m benchmarks). Speed goals live here, never in timed tests.

`benchmarks/run.py` seeds the data if needed, serves the app with gunicorn under
`benchmarks/settings.py` (which adds a bare one-query view at /bench/bare/), measures every main
page and download through it with concurrent clients as ratios to that bare view, then runs
every other `benchmarks/*.py` module that exposes `run(**options) -> dict`.
"""
