"""One contract, two implementations: the PTSP catalogue and desk in memory and in DynamoDB Local."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from chalicelib.domain.errors import Conflict
from chalicelib.domain.ptsp.catalogue import InformationType
from chalicelib.domain.ptsp.desk import DeskRequest


@pytest.fixture(params=["memory", "dynamodb"])
def store(request):
    if request.param == "memory":
        from chalicelib.store.memory import InMemoryPtspCatalogue, InMemoryPtspDesk

        return InMemoryPtspCatalogue(), InMemoryPtspDesk()
    request.getfixturevalue("stack")
    from chalicelib.store.ptsp import DynamoPtspCatalogue, DynamoPtspDesk

    return DynamoPtspCatalogue(), DynamoPtspDesk()


def _type(skpd: str, type_id: str, name: str, order: int = 0) -> InformationType:
    return InformationType(skpd, type_id, name, ("KTP",), "Datang ke loket.", ("ktp",), order=order)


def _visit(skpd: str, at: datetime, type_id: str = "T1", name: str = "Budi") -> DeskRequest:
    return DeskRequest(
        skpd_id=skpd,
        request_id=uuid.uuid4().hex[:12],
        local_at=at,
        recorded_at=datetime(2026, 12, 7, 2, 0, tzinfo=UTC),
        visitor_name=name,
        whatsapp="6281234567890",
        type_id=type_id,
        type_name="Legalisir",
        note="",
        recorded_by="198806122010012005",
        recorded_by_name="Rina Marlina",
    )


class TestPtspCatalogueContract:
    def test_saves_lists_in_order_and_guards_the_version(self, store):
        catalogue, _ = store
        skpd = f"S{uuid.uuid4().hex[:8]}"
        b = catalogue.save(_type(skpd, "b", "Legalisir", order=1), 0)
        catalogue.save(_type(skpd, "a", "Surat sehat", order=1), 0)
        catalogue.save(_type(skpd, "c", "Zebra", order=0), 0)
        catalogue.save(_type(f"{skpd}X", "z", "Lain"), 0)
        assert b.version == 1
        assert [t.type_id for t in catalogue.types_of(skpd)] == ["c", "b", "a"]
        assert catalogue.get(skpd, "b") == b
        assert catalogue.get(skpd, "nope") is None
        edited = catalogue.save(InformationType(skpd, "b", "Legalisir dokumen", ("KTP", "KK"), "Loket 2."), 1)
        assert edited.version == 2 and catalogue.get(skpd, "b") == edited
        with pytest.raises(Conflict):
            catalogue.save(InformationType(skpd, "b", "Basi", ("KTP",), "x"), 1)
        with pytest.raises(Conflict):  # a new type over an existing id
            catalogue.save(_type(skpd, "a", "Lagi"), 0)
        assert catalogue.get(skpd, "b").name == "Legalisir dokumen"


class TestPtspDeskContract:
    def test_lists_a_range_newest_first_by_type_and_in_pages(self, store):
        _, desk = store
        skpd = f"S{uuid.uuid4().hex[:8]}"
        early = desk.add(_visit(skpd, datetime(2026, 12, 6, 8, 0), "T1", "Ani"))
        mid = desk.add(_visit(skpd, datetime(2026, 12, 7, 9, 0), "T2", "Budi"))
        late = desk.add(_visit(skpd, datetime(2026, 12, 7, 23, 59, 59), "T1", "Citra"))
        desk.add(_visit(skpd, datetime(2026, 12, 8, 0, 0), "T1", "Besok"))
        desk.add(_visit(f"{skpd}X", datetime(2026, 12, 7, 9, 0), "T1", "Lain"))

        today, cursor = desk.between(skpd, date(2026, 12, 7), date(2026, 12, 7), None, None, 10)
        assert [r.visitor_name for r in today] == ["Citra", "Budi"] and cursor is None
        assert today[1] == mid
        both, _ = desk.between(skpd, date(2026, 12, 6), date(2026, 12, 7), "T1", None, 10)
        assert [r.request_id for r in both] == [late.request_id, early.request_id]

        first, cursor = desk.between(skpd, date(2026, 12, 1), date(2026, 12, 7), None, None, 2)
        assert len(first) == 2 and cursor
        rest, cursor = desk.between(skpd, date(2026, 12, 1), date(2026, 12, 7), None, cursor, 2)
        assert [r.visitor_name for r in first + rest] == ["Citra", "Budi", "Ani"]
        assert cursor is None or desk.between(skpd, date(2026, 12, 1), date(2026, 12, 7), None, cursor, 2)[0] == []

    def test_a_request_is_written_once(self, store):
        _, desk = store
        visit = _visit(f"S{uuid.uuid4().hex[:8]}", datetime(2026, 12, 7, 9, 0))
        desk.add(visit)
        with pytest.raises(Conflict):
            desk.add(visit)
