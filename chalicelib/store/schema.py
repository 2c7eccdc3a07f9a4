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
REPORT_LINE_ATTRIBUTES = [
    "nip",
    "day",
    "start_time",
    "end_time",
    "title",
    "description",
    "output",
    "status",
    "rating",
    "hints",  # the report coach's codes: HR's recap counts reports with hints per satker
]

#: What a supervisor's queue reads of a waiting report (`by_supervisor_pending`): the inbox card (the report's
#: view without its history), the digest's lines and e-mail, the version a decision is made on. Left out: the
#: history (it only grows), the search text and the other indexes' keys. COUNT needs only the keys.
PENDING_REPORT_ATTRIBUTES = [
    "nip",
    "skpd_id",
    "satker_id",
    "supervisor_nip",
    "day",
    "start_time",
    "end_time",
    "title",
    "description",
    "output",
    "status",
    "template_id",
    "rhk_id",
    "submitted_at",
    "decided_by",
    "decided_for",
    "decided_at",
    "rating",
    "note",
    "copied_from",
    "evidence",
    "hints",
    "version",
]

#: What the career-record lists show: everything but the history (which only grows).
RECORD_LIST_ATTRIBUTES = [
    "nip",
    "skpd_id",
    "satker_id",
    "kind",
    "status",
    "details",
    "document",
    "created_at",
    "submitted_at",
    "declared_at",
    "decided_by",
    "decided_at",
    "note",
    "version",
]


#: What a quarter's bulk predicate readers need of an assessment (`skp.by_skpd_predicate`): who, where, the two
#: ratings, the predicate and whether the employee has acknowledged it; realisations and feedback stay out.
PREDICATE_LINE_ATTRIBUTES = [
    "nip",
    "satker_id",
    "penilai_nip",
    "status",
    "results",
    "behaviour",
    "predicate",
    "acknowledged_at",
]


TABLES: dict[str, dict[str, Any]] = {
    # Accounts. GetItem by NIP (sign-in, authorizer, every profile read).
    "employees": {
        "AttributeDefinitions": _attrs(
            nip="S", email="S", supervisor_nip="S", skpd_id="S", satker_nip="S", unassigned_skpd="S"
        ),
        "KeySchema": _key("nip"),
        "GlobalSecondaryIndexes": [
            # sign-in by e-mail (sparse: only accounts with an e-mail)
            _gsi("by_email", "email"),
            # a supervisor's direct subordinates; "has subordinates?" with Limit=1
            _gsi("by_supervisor", "supervisor_nip", "nip"),
            # an SKPD's employees, or one satker's with begins_with(satker_nip, "SATKER#"). Search by name or NIP
            # (q, the supervisor picker): with a satker, a NIP prefix is in the key (begins_with "SATKER#<s>#<nip>");
            # otherwise the SKPD's pages are read in order and matched in code (names in any case and word order,
            # which no filter expression does), at most 5 pages of 100 a request, continued by the signed cursor
            _gsi("by_skpd", "skpd_id", "satker_nip"),
            # the operator's waiting work: an SKPD's employees without a direct supervisor, counted on Beranda
            # and listed to assign one (sparse: unassigned_skpd = skpd_id only while supervisor_nip is absent)
            _gsi("by_skpd_unassigned", "unassigned_skpd", "satker_nip"),
        ],
        "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"},
    },
    # Organisation: an SKPD item (sk="#SKPD") and its satker items (sk="SATKER#<code>") share a partition,
    # with the working hours (issue 20): the SKPD's default (sk="HOURS") and a satker's own
    # (sk="HOURS#<satker>"), and the SKPD's discipline rules (sk="RULES"). The calendar reads the hours and the
    # rules in one BatchGetItem; HR's screens a GetItem each.
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
            ekinerja_pending="S",
            ekinerja_due="S",
        ),
        "KeySchema": _key("report_id"),
        "GlobalSecondaryIndexes": [
            # an employee's reports newest first, by date range (owner_sort = "<date>#<start>#<id>");
            # withdrawn reports drop out (the key is removed)
            _gsi("by_owner", "owner_nip", "owner_sort"),
            # a supervisor's queue, oldest first (sparse: only SUBMITTED); COUNT for the inbox and the digest.
            # Only what the queue's readers show is projected (not the history)
            _gsi("by_supervisor_pending", "pending_supervisor", "pending_since", only=PENDING_REPORT_ATTRIBUTES),
            # overdue SUBMITTED reports by submission time (sparse, keys only), over 64 shards (pending_shard =
            # "P#<crc32(id) % 64>"): the auto-approval worker reads one page of one shard (Query with Limit, then a
            # consistent BatchGetItem of those reports). A submission writes a 1-WCU key row: at the 16.00 WIB peak
            # (≈1,250 reports/s) ≈20 WCU/s a shard; 64 shards drain a 112 k backlog in ≈1 minute (store/reports.py)
            _gsi("by_pending_shard", "pending_shard", "submitted_at", only=[]),
            # all reports of a satker in a date range, for recaps (satker_key = "<skpd>#<satker>",
            # satker_sort = "<date>#<nip>#<id>"); only what a recap shows is projected
            _gsi("by_satker_day", "satker_key", "satker_sort", only=REPORT_LINE_ATTRIBUTES),
            # approved reports not yet handed on to e-Kinerja by the time of their next attempt, over 64 shards
            # (ekinerja_pending = "E#<n>", ekinerja_due = the decision, then each failure's retry time; sparse, keys
            # only: set by the approving write, removed once sent or given up). A handoff page reads one shard's
            # due ones (Query with Limit, `ekinerja_due <= now`), so reports waiting for a retry are not read again
            # before it (docs/ekinerja.md)
            _gsi("by_ekinerja_due", "ekinerja_pending", "ekinerja_due", only=[]),
        ],
        "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"},
    },
    # Each approved report's handoff to e-Kinerja (state, attempts, last error, sent_at, external id):
    # GetItem by report id (the report view), conditional writes claim and settle it (docs/ekinerja.md).
    "ekinerja_handoffs": {
        "AttributeDefinitions": _attrs(report_id="S"),
        "KeySchema": _key("report_id"),
    },
    # Report templates of an employee: Query by NIP, GetItem by (nip, template_id).
    "templates": {
        "AttributeDefinitions": _attrs(nip="S", template_id="S"),
        "KeySchema": _key("nip", "template_id"),
    },
    # Career records (riwayat sertifikasi, penghargaan, tim kerja): GetItem by id; history and PDF reference inside.
    # The three lists project everything but the history. A withdrawn record leaves all three (keys removed).
    "records": {
        "AttributeDefinitions": _attrs(
            record_id="S",
            owner_nip="S",
            owner_sort="S",
            queue_all="S",
            queue_skpd="S",
            queue_satker="S",
            queue_sort="S",
        ),
        "KeySchema": _key("record_id"),
        "GlobalSecondaryIndexes": [
            # an employee's records newest first (owner_sort = "<created_at>#<id>"); kind and status filter
            # one person's few records
            _gsi("by_owner", "owner_nip", "owner_sort", only=RECORD_LIST_ATTRIBUTES),
            # HR lanes, one partition per kind and status, sorted by when the record entered its status
            # (queue_sort = "<status since>#<id>"): every SKPD (BKD; queue_all = "<kind>#<status>"), one SKPD
            # (queue_skpd = "<skpd>#<kind>#<status>") or one satker (queue_satker = "<skpd>#<satker>#<kind>#<status>").
            # A list over several kinds or statuses merges one page of each lane; COUNT of a SUBMITTED lane
            _gsi("by_all_queue", "queue_all", "queue_sort", only=RECORD_LIST_ATTRIBUTES),
            _gsi("by_skpd_queue", "queue_skpd", "queue_sort", only=RECORD_LIST_ATTRIBUTES),
            _gsi("by_satker_queue", "queue_satker", "queue_sort", only=RECORD_LIST_ATTRIBUTES),
        ],
        "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"},
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
    # by_due (sparse: only while a digest is due, 64 shards) serves the digest dispatcher, which reads the keys
    # (then the count of arrivals, one BatchGetItem per 100); last_sent_at and arrivals stay out. Only the
    # submission that makes a digest due writes its 1-WCU index row (and the send that clears it); later ones
    # count in `arrivals`, which the index does not hold: at most ≈2 index writes per supervisor and digest
    # interval instead of one per submission (before: ≈625 WCU/s a shard in the busiest minutes, counted as the
    # load model counts this index, a write and a clear for each; now ≈62.5; README "Load model").
    "digests": {
        "AttributeDefinitions": _attrs(supervisor_nip="S", due_shard="S", due_at="S"),
        "KeySchema": _key("supervisor_nip"),
        "GlobalSecondaryIndexes": [_gsi("by_due", "due_shard", "due_at", only=["generation"])],
    },
    # The WhatsApp auto-reply's conversation of each citizen with each SKPD (issue 22), by
    # chat_key = "CHAT#<skpd>#<HMAC-SHA256 of the citizen's number>": GetItem per inbound message, one PutItem per reply
    # (the last message wins); gone by TTL a day after the last message (reads treat an expired item as gone).
    "whatsapp_chats": {
        "AttributeDefinitions": _attrs(chat_key="S"),
        "KeySchema": _key("chat_key"),
        "TimeToLiveSpecification": {"AttributeName": "expires_at", "Enabled": True},
    },
    # E-mailed action links already used (single use), by the link's id. TTL after the link expires.
    "used_links": {
        "AttributeDefinitions": _attrs(jti="S"),
        "KeySchema": _key("jti"),
        "TimeToLiveSpecification": {"AttributeName": "expires_at", "Enabled": True},
    },
    # Reminder settings, one item per employee, with the sent marker last_sent_day. by_slot (sparse: enabled
    # only, KEYS_ONLY) lists who is due in a UTC 5-minute slot: slot_key = "<HH:MM UTC>#<shard 0-255>" (shard =
    # crc32(nip) % 256); a page worker Queries one shard with Limit 100 and ExclusiveStartKey, then BatchGets the
    # settings and the marker from the table. Marking a reminder sent writes last_sent_day, which the index does
    # not hold, so no send writes to the index (an index row is written only when a person changes the settings).
    # Arithmetic (6 M ASN, ≈75 % = 4.5 M in the 16:00 WIB slot; per partition ≤ 1,000 WCU/s, ≤ 3,000 RCU/s):
    # 256 shards → ≈17.6 k keys per slot_key = 176 pages of 100; a page reads ≈100 × ~60 B = 1 RCU on the index
    # (eventually consistent), so even every page of a shard at once stays far under 3,000 RCU/s; a bulk
    # switch-on of 4.5 M reminders writes ≈17.6 k index rows per key, 18 s at 1,000 WCU/s (64 shards: 70 s; 4:
    # 19 min). 256 parallel page chains drain the slot in 176 page-times (README "Reminder fan-out").
    "reminders": {
        "AttributeDefinitions": _attrs(nip="S", slot_key="S"),
        "KeySchema": _key("nip"),
        "GlobalSecondaryIndexes": [_gsi("by_slot", "slot_key", "nip", only=[])],
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
    # Attendance complaints (pengaduan presensi): GetItem by id. The (nip, date, session) a complaint claims is
    # held on that day's attendance item (complaint_pagi_id / complaint_sore_id), set in the transaction that
    # puts the complaint (conditional: unclaimed and not attended), so two complaints for one session cannot
    # both land; a rejection frees it, an approval adds the session to complaint_sessions.
    "complaints": {
        "AttributeDefinitions": _attrs(
            complaint_id="S", nip="S", owner_sort="S", skpd_status="S", status="S", queue_sort="S"
        ),
        "KeySchema": _key("complaint_id"),
        "GlobalSecondaryIndexes": [
            # an employee's complaints newest first, by date range (owner_sort = "<date>#<session>#<id>")
            _gsi("by_owner", "nip", "owner_sort"),
            # HR of one SKPD: its complaints in one status, oldest date first, by date range
            # (skpd_status = "<skpd>#<status>", queue_sort = "<date>#<submitted_at>#<id>"); satker is a filter
            _gsi("by_skpd_status", "skpd_status", "queue_sort"),
            # BKD (every SKPD): complaints in one status, oldest date first, by date range; COUNT of SUBMITTED
            _gsi("by_status", "status", "queue_sort"),
        ],
        "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"},
    },
    # Numbered series (complaint references per year, later leave letter numbers per SKPD and year):
    # an atomic ADD on the series' item gives the next number (UpdateItem, one item per series).
    "sequences": {
        "AttributeDefinitions": _attrs(series="S"),
        "KeySchema": _key("series"),
    },
    # Document archive (DMS) categories: the admin's list, one partition (catalog = "ARSIP"), sk the category
    # code. Query the partition (every archive view, ~15-60 items); GetItem one. Retired ones stay (active=false).
    "archive_categories": {
        "AttributeDefinitions": _attrs(catalog="S", code="S"),
        "KeySchema": _key("catalog", "code"),
    },
    # Archived documents, one per employee and category: Query an employee's (their archive), GetItem one,
    # BatchGetItem the items of a bulk decision. Written in one transaction with the employee's archive profile.
    "archive_documents": {
        "AttributeDefinitions": _attrs(nip="S", category="S", queue_status="S", queue_sort="S"),
        "KeySchema": _key("nip", "category"),
        "GlobalSecondaryIndexes": [
            # HR's verification queue: documents in one status (queue_status = SUBMITTED/APPROVED/REJECTED), by
            # queue_sort = "<skpd>#<satker>#<uploaded_at>#<nip>#<category>": BKD reads every SKPD, an SKPD's HR
            # begins_with "<skpd>#", one satker begins_with "<skpd>#<satker>#" (oldest upload first); the
            # category is a filter. A partition per status is enough: a document is written rarely (upload, decision)
            _gsi("by_queue", "queue_status", "queue_sort"),
        ],
    },
    # An employee's archive profile (GetItem; BatchGetItem for a page of HR's per-satker completeness list):
    # the conditions the employee declared (what applies, with the account's employment status), and the
    # state of each category they stored a document for (sets submitted/approved/rejected of category codes),
    # kept in step with `archive_documents` by the same transactions, so a score needs no read of the documents.
    "archive_profiles": {
        "AttributeDefinitions": _attrs(nip="S"),
        "KeySchema": _key("nip"),
    },
    # Leave requests (cuti): GetItem by id; steps, history and the certificate reference inside the item.
    "leaves": {
        "AttributeDefinitions": _attrs(
            leave_id="S",
            nip="S",
            owner_sort="S",
            waiting_nip="S",
            waiting_sort="S",
            numbering_skpd="S",
            numbering_sort="S",
            skpd_id="S",
            skpd_sort="S",
        ),
        "KeySchema": _key("leave_id"),
        "GlobalSecondaryIndexes": [
            # an employee's requests, newest start first (owner_sort = "<start>#<id>"); also every request of
            # one employee for the balance (a few a year)
            _gsi("by_owner", "nip", "owner_sort"),
            # who acts next, oldest first (sparse: pending only): waiting_nip is the supervisor or the granting
            # official, waiting_sort = "<CONSIDERATION|DECISION>#<since>#<id>" (begins_with picks the stage); COUNT
            _gsi("by_waiting", "waiting_nip", "waiting_sort"),
            # an SKPD's approved letters still without a number, oldest approval first (sparse); COUNT
            _gsi("by_numbering", "numbering_skpd", "numbering_sort"),
            # an SKPD's leave by end date (skpd_sort = "<end>#<satker>#<id>"): HR's list of a period reads
            # end >= the period's first day and filters start <= its last day (type, status, satker too)
            _gsi("by_skpd", "skpd_id", "skpd_sort"),
        ],
        "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"},
    },
    # One item per employee (GetItem; BatchGetItem of up to 100 for recaps): the days their pending and approved
    # leave hold (map day -> leave id), each such leave's type and status, HR's opening balances, and a revision
    # that every leave write is conditional on (two overlapping requests cannot both land). A report's
    # transaction checks attribute_not_exists(days.<its date>) here, so no report lands on a leave day.
    "leave_days": {
        "AttributeDefinitions": _attrs(nip="S"),
        "KeySchema": _key("nip"),
    },
    # Per SKPD (GetItem): who grants leave (absent: each employee's supervisor's supervisor) and the
    # letter-number format of its series (numbers themselves: `sequences`, series "LEAVE#<skpd>#<year>").
    "leave_settings": {
        "AttributeDefinitions": _attrs(skpd_id="S"),
        "KeySchema": _key("skpd_id"),
    },
    # SKP (sasaran kinerja pegawai), one per employee and year: skp_id = "<nip>.<year>" (GetItem by the deterministic
    # id, BatchGetItem of a supervisor's staff found on employees.by_supervisor), item = "SKP" for the head (working
    # targets, approved targets, status, history) and "V#<nnnnn>" for each approved version, written in one
    # transaction with the approval: Query the partition, newest first, for the versions (and every RHK text).
    # item = "Q#<q>" for a quarter's assessment (GetItem; written alone, or with the closed head in one
    # transaction when Q4 is acknowledged); the employee's waiting acknowledgements and their COUNT: Query
    # begins_with "Q#" of this and last year's partition (at most 4 items each), so no index.
    "skp": {
        "AttributeDefinitions": _attrs(
            skp_id="S", item="S", pending_penilai="S", pending_sort="S", pred_skpd="S", pred_sort="S"
        ),
        "KeySchema": _key("skp_id", "item"),
        "GlobalSecondaryIndexes": [
            # a supervisor's queue of SKP to approve, oldest submission first; COUNT for the inbox (sparse: the
            # head carries pending_penilai = the penilai's NIP only while SUBMITTED; pending_sort =
            # "<submitted_at>#<skp_id>")
            _gsi("by_penilai_pending", "pending_penilai", "pending_sort"),
            # a quarter's predicates of an SKPD (HR's/BKD's distribution per satker, the SKPD's predicates Excel):
            # Query pred_skpd = "<skpd>#<year>#Q<q>", in satker then NIP order (pred_sort = "<satker>#<nip>"), one
            # satker by begins_with "<satker>#" (sparse: only "Q#<q>" items carry the keys); only what those
            # readers show is projected (a supervisor's staff: BatchGetItem of "<nip>.<year>"/"Q#<q>" instead)
            _gsi("by_skpd_predicate", "pred_skpd", "pred_sort", only=PREDICATE_LINE_ATTRIBUTES),
        ],
        # stream (new and old images) → `skp_changes`: the next person of each SKP and assessment step is told
        "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"},
    },
    # Permission requests (izin, issue 20), one partition per employee: sk = "<date>#<token>" and the id is
    # "<nip>.<date>.<token>", so GetItem by id; Query the employee's own newest date first (their list), one day's
    # (begins_with "<date>#", consistent: the duplicate check) or a month's (between: the calendar and the recap).
    "permissions": {
        "AttributeDefinitions": _attrs(nip="S", sk="S", pending_supervisor="S", pending_sort="S"),
        "KeySchema": _key("nip", "sk"),
        "GlobalSecondaryIndexes": [
            # the supervisor's queue, oldest submission first; COUNT for the inbox (sparse: pending_supervisor is
            # the supervisor taken at submission, only while SUBMITTED; pending_sort = "<submitted_at>#<id>")
            _gsi("by_supervisor_pending", "pending_supervisor", "pending_sort"),
        ],
        # stream (new and old images) → `permission_changes`: the employee is told the supervisor's decision
        "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"},
    },
    # Closed months (issue 20): a satker's month as HR closed it, one partition per month_key =
    # "<skpd>#<satker>#<YYYY-MM>": sk "HEAD" (CLOSING while the closer writes, then CLOSED, with the closer, the
    # time and a version), "ROW#<nip>" (each employee's frozen figures, name and jabatan, tagged with the closing's
    # token) and "FIX#<nnnnn>" (each correction, in order). Reading a closed month is one consistent Query of its
    # partition (500 rows: a few pages); closing is a conditional Put of the head, a BatchWriteItem of the rows and a
    # transaction setting CLOSED with the audit entry; a correction is one transaction (head version + FIX item).
    "closed_months": {
        "AttributeDefinitions": _attrs(month_key="S", sk="S"),
        "KeySchema": _key("month_key", "sk"),
    },
    # Flagged native check-ins (issue 20: impossible travel, an unknown device), one partition per employee:
    # sk = "<date>#<session>" and the id is "<nip>.<date>.<session>", so GetItem by id (also the check-in's look
    # whether HR rejected that session already). HR decides them as the decision kind `checkin_flag`.
    "checkin_flags": {
        "AttributeDefinitions": _attrs(nip="S", sk="S", pending_skpd="S", pending_all="S", pending_sort="S"),
        "KeySchema": _key("nip", "sk"),
        "GlobalSecondaryIndexes": [
            # HR of one SKPD: what waits, oldest check-in first; COUNT for the inbox (sparse: pending_skpd is
            # set only while FLAGGED; pending_sort = "<at>#<nip>#<session>")
            _gsi("by_skpd_pending", "pending_skpd", "pending_sort"),
            # BKD and the admin (every SKPD): the same, pending_all = "FLAGGED" only while FLAGGED
            _gsi("by_pending", "pending_all", "pending_sort"),
        ],
    },
    # Check-in devices (issue 20): each employee's registered WebCrypto keys, one partition per employee, sk = the
    # device id. GetItem by (nip, device id) (the check-in's signature check, HR's decision); Query the partition
    # (the employee's list, a handful; the oldest active one to retire). HR decides a further device as the
    # decision kind `device`.
    "devices": {
        "AttributeDefinitions": _attrs(nip="S", device_id="S", pending_skpd="S", pending_all="S", pending_sort="S"),
        "KeySchema": _key("nip", "device_id"),
        "GlobalSecondaryIndexes": [
            # HR of one SKPD: devices waiting for approval, oldest registration first; COUNT for the inbox (sparse:
            # pending_skpd is set only while PENDING; pending_sort = "<registered_at>#<nip>.<device id>")
            _gsi("by_skpd_pending", "pending_skpd", "pending_sort"),
            # BKD and the admin (every SKPD): the same, pending_all = "PENDING" only while PENDING
            _gsi("by_pending", "pending_all", "pending_sort"),
        ],
    },
    # PTSP information desk (issue 22, seed 003 §3): one table, two kinds of item.
    # - The service catalogue of an SKPD: pk = "CAT#<skpd>", sk = "TYPE#<type id>". GetItem (the desk's greeting,
    #   the WhatsApp bot's pick, an officer's edit, conditional on the version); Query the partition (the
    #   catalogue list and the bot's menu: a few dozen types at most, sorted by `order` then name in code).
    # - Desk visitors: pk = "DESK#<skpd>", sk = "<local time YYYY-MM-DDTHH:MM:SS>#<request id>". Query the partition
    #   with sk BETWEEN the first and the last day, newest first (today's list, past days, a range's Excel).
    "ptsp": {
        "AttributeDefinitions": _attrs(pk="S", sk="S", desk_type="S"),
        "KeySchema": _key("pk", "sk"),
        "GlobalSecondaryIndexes": [
            # the desk list filtered by one information type over a day or range: desk_type = "<skpd>#<type id>"
            # (set only on desk visitors), sk as in the table
            _gsi("by_desk_type", "desk_type", "sk"),
        ],
    },
    # Tracked citizen requests across two offices (issue 22, seed 003 §4), pk = the tracking number "LY-2026-…":
    # GetItem by it (the public status page, an officer's view, every step's conditional write on the version).
    "citizen_requests": {
        "AttributeDefinitions": _attrs(tracking="S", origin_skpd="S", origin_sort="S", target_key="S", target_sort="S"),
        "KeySchema": _key("tracking"),
        "GlobalSecondaryIndexes": [
            # the first office's list by state, newest first: origin_sort = "<state>#<created_at>#<tracking>"
            # (begins_with the state)
            _gsi("by_origin", "origin_skpd", "origin_sort"),
            # the second office's list by state and the decision queue `citizen_request` (READY, oldest ready
            # first; COUNT for the inbox): target_key = the second office's SKPD, set only once it was first
            # marked ready (sparse: the second office sees nothing before);
            # target_sort = "<state>#<ready_at>#<tracking>"
            _gsi("by_target", "target_key", "target_sort"),
        ],
    },
    # Kritis, kritik dan saran (issue 22, seed 003 §5): one item per tracking number ("KR-2026-7F3K9Q2M", 40 random
    # bits). GetItem by it (the public status page, the officers' detail, every decision step).
    "kritis": {
        "AttributeDefinitions": _attrs(tracking="S", skpd_state="S", filed_at="S", waiting_on="S", waiting_since="S"),
        "KeySchema": _key("tracking"),
        "GlobalSecondaryIndexes": [
            # the officers' list of one SKPD in one state, newest/oldest first, and each step's queue and COUNT
            # for the inbox (BARU: to forward, DITERUSKAN: leadership's, DIPUTUSKAN: to follow up):
            # skpd_state = "<skpd>#<state>"
            _gsi("by_skpd_state", "skpd_state", "filed_at"),
            # the daily reminder to leadership: items still waiting since before a cutoff, per state — never
            # forwarded (waiting_on = "BARU", waiting_since = filed_at) or undecided (waiting_on = "DITERUSKAN",
            # waiting_since = forwarded_at); sparse: set only in those two states, a handful across all SKPDs
            _gsi("by_waiting", "waiting_on", "waiting_since", only=["skpd_id", "reminded_on"]),
        ],
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
    # Consecutive failed sign-ins per account or unknown username (GetItem / conditional update), and
    # the one-time code of each account or unknown username, "CODE#NIP#<nip>" / "CODE#USER#<sha256>": only
    # its keyed hash, purpose, tries and the 15-minute window of codes sent (GetItem / conditional update;
    # gone by TTL after the code and its window end); the public endpoints' rate-limit counters,
    # "RATE#<limit>#<window start>#<HMAC-SHA256 of IP or contact>" (one conditional ADD per hit; gone by TTL).
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
