from django.apps import AppConfig


class SigninConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "signin"
    verbose_name = "Sign-in"

    def ready(self):
        # Connects the sign-in signal that starts each session's clocks.
        from . import signals  # noqa: F401
