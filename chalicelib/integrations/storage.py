"""The data bucket: the `ObjectStore` interface the services use, and its S3 implementation.

`integrations/memory.py` has the in-memory twin; `tests/integration/test_object_store.py` runs one
contract against both (moto's S3 server in the test stack).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Protocol
from xml.sax.saxutils import escape

#: S3's limits on a multipart upload: parts other than the last at least 5 MiB, at most 10,000 parts (one
#: definition for the writer, `upload_stream.py`, and the twin that refuses what S3 refuses, `memory.py`)
MIN_PART_BYTES = 5 * 2**20
MAX_PARTS = 10_000


class ObjectStore(Protocol):
    """Objects by key: written by the services or uploaded by clients through a presigned form."""

    def put_bytes(self, key: str, data: bytes, content_type: str) -> None: ...
    def get_bytes(self, key: str, max_bytes: int) -> bytes | None: ...
    def put_json(self, key: str, value: Any) -> None: ...
    def get_json(self, key: str) -> Any | None: ...
    def any_with_prefix(self, prefix: str) -> bool: ...
    def presigned_post(
        self, key: str, content_type: str, max_bytes: int, expires: int, tags: Mapping[str, str] | None = None
    ) -> dict[str, Any]: ...
    def presigned_get(self, key: str, expires: int, filename: str | None = None) -> str: ...
    def head(self, key: str, length: int) -> tuple[int, bytes] | None: ...
    def delete(self, key: str) -> None: ...
    def copy(self, source: str, target: str) -> None: ...
    def tags(self, key: str) -> dict[str, str]: ...
    # a file written as it is produced (`integrations/upload_stream.py`): S3's multipart upload, where every part
    # but the last is at least 5 MiB and the parts become one object only when the upload is completed
    def create_multipart_upload(self, key: str, content_type: str) -> str: ...
    def upload_part(self, key: str, upload_id: str, number: int, data: bytes) -> str: ...
    def complete_multipart_upload(self, key: str, upload_id: str, etags: list[str]) -> None: ...
    def abort_multipart_upload(self, key: str, upload_id: str) -> None: ...


def tagging_xml(tags: Mapping[str, str]) -> str:
    """S3's XML tag set, the value of an upload form's ``tagging`` field."""
    tag_set = "".join(f"<Tag><Key>{escape(k)}</Key><Value>{escape(v)}</Value></Tag>" for k, v in tags.items())
    return f"<Tagging><TagSet>{tag_set}</TagSet></Tagging>"


class S3ObjectStore:
    """`ObjectStore` over one S3 bucket (moto's S3 server locally)."""

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

    def presigned_post(
        self, key: str, content_type: str, max_bytes: int, expires: int, tags: Mapping[str, str] | None = None
    ) -> dict[str, Any]:
        """A browser/mobile upload form for exactly ``key``, limited to ``content_type`` and ``max_bytes`` (S3
        enforces it on AWS); with ``tags``, the uploaded object carries them (the form's ``tagging`` field)."""
        fields = {"Content-Type": content_type}
        conditions: list[Any] = [{"Content-Type": content_type}, ["content-length-range", 1, max_bytes]]
        if tags:
            fields["tagging"] = tagging_xml(tags)
            conditions.append({"tagging": fields["tagging"]})
        return self._s3.generate_presigned_post(
            Bucket=self.bucket, Key=key, Fields=fields, Conditions=conditions, ExpiresIn=expires
        )

    def presigned_get(self, key: str, expires: int, filename: str | None = None) -> str:
        """A short-lived download link; with ``filename``, the browser saves the file under that name."""
        params: dict[str, Any] = {"Bucket": self.bucket, "Key": key}
        if filename:
            params["ResponseContentDisposition"] = f'attachment; filename="{filename}"'
        return self._s3.generate_presigned_url("get_object", Params=params, ExpiresIn=expires)

    def head(self, key: str, length: int) -> tuple[int, bytes] | None:
        """Size and first ``length`` bytes of an object, or ``None`` when it does not exist."""
        try:
            response = self._s3.get_object(Bucket=self.bucket, Key=key, Range=f"bytes=0-{length - 1}")
        except self._s3.exceptions.NoSuchKey:
            return None
        except self._s3.exceptions.ClientError as exc:
            if exc.response["Error"]["Code"] in ("InvalidRange", "416"):
                return 0, b""
            raise
        total = int(response.get("ContentRange", "/0").rsplit("/", 1)[-1] or response["ContentLength"])
        return total, response["Body"].read()

    def delete(self, key: str) -> None:
        self._s3.delete_object(Bucket=self.bucket, Key=key)

    def copy(self, source: str, target: str) -> None:
        """Copy ``source`` to ``target`` with its content type, without its tags (the copy carries none)."""
        self._s3.copy_object(
            Bucket=self.bucket,
            Key=target,
            CopySource={"Bucket": self.bucket, "Key": source},
            MetadataDirective="COPY",
            TaggingDirective="REPLACE",
            Tagging="",
        )

    def tags(self, key: str) -> dict[str, str]:
        """The object's tags (an absent object has none)."""
        try:
            tag_set = self._s3.get_object_tagging(Bucket=self.bucket, Key=key)["TagSet"]
        except self._s3.exceptions.ClientError as exc:
            if exc.response["Error"]["Code"] in ("404", "NoSuchKey", "NotFound"):
                return {}
            raise
        return {tag["Key"]: tag["Value"] for tag in tag_set}

    def create_multipart_upload(self, key: str, content_type: str) -> str:
        """Begin an object written in parts; the upload's id names it in the calls that follow."""
        return self._s3.create_multipart_upload(Bucket=self.bucket, Key=key, ContentType=content_type)["UploadId"]

    def upload_part(self, key: str, upload_id: str, number: int, data: bytes) -> str:
        """Part ``number`` (from 1) of the upload; its ETag, which completing the upload names."""
        response = self._s3.upload_part(Bucket=self.bucket, Key=key, UploadId=upload_id, PartNumber=number, Body=data)
        return response["ETag"]

    def complete_multipart_upload(self, key: str, upload_id: str, etags: list[str]) -> None:
        """The parts, in order (``etags[0]`` is part 1), become the object ``key``."""
        parts = [{"PartNumber": n, "ETag": etag} for n, etag in enumerate(etags, start=1)]
        self._s3.complete_multipart_upload(
            Bucket=self.bucket, Key=key, UploadId=upload_id, MultipartUpload={"Parts": parts}
        )

    def abort_multipart_upload(self, key: str, upload_id: str) -> None:
        """Drop the upload and the parts sent so far (S3 would otherwise keep, and bill, them)."""
        self._s3.abort_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload_id)
