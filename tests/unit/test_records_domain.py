"""Career records: the fields of each kind (checked by the request model, then the kind's rules that cross fields
or need today's date), the JP rule, the declaration, the evidence URL and the statuses."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from chalicelib.domain.errors import BusinessRule, Conflict, Forbidden, ValidationError
from chalicelib.domain.records import (
    DECLARATION,
    DETAIL_FIELD,
    STATUS_LABELS,
    Award,
    AwardGroup,
    AwardScale,
    AwardType,
    CareerRecord,
    Certification,
    CertificationType,
    RecordFile,
    RecordKind,
    RecordStatus,
    activity_code,
    build_details,
    check_declaration,
    check_file,
    check_lesson_hours,
    decide,
    details_dict,
    details_from_dict,
    max_lesson_hours,
    require_editable,
    resubmit,
    revoke,
    summary,
    validate_url,
    withdraw,
)
from tests.support import payload

TODAY = date(2026, 5, 4)
NOW = datetime(2026, 5, 4, 2, 0, tzinfo=UTC)
OWNER, HR = "199001152015032001", "197805202003121002"

KURSUS = {
    "type": "KURSUS",
    "course_type": "Sosialisasi",
    "classification": "ADMINISTRASI NEGARA",
    "name": "Sosialisasi Pelaporan LHKPN Tahun 2026",
    "number": "20/BKPSDM/003/I/2026",
    "start_date": "2026-01-15",
    "end_date": "2026-01-15",
    "hours": 4,
    "institution": "BKPSDM Kota Surakarta",
}
SERTIFIKASI = {
    "type": "SERTIFIKASI",
    "classification": "PENGADAAN BARANG/JASA PEMERINTAH",
    "name": "Uji Kompetensi Pengadaan Barang/Jasa",
    "number": "20/BKPSDM/003/I/2026",
    "certificate_date": "2026-04-21",
    "valid_from": "2026-04-21",
    "valid_until": "2029-04-21",
    "institution": "LKPP",
}
AWARD = {
    "scale": "UNIT_KERJA",
    "group": "PENGHARGAAN_LAINNYA",
    "type": "ASN_TELADAN",
    "year": 2026,
    "sk_number": "800/123/2026",
    "sk_date": "2026-04-27",
}
TEAM = {
    "sk_date": "2024-01-03",
    "sk_valid": True,
    "team_name": "Tim Konsultasi dan Pengelolaan Pengaduan Pelayanan Publik",
    "scope": "INTERNAL_INSTANSI",
    "position": "ANGGOTA",
    "evidence_url": "https://drive.google.com/file/d/10VqMdNTxyw8zrVhAD30ea_y9aLwsn5sc/view?usp=sharing",
}


def _parse(kind: RecordKind, data: dict, **changes):
    """The kind's fields as a client sends them: checked by the request model (as the edge does), then made into
    the record's data by the kind's rules."""
    draft = payload("RecordDraft", {"kind": kind.value, DETAIL_FIELD[kind]: {**data, **changes}})
    sent = draft.details()
    return build_details(kind, {name: getattr(sent, name) for name in sent.model_fields_set}, today=TODAY)


def _refusal(kind: RecordKind, data: dict, **changes) -> ValidationError | BusinessRule:
    with pytest.raises((ValidationError, BusinessRule)) as caught:
        _parse(kind, data, **changes)
    return caught.value


# -- the JP rule -------------------------------------------------------------------------------------------


def test_a_competency_activity_counts_at_most_8_lesson_hours_a_day():
    one_day, three_days = date(2026, 1, 15), date(2026, 1, 17)
    assert max_lesson_hours(one_day, one_day) == 8
    assert max_lesson_hours(one_day, three_days) == 24
    check_lesson_hours(8, one_day, one_day)
    check_lesson_hours(24, one_day, three_days)
    with pytest.raises(BusinessRule) as caught:
        check_lesson_hours(9, one_day, one_day)
    assert caught.value.code == "LESSON_HOURS_EXCEEDED"
    assert "15 Januari 2026" in caught.value.message and "paling banyak 8 JP" in caught.value.message
    assert caught.value.details == {"field": "certification.hours", "max_hours": 8, "days": 1, "per_day": 8}
    with pytest.raises(BusinessRule) as caught:
        check_lesson_hours(25, one_day, three_days)
    message = caught.value.message
    assert "15 Januari 2026 s.d. 17 Januari 2026 (3 hari)" in message and "paling banyak 24 JP" in message


def test_the_jp_rule_applies_to_courses_and_to_certificates_with_hours():
    assert _parse(RecordKind.SERTIFIKASI, KURSUS, hours=8).hours == 8
    refused = _refusal(RecordKind.SERTIFIKASI, KURSUS, hours=9)
    assert (refused.code, refused.details["max_hours"]) == ("LESSON_HOURS_EXCEEDED", 8)
    two_days = _parse(RecordKind.SERTIFIKASI, KURSUS, end_date="2026-01-16", hours=16)
    assert two_days.hours == 16
    certificate = {**SERTIFIKASI, "start_date": "2026-04-20", "end_date": "2026-04-21", "hours": 17}
    assert _refusal(RecordKind.SERTIFIKASI, certificate).details["max_hours"] == 16
    without_days = _refusal(RecordKind.SERTIFIKASI, SERTIFIKASI, hours=8)
    assert (without_days.code, without_days.details["field"]) == ("REQUIRED", "certification.start_date")


# -- the fields of each kind -------------------------------------------------------------------------------


def test_a_course_and_a_certificate_need_the_fields_of_their_manual():
    course = _parse(RecordKind.SERTIFIKASI, KURSUS)
    assert course == Certification(
        type=CertificationType.KURSUS,
        classification="ADMINISTRASI NEGARA",
        name="Sosialisasi Pelaporan LHKPN Tahun 2026",
        number="20/BKPSDM/003/I/2026",
        institution="BKPSDM Kota Surakarta",
        start_date=date(2026, 1, 15),
        end_date=date(2026, 1, 15),
        hours=4,
        course_type="Sosialisasi",
    )
    certificate = _parse(RecordKind.SERTIFIKASI, SERTIFIKASI, course_type="ignored for a certificate")
    assert certificate.valid_until == date(2029, 4, 21) and certificate.course_type is None
    for field in ("classification", "name", "number", "institution", "start_date", "end_date", "hours"):
        refused = _refusal(RecordKind.SERTIFIKASI, {k: v for k, v in KURSUS.items() if k != field})
        assert (refused.code, refused.details["field"]) == ("REQUIRED", f"certification.{field}")
    for field in ("certificate_date", "valid_from", "valid_until"):
        refused = _refusal(RecordKind.SERTIFIKASI, {k: v for k, v in SERTIFIKASI.items() if k != field})
        assert (refused.code, refused.details["field"]) == ("REQUIRED", f"certification.{field}")
    assert _refusal(RecordKind.SERTIFIKASI, KURSUS, type="DIKLAT").code == "INVALID_CERTIFICATION_TYPE"
    backwards = _refusal(RecordKind.SERTIFIKASI, KURSUS, end_date="2026-01-14")
    assert (backwards.code, backwards.details["field"]) == ("INVALID_DATE_RANGE", "certification.end_date")
    expired_before = _refusal(RecordKind.SERTIFIKASI, SERTIFIKASI, valid_until="2026-04-20")
    assert expired_before.code == "INVALID_DATE_RANGE"
    assert _refusal(RecordKind.SERTIFIKASI, KURSUS, end_date="2026-05-05").code == "DATE_IN_FUTURE"
    assert _refusal(RecordKind.SERTIFIKASI, SERTIFIKASI, certificate_date="2026-05-05").code == "DATE_IN_FUTURE"
    assert _parse(RecordKind.SERTIFIKASI, SERTIFIKASI, valid_until="2031-01-01").valid_until == date(2031, 1, 1)


def test_an_award_follows_the_manuals_groups():
    award = _parse(RecordKind.PENGHARGAAN, AWARD)
    scale, group, kind = AwardScale.UNIT_KERJA, AwardGroup.PENGHARGAAN_LAINNYA, AwardType.ASN_TELADAN
    assert award == Award(scale, group, kind, 2026, "800/123/2026", date(2026, 4, 27))
    satya = {**AWARD, "type": "SATYA_LENCANA", "group": "TANDA_KEHORMATAN", "scale": "NASIONAL"}
    assert _parse(RecordKind.PENGHARGAAN, satya).type is AwardType.SATYA_LENCANA
    assert _refusal(RecordKind.PENGHARGAAN, satya, scale="PROVINSI").code == "AWARD_GROUP_MISMATCH"
    assert _refusal(RecordKind.PENGHARGAAN, satya, group="PENGHARGAAN_LAINNYA").code == "AWARD_GROUP_MISMATCH"
    assert _refusal(RecordKind.PENGHARGAAN, AWARD, group="TANDA_KEHORMATAN").code == "AWARD_GROUP_MISMATCH"
    other = _refusal(RecordKind.PENGHARGAAN, AWARD, type="LAINNYA")
    assert (other.code, other.details["field"]) == ("REQUIRED", "award.name")
    assert _parse(RecordKind.PENGHARGAAN, AWARD, type="LAINNYA", name="Juara Lomba Inovasi").name
    assert _refusal(RecordKind.PENGHARGAAN, AWARD, year=2027).code == "INVALID_YEAR"
    assert _refusal(RecordKind.PENGHARGAAN, AWARD, scale="KECAMATAN").code == "INVALID_AWARD_SCALE"
    assert _refusal(RecordKind.PENGHARGAAN, AWARD, sk_date="2026-06-01").code == "DATE_IN_FUTURE"


def test_a_team_needs_an_http_link_and_never_takes_its_code_from_the_client():
    team = _parse(RecordKind.TIM_KERJA, TEAM, activity_code="TK/2026/999999")
    assert team.activity_code == "" and team.sk_valid is True
    assert _parse(RecordKind.TIM_KERJA, TEAM, sk_valid=False).sk_valid is False
    assert _refusal(RecordKind.TIM_KERJA, {k: v for k, v in TEAM.items() if k != "sk_valid"}).code == "REQUIRED"
    assert _refusal(RecordKind.TIM_KERJA, TEAM, sk_valid="ya").code == "INVALID_TYPE"
    assert _refusal(RecordKind.TIM_KERJA, TEAM, scope="LINTAS").code == "INVALID_TEAM_SCOPE"
    assert _refusal(RecordKind.TIM_KERJA, TEAM, position="SEKRETARIS").code == "INVALID_TEAM_POSITION"
    assert activity_code(2026, 123) == "TK/2026/000123"


def test_what_every_record_of_a_kind_needs_is_required_absent_null_or_blank():
    for kind, data, field in (
        (RecordKind.SERTIFIKASI, KURSUS, "name"),
        (RecordKind.PENGHARGAAN, AWARD, "sk_number"),
        (RecordKind.TIM_KERJA, TEAM, "sk_valid"),
        (RecordKind.TIM_KERJA, TEAM, "evidence_url"),
    ):
        path = f"{DETAIL_FIELD[kind]}.{field}"
        for sent in ({k: v for k, v in data.items() if k != field}, {**data, field: None}):
            refused = _refusal(kind, sent)
            assert (refused.code, refused.details["field"], refused.message) == (
                "REQUIRED",
                path,
                f"Kolom '{path}' wajib diisi.",
            )
    assert _refusal(RecordKind.SERTIFIKASI, KURSUS, name="   ").code == "REQUIRED"
    assert _parse(RecordKind.SERTIFIKASI, KURSUS, name="  Sosialisasi  ", course_type=" ").name == "Sosialisasi"
    assert _parse(RecordKind.SERTIFIKASI, KURSUS, course_type=" ").course_type is None  # blank means none
    with pytest.raises(ValidationError) as no_fields:
        payload("RecordDraft", {"kind": "TIM_KERJA", "certification": KURSUS})
    assert (no_fields.value.code, no_fields.value.details["field"]) == ("REQUIRED", "team")
    url = _refusal(RecordKind.TIM_KERJA, TEAM, evidence_url="tes")
    assert (url.code, url.details["field"]) == ("INVALID_URL", "team.evidence_url")
    assert _parse(RecordKind.TIM_KERJA, TEAM, evidence_url=" https://tes.com ").evidence_url == "https://tes.com"


def test_a_correction_may_leave_fields_out_but_never_sends_a_needed_one_as_null():
    assert payload("RecordPatch", {"team": {"team_name": "Tim Baru"}, "declaration": True, "version": 1})
    with pytest.raises(ValidationError) as null:
        payload("RecordPatch", {"team": {"team_name": None}, "declaration": True, "version": 1})
    assert (null.value.code, null.value.details["field"]) == ("REQUIRED", "team.team_name")
    for body, code in (({"declaration": True}, "VERSION_REQUIRED"), ({"version": 1}, "DECLARATION_REQUIRED")):
        with pytest.raises((ValidationError, BusinessRule)) as refused:
            payload("RecordPatch", body)
        assert refused.value.code == code


@pytest.mark.parametrize(
    "url",
    [
        "https://tes.com",
        "http://103.115.227.196/e-kinerja/v4/d/kegiatan_tim_kerja",
        "https://drive.google.com/drive/folders/1bu1okL1JMSsoNspJLVqCPNcD0B8coK8F?usp=drive_link",
    ],
)
def test_evidence_urls_that_a_verifier_can_open(url):
    assert validate_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "tes",
        "drive.google.com/file/d/1",
        "ftp://files.example.go.id/sk.pdf",
        "javascript:alert(1)",
        "https://localhost/sk.pdf",
        "https://drive google.com/x",
        "https://example..com/",
        "https://example.com:99999/",
        "http://[::1",
    ],
)
def test_evidence_urls_that_are_refused(url):
    with pytest.raises(ValidationError) as caught:
        validate_url(url)
    assert (caught.value.code, caught.value.details["field"]) == ("INVALID_URL", "team.evidence_url")


def test_details_survive_storage_as_json():
    for kind, data in (
        (RecordKind.SERTIFIKASI, KURSUS),
        (RecordKind.SERTIFIKASI, SERTIFIKASI),
        (RecordKind.PENGHARGAAN, AWARD),
        (RecordKind.TIM_KERJA, TEAM),
    ):
        details = _parse(kind, data)
        assert details_from_dict(kind, details_dict(details)) == details


# -- steps, summary and declaration ------------------------------------------------------------------------


def test_the_summary_is_what_the_employee_declares():
    rows = dict(summary(RecordKind.SERTIFIKASI, _parse(RecordKind.SERTIFIKASI, KURSUS)))
    assert rows["Jenis sertifikasi"] == "Kursus" and rows["Tanggal mulai"] == "15 Januari 2026"
    assert rows["Durasi (JP)"] == "4 JP" and rows["Institusi penyelenggara"] == "BKPSDM Kota Surakarta"
    assert rows["Dokumen"] == "(belum diunggah)"
    pdf = RecordFile("f" * 32, "records/x/f.pdf", "sertifikat.pdf", "application/pdf", 1000)
    rows = dict(summary(RecordKind.TIM_KERJA, _parse(RecordKind.TIM_KERJA, TEAM), pdf))
    assert rows["Keterangan SK"] == "Berlaku" and rows["Ruang lingkup"] == "Internal Perangkat Daerah"
    assert rows["Dokumen"] == "sertifikat.pdf"
    rows = dict(summary(RecordKind.PENGHARGAAN, _parse(RecordKind.PENGHARGAAN, AWARD)))
    assert rows["Skala penghargaan"] == "Unit Kerja / Instansi" and rows["Jenis penghargaan"] == "ASN Teladan"


def test_the_declaration_must_be_ticked_and_the_pdf_is_required_but_for_teams():
    for value in (None, False, "true", 1):
        with pytest.raises(BusinessRule) as caught:
            check_declaration(value)
        assert caught.value.code == "DECLARATION_REQUIRED" and DECLARATION in caught.value.message
    check_declaration(True)
    for kind in (RecordKind.SERTIFIKASI, RecordKind.PENGHARGAAN):
        with pytest.raises(ValidationError) as caught:
            check_file(kind, None)
        assert caught.value.code == "DOCUMENT_REQUIRED"
    check_file(RecordKind.TIM_KERJA, None)


# -- statuses ----------------------------------------------------------------------------------------------


def _record(status: RecordStatus = RecordStatus.SUBMITTED) -> CareerRecord:
    return CareerRecord(
        record_id="a" * 32,
        nip=OWNER,
        skpd_id="DINKES",
        satker_id="PKM-KOTA",
        kind=RecordKind.TIM_KERJA,
        details=replace(_parse(RecordKind.TIM_KERJA, TEAM), activity_code="TK/2026/000001"),
        status=status,
        created_at=NOW,
        submitted_at=NOW,
        declared_at=NOW,
        version=1,
    )


def test_the_statuses_read_as_in_the_manual():
    assert STATUS_LABELS[RecordStatus.SUBMITTED] == "Belum disetujui"
    assert STATUS_LABELS[RecordStatus.APPROVED] == "Disetujui"
    assert STATUS_LABELS[RecordStatus.REJECTED] == "Ditolak"
    assert STATUS_LABELS[RecordStatus.REVOKED] == "Batal disetujui"


def test_hr_approves_or_rejects_only_what_waits_and_never_their_own():
    approved = decide(_record(), RecordStatus.APPROVED, by=HR, at=NOW, note=None)
    assert (approved.status, approved.decided_by, approved.history[-1].action) == (
        RecordStatus.APPROVED,
        HR,
        "APPROVED",
    )
    with pytest.raises(Conflict) as caught:
        decide(approved, RecordStatus.REJECTED, by=HR, at=NOW, note="x")
    assert caught.value.code == "RECORD_NOT_PENDING"
    with pytest.raises(Forbidden) as caught:
        decide(_record(), RecordStatus.APPROVED, by=OWNER, at=NOW, note=None)
    assert caught.value.code == "SELF_DECISION"


def test_a_revoked_approval_goes_back_to_the_employee_for_correction():
    approved = decide(_record(), RecordStatus.APPROVED, by=HR, at=NOW, note=None)
    with pytest.raises(Conflict) as caught:
        require_editable(approved)
    assert caught.value.code == "RECORD_LOCKED"
    with pytest.raises(Conflict):
        withdraw(approved, by=OWNER, at=NOW)
    with pytest.raises(Conflict) as caught:
        revoke(_record(), by=HR, at=NOW, reason="SK salah")
    assert caught.value.code == "RECORD_NOT_APPROVED"
    with pytest.raises(Forbidden):
        revoke(approved, by=OWNER, at=NOW, reason="x")
    revoked = revoke(approved, by=HR, at=NOW, reason="URL bukti dukung tidak dapat dibuka")
    assert (revoked.status, revoked.note) == (RecordStatus.REVOKED, "URL bukti dukung tidak dapat dibuka")
    assert STATUS_LABELS[revoked.status] == "Batal disetujui"
    corrected = replace(revoked.details, evidence_url="https://drive.google.com/file/d/baru")
    again = resubmit(revoked, corrected, None, by=OWNER, at=NOW, unit=("DINKES", "SEKRETARIAT"))
    assert again.status is RecordStatus.SUBMITTED and again.satker_id == "SEKRETARIAT"
    assert again.history[-1].changes["status"] == ["REVOKED", "SUBMITTED"]
    assert again.history[-1].changes["evidence_url"][1] == "https://drive.google.com/file/d/baru"
    assert [h.action for h in again.history] == ["APPROVED", "REVOKED", "EDITED"]


def test_a_rejected_record_is_corrected_or_withdrawn():
    rejected = decide(_record(), RecordStatus.REJECTED, by=HR, at=NOW, note="Nomor SK tidak sesuai")
    assert rejected.note == "Nomor SK tidak sesuai"
    assert resubmit(rejected, rejected.details, None, by=OWNER, at=NOW, unit=("DINKES", "PKM-KOTA")).status is (
        RecordStatus.SUBMITTED
    )
    gone = withdraw(rejected, by=OWNER, at=NOW)
    assert gone.status is RecordStatus.WITHDRAWN and gone.history[-1].action == "WITHDRAWN"
    with pytest.raises(Conflict):
        withdraw(gone, by=OWNER, at=NOW)
