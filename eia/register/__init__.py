"""The public register: published assessments and screening decisions, no sign-in needed.

Every page and download here reads `eia.redaction.PublicRecord`s (PDFs via `eia.documents`),
never a model field directly, so nothing internal can reach the public by a template's mistake.
An assessment that is not published (a draft, a withdrawn one, another organisation's anything)
is a 404 at every address. Lists load their rows with a fixed number of queries.

`forms` parses the search and filters, `queries` selects the public records, `links` reverses
their addresses; `views`, `exports`, `feeds` and `reports` are the pages and downloads, routed
by `urls`.
"""
