"""The seal is exactly what docs/audit.md says, so an auditor's own code gets the same hashes."""

import datetime
import hashlib
import hmac
import json

from eia.chain import seal
from eia.events import EventType

EVENT = {
    "organisation": 7,
    "assessment": 42,
    "sequence": 3,
    "occurred_at": datetime.datetime(2026, 3, 1, 9, 30, tzinfo=datetime.UTC),
    "actor": None,
    "actor_name": "Siân Ŵyn",
    "actor_roles": "Equality officer",
    "event_type": EventType.COMMENT_ADDED.value,
    "from_state": "",
    "to_state": "",
    "comment": "=1+1",
    "details": {"z": [1, {"b": 2, "a": 1}], "a": "é"},
    "previous_hash": "0" * 64,
    "key_id": "2026a",
}


def test_the_payload_is_sorted_compact_utf8_json_with_a_utc_microsecond_timestamp():
    data = seal.payload(**EVENT)
    text = data.decode("utf-8")
    assert text.startswith('{"actor":null,"actor_name":"Siân Ŵyn","actor_roles":')
    assert '"details":{"a":"é","z":[1,{"a":1,"b":2}]}' in text
    assert '"occurred_at":"2026-03-01T09:30:00.000000+00:00"' in text
    assert text.endswith('"to_state":"","v":2}')
    assert " " not in text.replace("Siân Ŵyn", "").replace("Equality officer", "")


def test_an_independent_implementation_of_the_documented_algorithm_agrees():
    values = dict(EVENT, occurred_at="2026-03-01T09:30:00.000000+00:00", v=2)
    documented = json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    key = b"an auditor's copy of the key"
    assert (
        seal.content_hash(seal.payload(**EVENT)) == hashlib.sha256(documented.encode()).hexdigest()
    )
    expected = hmac.new(key, documented.encode(), hashlib.sha256).hexdigest()
    assert seal.sign(seal.payload(**EVENT), key) == expected
    assert seal.matches(seal.payload(**EVENT), key, expected)


def test_every_meaningful_column_changes_the_seal():
    key = b"k"
    original = seal.sign(seal.payload(**EVENT), key)
    changes = {
        "organisation": 8,
        "assessment": 43,
        "sequence": 4,
        "occurred_at": EVENT["occurred_at"] + datetime.timedelta(microseconds=1),
        "actor": 1,
        "actor_name": "Someone",
        "actor_roles": "",
        "event_type": EventType.SIGNED_OFF.value,
        "from_state": "x",
        "to_state": "y",
        "comment": "=1+2",
        "details": {},
        "previous_hash": "1" * 64,
        "key_id": "2025b",
    }
    assert set(changes) == set(seal.FIELDS)
    for name, value in changes.items():
        assert seal.sign(seal.payload(**dict(EVENT, **{name: value})), key) != original, name
    assert seal.sign(seal.payload(**EVENT), b"another key") != original
