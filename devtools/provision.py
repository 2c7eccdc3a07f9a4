"""Create the tables (from `chalicelib.store.schema`), the bucket and the SES sender when missing."""

from __future__ import annotations

from typing import Any

from chalicelib.config import Settings
from chalicelib.store.schema import TABLES


def create_table_request(name: str, definition: dict[str, Any]) -> dict[str, Any]:
    """Translate the CloudFormation-shaped definition into a CreateTable request."""
    request: dict[str, Any] = {
        "TableName": name,
        "AttributeDefinitions": definition["AttributeDefinitions"],
        "KeySchema": definition["KeySchema"],
        "BillingMode": "PAY_PER_REQUEST",
    }
    if "GlobalSecondaryIndexes" in definition:
        request["GlobalSecondaryIndexes"] = definition["GlobalSecondaryIndexes"]
    if "StreamSpecification" in definition:
        request["StreamSpecification"] = {"StreamEnabled": True, **definition["StreamSpecification"]}
    return request


def upgrade_table(dynamodb: Any, name: str, definition: dict[str, Any]) -> list[str]:
    """Bring a table kept from an earlier run (``make run``'s `.local/dynamodb`) up to the schema: a stream the
    table gained is enabled in place (the runner reads its ARN). An index it gained cannot be: DynamoDB Local
    accepts the UpdateTable but its queries on such an index fail, so that stops with how to reset the data.
    Returns what was added."""
    table = dynamodb.describe_table(TableName=name)["Table"]
    added = []
    wanted = definition.get("StreamSpecification")
    if wanted and not table.get("StreamSpecification", {}).get("StreamEnabled"):
        dynamodb.update_table(TableName=name, StreamSpecification={"StreamEnabled": True, **wanted})
        added.append("stream")
    have = {index["IndexName"] for index in table.get("GlobalSecondaryIndexes", [])}
    missing = [i["IndexName"] for i in definition.get("GlobalSecondaryIndexes", []) if i["IndexName"] not in have]
    if missing:
        raise RuntimeError(
            f"table {name} predates its index(es) {', '.join(missing)}, which DynamoDB Local cannot add to "
            "existing data: reset the local data with `rm -rf .local/dynamodb` (the demo loads again)"
        )
    return added


#: queue name → the environment variable that carries its URL
QUEUES = {"notifications": "NOTIFICATIONS_QUEUE_URL", "exports": "EXPORTS_QUEUE_URL"}


def provision(cfg: Settings, dynamodb: Any, s3: Any, ses: Any, sqs: Any) -> tuple[list[str], dict[str, str]]:
    """Idempotently create what is missing; returns the tables created and each queue's URL by env var."""
    existing = set(dynamodb.list_tables()["TableNames"])
    created = []
    for logical, definition in TABLES.items():
        name = cfg.table(logical)
        if name in existing:
            upgrade_table(dynamodb, name, definition)
            continue
        dynamodb.create_table(**create_table_request(name, definition))
        dynamodb.get_waiter("table_exists").wait(TableName=name)
        if "TimeToLiveSpecification" in definition:
            dynamodb.update_time_to_live(TableName=name, TimeToLiveSpecification=definition["TimeToLiveSpecification"])
        created.append(name)
    buckets = {b["Name"] for b in s3.list_buckets().get("Buckets", [])}
    if cfg.bucket not in buckets:
        s3.create_bucket(Bucket=cfg.bucket, CreateBucketConfiguration={"LocationConstraint": cfg.region})
    ses.verify_email_identity(EmailAddress=cfg.ses_sender)
    urls = {
        variable: sqs.create_queue(QueueName=cfg.table_prefix + name, Attributes={"VisibilityTimeout": "5"})["QueueUrl"]
        for name, variable in QUEUES.items()
    }
    return created, urls
