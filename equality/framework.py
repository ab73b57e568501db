"""The Equality Framework for Local Government: its five performance areas and three levels,
as in the seeds (Developing, Achieving, Excellent; assessed by peers)."""

from django.db import models


class Area(models.TextChoices):
    KNOWING = "knowing", "Knowing your community and equality mapping"
    LEADERSHIP = (
        "leadership",
        "Place shaping, leadership, partnership and organisational commitment",
    )
    ENGAGEMENT = "engagement", "Community engagement and satisfaction"
    SERVICES = "services", "Responsive services and customer care"
    WORKFORCE = "workforce", "A modern and diverse workforce"


class Level(models.TextChoices):
    DEVELOPING = "developing", "Developing"
    ACHIEVING = "achieving", "Achieving"
    EXCELLENT = "excellent", "Excellent"
