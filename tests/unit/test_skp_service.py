"""The SKP use cases over the in-memory twins (issue 19): the owner's writes, reading rights, the decision kind
`skp` on the one mechanism, versions, the cascade and the parents, and the report's link to an approved RHK."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from chalicelib.domain.accounts import Employee, Role
from chalicelib.domain.decisions import Decision, Verdict
from chalicelib.domain.errors import BusinessRule, Conflict, Forbidden, NotFound
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.organisation import Skpd
from tests.support import payload, verification_query
from tests.unit.world import SKPD, Clock, World, actor, at, body

NOW = at("2026-03-02 02:00")  # Monday 09:00 WIB
DAY = date(2026, 3, 2)


@pytest.fixture
def world() -> World:
    return World(Clock(NOW))


@pytest.fixture
def team(world: World) -> dict[str, Employee]:
    head = world.person(name="Kepala")
    boss = world.person(supervisor=head, name="Budi")
    return {
        "head": head,
        "boss": boss,
        "staff": world.person(supervisor=boss, name="Sari"),
        "other": world.person(name="Tono"),
    }


def targets(*texts: str, version: int, **first: Any) -> Any:
    items = [
        {
            "text": text,
            "kind": "UTAMA" if n == 0 else "TAMBAHAN",
            "indicators": [{"text": "Dokumen", "target": 12, "unit": "dokumen"}],
        }
        for n, text in enumerate(texts)
    ]
    items[0].update(first)
    return payload("SkpTargetsInput", {"targets": items, "version": version})


def started(world: World, who: Employee, *texts: str, **first: Any) -> dict[str, Any]:
    skp = world.services.skp.create(actor(who), 2026)
    return world.services.skp.edit(
        actor(who), skp["skp_id"], targets(*(texts or ("Menyusun laporan",)), version=skp["version"], **first)
    )


def submitted(world: World, who: Employee, *texts: str, **first: Any) -> dict[str, Any]:
    skp = started(world, who, *texts, **first)
    return world.services.skp.submit(actor(who), skp["skp_id"], skp["version"])


def approve(world: World, boss: Employee, skp: dict[str, Any]) -> dict[str, Any]:
    world.decisions.decide(actor(boss), "skp", skp["skp_id"], Decision(Verdict.APPROVE))
    return world.services.skp.get(actor(boss), 2026, skp["nip"])


def test_draft_edit_submit_and_the_view(world: World, team: dict[str, Employee]):
    skp = started(world, team["staff"], "Menyusun laporan", "Membantu kegiatan")
    assert (skp["status"], skp["status_label"], skp["penilai"], skp["approved_version"]) == ("DRAFT", "Draf", None, 0)
    assert skp["employee"] == {"nip": team["staff"].nip, "name": "Sari", "jabatan": "Perawat"}
    assert [(t["kind"], t["kind_label"]) for t in skp["targets"]] == [("UTAMA", "Utama"), ("TAMBAHAN", "Tambahan")]
    with pytest.raises(Conflict) as exists:
        world.services.skp.create(actor(team["staff"]), 2026)
    assert exists.value.code == "SKP_EXISTS"
    with pytest.raises(Conflict) as stale:
        world.services.skp.submit(actor(team["staff"]), skp["skp_id"], skp["version"] - 1)
    assert stale.value.code == "CONFLICT"
    sent = world.services.skp.submit(actor(team["staff"]), skp["skp_id"], skp["version"])
    assert (sent["status"], sent["penilai"]["name"]) == ("SUBMITTED", "Budi")


def test_who_reads_an_skp(world: World, team: dict[str, Employee]):
    skp = started(world, team["staff"])
    service, staff = world.services.skp, team["staff"].nip
    assert service.get(actor(team["boss"]), 2026, staff)["skp_id"] == skp["skp_id"]
    hr_here = world.person()
    assert service.get(actor(hr_here, Role.KEPEGAWAIAN), 2026, staff)["skp_id"] == skp["skp_id"]
    assert service.get(actor(world.person(skpd="BAPPEDA"), Role.BKD), 2026, staff)["skp_id"] == skp["skp_id"]
    for stranger in (actor(team["other"]), actor(world.person(skpd="BAPPEDA"), Role.KEPEGAWAIAN)):
        with pytest.raises(Forbidden):
            service.get(stranger, 2026, staff)
        with pytest.raises(Forbidden):
            service.versions(stranger, skp["skp_id"])
    with pytest.raises(NotFound) as none:
        service.get(actor(team["other"]), 2026)
    assert none.value.code == "SKP_NOT_FOUND"
    with pytest.raises(Forbidden):  # only the owner edits
        service.edit(actor(team["boss"]), skp["skp_id"], targets("Diubah atasan", version=skp["version"]))


def test_the_supervisor_decides_on_the_one_mechanism(world: World, team: dict[str, Employee]):
    boss, staff = team["boss"], team["staff"]
    skp = submitted(world, staff, "Menyusun laporan keuangan")
    inbox = world.decisions.inbox(actor(boss))
    assert {k["kind"]: k["count"] for k in inbox["kinds"]}["skp"] == 1
    queue = world.decisions.queue(actor(boss), verification_query("skp"))
    (item,) = queue["items"]
    assert (item["id"], item["title"], item["status_label"]) == (skp["skp_id"], "SKP 2026", "Diajukan")
    assert item["summary"][0] == {"label": "Jumlah RHK", "value": "1 RHK (1 utama, 0 tambahan)"}
    assert item["summary"][1]["value"] == "Menyusun laporan keuangan — Indikator: Dokumen: 12 dokumen"
    with pytest.raises(Forbidden):  # not the penilai
        world.decisions.decide(actor(team["other"]), "skp", skp["skp_id"], Decision(Verdict.APPROVE))
    returned = world.decisions.decide(actor(boss), "skp", skp["skp_id"], Decision(Verdict.REJECT, note="Perjelas"))
    assert returned["status"] == "RETURNED"
    mine = world.services.skp.get(actor(staff), 2026)
    assert (mine["status_label"], mine["note"]) == ("Dikembalikan", "Perjelas")
    rhk = mine["targets"][0]["rhk_id"]
    fixed = world.services.skp.edit(
        actor(staff), skp["skp_id"], targets("Menyusun laporan", version=mine["version"], rhk_id=rhk)
    )
    world.services.skp.submit(actor(staff), skp["skp_id"], fixed["version"])
    approved = approve(world, boss, skp)
    assert (approved["status"], approved["approved_version"], approved["approved_targets"][0]["rhk_id"]) == (
        "APPROVED",
        1,
        rhk,
    )
    assert world.decisions.inbox(actor(boss))["kinds"][-1]["count"] == 0


def test_nobody_approves_their_own_skp(world: World, team: dict[str, Employee]):
    skp = submitted(world, team["staff"])
    world.repositories.skp._heads[skp["skp_id"]] = replace(
        world.repositories.skp.get(skp["skp_id"]), penilai_nip=team["staff"].nip
    )
    with pytest.raises(Forbidden) as own:
        world.decisions.decide(actor(team["staff"]), "skp", skp["skp_id"], Decision(Verdict.APPROVE))
    assert own.value.code == "SELF_DECISION"


def test_versions_after_a_change_and_reports_keep_the_old_rhk(world: World, team: dict[str, Employee]):
    boss, staff = team["boss"], team["staff"]
    first = approve(world, boss, submitted(world, staff, "Menyusun laporan"))
    old_rhk = first["approved_targets"][0]["rhk_id"]
    changed = world.services.skp.edit(actor(staff), first["skp_id"], targets("Mengolah data", version=first["version"]))
    assert (changed["status"], changed["approved_targets"][0]["rhk_id"]) == ("DRAFT", old_rhk)
    world.attend(staff, DAY)
    report = world.reports.create(actor(staff), body(DAY, rhk_id=old_rhk))
    assert (report["rhk_id"], report["rhk_text"]) == (old_rhk, "Menyusun laporan")
    world.services.skp.submit(actor(staff), first["skp_id"], changed["version"])
    approve(world, boss, first)
    versions = world.services.skp.versions(actor(staff), first["skp_id"])["items"]
    assert [(v["approved_version"], v["targets"][0]["text"]) for v in versions] == [
        (2, "Mengolah data"),
        (1, "Menyusun laporan"),
    ]
    # the report still shows the text of the RHK it named, though the newest version dropped it
    listed = world.reports.list_own(actor(staff), payload("ReportQuery", {"rhk_id": old_rhk}))["items"]
    assert [(r["report_id"], r["rhk_text"]) for r in listed] == [(report["report_id"], "Menyusun laporan")]
    assert world.reports.list_own(actor(staff), payload("ReportQuery", {"rhk_id": "ffffffffffff"}))["items"] == []


def test_a_reports_rhk_must_be_approved_and_may_be_required(world: World, team: dict[str, Employee]):
    staff = team["staff"]
    world.attend(staff, DAY)
    started(world, staff)
    with pytest.raises(BusinessRule) as unapproved:
        world.reports.create(actor(staff), body(DAY, rhk_id="ffffffffffff"))
    assert unapproved.value.code == "RHK_UNKNOWN"
    assert world.reports.create(actor(staff), body(DAY))["rhk_id"] is None  # optional by default
    world.org.save_skpd(Skpd(SKPD, "Dinas Kesehatan", TimeZone.WIB, rhk_required=True))
    with pytest.raises(BusinessRule) as required:
        world.reports.create(actor(staff), body(DAY, start="10:00", end="11:00"))
    assert required.value.code == "RHK_REQUIRED"


def test_parents_and_the_cascade(world: World, team: dict[str, Employee]):
    boss, staff = team["boss"], team["staff"]
    assert world.services.skp.parents(actor(staff), 2026) == {"targets": []}
    boss_skp = approve(world, team["head"], submitted(world, boss, "Meningkatkan mutu layanan"))
    root = boss_skp["approved_targets"][0]["rhk_id"]
    assert [t["rhk_id"] for t in world.services.skp.parents(actor(staff), 2026)["targets"]] == [root]
    with pytest.raises(BusinessRule) as unknown:
        started(world, staff, "Melayani pasien", parent_rhk_id="ffffffffffff")
    assert unknown.value.code == "PARENT_RHK_UNKNOWN"
    skp = world.services.skp.get(actor(staff), 2026)
    world.services.skp.edit(
        actor(staff), skp["skp_id"], targets("Melayani pasien", version=skp["version"], parent_rhk_id=root)
    )
    third = world.person(supervisor=boss, name="Ani")
    tree = world.services.skp_cascade.cascade(actor(boss), 2026)
    assert tree["targets"] == [
        {
            "rhk_id": root,
            "text": "Meningkatkan mutu layanan",
            "kind": "UTAMA",
            "children": [
                {
                    "nip": staff.nip,
                    "name": "Sari",
                    "jabatan": "Perawat",
                    "rhk_id": tree["targets"][0]["children"][0]["rhk_id"],
                    "text": "Melayani pasien",
                    "kind": "UTAMA",
                }
            ],
        }
    ]
    assert [(s["name"], s["status"]) for s in tree["staff"]] == [("Ani", None), ("Sari", "DRAFT")]
    assert third.nip in {s["nip"] for s in tree["staff"]}


def test_a_template_carries_its_rhk_into_the_report(world: World, team: dict[str, Employee]):
    boss, staff = team["boss"], team["staff"]
    rhk = approve(world, boss, submitted(world, staff, "Melayani pasien"))["approved_targets"][0]["rhk_id"]
    templates = world.services.templates
    fields = {
        "name": "Poli",
        "title": "Poli umum",
        "description": "Melayani.",
        "output": "Pasien",
        "duration_minutes": 60,
    }
    template = templates.create(actor(staff), payload("TemplateFields", {**fields, "rhk_id": rhk}))
    assert template["rhk_id"] == rhk
    world.attend(staff, DAY)
    filed = payload(
        "ReportInput", {"date": DAY.isoformat(), "start_time": "08:00", "template_id": template["template_id"]}
    )
    report = world.reports.create(actor(staff), filed)
    assert (report["rhk_id"], report["rhk_text"]) == (rhk, "Melayani pasien")
    cleared = templates.update(
        actor(staff), template["template_id"], payload("TemplatePatch", {"rhk_id": None, "version": 1})
    )
    assert cleared["rhk_id"] is None
    stale = templates.update(
        actor(staff), template["template_id"], payload("TemplatePatch", {"rhk_id": "ffffffffffff", "version": 2})
    )
    late = {"date": DAY.isoformat(), "start_time": "10:00", "template_id": stale["template_id"]}
    with pytest.raises(BusinessRule) as unknown:  # checked when the report is filed
        world.reports.create(actor(staff), payload("ReportInput", late))
    assert unknown.value.code == "RHK_UNKNOWN"


def test_a_submitted_skp_follows_the_employee_to_a_new_supervisor(world: World, team: dict[str, Employee]):
    from chalicelib.store.protocols import EmployeeImage

    staff, boss = team["staff"], team["boss"]
    skp = submitted(world, staff)
    new_boss = world.person(name="Atasan Baru")
    after = world.employees.save(replace(world.employees.get(staff.nip), supervisor_nip=new_boss.nip))
    moves = world.services.supervisor_moves
    assert moves.on_change(EmployeeImage(staff, None), EmployeeImage(after, None))["skp"] == 1
    moved = world.repositories.skp.get(skp["skp_id"])
    assert moved.penilai_nip == new_boss.nip and moved.history[-1].action == "PENILAI_CHANGED"
    assert world.decisions.queue(actor(new_boss), verification_query("skp"))["count"] == 1
    assert world.repositories.skp.count_pending(boss.nip) == 0
    assert moves.on_change(EmployeeImage(staff, None), EmployeeImage(after, None))["skp"] == 0  # a replay
