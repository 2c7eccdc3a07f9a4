"""SKP over HTTP (issue 19): draft → edit → submit → the supervisor's inbox and queue → returned with a note → edit →
resubmit → approved; reports linked to an approved RHK (an unknown one refused, the list filtered by RHK, the RHK
required where the SKPD says so); a change after approval (a draft again, the old RHK still usable, both versions
listed); the cascade and the parents; who may read and who may decide."""

from __future__ import annotations

import pytest

from tests.support import attend, decide, queue, report_body, today_wib


@pytest.fixture
def office(http, factory):
    skpd = factory.skpd()
    head = factory.employee(skpd, name="Kepala Dinas Uji")
    boss = factory.employee(skpd, supervisor=head, name="Atasan Uji")
    staff = factory.employee(skpd, supervisor=boss, name="Sari Uji")
    other = factory.employee(skpd, name="Pegawai Lain Uji")
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Petugas Kepegawaian Uji")
    admin = factory.employee(skpd, roles=("ADMIN",), name="Admin Uji")
    people = {"head": head, "boss": boss, "staff": staff, "other": other, "hr": hr, "admin": admin}
    return {"skpd": skpd, **people, "tokens": {role: http.login(nip) for role, nip in people.items()}}


def target(text: str, kind: str = "UTAMA", **extra) -> dict:
    return {
        "text": text,
        "kind": kind,
        "indicators": [{"text": f"{text} selesai", "target": 12, "unit": "dokumen"}],
        **extra,
    }


def ok(result: tuple[int, dict], status: int = 200) -> dict:
    assert result[0] == status, result
    return result[1]


def approved_skp(http, token: str, approver: str, year: int, *targets: dict) -> dict:
    skp = ok(http.call("POST", "/skp", {"year": year}, token=token), 201)
    skp = ok(
        http.call("PUT", f"/skp/{skp['skp_id']}", {"targets": list(targets), "version": skp["version"]}, token=token)
    )
    skp = ok(http.call("POST", f"/skp/{skp['skp_id']}/submit", {"version": skp["version"]}, token=token))
    ok(decide(http, approver, "skp", skp["skp_id"], "APPROVE", version=skp["version"]))
    return ok(http.call("GET", f"/skp?year={year}", token=token))


def test_draft_to_approval_and_reports_linked_to_an_rhk(http, office):
    t, year = office["tokens"], today_wib().year
    staff = t["staff"]
    assert ok(http.call("GET", f"/skp?year={year}", token=staff), 404)["code"] == "SKP_NOT_FOUND"
    skp = ok(http.call("POST", "/skp", {"year": year}, token=staff), 201)
    assert (skp["status"], skp["status_label"], skp["targets"], skp["penilai"]) == ("DRAFT", "Draf", [], None)
    assert ok(http.call("POST", "/skp", {"year": year}, token=staff), 409)["code"] == "SKP_EXISTS"
    sid = skp["skp_id"]
    assert sid == f"{office['staff']}.{year}"

    # only a main RHK makes it complete; the owner edits
    tambahan = {"targets": [target("Membantu kegiatan", "TAMBAHAN")], "version": skp["version"]}
    skp = ok(http.call("PUT", f"/skp/{sid}", tambahan, token=staff))
    refused = ok(http.call("POST", f"/skp/{sid}/submit", {"version": skp["version"]}, token=staff), 422)
    assert refused["code"] == "SKP_INCOMPLETE"
    body = {"targets": [target("Menyusun laporan keuangan"), *skp["targets"]], "version": skp["version"]}
    skp = ok(http.call("PUT", f"/skp/{sid}", body, token=staff))
    assert [(x["text"], x["kind_label"]) for x in skp["targets"]] == [
        ("Menyusun laporan keuangan", "Utama"),
        ("Membantu kegiatan", "Tambahan"),
    ]
    assert ok(http.call("PUT", f"/skp/{sid}", body, token=t["other"]), 403)["code"] == "FORBIDDEN"
    skp = ok(http.call("POST", f"/skp/{sid}/submit", {"version": skp["version"]}, token=staff))
    assert (skp["status"], skp["penilai"]["name"]) == ("SUBMITTED", "Atasan Uji")
    locked = ok(http.call("PUT", f"/skp/{sid}", {"targets": [], "version": skp["version"]}, token=staff), 409)
    assert locked["code"] == "SKP_NOT_EDITABLE"

    # the supervisor sees it in the one inbox and the queue of its kind, and returns it with a note
    inbox = ok(http.call("GET", "/me/inbox", token=t["boss"]))
    assert {k["kind"]: k["count"] for k in inbox["kinds"]}["skp"] == 1
    waiting = ok(queue(http, t["boss"], "skp"))
    (item,) = waiting["items"]
    assert (item["id"], item["title"], item["verdicts"]) == (sid, f"SKP {year}", ["APPROVE", "REJECT"])
    assert item["summary"][0] == {"label": "Jumlah RHK", "value": "2 RHK (1 utama, 1 tambahan)"}
    assert ok(decide(http, t["boss"], "skp", sid, "REJECT"), 400)["code"] == "NOTE_REQUIRED"
    returned = ok(decide(http, t["boss"], "skp", sid, "REJECT", note="Indikator belum terukur"))
    assert returned["status"] == "RETURNED"
    skp = ok(http.call("GET", f"/skp?year={year}", token=staff))
    assert (skp["status_label"], skp["note"]) == ("Dikembalikan", "Indikator belum terukur")

    # edited (the RHK keep their ids) and submitted again, then approved
    kept = [{**x, "indicators": [{"text": "Laporan", "target": 4, "unit": "laporan"}]} for x in skp["targets"]]
    skp = ok(http.call("PUT", f"/skp/{sid}", {"targets": kept, "version": skp["version"]}, token=staff))
    assert [x["rhk_id"] for x in skp["targets"]] == [x["rhk_id"] for x in kept]
    skp = ok(http.call("POST", f"/skp/{sid}/submit", {"version": skp["version"]}, token=staff))
    approved = ok(decide(http, t["boss"], "skp", sid, "APPROVE", version=skp["version"]))
    assert approved["status"] == "APPROVED"
    skp = ok(http.call("GET", f"/skp?year={year}", token=staff))
    assert (skp["status"], skp["approved_version"], skp["note"]) == ("APPROVED", 1, None)
    rhk, text = skp["approved_targets"][0]["rhk_id"], skp["approved_targets"][0]["text"]

    # a report names an approved RHK; an unknown one is refused; the list filters by RHK
    today = today_wib()
    attend(office["staff"], today)
    unknown = ok(http.call("POST", "/reports", report_body(today, rhk_id="ffffffffffff"), token=staff), 422)
    assert unknown["code"] == "RHK_UNKNOWN" and str(year) in unknown["message"]
    report = ok(http.call("POST", "/reports", report_body(today, rhk_id=rhk), token=staff), 201)
    assert (report["rhk_id"], report["rhk_text"]) == (rhk, text)
    plain = ok(http.call("POST", "/reports", report_body(today, "10:00", "11:00"), token=staff), 201)
    listed = ok(http.call("GET", f"/reports?rhk_id={rhk}", token=staff))["items"]
    assert [(r["report_id"], r["rhk_text"]) for r in listed] == [(report["report_id"], text)]
    assert len(ok(http.call("GET", "/reports", token=staff))["items"]) == 2 and plain["rhk_id"] is None

    # a change after approval: a draft again, the old RHK still usable until the next approval; both versions kept
    changed = {"targets": [target("Mengolah data kepegawaian")], "version": skp["version"]}
    skp = ok(http.call("PUT", f"/skp/{sid}", changed, token=staff))
    assert (skp["status"], skp["approved_targets"][0]["rhk_id"]) == ("DRAFT", rhk)
    again = ok(http.call("POST", "/reports", report_body(today, "11:00", "12:00", rhk_id=rhk), token=staff), 201)
    assert again["rhk_text"] == text
    skp = ok(http.call("POST", f"/skp/{sid}/submit", {"version": skp["version"]}, token=staff))
    assert "Perubahan dari versi 1" in [
        line["value"] for line in ok(queue(http, t["boss"], "skp"))["items"][0]["summary"]
    ]
    ok(decide(http, t["boss"], "skp", sid, "APPROVE"))
    versions = ok(http.call("GET", f"/skp/{sid}/versions", token=staff))["items"]
    assert [(v["approved_version"], v["targets"][0]["text"]) for v in versions] == [
        (2, "Mengolah data kepegawaian"),
        (1, "Menyusun laporan keuangan"),
    ]
    assert versions[0]["approved_by"] == office["boss"]
    gone = ok(http.call("POST", "/reports", report_body(today, "13:00", "14:00", rhk_id=rhk), token=staff), 422)
    assert gone["code"] == "RHK_UNKNOWN"
    # reports filed against the old RHK still read its text
    assert ok(http.call("GET", f"/reports/{report['report_id']}", token=staff))["rhk_text"] == text


def test_who_reads_and_who_decides(http, office):
    t, year = office["tokens"], today_wib().year
    skp = ok(http.call("POST", "/skp", {"year": year}, token=t["staff"]), 201)
    sid = skp["skp_id"]
    for reader in ("staff", "boss", "hr", "admin"):
        assert ok(http.call("GET", f"/skp?year={year}&nip={office['staff']}", token=t[reader]))["skp_id"] == sid
        assert ok(http.call("GET", f"/skp/{sid}/versions", token=t[reader])) == {"items": []}
    assert ok(http.call("GET", f"/skp?year={year}&nip={office['staff']}", token=t["other"]), 403)["code"] == "FORBIDDEN"
    assert ok(http.call("GET", f"/skp/{sid}/versions", token=t["other"]), 403)["code"] == "FORBIDDEN"
    assert ok(http.call("POST", f"/skp/{sid}/submit", {"version": skp["version"]}, token=t["boss"]), 403)
    body = {"targets": [target("Menyusun laporan")], "version": skp["version"]}
    skp = ok(http.call("PUT", f"/skp/{sid}", body, token=t["staff"]))
    skp = ok(http.call("POST", f"/skp/{sid}/submit", {"version": skp["version"]}, token=t["staff"]))
    # nobody decides their own; nobody but the penilai (or their delegate) decides it
    assert ok(decide(http, t["staff"], "skp", sid, "APPROVE"), 403)["code"] in ("SELF_DECISION", "FORBIDDEN")
    assert ok(decide(http, t["other"], "skp", sid, "APPROVE"), 403)["code"] == "FORBIDDEN"
    assert ok(decide(http, t["head"], "skp", sid, "APPROVE"), 403)["code"] == "FORBIDDEN"
    assert ok(queue(http, t["other"], "skp"), 403)["code"] == "NOT_A_VERIFIER"
    # an employee without a supervisor has nobody to submit to
    lone = ok(http.call("POST", "/skp", {"year": year}, token=t["head"]), 201)
    lone = ok(http.call("PUT", f"/skp/{lone['skp_id']}", {**body, "version": lone["version"]}, token=t["head"]))
    nobody = ok(http.call("POST", f"/skp/{lone['skp_id']}/submit", {"version": lone["version"]}, token=t["head"]), 422)
    assert nobody["code"] == "NO_SUPERVISOR"
    assert ok(http.call("GET", "/skp/nonsense/versions", token=t["staff"]), 404)["code"] in (
        "SKP_NOT_FOUND",
        "NOT_FOUND",
    )


def test_an_rhk_may_be_required_by_the_skpd(http, office):
    t, today = office["tokens"], today_wib()
    attend(office["staff"], today)
    skpd = ok(http.call("GET", f"/skpd/{office['skpd'][0]}", token=t["admin"]))
    patch = {"rhk_required": True, "version": skpd["version"]}
    changed = ok(http.call("PATCH", f"/skpd/{office['skpd'][0]}", patch, token=t["admin"]))
    assert changed["rhk_required"] is True
    refused = ok(http.call("POST", "/reports", report_body(today), token=t["staff"]), 422)
    assert refused["code"] == "RHK_REQUIRED"


def test_the_cascade_and_the_parents(http, office):
    t, year = office["tokens"], today_wib().year
    assert ok(http.call("GET", f"/skp/parents?year={year}", token=t["staff"])) == {"targets": []}
    boss_skp = approved_skp(http, t["boss"], t["head"], year, target("Meningkatkan mutu layanan"))
    root = boss_skp["approved_targets"][0]["rhk_id"]
    parents = ok(http.call("GET", f"/skp/parents?year={year}", token=t["staff"]))["targets"]
    assert [p["rhk_id"] for p in parents] == [root]
    skp = ok(http.call("POST", "/skp", {"year": year}, token=t["staff"]), 201)
    wrong = {"targets": [target("Melayani pasien", parent_rhk_id="ffffffffffff")], "version": skp["version"]}
    assert ok(http.call("PUT", f"/skp/{skp['skp_id']}", wrong, token=t["staff"]), 422)["code"] == "PARENT_RHK_UNKNOWN"
    right = {"targets": [target("Melayani pasien", parent_rhk_id=root)], "version": skp["version"]}
    child = ok(http.call("PUT", f"/skp/{skp['skp_id']}", right, token=t["staff"]))["targets"][0]
    tree = ok(http.call("GET", f"/skp/cascade?year={year}", token=t["boss"]))
    assert tree["year"] == year
    assert tree["targets"] == [
        {
            "rhk_id": root,
            "text": "Meningkatkan mutu layanan",
            "kind": "UTAMA",
            "children": [
                {
                    "nip": office["staff"],
                    "name": "Sari Uji",
                    "jabatan": tree["targets"][0]["children"][0]["jabatan"],
                    "rhk_id": child["rhk_id"],
                    "text": "Melayani pasien",
                    "kind": "UTAMA",
                }
            ],
        }
    ]
    assert [(s["nip"], s["status"], s["status_label"]) for s in tree["staff"]] == [(office["staff"], "DRAFT", "Draf")]
    head_tree = ok(http.call("GET", f"/skp/cascade?year={year}", token=t["head"]))
    assert head_tree["targets"] == [] and head_tree["staff"][0]["status"] == "APPROVED"


def test_a_template_carries_the_rhk(http, office):
    t, today = office["tokens"], today_wib()
    skp = approved_skp(http, t["staff"], t["boss"], today.year, target("Melayani pasien rawat jalan"))
    rhk = skp["approved_targets"][0]["rhk_id"]
    fields = {
        "name": "Poli",
        "title": "Poli umum",
        "description": "Melayani.",
        "output": "Pasien",
        "duration_minutes": 60,
    }
    template = ok(http.call("POST", "/templates", {**fields, "rhk_id": rhk}, token=t["staff"]), 201)
    assert template["rhk_id"] == rhk
    attend(office["staff"], today)
    filed = {"date": str(today), "start_time": "08:00", "template_id": template["template_id"]}
    report = ok(http.call("POST", "/reports", filed, token=t["staff"]), 201)
    assert (report["rhk_id"], report["rhk_text"]) == (rhk, "Melayani pasien rawat jalan")
