"""Stream images are decoded by the store into domain objects (no I/O: the images are built in memory)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from chalicelib.domain.accounts import Employee, Role
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.reports import Evidence, HistoryEntry, Report, ReportContent, ReportStatus
from chalicelib.store.protocols import EmployeeImage, SealedNotice

NOW = datetime(2026, 3, 9, 3, 0, tzinfo=UTC)


def _record(old: dict | None, new: dict | None) -> dict:
    """The part of a Lambda stream record the decoder reads."""
    data = {"Keys": {}}
    if old is not None:
        data["OldImage"] = old
    if new is not None:
        data["NewImage"] = new
    return {"eventName": "MODIFY", "dynamodb": data}


def test_an_employee_image_carries_the_account_and_its_sealed_notice():
    from chalicelib.store.employees import _to_item
    from chalicelib.store.streams import employee_image, images

    employee = Employee(
        nip="199001152015032001",
        name="Dewi Lestari",
        jabatan="Perawat",
        skpd_id="DINKES",
        satker_id="PKM-KOTA",
        whatsapp="6281234567890",
        timezone=TimeZone.WITA,
        supervisor_nip="197512102000031003",
        email="dewi@example.go.id",
        granted_roles=frozenset({Role.KEPEGAWAIAN}),
        password_hash="$argon2id$x",
        version=3,
    )
    notice = SealedNotice("n-1", "gAAAA-sealed")
    with_notice, without = _to_item(employee, notice), _to_item(employee, None)
    with_notice.version = without.version = 3
    old, new = images(_record(without.serialize(), with_notice.serialize()), employee_image)
    assert new == EmployeeImage(employee, notice) and old == EmployeeImage(employee, None)
    assert images(_record(without.serialize(), None), employee_image) == (EmployeeImage(employee, None), None)


def test_a_report_image_is_the_report():
    from chalicelib.store.reports import to_item
    from chalicelib.store.streams import images, report_image

    report = Report(
        report_id="a" * 32,
        nip="199001152015032001",
        skpd_id="DINKES",
        satker_id="PKM-KOTA",
        supervisor_nip="197512102000031003",
        content=ReportContent(date(2026, 3, 9), time(8), time(9, 30), "Pelayanan", "Poli umum", "Pasien terlayani"),
        status=ReportStatus.APPROVED,
        submitted_at=NOW,
        evidence=(Evidence("e" * 32, "foto.png", "image/png", 120, "evidence/x.png"),),
        decided_by="197512102000031003",
        decided_at=NOW,
        rating=5,
        history=(HistoryEntry(NOW, "199001152015032001", "CREATED", {}),),
        version=2,
    )
    assert images(_record(None, to_item(report).serialize()), report_image) == (None, report)
