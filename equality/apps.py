from django.apps import AppConfig


class EqualityConfig(AppConfig):
    """The organisation's equality duty: objectives, the action plan, programmes (budget
    rounds) and the dashboard. It reads the record (eia) and the process (workflows); nothing
    below imports it."""

    name = "equality"
    verbose_name = "Equality duty"
