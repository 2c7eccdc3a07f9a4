"""Daily activity reports through the API against DynamoDB Local."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from tests.support import attend, decide, report_body, today_wib


@pytest.fixture
def people(http, factory):
    """A supervisor and an employee with attendance on the last three days."""
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="Bambang Atasan")
    staff = factory.employee(skpd, supervisor=boss, name="Wulan Pegawai")
    today = today_wib()
    for back in range(3):
        attend(staff, today - timedelta(days=back))
    return {
        "skpd": skpd,
        "boss": boss,
        "staff": staff,
        "today": today,
        "staff_token": http.login(staff),
        "boss_token": http.login(boss),
    }


def _create(http, people, **kwargs):
    return http.call("POST", "/reports", report_body(people["today"], **kwargs), token=people["staff_token"])


def test_create_then_read_with_history(http, people):
    status, report = _create(http, people)
    assert status == 201, report
    assert report["status"] == "SUBMITTED" and report["status_label"] == "Diajukan" and report["version"] == 1
    assert report["supervisor_nip"] == people["boss"]
    assert [h["action"] for h in report["history"]] == ["CREATED"]
    for token in (people["staff_token"], people["boss_token"]):
        status, same = http.call("GET", f"/reports/{report['report_id']}", token=token)
        assert status == 200 and same["title"] == report["title"]


def test_each_refusal_has_its_own_code_and_stores_nothing(http, people, factory):
    staff, today = people["staff"], people["today"]
    no_attendance = factory.employee(people["skpd"])
    cases = [
        (http.login(no_attendance), report_body(today), 422, "ATTENDANCE_REQUIRED"),
        (people["staff_token"], report_body(today + timedelta(days=1)), 422, "DATE_IN_FUTURE"),
        (people["staff_token"], report_body(today - timedelta(days=8)), 422, "DATE_TOO_OLD"),
        (people["staff_token"], report_body(today, "10:00", "10:00"), 400, "INVALID_TIME_RANGE"),
        (people["staff_token"], report_body(today, "10:00", "09:00"), 400, "INVALID_TIME_RANGE"),
        (people["staff_token"], report_body(today, "25:00", "26:00"), 400, "INVALID_TIME"),
        (people["staff_token"], report_body("2026-02-30"), 400, "INVALID_DATE"),
        (people["staff_token"], report_body(today, title=""), 400, "REQUIRED"),
        (people["staff_token"], report_body(today, description="x" * 4001), 400, "TOO_LONG"),
        (people["staff_token"], report_body(today, title=7), 400, "INVALID_TYPE"),
    ]
    for token, body, status, code in cases:
        got_status, error = http.call("POST", "/reports", body, token=token)
        assert (got_status, error["code"]) == (status, code), body
    assert http.call("GET", "/reports", token=people["staff_token"])[1]["items"] == []
    assert staff


def test_overlap_is_refused_touching_is_fine(http, people):
    assert _create(http, people, start="08:00", end="10:00")[0] == 201
    status, error = _create(http, people, start="09:30", end="11:00")
    assert (status, error["code"]) == (422, "REPORT_OVERLAP")
    assert error["details"]["start_time"] == "08:00"
    # the time as the screens write it, in the employee's zone; "08:00" stays in details (issue 18, item 7)
    assert error["message"] == "Waktu kegiatan bertabrakan dengan laporan lain pada 08.00–10.00 WIB."
    assert _create(http, people, start="07:00", end="08:00")[0] == 201
    assert _create(http, people, start="10:00", end="11:00")[0] == 201


def test_edit_records_the_changes_and_keeps_the_rules(http, people):
    _, first = _create(http, people, start="08:00", end="09:00")
    _, second = _create(http, people, start="09:00", end="10:00")
    rid, token = first["report_id"], people["staff_token"]
    status, edited = http.call(
        "PATCH", f"/reports/{rid}", {"title": "Judul baru", "end_time": "08:30", "version": 1}, token=token
    )
    assert status == 200 and edited["version"] == 2
    assert edited["history"][-1]["action"] == "EDITED"
    assert edited["history"][-1]["changes"] == {
        "end": ["09:00", "08:30"],
        "title": ["Menyusun laporan bulanan", "Judul baru"],
    }
    status, error = http.call("PATCH", f"/reports/{rid}", {"end_time": "09:30", "version": 2}, token=token)
    assert (status, error["code"]) == (422, "REPORT_OVERLAP")
    status, error = http.call("PATCH", f"/reports/{rid}", {"title": "Basi", "version": 1}, token=token)
    assert (status, error["code"]) == (409, "CONFLICT")
    # move to yesterday: today's 08:00-08:30 becomes free
    yesterday = str(people["today"] - timedelta(days=1))
    status, moved = http.call("PATCH", f"/reports/{rid}", {"date": yesterday, "version": 2}, token=token)
    assert status == 200 and moved["date"] == yesterday
    assert _create(http, people, start="08:00", end="09:00")[0] == 201
    assert second["report_id"]


def test_withdraw_frees_the_slot_and_keeps_the_history(http, people):
    _, report = _create(http, people)
    rid, token = report["report_id"], people["staff_token"]
    assert http.call("DELETE", f"/reports/{rid}?version=2", token=token)[0] == 409
    assert http.call("DELETE", f"/reports/{rid}", token=token)[1]["code"] == "VERSION_REQUIRED"
    status, withdrawn = http.call("DELETE", f"/reports/{rid}?version=1", token=token)
    assert status == 200 and withdrawn["status"] == "WITHDRAWN"
    assert [h["action"] for h in withdrawn["history"]] == ["CREATED", "WITHDRAWN"]
    assert http.call("GET", "/reports", token=token)[1]["items"] == []
    assert _create(http, people)[0] == 201
    assert (
        http.call("PATCH", f"/reports/{rid}", {"title": "x", "version": 2}, token=token)[1]["code"] == "REPORT_LOCKED"
    )


def test_decided_reports_are_locked_and_rejected_ones_can_be_copied(http, people):
    _, approved = _create(http, people, start="08:00", end="09:00")
    _, rejected = _create(http, people, start="09:00", end="10:00")
    boss, token = people["boss_token"], people["staff_token"]
    status, body = decide(http, boss, "report", approved["report_id"], "APPROVE", rating=5, version=1)
    assert status == 200 and body["status"] == "APPROVED"
    assert body["detail"]["decided_by"] == people["boss"] and body["detail"]["rating"] == 5
    status, error = decide(http, boss, "report", rejected["report_id"], "REJECT", version=1)
    assert (status, error["code"]) == (400, "NOTE_REQUIRED")
    status, body = decide(http, boss, "report", rejected["report_id"], "REJECT", note="Uraian kurang rinci", version=1)
    assert status == 200 and body["status_label"] == "Ditolak" and body["detail"]["status_label"] == "Ditolak"
    for rid, version in ((approved["report_id"], 2), (rejected["report_id"], 2)):
        status, error = http.call("PATCH", f"/reports/{rid}", {"title": "ubah", "version": version}, token=token)
        assert (status, error["code"]) == (409, "REPORT_LOCKED")
        assert http.call("DELETE", f"/reports/{rid}?version={version}", token=token)[1]["code"] == "REPORT_LOCKED"
    status, error = decide(http, boss, "report", approved["report_id"], "REJECT", note="x", version=2)
    assert (status, error["code"]) == (409, "ALREADY_DECIDED")
    assert http.call("POST", f"/reports/{approved['report_id']}/copy", token=token)[1]["code"] == "REPORT_NOT_REJECTED"
    # the rejected report freed its slot: the copy takes the same time, with a better description
    status, copy = http.call(
        "POST",
        f"/reports/{rejected['report_id']}/copy",
        {"description": "Uraian lengkap: data 3 puskesmas."},
        token=token,
    )
    assert status == 201, copy
    assert copy["status"] == "SUBMITTED" and copy["copied_from"] == rejected["report_id"]
    assert (copy["start_time"], copy["end_time"]) == ("09:00", "10:00")
    assert copy["history"][0]["action"] == "COPIED"
    assert http.call("GET", f"/reports/{rejected['report_id']}", token=token)[1]["status"] == "REJECTED"


def test_only_the_owner_and_the_supervisor_see_and_decide(http, people, factory):
    _, report = _create(http, people)
    stranger = http.login(factory.employee(people["skpd"]))
    assert http.call("GET", f"/reports/{report['report_id']}", token=stranger)[0] == 403
    assert http.call("PATCH", f"/reports/{report['report_id']}", {"title": "x", "version": 1}, token=stranger)[0] == 403
    assert decide(http, stranger, "report", report["report_id"], "APPROVE", version=1)[0] == 403
    own = decide(http, people["staff_token"], "report", report["report_id"], "APPROVE", version=1)
    assert own[0] == 403
    assert http.call("GET", "/reports/tidakada", token=stranger)[0] == 404


def test_list_filters_and_pages_newest_first(http, people):
    token, today = people["staff_token"], people["today"]
    days = [today - timedelta(days=2), today - timedelta(days=1), today]
    made = []
    for day in days:
        for start, end in (("08:00", "09:00"), ("13:00", "14:00")):
            body = report_body(day, start, end, title=f"Kegiatan {day} {start}")
            made.append(http.call("POST", "/reports", body, token=token)[1])
    assert decide(http, people["boss_token"], "report", made[0]["report_id"], "APPROVE", version=1)[0] == 200
    status, page = http.call("GET", "/reports?limit=4", token=token)
    assert status == 200 and len(page["items"]) == 4 and page["next_cursor"]
    assert [r["title"] for r in page["items"]][:2] == [f"Kegiatan {today} 13:00", f"Kegiatan {today} 08:00"]
    rest = http.call("GET", f"/reports?limit=4&cursor={page['next_cursor']}", token=token)[1]
    assert len(rest["items"]) == 2 and rest["next_cursor"] is None
    assert [r["report_id"] for r in http.call("GET", "/reports?status=approved", token=token)[1]["items"]] == [
        made[0]["report_id"]
    ]
    yesterday = days[1]
    ranged = http.call("GET", f"/reports?from={yesterday}&to={yesterday}", token=token)[1]["items"]
    assert {r["date"] for r in ranged} == {str(yesterday)} and len(ranged) == 2
    found = http.call("GET", f"/reports?q=KEGIATAN%20{today}%2013", token=token)[1]["items"]
    assert [r["title"] for r in found] == [f"Kegiatan {today} 13:00"]
    for bad in ("status=DONE", "from=kemarin", "limit=101"):
        assert http.call("GET", f"/reports?{bad}", token=token)[0] == 400


def _race(http, people, rid: str) -> dict:
    """The employee edits and the supervisor decides the same version at the same moment."""
    results: dict = {}
    barrier = threading.Barrier(2)

    def edit():
        barrier.wait()
        body = {"title": "Diedit pegawai", "version": 1}
        results["edit"] = http.call("PATCH", f"/reports/{rid}", body, token=people["staff_token"])

    def approve():
        barrier.wait()
        results["decide"] = decide(http, people["boss_token"], "report", rid, "APPROVE", version=1)

    threads = [threading.Thread(target=edit), threading.Thread(target=approve)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_edit_and_decision_racing_never_overwrite_each_other(http, people):
    from chalicelib.store.models import ReportItem

    for attempt in range(5):
        _, report = _create(http, people, start=f"{8 + attempt:02d}:00", end=f"{8 + attempt:02d}:30")
        rid = report["report_id"]
        results = _race(http, people, rid)
        assert sorted(r[0] for r in results.values()) == [200, 409], results
        assert [r[1]["code"] for r in results.values() if r[0] == 409] == ["CONFLICT"]
        stored = ReportItem.get(rid, consistent_read=True)
        assert stored.version == 2
        if results["edit"][0] == 200:
            assert stored.title == "Diedit pegawai" and stored.status == "SUBMITTED"
        else:
            assert stored.title != "Diedit pegawai" and stored.status == "APPROVED"


def test_parallel_overlapping_creates_store_only_one(http, people):
    results = []
    barrier = threading.Barrier(4)

    def create():
        barrier.wait()
        results.append(_create(http, people, start="14:00", end="15:00"))

    threads = [threading.Thread(target=create) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(s for s, _ in results).count(201) == 1, results
    assert all(body["code"] in ("REPORT_OVERLAP", "CONFLICT") for s, body in results if s != 201)
    listed = http.call("GET", "/reports", token=people["staff_token"])[1]["items"]
    assert [(r["start_time"], r["end_time"]) for r in listed] == [("14:00", "15:00")]
