"""The merge template for `chalice package`: tables, buckets, queues, IAM, stream mappings, logs, WAF, CloudFront.

Tables come from `chalicelib.store.schema.TABLES` (the same definition DynamoDB Local is created
from). Stream event sources get what Chalice's decorator cannot say: the real stream ARN, partial
batch responses, bisect on error, capped retries and a dead-letter queue.

Every function gets its own role, written from `ACCESS`: the tables (and actions), bucket prefixes,
queues, secrets and e-mail it may touch, and nothing else. `tests/iam_usage.py` checks the calls the
functions really make in the test suite against the same table.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from chalice.app import Chalice, DynamoDBEventConfig, SQSEventConfig
from chalice.utils import to_cfn_resource_name

from chalicelib.handlers import refusals
from chalicelib.store.schema import TABLES, table_of_placeholder

STREAM_MAX_RETRIES = 5
STREAM_MAX_RECORD_AGE_SECONDS = 6 * 3600
EXPORT_RETENTION_DAYS = 7
IMPORT_REPORT_RETENTION_DAYS = 90
#: an upload nobody attached (a form posted, its slip never sent) is deleted after this many days
UNATTACHED_UPLOAD_DAYS = 3
#: an overwritten or deleted object stays recoverable (versioning) this long
NONCURRENT_VERSION_DAYS = 90
LOG_RETENTION_DAYS = 365
SIGN_IN_LIMIT_PER_ADDRESS = 100  # sign-in requests per source address per minute (WAF)
SIGN_IN_RATE_PER_SECOND = 50  # sign-in requests per second for the whole stage
#: the public routes that check or send a secret (password, one-time code): each gets the limits of sign-in
SIGN_IN_PATHS = ("/auth/login", "/auth/code", "/auth/code/login", "/auth/totp/login", "/auth/password-reset")
#: the public routes (no account: the Kritis form and status page, citizens' status pages): a WAF budget per source
#: address before the function runs (the application's own per-IP and per-contact limits sit behind it,
#: `domain/rate_limits.py`), and the stage's throttle of the Kritis form for the whole stage
PUBLIC_PATH = "/public/"
PUBLIC_LIMIT_PER_ADDRESS = 120  # public requests per source address per minute (WAF)
PUBLIC_FILING_PATHS = ("/public/kritis",)
PUBLIC_FILING_RATE_PER_SECOND = 10  # filings per second for the whole stage
#: the WhatsApp webhooks (providers' calls, verified by the function, `services/whatsapp_inbox.py`): a generous
#: budget per source address — Meta and Fonnte deliver from a small pool of addresses, so it only stops a flood of
#: forged calls (which the function refuses without counting or storing anything) before it costs invocations
WEBHOOK_PATH = "/webhooks/"
WEBHOOK_LIMIT_PER_ADDRESS = 2000  # webhook calls per source address ...
WEBHOOK_WINDOW_SECONDS = 300  # ... per 5 minutes (WAF)
HSTS_SECONDS = 2 * 365 * 24 * 3600
#: no public access in any form, encrypted at rest (every bucket of the stack)
PRIVATE_BUCKET: dict[str, Any] = {
    "PublicAccessBlockConfiguration": {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    },
    "BucketEncryption": {
        "ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]
    },
}
_CLOUDFRONT_URL = {"Fn::Sub": "https://${WebDistribution.DomainName}"}
#: the web client's address: AppUrl, else its custom domain, else its CloudFront address
_WEB_URL = {
    "Fn::If": [
        "HasAppUrl",
        {"Ref": "AppUrl"},
        {"Fn::If": ["HasWebDomain", {"Fn::Sub": "https://${WebDomainName}"}, _CLOUDFRONT_URL]},
    ]
}
BUCKET_NAME = {"Fn::Sub": "${AWS::StackName}-${AWS::AccountId}-data"}
#: the data bucket's ARN spelled out (a `Ref` would make a cycle: bucket → S3 trigger → function → role → bucket)
_BUCKET_ARN = "arn:${AWS::Partition}:s3:::${AWS::StackName}-${AWS::AccountId}-data"
#: the secrets named by parameters (Secrets Manager appends 6 random characters to the name)
SECRETS = {"app": "AppSecretName", "whatsapp": "WhatsAppSecretName", "webhook": "WhatsAppWebhookSecretName"}
APP_SECRET_ARN = {
    "Fn::Sub": "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:${AppSecretName}-??????"
}
#: queue name in the app (the placeholder ARN's last part) → its resource in the template
QUEUES = {"notifications": "NotificationsQueue", "exports": "ExportsQueue"}
#: functions API Gateway calls: named, so the API's definition needs no reference to them (see `decouple_api`)
NAMED_FUNCTIONS = {"APIHandler": "api", "JwtAuth": "jwt-auth"}

# -- what each function may touch ---------------------------------------------------------------------------

READ = ("GetItem", "BatchGetItem", "Query", "ConditionCheckItem")
WRITE = (*READ, "PutItem", "UpdateItem")
WRITE_DELETE = (*WRITE, "DeleteItem")
APPEND = (*READ, "PutItem", "BatchWriteItem")  # the audit log: written in batches, never changed
ONCE = ("GetItem", "PutItem", "UpdateItem", "DeleteItem")  # Powertools' idempotency records
#: where uploads land (the key prefix of each kind: complaint letters, record PDFs, archived documents,
#: doctor's certificates, report evidence); the lifecycle deletes those still tagged `UPLOAD_PENDING_TAG`
UPLOAD_PREFIXES = ("complaints/", "records/", "archive/", "leave-certificates/", "evidence/")
#: the tag the upload form puts on an object; accepting the upload removes it (or copies the object
#: to its final key without it), so only uploads never attached to anything expire
UPLOAD_PENDING_TAG = {"Key": "kinerja-upload", "Value": "pending"}
#: the API signs upload forms (Put, with the pending tag), checks and links uploads (Get, a pinned version),
#: accepts them (tag removed or copied) and deletes refused or replaced ones
UPLOAD_OBJECT_ACTIONS = (
    "GetObject",
    "GetObjectVersion",
    "PutObject",
    "PutObjectTagging",
    "DeleteObjectTagging",
    "DeleteObject",
)


@dataclass(frozen=True)
class Access:
    """What one function's role allows; everything else is denied."""

    #: logical table → DynamoDB actions (a Query also covers the table's indexes)
    tables: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: key prefix in the data bucket → S3 object actions
    objects: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: prefixes it may list (s3:ListBucket limited by s3:prefix)
    lists: tuple[str, ...] = ()
    #: queues it sends to
    sends: tuple[str, ...] = ()
    #: the queue whose messages trigger it
    receives: str | None = None
    #: the table whose stream triggers it (it also sends failed batches to `StreamFailures`)
    stream: str | None = None
    #: sends e-mail through SES (from the `SesSender` address only)
    email: bool = False
    #: secrets it reads: "app" (signs tokens, seals temporary passwords, signs cursors and e-mailed links),
    #: "webhook" (what verifies the WhatsApp providers' webhook calls: read by the API only),
    #: "whatsapp" (the provider's token; read when the WhatsApp client is built)
    secrets: tuple[str, ...] = ()


_NOTIFIER = {"idempotency": ONCE, "outbox": ("PutItem",), "employees": READ}

#: Chalice's function name → what its role may do. Found by reading each handler's code path and checked by
#: `tests/iam_usage.py` against the calls the test suite makes; `tests/unit/test_template_security.py` checks
#: the packaged roles against it.
ACCESS: dict[str, Access] = {
    # every HTTP route
    "api_handler": Access(
        tables={
            "employees": WRITE,
            "org": WRITE,
            "attendance": WRITE,
            "reports": WRITE,
            "templates": WRITE_DELETE,
            "records": WRITE,
            "delegations": WRITE_DELETE,
            "audit": APPEND,
            "used_links": WRITE,
            "reminders": WRITE,
            "holiday_overrides": WRITE_DELETE,
            "exports": WRITE,
            "complaints": WRITE,
            "sequences": WRITE,
            "archive_categories": WRITE,
            "archive_documents": WRITE_DELETE,
            "archive_profiles": WRITE,
            "leaves": WRITE,
            "leave_days": WRITE,
            "leave_settings": WRITE,
            "skp": WRITE,
            "permissions": WRITE,  # izin: request, withdraw, the supervisor's queue and decisions
            # HR closes a satker's month (its frozen rows in batches) and records corrections
            "closed_months": (*WRITE, "BatchWriteItem"),
            "checkin_flags": WRITE,  # flagged check-ins: flagged at check-in, HR's queue and decisions
            "devices": WRITE,  # check-in devices: register, remove, HR's approval, last use at check-in
            "citizen_requests": WRITE,  # tracked citizen requests: record, steps, both offices' lists, status page
            "ptsp": WRITE,  # PTSP catalogue (officers' edits) and desk visitors (record, list, Excel of a range)
            "kritis": WRITE,  # Kritis: the public form and status page, the office's list, each step's decision
            "ekinerja_handoffs": ("GetItem",),  # an approved report's "Sudah dikirim ke e-Kinerja"
            "outbox": ("Query",),  # the admin reads the outbox
            "sign_in_guards": WRITE_DELETE,
        },
        objects={
            **dict.fromkeys(UPLOAD_PREFIXES, UPLOAD_OBJECT_ACTIONS),
            "exports/": ("GetObject", "PutObject"),  # download links; leave letters and lists made on request
            "selfies/": ("GetObject", "PutObject"),  # a check-in's selfie (a new key each), HR's link to it
            "kritis/": ("GetObject", "PutObject"),  # a Kritis item's photo (a new key each), the office's link to it
            "imports/": ("PutObject",),  # a roster uploaded through the API
            "import-results/": ("GetObject",),
        },
        lists=("imports/",),
        # the WhatsApp webhook queues each citizen's message for the notification worker's reply
        sends=("exports", "notifications"),
        # "webhook": the WhatsApp webhooks' app secret, verify token and Fonnte token (services/whatsapp_inbox.py);
        # never the provider's sending token ("whatsapp")
        secrets=("app", "webhook"),
    ),
    # the token check before every route but sign-in: reads the caller's account
    "jwt_auth": Access(tables={"employees": ("GetItem",)}, secrets=("app",)),
    # a roster dropped into imports/: creates and updates accounts (temporary passwords are sealed)
    "roster_import": Access(
        tables={"employees": WRITE, "org": READ},
        objects={"imports/": ("GetObject",), "import-results/": ("PutObject",)},
        secrets=("app",),
    ),
    "attendance_sync": Access(
        tables={"attendance": ("UpdateItem",), "employees": READ, "job_state": ("GetItem", "PutItem", "UpdateItem")}
    ),
    # Kritis's daily reminder to leadership: the sparse index of items waiting for a decision, each item's day mark
    # (a conditional UpdateItem) and the item, the SKPD's leadership (a Query of its staff); the notices are queued
    "kritis_reminders": Access(
        tables={"kritis": ("Query", "GetItem", "UpdateItem"), "employees": READ},
        sends=("notifications",),
    ),
    # the auto-approval schedule only enqueues a page per shard; the export worker approves them
    "auto_approval": Access(sends=("exports",)),
    # the e-Kinerja handoff schedule only enqueues a page per shard of the work list; the export worker hands on
    "ekinerja_handoff": Access(sends=("exports",)),
    # the digest schedule only enqueues a page message per shard of `digests.by_due`; the notification worker pages
    "digest_dispatch": Access(sends=("notifications",), secrets=("whatsapp",)),
    # the reminder schedule only enqueues a page message per (slot, shard); the notification worker walks them
    "reminder_dispatch": Access(
        tables={"job_state": ("GetItem", "PutItem", "UpdateItem")},
        sends=("notifications",),
        secrets=("whatsapp",),
    ),
    # digests (supervisors', HR's complaints), reminders and leave e-mails from the notifications queue
    "notification_worker": Access(
        tables={
            **_NOTIFIER,
            "attendance": ("GetItem",),
            "complaints": READ,
            # a digest page: a Query page of `by_due` and the count of arrivals (BatchGetItem, not in the index)
            "digests": ("GetItem", "UpdateItem", "Query", "BatchGetItem"),
            "leave_days": ("GetItem",),
            "org": READ,
            # a reminder page (services/reminders.py `handle_page`): a Query page of `by_slot`, its settings and
            # sent markers (BatchGetItem), the marker set per send, the holidays, the shard's checkpoint in
            # `job_state` (conditional PutItem) and the next page's message
            "reminders": ("GetItem", "UpdateItem", "Query", "BatchGetItem"),
            "holiday_overrides": ("Query",),
            "job_state": ("GetItem", "PutItem"),
            "reports": READ,
            # the WhatsApp auto-reply (services/whatsapp_replies.py): the SKPD's catalogue (a Query of its
            # partition) and the citizen's conversation (GetItem, one PutItem per reply)
            "ptsp": ("Query",),
            "whatsapp_chats": ("GetItem", "PutItem"),
        },
        receives="notifications",
        sends=("notifications",),
        email=True,
        secrets=("app", "whatsapp"),
    ),
    "export_worker": Access(
        tables={
            "archive_categories": READ,
            "archive_profiles": READ,
            "attendance": (*READ, "UpdateItem"),  # UpdateItem: an auto-approved report's day tally
            "closed_months": READ,  # a closed satker month's frozen rows and corrections (the discipline recap)
            # the discipline recap of an open month: the SKPD's approved complaints (their type: official duty)
            # and each employee's permissions (izin) of the month
            "complaints": READ,
            "employees": READ,
            "exports": ("GetItem", "UpdateItem"),
            "holiday_overrides": READ,
            "leave_days": READ,
            "org": READ,
            "permissions": READ,
            # a page of the auto-approval sweep (services/auto_approval.py): the report and its day's tally in
            # one transaction, the shard's checkpoint, the next page's message
            "reports": WRITE,
            "job_state": ("GetItem", "PutItem"),
            # a page of the e-Kinerja handoff (services/ekinerja/handoff.py): the due ids (a Query of the reports'
            # sparse index), the reports (BatchGetItem) and their RHK texts, the handoffs read in one BatchGetItem,
            # claimed and settled; the work-list keys moved or removed; the recording client writes to the outbox
            "skp": ("Query",),
            "ekinerja_handoffs": ("GetItem", "BatchGetItem", "UpdateItem"),
            "outbox": ("PutItem",),
        },
        # files streamed as they are written (S3 multipart upload, whose steps PutObject allows); one that fails
        # is aborted, so no parts are left behind
        objects={"exports/": ("PutObject", "AbortMultipartUpload")},
        sends=("exports",),
        receives="exports",
        secrets=("app",),  # signed cursors while paging an SKPD's staff
    ),
    # temporary passwords (WhatsApp, e-mail); a new supervisor takes over pending reports and leave
    "employee_changes": Access(
        tables={
            **_NOTIFIER,
            "employees": ("GetItem", "UpdateItem", "Query"),
            "reports": WRITE,
            "leaves": WRITE,
            "leave_settings": ("GetItem",),
            "skp": WRITE,
        },
        stream="employees",
        email=True,
        secrets=("app", "whatsapp"),
    ),
    "report_changes": Access(
        tables={**_NOTIFIER, "digests": ("GetItem", "UpdateItem")}, stream="reports", secrets=("app", "whatsapp")
    ),
    "complaint_changes": Access(
        tables={**_NOTIFIER, "digests": ("GetItem", "UpdateItem")}, stream="complaints", secrets=("app", "whatsapp")
    ),
    "record_changes": Access(tables=_NOTIFIER, stream="records", secrets=("app", "whatsapp")),
    # WhatsApp itself; its e-mails go through the notifications queue (replayable from its dead-letter queue)
    "leave_changes": Access(tables=_NOTIFIER, stream="leaves", sends=("notifications",), secrets=("app", "whatsapp")),
    # SKP and assessment steps: WhatsApp itself, the penilai's e-mail through the notifications queue
    "skp_changes": Access(tables=_NOTIFIER, stream="skp", sends=("notifications",), secrets=("app", "whatsapp")),
    # a permission's (izin) decision: WhatsApp to the employee
    "permission_changes": Access(tables=_NOTIFIER, stream="permissions", secrets=("app", "whatsapp")),
}


def allows(access: Access, action: str, resource: str) -> bool:
    """Whether ``access`` allows ``action`` (``service:Operation``) on ``resource`` as `tests/iam_usage.py`
    names it: a table (``name`` or ``name/index/x``), a key prefix, a queue name or a secret id."""
    service, _, operation = action.partition(":")
    if service == "dynamodb":
        table, _, index = resource.partition("/index/")
        granted = access.tables.get(table, ())
        return operation in granted and (not index or operation == "Query")
    if service == "s3":
        if operation == "ListBucket":
            return resource in access.lists
        return operation in access.objects.get(resource, ())
    if service == "sqs":
        if operation == "SendMessage":
            return resource in access.sends
        return resource == access.receives
    if service == "ses":
        return access.email and operation in ("SendEmail", "SendRawEmail")
    if service == "secretsmanager":
        name = resource.lower()
        wanted = "webhook" if "webhook" in name else "whatsapp" if "whatsapp" in name else "app"
        return operation == "GetSecretValue" and wanted in access.secrets
    return False


def table_resource_name(logical: str) -> str:
    return to_cfn_resource_name(logical) + "Table"


def _table(logical: str, definition: dict[str, Any]) -> dict[str, Any]:
    properties = {
        "TableName": {"Fn::Sub": f"${{AWS::StackName}}-{logical}"},
        "BillingMode": "PAY_PER_REQUEST",
        "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
        "SSESpecification": {"SSEEnabled": True},
        **definition,
    }
    return {
        "Type": "AWS::DynamoDB::Table",
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": properties,
    }


# -- buckets ------------------------------------------------------------------------------------------------


def _deny_without_tls(bucket_arn: Any) -> dict[str, Any]:
    """A bucket policy statement refusing every request not made over TLS."""
    return {
        "Sid": "DenyWithoutTls",
        "Effect": "Deny",
        "Principal": "*",
        "Action": "s3:*",
        "Resource": [bucket_arn, {"Fn::Join": ["", [bucket_arn, "/*"]]}],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }


def _bucket() -> dict[str, Any]:
    unattached = [
        {
            "Id": f"expire-unattached-{prefix.rstrip('/')}",
            "Status": "Enabled",
            "Prefix": prefix,
            "TagFilters": [UPLOAD_PENDING_TAG],
            "ExpirationInDays": UNATTACHED_UPLOAD_DAYS,
        }
        for prefix in UPLOAD_PREFIXES
    ]
    return {
        "Type": "AWS::S3::Bucket",
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": {
            "BucketName": BUCKET_NAME,
            **PRIVATE_BUCKET,
            # an overwrite or a delete of evidence leaves the earlier version, recoverable for 90 days
            "VersioningConfiguration": {"Status": "Enabled"},
            "LoggingConfiguration": {"DestinationBucketName": {"Ref": "LogsBucket"}, "LogFilePrefix": "s3-data/"},
            "LifecycleConfiguration": {
                "Rules": [
                    {
                        "Id": "expire-exports",
                        "Status": "Enabled",
                        "Prefix": "exports/",
                        "ExpirationInDays": EXPORT_RETENTION_DAYS,
                        "NoncurrentVersionExpiration": {"NoncurrentDays": 1},
                    },
                    {
                        "Id": "expire-import-reports",
                        "Status": "Enabled",
                        "Prefix": "import-results/",
                        "ExpirationInDays": IMPORT_REPORT_RETENTION_DAYS,
                    },
                    *unattached,
                    {
                        "Id": "keep-earlier-versions-a-while",
                        "Status": "Enabled",
                        "NoncurrentVersionExpiration": {"NoncurrentDays": NONCURRENT_VERSION_DAYS},
                        "ExpiredObjectDeleteMarker": True,
                    },
                    {
                        "Id": "abort-uploads",
                        "Status": "Enabled",
                        "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1},
                    },
                ]
            },
            # the web client posts uploads straight to the bucket (presigned POST) and reads its progress
            "CorsConfiguration": {
                "CorsRules": [
                    {
                        "AllowedOrigins": [_WEB_URL],
                        "AllowedMethods": ["POST", "GET"],
                        "AllowedHeaders": ["*"],
                        "MaxAge": 3000,
                    }
                ]
            },
        },
    }


def _buckets() -> dict[str, Any]:
    """The data bucket, its TLS-only policy, and the log bucket its access logs (and CloudFront's) go to."""
    data_arn = {"Fn::Sub": _BUCKET_ARN}
    logs_arn = {"Fn::GetAtt": ["LogsBucket", "Arn"]}
    return {
        "DataBucket": _bucket(),
        "DataBucketPolicy": {
            "Type": "AWS::S3::BucketPolicy",
            "Properties": {
                "Bucket": {"Ref": "DataBucket"},
                "PolicyDocument": {"Version": "2012-10-17", "Statement": [_deny_without_tls(data_arn)]},
            },
        },
        "LogsBucket": {
            "Type": "AWS::S3::Bucket",
            "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain",
            "Properties": {
                **PRIVATE_BUCKET,
                # CloudFront's standard logs are written with an ACL granting the log delivery account
                "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerPreferred"}]},
                "LifecycleConfiguration": {
                    "Rules": [{"Id": "expire-logs", "Status": "Enabled", "ExpirationInDays": LOG_RETENTION_DAYS}]
                },
            },
        },
        "LogsBucketPolicy": {
            "Type": "AWS::S3::BucketPolicy",
            "Properties": {
                "Bucket": {"Ref": "LogsBucket"},
                "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        _deny_without_tls(logs_arn),
                        {
                            "Sid": "DataBucketAccessLogs",
                            "Effect": "Allow",
                            "Principal": {"Service": "logging.s3.amazonaws.com"},
                            "Action": "s3:PutObject",
                            "Resource": {"Fn::Sub": "${LogsBucket.Arn}/s3-data/*"},
                            "Condition": {
                                "ArnLike": {"aws:SourceArn": data_arn},
                                "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}},
                            },
                        },
                    ],
                },
            },
        },
    }


# -- roles --------------------------------------------------------------------------------------------------


def log_group_name(function: str) -> str:
    return to_cfn_resource_name(function) + "Logs"


def _statements(function: str, access: Access) -> list[dict[str, Any]]:
    """The policy statements of one function's role, from its entry in `ACCESS`."""
    logs = {"Fn::GetAtt": [log_group_name(function), "Arn"]}
    statements: list[dict[str, Any]] = [
        {"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": logs}
    ]
    by_actions: dict[tuple[str, ...], list[Any]] = {}
    for table, actions in sorted(access.tables.items()):
        resources = by_actions.setdefault(tuple(sorted(actions)), [])
        resources.append({"Fn::GetAtt": [table_resource_name(table), "Arn"]})
        if "Query" in actions and TABLES[table].get("GlobalSecondaryIndexes"):
            resources.append({"Fn::Sub": f"${{{table_resource_name(table)}.Arn}}/index/*"})
    for actions, resources in by_actions.items():
        statements.append({"Effect": "Allow", "Action": [f"dynamodb:{a}" for a in actions], "Resource": resources})
    if access.stream:
        statements.append(
            {
                "Effect": "Allow",
                "Action": [
                    "dynamodb:DescribeStream",
                    "dynamodb:GetRecords",
                    "dynamodb:GetShardIterator",
                    "dynamodb:ListStreams",
                ],
                "Resource": {"Fn::GetAtt": [table_resource_name(access.stream), "StreamArn"]},
            }
        )
    by_object_actions: dict[tuple[str, ...], list[Any]] = {}
    for prefix, actions in sorted(access.objects.items()):
        by_object_actions.setdefault(tuple(sorted(actions)), []).append({"Fn::Sub": f"{_BUCKET_ARN}/{prefix}*"})
    for actions, resources in by_object_actions.items():
        statements.append({"Effect": "Allow", "Action": [f"s3:{a}" for a in actions], "Resource": resources})
    if access.lists:
        statements.append(
            {
                "Effect": "Allow",
                "Action": ["s3:ListBucket"],
                "Resource": {"Fn::Sub": _BUCKET_ARN},
                "Condition": {"StringLike": {"s3:prefix": [f"{p}*" for p in access.lists]}},
            }
        )
    sends = [{"Fn::GetAtt": [QUEUES[q], "Arn"]} for q in access.sends]
    if access.stream:
        sends.append({"Fn::GetAtt": ["StreamFailures", "Arn"]})  # the stream's on-failure destination
    if sends:
        statements.append({"Effect": "Allow", "Action": ["sqs:SendMessage"], "Resource": sends})
    if access.receives:
        statements.append(
            {
                "Effect": "Allow",
                "Action": [
                    "sqs:ReceiveMessage",
                    "sqs:DeleteMessage",
                    "sqs:GetQueueAttributes",
                    "sqs:ChangeMessageVisibility",
                ],
                "Resource": {"Fn::GetAtt": [QUEUES[access.receives], "Arn"]},
            }
        )
    if access.email:
        statements.append(
            {
                "Effect": "Allow",
                "Action": ["ses:SendEmail", "ses:SendRawEmail"],
                "Resource": {"Fn::Sub": "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/*"},
                "Condition": {"StringEquals": {"ses:FromAddress": {"Ref": "SesSender"}}},
            }
        )
    for secret in access.secrets:
        statements.append(
            {"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue"], "Resource": secret_arn(secret)}
        )
    return statements


def secret_arn(secret: str) -> dict[str, str]:
    parameter = SECRETS[secret]
    return {
        "Fn::Sub": "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:"
        f"${{{parameter}}}-??????"
    }


def policy_name(function: str) -> str:
    return to_cfn_resource_name(function) + "Access"


def _function_resources(app: Chalice) -> dict[str, Any]:
    """Each function's role (from `ACCESS`), its log group (kept a year) and, for the two API Gateway calls,
    a fixed name."""
    names = function_names(app)
    if set(names) != set(ACCESS):
        raise ValueError(f"ACCESS must name exactly the app's functions: {sorted(set(names) ^ set(ACCESS))}")
    triggers = _triggers(app)
    resources: dict[str, Any] = {}
    for name in names:
        access = ACCESS[name]
        if triggers.get(name) != (access.stream, access.receives):
            raise ValueError(f"ACCESS[{name!r}] names another trigger than the app: {triggers.get(name)}")
        document = {"Version": "2012-10-17", "Statement": _statements(name, access)}
        resources[to_cfn_resource_name(name) + "Role"] = {
            "Properties": {"Policies": [{"PolicyName": policy_name(name), "PolicyDocument": document}]}
        }
        resources[log_group_name(name)] = {
            "Type": "AWS::Logs::LogGroup",
            "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain",
            "Properties": {
                "LogGroupName": {"Fn::Sub": f"/aws/lambda/${{AWS::StackName}}/{name}"},
                "RetentionInDays": LOG_RETENTION_DAYS,
            },
        }
        properties: dict[str, Any] = {"LoggingConfig": {"LogGroup": {"Ref": log_group_name(name)}}}
        resource = _function_resource(name)
        if resource in NAMED_FUNCTIONS:
            properties["FunctionName"] = {"Fn::Sub": f"${{AWS::StackName}}-{NAMED_FUNCTIONS[resource]}"}
        resources[resource] = {"Properties": properties}
    return resources


def _function_resource(name: str) -> str:
    return "APIHandler" if name == "api_handler" else to_cfn_resource_name(name)


def _triggers(app: Chalice) -> dict[str, tuple[str | None, str | None]]:
    """Function → (table whose stream triggers it, queue whose messages trigger it)."""
    found: dict[str, tuple[str | None, str | None]] = dict.fromkeys(function_names(app), (None, None))
    for source in app.event_sources:
        if isinstance(source, DynamoDBEventConfig):
            found[source.name] = (table_of_placeholder(source.stream_arn), None)
        elif isinstance(source, SQSEventConfig):
            found[source.name] = (None, source.queue_arn.rsplit(":", 1)[-1])
    return found


def decouple_api(template: dict[str, Any]) -> dict[str, Any]:
    """Point API Gateway at the API handler and the authorizer by their fixed names instead of `${X.Arn}`.

    Chalice's API definition refers to both functions, and every function's environment refers to the API
    (`API_URL`, the address e-mailed links use): a circular dependency CloudFormation refuses. With the
    functions named (`NAMED_FUNCTIONS`) their ARNs are known without a reference. `infra/package.py` applies
    this to what `chalice package` wrote.
    """
    body = template["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]
    text = json.dumps(body)
    for resource, suffix in NAMED_FUNCTIONS.items():
        arn = (
            f"arn:${{AWS::Partition}}:lambda:${{AWS::Region}}:${{AWS::AccountId}}:function:${{AWS::StackName}}-{suffix}"
        )
        text = text.replace(f"${{{resource}.Arn}}", arn)
    template["Resources"]["RestAPI"]["Properties"]["DefinitionBody"] = json.loads(text)
    return template


def _error_response(kind: str, status: str, code: str, message: str) -> dict[str, Any]:
    body = refusals.body(code, message)
    return {
        "Type": "AWS::ApiGateway::GatewayResponse",
        "Properties": {
            "RestApiId": {"Ref": "RestAPI"},
            "ResponseType": kind,
            "StatusCode": status,
            "ResponseTemplates": {"application/json": body},
        },
    }


def _dead_letters() -> dict[str, Any]:
    return {"Type": "AWS::SQS::Queue", "Properties": {"MessageRetentionPeriod": 1209600, "SqsManagedSseEnabled": True}}


def _queue(dead_letters: str, *, visibility: int, receives: int) -> dict[str, Any]:
    """A queue whose messages go to ``dead_letters`` after ``receives`` failed receives."""
    return {
        "Type": "AWS::SQS::Queue",
        "Properties": {
            "VisibilityTimeout": visibility,
            "SqsManagedSseEnabled": True,
            "RedrivePolicy": {
                "deadLetterTargetArn": {"Fn::GetAtt": [dead_letters, "Arn"]},
                "maxReceiveCount": receives,
            },
        },
    }


# -- API Gateway --------------------------------------------------------------------------------------------

#: one JSON line per request: the route template (never the path, which can carry an e-mailed link's token,
#: nor the query string or headers), who (the authorizer's principal: a NIP), the answer and its timing
ACCESS_LOG_FORMAT = json.dumps(
    {
        "request_id": "$context.requestId",
        "time": "$context.requestTime",
        "ip": "$context.identity.sourceIp",
        "method": "$context.httpMethod",
        "route": "$context.resourcePath",
        "status": "$context.status",
        "bytes": "$context.responseLength",
        "latency_ms": "$context.responseLatency",
        "integration_ms": "$context.integrationLatency",
        "error": "$context.error.responseType",
        "waf": "$context.wafResponseCode",
        "principal": "$context.authorizer.principalId",
    },
    separators=(",", ":"),
)

#: AWS managed rule groups on the API's web ACL (priority order after the sign-in limit)
MANAGED_RULE_GROUPS = ("AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet")
#: rules of those groups that only count: the API limits body sizes itself (a roster upload is up to 3 MB of
#: JSON), answering 413 in the error shape, where the common rule set would block any body over 8 KB
COUNT_ONLY_RULES = {"AWSManagedRulesCommonRuleSet": ("SizeRestrictions_BODY",)}


def _managed_rule(group: str, priority: int, visibility: dict[str, Any]) -> dict[str, Any]:
    statement: dict[str, Any] = {"VendorName": "AWS", "Name": group}
    if group in COUNT_ONLY_RULES:
        statement["RuleActionOverrides"] = [
            {"Name": rule, "ActionToUse": {"Count": {}}} for rule in COUNT_ONLY_RULES[group]
        ]
    return {
        "Name": group,
        "Priority": priority,
        "OverrideAction": {"None": {}},
        "Statement": {"ManagedRuleGroupStatement": statement},
        "VisibilityConfig": {**visibility, "MetricName": group},
    }


def _api() -> dict[str, Any]:
    """Stage throttling, access logs, and the API's web ACL: a per-source-address limit on sign-in (the
    per-account lock stops guessing one password; this stops one address spraying many accounts; an office
    behind one NAT address signs in well under 100 times a minute) and AWS's managed rule groups."""
    matches = [
        {
            "ByteMatchStatement": {
                "FieldToMatch": {"UriPath": {}},
                "PositionalConstraint": "ENDS_WITH",
                "SearchString": path,
                "TextTransformations": [{"Priority": 0, "Type": "LOWERCASE"}],
            }
        }
        for path in SIGN_IN_PATHS
    ]
    login_path = {"OrStatement": {"Statements": matches}}  # one budget per address over every sign-in route
    visibility = {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True}
    return {
        "RestAPI": {
            "DependsOn": ["ApiGatewayAccount"],
            "Properties": {
                "MethodSettings": [
                    {"ResourcePath": "/*", "HttpMethod": "*", "ThrottlingRateLimit": 500, "ThrottlingBurstLimit": 1000},
                    *(
                        {
                            "ResourcePath": path.replace("/", "~1"),
                            "HttpMethod": "POST",
                            "ThrottlingRateLimit": SIGN_IN_RATE_PER_SECOND,
                            "ThrottlingBurstLimit": SIGN_IN_RATE_PER_SECOND * 2,
                        }
                        for path in SIGN_IN_PATHS
                    ),
                    *(
                        {
                            "ResourcePath": path.replace("/", "~1"),
                            "HttpMethod": "POST",
                            "ThrottlingRateLimit": PUBLIC_FILING_RATE_PER_SECOND,
                            "ThrottlingBurstLimit": PUBLIC_FILING_RATE_PER_SECOND * 2,
                        }
                        for path in PUBLIC_FILING_PATHS
                    ),
                ],
                "AccessLogSetting": {
                    "DestinationArn": {"Fn::GetAtt": ["ApiAccessLogs", "Arn"]},
                    "Format": ACCESS_LOG_FORMAT,
                },
            },
        },
        "ApiAccessLogs": {
            "Type": "AWS::Logs::LogGroup",
            "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain",
            "Properties": {
                "LogGroupName": {"Fn::Sub": "/aws/apigateway/${AWS::StackName}/access"},
                "RetentionInDays": LOG_RETENTION_DAYS,
            },
        },
        # API Gateway writes access logs with the account's (per Region) CloudWatch role; kept when the stack
        # goes, since the account setting (and other APIs' logs) would otherwise point at a deleted role
        "ApiGatewayLogsRole": {
            "Type": "AWS::IAM::Role",
            "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain",
            "Properties": {
                "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "apigateway.amazonaws.com"},
                            "Action": "sts:AssumeRole",
                        }
                    ],
                },
                "ManagedPolicyArns": [
                    {
                        "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/"
                        "AmazonAPIGatewayPushToCloudWatchLogs"
                    }
                ],
            },
        },
        "ApiGatewayAccount": {
            "Type": "AWS::ApiGateway::Account",
            "Properties": {"CloudWatchRoleArn": {"Fn::GetAtt": ["ApiGatewayLogsRole", "Arn"]}},
        },
        "ApiFirewall": {
            "Type": "AWS::WAFv2::WebACL",
            "Properties": {
                "Scope": "REGIONAL",
                "DefaultAction": {"Allow": {}},
                "VisibilityConfig": {**visibility, "MetricName": "kinerja-api"},
                "Rules": [
                    {
                        "Name": "sign-in-per-address",
                        "Priority": 0,
                        "Action": {"Block": {}},
                        "Statement": {
                            "RateBasedStatement": {
                                "Limit": SIGN_IN_LIMIT_PER_ADDRESS,
                                "EvaluationWindowSec": 60,
                                "AggregateKeyType": "IP",
                                "ScopeDownStatement": login_path,
                            }
                        },
                        "VisibilityConfig": {**visibility, "MetricName": "sign-in-per-address"},
                    },
                    *(
                        _managed_rule(group, priority, visibility)
                        for priority, group in enumerate(MANAGED_RULE_GROUPS, start=1)
                    ),
                    {
                        "Name": "public-per-address",
                        "Priority": len(MANAGED_RULE_GROUPS) + 1,
                        "Action": {"Block": {}},
                        "Statement": {
                            "RateBasedStatement": {
                                "Limit": PUBLIC_LIMIT_PER_ADDRESS,
                                "EvaluationWindowSec": 60,
                                "AggregateKeyType": "IP",
                                "ScopeDownStatement": {
                                    "ByteMatchStatement": {
                                        "FieldToMatch": {"UriPath": {}},
                                        "PositionalConstraint": "CONTAINS",
                                        "SearchString": PUBLIC_PATH,
                                        "TextTransformations": [{"Priority": 0, "Type": "LOWERCASE"}],
                                    }
                                },
                            }
                        },
                        "VisibilityConfig": {**visibility, "MetricName": "public-per-address"},
                    },
                    {
                        "Name": "webhook-per-address",
                        "Priority": len(MANAGED_RULE_GROUPS) + 2,
                        "Action": {"Block": {}},
                        "Statement": {
                            "RateBasedStatement": {
                                "Limit": WEBHOOK_LIMIT_PER_ADDRESS,
                                "EvaluationWindowSec": WEBHOOK_WINDOW_SECONDS,
                                "AggregateKeyType": "IP",
                                "ScopeDownStatement": {
                                    "ByteMatchStatement": {
                                        "FieldToMatch": {"UriPath": {}},
                                        "PositionalConstraint": "CONTAINS",
                                        "SearchString": WEBHOOK_PATH,
                                        "TextTransformations": [{"Priority": 0, "Type": "LOWERCASE"}],
                                    }
                                },
                            }
                        },
                        "VisibilityConfig": {**visibility, "MetricName": "webhook-per-address"},
                    },
                ],
            },
        },
        "ApiFirewallAssociation": {
            "Type": "AWS::WAFv2::WebACLAssociation",
            "DependsOn": "RestAPIapiStage",
            "Properties": {
                "ResourceArn": {
                    "Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${RestAPI}/stages/api"
                },
                "WebACLArn": {"Fn::GetAtt": ["ApiFirewall", "Arn"]},
            },
        },
    }


# -- the web client -----------------------------------------------------------------------------------------

#: the data bucket's origins (regional and global endpoint): uploads are posted there, and the evidence
#: photos a supervisor checks are shown as thumbnails from its presigned links
DATA_BUCKET_ORIGINS = (
    "https://${AWS::StackName}-${AWS::AccountId}-data.s3.${AWS::Region}.${AWS::URLSuffix} "
    "https://${AWS::StackName}-${AWS::AccountId}-data.s3.${AWS::URLSuffix}"
)

#: what the client may load and call: its own files, the API, and the data bucket (uploads are posted there,
#: evidence thumbnails are read from it). No inline script (the built index.html has none); inline style
#: attributes are allowed because Vue's compiled templates set some (static `style="…"`, written as HTML).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        f"img-src 'self' data: {DATA_BUCKET_ORIGINS}",
        "font-src 'self'",
        "connect-src 'self' https://${RestAPI}.execute-api.${AWS::Region}.${AWS::URLSuffix} " + DATA_BUCKET_ORIGINS,
        "manifest-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "upgrade-insecure-requests",
    ]
)

#: Regions CloudFront does not deliver standard logs to (opt-in Regions): there the `WebLogsBucket`
#: parameter names a bucket elsewhere, or the distribution logs nothing
CLOUDFRONT_NO_LOG_REGIONS = (
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-south-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-7",
    "ca-west-1",
    "eu-central-2",
    "eu-south-1",
    "eu-south-2",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
)


def _any_region(regions: tuple[str, ...]) -> dict[str, Any]:
    """A condition true in any of ``regions`` (`Fn::Or` takes at most 10, so they nest)."""
    equals: list[Any] = [{"Fn::Equals": [{"Ref": "AWS::Region"}, r]} for r in regions]
    while len(equals) > 10:
        equals = [{"Fn::Or": equals[:9]}, *equals[9:]]
    return {"Fn::Or": equals} if len(equals) > 1 else equals[0]


def _web() -> dict[str, Any]:
    """The web client: a private bucket served only through CloudFront (origin access control), HTTPS,
    compressed, client-side routes answered with index.html, no caching of index.html/config.json, security
    headers on every answer, standard logs, and (given) a custom domain with TLS 1.2 at least and a web ACL."""
    distribution = {"Fn::Sub": "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${WebDistribution}"}
    no_cache = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"  # AWS managed policy CachingDisabled
    optimized = "658327ea-f89d-4fab-a63d-7e88639e58f6"  # AWS managed policy CachingOptimized
    headers = {"Ref": "WebSecurityHeaders"}
    logs_bucket = {
        "Fn::If": [
            "HasWebLogsBucket",
            {"Ref": "WebLogsBucket"},
            {"Fn::GetAtt": ["LogsBucket", "DomainName"]},
        ]
    }
    return {
        "WebBucket": {
            "Type": "AWS::S3::Bucket",
            "Properties": PRIVATE_BUCKET,
        },
        "WebOriginAccess": {
            "Type": "AWS::CloudFront::OriginAccessControl",
            "Properties": {
                "OriginAccessControlConfig": {
                    "Name": {"Fn::Sub": "${AWS::StackName}-web"},
                    "OriginAccessControlOriginType": "s3",
                    "SigningBehavior": "always",
                    "SigningProtocol": "sigv4",
                }
            },
        },
        "WebSecurityHeaders": {
            "Type": "AWS::CloudFront::ResponseHeadersPolicy",
            "Properties": {
                "ResponseHeadersPolicyConfig": {
                    "Name": {"Fn::Sub": "${AWS::StackName}-web-security"},
                    "SecurityHeadersConfig": {
                        "StrictTransportSecurity": {
                            "AccessControlMaxAgeSec": HSTS_SECONDS,
                            "IncludeSubdomains": True,
                            "Override": True,
                        },
                        "ContentSecurityPolicy": {
                            "ContentSecurityPolicy": {"Fn::Sub": CONTENT_SECURITY_POLICY},
                            "Override": True,
                        },
                        "ContentTypeOptions": {"Override": True},
                        "FrameOptions": {"FrameOption": "DENY", "Override": True},
                        "ReferrerPolicy": {"ReferrerPolicy": "no-referrer", "Override": True},
                    },
                    "CustomHeadersConfig": {
                        "Items": [
                            {
                                "Header": "Permissions-Policy",
                                "Value": "camera=(), microphone=(), payment=(), usb=(), geolocation=(self)",
                                "Override": True,
                            }
                        ]
                    },
                }
            },
        },
        "WebDistribution": {
            "Type": "AWS::CloudFront::Distribution",
            "Properties": {
                "DistributionConfig": {
                    "Enabled": True,
                    "HttpVersion": "http2and3",
                    "DefaultRootObject": "index.html",
                    "Aliases": {"Fn::If": ["HasWebDomain", [{"Ref": "WebDomainName"}], {"Ref": "AWS::NoValue"}]},
                    "ViewerCertificate": {
                        "Fn::If": [
                            "HasWebDomain",
                            {
                                "AcmCertificateArn": {"Ref": "WebCertificateArn"},
                                "SslSupportMethod": "sni-only",
                                "MinimumProtocolVersion": "TLSv1.2_2021",
                            },
                            {"CloudFrontDefaultCertificate": True},
                        ]
                    },
                    "WebACLId": {"Fn::If": ["HasWebAcl", {"Ref": "WebAclArn"}, {"Ref": "AWS::NoValue"}]},
                    "Logging": {
                        "Fn::If": [
                            "LogsWeb",
                            {"Bucket": logs_bucket, "Prefix": "cloudfront/", "IncludeCookies": False},
                            {"Ref": "AWS::NoValue"},
                        ]
                    },
                    "Origins": [
                        {
                            "Id": "web",
                            "DomainName": {"Fn::GetAtt": ["WebBucket", "RegionalDomainName"]},
                            "S3OriginConfig": {"OriginAccessIdentity": ""},
                            "OriginAccessControlId": {"Fn::GetAtt": ["WebOriginAccess", "Id"]},
                        }
                    ],
                    "DefaultCacheBehavior": {
                        "TargetOriginId": "web",
                        "ViewerProtocolPolicy": "redirect-to-https",
                        "Compress": True,
                        "CachePolicyId": optimized,
                        "ResponseHeadersPolicyId": headers,
                    },
                    "CacheBehaviors": [
                        {
                            "PathPattern": path,
                            "TargetOriginId": "web",
                            "ViewerProtocolPolicy": "redirect-to-https",
                            "Compress": True,
                            "CachePolicyId": no_cache,
                            "ResponseHeadersPolicyId": headers,
                        }
                        for path in ("/index.html", "/config.json", "/sw.js")
                    ],
                    "CustomErrorResponses": [
                        {"ErrorCode": code, "ResponseCode": 200, "ResponsePagePath": "/index.html"}
                        for code in (403, 404)
                    ],
                }
            },
        },
        "WebBucketPolicy": {
            "Type": "AWS::S3::BucketPolicy",
            "Properties": {
                "Bucket": {"Ref": "WebBucket"},
                "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        _deny_without_tls({"Fn::GetAtt": ["WebBucket", "Arn"]}),
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "cloudfront.amazonaws.com"},
                            "Action": "s3:GetObject",
                            "Resource": {"Fn::Sub": "${WebBucket.Arn}/*"},
                            "Condition": {"StringEquals": {"AWS:SourceArn": distribution}},
                        },
                    ],
                },
            },
        },
    }


def function_names(app: Chalice) -> list[str]:
    """Chalice's names of every Lambda the app packages (API handler, authorizers, event handlers)."""
    names = ["api_handler"] if app.routes else []
    names += sorted(
        {route.authorizer.name for paths in app.routes.values() for route in paths.values() if route.authorizer}
    )
    names += [f.name for f in app.pure_lambda_functions]
    names += [s.name for s in app.event_sources]
    return names


def _not_empty(parameter: str) -> dict[str, Any]:
    return {"Fn::Not": [{"Fn::Equals": [{"Ref": parameter}, ""]}]}


CONDITIONS: dict[str, Any] = {
    "HasAppUrl": _not_empty("AppUrl"),
    "HasWebDomain": {"Fn::And": [_not_empty("WebDomainName"), _not_empty("WebCertificateArn")]},
    "HasWebAcl": _not_empty("WebAclArn"),
    "HasWebLogsBucket": _not_empty("WebLogsBucket"),
    "CloudFrontLogsHere": {"Fn::Not": [_any_region(CLOUDFRONT_NO_LOG_REGIONS)]},
    "LogsWeb": {"Fn::Or": [{"Condition": "HasWebLogsBucket"}, {"Condition": "CloudFrontLogsHere"}]},
}

PARAMETERS: dict[str, Any] = {
    "AppSecretName": {
        "Type": "String",
        "Default": "kinerja/app-secret",
        "Description": "Secrets Manager secret (32+ random chars), read at run time: signs tokens, seals "
        "temporary passwords. Rotate with put-secret-value; the previous version keeps verifying.",
    },
    "WhatsAppSecretName": {
        "Type": "String",
        "Default": "kinerja/whatsapp",
        "Description": 'Secrets Manager secret holding the WhatsApp provider\'s token as JSON: {"fonnte_token": '
        '"…"} or {"wa_cloud_token": "…"}. Read at run time by the functions that send WhatsApp messages.',
    },
    "WhatsAppWebhookSecretName": {
        "Type": "String",
        "Default": "kinerja/whatsapp-webhook",
        "Description": "Secrets Manager secret verifying the inbound WhatsApp webhooks, as JSON: "
        '{"wa_cloud_app_secret": "…", "wa_cloud_verify_token": "…"} (Cloud API) or {"fonnte_webhook_token": "…"} '
        '(Fonnte). Read at run time by the API only (README "Configuration").',
    },
    "WhatsAppInbound": {
        "Type": "String",
        "Default": "",
        "Description": "which SKPD answers each receiving WhatsApp account: cloud:<phone_number_id>=<skpd>,"
        "fonnte:<device number>=<skpd> (comma-separated; empty: the webhooks queue nothing)",
    },
    "WhatsAppProvider": {
        "Type": "String",
        "Default": "fonnte",
        "AllowedValues": ["fonnte", "cloud", "outbox"],
        "Description": "outbox only sends nothing and records messages (secrets masked) for GET /admin/outbox",
    },
    "EKinerjaClient": {
        "Type": "String",
        "Default": "recording",
        "AllowedValues": ["recording"],
        "Description": "who receives approved reports for e-Kinerja: recording only records what would be sent "
        "(outbox, recipient e-kinerja:<nip>); an office with BKN's credentials adds its client (docs/ekinerja.md)",
    },
    "SesSender": {
        "Type": "String",
        "Default": "no-reply@example.go.id",
        "Description": "the verified address e-mail is sent from (a bare address); the only one the roles may use",
    },
    "AppUrl": {
        "Type": "String",
        "Default": "",
        "Description": "the web client's own address, if it has one (default: https://WebDomainName, else its "
        "CloudFront address)",
    },
    "WebDomainName": {
        "Type": "String",
        "Default": "",
        "Description": "a custom domain for the web client (with WebCertificateArn); CloudFront then refuses TLS "
        "below 1.2, which the default *.cloudfront.net certificate cannot",
    },
    "WebCertificateArn": {
        "Type": "String",
        "Default": "",
        "Description": "ACM certificate of WebDomainName, issued in us-east-1 (CloudFront's Region)",
    },
    "WebAclArn": {
        "Type": "String",
        "Default": "",
        "Description": "an existing WAFv2 web ACL of scope CLOUDFRONT (created in us-east-1) for the web client",
    },
    "WebLogsBucket": {
        "Type": "String",
        "Default": "",
        "Description": "bucket domain (name.s3.amazonaws.com, ACLs enabled) for CloudFront's standard logs; needed "
        "in Regions CloudFront does not log to (opt-in Regions such as ap-southeast-3), else the stack's own",
    },
}


def merge_template(app: Chalice) -> dict[str, Any]:
    """Everything `chalice package --merge-template` should add to or change in Chalice's SAM template."""
    resources: dict[str, Any] = {table_resource_name(t): _table(t, d) for t, d in TABLES.items()}
    resources.update(_buckets())
    resources["StreamFailures"] = _dead_letters()
    resources["NotificationsFailures"] = _dead_letters()
    resources["NotificationsQueue"] = _queue("NotificationsFailures", visibility=180, receives=5)
    resources["ExportsFailures"] = _dead_letters()
    resources["ExportsQueue"] = _queue("ExportsFailures", visibility=960, receives=3)
    resources.update(_function_resources(app))
    for source in app.event_sources:
        if isinstance(source, DynamoDBEventConfig):
            table = table_resource_name(table_of_placeholder(source.stream_arn))
            event_name = to_cfn_resource_name(f"{source.name}-dynamodb-event-source")
            resources[to_cfn_resource_name(source.name)]["Properties"]["Events"] = {
                event_name: {
                    "Properties": {
                        "Stream": {"Fn::GetAtt": [table, "StreamArn"]},
                        "FunctionResponseTypes": ["ReportBatchItemFailures"],
                        "BisectBatchOnFunctionError": True,
                        "MaximumRetryAttempts": STREAM_MAX_RETRIES,
                        "MaximumRecordAgeInSeconds": STREAM_MAX_RECORD_AGE_SECONDS,
                        "DestinationConfig": {"OnFailure": {"Destination": {"Fn::GetAtt": ["StreamFailures", "Arn"]}}},
                    }
                }
            }
    for source in app.event_sources:
        if isinstance(source, SQSEventConfig):
            event_name = to_cfn_resource_name(f"{source.name}-sqs-event-source")
            queue = QUEUES[source.queue_arn.rsplit(":", 1)[-1]]
            resources[to_cfn_resource_name(source.name)]["Properties"]["Events"] = {
                event_name: {
                    "Properties": {
                        "Queue": {"Fn::GetAtt": [queue, "Arn"]},
                        "FunctionResponseTypes": ["ReportBatchItemFailures"],
                    }
                }
            }
    resources["RosterImport"]["Properties"]["Events"] = {
        "RosterDropped": {
            "Type": "S3",
            "Properties": {
                "Bucket": {"Ref": "DataBucket"},
                "Events": "s3:ObjectCreated:*",
                "Filter": {"S3Key": {"Rules": [{"Name": "prefix", "Value": "imports/"}]}},
            },
        }
    }
    resources.update(_api())
    resources.update(_web())
    for kind, (status, code, message) in refusals.GATEWAY.items():
        resources[to_cfn_resource_name(kind.lower()) + "Response"] = _error_response(kind, str(status), code, message)
    return {
        "Conditions": CONDITIONS,
        "Parameters": PARAMETERS,
        "Rules": {
            "WebDomainNeedsItsCertificate": {
                "RuleCondition": _not_empty("WebDomainName"),
                "Assertions": [
                    {
                        "Assert": _not_empty("WebCertificateArn"),
                        "AssertDescription": "WebDomainName needs WebCertificateArn (ACM, us-east-1)",
                    }
                ],
            }
        },
        "Globals": {
            "Function": {
                "Environment": {
                    "Variables": {
                        "TABLE_PREFIX": {"Fn::Sub": "${AWS::StackName}-"},
                        "BUCKET_NAME": BUCKET_NAME,
                        "KINERJA_SECRET_ID": {"Ref": "AppSecretName"},
                        "WHATSAPP_SECRET_ID": {"Ref": "WhatsAppSecretName"},
                        "WHATSAPP_WEBHOOK_SECRET_ID": {"Ref": "WhatsAppWebhookSecretName"},
                        "WHATSAPP_INBOUND": {"Ref": "WhatsAppInbound"},
                        "WHATSAPP_PROVIDER": {"Ref": "WhatsAppProvider"},
                        "EKINERJA_CLIENT": {"Ref": "EKinerjaClient"},
                        "SES_SENDER": {"Ref": "SesSender"},
                        "APP_URL": _WEB_URL,
                        "API_URL": {"Fn::Sub": "https://${RestAPI}.execute-api.${AWS::Region}.${AWS::URLSuffix}/api"},
                        "WEB_ORIGIN": _WEB_URL,
                        "NOTIFICATIONS_QUEUE_URL": {"Ref": "NotificationsQueue"},
                        "EXPORTS_QUEUE_URL": {"Ref": "ExportsQueue"},
                    }
                }
            }
        },
        "Resources": resources,
        "Outputs": {
            "DataBucketName": {"Value": {"Ref": "DataBucket"}},
            "LogsBucketName": {"Value": {"Ref": "LogsBucket"}},
            "WebBucketName": {"Value": {"Ref": "WebBucket"}},
            "WebUrl": {"Value": _WEB_URL},
            "WebDistributionId": {"Value": {"Ref": "WebDistribution"}},
            "StreamFailuresQueue": {"Value": {"Ref": "StreamFailures"}},
        },
    }
