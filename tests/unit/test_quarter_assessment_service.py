"""The quarterly assessment over the in-memory twins (issue 19): the quarter's summary per RHK, the penilai's
assessment (the predicate computed; never by the employee; editable until acknowledged), the acknowledgement
through the one decision mechanism (kind `assessment_ack`, waiting in the employee's inbox), Q4 closing the SKP,
and the PDF."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from pypdf import PdfReader

from chalicelib.domain.accounts import Employee
from chalicelib.domain.decisions import Decision, Verdict
from chalicelib.domain.errors import Conflict, Forbidden, NotFound, ValidationError
from chalicelib.domain.quarter_assessment import parse_item_id, parse_quarter
from tests.support import payload
from tests.unit.world import Clock, World, actor, at, body

NOW = at("2026-03-02 02:00")  # Monday 09:00 WIB, first quarter
DAY = date(2026, 3, 2)


@pytest.fixture
def world() -> World:
    return World(Clock(NOW))


@pytest.fixture
def team(world: World) -> dict[str, Employee]:
    boss = world.person(name="Budi")
    return {"boss": boss, "staff": world.person(supervisor=boss, name="Sari"), "other": world.person(name="Tono")}


def approved(world: World, team: dict[str, Employee]) -> dict[str, Any]:
    staff, skp = team["staff"], world.services.skp.create(actor(team["staff"]), 2026)
    targets = [
        {
            "text": "Menyusun laporan keuangan",
            "kind": "UTAMA",
            "indicators": [
                {"text": "Laporan tersusun", "target": 12, "unit": "laporan"},
                {"text": "Ketepatan waktu", "target": 100, "unit": "%"},
            ],
        }
    ]
    skp = world.services.skp.edit(
        actor(staff), skp["skp_id"], payload("SkpTargetsInput", {"targets": targets, "version": skp["version"]})
    )
    skp = world.services.skp.submit(actor(staff), skp["skp_id"], skp["version"])
    world.decisions.decide(actor(team["boss"]), "skp", skp["skp_id"], Decision(Verdict.APPROVE))
    return world.services.skp.get(actor(staff), 2026)


def assessment(version: int | None = None, **fields: Any) -> Any:
    data = {
        "results": "DI_ATAS_EKSPEKTASI",
        "behaviour": "SESUAI_EKSPEKTASI",
        "realisations": [{"rhk_id": "RHK", "indicator": 0, "value": "3 laporan"}],
        "feedback": "Pertahankan ketepatan waktu.",
        "value_notes": {"Akuntabel": "Laporan selalu lengkap."},
        **fields,
    }
    if version is not None:
        data["version"] = version
    return data


def sent(skp: dict[str, Any], data: dict[str, Any]) -> Any:
    rhk = skp["approved_targets"][0]["rhk_id"]
    for r in data.get("realisations", []):
        if r["rhk_id"] == "RHK":
            r["rhk_id"] = rhk
    return payload("AssessmentInput", data)


def test_the_quarter_counts_reports_per_rhk_attendance_and_leave(world: World, team: dict[str, Employee]):
    staff, skp = team["staff"], approved(world, team)
    rhk = skp["approved_targets"][0]["rhk_id"]
    world.attend(staff, DAY)
    world.reports.create(actor(staff), body(DAY, "08:00", "10:30", rhk_id=rhk))
    world.reports.create(actor(staff), body(DAY, "11:00", "12:00"))
    summary = world.services.assessments.quarter(actor(team["boss"]), skp["skp_id"], 1)
    assert (summary["label"], summary["first"], summary["last"]) == ("Triwulan I 2026", "2026-01-01", "2026-03-31")
    (target,) = summary["targets"]
    assert target["rhk_id"] == rhk
    assert target["reports"] == {"count": 1, "approved": 0, "with_evidence": 0, "hours": 2.5}
    assert summary["without_rhk"] == {"count": 1, "approved": 0, "with_evidence": 0, "hours": 1.0}
    assert (summary["attendance_days"], summary["leave_days"], summary["assessment"]) == (1, 0, None)
    # another quarter holds none of them
    later = world.services.assessments.quarter(actor(staff), skp["skp_id"], 2)
    assert later["targets"][0]["reports"]["count"] == 0 and later["attendance_days"] == 0
    with pytest.raises(Forbidden):
        world.services.assessments.quarter(actor(team["other"]), skp["skp_id"], 1)


def test_the_penilai_assesses_never_the_employee_and_the_employee_acknowledges(world: World, team: dict[str, Employee]):
    staff, boss, skp = team["staff"], team["boss"], approved(world, team)
    service = world.services.assessments
    with pytest.raises(Forbidden) as own:
        service.assess(actor(staff), skp["skp_id"], 1, sent(skp, assessment()))
    assert own.value.code == "SELF_DECISION"
    with pytest.raises(Forbidden):
        service.assess(actor(team["other"]), skp["skp_id"], 1, sent(skp, assessment()))

    written = service.assess(actor(boss), skp["skp_id"], 1, sent(skp, assessment()))
    assert (written["predicate"], written["predicate_label"], written["status"]) == ("BAIK", "Baik", "ASSESSED")
    assert written["value_notes"] == [{"value": "Akuntabel", "note": "Laporan selalu lengkap."}]
    with pytest.raises(Conflict):  # a second first assessment: the version read is needed
        service.assess(actor(boss), skp["skp_id"], 1, sent(skp, assessment()))
    changed = service.assess(
        actor(boss), skp["skp_id"], 1, sent(skp, assessment(written["version"], behaviour="DI_ATAS_EKSPEKTASI"))
    )
    assert (changed["predicate"], changed["version"]) == ("SANGAT_BAIK", written["version"] + 1)
    with pytest.raises(ValidationError) as unknown:
        service.assess(
            actor(boss), skp["skp_id"], 1, sent(skp, assessment(changed["version"], value_notes={"Jujur": "x"}))
        )
    assert unknown.value.code == "UNKNOWN_CORE_VALUE"

    # it waits in the employee's inbox; the penilai cannot acknowledge it, the employee does
    inbox = {k["kind"]: k["count"] for k in world.decisions.inbox(actor(staff))["kinds"]}
    assert inbox == {"assessment_ack": 1}
    with pytest.raises(Forbidden):
        world.decisions.decide(actor(boss), "assessment_ack", changed["id"], Decision(Verdict.APPROVE))
    done = world.decisions.decide(actor(staff), "assessment_ack", changed["id"], Decision(Verdict.APPROVE))
    assert (done["status"], done["detail"]["predicate_label"]) == ("ACKNOWLEDGED", "Sangat Baik")
    assert world.decisions.inbox(actor(staff))["kinds"] == []
    with pytest.raises(Conflict) as final:
        service.assess(actor(boss), skp["skp_id"], 1, sent(skp, assessment(done["version"])))
    assert final.value.code == "ASSESSMENT_ACKNOWLEDGED"
    assert world.services.skp.get(actor(staff), 2026)["status"] == "APPROVED"  # only Q4 closes the year


def test_the_fourth_quarter_closes_the_skp_and_the_pdf_names_everyone(world: World, team: dict[str, Employee]):
    staff, boss, skp = team["staff"], team["boss"], approved(world, team)
    service = world.services.assessments
    data = assessment(results="DI_BAWAH_EKSPEKTASI", behaviour="DI_ATAS_EKSPEKTASI")
    written = service.assess(actor(boss), skp["skp_id"], 4, sent(skp, data))
    assert written["predicate_label"] == "Butuh Perbaikan"
    world.decisions.decide(actor(staff), "assessment_ack", written["id"], Decision(Verdict.APPROVE))
    closed = world.services.skp.get(actor(staff), 2026)
    assert (closed["status"], closed["status_label"]) == ("CLOSED", "Selesai")
    with pytest.raises(Conflict) as after:
        service.assess(actor(boss), skp["skp_id"], 3, sent(skp, assessment()))
    assert after.value.code == "SKP_CLOSED"
    kept = payload("SkpTargetsInput", {"targets": [], "version": closed["version"]})
    with pytest.raises(Conflict) as locked:
        world.services.skp.edit(actor(staff), skp["skp_id"], kept)
    assert locked.value.code == "SKP_NOT_EDITABLE"

    link = service.pdf(actor(staff), skp["skp_id"], 4)
    assert link["filename"] == f"penilaian-{staff.nip}-2026-triwulan-4.pdf"
    (data_key,) = [k for k in world.objects.objects if k.startswith("exports/assessments/")]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(world.objects.objects[data_key])).pages)
    for expected in ("TRIWULAN IV 2026", "BUTUH PERBAIKAN", "Sari", "Budi", "Menyusun laporan keuangan", "3 laporan"):
        assert expected in text, expected
    with pytest.raises(NotFound):
        service.pdf(actor(staff), skp["skp_id"], 1)


def test_quarters_and_ids_are_read_strictly():
    assert parse_quarter("3") == 3
    for bad in ("0", "5", "", "12", "x"):
        with pytest.raises(ValidationError):
            parse_quarter(bad)
    assert parse_item_id("198503152010011001.2026.Q4") == ("198503152010011001.2026", 4)
    assert parse_item_id("198503152010011001.2026.Q5") is None
    assert parse_item_id("nonsense") is None
