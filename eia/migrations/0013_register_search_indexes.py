"""PostgreSQL only: the register's full-text and trigram indexes (see eia/register/search.py,
whose vector expressions these must repeat exactly). SQLite searches without them."""

from django.db import migrations

ITEM_VECTOR = (
    "(setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(summary, '')), 'B'))"
)
BODY_VECTOR = (
    "(setweight(to_tsvector('english'::regconfig, coalesce(aims, '')), 'C') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(aims, '')), 'C') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(what_changes, '')), 'C') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(what_changes, '')), 'C') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(who_affected, '')), 'C') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(who_affected, '')), 'C'))"
)

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX IF NOT EXISTS pipeline_search ON eia_pipelineitem USING gin ({ITEM_VECTOR})",
    f"CREATE INDEX IF NOT EXISTS full_search ON eia_fullassessment USING gin ({BODY_VECTOR})",
    "CREATE INDEX IF NOT EXISTS pipeline_reference_trgm ON eia_pipelineitem "
    "USING gin (upper(reference::text) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS directorate_name_trgm ON eia_directorate "
    "USING gin (upper(name::text) gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS pipeline_search",
    "DROP INDEX IF EXISTS full_search",
    "DROP INDEX IF EXISTS pipeline_reference_trgm",
    "DROP INDEX IF EXISTS directorate_name_trgm",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("eia", "0012_scale_indexes_and_fingerprints")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
