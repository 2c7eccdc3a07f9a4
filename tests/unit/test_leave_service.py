"""The leave use cases as the composition root wires them over the in-memory twins, with a fixed clock: the
flow, its refusals, delegation, numbers, leave against reports (both ways), the e-mailed links, the notifications
and a supervisor change. Each step is decided through the one decision mechanism (kinds `leave_consideration`,
`leave_decision`, `leave_number`)."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from chalicelib.domain.accounts import Employee, EmploymentStatus, Role
from chalicelib.domain.decisions import Decision, Verdict
from chalicelib.domain.delegation import Delegation
from chalicelib.domain.errors import BusinessRule, Conflict, DomainError, Forbidden
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.leave import LeaveSettings, LeaveStatus
from chalicelib.domain.organisation import Satker, Skpd
from chalicelib.services.leave_notifications import events
from tests.support import payload, verification_query
from tests.unit.world import SATKER, SKPD, Clock, World, actor, at, body


class LeaveWorld(World):
    """The leave services as the composition root wires them over the twins (`World`), the SKPD and satker known."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.org.save_skpd(Skpd(SKPD, "Dinas Kesehatan", TimeZone.WIB, city="Kota Contoh"))
        self.org.save_satker(Satker(SKPD, SATKER, "Puskesmas Kota", TimeZone.WIB))
        self.settings = self.repositories.leave_settings
        self.leave, self.links = self.services.leave, self.services.links
        self.notifications = self.services.leave_notifications


@pytest.fixture
def w() -> LeaveWorld:
    return LeaveWorld(Clock(at("2026-11-25 02:00")))  # Wednesday 09:00 WIB


@pytest.fixture
def team(w):
    head = w.person(name="Kepala Dinas")
    boss = w.person(supervisor=head, name="Kepala Puskesmas")
    staff = w.person(supervisor=boss, name="Dewi")
    numberer = w.employees.add(
        Employee("198203142006042001", "Siti", "Operator", SKPD, SATKER, "6281100000002", TimeZone.WIB,
                 granted_roles=frozenset({Role.PENOMORAN}), must_change_password=False)
    )  # fmt: skip
    return {"head": head, "boss": boss, "staff": staff, "numberer": numberer}


def request(kind="ALASAN_PENTING", start="2026-12-01", end="2026-12-02", **extra) -> Any:
    """A request for leave as the route hands it to the service: the checked `LeaveInput`."""
    data = {
        "type": kind,
        "reason": "Mengurus keluarga yang sakit",
        "start_date": start,
        "end_date": end,
        "address": "Jl. Merdeka 1, Kota Contoh",
        "phone": "081234567890",
    }
    return payload("LeaveInput", data, **extra)


def cancellation(version: int, reason: str | None = None) -> Any:
    return payload("LeaveCancel", {"version": version, **({"reason": reason} if reason else {})})


def step(version: int, verdict: Verdict = Verdict.APPROVE, note: str | None = None) -> Decision:
    return Decision(verdict, note, version=version)


def consider(w, who: Employee, leave_id: str, decision: Decision) -> dict[str, Any]:
    """The supervisor's step; answers the request as a queue item (the leave view in ``detail``)."""
    return w.decisions.decide(actor(who), "leave_consideration", leave_id, decision)


def decide(w, who: Employee, leave_id: str, decision: Decision) -> dict[str, Any]:
    """The granting official's step."""
    return w.decisions.decide(actor(who), "leave_decision", leave_id, decision)


def number(w, who: Employee, leave_id: str, *roles: Role) -> dict[str, Any]:
    """The numbering officer gives the letter its number."""
    return w.decisions.decide(actor(who, *roles), "leave_number", leave_id, Decision(Verdict.APPROVE))


def test_the_whole_flow_with_each_notification_once(w, team):
    staff, boss, head, numberer = team["staff"], team["boss"], team["head"], team["numberer"]
    applied = w.leave.apply(actor(staff), request("TAHUNAN"))
    assert applied["status"] == "PENDING_CONSIDERATION" and applied["working_days"] == 2
    assert (applied["supervisor_nip"], applied["official_nip"]) == (boss.nip, head.nip)
    assert applied["balance"] == [{"year": 2024, "remaining": 0}, {"year": 2025, "remaining": 0},
                                  {"year": 2026, "remaining": 12}]  # fmt: skip
    leave = w.leave_store.get(applied["leave_id"])
    assert w.notifications.on_change(None, leave) == ["consideration"]
    assert [to for to, _ in w.whatsapp.sent] == [boss.whatsapp]
    assert w.notifications.on_change(None, leave) == ["consideration"] and len(w.whatsapp.sent) == 1  # replay

    queue = w.decisions.queue(actor(boss), verification_query("leave_consideration", {}))
    assert queue["count"] == 1 and queue["items"][0]["employee"]["name"] == "Dewi"
    assert queue["items"][0]["verdicts"] == ["APPROVE", "REJECT", "DEFER"]
    considered = consider(w, boss, applied["leave_id"], step(1))
    assert considered["status"] == "PENDING_DECISION"
    assert events(leave, w.leave_store.get(applied["leave_id"])) == ["decision"]
    decided = decide(w, head, applied["leave_id"], step(2))
    assert decided["status"] == "APPROVED" and decided["status_label"] == "Disetujui, menunggu nomor surat"
    approved = w.leave_store.get(applied["leave_id"])
    w.notifications.on_change(w.leave_store.get(applied["leave_id"]), approved)
    assert w.decisions.queue(actor(numberer, Role.PENOMORAN), verification_query("leave_number", {}))["count"] == 1
    numbered = number(w, numberer, applied["leave_id"], Role.PENOMORAN)
    assert numbered["detail"]["letter_number"] == "800.1.11.4/1/DINKES/2026"
    assert events(approved, w.leave_store.get(applied["leave_id"])) == ["numbered"]
    balance = w.leave.balance(actor(staff), None)
    assert balance["annual"]["available"] == 10 and balance["annual"]["used"] == 2


def test_one_decision_covers_both_steps_when_the_supervisor_grants_leave(w, team):
    boss, staff = team["boss"], team["staff"]
    w.settings.save(LeaveSettings(SKPD, official_nip=boss.nip))
    applied = w.leave.apply(actor(staff), request())
    assert applied["official_nip"] == boss.nip
    done = consider(w, boss, applied["leave_id"], step(1))
    assert done["status"] == "APPROVED" and done["detail"]["decision"]["by"] == boss.nip


def test_refusals_store_nothing(w, team):
    staff, boss = team["staff"], team["boss"]
    w.leave.apply(actor(staff), request(start="2026-12-01", end="2026-12-02"))
    for data, code in (
        (request(start="2026-12-02", end="2026-12-03"), "LEAVE_OVERLAP"),
        (request("SAKIT", start="2026-11-23", end="2026-11-24"), "CERTIFICATE_REQUIRED"),
        (request("TAHUNAN", start="2026-12-07", end="2026-12-31"), "INSUFFICIENT_BALANCE"),
        (request("MELAHIRKAN", start="2026-12-07", end="2026-12-08", child_order=1), "LEAVE_TYPE_NOT_ALLOWED"),
    ):
        with pytest.raises(DomainError) as refused:
            w.leave.apply(actor(staff), data)
        assert refused.value.code == code
    assert len(w.leave_store.of_employee(staff.nip)) == 1
    pppk = w.employees.save(replace(w.employees.get(staff.nip), employment_status=EmploymentStatus.PPPK))
    with pytest.raises(BusinessRule) as not_pppk:
        w.leave.apply(actor(pppk), request("ALASAN_PENTING", start="2026-12-14", end="2026-12-14"))
    assert not_pppk.value.code == "LEAVE_TYPE_NOT_ALLOWED"
    nobody = w.person(name="Tanpa Atasan")
    with pytest.raises(BusinessRule) as alone:
        w.leave.apply(actor(nobody), request())
    assert alone.value.code == "NO_SUPERVISOR"
    [pending] = w.leave_store.of_employee(staff.nip)
    with pytest.raises(Forbidden):  # the head of office is not the one who considers
        consider(w, team["head"], pending.leave_id, step(1))
    with pytest.raises(Forbidden):  # nor is anyone deciding their own request
        consider(w, staff, pending.leave_id, step(1))
    stored = w.leave_store.get(pending.leave_id)  # read again: the refused decisions changed nothing
    assert (stored.status, stored.version, stored.consideration) == (LeaveStatus.PENDING_CONSIDERATION, 1, None)
    assert stored == pending
    assert consider(w, boss, pending.leave_id, step(1))["status"] == "PENDING_DECISION"  # the supervisor still may


def test_sick_leave_with_its_certificate(w, team):
    staff = team["staff"]
    certificate = b"%PDF-1.7\n" + b"0" * 891
    slip = w.leave.offer_certificate(
        actor(staff),
        payload(
            "CertificateRequest", filename="surat-dokter.exe", content_type="application/pdf", size=len(certificate)
        ),
    )  # the phone's name; the stored one is the service's, its extension from the checked content
    w.objects.put_bytes(slip["upload"]["fields"]["key"], certificate, "application/pdf")  # the client's upload
    sick = w.leave.apply(
        actor(staff), request("SAKIT", "2026-11-23", "2026-11-24", attachment_token=slip["upload_token"])
    )
    assert sick["attachment"]["filename"] == "surat-dokter.pdf" and sick["attachment"]["size"] == len(certificate)
    assert sick["attachment"]["url"].startswith("https://")
    # the numbering officer reads who, which leave and when, but neither the reason nor the doctor's certificate
    seen = w.leave.get(actor(team["numberer"], Role.PENOMORAN), sick["leave_id"])
    assert (seen["type"], seen["start_date"], seen["reason"], seen["attachment"]) == ("SAKIT", "2026-11-23", None, None)
    assert w.leave.get(actor(team["boss"]), sick["leave_id"])["attachment"]["filename"] == "surat-dokter.pdf"


def _uploaded_certificate(w, staff) -> tuple[str, str]:
    """A doctor's certificate offered and posted (with its form's pending tag): its slip and its upload key."""
    certificate = b"%PDF-1.7\n" + b"0" * 891
    slip = w.leave.offer_certificate(
        actor(staff),
        payload(
            "CertificateRequest", filename="surat-dokter.pdf", content_type="application/pdf", size=len(certificate)
        ),
    )
    key = slip["upload"]["fields"]["key"]
    w.objects.upload(key, certificate, "application/pdf")
    return slip["upload_token"], key


def test_a_refused_sick_leave_keeps_no_certificate_and_its_slip_serves_the_corrected_request(w, team):
    """Issue 16: the certificate is accepted (copied to its final key, which never expires) only once every rule
    has passed. A refused request leaves it where it was uploaded — tagged pending, so the bucket expires it —
    and its slip unused, for the corrected request."""
    from chalicelib.services.uploads import PENDING_TAG, final_key

    staff = team["staff"]
    w.leave.apply(actor(staff), request("SAKIT", "2026-11-23", "2026-11-23"))  # one day: no certificate needed
    token, key = _uploaded_certificate(w, staff)
    with pytest.raises(BusinessRule) as refused:
        w.leave.apply(actor(staff), request("SAKIT", "2026-11-23", "2026-11-24", attachment_token=token))
    assert refused.value.code == "LEAVE_OVERLAP"
    assert final_key(key) not in w.objects.objects and w.objects.tags(key) == PENDING_TAG
    assert [k for k in w.objects.objects if "/checked/" in k] == []
    assert len(w.leave_store.of_employee(staff.nip)) == 1

    sick = w.leave.apply(actor(staff), request("SAKIT", "2026-11-24", "2026-11-25", attachment_token=token))
    stored = w.leave_store.get(sick["leave_id"]).attachment
    assert stored is not None and stored.key == final_key(key) and w.objects.tags(stored.key) == {}
    assert key not in w.objects.objects


def test_a_certificate_taken_before_a_racing_refusal_is_deleted(w, team):
    """When another leave of these days lands between the rules and the write, the retry refuses the request
    after the certificate was accepted: the accepted copy is deleted (its slip is used up)."""
    from chalicelib.services.uploads import final_key
    from chalicelib.store.protocols import DayChanged

    staff = team["staff"]
    token, key = _uploaded_certificate(w, staff)
    create, raced = w.leave_store.create, []

    def racing_create(leave, calendar, revisions):
        if not raced:  # the first write loses to another request of the same days
            raced.append(leave.leave_id)
            w.leave.apply(actor(staff), request("SAKIT", "2026-11-24", "2026-11-24"))
            raise DayChanged()
        return create(leave, calendar, revisions)

    w.leave_store.create = racing_create
    with pytest.raises(BusinessRule) as refused:
        w.leave.apply(actor(staff), request("SAKIT", "2026-11-23", "2026-11-24", attachment_token=token))
    assert refused.value.code == "LEAVE_OVERLAP" and len(raced) == 1
    assert final_key(key) not in w.objects.objects and key not in w.objects.objects
    assert [k for k in w.objects.objects if "/checked/" in k] == []
    with pytest.raises(Conflict) as used:
        w.leave.apply(actor(staff), request("SAKIT", "2026-11-25", "2026-11-26", attachment_token=token))
    assert used.value.code == "UPLOAD_ALREADY_USED"


def test_leave_and_reports_exclude_each_other(w, team):
    staff = team["staff"]
    today = date(2026, 11, 25)
    w.attend(staff, today, date(2026, 11, 24))
    w.reports.create(actor(staff), body(date(2026, 11, 24)))
    with pytest.raises(BusinessRule) as reported:
        w.leave.apply(actor(staff), request("SAKIT", "2026-11-24", "2026-11-24"))
    assert reported.value.code == "LEAVE_OVERLAPS_REPORT"
    w.leave.apply(actor(staff), request("SAKIT", "2026-11-25", "2026-11-25"))
    with pytest.raises(BusinessRule) as on_leave:
        w.reports.create(actor(staff), body(today))
    assert on_leave.value.code == "DAY_ON_LEAVE"


def test_cancel_frees_the_days_and_only_pending_by_the_employee(w, team):
    staff, boss, head = team["staff"], team["boss"], team["head"]
    first = w.leave.apply(actor(staff), request())
    cancelled = w.leave.cancel(actor(staff), first["leave_id"], cancellation(1))
    assert cancelled["status"] == "CANCELLED"
    again = w.leave.apply(actor(staff), request())
    consider(w, boss, again["leave_id"], step(1))
    decide(w, head, again["leave_id"], step(2))
    with pytest.raises(Conflict):
        w.leave.cancel(actor(staff), again["leave_id"], cancellation(3))
    with pytest.raises(Forbidden):
        w.leave.cancel(actor(w.person(name="Orang Lain")), again["leave_id"], cancellation(3, "x"))
    by_official = w.leave.cancel(actor(head), again["leave_id"], cancellation(3, "Tugas mendesak"))
    assert by_official["status"] == "CANCELLED" and by_official["cancel_reason"] == "Tugas mendesak"


def test_a_delegate_considers_on_behalf_of_the_supervisor(w, team):
    staff, boss = team["staff"], team["boss"]
    deputy = w.person(name="Wakil")
    w.delegations.add(Delegation("d" * 32, boss.nip, deputy.nip, date(2026, 11, 20), date(2026, 12, 20)), 0, [])
    applied = w.leave.apply(actor(staff), request())
    assert w.decisions.queue(actor(deputy), verification_query("leave_consideration", {"for": boss.nip}))["count"] == 1
    done = consider(w, deputy, applied["leave_id"], step(1, Verdict.DEFER, "Beban kerja akhir tahun"))
    assert done["status"] == "DEFERRED" and done["detail"]["consideration"]["on_behalf_of"] == boss.nip
    with pytest.raises(Forbidden):
        w.decisions.queue(actor(deputy), verification_query("leave_consideration", {"for": team["head"].nip}))


def test_numbers_are_gap_free_and_never_twice(w, team):
    boss, numberer = team["boss"], team["numberer"]
    w.settings.save(LeaveSettings(SKPD, official_nip=boss.nip, number_format="{seq}/CUTI/{skpd}/{month_roman}/{year}"))
    ids = []
    for n in range(6):
        person = w.person(supervisor=boss, name=f"Staf {n}")
        applied = w.leave.apply(actor(person), request())
        consider(w, boss, applied["leave_id"], step(1))
        ids.append(applied["leave_id"])
    results: list[str] = []

    def give(leave_id):
        results.append(number(w, numberer, leave_id, Role.PENOMORAN)["detail"]["letter_number"])

    threads = [threading.Thread(target=give, args=(i,)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == sorted(f"{n}/CUTI/{SKPD}/XI/2026" for n in range(1, 7))
    with pytest.raises(Conflict) as twice:
        number(w, numberer, ids[0], Role.PENOMORAN)
    assert twice.value.code == "ALREADY_DECIDED"
    with pytest.raises(Forbidden):
        number(w, boss, ids[0])  # not a numbering officer


def test_e_mailed_links_work_once_and_only_for_their_person(w, team):
    staff, boss = team["staff"], team["boss"]
    applied = w.leave.apply(actor(staff), request())
    actions = w.services.decision_links
    leave_id = applied["leave_id"]

    def token(stage_nip: str, verdict: Verdict) -> str:
        return w.links.link("leave_consideration", leave_id, stage_nip, verdict).rsplit("/", 1)[1]

    reject = token(boss.nip, Verdict.REJECT)
    assert actions.open(reject).state == "form"
    assert actions.submit(reject, payload("DecisionLinkForm", {"note": ""})).status == 400  # a refusal needs its reason
    foreign = token(team["head"].nip, Verdict.APPROVE)
    assert actions.open(foreign).state == "refused"
    done = actions.submit(reject, payload("DecisionLinkForm", {"note": "Tenaga kurang"}))
    assert done.state == "done" and done.item["status"] == "REJECTED"
    assert w.leave_store.get(leave_id).status is LeaveStatus.REJECTED
    assert actions.open(reject).state == "used"
    approve = token(boss.nip, Verdict.APPROVE)
    assert actions.submit(approve, payload("DecisionLinkForm", {})).state == "decided"
    assert actions.open("bukan-tautan").state == "invalid"


def test_a_new_supervisor_takes_over_pending_requests(w, team):
    staff, head = team["staff"], team["head"]
    applied = w.leave.apply(actor(staff), request())
    other = w.person(supervisor=head, name="Kepala Baru")
    assert w.leave.move_pending(staff.nip, other.nip, by="198203142006042001") == 1
    moved = w.leave_store.get(applied["leave_id"])
    assert moved.supervisor_nip == other.nip and moved.history[-1].action == "SUPERVISOR_CHANGED"
    assert events(
        w.leave_store.get(applied["leave_id"]).__class__(**{**moved.__dict__, "supervisor_nip": "x"}), moved
    ) == ["consideration"]


# -- leave counted everywhere ---------------------------------------------------------------------------------


def _approved(w, team, start: str, end: str) -> str:
    w.settings.save(LeaveSettings(SKPD, official_nip=team["boss"].nip))
    applied = w.leave.apply(actor(team["staff"]), request(start=start, end=end))
    consider(w, team["boss"], applied["leave_id"], step(1))
    return applied["leave_id"]


def test_the_calendar_shows_leave_and_expects_no_report_on_approved_days(w, team):
    _approved(w, team, "2026-12-01", "2026-12-02")
    w.leave.apply(actor(team["staff"]), request(start="2026-12-03", end="2026-12-03"))  # pending
    service = w.services.attendance
    days = {
        d["date"]: d for d in service.calendar(actor(team["staff"]), payload("CalendarQuery", month="2026-12"))["days"]
    }
    assert days["2026-12-01"]["leave"]["status"] == "APPROVED" and not days["2026-12-01"]["report_expected"]
    assert days["2026-12-03"]["leave"]["status"] == "PENDING_CONSIDERATION" and days["2026-12-03"]["report_expected"]
    assert days["2026-12-04"]["leave"] is None and days["2026-12-04"]["report_expected"]
    assert not days["2026-12-05"]["report_expected"]  # Saturday


def test_no_reminder_on_an_approved_leave_day(w, team):
    _approved(w, team, "2026-11-25", "2026-11-25")
    service = w.reminders
    other = team["boss"]
    service.handle({"nip": team["staff"].nip, "day": "2026-11-25"})
    service.handle({"nip": other.nip, "day": "2026-11-25"})
    assert [to for to, _ in w.whatsapp.sent] == [other.whatsapp]


def test_recaps_count_leave_days_apart():
    from chalicelib.domain.exports import RecapTally, recap_row

    workdays = [date(2026, 12, d) for d in (1, 2, 3, 4, 7)]
    line = recap_row("1", "Dewi", "Perawat", workdays, {date(2026, 12, 3)}, [], {date(2026, 12, 1), date(2026, 12, 6)})
    assert (line.working_days, line.leave_days, line.expected_days, line.days_attended) == (5, 1, 4, 1)
    [row] = RecapTally(workdays, None).rows([("1", "Dewi", "Perawat")], {}, {"1": {date(2026, 12, 2)}})
    assert (row.leave_days, row.expected_days) == (1, 4)


def test_a_new_supervisor_takes_over_pending_reports_too(w, team):
    from chalicelib.domain.reports import ReportStatus
    from chalicelib.store.protocols import EmployeeImage

    staff, boss, head = team["staff"], team["boss"], team["head"]
    w.attend(staff, date(2026, 11, 24), date(2026, 11, 25))
    pending = w.reports.create(actor(staff), body(date(2026, 11, 24)))
    decided = w.reports.create(actor(staff), body(date(2026, 11, 25)))
    w.decisions.decide(actor(boss), "report", decided["report_id"], Decision(Verdict.APPROVE, version=1))
    leave = w.leave.apply(actor(staff), request(start="2026-12-07", end="2026-12-07"))
    new_boss = w.person(supervisor=head, name="Kepala Baru")
    moves = w.services.supervisor_moves
    after = w.employees.save(replace(w.employees.get(staff.nip), supervisor_nip=new_boss.nip))
    result = moves.on_change(EmployeeImage(staff, None), EmployeeImage(after, None))
    assert result == {"reports": 1, "leave": 1, "skp": 0}
    moved = w.report_store.get(pending["report_id"])
    assert moved.supervisor_nip == new_boss.nip and moved.history[-1].action == "SUPERVISOR_CHANGED"
    assert moved.history[-1].changes == {"supervisor_nip": [boss.nip, new_boss.nip]}
    assert w.report_store.get(decided["report_id"]).supervisor_nip == boss.nip  # decided: stays as it was
    assert w.report_store.get(decided["report_id"]).status is ReportStatus.APPROVED
    assert w.leave_store.get(leave["leave_id"]).supervisor_nip == new_boss.nip
    assert w.decisions.queue(actor(new_boss), verification_query("report", {"limit": 10}))["count"] == 1
    replayed = moves.on_change(EmployeeImage(staff, None), EmployeeImage(after, None))
    assert replayed == {"reports": 0, "leave": 0, "skp": 0}


def test_the_letter_is_one_page_of_the_official_form_even_with_long_texts(w, team):
    import io

    from pypdf import PdfReader

    from chalicelib.documents.leave_letter import letter_pdf
    from chalicelib.domain.leave import MAX_ADDRESS, MAX_REASON

    leave_id = _approved(w, team, "2026-12-01", "2026-12-02")
    leave = replace(
        w.leave_store.get(leave_id),
        reason=("Menghadiri pernikahan adik kandung di Kota Medan " * 20)[:MAX_REASON],
        address=("Jl. Gatot Subroto No. 12, Kota Medan, Sumatera Utara " * 10)[:MAX_ADDRESS],
        letter_number="800.1.11.4/9/DINKES/2026",
        status=LeaveStatus.CANCELLED,
        cancel_reason="Dipanggil kembali bertugas",
    )
    pages = PdfReader(io.BytesIO(letter_pdf(w.leave.letter_data(leave)))).pages
    assert len(pages) == 1
    text = pages[0].extract_text()
    for expected in (
        "FORMULIR PERMINTAAN DAN PEMBERIAN CUTI",
        "Nomor: 800.1.11.4/9/DINKES/2026",
        "I. DATA PEGAWAI",
        "II. JENIS CUTI YANG DIAMBIL",
        "III. ALASAN CUTI",
        "IV. LAMANYA CUTI",
        "V. CATATAN CUTI",
        "VI. ALAMAT SELAMA MENJALANKAN CUTI",
        "VII. PERTIMBANGAN ATASAN LANGSUNG",
        "VIII. KEPUTUSAN PEJABAT YANG BERWENANG MEMBERIKAN CUTI",
        "1 Desember 2026",
        "DIBATALKAN",
        "Dipanggil kembali bertugas",
        "Kepala Puskesmas",
    ):
        assert expected in text, expected


def test_who_took_a_step_and_for_whom_are_named_in_the_one_batch_read(w, team, monkeypatch):
    staff, boss = team["staff"], team["boss"]
    deputy = w.person(name="dr. Andi Wijaya")
    w.delegations.add(Delegation("d" * 32, boss.nip, deputy.nip, date(2026, 11, 20), date(2026, 12, 20)), 0, [])
    applied = w.leave.apply(actor(staff), request())
    consider(w, deputy, applied["leave_id"], step(1))
    reads: list[set[str]] = []
    employees = w.leave._employees

    class Counted:
        def __getattr__(self, name):
            return getattr(employees, name)

        def many(self, nips):
            reads.append(set(nips))
            return employees.many(nips)

    monkeypatch.setattr(w.leave, "_employees", Counted())
    seen = w.leave.get(actor(staff), applied["leave_id"])
    considered = seen["consideration"]
    assert considered["by_person"] == {"nip": deputy.nip, "name": "dr. Andi Wijaya", "jabatan": "Perawat"}
    assert considered["on_behalf_of_person"] == {"nip": boss.nip, "name": "Kepala Puskesmas", "jabatan": "Perawat"}
    assert len(reads) == 1 and {deputy.nip, boss.nip} <= reads[0]
    listed = w.leave.list_own(actor(staff), payload("LeaveListQuery", {}))["items"]
    assert listed[0]["consideration"]["by_person"]["name"] == "dr. Andi Wijaya" and len(reads) == 2
