"""Demo data for `manage.py seed_demo`, built through the real services: the organisations and
their pipelines (`organisations`), realistic assessments (`stories`), and which proposals the
demo takes to which stage (`assessments`). The tests build their fixtures from `stories` too."""
