"""DynamoDB requests per API route: a small constant that does not grow with the data stored."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import botocore.client
import pytest

from tests.support import attend, report_body, today_wib


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
    token = http.login(nip)
    today = today_wib()
    for back in range(7):
        attend(nip, today - timedelta(days=back))

    def routes(slot: int):
        body = report_body(today, f"{slot:02d}:00", f"{slot:02d}:30")
        created = {}

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
    assert large["create report"] == {"GetItem": 2, "TransactWriteItems": 1}
    assert large["get report"] == {"GetItem": 2}
    # the month, the admin's holiday changes, and the employee's leave days (one item: the calendar shows leave)
    assert large["calendar"] == {"GetItem": 2, "Query": 2}
    assert sum(large["list reports"].values()) <= 3
    # a filter that matches nothing reads at most MAX_LIST_REQUESTS pages, however many reports exist
    assert small[filtered] == {"GetItem": 1, "Query": 1} and large[filtered] == {"GetItem": 1, "Query": 4}
    assert large["me"] == {"GetItem": 2, "Query": 1}
