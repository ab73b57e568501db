from django.apps import AppConfig
from django.db.backends.signals import connection_created

from . import checks  # noqa: F401 - registers the system checks
from .chain import guard


class EiaConfig(AppConfig):
    name = "eia"
    verbose_name = "Due Regard"

    def ready(self):
        connection_created.connect(guard.register_sqlite_function)
