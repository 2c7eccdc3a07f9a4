"""One contract, two implementations: the object store in memory and on S3 (moto's server in the test stack)."""

from __future__ import annotations

import base64
import json
import uuid
from urllib.parse import unquote

import pytest
import requests


@pytest.fixture(params=["memory", "s3"])
def objects(request):
    if request.param == "memory":
        from chalicelib.integrations.memory import InMemoryObjectStore

        return InMemoryObjectStore()
    request.getfixturevalue("stack")
    from chalicelib.config import settings
    from chalicelib.integrations.aws import client
    from chalicelib.integrations.storage import S3ObjectStore

    return S3ObjectStore(client("s3"), settings().bucket)


@pytest.fixture
def prefix() -> str:
    return f"contract/{uuid.uuid4().hex}/"  # tests share the bucket


class TestObjectStoreContract:
    def test_bytes_come_back_as_stored_and_absent_keys_are_none(self, objects, prefix):
        objects.put_bytes(f"{prefix}a.pdf", b"%PDF-1.7 isi", "application/pdf")
        assert objects.get_bytes(f"{prefix}a.pdf", 100) == b"%PDF-1.7 isi"
        assert objects.get_bytes(f"{prefix}missing.pdf", 100) is None
        objects.put_bytes(f"{prefix}a.pdf", b"baru", "application/pdf")  # a put replaces
        assert objects.get_bytes(f"{prefix}a.pdf", 100) == b"baru"

    def test_an_object_larger_than_asked_for_is_refused(self, objects, prefix):
        objects.put_bytes(f"{prefix}big.bin", b"x" * 11, "application/octet-stream")
        with pytest.raises(ValueError, match="more than 10"):
            objects.get_bytes(f"{prefix}big.bin", 10)
        assert objects.get_bytes(f"{prefix}big.bin", 11) == b"x" * 11

    def test_json_round_trips_with_its_unicode(self, objects, prefix):
        value = {"nama": "Dewi Lestari", "catatan": "Ruang tunggu ✓", "baris": [1, 2]}
        objects.put_json(f"{prefix}hasil.json", value)
        assert objects.get_json(f"{prefix}hasil.json") == value
        assert objects.get_json(f"{prefix}tidak-ada.json") is None

    def test_a_prefix_is_found_by_any_object_under_it(self, objects, prefix):
        assert not objects.any_with_prefix(prefix)
        objects.put_bytes(f"{prefix}impor/1.csv", b"nip;nama", "text/csv")
        assert objects.any_with_prefix(f"{prefix}impor/")
        assert objects.any_with_prefix(f"{prefix}impor/1")
        assert not objects.any_with_prefix(f"{prefix}impor/2")

    def test_head_gives_the_size_and_first_bytes(self, objects, prefix):
        objects.put_bytes(f"{prefix}surat.pdf", b"%PDF-1.7" + b"0" * 92, "application/pdf")
        assert objects.head(f"{prefix}surat.pdf", 8) == (100, b"%PDF-1.7")
        assert objects.head(f"{prefix}surat.pdf", 500) == (100, b"%PDF-1.7" + b"0" * 92)
        assert objects.head(f"{prefix}missing.pdf", 8) is None
        objects.put_bytes(f"{prefix}empty.pdf", b"", "application/pdf")
        assert objects.head(f"{prefix}empty.pdf", 8) == (0, b"")

    def test_a_deleted_object_is_gone_and_deleting_twice_is_harmless(self, objects, prefix):
        objects.put_bytes(f"{prefix}x.pdf", b"%PDF", "application/pdf")
        objects.delete(f"{prefix}x.pdf")
        assert objects.get_bytes(f"{prefix}x.pdf", 10) is None and objects.head(f"{prefix}x.pdf", 4) is None
        assert not objects.any_with_prefix(prefix)
        objects.delete(f"{prefix}x.pdf")

    def test_presigned_links_name_the_key_and_the_upload_form_binds_key_and_type(self, objects, prefix):
        key = f"{prefix}laporan bulan.xlsx"
        link = objects.presigned_get(key, 300, "laporan.xlsx")
        assert link.startswith(("http://", "https://")) and key in unquote(link) and "laporan.xlsx" in unquote(link)
        form = objects.presigned_post(f"{prefix}bukti.jpg", "image/jpeg", 1024, 300)
        assert form["url"].startswith(("http://", "https://"))
        assert form["fields"]["key"] == f"{prefix}bukti.jpg" and form["fields"]["Content-Type"] == "image/jpeg"

    def test_a_copy_has_the_bytes_and_type_and_no_tags(self, objects, prefix):
        objects.put_bytes(f"{prefix}unggah.pdf", b"%PDF-1.7 asli", "application/pdf")
        objects.copy(f"{prefix}unggah.pdf", f"{prefix}checked/unggah.pdf")
        assert objects.get_bytes(f"{prefix}checked/unggah.pdf", 100) == b"%PDF-1.7 asli"
        assert objects.head(f"{prefix}checked/unggah.pdf", 8) == (13, b"%PDF-1.7")
        objects.put_bytes(f"{prefix}unggah.pdf", b"lain", "text/html")  # the source changing later
        assert objects.get_bytes(f"{prefix}checked/unggah.pdf", 100) == b"%PDF-1.7 asli"  # leaves the copy
        assert objects.tags(f"{prefix}checked/unggah.pdf") == {} and objects.tags(f"{prefix}missing.pdf") == {}

    def test_the_upload_form_carries_its_tags_and_a_copy_drops_them(self, objects, prefix):
        key = f"{prefix}bukti.pdf"
        form = objects.presigned_post(key, "application/pdf", 1024, 300, tags={"kinerja-upload": "pending"})
        xml = "<Tagging><TagSet><Tag><Key>kinerja-upload</Key><Value>pending</Value></Tag></TagSet></Tagging>"
        assert form["fields"]["tagging"] == xml
        assert "tagging" not in objects.presigned_post(key, "application/pdf", 1024, 300)["fields"]
        if hasattr(objects, "upload"):  # the twin: a client's post, as the form says
            objects.upload(key, b"%PDF-1.7", "application/pdf")
        else:
            policy = json.loads(base64.b64decode(form["fields"]["policy"]))
            assert {"tagging": xml} in policy["conditions"] and {"key": key} in policy["conditions"]
            posted = requests.post(
                form["url"], data=form["fields"], files={"file": ("b.pdf", b"%PDF-1.7", "application/pdf")}, timeout=10
            )
            assert posted.status_code == 204, posted.text  # moto takes the field, but (5.x) does not apply it:
            objects._s3.put_object_tagging(  # tag it as S3 does from the form's field
                Bucket=objects.bucket, Key=key, Tagging={"TagSet": [{"Key": "kinerja-upload", "Value": "pending"}]}
            )
        assert objects.tags(key) == {"kinerja-upload": "pending"}
        objects.copy(key, f"{prefix}checked/bukti.pdf")
        assert objects.tags(f"{prefix}checked/bukti.pdf") == {} and objects.tags(key) == {"kinerja-upload": "pending"}

    def test_a_multipart_upload_becomes_one_object_and_an_aborted_one_leaves_nothing(self, objects, prefix):
        five_mib = 5 * 2**20
        upload_id = objects.create_multipart_upload(f"{prefix}rekap.zip", "application/zip")
        etags = [
            objects.upload_part(f"{prefix}rekap.zip", upload_id, 1, b"a" * five_mib),
            objects.upload_part(f"{prefix}rekap.zip", upload_id, 2, b"akhir"),
        ]
        assert objects.get_bytes(f"{prefix}rekap.zip", 10) is None  # nothing until completed
        objects.complete_multipart_upload(f"{prefix}rekap.zip", upload_id, etags)
        assert objects.head(f"{prefix}rekap.zip", 3) == (five_mib + 5, b"aaa")
        assert objects.get_bytes(f"{prefix}rekap.zip", five_mib + 5)[-5:] == b"akhir"
        dropped = objects.create_multipart_upload(f"{prefix}batal.zip", "application/zip")
        objects.upload_part(f"{prefix}batal.zip", dropped, 1, b"b" * five_mib)
        objects.abort_multipart_upload(f"{prefix}batal.zip", dropped)
        assert objects.head(f"{prefix}batal.zip", 1) is None
