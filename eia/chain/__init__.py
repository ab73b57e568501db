"""The audit trail's proof of integrity, kept apart from `eia.audit.record()` which writes it.

- `eia/chain/seal.py`: the canonical form of an event and its keyed seal (HMAC-SHA256), the
  algorithm `docs/audit.md` documents for auditors.
- `eia/chain/keys.py`: the sealing keys, from the environment, rotatable by key id.
- `eia/chain/verify.py`: every chain in the database checked against its events, its anchor
  (`eia.models.AuditHead`) and the last digest; an exported trail checked from the file alone.
- `eia/chain/digests.py`: periodic digests over every chain's head (`manage.py audit_digest`).
- `eia/chain/export.py`: a trail as CSV and JSON with its hashes, streamed.
- `eia/chain/guard.py`: the database triggers' one exception, `manage.py flush`.
"""
