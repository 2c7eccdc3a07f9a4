"""The one definition of every DynamoDB table: keys, GSIs, streams and TTL, in CloudFormation's shape.

`infra/template.py` puts these into the AWS template and `devtools/provision.py` creates them in
DynamoDB Local, so the two can never drift. Each index names the access pattern it serves;
the README's data model section is written from this file.
"""

from __future__ import annotations

from typing import Any


def _attrs(**types: str) -> list[dict[str, str]]:
    return [{"AttributeName": name, "AttributeType": kind} for name, kind in types.items()]


def _key(hash_key: str, range_key: str | None = None) -> list[dict[str, str]]:
    key = [{"AttributeName": hash_key, "KeyType": "HASH"}]
    if range_key:
        key.append({"AttributeName": range_key, "KeyType": "RANGE"})
    return key


def _gsi(name: str, hash_key: str, range_key: str | None = None, *, only: list[str] | None = None) -> dict[str, Any]:
    """An index projecting every attribute, or only the keys and ``only`` (``[]``: keys only)."""
    if only is None:
        projection: dict[str, Any] = {"ProjectionType": "ALL"}
    elif only:
        projection = {"ProjectionType": "INCLUDE", "NonKeyAttributes": only}
    else:
        projection = {"ProjectionType": "KEYS_ONLY"}
    return {"IndexName": name, "KeySchema": _key(hash_key, range_key), "Projection": projection}


#: What a recap shows of a report: all `by_satker_day` carries, so history and evidence stay out of bulk reads.
REPORT_LINE_ATTRIBUTES = ["nip", "day", "start_time", "end_time", "title", "description", "output", "status", "rating"]


TABLES: dict[str, dict[str, Any]] = {
    # Accounts. GetItem by NIP (sign-in, authorizer, every profile read).
    "employees": {
        "AttributeDefinitions": _attrs(nip="S", email="S", supervisor_nip="S", skpd_id="S", satker_nip="S"),
        "KeySchema": _key("nip"),
        "GlobalSecondaryIndexes": [
            # sign-in by e-mail (sparse: only accounts with an e-mail)
            _gsi("by_email", "email"),
            # a supervisor's direct subordinates; "has subordinates?" with Limit=1
            _gsi("by_supervisor", "supervisor_nip", "nip"),
            # an SKPD's employees, or one satker's with begins_with(satker_nip, "SATKER#")
            _gsi("by_skpd", "skpd_id", "satker_nip"),
        ],
        "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"},
    },
    # Organisation: an SKPD item (sk="#SKPD") and its satker items (sk="SATKER#<code>") share a partition.
    "org": {
        "AttributeDefinitions": _attrs(skpd_id="S", sk="S", kind="S"),
        "KeySchema": _key("skpd_id", "sk"),
        # all SKPD for the admin (sparse: only SKPD items carry `kind`)
        "GlobalSecondaryIndexes": [_gsi("by_kind", "kind", "skpd_id")],
    },
    # One item per employee-day: attendance from every source, plus the lock (report_rev), time slots
    # and status tally of that day's reports. GetItem (report rules, check-in); Query a month (calendar).
    "attendance": {
        "AttributeDefinitions": _attrs(nip="S", day="S", satker_key="S", satker_sort="S"),
        "KeySchema": _key("nip", "day"),
        "GlobalSecondaryIndexes": [
            # who attended in a satker on a date range, for recaps (satker_key = "<skpd>#<satker>",
            # satker_sort = "<date>#<nip>"); sparse, keys only: every write that records attendance
            # (sync, check-in) sets both, so an entry means "attended that day"
            _gsi("by_satker_day", "satker_key", "satker_sort", only=[]),
        ],
    },
    # Daily activity reports, history and evidence inside the item. GetItem by id.
    "reports": {
        "AttributeDefinitions": _attrs(
            report_id="S",
            owner_nip="S",
            owner_sort="S",
            pending_supervisor="S",
            pending_since="S",
            pending_shard="S",
            submitted_at="S",
            satker_key="S",
            satker_sort="S",
        ),
        "KeySchema": _key("report_id"),
        "GlobalSecondaryIndexes": [
            # an employee's reports newest first, by date range (owner_sort = "<date>#<start>#<id>");
            # withdrawn reports drop out (the key is removed)
            _gsi("by_owner", "owner_nip", "owner_sort"),
            # a supervisor's queue, oldest first (sparse: only SUBMITTED)
            _gsi("by_supervisor_pending", "pending_supervisor", "pending_since"),
            # overdue SUBMITTED reports by submission time, over 16 shards (sparse)
            _gsi("by_pending_shard", "pending_shard", "submitted_at"),
            # all reports of a satker in a date range, for recaps (satker_key = "<skpd>#<satker>",
            # satker_sort = "<date>#<nip>#<id>"); only what a recap shows is projected
            _gsi("by_satker_day", "satker_key", "satker_sort", only=REPORT_LINE_ATTRIBUTES),
        ],
        "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"},
    },
    # Report templates of an employee: Query by NIP, GetItem by (nip, template_id).
    "templates": {
        "AttributeDefinitions": _attrs(nip="S", template_id="S"),
        "KeySchema": _key("nip", "template_id"),
    },
    # Verification delegated by a supervisor: Query what one gave; by_delegate: what one holds now
    # (end_day >= today, start_day checked on the few results). Each supervisor's partition also holds a
    # guard item (delegation_id "#GUARD", a revision number, not in by_delegate) that every new delegation
    # bumps in its transaction, so two overlapping delegations written at once cannot both land.
    "delegations": {
        "AttributeDefinitions": _attrs(delegator_nip="S", delegation_id="S", delegate_nip="S", end_day="S"),
        "KeySchema": _key("delegator_nip", "delegation_id"),
        "GlobalSecondaryIndexes": [_gsi("by_delegate", "delegate_nip", "end_day")],
    },
    # A person's authority trail (delegations given/received/ended, cross-SKPD supervisors): Query one
    # person's events newest first. Written in the same transaction as the change it records.
    "audit": {
        "AttributeDefinitions": _attrs(nip="S", event_key="S"),
        "KeySchema": _key("nip", "event_key"),
    },
    # One item per supervisor: when their next digest is due and when the last went out.
    # by_due (sparse: only while a digest is due, 8 shards) serves the digest dispatcher.
    "digests": {
        "AttributeDefinitions": _attrs(supervisor_nip="S", due_shard="S", due_at="S"),
        "KeySchema": _key("supervisor_nip"),
        "GlobalSecondaryIndexes": [_gsi("by_due", "due_shard", "due_at")],
    },
    # E-mailed action links already used (single use), by the link's id. TTL after the link expires.
    "used_links": {
        "AttributeDefinitions": _attrs(jti="S"),
        "KeySchema": _key("jti"),
        "TimeToLiveSpecification": {"AttributeName": "expires_at", "Enabled": True},
    },
    # Reminder settings, one item per employee. by_slot (sparse: enabled only) lists who is due in a
    # UTC 5-minute slot: slot_key = "<HH:MM UTC>#<shard 0-3>", so the dispatcher reads only those.
    "reminders": {
        "AttributeDefinitions": _attrs(nip="S", slot_key="S"),
        "KeySchema": _key("nip"),
        "GlobalSecondaryIndexes": [_gsi("by_slot", "slot_key", "nip")],
    },
    # Dates the admin adds to or removes from the national holiday calendar: Query a year.
    "holiday_overrides": {
        "AttributeDefinitions": _attrs(year="S", day="S"),
        "KeySchema": _key("year", "day"),
    },
    # Export jobs (GetItem by id; the worker updates status). TTL removes old jobs with their files' life.
    "exports": {
        "AttributeDefinitions": _attrs(job_id="S"),
        "KeySchema": _key("job_id"),
        "TimeToLiveSpecification": {"AttributeName": "expires_at", "Enabled": True},
    },
    # Numbered series (complaint references per year, later leave letter numbers per SKPD and year):
    # an atomic ADD on the series' item gives the next number (UpdateItem, one item per series).
    "sequences": {
        "AttributeDefinitions": _attrs(series="S"),
        "KeySchema": _key("series"),
    },
    # Progress of scheduled jobs, e.g. the attendance sync cursor (GetItem/PutItem by name).
    "job_state": {
        "AttributeDefinitions": _attrs(name="S"),
        "KeySchema": _key("name"),
    },
    # WhatsApp outbox (the local/default provider): messages of a day newest first, or of one recipient.
    "outbox": {
        "AttributeDefinitions": _attrs(day="S", sent_key="S", recipient="S"),
        "KeySchema": _key("day", "sent_key"),
        "GlobalSecondaryIndexes": [_gsi("by_recipient", "recipient", "sent_key")],
        "TimeToLiveSpecification": {"AttributeName": "expires_at", "Enabled": True},
    },
    # Consecutive failed sign-ins per account or unknown username (GetItem / conditional update).
    "sign_in_guards": {
        "AttributeDefinitions": _attrs(guard_key="S"),
        "KeySchema": _key("guard_key"),
        "TimeToLiveSpecification": {"AttributeName": "expires_at", "Enabled": True},
    },
    # Powertools idempotency records of the stream/queue handlers (GetItem/PutItem by id).
    "idempotency": {
        "AttributeDefinitions": _attrs(id="S"),
        "KeySchema": _key("id"),
        "TimeToLiveSpecification": {"AttributeName": "expiration", "Enabled": True},
    },
}

#: Tables whose stream feeds a handler: logical name → the placeholder ARN the handler is registered with.
#: The AWS template swaps it for the table's real StreamArn; the local runner maps it to DynamoDB Local's.
STREAM_ARN_PREFIX = "arn:aws:dynamodb:local:000000000000:table/"


def stream_placeholder(logical_name: str) -> str:
    """Placeholder stream ARN naming the table (Chalice needs an ARN at import time)."""
    if "StreamSpecification" not in TABLES[logical_name]:
        raise ValueError(f"table {logical_name} has no stream")
    return f"{STREAM_ARN_PREFIX}{logical_name}/stream/placeholder"


def table_of_placeholder(arn: str) -> str:
    """The logical table name inside a placeholder stream ARN."""
    return arn[len(STREAM_ARN_PREFIX) :].split("/", 1)[0]
