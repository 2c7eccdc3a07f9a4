"""p50 of create-report and list-reports over HTTP against the local stack, next to their own DynamoDB time.

Starts DynamoDB Local (in memory), moto and the local API server on free ports, files reports as one
employee, and holds each route's p50 against the p50 of the time the same requests spent in their own DynamoDB
calls (create: 3 GetItem + 1 Query + 1 TransactWriteItems; list: 1 GetItem + 1 Query), timed as the route makes
them (`devtools/request_timing.py`; over HTTP the dev server reports it in a `Server-Timing` header). Requests of
the same kinds sent separately — a two-item transaction, a bare Query — are printed too: they are smaller than the
route's own, and measured minutes apart they drift with DynamoDB Local's JIT and the machine.

The HTTP client is one keep-alive `http.client` connection, as a browser holds one: `requests` spends ≈0.6 ms of
its own per call in this process (proxy and netrc look-ups, hooks, its cookie jar), which is neither the API's
time nor DynamoDB's; what it would add is printed on its own line. What is left between the HTTP and the
in-process figures is the local dev server (`devtools/api_server.py`: Python's `http.server` parsing the request
and writing the answer, ≈0.3 ms), which API Gateway and Lambda replace in production.
"""

from __future__ import annotations

import http.client
import json
import os
import statistics
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
CREATES = 300
LISTS = 300
WARM_UP = 50  # creates sent before the timed ones


def _p(samples: list[float], q: float) -> float:
    return statistics.quantiles(samples, n=100)[int(q) - 1] if len(samples) > 1 else samples[0]


def _timed(fn, n: int) -> list[float]:
    out = []
    for i in range(n):
        start = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - start) * 1000)
    return out


def _paired(fn, n: int, then=None) -> tuple[list[float], list[float]]:
    """``n`` calls of ``fn``, which returns the DynamoDB milliseconds of its request: (route ms, DynamoDB ms).
    ``then`` runs after each call, outside its time."""
    route, dynamodb = [], []
    for i in range(n):
        start = time.perf_counter()
        spent = fn(i)
        route.append((time.perf_counter() - start) * 1000)
        dynamodb.append(spent)
        if then is not None:
            then()
    return route, dynamodb


def _line(name: str, route: list[float], dynamodb: list[float]) -> str:
    ratio = _p(route, 50) / _p(dynamodb, 50)
    return (
        f"  {name:<13} p50 {_p(route, 50):6.2f} ms  p90 {_p(route, 90):6.2f} ms"
        f"  | its DynamoDB calls p50 {_p(dynamodb, 50):5.2f} ms → {ratio:.2f}x (target ≤ 1.5x)"
    )


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from devtools import request_timing
    from devtools.ephemeral import ephemeral_stack
    from devtools.processes import free_port, spawn, stop, wait_for_port

    with ephemeral_stack("bench") as env:
        from chalicelib.config import settings

        cfg = settings()
        api_port = free_port()
        nip, days = _seed()
        api = spawn(
            [sys.executable, "-m", "devtools.api_server", str(api_port)],
            Path(env["LOGS"]) / "api.log",
            cwd=ROOT,
            env={**os.environ, request_timing.ENV: "1"},
        )
        wait_for_port(api_port, api)
        base = f"http://127.0.0.1:{api_port}"
        session = requests.Session()
        token = session.post(f"{base}/auth/login", json={"username": nip, "password": "Bench-Sandi-2026"}).json()[
            "token"
        ]
        session.headers["Authorization"] = f"Bearer {token}"
        connection = http.client.HTTPConnection("127.0.0.1", api_port)  # kept alive, as a browser keeps it
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

        def call(method: str, path: str, body: dict[str, str] | None, expected: int) -> float:
            """The answer's DynamoDB milliseconds (its `Server-Timing`)."""
            connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
            response = connection.getresponse()
            answer = response.read()
            assert response.status == expected, answer
            return float(response.headers["Server-Timing"].split("dur=")[1].split(";")[0])

        def create(i: int) -> float:
            return call("POST", "/reports", _report_body(days, i), 201)

        def list_reports(_: int) -> float:
            return call("GET", "/reports?limit=20", None, 200)

        def list_with_requests(_: int) -> None:
            response = session.get(f"{base}/reports?limit=20")
            assert response.status_code == 200, response.text

        # warm-up: DynamoDB Local's JIT and the server's first imports, with the requests timed below (else whatever
        # is timed first pays them: create p50 +4-8 ms); their slots lie past those of the timed creates
        _dynamodb_baseline(cfg, nip, days[0])
        _timed(list_reports, 20)
        _timed(lambda i: create(2 * CREATES + i), WARM_UP)
        create_ms, create_ddb = _paired(create, CREATES)
        list_ms, list_ddb = _paired(list_reports, LISTS)
        requests_ms = _timed(list_with_requests, LISTS // 3)
        connection.close()
        stop(api)  # (PR_SET_PDEATHSIG ends it too if we fail before this line)
        local_create, local_list = _in_process(token, days)
        get_ms, transact_ms, query_ms = _dynamodb_baseline(cfg, nip, days[0])

    # what a create asks of DynamoDB (tests/integration/test_request_counts.py): the employee, the day's attendance
    # and the SKPD's RHK setting (GetItem ×3), the coach's look at the week before (Query), the report (transaction)
    create_kinds = 3 * get_ms + query_ms + transact_ms
    list_kinds = get_ms + query_ms
    print(
        f"API latency over HTTP (local API server, one keep-alive connection; {CREATES} creates / {LISTS} lists,"
        " one employee)"
    )
    print(_line("create report", create_ms, create_ddb))
    print(_line("list reports", list_ms, list_ddb))
    print(
        f"  (the same lists through `requests`: p50 {_p(requests_ms, 50):6.2f} ms, the client's own"
        f" {_p(requests_ms, 50) - _p(list_ms, 50):+.2f} ms; not counted above)"
    )
    print("  the same in-process (Chalice's local gateway calling the app as a Lambda would: no dev HTTP server)")
    print(_line("create report", *local_create))
    print(_line("list reports", *local_list[:2]))
    print(
        f"  (the list's own DynamoDB calls sent again directly after each list: p50 {_p(local_list[2], 50):.2f} ms,"
        f" in the route {_p(local_list[1], 50):.2f} ms)"
    )
    print(
        f"  requests of the same kinds sent apart (p50): GetItem {get_ms:.2f} ms, TransactWriteItems {transact_ms:.2f}"
        f" ms (two small items), Query {query_ms:.2f} ms → create {create_kinds:.2f} ms, list {list_kinds:.2f} ms"
    )


def _report_body(days: list, i: int) -> dict[str, str]:
    """The ``i``-th report: a 4-minute slot of its own (day ``i % 7``, from 06.00 in steps of 5 minutes)."""
    day, slot = days[i % len(days)], i // len(days)
    start = 6 * 60 + slot * 5
    return {
        "date": str(day),
        "start_time": f"{start // 60:02d}:{start % 60:02d}",
        "end_time": f"{(start + 4) // 60:02d}:{(start + 4) % 60:02d}",
        "title": f"Kegiatan {i}",
        "description": "Menyusun bahan rapat dan mencatat hasilnya.",
        "output": "Notulen",
    }


def _in_process(token: str, days: list) -> tuple[tuple[list[float], list[float]], tuple[list[float], ...]]:
    """Create and list samples through `chalice.local.LocalGateway` in this process: the app's request path
    (authorizer, route, services, stores, botocore) without the dev server's HTTP parsing and access log. After each
    list, its own DynamoDB calls (recorded once) are sent again directly: a check of the in-route timing."""
    from chalice.config import Config
    from chalice.local import LocalGateway

    from app import app
    from devtools import request_timing

    request_timing.install()
    gateway = LocalGateway(app, Config())
    headers = {"content-type": "application/json", "authorization": f"Bearer {token}", "host": "bench"}

    def handle(method: str, path: str, body: bytes, expected: int) -> float:
        request_timing.start()
        answer = gateway.handle_request(method, path, headers, body)
        assert answer["statusCode"] == expected, answer["body"]
        return request_timing.spent()[0]

    def create(i: int) -> float:
        body = json.dumps(_report_body(days, CREATES + i)).encode()  # slots the HTTP run left free
        return handle("POST", "/reports", body, 201)

    def list_reports(_: int) -> float:
        return handle("GET", "/reports?limit=20", b"", 200)

    _timed(list_reports, 20)  # warm-up (and the first request's imports)
    with request_timing.recording() as list_calls:
        list_reports(0)
    replayed: list[float] = []
    creates = _paired(create, CREATES)
    lists = _paired(list_reports, LISTS, then=lambda: replayed.append(request_timing.replay(list_calls)))
    return creates, (*lists, replayed)


def _seed() -> tuple[str, list]:
    from chalicelib.domain.accounts import Employee
    from chalicelib.domain.identity import TimeZone
    from chalicelib.domain.organisation import Satker, Skpd
    from chalicelib.security.passwords import hash_password
    from chalicelib.services import container
    from chalicelib.store.attendance import DynamoAttendanceRepository
    from chalicelib.store.employees import DynamoEmployeeRepository
    from chalicelib.store.organisation import DynamoOrgRepository
    from devtools.demo import today_in_wib

    container.accounts()  # binds the models
    DynamoOrgRepository().save_skpd(Skpd("BENCH", "Dinas Uji Kinerja", TimeZone.WIB))
    DynamoOrgRepository().save_satker(Satker("BENCH", "S-1", "Satker Uji", TimeZone.WIB))
    nip = "198001012005011001"
    DynamoEmployeeRepository().add(
        Employee(
            nip,
            "Pegawai Uji",
            "Analis",
            "BENCH",
            "S-1",
            "6281100009999",
            TimeZone.WIB,
            supervisor_nip=None,
            password_hash=hash_password("Bench-Sandi-2026"),
            must_change_password=False,
        )
    )
    today = today_in_wib()
    days = [today - timedelta(days=back) for back in range(7)]
    from datetime import time as clock

    for day in days:
        DynamoAttendanceRepository().upsert_sync(nip, day, clock(7, 0), clock(16, 0), ("BENCH", "S-1"))
    return nip, days


def _dynamodb_baseline(cfg, nip: str, day) -> tuple[float, float, float]:
    """p50 of the same kinds of requests, sent directly with boto3."""
    from chalicelib.integrations.aws import client

    ddb = client("dynamodb")
    employees, attendance, reports = cfg.table("employees"), cfg.table("attendance"), cfg.table("reports")
    get_ms = _timed(lambda _: ddb.get_item(TableName=employees, Key={"nip": {"S": nip}}, ConsistentRead=True), 300)

    def transact(i: int) -> None:
        rid = uuid.uuid4().hex
        ddb.transact_write_items(
            TransactItems=[
                {
                    "Put": {
                        "TableName": reports,
                        "Item": {"report_id": {"S": rid}, "nip": {"S": nip}, "version": {"N": "1"}},
                        "ConditionExpression": "attribute_not_exists(report_id)",
                    }
                },
                {
                    "Update": {
                        "TableName": attendance,
                        "Key": {"nip": {"S": nip}, "day": {"S": str(day)}},
                        "UpdateExpression": "SET bench = :v",
                        "ExpressionAttributeValues": {":v": {"N": str(i)}},
                        "ConditionExpression": "attribute_exists(nip)",
                    }
                },
            ]
        )

    transact_ms = _timed(transact, 300)
    query_ms = _timed(
        lambda _: ddb.query(
            TableName=reports,
            IndexName="by_owner",
            KeyConditionExpression="owner_nip = :n",
            ExpressionAttributeValues={":n": {"S": nip}},
            ScanIndexForward=False,
            Limit=20,
        ),
        300,
    )
    return _p(get_ms, 50), _p(transact_ms, 50), _p(query_ms, 50)


if __name__ == "__main__":
    main()
