"""Demo data for `make run`: one SKPD with two satker, an admin, an operator, HR, a supervisor and staff; a second
SKPD (Disdukcapil) with one public-service officer, the second office of tracked citizen requests."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from chalicelib.domain.accounts import Employee, EmploymentStatus, Role
from chalicelib.domain.authenticator import must_have_authenticator
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.organisation import OfficeLocation, Satker, Skpd
from chalicelib.domain.reports import Template
from chalicelib.domain.workdays import is_working_day
from chalicelib.security.passwords import hash_password
from chalicelib.store.attendance import DynamoAttendanceRepository
from chalicelib.store.employees import DynamoEmployeeRepository
from chalicelib.store.organisation import DynamoOrgRepository
from chalicelib.store.templates import DynamoTemplateRepository

ATTENDANCE_DAYS = 21
DEMO_PASSWORD = "Demo-Kinerja-2026"  # noqa: S105 - documented demo sign-in
#: the authenticator secret of every demo officer (admin, operator, HR): add it to an authenticator app by hand
#: (README "Demo sign-ins"); real accounts enrol their own at the first sign-in
DEMO_AUTHENTICATOR_SECRET = "KINERJADEMOAUTHENTICATORSECRET23"  # noqa: S105 - documented demo sign-in
SKPD_ID = "DINKES"
#: a second SKPD for tracked citizen requests (issue 22): DINKES's LAYANAN officer hands requests to its officer
DUKCAPIL_ID = "DISDUKCAPIL"
#: the SKPD of each satker not DINKES's
SATKER_SKPD = {"DUKCAPIL-LAYANAN": DUKCAPIL_ID}

#: (NIP, name, jabatan, satker, supervisor NIP, WhatsApp, e-mail, granted roles)
PEOPLE = [
    (
        "197001011995031001",
        "Admin Sistem",
        "Pranata Komputer Ahli Madya",
        "SEKRETARIAT",
        None,
        "6281100000001",
        "admin@kinerja.local",
        {Role.ADMIN},
    ),
    (
        "198203142006042001",
        "Siti Rahmawati",
        "Operator Kepegawaian",
        "SEKRETARIAT",
        None,
        "6281100000002",
        "siti@kinerja.local",
        {Role.OPERATOR_SKPD},
    ),
    (
        "197805202003121002",
        "Budi Santoso",
        "Analis SDM Aparatur",
        "SEKRETARIAT",
        None,
        "6281100000003",
        "budi@kinerja.local",
        {Role.KEPEGAWAIAN, Role.PENOMORAN},
    ),
    (
        "198806122010012005",
        "Rina Marlina",
        "Petugas Layanan PTSP",
        "SEKRETARIAT",
        None,
        "6281100000008",
        "rina@kinerja.local",
        {Role.LAYANAN},
    ),
    (
        "196908171994031006",
        "drg. Hendra Gunawan",
        "Kepala Dinas Kesehatan",
        "SEKRETARIAT",
        None,
        "6281100000009",
        "hendra@kinerja.local",
        {Role.PIMPINAN},
    ),
    (
        "197512102000031003",
        "dr. Andi Wijaya",
        "Kepala Puskesmas",
        "PKM-KOTA",
        None,
        "6281100000004",
        "andi@kinerja.local",
        set(),
    ),
    (
        "199001152015032001",
        "Dewi Lestari",
        "Perawat Ahli Pertama",
        "PKM-KOTA",
        "197512102000031003",
        "6281100000005",
        None,
        set(),
    ),
    (
        "199204232019031004",
        "Agus Pratama",
        "Pranata Laboratorium Kesehatan",
        "PKM-KOTA",
        "197512102000031003",
        "6281100000006",
        None,
        set(),
    ),
    (
        "199508302020122002",
        "Maria Ulfa",
        "Bidan Terampil",
        "PKM-KOTA",
        "197512102000031003",
        "6281100000007",
        None,
        set(),
    ),
    (
        "198511232011011007",
        "Yusuf Maulana",
        "Petugas Pelayanan Pencatatan Sipil",
        "DUKCAPIL-LAYANAN",
        None,
        "6281100000010",
        "yusuf@kinerja.local",
        {Role.LAYANAN},
    ),
]


#: employment status and TMT (start of service) where the NIP's TMT is not the whole story
EMPLOYMENT = {
    "199508302020122002": (EmploymentStatus.PPPK, date(2022, 3, 1)),
    "199204232019031004": (EmploymentStatus.PNS, date(2019, 3, 1)),
    "199001152015032001": (EmploymentStatus.PNS, date(2015, 3, 1)),
}


def load_demo_data() -> bool:
    """Create the demo organisation and accounts once; returns False when they already exist."""
    org, employees = DynamoOrgRepository(), DynamoEmployeeRepository()
    if org.get_skpd(SKPD_ID) is not None:
        return False
    org.save_skpd(Skpd(SKPD_ID, "Dinas Kesehatan Kota Contoh", TimeZone.WIB, city="Kota Contoh"))
    org.save_satker(Satker(SKPD_ID, "SEKRETARIAT", "Sekretariat Dinas Kesehatan", TimeZone.WIB))
    org.save_satker(Satker(SKPD_ID, "PKM-KOTA", "Puskesmas Kota", TimeZone.WIB, OfficeLocation(-6.2000, 106.8166, 150)))
    org.save_skpd(
        Skpd(DUKCAPIL_ID, "Dinas Kependudukan dan Pencatatan Sipil Kota Contoh", TimeZone.WIB, city="Kota Contoh")
    )
    org.save_satker(Satker(DUKCAPIL_ID, "DUKCAPIL-LAYANAN", "Bidang Pelayanan Pencatatan Sipil", TimeZone.WIB))
    password_hash = hash_password(DEMO_PASSWORD)
    for nip, name, jabatan, satker, supervisor, whatsapp, email, roles in PEOPLE:
        employees.add(
            Employee(
                nip=nip,
                name=name,
                jabatan=jabatan,
                skpd_id=SATKER_SKPD.get(satker, SKPD_ID),
                satker_id=satker,
                whatsapp=whatsapp,
                timezone=TimeZone.WIB,
                supervisor_nip=supervisor,
                email=email,
                granted_roles=frozenset(roles),
                password_hash=password_hash,
                must_change_password=False,
                employment_status=EMPLOYMENT.get(nip, (EmploymentStatus.PNS, None))[0],
                tmt=EMPLOYMENT.get(nip, (None, None))[1],
                totp_secret=_sealed_demo_secret() if must_have_authenticator(roles) else None,
            )
        )
    _attendance([(p[0], p[3]) for p in PEOPLE])
    DynamoTemplateRepository().save(
        Template(
            template_id=uuid.uuid4().hex,
            nip="199001152015032001",
            name="Pelayanan pasien",
            title="Pelayanan asuhan keperawatan di poli umum",
            description="Melakukan pengkajian, tindakan keperawatan, dan pencatatan rekam medis pasien.",
            output="Catatan asuhan keperawatan",
            duration_minutes=120,
        )
    )
    _leave()
    _ptsp()
    return True


#: DINKES's PTSP catalogue (issue 22): (name, requirements, procedure, keywords)
PTSP_TYPES = [
    (
        "Surat keterangan sehat",
        ["KTP asli dan fotokopi", "Pas foto 3x4 berwarna (2 lembar)", "Surat pengantar dari instansi (bila ada)"],
        "1. Daftar di loket PTSP dan ambil nomor antrean.\n2. Pemeriksaan oleh dokter di Puskesmas Kota.\n"
        "3. Surat keterangan sehat diserahkan pada hari yang sama.",
        ["sehat", "surat sehat", "keterangan sehat", "skd"],
    ),
    (
        "Legalisir dokumen",
        ["Dokumen asli", "Fotokopi dokumen yang akan dilegalisir", "KTP pemohon"],
        "1. Serahkan dokumen di loket PTSP.\n2. Petugas mencocokkan fotokopi dengan dokumen asli.\n"
        "3. Legalisir dapat diambil satu hari kerja kemudian.",
        ["legalisir", "leges", "cap basah"],
    ),
    (
        "Izin praktik tenaga kesehatan",
        ["STR yang masih berlaku", "Rekomendasi organisasi profesi", "Surat keterangan tempat praktik", "KTP"],
        "1. Ajukan berkas lengkap di loket PTSP.\n2. Verifikasi berkas dan peninjauan tempat praktik.\n"
        "3. Surat izin praktik terbit paling lama 14 hari kerja.",
        ["sip", "izin praktik", "str", "praktik"],
    ),
    (
        "Pengaduan layanan",
        ["Identitas pengadu (KTP)", "Uraian singkat keluhan", "Bukti pendukung (bila ada)"],
        "1. Sampaikan pengaduan kepada petugas PTSP.\n2. Pengaduan dicatat dan diteruskan ke bidang terkait.\n"
        "3. Tanggapan disampaikan paling lama 5 hari kerja.",
        ["pengaduan", "keluhan", "komplain"],
    ),
]


def _ptsp() -> None:
    """DINKES's PTSP service catalogue: four information types its desk (Rina Marlina, LAYANAN) can pick."""
    from chalicelib.domain.ptsp.catalogue import information_type
    from chalicelib.store.ptsp import DynamoPtspCatalogue

    catalogue = DynamoPtspCatalogue()
    for order, (name, requirements, procedure, keywords) in enumerate(PTSP_TYPES, start=1):
        type_id = uuid.uuid5(uuid.NAMESPACE_URL, f"kinerja-demo/ptsp/{SKPD_ID}/{name}").hex
        catalogue.save(
            information_type(
                SKPD_ID,
                type_id,
                name=name,
                requirements=requirements,
                procedure=procedure,
                keywords=keywords,
                order=order,
            ),
            0,
        )


def _leave() -> None:
    """Dewi Lestari asks for a day of annual leave next week: dr. Andi (who has no supervisor, so he also grants
    it) is notified, then Budi Santoso (PENOMORAN) numbers the approved letter."""
    from chalicelib.domain.errors import DomainError
    from chalicelib.schemas import LeaveInput
    from chalicelib.schemas.base import validate
    from chalicelib.services import container

    day = today_in_wib() + timedelta(days=7)
    while not is_working_day(day):
        day += timedelta(days=1)
    dewi = DynamoEmployeeRepository().get("199001152015032001")
    body = {
        "type": "TAHUNAN",
        "reason": "Menghadiri wisuda adik",
        "start_date": day.isoformat(),
        "end_date": day.isoformat(),
        "address": "Jl. Melati No. 5, Kota Contoh",
        "phone": "081100000005",
    }
    try:
        container.leave().apply(container.accounts().actor_of(dewi), validate(LeaveInput, body))
    except DomainError as exc:  # e.g. no annual leave left this year: the demo goes on without it
        print(f"demo leave request skipped: {exc.message}")


def _attendance(people: list[tuple[str, str]]) -> None:
    """Sync-style attendance on the working days of the last three weeks, today included."""
    repo = DynamoAttendanceRepository()
    today = today_in_wib()
    for back in range(ATTENDANCE_DAYS):
        day = today - timedelta(days=back)
        if not is_working_day(day):
            continue
        for n, (nip, satker_id) in enumerate(people):
            check_out = None if back == 0 else time(16, (n * 7) % 60)
            unit = (SATKER_SKPD.get(satker_id, SKPD_ID), satker_id)
            repo.upsert_sync(nip, day, time(7, 15 + (n * 3 + back) % 30), check_out, unit)


def _sealed_demo_secret() -> str:
    from chalicelib.security.totp import seal_secret
    from chalicelib.services import container

    return seal_secret(container.root().keys, DEMO_AUTHENTICATOR_SECRET)


def today_in_wib() -> date:
    return datetime.now(UTC).astimezone(ZoneInfo("Asia/Jakarta")).date()
