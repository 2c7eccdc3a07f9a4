"""Leave rules (Peraturan BKN 24/2017) as tables of cases: balances across years, carry-over of 6 and 24,
cuti bersama, cuti besar's effect, PPPK and CPNS, each type's limits, the two-level flow and letter numbers."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from chalicelib.domain.accounts import EmploymentStatus
from chalicelib.domain.errors import BusinessRule, Conflict, DomainError, Forbidden, ValidationError
from chalicelib.domain.leave import (
    AnnualBalance,
    Application,
    LeaveHistory,
    LeaveRequest,
    LeaveStatus,
    LeaveType,
    Verdict,
    add_months,
    annual_balance,
    approvers,
    cancel,
    check_application,
    check_number_format,
    check_overlap,
    check_report_days,
    consider,
    cuti_bersama_days,
    decide,
    give_number,
    history_of,
    is_cuti_bersama,
    letter_number,
    new_application,
    service_length,
)
from chalicelib.domain.workdays import _holidays

TODAY = date(2026, 11, 25)  # a Wednesday
MAN, WOMAN = "198503152010011001", "198503152010012001"
AT = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)


def clean(*years: int) -> dict[date, str | None]:
    """The admin's changes that remove every cuti bersama of ``years`` (so they count as working days)."""
    return {d: None for y in years for d, name in _holidays(y).items() if name.lower().startswith("cuti bersama")}


CLEAN = clean(*range(2018, 2030))


def balance(year: int, used: dict[int, int] | None = None, **kw) -> AnnualBalance:
    kw.setdefault("tmt", date(2010, 1, 1))
    kw.setdefault("records_since", 2024)
    kw.setdefault("overrides", CLEAN)
    besar = kw.pop("besar", frozenset())
    return annual_balance(year, history=LeaveHistory(used or {}, frozenset(besar)), **kw)


# -- the annual-leave balance ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "year", "used", "extra", "remaining"),
    [
        ("first tracked year, nothing carried", 2024, {}, {}, ((2022, 0), (2023, 0), (2024, 12))),
        ("all used the year before", 2026, {2024: 12, 2025: 12}, {}, ((2024, 0), (2025, 0), (2026, 12))),
        ("2 left last year carry over", 2026, {2024: 12, 2025: 10}, {}, ((2024, 0), (2025, 2), (2026, 12))),
        ("at most 6 carry over (18 in all)", 2026, {2024: 12, 2025: 1}, {}, ((2024, 0), (2025, 6), (2026, 12))),
        ("one unused year: still 6", 2026, {2024: 3}, {}, ((2024, 0), (2025, 6), (2026, 12))),
        ("two unused years: 24 in all", 2026, {}, {}, ((2024, 6), (2025, 6), (2026, 12))),
        ("three unused years: still 24", 2027, {}, {}, ((2025, 6), (2026, 6), (2027, 12))),
        ("oldest days are taken first", 2026, {2026: 8}, {}, ((2024, 0), (2025, 4), (2026, 12))),
        ("then this year's", 2026, {2026: 15}, {}, ((2024, 0), (2025, 0), (2026, 9))),
        ("across the year boundary", 2027, {2026: 4}, {"records_since": 2026}, ((2025, 0), (2026, 6), (2027, 12))),
        (
            "opening figures of the years before records",
            2026,
            {},
            {"records_since": 2026, "opening": {2025: 6, 2024: 12}},
            ((2024, 0), (2025, 6), (2026, 12)),
        ),
        (
            "opening: two whole unused years",
            2026,
            {},
            {"records_since": 2026, "opening": {2025: 12, 2024: 12}},
            ((2024, 6), (2025, 6), (2026, 12)),
        ),
        ("opening never above the year's own days", 2026, {}, {"records_since": 2026, "opening": {2025: 30}}, None),
        ("not yet one year of service", 2026, {}, {"tmt": date(2026, 2, 1)}, ((2024, 0), (2025, 0), (2026, 0))),
    ],
)
def test_annual_balance(case, year, used, extra, remaining):
    result = balance(year, used, **extra)
    if remaining is None:
        assert result.remaining[1] == (2025, 6)
    else:
        assert result.remaining == remaining, case
        assert result.available == sum(left for _, left in remaining)


def test_cuti_bersama_never_reduce_the_year_s_entitlement():
    """Keppres 2/2025 (as each year's Keppres since 7/2021): cuti bersama does not reduce ASN annual leave."""
    # 2026: eight weekday cuti bersama (Imlek, Nyepi, four of Idul Fitri, Kenaikan, Idul Adha, Natal)
    assert cuti_bersama_days(2026) == 8
    assert is_cuti_bersama(date(2026, 12, 24)) and not is_cuti_bersama(date(2026, 12, 25))
    real = balance(2026, overrides={}, records_since=2026)
    assert (real.entitlement, real.cuti_bersama, real.bersama_worked, real.available) == (12, 8, 0, 12)
    # the admin adds a cuti bersama day or removes one: the entitlement stays 12
    added = balance(2026, overrides={date(2026, 12, 28): "Cuti Bersama Tahun Baru"}, records_since=2026)
    removed = balance(2026, overrides={date(2026, 12, 24): None}, records_since=2026)
    assert (added.entitlement, added.cuti_bersama, removed.entitlement, removed.cuti_bersama) == (12, 9, 12, 7)
    # entitled in July: still 12
    assert balance(2026, overrides={}, records_since=2026, tmt=date(2025, 7, 1)).entitlement == 12
    # two unused years before 2026 with their 8 and 10 (2025) cuti bersama: the full 24
    assert balance(2026, overrides={}, records_since=2024).available == 24


@pytest.mark.parametrize(
    ("case", "worked", "entitlement", "available"),
    [
        ("none recorded", {}, 12, 12),
        ("one cuti bersama day worked by duty adds one", {2026: 1}, 13, 13),
        ("all eight", {2026: 8}, 20, 20),
        ("never more than the year's cuti bersama", {2026: 30}, 20, 20),
        ("another year's record does not count", {2025: 3}, 12, 12),
        ("a negative record adds nothing", {2026: -2}, 12, 12),
    ],
)
def test_cuti_bersama_worked_by_duty_add_to_the_year_s_annual_leave(case, worked, entitlement, available):
    result = balance(2026, overrides={}, records_since=2026, bersama_worked=worked)
    assert (result.entitlement, result.available, result.cuti_bersama) == (entitlement, available, 8), case
    assert result.bersama_worked == entitlement - 12


def test_added_days_carry_over_like_the_year_s_own():
    # 2025: 12 + 2 worked, 10 used → 4 left, all of which carry into 2026
    result = balance(2026, {2025: 10}, overrides={}, records_since=2025, bersama_worked={2025: 2})
    assert result.remaining == ((2024, 0), (2025, 4), (2026, 12))
    assert balance(2026, {2025: 10}, overrides={}, records_since=2025).remaining[1] == (2025, 2)


def test_an_annual_request_may_spend_the_added_days():
    application = Application(LeaveType.TAHUNAN, "Keperluan keluarga", date(2026, 12, 1), date(2026, 12, 16), "", "")
    common = {
        "nip": MAN,
        "employment": EmploymentStatus.PNS,
        "tmt": date(2010, 1, 1),
        "today": TODAY,
        "overrides": {},
        "history": LeaveHistory({2026: 4}),  # 8 of the 12 left: not enough for 12 more
        "records_since": 2026,
        "has_certificate": False,
    }
    with pytest.raises(BusinessRule) as refused:
        check_application(application, **common)
    assert refused.value.code == "INSUFFICIENT_BALANCE"
    assert check_application(application, bersama_worked={2026: 8}, **common) == 12


def test_cuti_besar_leaves_no_annual_leave_that_year_and_breaks_the_chain():
    besar = balance(2026, besar={2026})
    assert (besar.entitlement, besar.available) == (0, 0)
    after = balance(2027, besar={2026})
    assert after.remaining == ((2025, 0), (2026, 0), (2027, 12))


def test_history_counts_pending_and_approved_but_not_refused_or_the_request_checked():
    def leave(leave_id, kind, start, end, days, status=LeaveStatus.APPROVED):
        return request(leave_id=leave_id, leave_type=kind, start=start, end=end, working_days=days, status=status)

    requests = [
        leave("a", LeaveType.TAHUNAN, date(2026, 3, 2), date(2026, 3, 4), 3),
        leave("b", LeaveType.TAHUNAN, date(2026, 6, 1), date(2026, 6, 2), 2, LeaveStatus.PENDING_DECISION),
        leave("c", LeaveType.TAHUNAN, date(2026, 7, 1), date(2026, 7, 2), 2, LeaveStatus.REJECTED),
        leave("d", LeaveType.BESAR, date(2026, 12, 1), date(2027, 2, 26), 60),
        leave("e", LeaveType.TAHUNAN, date(2026, 8, 3), date(2026, 8, 3), 1),
    ]
    history = history_of(requests, excluding="e")
    assert history.annual_used == {2026: 5}
    assert history.besar_years == {2026, 2027} and history.besar_starts == (date(2026, 12, 1),)


# -- each type's rules -------------------------------------------------------------------------------------


def application(kind: LeaveType, start: date, end: date, child: int | None = None) -> Application:
    return Application(kind, "Keperluan keluarga", start, end, "Jl. Merdeka 1", "081234567890", child)


def check(kind, start, end, *, nip=MAN, status=EmploymentStatus.PNS, tmt=date(2010, 1, 1), history=None, **kw):
    return check_application(
        application(kind, start, end, kw.pop("child", None)),
        nip=nip,
        employment=status,
        tmt=tmt,
        today=kw.pop("today", TODAY),
        overrides=kw.pop("overrides", CLEAN),
        history=history or LeaveHistory(),
        records_since=kw.pop("records_since", 2026),
        has_certificate=kw.pop("certificate", False),
        **kw,
    )


T, B, S, M, A, C = (
    LeaveType.TAHUNAN,
    LeaveType.BESAR,
    LeaveType.SAKIT,
    LeaveType.MELAHIRKAN,
    LeaveType.ALASAN_PENTING,
    LeaveType.CLTN,
)
D = date


@pytest.mark.parametrize(
    ("case", "kind", "start", "end", "extra", "outcome"),
    [
        # annual leave: working days only (1-4 Dec 2026 are Tue-Fri; 7 Dec is a Monday)
        ("annual: four working days", T, D(2026, 12, 1), D(2026, 12, 4), {}, 4),
        ("annual: a weekend in between", T, D(2026, 12, 4), D(2026, 12, 7), {}, 2),
        ("annual: holidays not counted", T, D(2026, 12, 24), D(2026, 12, 28), {"overrides": {}}, 1),
        ("annual: only a weekend", T, D(2026, 12, 5), D(2026, 12, 6), {}, "LEAVE_NO_WORKING_DAYS"),
        (
            "annual: under a year of service",
            T,
            D(2026, 12, 1),
            D(2026, 12, 1),
            {"tmt": D(2026, 1, 5)},
            "SERVICE_TOO_SHORT",
        ),
        ("annual: one year of service", T, D(2026, 12, 1), D(2026, 12, 1), {"tmt": D(2025, 12, 1)}, 1),
        ("annual: more than the balance", T, D(2026, 12, 1), D(2026, 12, 17), {}, "INSUFFICIENT_BALANCE"),
        ("annual: the balance exactly", T, D(2026, 12, 1), D(2026, 12, 16), {}, 12),
        ("annual: across the new year", T, D(2026, 12, 30), D(2027, 1, 4), {}, "LEAVE_CROSSES_YEAR"),
        (
            "annual: after cuti besar that year",
            T,
            D(2026, 12, 1),
            D(2026, 12, 1),
            {"history": LeaveHistory({}, frozenset({2026}), (D(2026, 2, 2),))},
            "ANNUAL_AFTER_BESAR",
        ),
        ("annual: PPPK has it", T, D(2026, 12, 1), D(2026, 12, 2), {"status": EmploymentStatus.PPPK}, 2),
        # cuti besar: 5 years, 3 months, once every 5 years, shortened by annual leave taken
        ("besar: 3 months", B, D(2026, 12, 1), D(2027, 2, 28), {}, 61),
        ("besar: a day over 3 months", B, D(2026, 12, 1), D(2027, 3, 1), {}, "LEAVE_TOO_LONG"),
        ("besar: 4 years of service", B, D(2026, 12, 1), D(2026, 12, 31), {"tmt": D(2022, 1, 1)}, "SERVICE_TOO_SHORT"),
        ("besar: 5 years of service", B, D(2026, 12, 1), D(2026, 12, 31), {"tmt": D(2021, 12, 1)}, 22),
        (
            "besar: again within 5 years",
            B,
            D(2026, 12, 1),
            D(2026, 12, 31),
            {"history": LeaveHistory({}, frozenset({2023}), (D(2023, 1, 2),))},
            "BESAR_TOO_SOON",
        ),
        (
            "besar: annual leave taken shortens it",
            B,
            D(2026, 10, 1),
            D(2026, 12, 31),
            {"history": LeaveHistory({2026: 5}, frozenset(), ()), "today": D(2026, 9, 1)},
            "LEAVE_TOO_LONG",
        ),
        (
            "besar: not for PPPK",
            B,
            D(2026, 12, 1),
            D(2026, 12, 2),
            {"status": EmploymentStatus.PPPK},
            "LEAVE_TYPE_NOT_ALLOWED",
        ),
        (
            "besar: not for CPNS",
            B,
            D(2026, 12, 1),
            D(2026, 12, 2),
            {"status": EmploymentStatus.CPNS},
            "LEAVE_TYPE_NOT_ALLOWED",
        ),
        # sick leave: a certificate from the second day, at most a year
        ("sick: one day, no certificate", S, D(2026, 11, 25), D(2026, 11, 25), {}, 1),
        ("sick: two days need a certificate", S, D(2026, 11, 24), D(2026, 11, 25), {}, "CERTIFICATE_REQUIRED"),
        ("sick: with the certificate", S, D(2026, 11, 24), D(2026, 11, 25), {"certificate": True}, 2),
        ("sick: filed afterwards", S, D(2026, 10, 26), D(2026, 10, 26), {}, 1),
        ("sick: too long ago", S, D(2026, 10, 25), D(2026, 10, 26), {"certificate": True}, "LEAVE_TOO_OLD"),
        ("sick: a year", S, D(2026, 12, 1), D(2027, 11, 30), {"certificate": True}, None),
        ("sick: over a year", S, D(2026, 12, 1), D(2027, 12, 1), {"certificate": True}, "LEAVE_TOO_LONG"),
        ("sick: PPPK has it", S, D(2026, 11, 25), D(2026, 11, 25), {"status": EmploymentStatus.PPPK}, 1),
        # maternity: women, 1st-3rd child, 3 months
        ("maternity: third child", M, D(2026, 12, 1), D(2027, 2, 28), {"nip": WOMAN, "child": 3}, 61),
        ("maternity: fourth child", M, D(2026, 12, 1), D(2027, 2, 28), {"nip": WOMAN, "child": 4}, "CHILD_ORDER_LIMIT"),
        ("maternity: over 3 months", M, D(2026, 12, 1), D(2027, 3, 1), {"nip": WOMAN, "child": 1}, "LEAVE_TOO_LONG"),
        ("maternity: a man", M, D(2026, 12, 1), D(2026, 12, 31), {"child": 1}, "LEAVE_TYPE_NOT_ALLOWED"),
        (
            "maternity: PPPK has it",
            M,
            D(2026, 12, 1),
            D(2026, 12, 31),
            {"nip": WOMAN, "child": 2, "status": EmploymentStatus.PPPK},
            22,
        ),
        # important reasons: a month; not for PPPK
        ("important: a month", A, D(2026, 12, 1), D(2026, 12, 31), {}, 22),
        ("important: over a month", A, D(2026, 12, 1), D(2027, 1, 1), {}, "LEAVE_TOO_LONG"),
        ("important: CPNS has it", A, D(2026, 12, 1), D(2026, 12, 1), {"status": EmploymentStatus.CPNS}, 1),
        (
            "important: not for PPPK",
            A,
            D(2026, 12, 1),
            D(2026, 12, 1),
            {"status": EmploymentStatus.PPPK},
            "LEAVE_TYPE_NOT_ALLOWED",
        ),
        # outside state responsibility: 5 years, 3 years, PNS only
        ("cltn: 3 years", C, D(2026, 12, 1), D(2029, 11, 30), {}, None),
        ("cltn: over 3 years", C, D(2026, 12, 1), D(2029, 12, 1), {}, "LEAVE_TOO_LONG"),
        ("cltn: 4 years of service", C, D(2026, 12, 1), D(2027, 5, 31), {"tmt": D(2022, 6, 1)}, "SERVICE_TOO_SHORT"),
        (
            "cltn: not for PPPK",
            C,
            D(2026, 12, 1),
            D(2027, 5, 31),
            {"status": EmploymentStatus.PPPK},
            "LEAVE_TYPE_NOT_ALLOWED",
        ),
        (
            "cltn: not for CPNS",
            C,
            D(2026, 12, 1),
            D(2027, 5, 31),
            {"status": EmploymentStatus.CPNS},
            "LEAVE_TYPE_NOT_ALLOWED",
        ),
        # any type: not more than a year ahead
        ("a year ahead at most", A, D(2027, 11, 27), D(2027, 11, 29), {}, "LEAVE_TOO_FAR"),
    ],
)
def test_each_type_s_rules(case, kind, start, end, extra, outcome):
    if isinstance(outcome, str):
        with pytest.raises(DomainError) as refused:
            check(kind, start, end, **extra)
        assert refused.value.code == outcome, case
        assert refused.value.message and refused.value.status in (400, 422)
    else:
        days = check(kind, start, end, **extra)
        assert outcome is None or days == outcome, case


def test_refusals_of_a_request_s_fields_have_their_own_codes():
    """Each field is checked once, by the request model at the edge (with the domain's codes); the two rules across
    fields are the domain's, when the service builds the `Application`."""
    from tests.support import payload

    good = {
        "type": "tahunan",
        "reason": " Acara keluarga ",
        "start_date": "2026-12-01",
        "end_date": "2026-12-02",
        "address": "Jl. Merdeka 1, Kota Contoh",
        "phone": "0812-3456-7890",
    }
    body = payload("LeaveInput", good)
    assert (body.type, body.reason, body.start_date) == (LeaveType.TAHUNAN, "Acara keluarga", date(2026, 12, 1))
    cases = [
        ({"type": "LIBURAN"}, "INVALID_LEAVE_TYPE"),
        ({"reason": " "}, "REQUIRED"),
        ({"phone": "telepon saya"}, "INVALID_PHONE"),
        ({"phone": " "}, "REQUIRED"),
        ({"start_date": "1999-12-31"}, "INVALID_DATE"),
        ({"child_order": 21}, "INVALID_CHILD_ORDER"),
    ]
    for change, code in cases:
        with pytest.raises(ValidationError) as refused:
            payload("LeaveInput", {**good, **change})
        assert refused.value.code == code, change
    fields = ("Acara keluarga", date(2026, 12, 1), date(2026, 12, 2), "Jl. Merdeka 1", "0812-3456-7890")
    reason, start, end, address, phone = fields
    for kind, first, last, child, code in (
        (LeaveType.TAHUNAN, start, date(2026, 11, 30), None, "INVALID_DATE_RANGE"),
        (LeaveType.MELAHIRKAN, start, end, None, "CHILD_ORDER_REQUIRED"),
    ):
        with pytest.raises(ValidationError) as refused:
            new_application(kind, reason, first, last, address, phone, child)
        assert refused.value.code == code
    assert new_application(LeaveType.TAHUNAN, reason, start, start, address, phone, 2).child_order is None
    assert new_application(LeaveType.MELAHIRKAN, reason, start, end, address, phone, 2).child_order == 2


def test_dates_and_service():
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert service_length(date(2015, 3, 1), date(2026, 11, 25)) == (11, 8)
    assert service_length(date(2026, 12, 1), date(2026, 11, 25)) == (0, 0)


# -- overlaps -------------------------------------------------------------------------------------------------


def test_a_request_may_not_touch_held_days_or_reported_days():
    held = {date(2026, 12, 3): "other", date(2026, 12, 4): "other"}
    check_overlap(held, date(2026, 12, 1), date(2026, 12, 2))
    check_overlap(held, date(2026, 12, 3), date(2026, 12, 4), leave_id="other")
    with pytest.raises(BusinessRule) as clash:
        check_overlap(held, date(2026, 12, 2), date(2026, 12, 3))
    assert clash.value.code == "LEAVE_OVERLAP" and clash.value.details["leave_id"] == "other"
    check_report_days([])
    with pytest.raises(BusinessRule) as reported:
        check_report_days([date(2026, 11, 24)])
    assert reported.value.code == "LEAVE_OVERLAPS_REPORT"


# -- the flow -------------------------------------------------------------------------------------------------

EMPLOYEE, BOSS, HEAD, NUMBERER = MAN, "197512102000031003", "197001011995031001", "198203142006042001"


def request(**changes) -> LeaveRequest:
    base = LeaveRequest(
        leave_id="l1",
        nip=EMPLOYEE,
        skpd_id="DINKES",
        satker_id="PKM",
        leave_type=LeaveType.TAHUNAN,
        reason="Acara keluarga",
        start=date(2026, 12, 1),
        end=date(2026, 12, 2),
        working_days=2,
        address="Jl. Merdeka 1",
        phone="081234567890",
        supervisor_nip=BOSS,
        official_nip=HEAD,
        status=LeaveStatus.PENDING_CONSIDERATION,
        applied_at=AT,
    )
    fields = {**base.__dict__, **changes}
    return LeaveRequest(**fields)


def test_who_considers_and_who_grants():
    assert approvers(EMPLOYEE, BOSS, HEAD, None) == (BOSS, HEAD)
    assert approvers(EMPLOYEE, BOSS, None, None) == (BOSS, BOSS)  # one decision covers both
    assert approvers(EMPLOYEE, BOSS, HEAD, NUMBERER) == (BOSS, NUMBERER)  # the SKPD's configured official
    assert approvers(NUMBERER, BOSS, HEAD, NUMBERER) == (BOSS, HEAD)  # never one's own official
    with pytest.raises(BusinessRule) as none:
        approvers(EMPLOYEE, None, None, HEAD)
    assert none.value.code == "NO_SUPERVISOR"


@pytest.mark.parametrize(
    ("official", "verdict", "status"),
    [
        (HEAD, Verdict.APPROVED, LeaveStatus.PENDING_DECISION),
        (BOSS, Verdict.APPROVED, LeaveStatus.APPROVED),
        (HEAD, Verdict.REJECTED, LeaveStatus.REJECTED),
        (HEAD, Verdict.DEFERRED, LeaveStatus.DEFERRED),
    ],
)
def test_consideration(official, verdict, status):
    considered = consider(request(official_nip=official), verdict, by=BOSS, at=AT, note="catatan")
    assert considered.status is status and considered.consideration.verdict is verdict
    assert (considered.decision is not None) == (official == BOSS and verdict is Verdict.APPROVED)
    assert considered.history[-1].action == f"CONSIDERED_{verdict.value}"


def test_decision_numbering_and_cancelling():
    pending = consider(request(), Verdict.APPROVED, by="199001152015032001", at=AT, note=None, on_behalf_of=BOSS)
    assert pending.consideration.on_behalf_of == BOSS
    with pytest.raises(Conflict) as early:
        give_number(pending, "1", 1, by=NUMBERER, at=AT)
    assert early.value.code == "LEAVE_NOT_APPROVED"
    approved = decide(pending, Verdict.APPROVED, by=HEAD, at=AT, note=None)
    with pytest.raises(Conflict):
        decide(approved, Verdict.APPROVED, by=HEAD, at=AT, note=None)
    with pytest.raises(Forbidden) as own:
        give_number(approved, "1", 1, by=EMPLOYEE, at=AT)
    assert own.value.code == "SELF_DECISION"
    numbered = give_number(approved, "800.1.11.4/1/DINKES/2026", 1, by=NUMBERER, at=AT)
    with pytest.raises(Conflict) as twice:
        give_number(numbered, "800.1.11.4/2/DINKES/2026", 2, by=NUMBERER, at=AT)
    assert twice.value.code == "LEAVE_ALREADY_NUMBERED"
    with pytest.raises(Conflict):
        cancel(numbered, by=EMPLOYEE, at=AT, reason=None, by_owner=True)  # only while pending
    with pytest.raises(ValidationError):
        cancel(numbered, by=HEAD, at=AT, reason=None, by_owner=False)
    cancelled = cancel(numbered, by=HEAD, at=AT, reason="Dipanggil kembali bertugas", by_owner=False)
    assert cancelled.status is LeaveStatus.CANCELLED and cancelled.letter_number == "800.1.11.4/1/DINKES/2026"
    assert cancel(request(), by=EMPLOYEE, at=AT, reason=None, by_owner=True).status is LeaveStatus.CANCELLED


def test_nobody_decides_about_their_own_leave():
    with pytest.raises(Forbidden):
        consider(request(supervisor_nip=EMPLOYEE), Verdict.APPROVED, by=EMPLOYEE, at=AT, note=None)
    with pytest.raises(Forbidden):
        decide(request(status=LeaveStatus.PENDING_DECISION), Verdict.APPROVED, by=EMPLOYEE, at=AT, note=None)


def test_letter_numbers():
    fmt = "800.1.11.4/{seq}/{skpd}/{year}"
    assert letter_number(fmt, 7, "DINKES", date(2026, 11, 25)) == "800.1.11.4/7/DINKES/2026"
    assert letter_number("{seq}/CUTI/{month_roman}/{year}", 12, "X", date(2026, 11, 2)) == "12/CUTI/XI/2026"
    assert check_number_format(fmt) == fmt
    for bad in ("800/{skpd}/{year}", "{seq}/{nama}", "{seq!r}", "{seq:>5}", "{seq", ""):
        with pytest.raises(ValidationError):
            check_number_format(bad)


# -- the profile: employment status and TMT -----------------------------------------------------------------


def test_profile_carries_employment_status_and_tmt():
    from chalicelib.domain.accounts import Employee
    from chalicelib.domain.identity import TimeZone
    from chalicelib.domain.roster import draft_from_mapping, map_header, row_to_mapping

    row = {
        "nip": MAN,
        "name": "Ani",
        "jabatan": "Perawat",
        "satker_id": "PKM",
        "whatsapp": "081234567890",
        "timezone": "WIB",
    }
    header = map_header(
        ["NIP", "Nama", "Jabatan", "Kode Satker", "WhatsApp", "Zona Waktu", "Status Kepegawaian", "TMT"]
    )
    cells = [MAN, "Ani", "Perawat", "PKM", "081234567890", "WIB", "pppk", datetime(2021, 4, 1)]
    draft = draft_from_mapping(row_to_mapping(header, cells), skpd_id="DINKES")
    assert (draft.employment_status, draft.tmt) == (EmploymentStatus.PPPK, date(2021, 4, 1))
    unknown = draft_from_mapping(row, skpd_id="DINKES")
    assert (unknown.employment_status, unknown.tmt) == (None, None)
    for change, code in (
        ({"employment_status": "HONORER"}, "INVALID_EMPLOYMENT_STATUS"),
        ({"tmt": "1-4-2021"}, "INVALID_DATE"),
    ):
        with pytest.raises(ValidationError) as refused:
            draft_from_mapping({**row, **change}, skpd_id="DINKES")
        assert refused.value.code == code
    person = Employee(MAN, "Ani", "Perawat", "DINKES", "PKM", "6281234567890", TimeZone.WIB)
    assert person.employment is EmploymentStatus.PNS  # unknown: PNS
    assert person.service_start == date(2010, 1, 1)  # unknown: the TMT in the NIP (digits 9-14)
