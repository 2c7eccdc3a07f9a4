"""DynamoDB requests per API route: a small constant that does not grow with the data stored."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import botocore.client
import pytest

from tests.support import attend, decide, decide_many, queue, report_body, today_wib


@pytest.fixture
def dynamodb_calls(monkeypatch):
    calls: Counter[str] = Counter()
    real = botocore.client.BaseClient._make_api_call

    def counting(self, operation_name, params):
        if self.meta.service_model.service_name == "dynamodb":
            calls[operation_name] += 1
        return real(self, operation_name, params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", counting)
    return calls


def _measure(calls, action):
    calls.clear()
    status, body = action()
    assert status < 300, body
    return dict(calls)


def test_request_counts_stay_constant_as_data_grows(http, factory, dynamodb_calls):
    skpd = factory.skpd()
    boss = factory.employee(skpd)
    nip = factory.employee(skpd, supervisor=boss)
    token, boss_token = http.login(nip), http.login(boss)
    today = today_wib()
    for back in range(7):
        attend(nip, today - timedelta(days=back))

    def routes(slot: int):
        body = report_body(today, f"{slot:02d}:00", f"{slot:02d}:30")
        created = {}
        # three more to decide: in bulk, and from an e-mailed link (opened, then submitted)
        waiting = [
            http.call(
                "POST",
                "/reports",
                report_body(today, f"{slot + 8:02d}:{m:02d}", f"{slot + 8:02d}:{m + 15:02d}"),
                token=token,
            )[1]
            for m in (0, 20, 40)
        ]
        link = _link_path(waiting[2]["report_id"], boss)

        def create():
            status, report = http.call("POST", "/reports", body, token=token)
            created.update(report)
            return status, report

        return {
            "create report": create,
            "list reports": lambda: http.call("GET", "/reports?limit=20", token=token),
            "list reports (text filter)": lambda: http.call(
                "GET", "/reports?limit=5&q=tidak-ada-yang-cocok", token=token
            ),
            "get report": lambda: http.call("GET", f"/reports/{created['report_id']}", token=token),
            "calendar": lambda: http.call("GET", f"/attendance/calendar?month={today:%Y-%m}", token=token),
            "me": lambda: http.call("GET", "/me", token=token),
            "inbox": lambda: http.call("GET", "/me/inbox", token=boss_token),
            "queue (report)": lambda: queue(http, boss_token, "report", limit=20),
            "decide": lambda: decide(http, boss_token, "report", created["report_id"], "APPROVE", rating=4, version=1),
            "decide many (2)": lambda: decide_many(
                http, boss_token, "report", [r["report_id"] for r in waiting[:2]], "APPROVE"
            ),
            "open decision link": lambda: http.call("GET", link),
            "submit decision link": lambda: http.call(
                "POST", link, raw=b"rating=5&note=Baik", headers={"Content-Type": "application/x-www-form-urlencoded"}
            ),
        }

    small = {name: _measure(dynamodb_calls, action) for name, action in routes(6).items()}
    # grow the data: many more reports for this employee and many other employees' items
    for back in range(1, 7):
        for hour in range(8, 16):
            http.call(
                "POST",
                "/reports",
                report_body(today - timedelta(days=back), f"{hour:02d}:00", f"{hour:02d}:45"),
                token=token,
            )
    for _ in range(5):
        other = factory.employee(skpd, supervisor=boss)
        attend(other, today)
        http.call("POST", "/reports", report_body(today), token=http.login(other))
    large = {name: _measure(dynamodb_calls, action) for name, action in routes(7).items()}

    print("\nDynamoDB requests per route (including the authorizer's GetItem):")
    for name, counts in large.items():
        print(f"  {name:28s} {sum(counts.values())}  {counts}")
    filtered = "list reports (text filter)"
    assert {k: v for k, v in small.items() if k != filtered} == {k: v for k, v in large.items() if k != filtered}
    # the token check, the day, and the SKPD's rhk_required setting (a report naming an RHK reads the SKP instead);
    # the coach's Query of the employee's report of the day before
    assert large["create report"] == {"GetItem": 3, "Query": 1, "TransactWriteItems": 1}
    assert large["get report"] == {"GetItem": 2}
    # the month, the admin's holiday changes, and the employee's leave days (one item: the calendar shows leave);
    # each day's class (issue 20): the satker's and its SKPD's working hours in one batch, the month's permissions
    assert large["calendar"] == {"GetItem": 2, "Query": 3, "BatchGetItem": 1}
    assert sum(large["list reports"].values()) <= 3
    # a filter that matches nothing reads at most MAX_LIST_REQUESTS pages, however many reports exist
    assert small[filtered] == {"GetItem": 1, "Query": 1} and large[filtered] == {"GetItem": 1, "Query": 4}
    assert large["me"] == {"GetItem": 3, "Query": 1}  # the token check, the account, its supervisor's name
    # deciding (docs/verification.md), the same however much waits. The inbox: the delegations held, a COUNT per
    # person kind, whether the caller supervises anyone (nothing waits for leave); the queue: the delegations held,
    # the page, its COUNT, the names; one decision: the report, the delegations held, the write, the name
    # person kinds: report, leave (2), permission, skp, and the caller's own assessments to acknowledge (two years' SKP)
    assert large["inbox"] == {"GetItem": 1, "Query": 9}
    assert large["queue (report)"] == {"GetItem": 1, "Query": 3, "BatchGetItem": 1}
    assert large["decide"] == {"GetItem": 2, "Query": 1, "TransactWriteItems": 1, "BatchGetItem": 1}
    # many: whether the caller verifies at all (delegations held, read once, subordinates), then per item its read
    # and its write
    assert large["decide many (2)"] == {"GetItem": 1 + 2, "Query": 2, "TransactWriteItems": 2}
    # a link: whether it was used, the item, the name; submitting it also reads the decider, decides (the item again,
    # the delegations held, the write), marks the link used and shows the item decided (its name: one batch)
    assert large["open decision link"] == {"GetItem": 2, "BatchGetItem": 1}
    assert large["submit decision link"] == {
        "GetItem": 4,
        "Query": 1,
        "TransactWriteItems": 1,
        "PutItem": 1,
        "BatchGetItem": 1,
    }


def _link_path(report_id: str, supervisor: str) -> str:
    """The path of an e-mailed approval link, as the digest would send it."""
    from chalicelib.domain.decisions import Verdict
    from chalicelib.services import container
    from chalicelib.services.decisions.links import PATH

    url = container.links().link("report", report_id, supervisor, Verdict.APPROVE)
    return PATH + url.split(PATH, 1)[1]


def test_a_check_in_takes_a_few_requests_with_and_without_a_device(http, factory, dynamodb_calls):
    """A check-in (issue 20): the token check; the satker and the SKPD's check-in rules in one BatchGetItem; the
    employee's latest days in one Query (today's: already checked in, rejected by HR; the earlier ones: the previous
    check-in); the device's Query where the SKPD checks devices (its ``last_used_at``: an UpdateItem); and ONE write:
    an UpdateItem, or the check-in with its flag in one TransactWriteItems."""
    from tests.integration.test_device_binding import register, signed

    skpd = factory.skpd()
    hr_token = http.login(factory.employee(skpd, roles=("KEPEGAWAIAN",)))
    rules = {"device_policy": "OFF", "max_speed_kmh": 200, "version": 0}
    status, saved = http.call("PUT", f"/skpd/{skpd[0]}/check-in-rules", rules, token=hr_token)
    assert status == 200, saved
    nip = factory.employee(skpd)
    token = http.login(nip)
    for back in range(1, 10):  # earlier days do not add requests
        attend(nip, today_wib() - timedelta(days=back))
    jakarta, surabaya = {"latitude": -6.2, "longitude": 106.8166}, {"latitude": -7.2575, "longitude": 112.7521}

    def check_in(body, as_token=token):
        return lambda: http.call("POST", "/attendance/check-in", body, token=as_token)

    plain = _measure(dynamodb_calls, check_in({"session": "PAGI", **jakarta}))
    assert plain == {"GetItem": 1, "BatchGetItem": 1, "Query": 1, "UpdateItem": 1}
    flagged = _measure(dynamodb_calls, check_in({"session": "SORE", **surabaya}))  # 660 km at once: flagged
    assert flagged == {"GetItem": 1, "BatchGetItem": 1, "Query": 1, "TransactWriteItems": 1}

    # the SKPD checks devices: the signed check-in reads the device, and marks it used
    rules = {"device_policy": "FLAG", "max_speed_kmh": 200, "version": saved["version"]}
    assert http.call("PUT", f"/skpd/{skpd[0]}/check-in-rules", rules, token=hr_token)[0] == 200
    other = factory.employee(skpd)
    other_token = http.login(other)
    device, private = register(http, other_token, "Ponsel kerja")
    with_device = _measure(dynamodb_calls, check_in(signed(other, device, private), other_token))
    # an unsigned check-out of someone who has an active device: flagged UNKNOWN_DEVICE, in one transaction
    unknown = _measure(dynamodb_calls, check_in({"session": "SORE"}, other_token))
    print("\ncheck-in requests:", plain, flagged, with_device, unknown)
    # the device's Query (one for which signed and whether one is active), its last use: once a day
    assert with_device == {"GetItem": 1, "BatchGetItem": 1, "Query": 2, "UpdateItem": 2}
    assert unknown == {"GetItem": 1, "BatchGetItem": 1, "Query": 2, "TransactWriteItems": 1}
