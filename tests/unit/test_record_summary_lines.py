"""The lines a verifier reads for each record kind (issue 18 item 9): sentence case like every screen, and the PDF
named once — as the queue's file with its link, not again as a summary line."""

from __future__ import annotations

import pytest

from chalicelib.domain.accounts import Role
from tests.support import payload, verification_query
from tests.unit.world import Clock, World, actor, at

PDF = b"%PDF-1.7\n" + b"0" * 1991
KURSUS = {
    "type": "KURSUS",
    "course_type": "Sosialisasi",
    "classification": "ADMINISTRASI NEGARA",
    "name": "Sosialisasi LHKPN",
    "number": "20/BKPSDM/2026",
    "start_date": "2026-01-15",
    "end_date": "2026-01-15",
    "hours": 4,
    "institution": "BKPSDM",
}
SERTIFIKASI = {
    "type": "SERTIFIKASI",
    "classification": "PENGADAAN",
    "name": "Uji Kompetensi PBJ",
    "number": "7/LKPP/2026",
    "certificate_date": "2026-04-21",
    "valid_from": "2026-04-21",
    "valid_until": "2029-04-21",
    "title_back": "CPBJ",
    "institution": "LKPP",
}
AWARD = {
    "scale": "PROVINSI",
    "group": "PENGHARGAAN_LAINNYA",
    "type": "ASN_INOVATIF",
    "year": 2026,
    "sk_number": "1/2026",
    "sk_date": "2026-03-01",
}
TEAM = {
    "sk_date": "2026-01-21",
    "sk_valid": False,
    "team_name": "Tim Pemeriksa",
    "scope": "INTERNAL_INSTANSI",
    "position": "KETUA",
    "evidence_url": "https://drive.google.com/file/d/abc",
}
EXPECTED = {
    "KURSUS": (
        "Riwayat sertifikasi",
        [
            ("Jenis sertifikasi", "Kursus"),
            ("Jenis kursus", "Sosialisasi"),
            ("Klasifikasi kursus", "ADMINISTRASI NEGARA"),
            ("Nama kursus", "Sosialisasi LHKPN"),
            ("Nomor sertifikat", "20/BKPSDM/2026"),
            ("Tanggal mulai", "15 Januari 2026"),
            ("Tanggal berakhir", "15 Januari 2026"),
            ("Tahun kursus", "2026"),
            ("Durasi (JP)", "4 JP"),
            ("Institusi penyelenggara", "BKPSDM"),
        ],
    ),
    "SERTIFIKASI": (
        "Riwayat sertifikasi",
        [
            ("Jenis sertifikasi", "Sertifikasi"),
            ("Klasifikasi sertifikasi", "PENGADAAN"),
            ("Nama sertifikasi", "Uji Kompetensi PBJ"),
            ("Nomor sertifikat", "7/LKPP/2026"),
            ("Tanggal sertifikat", "21 April 2026"),
            ("Masa berlaku mulai", "21 April 2026"),
            ("Masa berlaku selesai", "21 April 2029"),
            ("Gelar belakang", "CPBJ"),
            ("Lembaga sertifikasi", "LKPP"),
        ],
    ),
    "PENGHARGAAN": (
        "Riwayat penghargaan",
        [
            ("Skala penghargaan", "Provinsi"),
            ("Kelompok penghargaan", "Penghargaan Lainnya"),
            ("Jenis penghargaan", "ASN Inovatif"),
            ("Tahun perolehan", "2026"),
            ("Nomor surat keputusan", "1/2026"),
            ("Tanggal surat keputusan", "1 Maret 2026"),
        ],
    ),
    "TIM_KERJA": (
        "Tim kerja",
        [
            ("Tanggal surat keputusan / surat perintah", "21 Januari 2026"),
            ("Keterangan SK", "Tidak berlaku"),
            ("Kode kegiatan", "TK/2026/000001"),
            ("Nama tim kerja / penugasan", "Tim Pemeriksa"),
            ("Ruang lingkup", "Internal Perangkat Daerah"),
            ("Kedudukan", "Ketua"),
            ("Tautan bukti dukung", "https://drive.google.com/file/d/abc"),
        ],
    ),
}
FIELD = {"KURSUS": "certification", "SERTIFIKASI": "certification", "PENGHARGAAN": "award", "TIM_KERJA": "team"}
DATA = {"KURSUS": KURSUS, "SERTIFIKASI": SERTIFIKASI, "PENGHARGAAN": AWARD, "TIM_KERJA": TEAM}


@pytest.fixture
def world():
    return World(Clock(at("2026-05-04 02:00")))


def _submit(world, who, name: str, with_pdf: bool) -> dict:
    kind = {"KURSUS": "SERTIFIKASI", "SERTIFIKASI": "SERTIFIKASI"}.get(name, name)
    body = {"kind": kind, FIELD[name]: DATA[name], "declaration": True}
    if with_pdf:
        offer = {"filename": "piagam.pdf", "content_type": "application/pdf", "size": len(PDF)}
        slip = world.services.records.offer_upload(who, payload("RecordUploadRequest", offer))
        world.objects.put_bytes(slip["upload"]["fields"]["key"], PDF, "application/pdf")
        body["upload_token"] = slip["upload_token"]
    return world.services.records.create(who, payload("RecordInput", body))


@pytest.mark.parametrize("name", list(EXPECTED))
def test_the_inbox_reads_each_kind_in_sentence_case_with_the_pdf_once(world, name):
    dewi = actor(world.person())
    hr = actor(world.person(name="Budi"), Role.KEPEGAWAIAN)
    with_pdf = name != "TIM_KERJA"
    record = _submit(world, dewi, name, with_pdf)
    item = next(
        i
        for i in world.decisions.queue(hr, verification_query("record", {}))["items"]
        if i["id"] == record["record_id"]
    )
    title, lines = EXPECTED[name]
    assert item["title"] == title
    assert [(row["label"], row["value"]) for row in item["summary"]] == lines
    labels = [row["label"] for row in item["summary"]] + [f["label"] for f in item["files"]]
    assert len(labels) == len(set(labels)), labels
    assert [(f["label"], f["filename"]) for f in item["files"]] == ([("Dokumen", "piagam.pdf")] if with_pdf else [])
    for label in labels:
        words = label.split()
        assert all(w == w.lower() or w.isupper() or "(" in w for w in words[1:]), label  # sentence case
    # the employee's own summary (what the declaration confirms) still names the PDF, once
    own = [
        row["label"]
        for row in world.services.records.view(world.repositories.records.get(record["record_id"]))["summary"]
    ]
    assert own.count("Dokumen") == (1 if with_pdf else 0)
