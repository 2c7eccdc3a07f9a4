"""The data bucket: small typed helpers over S3 objects."""

from __future__ import annotations

import json
from typing import Any


class ObjectStore:
    def __init__(self, s3_client: Any, bucket: str) -> None:
        self._s3, self.bucket = s3_client, bucket

    def put_bytes(self, key: str, data: bytes, content_type: str) -> None:
        self._s3.put_object(Bucket=self.bucket, Key=key, Body=data, ContentType=content_type)

    def get_bytes(self, key: str, max_bytes: int) -> bytes | None:
        """The object's bytes, or ``None`` when absent; refuses objects larger than ``max_bytes``."""
        try:
            head = self._s3.head_object(Bucket=self.bucket, Key=key)
        except self._s3.exceptions.ClientError as exc:
            if exc.response["Error"]["Code"] in ("404", "NoSuchKey", "NotFound"):
                return None
            raise
        if head["ContentLength"] > max_bytes:
            raise ValueError(f"object {key} is {head['ContentLength']} bytes, more than {max_bytes}")
        return self._s3.get_object(Bucket=self.bucket, Key=key)["Body"].read()

    def put_json(self, key: str, value: Any) -> None:
        self.put_bytes(key, json.dumps(value, ensure_ascii=False).encode(), "application/json")

    def get_json(self, key: str) -> Any | None:
        data = self.get_bytes(key, 50 * 1024 * 1024)
        return None if data is None else json.loads(data)

    def any_with_prefix(self, prefix: str) -> bool:
        return bool(self._s3.list_objects_v2(Bucket=self.bucket, Prefix=prefix, MaxKeys=1).get("KeyCount"))
