"""Tracked citizen requests (issue 22) through the composition root over the in-memory twins: the first office
records and marks ready, the second decides in the one inbox, the citizen is told at each step; only the two
offices' LAYANAN officers see a request; the public page is rate-limited and shows nothing personal."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chalicelib.domain.accounts import Role
from chalicelib.domain.decisions import Decision, Verdict
from chalicelib.domain.errors import Conflict, Forbidden, NotFound, Throttled, ValidationError
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.organisation import Skpd
from chalicelib.services.citizen_messages import MESSAGE_KIND
from tests.support import payload
from tests.unit.world import SETTINGS, SKPD, Clock, World, actor, at

TARGET = "DISDUKCAPIL"
NOW = at("2026-12-07 02:00")


def make_world(**settings) -> World:
    w = World(Clock(NOW), config=replace(SETTINGS, **settings))
    w.org.save_skpd(Skpd(SKPD, "Dinas Kesehatan", TimeZone.WIB))
    w.org.save_skpd(Skpd(TARGET, "Dinas Kependudukan dan Pencatatan Sipil", TimeZone.WIB))
    return w


@pytest.fixture
def world() -> World:
    return make_world()


def officer(world: World, skpd: str = SKPD, name: str = "Rina"):
    person = world.person(skpd=skpd, name=name)
    return world.employees.save(replace(person, granted_roles=frozenset({Role.LAYANAN})), person.version)


def record(world, who, **change):
    body = {
        "citizen_name": "Siti Aminah",
        "whatsapp": "081299990001",
        "email": "siti@example.org",
        "case_number": "123/Pdt.G/2026/MS.Lsm",
        "updates": ["KK", "KTP"],
        "target_skpd_id": TARGET,
        **change,
    }
    return world.services.citizen_requests.record(actor(who, Role.LAYANAN), payload("CitizenRequestInput", body))


def ready(world, who, tracking, **body):
    service = world.services.citizen_requests
    return service.mark_ready(actor(who, Role.LAYANAN), tracking, payload("CitizenRequestReady", body))


def deliver(world: World) -> None:
    """The notification worker: what the steps queued (the API only queues), sent."""
    for message in world.clients.notifications.take():
        assert message["kind"] == MESSAGE_KIND
        world.services.citizen_messages.deliver(message)


def texts_to(world, number: str) -> list[str]:
    deliver(world)
    return [text for to, text in world.whatsapp.sent if to == number]


def test_the_whole_flow_across_two_offices_tells_the_citizen_and_the_second_office(world):
    first, second = officer(world), officer(world, TARGET, "Budi")
    made = record(world, first)
    tracking = made["tracking"]
    assert tracking.startswith("LY-2026-") and made["state"] == "RECORDED" and made["actions"] == ["ready", "cancel"]
    assert made["status_url"] == f"https://kinerja.test/status-permohonan/{tracking}"
    [told] = texts_to(world, "6281299990001")
    assert tracking in told and made["status_url"] in told
    assert [m[0] for m in world.mail.sent] == ["siti@example.org"]

    decider = actor(second, Role.LAYANAN)
    mine = [k for k in world.decisions.inbox(decider)["kinds"] if k["kind"] == "citizen_request"]
    assert mine == [{"kind": "citizen_request", "label": "Permohonan warga", "count": 0, "delegated": []}]
    with pytest.raises(NotFound):  # the second office sees nothing before it is ready: not even that it exists
        world.services.citizen_requests.get(decider, tracking)

    world.clock.advance(days=20)
    shown = ready(world, first, tracking, note="Putusan berkekuatan hukum tetap", document_ref="PUT-123", version=1)
    assert (shown["state"], shown["actions"], shown["document_ref"]) == ("READY", [], "PUT-123")
    [handed] = texts_to(world, second.whatsapp)
    assert tracking in handed and "Dinas Kesehatan" in handed
    assert [k["count"] for k in world.decisions.inbox(decider)["kinds"] if k["kind"] == "citizen_request"] == [1]
    queue = world.decisions.queue(decider, payload("VerificationQuery", {"kind": "citizen_request"}))
    [card] = queue["items"]
    assert (card["id"], card["verdicts"], card["employee"]["nip"]) == (tracking, ["APPROVE", "REJECT"], first.nip)
    assert ("Nomor perkara", "123/Pdt.G/2026/MS.Lsm") in [(s["label"], s["value"]) for s in card["summary"]]

    with pytest.raises(Forbidden):  # the first office does not decide its own hand-over
        world.decisions.decide(actor(first, Role.LAYANAN), "citizen_request", tracking, Decision(Verdict.APPROVE))
    world.clock.advance(days=1)
    decided = world.decisions.decide(decider, "citizen_request", tracking, Decision(Verdict.APPROVE))
    assert decided["status"] == "DONE"
    assert "ambil KTP/KK baru" in texts_to(world, "6281299990001")[-1]
    assert "ambil KTP/KK baru" in world.mail.sent[-1][2]
    steps = world.services.citizen_requests.get(decider, tracking)["steps"]
    assert [(s["action"], s["skpd_id"], s["by"], s["by_name"]) for s in steps] == [
        ("RECORDED", SKPD, first.nip, "Rina"),
        ("READY", SKPD, first.nip, "Rina"),
        ("DONE", TARGET, second.nip, "Budi"),
    ]
    with pytest.raises(Conflict):
        world.decisions.decide(decider, "citizen_request", tracking, Decision(Verdict.APPROVE))


def test_a_return_with_a_reason_goes_back_to_the_first_office_which_may_cancel(world):
    first, second = officer(world), officer(world, TARGET, "Budi")
    tracking = record(world, first, email=None)["tracking"]
    ready(world, first, tracking)
    decider = actor(second, Role.LAYANAN)
    with pytest.raises(ValidationError):
        world.decisions.decide(decider, "citizen_request", tracking, Decision(Verdict.REJECT))
    note = "Salinan putusan belum dilegalisasi"
    assert world.decisions.decide(decider, "citizen_request", tracking, Decision(Verdict.REJECT, note))["status"] == (
        "RETURNED"
    )
    assert note in texts_to(world, first.whatsapp)[-1]
    service = world.services.citizen_requests
    with pytest.raises(Forbidden):  # only the first office cancels
        service.cancel(decider, tracking, payload("CitizenRequestCancel", reason="Tidak lengkap"))
    cancelled = service.cancel(actor(first, Role.LAYANAN), tracking, payload("CitizenRequestCancel", reason="Ditarik"))
    assert cancelled["state"] == "CANCELLED" and "dibatalkan" in texts_to(world, "6281299990001")[-1]


def test_only_the_two_offices_layanan_officers_and_the_admin_see_a_request(world):
    first, second = officer(world), officer(world, TARGET, "Budi")
    tracking = record(world, first)["tracking"]
    ready(world, first, tracking)
    service = world.services.citizen_requests
    stranger = officer(world, "DISHUB", "Tono")
    plain = world.person()  # same SKPD as the first office, no LAYANAN role
    for who in (actor(plain), actor(plain, Role.KEPEGAWAIAN)):  # no LAYANAN role: refused outright
        with pytest.raises(Forbidden):
            service.get(who, tracking)
    with pytest.raises(NotFound) as hidden:  # an office not involved: answered like an unknown number
        service.get(actor(stranger, Role.LAYANAN), tracking)
    with pytest.raises(NotFound) as unknown:
        service.get(actor(stranger, Role.LAYANAN), "LY-2026-00000000")
    assert (hidden.value.code, hidden.value.message) == (unknown.value.code, unknown.value.message)
    assert service.get(actor(plain, Role.ADMIN), tracking)["tracking"] == tracking
    assert service.get(actor(second, Role.LAYANAN), tracking)["actions"] == []
    with pytest.raises(NotFound):
        service.get(actor(first, Role.LAYANAN), "LY-2026-00000000")
    with pytest.raises(Forbidden):
        service.record(
            actor(plain),
            payload(
                "CitizenRequestInput",
                {
                    "citizen_name": "X",
                    "whatsapp": "081299990002",
                    "case_number": "1",
                    "updates": ["KK"],
                    "target_skpd_id": TARGET,
                },
            ),
        )
    with pytest.raises(Forbidden):  # another office's list
        service.list(actor(first, Role.LAYANAN), payload("CitizenRequestQuery", {"skpd_id": TARGET}))
    mine = service.list(actor(first, Role.LAYANAN), payload("CitizenRequestQuery", {"state": "READY"}))
    theirs = service.list(actor(second, Role.LAYANAN), payload("CitizenRequestQuery", {"side": "target"}))
    assert [r["tracking"] for r in mine["items"]] == [r["tracking"] for r in theirs["items"]] == [tracking]
    none = service.list(actor(first, Role.LAYANAN), payload("CitizenRequestQuery", {"state": "DONE"}))
    assert none["items"] == []
    offices = service.offices(actor(first, Role.LAYANAN))["items"]
    assert [o["skpd_id"] for o in offices] == [TARGET]


def test_the_public_page_shows_office_and_date_only_and_is_404_alike_for_malformed_and_unknown(world):
    first = officer(world)
    made = record(world, first, description="Catatan: Siti Aminah")
    ready(world, first, made["tracking"], note="Putusan Siti", document_ref="PUT-123")
    service = world.services.citizen_requests
    shown = service.public_status("203.0.113.9", made["tracking"].lower())
    assert set(shown) == {"tracking", "state", "state_label", "origin_office", "target_office", "steps"}
    assert [s["office"] for s in shown["steps"]] == ["Dinas Kesehatan", "Dinas Kesehatan"]
    for personal in ("Siti", "123/Pdt", "6281299990001", "siti@", first.nip, "Rina", "PUT-123"):
        assert personal not in repr(shown)
    for wrong in ("LY-2026-00000000", "KR-2026-7F3K9Q2M", "../etc/passwd", ""):
        with pytest.raises(NotFound) as refused:
            service.public_status("203.0.113.9", wrong)
        assert refused.value.code == "REQUEST_NOT_FOUND"


def test_the_status_page_is_rate_limited_per_ip():
    world = make_world(request_status_per_ip=3)
    tracking = record(world, officer(world))["tracking"]
    service = world.services.citizen_requests
    for _ in range(3):
        service.public_status("203.0.113.9", tracking)
    with pytest.raises(Throttled):
        service.public_status("203.0.113.9", tracking)
    with pytest.raises(Throttled):
        service.public_status("203.0.113.9", "LY-2026-00000000")  # guessing costs the same
    assert service.public_status("203.0.113.10", tracking)["tracking"] == tracking


def test_the_population_registry_is_told_each_hand_over_and_done_and_its_log_holds_nothing_personal(world, caplog):
    first, second = officer(world), officer(world, TARGET, "Budi")
    tracking = record(world, first)["tracking"]
    with caplog.at_level("INFO", logger="kinerja.population_registry"):
        ready(world, first, tracking, note="Putusan Siti")
        world.decisions.decide(actor(second, Role.LAYANAN), "citizen_request", tracking, Decision(Verdict.APPROVE))
    events = [(r.getMessage(), r.tracking, r.origin_skpd, r.target_skpd, r.updates) for r in caplog.records]
    assert events == [
        ("citizen_request.ready", tracking, SKPD, TARGET, ["KK", "KTP"]),
        ("citizen_request.done", tracking, SKPD, TARGET, ["KK", "KTP"]),
    ]
    logged = repr([r.__dict__ for r in caplog.records])
    for personal in ("Siti", "123/Pdt", "6281299990001", "siti@"):
        assert personal not in logged


def test_a_list_without_a_state_is_the_waiting_one_newest_first(world):
    """Review of issue 22: the indexes sort by state first, so "every state" would come grouped by state; without
    ``state`` the list is the state waiting for that side (RECORDED / READY), newest first as documented."""
    first, second = officer(world), officer(world, TARGET, "Budi")
    service = world.services.citizen_requests
    older = record(world, first)["tracking"]
    world.clock.advance(minutes=5)
    handed = record(world, first)["tracking"]
    world.clock.advance(minutes=5)
    newest = record(world, first)["tracking"]
    ready(world, first, handed, version=1)
    mine = service.list(actor(first, Role.LAYANAN), payload("CitizenRequestQuery", {}))
    assert [r["tracking"] for r in mine["items"]] == [newest, older]
    assert {r["state"] for r in mine["items"]} == {"RECORDED"}
    theirs = service.list(actor(second, Role.LAYANAN), payload("CitizenRequestQuery", {"side": "target"}))
    assert [r["tracking"] for r in theirs["items"]] == [handed]
