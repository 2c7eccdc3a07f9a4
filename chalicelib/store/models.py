"""PynamoDB item classes — storage shapes only; domain classes live in `chalicelib.domain`.

Every index is built from `schema.py` (`_index`), the one definition of keys and indexes; a unit test
checks that each model's keys match it too.

Table names and endpoints are bound lazily by `bind_models()` from the settings, never at import.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)
from pynamodb.indexes import (
    AllProjection,
    GlobalSecondaryIndex,
    IncludeProjection,
    KeysOnlyProjection,
    Projection,
)
from pynamodb.models import Model

from ..config import Settings
from .schema import TABLES

#: see `_Meta`; `transaction_connection()` uses them too
CONNECT_TIMEOUT_SECONDS, READ_TIMEOUT_SECONDS, MAX_RETRY_ATTEMPTS = 2, 5, 1
#: connections kept per client: at least the threads that use one client at once (a reminder page's
#: `services.reminders.SEND_WORKERS` sends), else they queue for a connection (botocore's default is 10)
MAX_POOL_CONNECTIONS = 50


class _Meta:
    """What every model shares. The timeouts bound how long a request waits on a stalled or unreachable
    DynamoDB: at most 2 attempts (one retry) of 2 s to connect and 5 s to read — about 11 s with botocore's
    back-off for the call that meets the stall, which then ends the request with 503 — well inside API
    Gateway's 29 s (the API functions' own limit is 30 s). DynamoDB answers in milliseconds; a read that
    has waited 5 s is a stall, not a slow page. (PynamoDB's defaults, 15 s and 30 s with 3 retries, would
    wait two minutes. The export worker reads through its own client, `integrations.aws.bulk_dynamodb`.)
    """

    table_name = ""
    region = "ap-southeast-3"
    host: str | None = None
    connect_timeout_seconds = CONNECT_TIMEOUT_SECONDS
    read_timeout_seconds = READ_TIMEOUT_SECONDS
    max_retry_attempts = MAX_RETRY_ATTEMPTS
    max_pool_connections = MAX_POOL_CONNECTIONS


_KEY_ATTRIBUTES = {"S": UnicodeAttribute, "N": NumberAttribute}


def _projection(spec: dict[str, Any]) -> Projection:
    kind = spec["ProjectionType"]
    if kind == "INCLUDE":
        return IncludeProjection(list(spec["NonKeyAttributes"]))
    return KeysOnlyProjection() if kind == "KEYS_ONLY" else AllProjection()


def _index(table: str, name: str) -> GlobalSecondaryIndex:
    """The GSI ``name`` of ``table`` built from `schema.TABLES` (keys, their types, projection): one definition."""
    definition = TABLES[table]
    spec = next(i for i in definition["GlobalSecondaryIndexes"] if i["IndexName"] == name)
    types = {a["AttributeName"]: a["AttributeType"] for a in definition["AttributeDefinitions"]}
    body: dict[str, Any] = {
        "Meta": type("Meta", (), {"index_name": name, "projection": _projection(spec["Projection"])})
    }
    for key in spec["KeySchema"]:
        attribute = _KEY_ATTRIBUTES[types[key["AttributeName"]]]
        body[key["AttributeName"]] = attribute(hash_key=key["KeyType"] == "HASH", range_key=key["KeyType"] == "RANGE")
    return type(f"_{name}", (GlobalSecondaryIndex,), body)()


class EmployeeItem(Model):
    class Meta(_Meta):
        logical_name = "employees"

    nip = UnicodeAttribute(hash_key=True)
    name = UnicodeAttribute()
    jabatan = UnicodeAttribute()
    skpd_id = UnicodeAttribute()
    satker_id = UnicodeAttribute()
    satker_nip = UnicodeAttribute()
    supervisor_nip = UnicodeAttribute(null=True)
    #: the SKPD while no supervisor is set (the sparse key of `by_skpd_unassigned`), else absent
    unassigned_skpd = UnicodeAttribute(null=True)
    whatsapp = UnicodeAttribute()
    email = UnicodeAttribute(null=True)
    timezone = UnicodeAttribute()
    roles = UnicodeSetAttribute(null=True)
    password_hash = UnicodeAttribute()
    must_change_password = BooleanAttribute(default=True)
    token_version = NumberAttribute(default=0)
    #: sealed temporary password waiting for the stream handler to deliver it (then removed)
    credential_notice = UnicodeAttribute(null=True)
    credential_notice_id = UnicodeAttribute(null=True)
    employment_status = UnicodeAttribute(null=True)  # PNS | CPNS | PPPK
    tmt = UnicodeAttribute(null=True)  # YYYY-MM-DD, start of continuous service
    #: the authenticator app: confirmed and pending TOTP secrets (sealed), sha256 of unused recovery codes, and
    #: the last TOTP step accepted (a step is never accepted twice)
    totp_secret = UnicodeAttribute(null=True)
    totp_pending = UnicodeAttribute(null=True)
    recovery_codes = UnicodeSetAttribute(null=True)
    totp_last_step = NumberAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()
    version = VersionAttribute()

    by_email = _index("employees", "by_email")
    by_supervisor = _index("employees", "by_supervisor")
    by_skpd = _index("employees", "by_skpd")
    by_skpd_unassigned = _index("employees", "by_skpd_unassigned")


class OrgItem(Model):
    class Meta(_Meta):
        logical_name = "org"

    skpd_id = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    kind = UnicodeAttribute(null=True)
    #: an SKPD's or satker's (a working-hours item has none)
    name = UnicodeAttribute(null=True)
    city = UnicodeAttribute(null=True)
    rhk_required = BooleanAttribute(null=True)
    timezone = UnicodeAttribute()
    office_latitude = NumberAttribute(null=True)
    office_longitude = NumberAttribute(null=True)
    office_radius_m = NumberAttribute(null=True)
    #: a working-hours item's schedule (``sk`` = "HOURS" or "HOURS#<satker>", `store/working_hours.py`)
    work_schedule = JSONAttribute(null=True)
    #: an SKPD's discipline rules (``sk`` = "RULES", `store/discipline_rules.py`)
    discipline_rules = JSONAttribute(null=True)
    #: an SKPD's check-in rules (``sk`` = "CHECKIN", `store/checkin_rules.py`)
    checkin_rules = JSONAttribute(null=True)
    version = VersionAttribute()

    by_kind = _index("org", "by_kind")


class OutboxItem(Model):
    class Meta(_Meta):
        logical_name = "outbox"

    day = UnicodeAttribute(hash_key=True)
    sent_key = UnicodeAttribute(range_key=True)
    recipient = UnicodeAttribute()
    text = UnicodeAttribute()
    sent_at = UTCDateTimeAttribute()
    expires_at = NumberAttribute()

    by_recipient = _index("outbox", "by_recipient")


class SignInGuardItem(Model):
    class Meta(_Meta):
        logical_name = "sign_in_guards"

    guard_key = UnicodeAttribute(hash_key=True)
    failures = NumberAttribute(default=0)
    last_attempt = UTCDateTimeAttribute()
    expires_at = NumberAttribute()
    # one-time code items ("CODE#…", `store/one_time_codes.py`): the live code's keyed hash and its window
    code_id = UnicodeAttribute(null=True)
    purpose = UnicodeAttribute(null=True)
    code_hash = UnicodeAttribute(null=True)
    issued_at = UTCDateTimeAttribute(null=True)
    window_start = UTCDateTimeAttribute(null=True)
    window_count = NumberAttribute(null=True)
    tries = NumberAttribute(null=True)
    used_at = UTCDateTimeAttribute(null=True)
    undelivered = UnicodeAttribute(null=True)
    # rate-limit counters ("RATE#…", `store/rate_limits.py`): hits in the window the key names
    hits = NumberAttribute(null=True)


class AttendanceItem(Model):
    class Meta(_Meta):
        logical_name = "attendance"

    nip = UnicodeAttribute(hash_key=True)
    day = UnicodeAttribute(range_key=True)
    sync_in = UnicodeAttribute(null=True)
    sync_out = UnicodeAttribute(null=True)
    native_in = UnicodeAttribute(null=True)
    native_out = UnicodeAttribute(null=True)
    native_in_distance_m = NumberAttribute(null=True)
    native_out_distance_m = NumberAttribute(null=True)
    #: where the native check-in / check-out was made: {"lat", "lon", "at" (UTC), "accuracy_m"} (issue 20)
    native_in_fix = JSONAttribute(null=True)
    native_out_fix = JSONAttribute(null=True)
    #: the selfie's object key each native session was checked in with (issue 20; the flag, if any, has it too)
    native_in_selfie = UnicodeAttribute(null=True)
    native_out_selfie = UnicodeAttribute(null=True)
    #: set when HR rejected that native session (with its removal): the app never checks it in again
    native_in_rejected = BooleanAttribute(null=True)
    native_out_rejected = BooleanAttribute(null=True)
    complaint_sessions = UnicodeSetAttribute(null=True)
    #: the complaint (id) that claims the morning / afternoon session of this day (see store/complaints.py)
    complaint_pagi_id = UnicodeAttribute(null=True)
    complaint_sore_id = UnicodeAttribute(null=True)
    #: report id → "HH:MM-HH:MM" of the day's live reports
    report_slots = MapAttribute(null=True)
    report_rev = NumberAttribute(null=True)
    count_submitted = NumberAttribute(null=True)
    count_approved = NumberAttribute(null=True)
    count_rejected = NumberAttribute(null=True)
    #: of ``count_approved``, those the auto-approval sweep approved (an approved report never changes again)
    count_auto = NumberAttribute(null=True)
    #: keys of the sparse `by_satker_day` index, set by every write that records attendance
    #: (read in bulk by `store.exports`, not through PynamoDB)
    satker_key = UnicodeAttribute(null=True)
    satker_sort = UnicodeAttribute(null=True)

    by_satker_day = _index("attendance", "by_satker_day")


class ReportItem(Model):
    class Meta(_Meta):
        logical_name = "reports"

    report_id = UnicodeAttribute(hash_key=True)
    nip = UnicodeAttribute()
    skpd_id = UnicodeAttribute()
    satker_id = UnicodeAttribute()
    supervisor_nip = UnicodeAttribute(null=True)
    day = UnicodeAttribute()
    start_time = UnicodeAttribute()
    end_time = UnicodeAttribute()
    title = UnicodeAttribute()
    description = UnicodeAttribute()
    output = UnicodeAttribute()
    search_text = UnicodeAttribute()
    status = UnicodeAttribute()
    template_id = UnicodeAttribute(null=True)
    rhk_id = UnicodeAttribute(null=True)
    submitted_at = UnicodeAttribute()
    decided_by = UnicodeAttribute(null=True)
    decided_for = UnicodeAttribute(null=True)
    decided_at = UnicodeAttribute(null=True)
    rating = NumberAttribute(null=True)
    note = UnicodeAttribute(null=True)
    copied_from = UnicodeAttribute(null=True)
    evidence = JSONAttribute(null=True)
    history = JSONAttribute(null=True)
    hints = JSONAttribute(null=True)  # the report coach's codes (a JSON list), projected into by_satker_day
    # index keys, present only while the report belongs in that index
    owner_nip = UnicodeAttribute(null=True)
    owner_sort = UnicodeAttribute(null=True)
    pending_supervisor = UnicodeAttribute(null=True)
    pending_since = UnicodeAttribute(null=True)
    pending_shard = UnicodeAttribute(null=True)
    satker_key = UnicodeAttribute(null=True)
    satker_sort = UnicodeAttribute(null=True)
    ekinerja_pending = UnicodeAttribute(null=True)  # "E#<n>" while approved and not yet handed on (e-Kinerja)
    ekinerja_due = UnicodeAttribute(null=True)  # its next attempt: the decision, then each failure's retry time
    version = VersionAttribute()

    by_owner = _index("reports", "by_owner")
    by_supervisor_pending = _index("reports", "by_supervisor_pending")
    by_pending_shard = _index("reports", "by_pending_shard")
    by_satker_day = _index("reports", "by_satker_day")  # read in bulk by `store.exports`
    by_ekinerja_due = _index("reports", "by_ekinerja_due")


class TemplateItem(Model):
    class Meta(_Meta):
        logical_name = "templates"

    nip = UnicodeAttribute(hash_key=True)
    template_id = UnicodeAttribute(range_key=True)
    name = UnicodeAttribute()
    title = UnicodeAttribute()
    description = UnicodeAttribute()
    output = UnicodeAttribute()
    duration_minutes = NumberAttribute()
    rhk_id = UnicodeAttribute(null=True)
    version = VersionAttribute()


class RecordItem(Model):
    class Meta(_Meta):
        logical_name = "records"

    record_id = UnicodeAttribute(hash_key=True)
    nip = UnicodeAttribute()
    skpd_id = UnicodeAttribute()
    satker_id = UnicodeAttribute()
    kind = UnicodeAttribute()
    status = UnicodeAttribute()
    details = JSONAttribute()
    document = JSONAttribute(null=True)
    created_at = UnicodeAttribute()
    submitted_at = UnicodeAttribute()
    declared_at = UnicodeAttribute()
    decided_by = UnicodeAttribute(null=True)
    decided_at = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    history = JSONAttribute(null=True)
    # index keys, present only while the record is listed (not withdrawn)
    owner_nip = UnicodeAttribute(null=True)
    owner_sort = UnicodeAttribute(null=True)
    queue_all = UnicodeAttribute(null=True)
    queue_skpd = UnicodeAttribute(null=True)
    queue_satker = UnicodeAttribute(null=True)
    queue_sort = UnicodeAttribute(null=True)
    version = VersionAttribute()

    by_owner = _index("records", "by_owner")
    by_all_queue = _index("records", "by_all_queue")
    by_skpd_queue = _index("records", "by_skpd_queue")
    by_satker_queue = _index("records", "by_satker_queue")


class DelegationItem(Model):
    class Meta(_Meta):
        logical_name = "delegations"

    delegator_nip = UnicodeAttribute(hash_key=True)
    delegation_id = UnicodeAttribute(range_key=True)
    delegate_nip = UnicodeAttribute()
    start_day = UnicodeAttribute()
    end_day = UnicodeAttribute()
    reason = UnicodeAttribute(null=True)
    created_by = UnicodeAttribute(null=True)
    revision = NumberAttribute(null=True)  # only on the supervisor's guard item (see store/delegations.py)

    by_delegate = _index("delegations", "by_delegate")


class AuditItem(Model):
    class Meta(_Meta):
        logical_name = "audit"

    nip = UnicodeAttribute(hash_key=True)
    event_key = UnicodeAttribute(range_key=True)  # <ISO time>#<event id>
    kind = UnicodeAttribute()
    by = UnicodeAttribute()
    details = JSONAttribute(null=True)


class DigestItem(Model):
    class Meta(_Meta):
        logical_name = "digests"

    supervisor_nip = UnicodeAttribute(hash_key=True)
    due_shard = UnicodeAttribute(null=True)
    due_at = UnicodeAttribute(null=True)
    last_sent_at = UnicodeAttribute(null=True)
    #: the count of arrivals when the digest became due (in `by_due`; items from before ``arrivals`` count here)
    generation = NumberAttribute(default=0)
    #: bumped by every new submission, so a sender never clears a digest that became due again; not indexed, so
    #: a submission to a digest already due writes no index row
    arrivals = NumberAttribute(null=True)

    by_due = _index("digests", "by_due")


class WhatsAppChatItem(Model):
    """The WhatsApp bot's conversation of one citizen with one SKPD (`store/chat_states.py`)."""

    class Meta(_Meta):
        logical_name = "whatsapp_chats"

    chat_key = UnicodeAttribute(hash_key=True)
    state = UnicodeAttribute()  # `domain.ptsp.bot.ChatState` as JSON
    expires_at = NumberAttribute()


class UsedLinkItem(Model):
    class Meta(_Meta):
        logical_name = "used_links"

    jti = UnicodeAttribute(hash_key=True)
    used_at = UnicodeAttribute()
    expires_at = NumberAttribute()


class ReminderItem(Model):
    class Meta(_Meta):
        logical_name = "reminders"

    nip = UnicodeAttribute(hash_key=True)
    enabled = BooleanAttribute()
    frequency = UnicodeAttribute()
    at = UnicodeAttribute()
    timezone = UnicodeAttribute()
    weekday = NumberAttribute(null=True)
    day_of_month = NumberAttribute(null=True)
    slot_key = UnicodeAttribute(null=True)
    last_sent_day = UnicodeAttribute(null=True)

    by_slot = _index("reminders", "by_slot")


class HolidayOverrideItem(Model):
    class Meta(_Meta):
        logical_name = "holiday_overrides"

    year = UnicodeAttribute(hash_key=True)
    day = UnicodeAttribute(range_key=True)
    #: the holiday's name when added; absent when the admin removed a national holiday
    name = UnicodeAttribute(null=True)


class ExportJobItem(Model):
    class Meta(_Meta):
        logical_name = "exports"

    job_id = UnicodeAttribute(hash_key=True)
    owner_nip = UnicodeAttribute()
    status = UnicodeAttribute()
    request = JSONAttribute()
    file_key = UnicodeAttribute(null=True)
    file_name = UnicodeAttribute(null=True)
    error = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    finished_at = UnicodeAttribute(null=True)
    expires_at = NumberAttribute()


class JobStateItem(Model):
    class Meta(_Meta):
        logical_name = "job_state"

    name = UnicodeAttribute(hash_key=True)
    cursor = UnicodeAttribute(null=True)
    updated_at = UTCDateTimeAttribute()


class ComplaintItem(Model):
    class Meta(_Meta):
        logical_name = "complaints"

    complaint_id = UnicodeAttribute(hash_key=True)
    reference = UnicodeAttribute()
    nip = UnicodeAttribute()
    skpd_id = UnicodeAttribute()
    satker_id = UnicodeAttribute()
    kind = UnicodeAttribute()
    day = UnicodeAttribute()
    session = UnicodeAttribute()
    reason = UnicodeAttribute()
    letter = JSONAttribute()
    status = UnicodeAttribute()
    submitted_at = UnicodeAttribute()
    decided_by = UnicodeAttribute(null=True)
    decided_at = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    history = JSONAttribute(null=True)
    owner_sort = UnicodeAttribute()
    skpd_status = UnicodeAttribute()
    queue_sort = UnicodeAttribute()
    version = VersionAttribute()

    by_owner = _index("complaints", "by_owner")
    by_skpd_status = _index("complaints", "by_skpd_status")
    by_status = _index("complaints", "by_status")


class SequenceItem(Model):
    class Meta(_Meta):
        logical_name = "sequences"

    series = UnicodeAttribute(hash_key=True)
    value = NumberAttribute(default=0)


class ArchiveCategoryItem(Model):
    class Meta(_Meta):
        logical_name = "archive_categories"

    catalog = UnicodeAttribute(hash_key=True)
    code = UnicodeAttribute(range_key=True)
    name = UnicodeAttribute()
    group = UnicodeAttribute()
    applies_to = UnicodeAttribute()
    files = UnicodeAttribute()
    max_kb = NumberAttribute()
    description = UnicodeAttribute(null=True)
    order = NumberAttribute(default=0)
    active = BooleanAttribute(default=True)
    version = VersionAttribute()


class ArchiveDocumentItem(Model):
    class Meta(_Meta):
        logical_name = "archive_documents"

    nip = UnicodeAttribute(hash_key=True)
    category = UnicodeAttribute(range_key=True)
    status = UnicodeAttribute()
    file_key = UnicodeAttribute()
    filename = UnicodeAttribute()
    content_type = UnicodeAttribute()
    size = NumberAttribute()
    uploaded_at = UnicodeAttribute()
    skpd_id = UnicodeAttribute()
    satker_id = UnicodeAttribute()
    decided_by = UnicodeAttribute(null=True)
    decided_at = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    history = JSONAttribute(null=True)
    queue_status = UnicodeAttribute()
    queue_sort = UnicodeAttribute()
    version = VersionAttribute()

    by_queue = _index("archive_documents", "by_queue")


class ArchiveProfileItem(Model):
    class Meta(_Meta):
        logical_name = "archive_profiles"

    nip = UnicodeAttribute(hash_key=True)
    conditions = UnicodeSetAttribute(null=True)
    #: category codes by the state of the employee's document (updated with each document write)
    submitted = UnicodeSetAttribute(null=True)
    approved = UnicodeSetAttribute(null=True)
    rejected = UnicodeSetAttribute(null=True)


class LeaveItem(Model):
    class Meta(_Meta):
        logical_name = "leaves"

    leave_id = UnicodeAttribute(hash_key=True)
    nip = UnicodeAttribute()
    skpd_id = UnicodeAttribute()
    satker_id = UnicodeAttribute()
    leave_type = UnicodeAttribute()
    reason = UnicodeAttribute()
    start_day = UnicodeAttribute()
    end_day = UnicodeAttribute()
    working_days = NumberAttribute()
    address = UnicodeAttribute()
    phone = UnicodeAttribute()
    child_order = NumberAttribute(null=True)
    attachment = JSONAttribute(null=True)
    supervisor_nip = UnicodeAttribute()
    official_nip = UnicodeAttribute()
    status = UnicodeAttribute()
    applied_at = UnicodeAttribute()
    consideration = JSONAttribute(null=True)
    decision = JSONAttribute(null=True)
    letter_number = UnicodeAttribute(null=True)
    letter_seq = NumberAttribute(null=True)
    numbered_at = UnicodeAttribute(null=True)
    numbered_by = UnicodeAttribute(null=True)
    cancelled_by = UnicodeAttribute(null=True)
    cancel_reason = UnicodeAttribute(null=True)
    balance = JSONAttribute(null=True)
    history = JSONAttribute(null=True)
    # index keys, present only while the request belongs in that index
    owner_sort = UnicodeAttribute()
    waiting_nip = UnicodeAttribute(null=True)
    waiting_sort = UnicodeAttribute(null=True)
    numbering_skpd = UnicodeAttribute(null=True)
    numbering_sort = UnicodeAttribute(null=True)
    skpd_sort = UnicodeAttribute()
    version = VersionAttribute()

    by_owner = _index("leaves", "by_owner")
    by_waiting = _index("leaves", "by_waiting")
    by_numbering = _index("leaves", "by_numbering")
    by_skpd = _index("leaves", "by_skpd")


class LeaveDaysItem(Model):
    class Meta(_Meta):
        logical_name = "leave_days"

    nip = UnicodeAttribute(hash_key=True)
    #: day (YYYY-MM-DD) -> leave id, for every day a pending or approved leave holds
    days = MapAttribute(null=True)
    #: leave id -> "<TYPE>#<STATUS>" of those leaves
    leaves = MapAttribute(null=True)
    #: year -> days left of that year's own annual leave, for the years before leave was recorded here (HR)
    opening = MapAttribute(null=True)
    revision = NumberAttribute(default=0)
    #: year -> cuti bersama days the employee worked by duty (HR), added to that year's annual leave
    bersama_worked = MapAttribute(null=True)


class LeaveSettingsItem(Model):
    class Meta(_Meta):
        logical_name = "leave_settings"

    skpd_id = UnicodeAttribute(hash_key=True)
    official_nip = UnicodeAttribute(null=True)
    number_format = UnicodeAttribute(null=True)
    version = VersionAttribute()


class SkpItem(Model):
    """An SKP's head (``item`` = "SKP"), one of its approved versions (``item`` = "V#<nnnnn>") or a quarter's
    assessment (``item`` = "Q#<q>")."""

    class Meta(_Meta):
        logical_name = "skp"

    skp_id = UnicodeAttribute(hash_key=True)
    item = UnicodeAttribute(range_key=True)
    nip = UnicodeAttribute()
    year = NumberAttribute()
    skpd_id = UnicodeAttribute(null=True)
    satker_id = UnicodeAttribute(null=True)
    status = UnicodeAttribute(null=True)
    targets = JSONAttribute(null=True)
    approved_targets = JSONAttribute(null=True)
    approved_version = NumberAttribute(default=0)
    penilai_nip = UnicodeAttribute(null=True)
    submitted_at = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    history = JSONAttribute(null=True)
    # a version's own fields
    approved_at = UnicodeAttribute(null=True)
    approved_by = UnicodeAttribute(null=True)
    # a quarter's assessment (``item`` = "Q#<q>"): the penilai's ratings, realisations, notes and times
    assessment = JSONAttribute(null=True)
    # the queue's keys, present only while SUBMITTED
    pending_penilai = UnicodeAttribute(null=True)
    pending_sort = UnicodeAttribute(null=True)
    # a quarter's assessment only: the keys of `by_skpd_predicate` and the copies it projects (the ratings and the
    # predicate are also in ``assessment``; these keep the SKPD's bulk read small)
    pred_skpd = UnicodeAttribute(null=True)
    pred_sort = UnicodeAttribute(null=True)
    results = UnicodeAttribute(null=True)
    behaviour = UnicodeAttribute(null=True)
    predicate = UnicodeAttribute(null=True)
    acknowledged_at = UnicodeAttribute(null=True)
    version = VersionAttribute()

    by_penilai_pending = _index("skp", "by_penilai_pending")
    by_skpd_predicate = _index("skp", "by_skpd_predicate")


class PermissionItem(Model):
    """A permission request (izin) in its employee's partition (``sk`` = "<date>#<token>")."""

    class Meta(_Meta):
        logical_name = "permissions"

    nip = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    permission_id = UnicodeAttribute()
    reference = UnicodeAttribute()
    skpd_id = UnicodeAttribute()
    satker_id = UnicodeAttribute()
    kind = UnicodeAttribute()
    day = UnicodeAttribute()
    start = UnicodeAttribute(null=True)
    end = UnicodeAttribute(null=True)
    reason = UnicodeAttribute()
    status = UnicodeAttribute()
    submitted_at = UnicodeAttribute()
    supervisor_nip = UnicodeAttribute(null=True)
    decided_by = UnicodeAttribute(null=True)
    decided_at = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    history = JSONAttribute(null=True)
    # the queue's keys, present only while SUBMITTED
    pending_supervisor = UnicodeAttribute(null=True)
    pending_sort = UnicodeAttribute(null=True)
    version = VersionAttribute()

    by_supervisor_pending = _index("permissions", "by_supervisor_pending")


class DeviceItem(Model):
    """A check-in device (a registered WebCrypto public key) in its employee's partition (`store/devices.py`)."""

    class Meta(_Meta):
        logical_name = "devices"

    nip = UnicodeAttribute(hash_key=True)
    device_id = UnicodeAttribute(range_key=True)
    skpd_id = UnicodeAttribute()
    satker_id = UnicodeAttribute(null=True)
    label = UnicodeAttribute()
    public_key = JSONAttribute()
    thumbprint = UnicodeAttribute()
    status = UnicodeAttribute()
    registered_at = UnicodeAttribute()
    activated_at = UnicodeAttribute(null=True)
    retired_at = UnicodeAttribute(null=True)
    last_used_at = UnicodeAttribute(null=True)
    decided_by = UnicodeAttribute(null=True)
    decided_at = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    history = JSONAttribute(null=True)
    # HR's queue keys, present only while PENDING
    pending_skpd = UnicodeAttribute(null=True)
    pending_all = UnicodeAttribute(null=True)
    pending_sort = UnicodeAttribute(null=True)
    version = VersionAttribute()

    by_skpd_pending = _index("devices", "by_skpd_pending")
    by_pending = _index("devices", "by_pending")


class CitizenRequestItem(Model):
    """A tracked citizen request across two offices, keyed by its tracking number (`store/citizen_requests.py`)."""

    class Meta(_Meta):
        logical_name = "citizen_requests"

    tracking = UnicodeAttribute(hash_key=True)
    origin_skpd = UnicodeAttribute()
    target_skpd = UnicodeAttribute()
    citizen_name = UnicodeAttribute()
    whatsapp = UnicodeAttribute(null=True)
    email = UnicodeAttribute(null=True)
    case_number = UnicodeAttribute()
    updates = JSONAttribute()
    description = UnicodeAttribute(null=True)
    document_ref = UnicodeAttribute(null=True)
    state = UnicodeAttribute()
    created_by = UnicodeAttribute()
    created_at = UnicodeAttribute()
    ready_at = UnicodeAttribute(null=True)
    steps = JSONAttribute()
    origin_sort = UnicodeAttribute()
    # the second office's keys, present once it was first marked ready
    target_key = UnicodeAttribute(null=True)
    target_sort = UnicodeAttribute(null=True)
    version = VersionAttribute()

    by_origin = _index("citizen_requests", "by_origin")
    by_target = _index("citizen_requests", "by_target")


class CheckInFlagItem(Model):
    """A flagged native check-in in its employee's partition (``sk`` = "<date>#<session>")."""

    class Meta(_Meta):
        logical_name = "checkin_flags"

    nip = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    skpd_id = UnicodeAttribute()
    satker_id = UnicodeAttribute()
    day = UnicodeAttribute()
    session = UnicodeAttribute()
    at = UnicodeAttribute()
    reasons = JSONAttribute()
    status = UnicodeAttribute()
    distance_m = NumberAttribute(null=True)
    accuracy_m = NumberAttribute(null=True)
    travel = JSONAttribute(null=True)
    selfie_key = UnicodeAttribute(null=True)
    decided_by = UnicodeAttribute(null=True)
    decided_at = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    history = JSONAttribute(null=True)
    # the HR queue's keys, present only while FLAGGED
    pending_skpd = UnicodeAttribute(null=True)
    pending_all = UnicodeAttribute(null=True)
    pending_sort = UnicodeAttribute(null=True)
    version = VersionAttribute()

    by_skpd_pending = _index("checkin_flags", "by_skpd_pending")
    by_pending = _index("checkin_flags", "by_pending")


class ClosedMonthItem(Model):
    """A closed satker month's head (``sk`` = "HEAD"), one frozen row ("ROW#<nip>") or one correction
    ("FIX#<nnnnn>"); see `store/closed_months.py`."""

    class Meta(_Meta):
        logical_name = "closed_months"

    month_key = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    # the head
    state = UnicodeAttribute(null=True)  # CLOSING, then CLOSED
    token = UnicodeAttribute(null=True)  # the closing's own: its rows carry it, so a retaken closing's are told apart
    closed_by = UnicodeAttribute(null=True)
    started_at = UnicodeAttribute(null=True)
    closed_at = UnicodeAttribute(null=True)
    revision = NumberAttribute(null=True)  # 1 once CLOSED, one more per correction (conditions written by hand)
    rows = NumberAttribute(null=True)
    # a row
    nip = UnicodeAttribute(null=True)
    name = UnicodeAttribute(null=True)
    jabatan = UnicodeAttribute(null=True)
    figures = JSONAttribute(null=True)
    # a correction
    correction = JSONAttribute(null=True)


class EkinerjaHandoffItem(Model):
    """One approved report's handoff to e-Kinerja (`domain.ekinerja.Handoff`)."""

    class Meta(_Meta):
        logical_name = "ekinerja_handoffs"

    report_id = UnicodeAttribute(hash_key=True)
    nip = UnicodeAttribute()
    state = UnicodeAttribute()
    attempts = NumberAttribute(default=0)
    last_error = UnicodeAttribute(null=True)
    sent_at = UnicodeAttribute(null=True)
    external_id = UnicodeAttribute(null=True)
    next_attempt_at = UnicodeAttribute(null=True)
    claimed_until = UnicodeAttribute(null=True)
    claim = UnicodeAttribute(null=True)  # the claiming run's token: only it settles the attempt


class PtspItem(Model):
    """A PTSP catalogue type ("CAT#<skpd>" / "TYPE#<id>") or a desk visitor ("DESK#<skpd>" / "<local time>#<id>"),
    see `store/ptsp.py`; the attributes of the other kind stay absent."""

    class Meta(_Meta):
        logical_name = "ptsp"

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    skpd_id = UnicodeAttribute()
    # a catalogue type
    type_id = UnicodeAttribute(null=True)
    name = UnicodeAttribute(null=True)
    requirements = JSONAttribute(null=True)
    procedure = UnicodeAttribute(null=True)
    keywords = JSONAttribute(null=True)
    active = BooleanAttribute(null=True)
    order = NumberAttribute(null=True)
    version = VersionAttribute()  # a desk visitor's is 1: written once, on its key being free
    # a desk visitor (type_id and the type's name then as it was that day)
    request_id = UnicodeAttribute(null=True)
    desk_type = UnicodeAttribute(null=True)
    recorded_at = UnicodeAttribute(null=True)
    visitor_name = UnicodeAttribute(null=True)
    whatsapp = UnicodeAttribute(null=True)
    type_name = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    recorded_by = UnicodeAttribute(null=True)
    recorded_by_name = UnicodeAttribute(null=True)

    by_desk_type = _index("ptsp", "by_desk_type")


class KritisItem(Model):
    """A Kritis item (issue 22) by its tracking number (`store/kritis.py`)."""

    class Meta(_Meta):
        logical_name = "kritis"

    tracking = UnicodeAttribute(hash_key=True)
    skpd_id = UnicodeAttribute()
    kind = UnicodeAttribute()
    description = UnicodeAttribute()
    state = UnicodeAttribute()
    filed_at = UnicodeAttribute()
    whatsapp = UnicodeAttribute(null=True)
    email = UnicodeAttribute(null=True)
    photo_key = UnicodeAttribute(null=True)
    summary = UnicodeAttribute(null=True)
    forwarded_at = UnicodeAttribute(null=True)
    action = UnicodeAttribute(null=True)
    decided_at = UnicodeAttribute(null=True)
    follow_up = UnicodeAttribute(null=True)
    followed_up_at = UnicodeAttribute(null=True)
    closed_at = UnicodeAttribute(null=True)
    reminded_on = UnicodeAttribute(null=True)
    history = JSONAttribute(null=True)
    # the officers' list and the steps' queues: "<skpd>#<state>"
    skpd_state = UnicodeAttribute()
    # the reminder's sparse index: the state ("BARU" or "DITERUSKAN") and since when, only in those states
    waiting_on = UnicodeAttribute(null=True)
    waiting_since = UnicodeAttribute(null=True)
    version = VersionAttribute()

    by_skpd_state = _index("kritis", "by_skpd_state")
    by_waiting = _index("kritis", "by_waiting")


ALL_MODELS: tuple[type[Model], ...] = (
    EmployeeItem,
    OrgItem,
    OutboxItem,
    SignInGuardItem,
    AttendanceItem,
    ReportItem,
    TemplateItem,
    RecordItem,
    DelegationItem,
    AuditItem,
    DigestItem,
    UsedLinkItem,
    WhatsAppChatItem,
    ReminderItem,
    HolidayOverrideItem,
    ExportJobItem,
    JobStateItem,
    SequenceItem,
    ComplaintItem,
    ArchiveCategoryItem,
    ArchiveDocumentItem,
    ArchiveProfileItem,
    LeaveItem,
    LeaveDaysItem,
    LeaveSettingsItem,
    SkpItem,
    EkinerjaHandoffItem,
    PermissionItem,
    ClosedMonthItem,
    CheckInFlagItem,
    PtspItem,
    DeviceItem,
    CitizenRequestItem,
    KritisItem,
)


@lru_cache(maxsize=4)
def _connection(region: str, host: str | None) -> Any:
    from pynamodb.connection import Connection

    return Connection(
        region=region,
        host=host,
        connect_timeout_seconds=CONNECT_TIMEOUT_SECONDS,
        read_timeout_seconds=READ_TIMEOUT_SECONDS,
        max_retry_attempts=MAX_RETRY_ATTEMPTS,
        max_pool_connections=MAX_POOL_CONNECTIONS,
    )


def transaction_connection() -> Any:
    """The PynamoDB connection for `TransactWrite`, pointed like the models (one per process: clients are costly)."""
    return _connection(_Meta.region, _Meta.host)


def bind_models(cfg: Settings) -> None:
    """Point every model at its table and endpoint (idempotent).

    PynamoDB 6.1 caches each model's `TableConnection` (its botocore client, endpoint included) in the class
    attribute ``_connection`` and rebuilds it only when ``Meta.table_name`` changes, so a model bound again
    to another endpoint under the same table name would keep talking to the old one: forget it on every
    change. (`transaction_connection()` is cached per region and endpoint already.)
    """
    for model in ALL_MODELS:
        meta = model.Meta
        bound = (cfg.table(meta.logical_name), cfg.region, cfg.dynamodb_endpoint)
        if (meta.table_name, meta.region, meta.host) != bound:
            meta.table_name, meta.region, meta.host = bound
            model._connection = None
    _Meta.region, _Meta.host = cfg.region, cfg.dynamodb_endpoint
