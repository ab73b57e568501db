from django.apps import AppConfig


class EiaConfig(AppConfig):
    name = "eia"
    verbose_name = "Due Regard"
