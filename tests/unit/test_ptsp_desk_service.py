"""The PTSP desk's use cases over the in-memory twins: the greeting is queued with the type's requirements, a queue
that cannot be reached leaves the record standing, and the worker sends each request's greeting once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.accounts import Actor, Role
from chalicelib.domain.errors import Conflict, Forbidden
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.organisation import Skpd
from chalicelib.integrations.memory import InMemoryEmail, InMemoryObjectStore, InMemoryQueue, InMemoryWhatsApp
from chalicelib.schemas import DeskListQuery, DeskRequestInput, InformationTypeEdit, InformationTypeInput
from chalicelib.schemas.base import validate
from chalicelib.services.citizen_messages import MESSAGE_KIND, CitizenMessages
from chalicelib.services.ptsp_desk import PtspDeskService
from chalicelib.store.memory import InMemoryRepositories

NOW = datetime(2026, 12, 7, 1, 30, tzinfo=UTC)  # 08.30 WIB
OFFICER = Actor(nip="198806122010012005", skpd_id="DINKES", roles=frozenset({Role.LAYANAN}))


class _BrokenQueue:
    def send_all(self, messages):
        raise ConnectionError("SQS tidak terjangkau")


def _service(queue=None):
    repos = InMemoryRepositories()
    repos.org.save_skpd(Skpd("DINKES", "Dinas Kesehatan", TimeZone.WIB))
    whatsapp = InMemoryWhatsApp()
    queue = queue or InMemoryQueue()
    email = InMemoryEmail()
    citizens = CitizenMessages(lambda: whatsapp, lambda: email, queue=lambda: queue, once=repos.once)
    service = PtspDeskService(
        repos.org,
        repos.employees,
        repos.ptsp_catalogue,
        repos.ptsp_desk,
        citizens,
        objects=InMemoryObjectStore(),
        url_ttl=300,
        clock=lambda: NOW,
    )
    return service, queue, whatsapp, citizens


def _type(service, name="Surat keterangan sehat"):
    body = validate(
        InformationTypeInput,
        {"name": name, "requirements": ["KTP asli"], "procedure": "Datang ke loket 2.", "keywords": ["Sehat"]},
    )
    return service.create_type(OFFICER, "DINKES", body)


def test_a_visitor_is_stored_with_the_desk_time_and_the_greeting_queued_then_sent_once():
    service, queue, whatsapp, citizens = _service()
    info = _type(service)
    body = validate(DeskRequestInput, {"name": "Siti", "whatsapp": "0812-3456-7890", "type_id": info["type_id"]})
    recorded = service.record(OFFICER, "DINKES", body)
    assert recorded["at"] == "2026-12-07T08:30:00" and recorded["whatsapp"] == "6281234567890"
    assert recorded["greeting_queued"] is True and recorded["recorded_by_name"] == OFFICER.nip
    [message] = queue.messages
    assert (
        message["kind"] == MESSAGE_KIND and "1. KTP asli" in message["text"] and "Datang ke loket 2." in message["text"]
    )
    assert whatsapp.sent == []
    for _ in range(2):  # the queue may deliver twice
        citizens.deliver(message)
    assert len(whatsapp.sent) == 1


def test_a_queue_that_cannot_be_reached_leaves_the_record_and_says_so():
    service, *_ = _service(_BrokenQueue())
    info = _type(service)
    body = validate(DeskRequestInput, {"name": "Siti", "whatsapp": "081234567890", "type_id": info["type_id"]})
    assert service.record(OFFICER, "DINKES", body)["greeting_queued"] is False
    listed = service.requests(OFFICER, "DINKES", validate(DeskListQuery, {}))
    assert [r["name"] for r in listed["items"]] == ["Siti"]


def test_a_stale_edit_is_a_conflict_and_another_office_is_forbidden():
    service, *_ = _service()
    info = _type(service)
    edit = {"name": "Surat sehat", "requirements": ["KTP"], "procedure": "Loket 1.", "version": 1}
    assert service.update_type(OFFICER, "DINKES", info["type_id"], validate(InformationTypeEdit, edit))["version"] == 2
    with pytest.raises(Conflict):
        service.update_type(OFFICER, "DINKES", info["type_id"], validate(InformationTypeEdit, edit))
    stranger = Actor(nip=OFFICER.nip, skpd_id="DISDIK", roles=frozenset({Role.LAYANAN}))
    with pytest.raises(Forbidden):
        service.types(stranger, "DINKES")
