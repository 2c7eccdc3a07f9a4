"""One contract, two implementations: career records in memory and in DynamoDB Local.

The services rely on these behaviours: creates that never overwrite, version conflicts, the employee's list
(newest first, kind and status filters), and HR's lists by SKPD, satker, kind and status (waiting: oldest
first; otherwise newest first), paged across the kinds and statuses they merge, with counts of what waits.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from chalicelib.domain.errors import Conflict, ValidationError
from chalicelib.domain.records import (
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
    Team,
    TeamPosition,
    TeamScope,
)
from chalicelib.domain.reports import HistoryEntry
from tests.support import make_nip, unique

START = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
HR = "197805202003121002"
ALL_LISTED = (RecordStatus.SUBMITTED, RecordStatus.APPROVED, RecordStatus.REJECTED, RecordStatus.REVOKED)
DETAILS = {
    RecordKind.SERTIFIKASI: Certification(
        CertificationType.KURSUS,
        "ADMINISTRASI NEGARA",
        "Sosialisasi LHKPN",
        "20/BKPSDM/003/I/2026",
        "BKPSDM",
        start_date=date(2026, 1, 15),
        end_date=date(2026, 1, 15),
        hours=4,
    ),
    RecordKind.PENGHARGAAN: Award(
        AwardScale.NASIONAL, AwardGroup.PENGHARGAAN_LAINNYA, AwardType.ASN_INOVATIF, 2025, "1/2025", date(2025, 8, 1)
    ),
    RecordKind.TIM_KERJA: Team(
        date(2024, 1, 3),
        True,
        "Tim Konsultasi Pengaduan",
        TeamScope.LINTAS_INSTANSI,
        TeamPosition.KETUA,
        "https://drive.google.com/file/d/abc",
        "TK/2026/000001",
    ),
}


@pytest.fixture(params=["memory", "dynamodb"])
def records(request):
    if request.param == "memory":
        from chalicelib.store.memory import InMemoryRecordRepository

        return InMemoryRecordRepository()
    request.getfixturevalue("stack")
    from chalicelib.store.records import DynamoRecordRepository

    return DynamoRecordRepository()


def _record(
    nip: str,
    kind: RecordKind = RecordKind.SERTIFIKASI,
    *,
    minute: int = 0,
    skpd: str = "SKPD-RR",
    satker: str = "SATKER-A",
) -> CareerRecord:
    at = START + timedelta(minutes=minute)
    document = RecordFile(uuid.uuid4().hex, f"records/{nip}/x.pdf", "sertifikat.pdf", "application/pdf", 1234)
    return CareerRecord(
        record_id=uuid.uuid4().hex,
        nip=nip,
        skpd_id=skpd,
        satker_id=satker,
        kind=kind,
        details=DETAILS[kind],
        status=RecordStatus.SUBMITTED,
        created_at=at,
        submitted_at=at,
        declared_at=at,
        document=document if kind is not RecordKind.TIM_KERJA else None,
        history=(HistoryEntry(at, nip, "SUBMITTED", {"declaration": [None, "Saya menyatakan …"]}),),
    )


def _decided(record: CareerRecord, status: RecordStatus, minute: int) -> CareerRecord:
    return replace(record, status=status, decided_by=HR, decided_at=START + timedelta(minutes=minute), note="catatan")


def _pages(read, limit: int) -> list[CareerRecord]:
    seen, cursor = [], None
    for _ in range(200):
        page, cursor = read(cursor, limit)
        assert len(page) <= limit
        seen += page
        if not cursor:
            return seen
    raise AssertionError("the pages never ended")


def _ids(records: list[CareerRecord]) -> list[str]:
    return [r.record_id for r in records]


class TestRecordRepositoryContract:
    def test_add_never_overwrites_and_save_needs_the_version_read(self, records):
        stored = records.add(_record(make_nip()))
        assert stored.version == 1 and records.get(stored.record_id) == stored
        assert records.get(uuid.uuid4().hex) is None
        with pytest.raises(Conflict) as refused:
            records.add(stored)
        assert refused.value.code == "CONFLICT"
        approved = records.save(_decided(stored, RecordStatus.APPROVED, 5))
        assert approved.version == 2 and records.get(stored.record_id) == approved
        with pytest.raises(Conflict):
            records.save(_decided(stored, RecordStatus.REJECTED, 6))
        assert records.get(stored.record_id) == approved

    def test_every_field_of_each_kind_survives(self, records):
        nip = make_nip()
        for kind in RecordKind:
            stored = records.add(_record(nip, kind))
            assert records.get(stored.record_id) == stored
            assert records.get(stored.record_id).details == DETAILS[kind]

    def test_own_list_newest_first_with_kind_and_status_filters(self, records):
        nip = make_nip()
        made = [records.add(_record(nip, kind, minute=n)) for n, kind in enumerate(list(RecordKind) * 2)]
        approved = records.save(_decided(made[1], RecordStatus.APPROVED, 30))
        records.add(_record(make_nip()))  # someone else's

        def own(kind=None, status=None):
            return _pages(lambda c, n: records.list_own(nip, kind=kind, status=status, cursor=c, limit=n), 2)

        assert _ids(own()) == _ids(made[::-1])
        assert _ids(own(kind=RecordKind.PENGHARGAAN)) == [made[4].record_id, made[1].record_id]
        assert _ids(own(status=RecordStatus.APPROVED)) == [approved.record_id]
        assert own(kind=RecordKind.TIM_KERJA, status=RecordStatus.APPROVED) == []
        withdrawn = records.save(replace(records.get(made[0].record_id), status=RecordStatus.WITHDRAWN))
        assert withdrawn.record_id not in _ids(own())
        _, cursor = records.list_own(nip, kind=None, status=None, cursor=None, limit=1)
        with pytest.raises(ValidationError) as refused:
            records.list_own(nip, kind=RecordKind.SERTIFIKASI, status=None, cursor=cursor, limit=1)
        assert refused.value.code == "INVALID_CURSOR"

    def test_hr_lists_merge_kinds_and_statuses_in_time_order(self, records):
        skpd = f"SKPD-RR{unique()}"
        nips = [make_nip() for _ in range(3)]
        made = []
        for n in range(9):
            satker = "SATKER-A" if n % 3 else "SATKER-B"
            made.append(records.add(_record(nips[n % 3], list(RecordKind)[n % 3], minute=n, skpd=skpd, satker=satker)))
        records.add(_record(make_nip(), minute=1, skpd=f"SKPD-LAIN{unique()}"))  # another SKPD
        # decisions move records between lanes; what they are sorted by is when they entered their status
        made[2] = records.save(_decided(made[2], RecordStatus.APPROVED, 50))
        made[4] = records.save(_decided(made[4], RecordStatus.REJECTED, 40))
        made[6] = records.save(_decided(made[6], RecordStatus.APPROVED, 45))
        made[6] = records.save(_decided(made[6], RecordStatus.REVOKED, 60))
        records.save(replace(made[8], status=RecordStatus.WITHDRAWN))
        waiting = [made[n] for n in (0, 1, 3, 5, 7)]

        def hr(kinds=tuple(RecordKind), statuses=(RecordStatus.SUBMITTED,), satker=None, newest=False, limit=2):
            return _pages(
                lambda c, n: records.queue(skpd, satker, kinds, statuses, newest_first=newest, cursor=c, limit=n), limit
            )

        assert _ids(hr()) == _ids(waiting)
        assert _ids(hr(limit=1)) == _ids(waiting) and _ids(hr(limit=100)) == _ids(waiting)
        assert _ids(hr(kinds=(RecordKind.PENGHARGAAN,))) == [made[1].record_id, made[7].record_id]
        assert _ids(hr(satker="SATKER-B")) == [made[0].record_id, made[3].record_id]
        assert _ids(hr(satker="SATKER-B", kinds=(RecordKind.SERTIFIKASI,))) == [made[0].record_id, made[3].record_id]
        everything = hr(statuses=ALL_LISTED, newest=True)
        assert _ids(everything) == _ids([made[6], made[2], made[4], made[7], made[5], made[3], made[1], made[0]])
        assert [r.status for r in everything[:3]] == [
            RecordStatus.REVOKED,
            RecordStatus.APPROVED,
            RecordStatus.REJECTED,
        ]
        assert _ids(hr(statuses=(RecordStatus.APPROVED,), newest=True)) == [made[2].record_id]
        assert records.waiting(skpd, None) == {
            RecordKind.SERTIFIKASI: 2,
            RecordKind.PENGHARGAAN: 2,
            RecordKind.TIM_KERJA: 1,
        }
        assert records.waiting(skpd, "SATKER-B") == {
            RecordKind.SERTIFIKASI: 2,
            RecordKind.PENGHARGAAN: 0,
            RecordKind.TIM_KERJA: 0,
        }
        # every SKPD (BKD): ours are among them, in the same order
        mine = set(_ids(waiting))
        every = _pages(
            lambda c, n: records.queue(
                None, None, tuple(RecordKind), (RecordStatus.SUBMITTED,), newest_first=False, cursor=c, limit=n
            ),
            50,
        )
        assert [i for i in _ids(every) if i in mine] == _ids(waiting)
        assert records.waiting(None, None)[RecordKind.SERTIFIKASI] >= 2

    def test_a_cursor_only_pages_its_own_list(self, records):
        skpd = f"SKPD-RR{unique()}"
        for n in range(3):
            records.add(_record(make_nip(), minute=n, skpd=skpd))
        page, cursor = records.queue(
            skpd, None, tuple(RecordKind), (RecordStatus.SUBMITTED,), newest_first=False, cursor=None, limit=1
        )
        assert len(page) == 1 and cursor
        for other in (
            dict(skpd_id=f"SKPD-X{unique()}", satker_id=None, kinds=tuple(RecordKind)),
            dict(skpd_id=skpd, satker_id="SATKER-A", kinds=tuple(RecordKind)),
            dict(skpd_id=skpd, satker_id=None, kinds=(RecordKind.SERTIFIKASI,)),
        ):
            with pytest.raises(ValidationError) as refused:
                records.queue(**other, statuses=(RecordStatus.SUBMITTED,), newest_first=False, cursor=cursor, limit=1)
            assert refused.value.code == "INVALID_CURSOR"
