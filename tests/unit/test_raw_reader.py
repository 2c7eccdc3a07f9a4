"""`store/raw.reader` reads a raw item exactly as PynamoDB's own `from_raw_data` does (it replaces it on lists)."""

from __future__ import annotations

from chalicelib.store.models import ReportItem
from chalicelib.store.raw import reader

read = reader(ReportItem)


def _same(raw: dict) -> None:
    ours, theirs = read(raw), ReportItem.from_raw_data(raw)
    for name in ReportItem.get_attributes():
        assert getattr(ours, name) == getattr(theirs, name), name


def test_a_full_item_reads_as_the_model_reads_it():
    item = ReportItem(
        report_id="r-1",
        nip="199001152015032001",
        day="2026-12-07",
        start_time="08:00",
        end_time="09:30",
        skpd_id="DINKES",
        satker_id="S-1",
        title="Kegiatan",
        description="Uraian",
        output="Notulen",
        search_text="kegiatan uraian",
        status="APPROVED",
        submitted_at="2026-12-07T09:31:00+00:00",
        rating=4,
        evidence=[{"key": "k", "filename": "a.pdf"}],
        history=[{"at": "2026-12-07T09:31:00+00:00", "by": "x", "action": "SUBMITTED", "changes": {}}],
        hints=["SHORT"],
        version=3,
    )
    _same(item.serialize())


def test_missing_and_null_attributes_take_the_default_or_none():
    raw = ReportItem(report_id="r-2", nip="1", title="t").serialize(null_check=False)
    raw["note"] = {"NULL": True}
    raw["unknown_attribute"] = {"S": "ignored"}
    _same(raw)
    assert read(raw).note is None
