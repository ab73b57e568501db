"""The Django project: settings, the root URL configuration and the WSGI entry point.

It sits above the apps it wires together: `workflows` (the process) builds on `eia` (the
record), which builds on `screening_rules` (the rule engine). See ARCHITECTURE.md.
"""
