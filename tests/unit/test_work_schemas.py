"""The daily work's request models: what they refuse (with the codes clients know), what they hand the services
(dates, times, trimmed texts, domain enums), and what the OpenAPI document says is required."""

from __future__ import annotations

from datetime import date, time

import pytest

from chalicelib.domain.attendance import Session
from chalicelib.domain.errors import ValidationError
from chalicelib.domain.exports import ExportFormat, ExportKind, PeriodKind, ScopeKind
from chalicelib.domain.reminders import Frequency
from chalicelib.domain.workdays import HolidayAction
from tests.support import payload


def _code(model: str, data: dict) -> str:
    with pytest.raises(ValidationError) as refused:
        payload(model, data)
    return refused.value.code


def test_a_report_arrives_as_dates_times_and_trimmed_texts():
    read = payload(
        "ReportInput",
        {"date": "2026-03-10", "start_time": "08:00", "title": "  Rapat  ", "rhk_id": "  ", "template_id": "t" * 32},
    )
    assert read.sent() == {"day": date(2026, 3, 10), "start": time(8), "title": "Rapat", "rhk_id": None} | {
        "template_id": "t" * 32
    }
    for data, code in (
        ({"start_time": "08:00"}, "REQUIRED"),  # a date always, a template or not
        ({"date": "2026-03-10"}, "REQUIRED"),
        ({"date": "2026-02-30", "start_time": "08:00"}, "INVALID_DATE"),
        ({"date": "2026-03-10", "start_time": "25:00"}, "INVALID_TIME"),
        ({"date": "2026-03-10", "start_time": "08:00", "title": "   "}, "REQUIRED"),
        ({"date": "2026-03-10", "start_time": "08:00", "title": 7}, "INVALID_TYPE"),
        ({"date": "2026-03-10", "start_time": "08:00", "output": "x" * 1001}, "TOO_LONG"),
    ):
        assert _code("ReportInput", data) == code, data


def test_a_patch_needs_the_version_last_read():
    assert payload("ReportPatch", {"title": "Baru", "version": 2}).sent() == {"title": "Baru"}
    for model in ("ReportPatch", "TemplatePatch"):
        assert _code(model, {"title": "Baru"}) == "VERSION_REQUIRED"
        assert _code(model, {"title": "Baru", "version": None}) == "VERSION_REQUIRED"
        assert _code(model, {"title": "Baru", "version": "1"}) == "INVALID_TYPE"
        assert _code(model, {"title": "Baru", "version": 0}) == "OUT_OF_RANGE"


def test_a_template_is_created_with_every_field_and_changed_by_the_fields_sent():
    full = {"name": " Poli ", "title": "Pelayanan", "description": "Melayani.", "output": "Terlayani"}
    assert payload("TemplateFields", {**full, "duration_minutes": 60}).name == "Poli"
    assert _code("TemplateFields", full) == "REQUIRED"
    assert _code("TemplateFields", {**full, "duration_minutes": 4}) == "INVALID_DURATION"
    assert _code("TemplateFields", {**full, "name": "  ", "duration_minutes": 60}) == "REQUIRED"
    assert payload("TemplatePatch", {"duration_minutes": 30, "version": 1}).model_fields_set == {
        "duration_minutes",
        "version",
    }


def test_enums_arrive_as_domain_members():
    assert payload("CheckIn", {"session": "sore"}).session is Session.SORE
    assert payload("ReminderInput", {"enabled": True, "frequency": "weekly", "time": "16:05"}).frequency is (
        Frequency.WEEKLY
    )
    asked = payload(
        "ExportRequest", {"kind": "RECAP", "format": "xlsx", "period": "month", "scope": {"type": "satker"}}
    )
    assert (asked.kind, asked.format, asked.period, asked.scope.type) == (
        ExportKind.RECAP,
        ExportFormat.XLSX,
        PeriodKind.MONTH,
        ScopeKind.SATKER,
    )
    assert payload("HolidayChange", {"action": "remove"}).action is HolidayAction.REMOVE
    assert payload("HolidayQuery", {"year": "2026"}).year == 2026
    for model, data, code in (
        ("CheckIn", {"session": "SIANG"}, "INVALID_SESSION"),
        ("CheckIn", {"session": "PAGI", "latitude": 91}, "INVALID_LOCATION"),
        ("CheckIn", {"session": "PAGI", "longitude": "1"}, "INVALID_TYPE"),
        ("ReminderInput", {"enabled": True, "frequency": "DAILY", "time": "16:03"}, "INVALID_TIME"),
        ("HolidayQuery", {}, "INVALID_YEAR"),
        ("HolidayQuery", {"year": "1999"}, "INVALID_YEAR"),
        ("HolidayChange", {"action": "MOVE"}, "INVALID_ACTION"),
        ("ExportRequest", {"kind": "reports", "format": "doc", "period": "day"}, "INVALID_FORMAT"),
    ):
        assert _code(model, data) == code, (model, data)


def test_the_document_says_what_a_request_must_hold():
    from app import app  # noqa: F401 - registers the routes
    from chalicelib.openapi import document

    schemas = document()["components"]["schemas"]
    required = {name: schemas[name].get("required", []) for name in schemas}
    assert required["TemplateFields"] == ["name", "title", "description", "output", "duration_minutes"]
    assert required["ReportInput"] == ["date", "start_time"]
    assert "version" in required["ReportPatch"] and "version" in required["TemplatePatch"]
    assert required["ReminderInput"] == ["enabled", "frequency", "time"]
    assert required["DelegationInput"] == ["delegate_nip", "start_date", "end_date"]
    assert required["ExportRequest"] == ["kind", "format", "period"]
