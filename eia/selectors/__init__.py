"""Reads that pages and commands share: each list costs a fixed number of queries, whatever
its length, and takes `today=` so tests can fix the date without touching the clock."""
