"""Background work of the register, on the task queue (django-tasks)."""

from django_tasks import task

from . import published_file


@task()
def regenerate_register_files() -> None:
    """Rebuild the whole-register downloads after a publication (eia/register/published_file.py)."""
    published_file.regenerate()


def after_publication() -> None:
    """Queue the rebuild; publishing calls this with transaction.on_commit."""
    regenerate_register_files.enqueue()
