"""A file streamed into the object store in parts (`integrations/upload_stream.py`), against the in-memory twin."""

from __future__ import annotations

import io
import zipfile

import pytest

from chalicelib.integrations.memory import InMemoryObjectStore
from chalicelib.integrations.upload_stream import MIN_PART_BYTES, MultipartUpload

PART = MIN_PART_BYTES


class _Recording(InMemoryObjectStore):
    """The twin, keeping the size of every part sent and failing the part numbered ``fail_at``."""

    def __init__(self, fail_at: int | None = None) -> None:
        super().__init__()
        self.part_sizes: list[int] = []
        self.aborted: list[str] = []
        self.puts = 0
        self.fail_at = fail_at

    def upload_part(self, key: str, upload_id: str, number: int, data: bytes) -> str:
        if number == self.fail_at:
            raise ConnectionError("S3 tidak menjawab")
        self.part_sizes.append(len(data))
        return super().upload_part(key, upload_id, number, data)

    def abort_multipart_upload(self, key: str, upload_id: str) -> None:
        self.aborted.append(upload_id)
        super().abort_multipart_upload(key, upload_id)

    def put_bytes(self, key: str, data: bytes, content_type: str) -> None:
        self.puts += 1
        super().put_bytes(key, data, content_type)


def test_parts_are_whole_but_the_last_and_the_object_is_the_bytes_written():
    store = _Recording()
    data = bytes(range(256)) * (PART * 2 // 256 + 1000)  # two whole parts and a bit
    with MultipartUpload(store, "exports/a.pdf", "application/pdf", part_bytes=PART) as out:
        for start in range(0, len(data), 700_001):  # writes that do not line up with the parts
            out.write(data[start : start + 700_001])
    assert store.part_sizes == [PART, PART, len(data) - 2 * PART]
    assert store.objects["exports/a.pdf"] == data and store.content_types["exports/a.pdf"] == "application/pdf"
    assert store.uploads == {} and store.puts == 1  # the one put: the twin assembling the completed parts


def test_memory_holds_at_most_one_part_whatever_was_written():
    store = _Recording()
    out = MultipartUpload(store, "exports/b.xlsx", "application/zip", part_bytes=PART)
    for _ in range(7):
        out.write(b"x" * (PART // 2 + 3))
        assert len(out._buffer) < PART
    out.complete()
    assert out.size == 7 * (PART // 2 + 3) and len(store.objects["exports/b.xlsx"]) == out.size


def test_a_file_smaller_than_a_part_is_one_put():
    store = _Recording()
    with MultipartUpload(store, "exports/c.pdf", "application/pdf") as out:
        out.write(b"%PDF-1.7 kecil")
    assert store.objects["exports/c.pdf"] == b"%PDF-1.7 kecil" and store.part_sizes == [] and store.puts == 1


def test_a_failure_while_writing_aborts_the_upload_and_stores_nothing():
    store = _Recording()
    out = MultipartUpload(store, "exports/d.pdf", "application/pdf", part_bytes=PART)
    with pytest.raises(RuntimeError, match="gagal"), out:
        out.write(b"y" * (PART + 10))  # one part sent
        raise RuntimeError("gagal membuat berkas")
    assert len(store.aborted) == 1 and store.uploads == {} and "exports/d.pdf" not in store.objects


def test_a_part_that_cannot_be_sent_aborts_the_upload():
    store = _Recording(fail_at=2)
    out = MultipartUpload(store, "exports/e.pdf", "application/pdf", part_bytes=PART)
    out.write(b"z" * PART)
    with pytest.raises(ConnectionError):
        out.write(b"z" * PART)
    assert len(store.aborted) == 1 and store.uploads == {} and "exports/e.pdf" not in store.objects
    with pytest.raises(ValueError, match="finished"):
        out.write(b"z")
    out.abort()  # harmless once aborted
    assert len(store.aborted) == 1


def test_parts_under_five_mib_are_refused():
    with pytest.raises(ValueError, match="at least"):
        MultipartUpload(InMemoryObjectStore(), "exports/f.pdf", "application/pdf", part_bytes=1024)


def test_the_twin_refuses_a_small_part_before_the_last_as_s3_does():
    store = InMemoryObjectStore()
    upload_id = store.create_multipart_upload("k", "application/pdf")
    etags = [store.upload_part("k", upload_id, 1, b"kecil"), store.upload_part("k", upload_id, 2, b"akhir")]
    with pytest.raises(ValueError, match="EntityTooSmall"):
        store.complete_multipart_upload("k", upload_id, etags)
    store.abort_multipart_upload("k", upload_id)
    with pytest.raises(KeyError, match="NoSuchUpload"):
        store.upload_part("k", upload_id, 3, b"lagi")


def test_a_zip_streams_through_it_and_reads_back():
    store = _Recording()
    out = MultipartUpload(store, "exports/g.zip", "application/zip", part_bytes=PART)
    with out, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for n in range(3):
            archive.writestr(f"bagian-{n}.bin", bytes([n]) * (PART // 2))
    assert len(store.part_sizes) == 2 and store.part_sizes[0] == PART  # 7.5 MiB: one whole part, then the last
    with zipfile.ZipFile(io.BytesIO(store.objects["exports/g.zip"])) as archive:
        assert [archive.read(f"bagian-{n}.bin") == bytes([n]) * (PART // 2) for n in range(3)] == [True] * 3


def test_an_empty_file_is_one_put_of_no_bytes():
    store = _Recording()
    with MultipartUpload(store, "exports/kosong.pdf", "application/pdf", part_bytes=PART) as out:
        pass
    assert store.puts == 1 and store.part_sizes == [] and store.uploads == {}
    assert store.objects["exports/kosong.pdf"] == b"" and out.size == 0 and out.parts == 0


def test_a_file_of_exactly_one_part_is_one_part_and_no_empty_last_one():
    store = _Recording()
    data = bytes(range(256)) * (PART // 256)
    with MultipartUpload(store, "exports/satu.zip", "application/zip", part_bytes=PART) as out:
        out.write(data)
    assert store.part_sizes == [PART] and store.puts == 1  # the one put: completing makes the object
    assert store.objects["exports/satu.zip"] == data and store.uploads == {} and out.parts == 1


class _AbortFails(_Recording):
    def abort_multipart_upload(self, key: str, upload_id: str) -> None:
        raise TimeoutError("abort tidak sampai")


@pytest.mark.parametrize("where", ["part", "complete"])
def test_an_abort_that_fails_is_logged_and_the_first_error_is_raised(where, caplog, monkeypatch):
    store = _AbortFails(fail_at=2 if where == "part" else None)
    if where == "complete":
        monkeypatch.setattr(store, "complete_multipart_upload", lambda *a: (_ for _ in ()).throw(OSError("putus")))
    out = MultipartUpload(store, "exports/h.xlsx", "application/zip", part_bytes=PART)
    first = ConnectionError if where == "part" else OSError
    with pytest.raises(first) as raised:
        out.write(b"x" * (2 * PART))
        out.complete()
    assert not isinstance(raised.value, TimeoutError) and out.closed
    assert "aborting the upload of exports/h.xlsx failed" in caplog.text and "abort tidak sampai" in caplog.text


def test_leaving_the_block_on_an_error_keeps_that_error_when_the_abort_fails_too(caplog):
    store = _AbortFails()
    out = MultipartUpload(store, "k", "application/pdf", part_bytes=PART)
    with pytest.raises(KeyError, match="dibatalkan"), out:
        out.write(b"y" * PART)
        raise KeyError("dibatalkan")
    assert "abort tidak sampai" in caplog.text
