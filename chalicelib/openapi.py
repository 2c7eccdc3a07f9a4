"""The OpenAPI 3 document of the HTTP API, served at ``/openapi.json``.

One entry per route in ``OPERATIONS``; a test fails when a Chalice route is missing here or
documented but not served.
"""

from __future__ import annotations

from typing import Any

_S = {"type": "string"}
_I = {"type": "integer"}
_NIP = {"type": "string", "pattern": "^[0-9]{18}$", "example": "198503152010011001"}
_TZ = {"type": "string", "enum": ["WIB", "WITA", "WIT"]}


#: the fields an employee writes in a report
_CONTENT: dict[str, Any] = {
    "date": {"type": "string", "format": "date"},
    "start_time": _S,
    "end_time": _S,
    "title": _S,
    "description": _S,
    "output": _S,
}


def _obj(required: list[str] | None = None, **props: Any) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": props}
    if required:
        schema["required"] = required
    return schema


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _page(item: str) -> dict[str, Any]:
    return _obj(
        ["items"], items={"type": "array", "items": _ref(item)}, next_cursor={"type": "string", "nullable": True}
    )


SCHEMAS: dict[str, Any] = {
    "Error": _obj(
        ["code", "message", "details"],
        code={"type": "string", "example": "VALIDATION_ERROR"},
        message={"type": "string", "description": "Bahasa Indonesia, for people"},
        details={"type": "object"},
    ),
    "LoginRequest": _obj(
        ["username", "password"], username={"type": "string", "description": "NIP or e-mail"}, password=_S
    ),
    "Session": _obj(
        ["token", "token_type", "expires_in", "must_change_password"],
        token=_S,
        token_type={"type": "string", "enum": ["Bearer"]},
        expires_in=_I,
        must_change_password={"type": "boolean", "description": "true: the token may only change the password"},
    ),
    "PasswordChange": _obj(
        ["old_password", "new_password"],
        old_password=_S,
        new_password={"type": "string", "minLength": 8, "maxLength": 128},
    ),
    "Employee": _obj(
        ["nip", "name", "jabatan", "skpd_id", "satker_id", "whatsapp", "timezone", "version"],
        nip=_NIP,
        name=_S,
        jabatan=_S,
        skpd_id=_S,
        satker_id=_S,
        supervisor_nip={**_NIP, "nullable": True},
        whatsapp={"type": "string", "example": "6281234567890"},
        email={"type": "string", "nullable": True},
        timezone=_TZ,
        version=_I,
    ),
    "Profile": {
        "allOf": [
            _ref("Employee"),
            _obj(
                ["roles", "must_change_password"],
                roles={
                    "type": "array",
                    "items": {
                        "type": "string",
                        "enum": ["PEGAWAI", "ATASAN", "OPERATOR_SKPD", "KEPEGAWAIAN", "PENOMORAN", "ADMIN"],
                    },
                },
                must_change_password={"type": "boolean"},
            ),
        ]
    },
    "EmployeeInput": _obj(
        ["nip", "name", "jabatan", "satker_id", "whatsapp", "timezone"],
        nip=_NIP,
        name=_S,
        jabatan=_S,
        skpd_id={"type": "string", "description": "ADMIN only; operators always write to their own SKPD"},
        satker_id=_S,
        supervisor_nip=_NIP,
        whatsapp={"type": "string", "description": "08…, +62… or 62…; stored as 62…"},
        email=_S,
        timezone=_TZ,
    ),
    "EmployeePatch": _obj(
        ["version"],
        name=_S,
        jabatan=_S,
        satker_id=_S,
        supervisor_nip=_NIP,
        whatsapp=_S,
        email=_S,
        timezone=_TZ,
        version=_I,
    ),
    "EmployeePage": _page("Employee"),
    "SupervisorInput": _obj(["supervisor_nip"], supervisor_nip={**_NIP, "nullable": True}),
    "RolesInput": _obj(
        ["roles"],
        roles={
            "type": "array",
            "items": {"type": "string", "enum": ["OPERATOR_SKPD", "KEPEGAWAIAN", "PENOMORAN", "ADMIN"]},
        },
    ),
    "Accepted": _obj(["status"], status=_S, message=_S),
    "Office": _obj(
        ["latitude", "longitude", "radius_m"], latitude={"type": "number"}, longitude={"type": "number"}, radius_m=_I
    ),
    "SkpdInput": _obj(
        ["skpd_id", "name", "timezone"],
        city={"type": "string", "description": "place printed above signatures"},
        skpd_id={"type": "string", "pattern": "^[A-Z0-9][A-Z0-9-]{1,31}$"},
        name=_S,
        timezone=_TZ,
    ),
    "OrgPatch": _obj(
        ["version"], name=_S, timezone=_TZ, city=_S, office={**_ref("Office"), "nullable": True}, version=_I
    ),
    "Skpd": _obj(["skpd_id", "name", "timezone", "version"], skpd_id=_S, name=_S, timezone=_TZ, city=_S, version=_I),
    "SkpdDetail": {"allOf": [_ref("Skpd"), _obj(["satker"], satker={"type": "array", "items": _ref("Satker")})]},
    "SkpdList": _obj(["items"], items={"type": "array", "items": _ref("Skpd")}),
    "SatkerInput": _obj(["satker_id", "name"], satker_id=_S, name=_S, timezone=_TZ, office=_ref("Office")),
    "Satker": _obj(
        ["skpd_id", "satker_id", "name", "timezone", "version"],
        skpd_id=_S,
        satker_id=_S,
        name=_S,
        timezone=_TZ,
        office={**_ref("Office"), "nullable": True},
        version=_I,
    ),
    "RosterUpload": _obj(
        ["filename", "content_base64"],
        filename={"type": "string", "example": "pegawai.xlsx"},
        content_base64={"type": "string", "format": "byte"},
    ),
    "RosterImport": _obj(
        ["import_id", "status"],
        import_id=_S,
        status={"type": "string", "enum": ["PENDING", "DONE", "FAILED"]},
        skpd_id={"type": "string", "nullable": True},
        error=_S,
        totals={"type": "object", "additionalProperties": _I},
        rows={
            "type": "array",
            "items": _obj(
                ["row", "nip", "status"],
                row=_I,
                nip=_S,
                status={"type": "string", "enum": ["created", "updated", "unchanged", "error"]},
                reason=_S,
                code=_S,
            ),
        },
    ),
    "CheckIn": _obj(
        ["session"],
        session={"type": "string", "enum": ["PAGI", "SORE"], "description": "PAGI: check-in, SORE: check-out"},
        latitude={"type": "number"},
        longitude={"type": "number"},
    ),
    "CheckInResult": _obj(
        ["date", "session", "time", "timezone"],
        date={"type": "string", "format": "date"},
        session=_S,
        time={"type": "string", "example": "07:31"},
        timezone=_TZ,
        distance_m={"type": "integer", "nullable": True},
    ),
    "Calendar": _obj(
        ["month", "timezone", "days"],
        month={"type": "string", "example": "2026-11"},
        timezone=_TZ,
        days={
            "type": "array",
            "items": _obj(
                ["date", "weekend", "working_day", "attended", "sources", "reports"],
                date={"type": "string", "format": "date"},
                weekend={"type": "boolean"},
                holiday={"type": "string", "nullable": True, "description": "Indonesian name, incl. cuti bersama"},
                working_day={"type": "boolean"},
                attended={"type": "boolean"},
                sources={"type": "array", "items": {"type": "string", "enum": ["SYNC", "NATIVE", "COMPLAINT"]}},
                check_in={"type": "string", "nullable": True},
                check_out={"type": "string", "nullable": True},
                reports=_obj(None, SUBMITTED=_I, APPROVED=_I, REJECTED=_I),
            ),
        },
    ),
    "ReportInput": _obj(
        ["date", "start_time", "end_time", "title", "description", "output"],
        date={"type": "string", "format": "date"},
        start_time={"type": "string", "example": "08:00"},
        end_time={"type": "string", "example": "09:30"},
        title={"type": "string", "maxLength": 200},
        description={"type": "string", "maxLength": 4000},
        output={"type": "string", "maxLength": 1000},
        template_id={"type": "string", "description": "fills title, description, output; end = start + duration"},
        rhk_id={"type": "string", "nullable": True},
    ),
    "ReportPatch": _obj(["version"], **_CONTENT, rhk_id={"type": "string", "nullable": True}, version=_I),
    "ReportCopy": _obj(None, **_CONTENT),
    "Decision": _obj(
        ["decision", "version"],
        decision={"type": "string", "enum": ["APPROVED", "REJECTED"]},
        rating={"type": "integer", "minimum": 1, "maximum": 5},
        note={"type": "string", "description": "required when REJECTED"},
        version=_I,
    ),
    "Report": _obj(
        ["report_id", "nip", "date", "start_time", "end_time", "title", "description", "output", "status", "version"],
        report_id=_S,
        nip=_S,
        **_CONTENT,
        template_id={"type": "string", "nullable": True},
        rhk_id={"type": "string", "nullable": True},
        status={"type": "string", "enum": ["SUBMITTED", "APPROVED", "REJECTED", "WITHDRAWN"]},
        status_label={"type": "string", "example": "Diajukan"},
        submitted_at={"type": "string", "format": "date-time"},
        supervisor_nip={"type": "string", "nullable": True},
        decided_by={"type": "string", "nullable": True},
        decided_for={"type": "string", "nullable": True},
        decided_at={"type": "string", "nullable": True},
        rating={"type": "integer", "nullable": True},
        note={"type": "string", "nullable": True},
        copied_from={"type": "string", "nullable": True},
        evidence={
            "type": "array",
            "items": _obj(
                ["evidence_id", "filename", "content_type", "size", "url"],
                evidence_id=_S,
                filename=_S,
                content_type=_S,
                size=_I,
                url={"type": "string", "description": "presigned GET, short-lived"},
            ),
        },
        history={
            "type": "array",
            "items": _obj(["at", "by", "action", "changes"], at=_S, by=_S, action=_S, changes={"type": "object"}),
        },
        version=_I,
    ),
    "ReportPage": _page("Report"),
    "EvidenceRequest": _obj(
        ["filename", "content_type", "size"],
        filename=_S,
        content_type={"type": "string", "enum": ["image/jpeg", "image/png", "application/pdf"]},
        size={"type": "integer", "maximum": 2097152},
    ),
    "EvidenceUpload": _obj(
        ["evidence_id", "upload_token", "upload", "expires_in"],
        evidence_id=_S,
        upload_token={"type": "string", "description": "send back to /evidence/confirm after the upload"},
        upload=_obj(["url", "fields"], url=_S, fields={"type": "object"}),
        expires_in=_I,
    ),
    "EvidenceConfirm": _obj(["upload_token"], upload_token=_S),
    "TemplateInput": _obj(
        ["name", "title", "description", "output", "duration_minutes"],
        name=_S,
        title=_S,
        description=_S,
        output=_S,
        duration_minutes={"type": "integer", "minimum": 5, "maximum": 720},
    ),
    "TemplatePatch": _obj(["version"], name=_S, title=_S, description=_S, output=_S, duration_minutes=_I, version=_I),
    "Template": _obj(
        ["template_id", "name", "title", "description", "output", "duration_minutes", "version"],
        template_id=_S,
        name=_S,
        title=_S,
        description=_S,
        output=_S,
        duration_minutes=_I,
        version=_I,
    ),
    "TemplateList": _obj(["items"], items={"type": "array", "items": _ref("Template")}),
    "Queue": _obj(
        ["supervisor_nip", "count", "items"],
        supervisor_nip={"type": "string", "description": "whose queue: the caller, or a supervisor who delegated"},
        count={"type": "integer", "description": "how many wait in all"},
        items={
            "type": "array",
            "items": {
                "allOf": [
                    _ref("Report"),
                    _obj(["employee"], employee=_obj(["nip"], nip=_S, name=_S, jabatan=_S)),
                ]
            },
        },
        next_cursor={"type": "string", "nullable": True},
    ),
    "QueueSummary": _obj(
        ["queues"],
        queues={
            "type": "array",
            "items": _obj(
                ["supervisor_nip", "count", "delegated"], supervisor_nip=_S, count=_I, delegated={"type": "boolean"}
            ),
        },
    ),
    "BulkApprove": _obj(
        ["report_ids"],
        report_ids={"type": "array", "maxItems": 50, "items": _S},
        rating={"type": "integer", "minimum": 1, "maximum": 5},
        note=_S,
    ),
    "BulkResult": _obj(
        ["approved", "failed", "results"],
        approved=_I,
        failed=_I,
        results={
            "type": "array",
            "items": _obj(
                ["report_id", "status"],
                report_id=_S,
                status={"type": "string", "enum": ["APPROVED", "ERROR"]},
                code=_S,
                message=_S,
                version=_I,
            ),
        },
    ),
    "DelegationInput": _obj(
        ["delegate_nip", "start_date", "end_date"],
        delegate_nip=_NIP,
        delegator_nip=_NIP,  # ADMIN only: delegate on a supervisor's behalf (may cross SKPD)
        start_date={"type": "string", "format": "date"},
        end_date={"type": "string", "format": "date"},
        reason=_S,
    ),
    "Delegation": _obj(
        ["delegation_id", "delegator_nip", "delegate_nip", "start_date", "end_date"],
        delegation_id=_S,
        delegator_nip=_S,
        delegate_nip=_S,
        start_date=_S,
        end_date=_S,
        reason=_S,
        created_by=_S,
    ),
    "AuditEvent": _obj(
        ["event_id", "at", "kind", "by", "details"],
        event_id=_S,
        at={"type": "string", "format": "date-time"},
        kind={
            "type": "string",
            "enum": ["DELEGATION_GIVEN", "DELEGATION_RECEIVED", "DELEGATION_ENDED", "SUPERVISOR_CROSS_SKPD"],
        },
        by=_S,
        details={"type": "object"},
    ),
    "AuditPage": _page("AuditEvent"),
    "Delegations": _obj(
        ["given", "held"],
        given={"type": "array", "items": _ref("Delegation")},
        held={"type": "array", "items": _ref("Delegation")},
    ),
    "Reminder": _obj(
        ["enabled", "frequency", "time", "timezone"],
        enabled={"type": "boolean"},
        frequency={"type": "string", "enum": ["DAILY", "WEEKLY", "MONTHLY"]},
        time={"type": "string", "example": "16:00", "description": "HH:MM in the employee's zone, 5-minute steps"},
        timezone=_TZ,
        weekday={"type": "integer", "minimum": 1, "maximum": 7, "nullable": True, "description": "WEEKLY: 1 = Monday"},
        day_of_month={"type": "integer", "minimum": 1, "maximum": 31, "nullable": True},
    ),
    "HolidayChange": _obj(["action"], action={"type": "string", "enum": ["ADD", "REMOVE"]}, name=_S),
    "HolidayYear": _obj(
        ["year", "days"],
        year=_I,
        days={
            "type": "array",
            "items": _obj(
                ["date"],
                date=_S,
                national={"type": "string", "nullable": True},
                holiday={"type": "string", "nullable": True},
                override={"type": "boolean"},
            ),
        },
    ),
    "ExportRequest": _obj(
        ["kind", "format", "period"],
        kind={"type": "string", "enum": ["reports", "recap"]},
        format={"type": "string", "enum": ["pdf", "xlsx"]},
        period={"type": "string", "enum": ["day", "week", "month", "range"]},
        date={"type": "string", "format": "date", "description": "day, week (Monday-Sunday of it)"},
        month={"type": "string", "example": "2026-11"},
        to={"type": "string", "format": "date"},
        **{"from": {"type": "string", "format": "date"}},
        status={"type": "string", "enum": ["ALL", "SUBMITTED", "APPROVED", "REJECTED"]},
        scope=_obj(
            ["type"],
            type={"type": "string", "enum": ["subordinates", "satker", "skpd"]},
            skpd_id=_S,
            satker_id=_S,
        ),
    ),
    "ExportJob": _obj(
        ["job_id", "status"],
        job_id=_S,
        status={"type": "string", "enum": ["PENDING", "DONE", "FAILED"]},
        request={"type": "object"},
        error={"type": "string", "nullable": True},
        url={"type": "string", "description": "presigned GET of the file, when DONE"},
        expires_in=_I,
    ),
    "ExportPreview": _obj(
        ["period", "status", "rows", "totals"],
        period=_obj(
            ["first", "last", "label"], first=_S, last=_S, label={"type": "string", "example": "November 2026"}
        ),
        status=_S,
        rows={"type": "array", "items": {"type": "object"}},
        totals={"type": "object"},
    ),
    "OutboxList": _obj(
        ["items"],
        items={
            "type": "array",
            "items": _obj(
                ["message_id", "recipient", "text", "sent_at"],
                message_id=_S,
                recipient=_S,
                text=_S,
                sent_at={"type": "string", "format": "date-time"},
            ),
        },
    ),
}

# (method, path): (tag, summary, request schema or None, success status, response schema or None, public)
OPERATIONS: dict[tuple[str, str], tuple[str, str, str | None, int, str | None, bool]] = {
    ("GET", "/openapi.json"): ("meta", "This document", None, 200, None, True),
    ("POST", "/auth/login"): ("auth", "Sign in with NIP or e-mail and password", "LoginRequest", 200, "Session", True),
    ("POST", "/auth/logout"): ("auth", "End every session of the caller", None, 204, None, False),
    ("POST", "/auth/password"): (
        "auth",
        "Change the password (the only route a temporary-password session may use)",
        "PasswordChange",
        200,
        "Session",
        False,
    ),
    ("GET", "/me"): ("auth", "The caller's profile and roles", None, 200, "Profile", False),
    ("POST", "/employees"): (
        "employees",
        "Create an account in the operator's SKPD; the temporary password goes by WhatsApp",
        "EmployeeInput",
        201,
        "Profile",
        False,
    ),
    ("GET", "/employees"): (
        "employees",
        "Employees of an SKPD (query skpd_id for ADMIN, satker_id, cursor, limit)",
        None,
        200,
        "EmployeePage",
        False,
    ),
    ("GET", "/employees/{nip}"): (
        "employees",
        "A profile (self, supervisor, SKPD operator/HR, admin)",
        None,
        200,
        "Profile",
        False,
    ),
    ("PATCH", "/employees/{nip}"): (
        "employees",
        "Edit a profile (operator of the SKPD); version required",
        "EmployeePatch",
        200,
        "Profile",
        False,
    ),
    ("PUT", "/employees/{nip}/supervisor"): (
        "employees",
        "Set or clear the direct supervisor",
        "SupervisorInput",
        200,
        "Profile",
        False,
    ),
    ("POST", "/employees/{nip}/password-reset"): (
        "employees",
        "New temporary password by WhatsApp; all sessions end",
        None,
        202,
        "Accepted",
        False,
    ),
    ("PUT", "/employees/{nip}/roles"): ("employees", "Grant roles (ADMIN)", "RolesInput", 200, "Profile", False),
    ("GET", "/employees/{nip}/subordinates"): (
        "employees",
        "Direct subordinates (cursor, limit)",
        None,
        200,
        "EmployeePage",
        False,
    ),
    ("GET", "/employees/{nip}/history"): (
        "employees",
        "Authority trail: delegations given, received, ended; supervisors across SKPD (cursor, limit)",
        None,
        200,
        "AuditPage",
        False,
    ),
    ("POST", "/skpd"): ("organisation", "Create an SKPD (ADMIN)", "SkpdInput", 201, "Skpd", False),
    ("GET", "/skpd"): ("organisation", "All SKPD (ADMIN)", None, 200, "SkpdList", False),
    ("GET", "/skpd/{skpd_id}"): (
        "organisation",
        "An SKPD with its satker (members and ADMIN)",
        None,
        200,
        "SkpdDetail",
        False,
    ),
    ("PATCH", "/skpd/{skpd_id}"): ("organisation", "Edit an SKPD (ADMIN)", "OrgPatch", 200, "Skpd", False),
    ("POST", "/skpd/{skpd_id}/satker"): (
        "organisation",
        "Create a satker (ADMIN)",
        "SatkerInput",
        201,
        "Satker",
        False,
    ),
    ("PATCH", "/skpd/{skpd_id}/satker/{satker_id}"): (
        "organisation",
        "Edit a satker, its office location and radius (ADMIN)",
        "OrgPatch",
        200,
        "Satker",
        False,
    ),
    ("POST", "/roster-imports"): (
        "roster",
        "Upload a CSV/XLSX roster (≤ 2 MB) to import",
        "RosterUpload",
        202,
        "RosterImport",
        False,
    ),
    ("GET", "/roster-imports/{import_id}"): (
        "roster",
        "The per-row report of an import, or PENDING",
        None,
        200,
        "RosterImport",
        False,
    ),
    ("POST", "/attendance/check-in"): (
        "attendance",
        "Native check-in (PAGI) or check-out (SORE), within the office radius",
        "CheckIn",
        201,
        "CheckInResult",
        False,
    ),
    ("GET", "/attendance/calendar"): (
        "attendance",
        "A month (query month=YYYY-MM): attendance, holidays, reports per status",
        None,
        200,
        "Calendar",
        False,
    ),
    ("POST", "/reports"): (
        "reports",
        "File a daily report (needs attendance that day)",
        "ReportInput",
        201,
        "Report",
        False,
    ),
    ("GET", "/reports"): (
        "reports",
        "Own reports newest first (query status, from, to, q, cursor, limit)",
        None,
        200,
        "ReportPage",
        False,
    ),
    ("GET", "/reports/{report_id}"): (
        "reports",
        "One report with evidence links and history (owner, supervisor)",
        None,
        200,
        "Report",
        False,
    ),
    ("PATCH", "/reports/{report_id}"): (
        "reports",
        "Edit a SUBMITTED report; version required",
        "ReportPatch",
        200,
        "Report",
        False,
    ),
    ("DELETE", "/reports/{report_id}"): (
        "reports",
        "Withdraw a SUBMITTED report (query version)",
        None,
        200,
        "Report",
        False,
    ),
    ("POST", "/reports/{report_id}/copy"): (
        "reports",
        "Copy a REJECTED report into a new submission",
        "ReportCopy",
        201,
        "Report",
        False,
    ),
    ("POST", "/reports/{report_id}/decision"): (
        "reports",
        "Approve or reject (the report's supervisor)",
        "Decision",
        200,
        "Report",
        False,
    ),
    ("POST", "/reports/{report_id}/evidence"): (
        "reports",
        "Presigned S3 POST for one evidence file (JPEG/PNG/PDF ≤ 2 MB, ≤ 5)",
        "EvidenceRequest",
        201,
        "EvidenceUpload",
        False,
    ),
    ("POST", "/reports/{report_id}/evidence/confirm"): (
        "reports",
        "Check the uploaded file's content and attach it",
        "EvidenceConfirm",
        200,
        "Report",
        False,
    ),
    ("DELETE", "/reports/{report_id}/evidence/{evidence_id}"): (
        "reports",
        "Remove an evidence file",
        None,
        200,
        "Report",
        False,
    ),
    ("GET", "/verification/queue"): (
        "verification",
        "SUBMITTED reports waiting for the caller, oldest first (query for=<delegator NIP>, cursor, limit)",
        None,
        200,
        "Queue",
        False,
    ),
    ("GET", "/verification/summary"): (
        "verification",
        "How many wait for the caller and each delegated queue",
        None,
        200,
        "QueueSummary",
        False,
    ),
    ("POST", "/verification/bulk-approve"): (
        "verification",
        "Approve many; each succeeds or says why not",
        "BulkApprove",
        200,
        "BulkResult",
        False,
    ),
    ("POST", "/delegations"): (
        "verification",
        "Delegate verification to another employee for a date range",
        "DelegationInput",
        201,
        "Delegation",
        False,
    ),
    ("GET", "/delegations"): ("verification", "Delegations given and held", None, 200, "Delegations", False),
    ("DELETE", "/delegations/{delegation_id}"): ("verification", "Revoke a delegation", None, 204, None, False),
    ("GET", "/email-actions/{token}"): (
        "verification",
        "Confirmation page of an e-mailed approve/reject link (text/html; changes nothing)",
        None,
        200,
        None,
        True,
    ),
    ("POST", "/email-actions/{token}"): (
        "verification",
        "Carry out an e-mailed link once (form: rating, note; text/html)",
        None,
        200,
        None,
        True,
    ),
    ("POST", "/templates"): ("templates", "Create a template", "TemplateInput", 201, "Template", False),
    ("GET", "/templates"): ("templates", "Own templates", None, 200, "TemplateList", False),
    ("GET", "/templates/{template_id}"): ("templates", "One template", None, 200, "Template", False),
    ("PATCH", "/templates/{template_id}"): (
        "templates",
        "Edit a template; version required",
        "TemplatePatch",
        200,
        "Template",
        False,
    ),
    ("DELETE", "/templates/{template_id}"): ("templates", "Delete a template (query version)", None, 204, None, False),
    ("GET", "/exports/preview"): (
        "exports",
        "Own reports of a period as rows and totals (query period, date/month/from/to, status)",
        None,
        200,
        "ExportPreview",
        False,
    ),
    ("POST", "/exports"): (
        "exports",
        "Start a PDF/Excel export job (own reports, or a recap in scope)",
        "ExportRequest",
        202,
        "ExportJob",
        False,
    ),
    ("GET", "/exports/{job_id}"): (
        "exports",
        "An export job: status, error, and the download link when done",
        None,
        200,
        "ExportJob",
        False,
    ),
    ("GET", "/me/reminder"): ("reminders", "The caller's reminder settings", None, 200, "Reminder", False),
    ("PUT", "/me/reminder"): (
        "reminders",
        "Set reminder: on/off, DAILY / WEEKLY / MONTHLY, time",
        "Reminder",
        200,
        "Reminder",
        False,
    ),
    ("GET", "/admin/holidays"): (
        "admin",
        "Holidays of a year (query year) with the admin's changes",
        None,
        200,
        "HolidayYear",
        False,
    ),
    ("PUT", "/admin/holidays/{day}"): (
        "admin",
        "Add a holiday or make a national one a working day",
        "HolidayChange",
        200,
        None,
        False,
    ),
    ("DELETE", "/admin/holidays/{day}"): ("admin", "Undo the admin's change of a date", None, 204, None, False),
    ("GET", "/admin/outbox"): (
        "admin",
        "WhatsApp messages recorded by the outbox provider (query recipient or day)",
        None,
        200,
        "OutboxList",
        False,
    ),
}

_ERRORS = {
    "400": "Invalid input (VALIDATION_ERROR, INVALID_JSON, INVALID_TYPE, …)",
    "401": "Missing, invalid, expired or revoked token",
    "403": "Role or scope does not allow it; PASSWORD_CHANGE_REQUIRED",
    "404": "Not found",
    "409": "CONFLICT: changed by someone else (stale version); REPORT_LOCKED; already exists",
    "413": "Body too large",
    "422": "Business rule refused it (ATTENDANCE_REQUIRED, DATE_IN_FUTURE, DATE_TOO_OLD, REPORT_OVERLAP, …)",
    "429": "ACCOUNT_LOCKED after repeated failed sign-ins",
}


def document(server_url: str | None = None) -> dict[str, Any]:
    """Build the OpenAPI document."""
    paths: dict[str, dict[str, Any]] = {}
    for (method, path), (tag, summary, request, status, response, public) in OPERATIONS.items():
        operation: dict[str, Any] = {"tags": [tag], "summary": summary, "operationId": f"{method.lower()}_{path}"}
        params = [p.strip("{}") for p in path.split("/") if p.startswith("{")]
        if params:
            operation["parameters"] = [{"name": p, "in": "path", "required": True, "schema": _S} for p in params]
        if request:
            operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": _ref(request)}}}
        ok: dict[str, Any] = {"description": "OK"}
        if response:
            ok["content"] = {"application/json": {"schema": _ref(response)}}
        error = {"content": {"application/json": {"schema": _ref("Error")}}}
        operation["responses"] = {
            str(status): ok,
            **{code: {"description": text, **error} for code, text in _ERRORS.items()},
        }
        if not public:
            operation["security"] = [{"bearer": []}]
        paths.setdefault(path, {})[method.lower()] = operation
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Kinerja API",
            "version": "1.0.0",
            "description": "Daily activity reports and HR paperwork of Indonesian civil servants (ASN). "
            "Error messages are in Bahasa Indonesia.",
        },
        "servers": [{"url": server_url or "/"}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
            "schemas": SCHEMAS,
        },
        "paths": paths,
    }
