"""The judicial-review pack: everything a council's lawyers need to show a court what the
decision-maker knew, when, and how the record came to be, in one zip that proves itself.

`contents` lists the pack's files for one proposal (every version), `brown` gathers this
record's evidence for each of the Brown principles, and `zipstream` writes them as a zip, one
file at a time (a large record never sits in memory whole), ending with a manifest of every
file's SHA-256. The pages and `manage.py jr_pack` both stream it.
"""
