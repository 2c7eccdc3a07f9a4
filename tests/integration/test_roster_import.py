"""Roster import from CSV/XLSX, through the API and through an S3 drop, run by the local runner."""

from __future__ import annotations

import base64
import io
import json

import pytest

from tests.support import local_runner, make_nip, make_whatsapp, outbox_for


@pytest.fixture
def runner(stack):
    return local_runner(quiet=True)


def _upload(http, token: str, filename: str, data: bytes) -> tuple[int, dict]:
    return http.call(
        "POST",
        "/roster-imports",
        {"filename": filename, "content_base64": base64.b64encode(data).decode()},
        token=token,
    )


def test_csv_roster_creates_updates_and_reports_each_row(http, factory, runner):
    skpd, other = factory.skpd(), factory.skpd()
    operator = http.login(factory.employee(skpd, roles=("OPERATOR_SKPD",)))
    existing = factory.employee(skpd)
    foreign = factory.employee(other)
    boss, staff, bad_satker = make_nip(), make_nip(), make_nip()
    staff_wa = make_whatsapp()
    rows = [
        "NIP;Nama;Jabatan;Kode_Satker;NIP_Atasan;WhatsApp;Email;Zona_Waktu",
        f"{staff};Rudi Hartono;Pengelola Data;{skpd[1]};{boss};{staff_wa};;WIB",  # supervisor comes later
        f"{existing};Nama Baru;Analis;{skpd[1]};;{make_whatsapp()};;WIB",
        "12345;Salah NIP;Analis;X;;08123;;WIB",
        f"{bad_satker};Tanpa Satker;Analis;TIDAK-ADA;;{make_whatsapp()};;WIB",
        f"{foreign};Orang Lain;Analis;{skpd[1]};;{make_whatsapp()};;WIB",
        ";;;;;;;",
        f"{boss};Hj. Sri Wahyuni;Kepala Bidang;{skpd[1]};;{make_whatsapp()};sri@example.go.id;WIB",
    ]
    status, accepted = _upload(http, operator, "pegawai.csv", "\n".join(rows).encode("utf-8-sig"))
    assert status == 202 and accepted["status"] == "PENDING"
    import_id = accepted["import_id"]
    assert http.call("GET", f"/roster-imports/{import_id}", token=operator)[1]["status"] == "PENDING"

    runner.tick()  # S3 event → import handler; the stream → account-created messages

    status, report = http.call("GET", f"/roster-imports/{import_id}", token=operator)
    assert status == 200 and report["status"] == "DONE", report
    by_row = {r["row"]: r for r in report["rows"]}
    assert by_row[2]["status"] == "created" and by_row[2]["nip"] == staff
    assert by_row[3]["status"] == "updated"
    assert by_row[4]["status"] == "error" and "NIP tidak valid" in by_row[4]["reason"]
    assert by_row[5]["status"] == "error" and by_row[5]["code"] == "SATKER_NOT_FOUND"
    assert by_row[6]["status"] == "error" and by_row[6]["code"] == "OTHER_SKPD"
    assert 7 not in by_row  # blank line
    assert by_row[8]["status"] == "created"
    assert report["totals"] == {"created": 2, "updated": 1, "error": 3}

    admin = http.login(factory.employee(skpd, roles=("ADMIN",)))
    status, profile = http.call("GET", f"/employees/{staff}", token=admin)
    assert profile["supervisor_nip"] == boss and profile["name"] == "Rudi Hartono"
    assert http.call("GET", f"/employees/{existing}", token=admin)[1]["name"] == "Nama Baru"
    assert http.call("GET", f"/employees/{foreign}", token=admin)[1]["skpd_id"] == other[0]
    assert len(outbox_for(staff_wa)) == 1

    # the same file again: nothing new is created and no second password is sent
    from chalicelib.services import container

    again = container.roster().process_object(report["source_key"])
    assert again["totals"] == {"unchanged": 3, "error": 3}
    runner.tick()
    assert len(outbox_for(staff_wa)) == 1

    foreign_operator = http.login(factory.employee(other, roles=("OPERATOR_SKPD",)))
    assert http.call("GET", f"/roster-imports/{import_id}", token=foreign_operator)[0] == 403
    assert http.call("GET", f"/roster-imports/{import_id}", token=http.login(existing))[0] == 403


def test_xlsx_roster_with_a_nip_stored_as_a_number(http, factory, runner):
    from openpyxl import Workbook

    skpd = factory.skpd()
    operator = http.login(factory.employee(skpd, roles=("OPERATOR_SKPD",)))
    good, lost = make_nip(), make_nip()
    book = Workbook()
    sheet = book.active
    sheet.append(["nip", "nama", "jabatan", "kode_satker", "nip_atasan", "whatsapp", "email", "zona_waktu"])
    sheet.append([good, "Anisa Putri", "Statistisi", skpd[1], None, make_whatsapp(), None, "WITA"])
    sheet.append([float(lost), "Digit Hilang", "Statistisi", skpd[1], None, make_whatsapp(), None, "WITA"])
    buffer = io.BytesIO()
    book.save(buffer)
    status, accepted = _upload(http, operator, "roster.XLSX", buffer.getvalue())
    assert status == 202, accepted
    runner.tick()
    report = http.call("GET", f"/roster-imports/{accepted['import_id']}", token=operator)[1]
    assert [r["status"] for r in report["rows"]] == ["created", "error"]
    assert report["rows"][1]["code"] == "ROSTER_NUMBER_AS_FLOAT"


def test_console_drop_imports_for_any_skpd_named_in_the_file(http, factory, runner, stack):
    from chalicelib.config import settings
    from chalicelib.integrations.aws import client

    skpd = factory.skpd()
    nip, missing_skpd = make_nip(), make_nip()
    csv_text = (
        "nip,nama,jabatan,kode_skpd,kode_satker,whatsapp,zona_waktu\n"
        f"{nip},Bambang Irawan,Sekretaris,{skpd[0]},{skpd[1]},{make_whatsapp()},WIB\n"
        f"{missing_skpd},Tanpa SKPD,Staf,,{skpd[1]},{make_whatsapp()},WIB\n"
    )
    s3 = client("s3")
    s3.put_object(Bucket=settings().bucket, Key="imports/dari-konsol/roster november.csv", Body=csv_text.encode())
    runner.tick()
    results = s3.list_objects_v2(Bucket=settings().bucket, Prefix="import-results/")["Contents"]
    reports = [json.loads(s3.get_object(Bucket=settings().bucket, Key=o["Key"])["Body"].read()) for o in results]
    [report] = [r for r in reports if r["source_key"] == "imports/dari-konsol/roster november.csv"]
    assert [r["status"] for r in report["rows"]] == ["created", "error"]
    assert report["rows"][1]["code"] == "REQUIRED"
    admin = http.login(factory.employee(skpd, roles=("ADMIN",)))
    assert http.call("GET", f"/employees/{nip}", token=admin)[1]["skpd_id"] == skpd[0]


def test_bad_uploads_are_refused_before_anything_is_stored(http, factory):
    skpd = factory.skpd()
    operator = http.login(factory.employee(skpd, roles=("OPERATOR_SKPD",)))
    pegawai = http.login(factory.employee(skpd))
    assert _upload(http, pegawai, "a.csv", b"nip\n")[0] == 403
    assert _upload(http, operator, "a.exe", b"MZ...")[1]["code"] == "UNSUPPORTED_FILE_TYPE"
    assert _upload(http, operator, "a.xlsx", b"nip,nama\n")[1]["code"] == "FILE_CONTENT_MISMATCH"
    assert _upload(http, operator, "a.csv", b"PK\x03\x04rest")[1]["code"] == "FILE_CONTENT_MISMATCH"
    assert _upload(http, operator, "a.csv", b"")[1]["code"] == "REQUIRED"
    _status, body = http.call("POST", "/roster-imports", {"filename": "a.csv", "content_base64": "!!!"}, token=operator)
    assert body["code"] == "INVALID_BASE64"
    assert _upload(http, operator, "a.csv", b"x" * (2 * 1024 * 1024 + 1))[0] == 413
    assert http.call("GET", "/roster-imports/tidakada", token=operator)[0] == 404


def test_a_file_without_the_required_columns_fails_with_a_reason(http, factory, runner):
    skpd = factory.skpd()
    operator = http.login(factory.employee(skpd, roles=("OPERATOR_SKPD",)))
    _status, accepted = _upload(http, operator, "salah.csv", b"nip,nama\n198503152010011001,Siapa\n")
    runner.tick()
    report = http.call("GET", f"/roster-imports/{accepted['import_id']}", token=operator)[1]
    assert report["status"] == "FAILED" and "jabatan" in report["error"]
