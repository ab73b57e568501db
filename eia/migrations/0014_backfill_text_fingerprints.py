"""Fingerprint the long answers already recorded (eia/models/fingerprints.py), so the copied
text check sees records written before fingerprints existed."""

import hashlib

from django.db import migrations

MIN_CHARS = 80
CHECKED = {
    "impact": (
        "who_affected",
        "aim_eliminate",
        "aim_advance",
        "aim_foster",
        "residual",
        "justification",
        "intersecting",
    ),
    "fullassessment": (
        "aims",
        "who_affected",
        "what_changes",
        "justification",
        "changes_made",
        "cumulative_impact",
    ),
    "engagement": ("what_said", "what_changed"),
    "evidenceitem": ("shows",),
}


def backfill(apps, schema_editor):
    Fingerprint = apps.get_model("eia", "TextFingerprint")
    batch = []
    for model_name, fields in CHECKED.items():
        model = apps.get_model("eia", model_name)
        rows = model.objects.values_list(
            "assessment_id",
            "assessment__organisation_id",
            "assessment__pipeline_item_id",
            *fields,
        )
        for assessment_id, organisation_id, item_id, *texts in rows.iterator(chunk_size=2000):
            for field, text in zip(fields, texts, strict=True):
                if text and len(text.strip()) >= MIN_CHARS:
                    batch.append(
                        Fingerprint(
                            organisation_id=organisation_id,
                            pipeline_item_id=item_id,
                            assessment_id=assessment_id,
                            field=f"{model_name}.{field}",
                            digest=hashlib.sha256(text.encode()).hexdigest(),
                        )
                    )
            if len(batch) >= 2000:
                Fingerprint.objects.bulk_create(batch)
                batch = []
    Fingerprint.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [("eia", "0013_register_search_indexes")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
