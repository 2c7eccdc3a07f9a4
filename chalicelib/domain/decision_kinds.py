"""The verifiable kinds, declared: what each allows and who decides it (see docs/verification.md). Their own
effects live beside their adapters in `services/decisions/kinds/`; everything else about deciding is shared."""

from __future__ import annotations

from .accounts import Role
from .decisions import KindSpec, Verdict, Verifier

_DECIDE = (Verdict.APPROVE, Verdict.REJECT)
_STEP = (Verdict.APPROVE, Verdict.REJECT, Verdict.DEFER)
_HR = {"verifier": Verifier.HR, "verdicts": _DECIDE}

REPORT = KindSpec(
    "report",
    "Laporan kegiatan",
    "laporan",
    Verifier.PERSON,
    _DECIDE,
    decider="atasan langsung",
    rating=True,
    note_required=frozenset({Verdict.REJECT}),
    email_link=True,
)
LEAVE_CONSIDERATION = KindSpec(
    "leave_consideration",
    "Pertimbangan cuti",
    "permohonan cuti",
    Verifier.PERSON,
    _STEP,
    "atasan langsung",
    email_link=True,
)
LEAVE_DECISION = KindSpec(
    "leave_decision",
    "Keputusan cuti",
    "permohonan cuti",
    Verifier.PERSON,
    _STEP,
    "pejabat yang berwenang memberikan cuti",
    email_link=True,
)
LEAVE_NUMBER = KindSpec(
    "leave_number", "Nomor surat cuti", "surat cuti", Verifier.NUMBERING, (Verdict.APPROVE,), note_required=frozenset()
)
COMPLAINT = KindSpec("complaint", "Pengaduan presensi", "pengaduan", **_HR)
RECORD = KindSpec("record", "Riwayat karier", "riwayat", Verifier.HR, (*_DECIDE, Verdict.REVOKE))
DOCUMENT = KindSpec("document", "Dokumen arsip", "dokumen", **_HR)
#: an employee's SKP of a year, approved or returned ("kembalikan", REJECT with a note) by the pejabat penilai
SKP = KindSpec("skp", "SKP", "SKP", Verifier.PERSON, _DECIDE, "atasan langsung (pejabat penilai)")
#: a quarter's assessment, acknowledged ("Saya sudah membaca") by the assessed employee: the decider is the
#: employee, the item's owner the penilai who wrote it (so the shared SELF_DECISION rule still holds)
ASSESSMENT_ACK = KindSpec(
    "assessment_ack",
    "Penilaian triwulan",
    "penilaian triwulan",
    Verifier.PERSON,
    (Verdict.APPROVE,),
    "pegawai yang dinilai",
    note_required=frozenset(),
    delegable=False,
)
#: a permission request (izin, issue 20), decided by the direct supervisor taken at submission (or their delegate)
PERMISSION = KindSpec("permission", "Izin", "izin", Verifier.PERSON, _DECIDE, "atasan langsung")
#: a further check-in device (issue 20), approved by HR of the employee's SKPD; approving it retires the oldest
#: active device when the SKPD's limit would be passed, rejecting discards it
DEVICE = KindSpec("device", "Perangkat presensi", "perangkat presensi", **_HR)

#: a recorded check-in flagged for HR (issue 20: impossible travel, an unknown device): approve keeps it, reject
#: (with a note) removes that session's check-in
CHECKIN_FLAG = KindSpec("checkin_flag", "Presensi ditandai", "presensi", **_HR)

#: a tracked citizen request the first office marked ready (issue 22, seed 003 §4): the second office's public-
#: service officers (LAYANAN of the item's target SKPD) mark it done (APPROVE) or return it to the first office
#: (REJECT, with the reason)
CITIZEN_REQUEST = KindSpec(
    "citizen_request",
    "Permohonan warga",
    "permohonan warga",
    Verifier.OFFICE,
    _DECIDE,
    "petugas layanan kantor tujuan",
    note_required=frozenset({Verdict.REJECT}),
    office_role=Role.LAYANAN,
)

#: Kritis (issue 22, seed 003 §5), one kind per step of an item, each decided inside the item's SKPD:
#: its public-service officer (LAYANAN) forwards a new item to leadership with a summary (APPROVE, the note is the
#: summary) or closes it (REJECT, with the reason: spam, not this office's)
KRITIS_FORWARD = KindSpec(
    "kritis_forward",
    "Kritik & saran masuk",
    "kritik atau saran",
    Verifier.OFFICE,
    _DECIDE,
    "petugas layanan SKPD",
    note_required=frozenset({Verdict.APPROVE, Verdict.REJECT}),
    office_role=Role.LAYANAN,
)
#: leadership (PIMPINAN) decides the action on a forwarded item (APPROVE, the note is the action)
KRITIS_DECISION = KindSpec(
    "kritis_decision",
    "Keputusan kritik & saran",
    "kritik atau saran",
    Verifier.OFFICE,
    (Verdict.APPROVE,),
    "pimpinan SKPD",
    note_required=frozenset({Verdict.APPROVE}),
    office_role=Role.PIMPINAN,
)
#: the officer records the follow-up of leadership's decision (APPROVE, the note is the published follow-up)
KRITIS_FOLLOW_UP = KindSpec(
    "kritis_follow_up",
    "Tindak lanjut kritik & saran",
    "kritik atau saran",
    Verifier.OFFICE,
    (Verdict.APPROVE,),
    "petugas layanan SKPD",
    note_required=frozenset({Verdict.APPROVE}),
    office_role=Role.LAYANAN,
)

#: every kind, in the order the inbox shows them
KINDS = (
    REPORT,
    LEAVE_CONSIDERATION,
    LEAVE_DECISION,
    LEAVE_NUMBER,
    PERMISSION,
    COMPLAINT,
    CHECKIN_FLAG,
    DEVICE,
    RECORD,
    DOCUMENT,
    SKP,
    ASSESSMENT_ACK,
    CITIZEN_REQUEST,
    KRITIS_FORWARD,
    KRITIS_DECISION,
    KRITIS_FOLLOW_UP,
)
