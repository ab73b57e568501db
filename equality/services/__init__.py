"""Every write to the organisation's equality duty, one module per concept: objectives,
the action plan, programmes. Keyword-only, the actor as `by=`, atomic, audited."""
