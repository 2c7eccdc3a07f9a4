"""The report rules through the real `ReportService`, on the in-memory repositories with a fixed clock."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, time, timedelta

import pytest

from chalicelib.domain import skp as skp_rules
from chalicelib.domain.decisions import Decision, Verdict
from chalicelib.domain.errors import BusinessRule, Conflict, Forbidden, NotFound, ValidationError
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.reports import Report, ReportContent, ReportStatus, Template
from tests.support import payload
from tests.unit.world import Clock, World, actor, at, body

#: 23:30 on Tuesday 10 March in WIB, already 00:30 / 01:30 on Wednesday 11 March in WITA / WIT
NOW = at("2026-03-10 16:30")
TODAY = date(2026, 3, 10)
DAY = timedelta(days=1)
SUBMITTED = ReportStatus.SUBMITTED


@pytest.fixture
def world() -> World:
    return World(Clock(NOW))


@pytest.fixture
def me(world):
    """An employee (WIB) with a supervisor and attendance on the last nine days."""
    employee = world.person(supervisor=world.person(name="Andi"))
    world.attend(employee, *(TODAY - n * DAY for n in range(9)))
    return employee


def _refused(call, error=BusinessRule) -> str:
    with pytest.raises(error) as refused:
        call()
    return refused.value.code


def _decide(world, report: dict, verdict: Verdict, note: str | None = None) -> dict:
    """The supervisor's decision through the one decision mechanism; answers the report's own view."""
    boss = actor(world.employees.get(report["supervisor_nip"]))
    decision = Decision(verdict, note, version=report["version"])
    return world.decisions.decide(boss, "report", report["report_id"], decision)["detail"]


def _version(version: int | None):
    """``?version=`` of a DELETE as the API reads it."""
    return payload("VersionQuery", {} if version is None else {"version": str(version)})


def _listed(world, who) -> list[tuple[str, str, str]]:
    items = world.reports.list_own(actor(who), payload("ReportQuery", limit=50))["items"]
    return [(r["date"], r["start_time"], r["end_time"]) for r in items]


@pytest.mark.parametrize(
    ("zone", "today"), [(TimeZone.WIB, TODAY), (TimeZone.WITA, TODAY + DAY), (TimeZone.WIT, TODAY + DAY)]
)
def test_the_backdate_window_is_counted_in_the_employee_s_zone(world, zone, today):
    employee = world.person(zone)
    world.attend(employee, *(today + n * DAY for n in range(-8, 2)))
    who = actor(employee)
    assert world.reports.create(who, body(today))["status"] == "SUBMITTED"
    assert world.reports.create(who, body(today - 7 * DAY))["date"] == (today - 7 * DAY).isoformat()
    assert _refused(lambda: world.reports.create(who, body(today + DAY))) == "DATE_IN_FUTURE"
    assert _refused(lambda: world.reports.create(who, body(today - 8 * DAY))) == "DATE_TOO_OLD"
    assert len(_listed(world, employee)) == 2


def test_refusals_store_nothing(world, me):
    who, nobody = actor(me), actor(world.person())
    assert _refused(lambda: world.reports.create(nobody, body(TODAY))) == "ATTENDANCE_REQUIRED"
    for start, end in (("10:00", "10:00"), ("10:00", "09:00")):
        assert _refused(lambda s=start, e=end: world.reports.create(who, body(TODAY, s, e)), ValidationError) == (
            "INVALID_TIME_RANGE"
        )
    assert _refused(lambda: world.reports.create(who, body(TODAY, title="")), ValidationError) == "REQUIRED"
    assert _listed(world, me) == [] and world.attendance.get(me.nip, TODAY).report_slots == {}


def test_overlapping_activities_are_refused_touching_ones_are_fine(world, me):
    who = actor(me)
    first = world.reports.create(who, body(TODAY, "08:00", "10:00"))
    with pytest.raises(BusinessRule) as refused:
        world.reports.create(who, body(TODAY, "09:30", "11:00"))
    assert refused.value.code == "REPORT_OVERLAP"
    assert refused.value.details == {"report_id": first["report_id"], "start_time": "08:00", "end_time": "10:00"}
    assert _refused(lambda: world.reports.create(who, body(TODAY, "07:30", "10:30"))) == "REPORT_OVERLAP"
    world.reports.create(who, body(TODAY, "07:00", "08:00"))
    world.reports.create(who, body(TODAY, "10:00", "11:00"))
    world.reports.create(who, body(TODAY - DAY, "08:00", "10:00"))  # another day, the same hours
    assert sorted(_listed(world, me))[1:] == [
        (TODAY.isoformat(), "07:00", "08:00"),
        (TODAY.isoformat(), "08:00", "10:00"),
        (TODAY.isoformat(), "10:00", "11:00"),
    ]


def test_an_edit_keeps_the_rules_and_a_move_frees_the_old_slot(world, me):
    who = actor(me)
    first = world.reports.create(who, body(TODAY, "08:00", "09:00"))
    world.reports.create(who, body(TODAY, "09:00", "10:00"))
    rid = first["report_id"]

    def edit(who, rid, data):
        return world.reports.update(who, rid, payload("ReportPatch", data))

    assert _refused(lambda: edit(who, rid, {"end_time": "09:30", "version": 1})) == "REPORT_OVERLAP"
    edited = edit(who, rid, {"title": "Judul baru", "end_time": "08:30", "version": 1})
    assert edited["version"] == 2 and edited["history"][-1]["action"] == "EDITED"
    assert edited["history"][-1]["changes"] == {"end": ["09:00", "08:30"], "title": ["Pelayanan pasien", "Judul baru"]}
    assert _refused(lambda: edit(who, rid, {"title": "Basi", "version": 1}), Conflict) == "CONFLICT"
    assert _refused(lambda: edit(who, rid, {"date": (TODAY + DAY).isoformat(), "version": 2})) == "DATE_IN_FUTURE"
    moved = edit(who, rid, {"date": (TODAY - DAY).isoformat(), "version": 2})
    assert moved["date"] == (TODAY - DAY).isoformat()
    assert world.reports.create(who, body(TODAY, "08:00", "09:00"))["status"] == "SUBMITTED"
    other = actor(world.person())
    assert _refused(lambda: edit(other, rid, {"title": "x", "version": 3}), Forbidden) == "FORBIDDEN"


def test_only_submitted_reports_can_be_edited_or_withdrawn(world, me):
    who = actor(me)
    approved = _decide(world, world.reports.create(who, body(TODAY, "08:00", "09:00")), Verdict.APPROVE)
    rejected = _decide(world, world.reports.create(who, body(TODAY, "09:00", "10:00")), Verdict.REJECT, "Kurang rinci")
    withdrawn = world.reports.create(who, body(TODAY, "10:00", "11:00"))
    withdrawn = world.reports.withdraw(who, withdrawn["report_id"], _version(1))
    assert withdrawn["status"] == "WITHDRAWN" and [h["action"] for h in withdrawn["history"]] == [
        "CREATED",
        "WITHDRAWN",
    ]
    update, withdraw = world.reports.update, world.reports.withdraw
    for report in (approved, rejected, withdrawn):
        rid, version = report["report_id"], report["version"]
        patch = payload("ReportPatch", {"title": "x", "version": version})
        assert _refused(lambda r=rid, p=patch: update(who, r, p), Conflict) == "REPORT_LOCKED"
        assert _refused(lambda r=rid, v=version: withdraw(who, r, _version(v)), Conflict) == "REPORT_LOCKED"
    # withdrawing and rejecting freed their time; the approved report keeps its own
    world.reports.create(who, body(TODAY, "09:00", "11:00"))
    assert _refused(lambda: world.reports.create(who, body(TODAY, "08:30", "09:00"))) == "REPORT_OVERLAP"
    statuses = sorted(r["status"] for r in world.reports.list_own(who, payload("ReportQuery", limit=50))["items"])
    assert statuses == ["APPROVED", "REJECTED", "SUBMITTED"]  # the withdrawn one left the list


def test_a_stale_version_is_a_conflict_and_a_missing_one_is_refused(world, me):
    who = actor(me)
    report = world.reports.create(who, body(TODAY))
    withdraw = world.reports.withdraw
    assert _refused(lambda: withdraw(who, report["report_id"], _version(2)), Conflict) == "CONFLICT"
    assert _refused(lambda: withdraw(who, report["report_id"], _version(None)), ValidationError) == "VERSION_REQUIRED"
    assert _refused(lambda: withdraw(who, "f" * 32, _version(1)), NotFound) == "REPORT_NOT_FOUND"
    edit = world.reports.update
    for patch in ({"title": "Judul baru"}, {"title": "Judul baru", "version": None}):
        assert _refused(lambda p=patch: edit(who, report["report_id"], payload("ReportPatch", p)), ValidationError) == (
            "VERSION_REQUIRED"
        )


def test_a_rejected_report_is_copied_into_a_new_submission(world, me):
    who = actor(me)
    rejected = _decide(world, world.reports.create(who, body(TODAY, "09:00", "10:00")), Verdict.REJECT, "Kurang rinci")

    def copy_of(who, rid, data):
        return world.reports.copy(who, rid, payload("ReportCopy", data))

    copy = copy_of(who, rejected["report_id"], {"description": "Uraian lengkap: 3 puskesmas."})
    assert copy["status"] == "SUBMITTED" and copy["version"] == 1 and copy["copied_from"] == rejected["report_id"]
    assert (copy["start_time"], copy["end_time"], copy["title"]) == ("09:00", "10:00", "Pelayanan pasien")
    assert copy["description"] == "Uraian lengkap: 3 puskesmas."
    assert [h["action"] for h in copy["history"]] == ["COPIED"]
    assert world.reports.get(who, rejected["report_id"])["status"] == "REJECTED"
    approved = _decide(world, world.reports.create(who, body(TODAY, "11:00", "12:00")), Verdict.APPROVE)
    submitted = world.reports.create(who, body(TODAY, "13:00", "14:00"))
    for report in (approved, submitted):
        assert _refused(lambda r=report: copy_of(who, r["report_id"], {})) == "REPORT_NOT_REJECTED"
    assert _refused(lambda: copy_of(actor(world.person()), rejected["report_id"], {}), Forbidden)
    # the copy goes through every rule again
    assert _refused(lambda: copy_of(who, rejected["report_id"], {"date": "2026-01-02"})) == "DATE_TOO_OLD"


def test_a_template_fills_the_texts_and_the_end_time(world, me):
    who = actor(me)
    template = world.templates.save(
        Template(uuid.uuid4().hex, me.nip, "Poli", "Pelayanan poli umum", "Melayani pasien.", "Pasien terlayani", 90)
    )
    made = world.reports.create(
        who,
        payload("ReportInput", {"date": TODAY.isoformat(), "start_time": "08:00", "template_id": template.template_id}),
    )
    assert (made["title"], made["end_time"], made["template_id"]) == (
        "Pelayanan poli umum",
        "09:30",
        template.template_id,
    )
    missing = payload("ReportInput", {"date": TODAY.isoformat(), "start_time": "10:00", "template_id": "f" * 32})
    assert _refused(lambda: world.reports.create(who, missing), NotFound) == "TEMPLATE_NOT_FOUND"


class _RivalLandsFirst:
    """Attendance reads during which another report of the same day is stored (a parallel request)."""

    def __init__(self, world: World, rival: Report) -> None:
        self._world, self._rival = world, rival

    def get(self, nip: str, day: date):
        seen = self._world.attendance.get(nip, day)
        if self._rival is not None:
            rival, self._rival = self._rival, None
            self._world.report_store.create(rival, seen)
        return seen


@pytest.mark.parametrize(("start", "end", "stored"), [("08:30", "09:30", 1), ("09:00", "10:00", 2)])
def test_a_report_filed_in_parallel_is_seen_on_the_retry(world, me, start, end, stored):
    from chalicelib.services.reports import ReportService

    content = ReportContent(TODAY, time(8), time(9), "Rapat", "Rapat koordinasi", "Notulen")
    rival = Report(uuid.uuid4().hex, me.nip, me.skpd_id, me.satker_id, me.supervisor_nip, content, SUBMITTED, NOW)
    racing = ReportService(
        world.report_store,
        _RivalLandsFirst(world, rival),
        world.templates,
        world.employees,
        clock=world.clock,
        backdate_days=7,
        evidence_url=lambda key, name: key,
    )
    if stored == 1:
        assert _refused(lambda: racing.create(actor(me), body(TODAY, start, end))) == "REPORT_OVERLAP"
    else:
        racing.create(actor(me), body(TODAY, start, end))
    assert len(_listed(world, me)) == stored
    assert len(world.attendance.get(me.nip, TODAY).report_slots) == stored


def test_an_edit_changes_only_what_was_sent_and_a_text_sent_empty_is_required(world, me):
    who = actor(me)
    rhk = approved_rhk(world, me, "Melayani pasien rawat jalan")
    report = world.reports.create(who, body(TODAY, rhk_id=rhk))
    assert (report["rhk_id"], report["rhk_text"]) == (rhk, "Melayani pasien rawat jalan")
    rid = report["report_id"]

    def edit(data):
        return world.reports.update(who, rid, payload("ReportPatch", data))

    for field in ("title", "date", "end_time"):
        assert _refused(lambda f=field: edit({f: None, "version": 1}), ValidationError) == "REQUIRED"
    assert edit({"version": 1})["version"] == 1  # nothing sent, nothing changed
    edited = edit({"output": "  Notulen  ", "rhk_id": "", "version": 1})
    assert (edited["output"], edited["rhk_id"], edited["title"], edited["version"]) == (
        "Notulen",
        None,
        "Pelayanan pasien",
        2,
    )
    template = world.templates.save(Template(uuid.uuid4().hex, me.nip, "Poli", "Poli umum", "Melayani.", "Hasil", 30))
    no_template = payload("ReportInput", {"date": TODAY.isoformat(), "start_time": "10:00", "template_id": "  "})
    assert _refused(lambda: world.reports.create(who, no_template), ValidationError) == "REQUIRED"  # no end, no text
    late = payload(
        "ReportInput", {"date": TODAY.isoformat(), "start_time": "23:45", "template_id": template.template_id}
    )
    assert _refused(lambda: world.reports.create(who, late)) == "INVALID_TIME_RANGE"  # the end would be tomorrow


def test_a_template_changes_by_the_fields_sent_and_keeps_a_value_in_each(world, me):
    who, templates = actor(me), world.services.templates
    full = {"name": "Poli", "title": "Poli umum", "description": "Melayani.", "output": "Hasil", "duration_minutes": 30}
    made = templates.create(who, payload("TemplateFields", full))
    tid = made["template_id"]
    changed = templates.update(who, tid, payload("TemplatePatch", {"title": " Poli gigi ", "version": 1}))
    assert (changed["title"], changed["name"], changed["duration_minutes"], changed["version"]) == (
        "Poli gigi",
        "Poli",
        30,
        2,
    )
    refused = payload("TemplatePatch", {"name": None, "version": 2})
    assert _refused(lambda: templates.update(who, tid, refused), ValidationError) == "REQUIRED"
    stale = payload("TemplatePatch", {"name": "Lama", "version": 1})
    assert _refused(lambda: templates.update(who, tid, stale), Conflict) == "CONFLICT"
    templates.delete(who, tid, _version(2))
    assert templates.list(who)["items"] == []


class _CountedMany:
    """The employee repository, counting its batch reads (`many`)."""

    def __init__(self, employees) -> None:
        self._employees, self.calls = employees, 0

    def many(self, nips: set[str]):
        self.calls += 1
        return self._employees.many(nips)


def test_a_report_a_delegate_decided_names_the_delegate_and_the_supervisor_in_one_read(world, me, monkeypatch):
    from chalicelib.domain.delegation import Delegation

    boss = world.employees.get(me.supervisor_nip)
    deputy = world.person(name="dr. Andi Wijaya")
    world.delegations.add(Delegation("d" * 32, boss.nip, deputy.nip, TODAY, TODAY), 0, [])
    report = world.reports.create(actor(me), body(TODAY))
    counted = _CountedMany(world.employees)
    monkeypatch.setattr(world.reports, "_employees", counted)
    assert world.reports.get(actor(me), report["report_id"])["people"] == {}
    assert counted.calls == 0  # nobody but the employee acted yet: no read
    decision = Decision(Verdict.APPROVE, None, version=report["version"], rating=4)
    world.decisions.decide(actor(deputy), "report", report["report_id"], decision)
    seen = world.reports.get(actor(me), report["report_id"])
    assert (seen["decided_by"], seen["decided_for"]) == (deputy.nip, boss.nip)
    assert seen["people"] == {
        deputy.nip: {"name": "dr. Andi Wijaya", "jabatan": "Perawat"},
        boss.nip: {"name": "Andi", "jabatan": "Perawat"},
    }
    assert counted.calls == 1
    assert {h["by"] for h in seen["history"]} <= {me.nip, *seen["people"]}


def approved_rhk(world, employee, text):
    """An RHK of the employee's approved SKP of this year (a report may only name one: issue 19)."""
    skp = skp_rules.create(employee.nip, TODAY.year, employee.skpd_id, employee.satker_id, world.clock())
    target = skp_rules.Target("0000000000a1", text, skp_rules.RhkKind.UTAMA, (skp_rules.Indicator("x", 1, "dokumen"),))
    skp = world.repositories.skp.add(skp)
    world.repositories.skp.approve(
        replace(skp, approved_targets=(target,), approved_version=1),
        skp_rules.ApprovedVersion(1, world.clock(), "system", (target,)),
    )
    return target.rhk_id
