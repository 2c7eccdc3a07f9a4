"""The shared upload mechanism over the in-memory twins: the final key, the pending tag, single use."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from chalicelib.domain.errors import Conflict, NotFound
from chalicelib.domain.uploads import FileRule
from chalicelib.integrations.memory import InMemoryObjectStore
from chalicelib.services.uploads import FORM_TTL_SECONDS, UploadService, final_key
from chalicelib.store.memory import InMemoryUsedLinks
from tests.support import payload

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
RULE = FileRule(1024, {"application/pdf": ".pdf"}, fallback_name="dokumen")
PDF = b"%PDF-1.7\n" + b"0" * 100
CTX = {"purpose": "record", "nip": "196003121983041382"}


def _file(name: str, size: int):
    """The record upload's request model, as the route hands it over."""
    return payload("RecordUploadRequest", filename=name, content_type="application/pdf", size=size)


@pytest.fixture
def world():
    objects = InMemoryObjectStore()
    return objects, UploadService(objects, InMemoryUsedLinks(), keys="k" * 32, clock=lambda: NOW)


def _offered(world, data=PDF):
    objects, uploads = world
    offer = uploads.offer(RULE, "records/196003121983041382", CTX, _file("piagam.pdf", len(data)))
    objects.upload(offer["upload"]["fields"]["key"], data, "application/pdf")  # the client's post
    return offer


def test_the_final_key_is_one_no_form_names():
    assert final_key("records/1/abc.pdf") == "records/1/checked/abc.pdf"
    assert final_key("archive/1/DRH/abc.pdf") == "archive/1/DRH/checked/abc.pdf"


def test_accept_moves_the_checked_file_to_its_untagged_final_key(world):
    objects, uploads = world
    offer = _offered(world)
    key = offer["upload"]["fields"]["key"]
    assert offer["expires_in"] == FORM_TTL_SECONDS == 300
    assert objects.tags(key) == {"kinerja-upload": "pending"}
    stored = uploads.accept(RULE, CTX, offer["upload_token"])
    assert stored.key == final_key(key) and stored.size == len(PDF)
    assert key not in objects.objects and objects.objects[stored.key] == PDF
    assert objects.tags(stored.key) == {}


def test_a_preview_takes_nothing_and_a_slip_is_accepted_once(world):
    objects, uploads = world
    offer = _offered(world)
    key = offer["upload"]["fields"]["key"]
    assert uploads.check(RULE, CTX, offer["upload_token"]).key == key  # still where it was
    first = uploads.accept(RULE, CTX, offer["upload_token"])
    for again in (uploads.accept, uploads.check):
        with pytest.raises(Conflict) as used:
            again(RULE, CTX, offer["upload_token"])
        assert used.value.code == "UPLOAD_ALREADY_USED"
    objects.upload(key, b"<html>", "application/pdf")  # the form posted again
    with pytest.raises(Conflict):
        uploads.accept(RULE, CTX, offer["upload_token"])
    assert objects.objects[first.key] == PDF
    assert uploads.accepted_key(CTX, offer["upload_token"]) == first.key


def test_a_slip_not_yet_uploaded_stays_usable(world):
    objects, uploads = world
    offer = uploads.offer(RULE, "records/1", CTX, _file("a.pdf", len(PDF)))
    with pytest.raises(NotFound) as missing:
        uploads.accept(RULE, CTX, offer["upload_token"])
    assert missing.value.code == "UPLOAD_NOT_FOUND"
    objects.upload(offer["upload"]["fields"]["key"], PDF, "application/pdf")
    assert uploads.accept(RULE, CTX, offer["upload_token"]).size == len(PDF)


def test_of_racing_accepts_one_takes_the_file(world):
    _, uploads = world
    offer = _offered(world)
    barrier, outcomes, lock = threading.Barrier(6), [], threading.Lock()

    def take():
        barrier.wait()
        try:
            result = uploads.accept(RULE, CTX, offer["upload_token"]).key
        except Conflict as exc:
            result = exc.code
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=take) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(outcomes) == 6
    assert sorted(outcomes).count("UPLOAD_ALREADY_USED") == 5
