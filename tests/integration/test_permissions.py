"""Permission requests (izin, issue 20) over HTTP: each kind requested and listed, the domain's refusals, the
supervisor's queue and inbox, who may decide (a stranger: 403; the employee, even holding the supervisor's
delegation: SELF_DECISION), approval and rejection with their history, withdrawal, who may read one, and the
DynamoDB requests of each route staying constant as permissions accumulate."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from chalicelib.domain.workdays import is_working_day
from tests.integration.test_request_counts import _measure, dynamodb_calls  # noqa: F401 - the fixture
from tests.support import decide, queue, today_wib

REASON = "Mengantar anak berobat ke puskesmas"


def working_day(after: int) -> date:
    """The first working day (no weekend or national holiday) at least ``after`` days from today."""
    day = today_wib() + timedelta(days=after)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def weekend_day() -> date:
    day = today_wib() + timedelta(days=1)
    while day.weekday() != 5:
        day += timedelta(days=1)
    return day


def body(kind: str, day: date, **extra) -> dict:
    return {"kind": kind, "date": str(day), "reason": REASON, **extra}


@pytest.fixture
def team(http, factory):
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="Atasan Uji")
    staff = factory.employee(skpd, supervisor=boss, name="Dewi Uji")
    stranger = factory.employee(skpd, name="Atasan Lain")
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Petugas Kepegawaian Uji")
    nips = {"boss": boss, "staff": staff, "stranger": stranger, "hr": hr}
    return {**nips, "tokens": {role: http.login(nip) for role, nip in nips.items()}}


def ask(http, token: str, payload: dict, expected: int = 201) -> dict:
    status, answer = http.call("POST", "/permissions", payload, token=token)
    assert status == expected, answer
    return answer


def test_each_kind_is_asked_for_and_listed_newest_first(http, team):
    staff = team["tokens"]["staff"]
    first = working_day(1)
    second = working_day((first - today_wib()).days + 1)
    late = ask(http, staff, body("IZIN_TERLAMBAT", first))
    early = ask(http, staff, body("IZIN_PULANG_CEPAT", first))
    out = ask(http, staff, body("IZIN_KELUAR_KANTOR", first, start="09:00", end="11:00"))
    absent = ask(http, staff, body("IZIN_TIDAK_MASUK", second, reason="  Menghadiri pemakaman kerabat  "))
    assert (late["status"], late["status_label"], late["kind_label"]) == ("SUBMITTED", "Diajukan", "Izin terlambat")
    assert late["reference"].startswith(f"IZN/{today_wib().year}/") and late["reference"] != early["reference"]
    assert (out["start"], out["end"], late["start"]) == ("09:00", "11:00", None)
    assert absent["reason"] == "Menghadiri pemakaman kerabat" and late["supervisor_nip"] == team["boss"]
    assert late["permission_id"].startswith(f"{team['staff']}.{first}.") and late["version"] == 1

    status, page = http.call("GET", "/permissions", token=staff)
    assert status == 200 and page["items"][0]["permission_id"] == absent["permission_id"]
    assert {p["permission_id"] for p in page["items"][1:]} == {x["permission_id"] for x in (late, early, out)}
    status, page = http.call("GET", "/permissions?limit=2", token=staff)
    assert len(page["items"]) == 2 and page["next_cursor"]
    status, rest = http.call("GET", f"/permissions?limit=2&cursor={page['next_cursor']}", token=staff)
    assert status == 200 and len(rest["items"]) == 2
    assert http.call("GET", f"/permissions?from={second}", token=staff)[1]["items"] == [page["items"][0]]


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        (lambda: body("IZIN_TERLAMBAT", working_day(1), start="09:00", end="10:00"), 400, "RANGE_NOT_ALLOWED"),
        (lambda: body("IZIN_KELUAR_KANTOR", working_day(1)), 400, "RANGE_REQUIRED"),
        (lambda: body("IZIN_KELUAR_KANTOR", working_day(1), start="11:00", end="09:00"), 400, "INVALID_TIME_RANGE"),
        (lambda: body("IZIN_KELUAR_KANTOR", working_day(1), start="06:00", end="09:00"), 422, "OUTSIDE_WORKING_HOURS"),
        (lambda: body("IZIN_TIDAK_MASUK", today_wib() - timedelta(days=8)), 422, "DATE_TOO_OLD"),
        (lambda: body("IZIN_TIDAK_MASUK", today_wib() + timedelta(days=31)), 422, "DATE_TOO_FAR"),
        (lambda: body("IZIN_PULANG_CEPAT", weekend_day()), 422, "NOT_A_WORKING_DAY"),
        (lambda: body("IZIN_PULANG_CEPAT", working_day(1), reason="Sakit"), 400, "INVALID_REASON"),
        (lambda: body("IZIN_CUTI", working_day(1)), 400, "INVALID_PERMISSION_KIND"),
    ],
)
def test_a_request_the_rules_refuse_stores_nothing(http, team, payload, status, code):
    refused = ask(http, team["tokens"]["staff"], payload(), status)
    assert refused["code"] == code and refused["message"]
    assert http.call("GET", "/permissions", token=team["tokens"]["staff"])[1]["items"] == []


def test_one_live_permission_per_day_and_kind_and_none_beside_a_day_off(http, team):
    staff, day = team["tokens"]["staff"], working_day(1)
    early = ask(http, staff, body("IZIN_PULANG_CEPAT", day))
    duplicate = ask(http, staff, body("IZIN_PULANG_CEPAT", day), 409)
    assert duplicate["code"] == "PERMISSION_DUPLICATE" and early["reference"] in duplicate["message"]
    assert ask(http, staff, body("IZIN_TIDAK_MASUK", day), 409)["code"] == "PERMISSION_DUPLICATE"
    # withdrawn, it no longer holds the day
    path = f"/permissions/{early['permission_id']}"
    status, withdrawn = http.call("DELETE", f"{path}?version=1", token=staff)
    assert status == 200 and (withdrawn["status"], withdrawn["status_label"]) == ("WITHDRAWN", "Ditarik")
    assert http.call("DELETE", f"{path}?version=2", token=staff)[1]["code"] == "PERMISSION_DECIDED"
    ask(http, staff, body("IZIN_TIDAK_MASUK", day))


def test_the_supervisor_approves_from_the_queue_and_the_employee_sees_it(http, team):
    tokens = team["tokens"]
    day = working_day(1)
    asked = ask(http, tokens["staff"], body("IZIN_KELUAR_KANTOR", day, start="09:00", end="11:00"))
    pid = asked["permission_id"]

    inbox = http.call("GET", "/me/inbox", token=tokens["boss"])[1]
    assert {"kind": "permission", "label": "Izin", "count": 1, "delegated": []} in inbox["kinds"]
    status, waiting = queue(http, tokens["boss"], "permission")
    assert status == 200 and waiting["count"] == 1 and waiting["label"] == "Izin"
    (item,) = waiting["items"]
    assert (item["id"], item["title"], item["verdicts"]) == (pid, "Izin keluar kantor", ["APPROVE", "REJECT"])
    lines = {line["label"]: line["value"] for line in item["summary"]}
    assert lines["Jam"] == "09.00–11.00 WIB" and lines["Alasan"] == REASON and lines["Nomor"] == asked["reference"]
    assert item["employee"]["name"] == "Dewi Uji"

    stranger = decide(http, tokens["stranger"], "permission", pid, "APPROVE")
    assert (stranger[0], stranger[1]["code"]) == (403, "FORBIDDEN")
    assert decide(http, tokens["boss"], "permission", pid, "REJECT")[1]["code"] == "NOTE_REQUIRED"
    status, decided = decide(http, tokens["boss"], "permission", pid, "APPROVE", version=1)
    assert status == 200 and (decided["status"], decided["verdicts"]) == ("APPROVED", [])
    assert decide(http, tokens["boss"], "permission", pid, "APPROVE")[1]["code"] == "ALREADY_DECIDED"
    assert queue(http, tokens["boss"], "permission")[1]["count"] == 0

    status, seen = http.call("GET", f"/permissions/{pid}", token=tokens["staff"])
    assert status == 200 and (seen["status"], seen["status_label"], seen["decided_by"]) == (
        "APPROVED",
        "Disetujui",
        team["boss"],
    )
    assert seen["history"][-1]["changes"]["status"] == ["SUBMITTED", "APPROVED"]
    # HR of the SKPD reads it; someone else does not; the employee can no longer withdraw it
    assert http.call("GET", f"/permissions/{pid}", token=tokens["hr"])[0] == 200
    assert http.call("GET", f"/permissions/{pid}", token=tokens["stranger"])[1]["code"] == "FORBIDDEN"
    assert http.call("DELETE", f"/permissions/{pid}?version=2", token=tokens["staff"])[0] == 409
    assert http.call("GET", f"/permissions/{team['staff']}.{day}.000000000000", token=tokens["staff"])[0] == 404


def test_a_rejection_keeps_its_note_and_the_employee_never_decides_their_own(http, team):
    tokens = team["tokens"]
    asked = ask(http, tokens["staff"], body("IZIN_TERLAMBAT", working_day(1)))
    pid = asked["permission_id"]
    # the employee holding the supervisor's delegation still cannot decide their own permission
    today = today_wib()
    delegation = {"delegate_nip": team["staff"], "start_date": str(today), "end_date": str(today), "reason": "Dinas"}
    assert http.call("POST", "/delegations", delegation, token=tokens["boss"])[0] == 201
    own = decide(http, tokens["staff"], "permission", pid, "APPROVE")
    assert (own[0], own[1]["code"]) == (403, "SELF_DECISION")

    status, rejected = decide(http, tokens["boss"], "permission", pid, "REJECT", note="Rapat pimpinan pagi itu")
    assert status == 200 and rejected["status"] == "REJECTED"
    seen = http.call("GET", f"/permissions/{pid}", token=tokens["staff"])[1]
    assert (seen["status_label"], seen["note"]) == ("Ditolak", "Rapat pimpinan pagi itu")
    assert seen["history"][-1]["changes"]["note"] == [None, "Rapat pimpinan pagi itu"]


def test_requests_per_route_stay_constant_as_permissions_accumulate(http, team, dynamodb_calls):  # noqa: F811
    tokens, staff = team["tokens"], team["tokens"]["staff"]
    days = [working_day(n) for n in range(1, 30)]
    days = sorted(set(days))

    def routes(day: date) -> dict:
        asked: dict = {}

        def create():
            status, answer = http.call("POST", "/permissions", body("IZIN_PULANG_CEPAT", day), token=staff)
            asked.update(answer)
            return status, answer

        return {
            "request": create,
            "list": lambda: http.call("GET", "/permissions?limit=20", token=staff),
            "get": lambda: http.call("GET", f"/permissions/{asked['permission_id']}", token=staff),
            "queue": lambda: queue(http, tokens["boss"], "permission", limit=20),
            "decide": lambda: decide(http, tokens["boss"], "permission", asked["permission_id"], "APPROVE"),
        }

    small = {name: _measure(dynamodb_calls, action) for name, action in routes(days[0]).items()}
    for day in days[2:12]:
        ask(http, staff, body("IZIN_TERLAMBAT", day))
    large = {name: _measure(dynamodb_calls, action) for name, action in routes(days[1]).items()}
    assert small == large
    # the token check, the stored working hours (satker's and SKPD's), the holiday changes, the day's
    # permissions, the reference's number, the put
    assert sum(large["request"].values()) <= 7
    assert large["get"] == {"GetItem": 2}


class PermissionStream:
    """The `permissions` table's stream as DynamoDB Local produced it, delivered to the real handler."""

    def __init__(self) -> None:
        import boto3

        from chalicelib.config import settings
        from chalicelib.integrations.aws import client
        from devtools.streams import StreamReader

        cfg = settings()
        arn = client("dynamodb").describe_table(TableName=cfg.table("permissions"))["Table"]["LatestStreamArn"]
        streams = boto3.client("dynamodbstreams", endpoint_url=cfg.dynamodb_endpoint, region_name=cfg.region)
        self.reader = StreamReader(streams, arn)

    def deliver(self, records: list[dict]) -> dict:
        from chalice.local import LambdaContext

        from chalicelib.handlers.streams import permission_changes

        return permission_changes({"Records": records}, LambdaContext("permission_changes", 512))

    def drain(self) -> list[dict]:
        records = self.reader.read()
        if records:
            assert self.deliver(records) == {"batchItemFailures": []}
        return records


@pytest.fixture(scope="module")
def stream(stack) -> PermissionStream:
    found = PermissionStream()
    found.reader.read()  # start after what earlier tests wrote
    return found


def test_the_employee_is_told_the_decision_once(http, team, stream):
    from chalicelib.domain.messages import indonesian_date
    from chalicelib.store.employees import DynamoEmployeeRepository
    from tests.support import outbox_for

    tokens, day = team["tokens"], working_day(1)
    whatsapp = DynamoEmployeeRepository().get(team["staff"]).whatsapp
    approved = ask(http, tokens["staff"], body("IZIN_PULANG_CEPAT", day))
    rejected = ask(http, tokens["staff"], body("IZIN_TERLAMBAT", day))
    withdrawn = ask(http, tokens["staff"], body("IZIN_KELUAR_KANTOR", day, start="09:00", end="10:00"))
    stream.drain()
    assert outbox_for(whatsapp) == []  # a request tells the employee nothing

    decide(http, tokens["boss"], "permission", approved["permission_id"], "APPROVE")
    decide(http, tokens["boss"], "permission", rejected["permission_id"], "REJECT", note="Ada apel pagi")
    http.call("DELETE", f"/permissions/{withdrawn['permission_id']}?version=1", token=tokens["staff"])
    records = stream.drain()
    assert len(records) == 3
    assert stream.deliver(records) == {"batchItemFailures": []}  # delivered again: nothing more is sent
    when = indonesian_date(day)
    assert sorted(m.text for m in outbox_for(whatsapp)) == [
        f"Halo Dewi Uji, izin pulang cepat Anda ({approved['reference']}) untuk {when} disetujui oleh Atasan Uji.",
        f"Halo Dewi Uji, izin terlambat Anda ({rejected['reference']}) untuk {when} ditolak oleh Atasan Uji."
        "\nCatatan: Ada apel pagi",
    ]
