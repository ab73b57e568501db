"""Related rows prefetched into plain lists (Prefetch with to_attr): for each row, Django then
sets a list instead of building a queryset per relation, which was most of the time of a
register download (17 queryset clones a record). `rows()` reads such a list where a caller
loaded one and the relation itself where it did not, so readers work either way."""

from django.db.models import Prefetch

PREFIX = "loaded_"


def into_list(lookup: str, queryset=None) -> Prefetch:
    """Prefetch `lookup` into a list named PREFIX + its last part. To reach through a list
    loaded this way, name it: into_list("loaded_impacts__evidence")."""
    return Prefetch(lookup, queryset=queryset, to_attr=PREFIX + lookup.rsplit("__", 1)[-1])


def rows(instance, relation: str) -> list:
    loaded = getattr(instance, PREFIX + relation, None)
    return loaded if loaded is not None else list(getattr(instance, relation).all())
