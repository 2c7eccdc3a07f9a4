"""Pure rules behind the security findings: self-decision, delegation, supervisor scope, stored names, dates."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from chalicelib.domain.accounts import Actor, Role, check_supervisor_scope, forbid_self_decision
from chalicelib.domain.delegation import Delegation, check_delegate_scope, check_delegator, check_no_overlap
from chalicelib.domain.errors import Conflict, DomainError, Forbidden, ValidationError
from chalicelib.domain.evidence import stored_name
from chalicelib.domain.reports import Report, ReportContent, ReportStatus, decide, parse_day, parse_month

NOW = datetime(2026, 11, 25, 3, 0)
ADMIN = Actor(nip="197001011995031001", skpd_id="A", roles=frozenset({Role.PEGAWAI, Role.ADMIN}))
OPERATOR = Actor(nip="198203142006042001", skpd_id="A", roles=frozenset({Role.PEGAWAI, Role.OPERATOR_SKPD}))


def _report(owner: str = "199001152015032001") -> Report:
    content = ReportContent(date(2026, 11, 24), time(8), time(9), "Judul", "Uraian", "Hasil")
    return Report("a" * 32, owner, "A", "S", "197512102000031003", content, ReportStatus.SUBMITTED, NOW, version=1)


def test_nobody_decides_about_themselves():
    with pytest.raises(Forbidden) as refused:
        forbid_self_decision("1", "1")
    assert refused.value.code == "SELF_DECISION"
    report = _report()
    with pytest.raises(Forbidden):
        decide(report, ReportStatus.APPROVED, by=report.nip, at=NOW)
    assert decide(report, ReportStatus.APPROVED, by="someone-else", at=NOW).status is ReportStatus.APPROVED


def test_only_the_admin_links_a_supervisor_across_skpd():
    assert check_supervisor_scope(OPERATOR, "A", "A") is False
    with pytest.raises(Forbidden) as refused:
        check_supervisor_scope(OPERATOR, "A", "B")
    assert refused.value.code == "CROSS_SKPD_SUPERVISOR"
    assert check_supervisor_scope(ADMIN, "A", "B") is True


def test_delegation_rules():
    with pytest.raises(Forbidden):
        check_delegator(has_subordinates=False)
    check_delegator(has_subordinates=True)
    with pytest.raises(Forbidden):
        check_delegate_scope("A", "B", by_admin=False)
    check_delegate_scope("A", "B", by_admin=True)
    existing = [Delegation("d1", "boss", "deputy", date(2026, 12, 1), date(2026, 12, 5))]
    for start, end in ((date(2026, 12, 5), date(2026, 12, 9)), (date(2026, 11, 20), date(2026, 12, 1))):
        with pytest.raises(Conflict) as clash:
            check_no_overlap(existing, start, end)
        assert clash.value.code == "DELEGATION_OVERLAP" and clash.value.details["delegation_id"] == "d1"
    check_no_overlap(existing, date(2026, 12, 6), date(2026, 12, 9))
    check_no_overlap(existing, date(2026, 11, 1), date(2026, 11, 30))


@pytest.mark.parametrize(
    "name,kind,stored",
    [
        ("virus.exe", "image/png", "virus.png"),
        ("laporan.pdf.exe", "application/pdf", "laporan.pdf"),
        ("FOTO.JPEG", "image/jpeg", "FOTO.jpg"),
        ("../../etc/passwd", "application/pdf", "bukti.pdf"),
        ("", "image/png", "bukti.png"),
    ],
)
def test_stored_names_carry_the_extension_of_the_content(name, kind, stored):
    assert stored_name(name, kind) == stored


@pytest.mark.parametrize("text", ["9999-12-31", "0001-01-01", "1999-12-31", "2101-01-01", "2026-02-30", "2026-1-1"])
def test_dates_outside_the_service_range_are_refused(text):
    with pytest.raises(ValidationError):
        parse_day(text)


def test_dates_and_months_inside_the_range():
    assert parse_day("2026-11-25") == date(2026, 11, 25)
    assert parse_month("2100-12") == date(2100, 12, 1)
    with pytest.raises(DomainError) as refused:
        parse_month("9999-12")
    assert refused.value.code == "INVALID_MONTH"
