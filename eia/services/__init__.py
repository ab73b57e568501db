"""Every write to the record's content: one module per concept, one function per kind of edit.

Each function is keyword-only, takes the actor as `by=`, and runs in one transaction with the
assessment's row lock (eia.services.locking), the check that the actor may make the change, the
change itself and its audit event. The process layer (workflows) builds on these; nothing here
knows about tasks or stages beyond the record's own state.
"""
