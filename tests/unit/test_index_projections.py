"""The pending-approval and digest indexes project only what their readers need (issue 21), and that is enough:
a report read back from the queue's projection is the report without its history."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from chalicelib.domain.reports import Evidence, HistoryEntry, Report, ReportContent, ReportStatus
from chalicelib.store.schema import PENDING_REPORT_ATTRIBUTES, TABLES


def _index(table: str, name: str) -> dict:
    return next(i for i in TABLES[table]["GlobalSecondaryIndexes"] if i["IndexName"] == name)


def test_the_supervisor_queue_projects_the_report_without_its_history():
    projection = _index("reports", "by_supervisor_pending")["Projection"]
    assert projection == {"ProjectionType": "INCLUDE", "NonKeyAttributes": PENDING_REPORT_ATTRIBUTES}
    assert not {"history", "search_text", "owner_sort", "satker_sort", "ekinerja_pending"} & set(
        PENDING_REPORT_ATTRIBUTES
    )


def test_the_auto_approval_shards_hold_keys_only():
    assert _index("reports", "by_pending_shard")["Projection"] == {"ProjectionType": "KEYS_ONLY"}


def test_the_due_digests_carry_only_the_generation_besides_their_keys():
    projection = _index("digests", "by_due")["Projection"]
    assert projection == {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["generation"]}


def test_a_report_read_from_the_queue_projection_is_whole_but_for_its_history():
    from chalicelib.store.models import ReportItem
    from chalicelib.store.reports import to_item, to_report

    at = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
    content = ReportContent(date(2026, 3, 2), time(8), time(9), "Judul", "Uraian", "Hasil", rhk_id="rhk-1")
    report = Report(
        "a" * 32,
        "199001012020121001",
        "SKPD-1",
        "SATKER-1",
        "197512102000031003",
        content,
        ReportStatus.SUBMITTED,
        at,
        evidence=(Evidence("e" * 32, "foto.png", "image/png", 120, "evidence/x/foto.png"),),
        history=(HistoryEntry(at, "199001012020121001", "CREATED", {}),),
        version=3,
        hints=("VAGUE_OUTPUT",),
    )
    raw = to_item(report).serialize()
    keys = {"report_id", "pending_supervisor", "pending_since"}
    projected = {k: v for k, v in raw.items() if k in keys or k in PENDING_REPORT_ATTRIBUTES}
    assert to_report(ReportItem.from_raw_data(projected)) == Report(**{**report.__dict__, "history": ()})
