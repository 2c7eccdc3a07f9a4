"""The rules of a tracked citizen request across two offices (issue 22, seed 003 §4): who may act in which state,
what every step records, and what the public page shows (nothing personal)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.citizen_requests import (
    RequestState,
    StepAction,
    UpdateKind,
    cancel,
    mark_ready,
    new_request,
    process,
    public_steps,
)
from chalicelib.domain.errors import Conflict, ValidationError

T0 = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
OFFICES = {"MSL": "Mahkamah Syar'iyah", "DUKCAPIL": "Dinas Kependudukan"}


def recorded(**change):
    fields = {
        "origin_skpd": "MSL",
        "target_skpd": "DUKCAPIL",
        "citizen_name": "  Siti Aminah ",
        "whatsapp": "6281200000001",
        "email": None,
        "case_number": "123/Pdt.G/2026/MS.Lsm",
        "updates": (UpdateKind.KK, UpdateKind.KTP, UpdateKind.KK),
        "description": None,
        "by": "198806122010012005",
        "at": T0,
    }
    return new_request("LY-2026-7F3K9Q2M", **{**fields, **change})


def test_a_recorded_request_names_someone_to_tell_another_office_and_what_to_update():
    request = recorded()
    assert request.state is RequestState.RECORDED and request.citizen_name == "Siti Aminah"
    assert request.updates == (UpdateKind.KK, UpdateKind.KTP)
    assert [(s.action, s.skpd_id, s.by, s.at) for s in request.steps] == [
        (StepAction.RECORDED, "MSL", "198806122010012005", T0)
    ]
    for change, code in (
        ({"whatsapp": None}, "CONTACT_REQUIRED"),
        ({"target_skpd": "MSL"}, "SAME_OFFICE"),
        ({"updates": ()}, "REQUIRED"),
        ({"citizen_name": "  "}, "REQUIRED"),
        ({"case_number": "x" * 61}, "TOO_LONG"),
    ):
        with pytest.raises(ValidationError) as refused:
            recorded(**change)
        assert refused.value.code == code
    assert recorded(whatsapp=None, email="siti@example.org").email == "siti@example.org"


def test_the_first_office_marks_it_ready_the_second_marks_it_done_every_step_with_office_who_and_when():
    ready = mark_ready(recorded(), by="A", at=T0 + timedelta(days=30), note="Putusan inkrah", document_ref="PUT-1")
    assert (ready.state, ready.ready_at, ready.document_ref) == (RequestState.READY, T0 + timedelta(days=30), "PUT-1")
    done = process(ready, done=True, by="B", at=T0 + timedelta(days=32), note=None)
    assert done.state is RequestState.DONE
    assert [(s.action, s.skpd_id, s.by, s.note) for s in done.steps] == [
        (StepAction.RECORDED, "MSL", "198806122010012005", None),
        (StepAction.READY, "MSL", "A", "Putusan inkrah"),
        (StepAction.DONE, "DUKCAPIL", "B", None),
    ]
    for step in (
        lambda r: mark_ready(r, by="A", at=T0, note=None, document_ref=None),
        lambda r: cancel(r, by="A", at=T0, reason="x"),
        lambda r: process(r, done=True, by="B", at=T0, note=None),
    ):
        with pytest.raises(Conflict) as refused:
            step(done)
        assert refused.value.code == "INVALID_STATE"


def test_a_return_needs_a_reason_and_gives_it_back_to_the_first_office_which_may_mark_it_ready_again_or_cancel():
    ready = mark_ready(recorded(), by="A", at=T0, note=None, document_ref=None)
    with pytest.raises(ValidationError) as refused:
        process(ready, done=False, by="B", at=T0, note="  ")
    assert refused.value.code == "NOTE_REQUIRED"
    returned = process(ready, done=False, by="B", at=T0, note="Salinan putusan belum dilegalisasi")
    assert returned.state is RequestState.RETURNED and returned.steps[-1].skpd_id == "DUKCAPIL"
    with pytest.raises(Conflict):
        process(returned, done=True, by="B", at=T0, note=None)  # the second office no longer holds it
    again = mark_ready(returned, by="A", at=T0 + timedelta(days=1), note="Sudah dilegalisasi", document_ref=None)
    assert again.state is RequestState.READY and again.ready_at == T0 + timedelta(days=1)
    assert cancel(returned, by="A", at=T0, reason="Pemohon menarik permohonan").state is RequestState.CANCELLED


def test_the_first_office_cancels_only_while_it_holds_the_request_and_says_why():
    with pytest.raises(ValidationError):
        cancel(recorded(), by="A", at=T0, reason=" ")
    assert cancel(recorded(), by="A", at=T0, reason="Salah input").state is RequestState.CANCELLED
    ready = mark_ready(recorded(), by="A", at=T0, note=None, document_ref=None)
    with pytest.raises(Conflict):
        cancel(ready, by="A", at=T0, reason="Terlambat")


def test_the_public_steps_carry_office_and_date_only():
    ready = mark_ready(recorded(), by="A", at=T0, note="Catatan internal: Siti", document_ref="PUT-1")
    returned = process(ready, done=False, by="B", at=T0, note="Alasan pribadi Siti Aminah")
    shown = public_steps(returned, OFFICES)
    assert [set(s) for s in shown] == [{"action", "label", "office", "at"}] * 3
    assert [s["office"] for s in shown] == ["Mahkamah Syar'iyah", "Mahkamah Syar'iyah", "Dinas Kependudukan"]
    text = repr(shown)
    for personal in ("Siti", "123/Pdt", "6281200000001", "198806122010012005", "PUT-1", "Catatan", '"A"', '"B"'):
        assert personal not in text
