"""SKP and quarterly-assessment notifications over HTTP, from the records DynamoDB Local's `skp` stream really
produced, shaped as Lambda delivers them (`devtools.streams`, as the local runner does) and handed to the real
handler `skp_changes`: each step tells the next person once, however often the stream delivers it; the penilai's
e-mail goes through the notifications queue (moto's SQS) to the real worker."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest

from tests.integration.test_skp import ok, target
from tests.support import decide, outbox_for, unique


class SkpStream:
    """The `skp` table's stream as DynamoDB Local produced it, delivered to the real handler; then the
    notifications queue, where the handler queued the penilai's e-mail, delivered to the real worker."""

    def __init__(self) -> None:
        import boto3

        from app import app
        from chalicelib.config import settings
        from chalicelib.integrations.aws import client
        from devtools.runner import LocalRunner
        from devtools.streams import StreamReader

        cfg = settings()
        arn = client("dynamodb").describe_table(TableName=cfg.table("skp"))["Table"]["LatestStreamArn"]
        streams = boto3.client("dynamodbstreams", endpoint_url=cfg.dynamodb_endpoint, region_name=cfg.region)
        self.reader = StreamReader(streams, arn)
        self.runner = LocalRunner(app, cfg, client("dynamodb"), streams, client("s3"), client("sqs"), log=print)

    def deliver(self, records: list[dict[str, Any]]) -> dict[str, Any]:
        from chalice.local import LambdaContext

        from chalicelib.handlers.streams import skp_changes

        return skp_changes({"Records": records}, LambdaContext("skp_changes", 512))

    def drain(self) -> list[dict[str, Any]]:
        records = self.reader.read()
        if records:
            assert self.deliver(records) == {"batchItemFailures": []}
        self.runner.deliver_queue()
        return records


@pytest.fixture(scope="module")
def stream(stack) -> SkpStream:
    found = SkpStream()
    found.reader.read()  # start after what earlier modules wrote
    return found


@pytest.fixture
def office(http, factory):
    skpd = factory.skpd()
    email = f"penilai{unique()}@example.go.id"
    boss = factory.employee(skpd, name="Ir. Hadi Penilai", email=email)
    staff = factory.employee(skpd, supervisor=boss, name="Sari Pegawai")
    people = {"boss": boss, "staff": staff}
    return {**people, "email": email, "tokens": {role: http.login(nip) for role, nip in people.items()}}


def whatsapp_of(nip: str) -> str:
    from chalicelib.store.employees import DynamoEmployeeRepository

    return DynamoEmployeeRepository().get(nip).whatsapp


def texts(nip: str) -> list[str]:
    return [m.text for m in reversed(outbox_for(whatsapp_of(nip)))]  # oldest first


def emails_to(stack, address: str) -> list[dict[str, Any]]:
    with urllib.request.urlopen(f"{stack['SES_ENDPOINT']}/moto-api/data.json") as response:
        stored = json.load(response)["ses"]["Message"]
    values = stored.values() if isinstance(stored, dict) else stored
    return [m for m in values if address in json.dumps(m)]


def mine(records: list[dict[str, Any]], skp_id: str) -> list[dict[str, Any]]:
    return [r for r in records if r["dynamodb"]["Keys"]["skp_id"]["S"] == skp_id]


def test_every_skp_and_assessment_step_tells_the_next_person_once(http, office, stream, stack):
    t, year = office["tokens"], 2026
    stream.drain()

    # a draft and its edits tell nobody
    skp = ok(http.call("POST", "/skp", {"year": year}, token=t["staff"]), 201)
    sid = skp["skp_id"]
    body = {"targets": [target("Menyusun laporan keuangan")], "version": skp["version"]}
    skp = ok(http.call("PUT", f"/skp/{sid}", body, token=t["staff"]))
    assert [r["eventName"] for r in mine(stream.drain(), sid)] == ["INSERT", "MODIFY"]
    assert texts(office["boss"]) == [] and texts(office["staff"]) == []

    # submitted → the penilai, by WhatsApp and by e-mail; the same records again send nothing more
    skp = ok(http.call("POST", f"/skp/{sid}/submit", {"version": skp["version"]}, token=t["staff"]))
    records = stream.drain()
    assert records and records[0]["dynamodb"]["StreamViewType"] == "NEW_AND_OLD_IMAGES"
    assert records[0]["eventSourceARN"] == stream.reader.stream_arn
    assert texts(office["boss"]) == [
        f"Halo Ir. Hadi Penilai, Sari Pegawai mengajukan SKP {year} untuk disetujui. Silakan tinjau, lalu setujui "
        "atau kembalikan dengan catatan di http://kinerja.test/persetujuan?jenis=skp."
    ]
    assert stream.deliver(records) == {"batchItemFailures": []}
    stream.runner.deliver_queue()
    assert len(texts(office["boss"])) == 1
    [mail] = emails_to(stack, office["email"])
    assert f"SKP {year} Sari Pegawai menunggu persetujuan Anda" in json.dumps(mail)

    # returned with a note → the employee
    note = "Tambahkan indikator waktu penyelesaian"
    ok(decide(http, t["boss"], "skp", sid, "REJECT", note=note, version=skp["version"]))
    returned = stream.drain()
    assert texts(office["staff"]) == [
        f"Halo Sari Pegawai, SKP {year} Anda dikembalikan oleh Ir. Hadi Penilai untuk diperbaiki.\nCatatan: {note}\n"
        "Silakan perbaiki lalu ajukan kembali di http://kinerja.test/skp."
    ]
    assert stream.deliver(returned) == {"batchItemFailures": []}
    assert len(texts(office["staff"])) == 1

    # submitted again → the penilai again (a new event); approved → the employee; the V# snapshot: nothing
    skp = ok(http.call("GET", f"/skp?year={year}", token=t["staff"]))
    skp = ok(http.call("POST", f"/skp/{sid}/submit", {"version": skp["version"]}, token=t["staff"]))
    stream.drain()
    assert len(texts(office["boss"])) == 2
    ok(decide(http, t["boss"], "skp", sid, "APPROVE", version=skp["version"]))
    approved = mine(stream.drain(), sid)
    assert sorted(r["dynamodb"]["Keys"]["item"]["S"] for r in approved) == ["SKP", "V#00001"]
    assert texts(office["staff"])[-1] == (
        f"Halo Sari Pegawai, SKP {year} Anda telah disetujui oleh Ir. Hadi Penilai. RHK di dalamnya kini dapat "
        "dipilih pada laporan kegiatan. Lihat SKP Anda di http://kinerja.test/skp."
    )
    assert len(texts(office["staff"])) == 2 and len(texts(office["boss"])) == 2

    # a quarter assessed → the employee, once (the penilai's correction before the acknowledgement: nothing more)
    rhk = ok(http.call("GET", f"/skp?year={year}", token=t["staff"]))["approved_targets"][0]["rhk_id"]
    rating = {
        "results": "DI_ATAS_EKSPEKTASI",
        "behaviour": "SESUAI_EKSPEKTASI",
        "realisations": [{"rhk_id": rhk, "indicator": 0, "value": "3 dokumen"}],
    }
    first = ok(http.call("PUT", f"/skp/{sid}/quarters/1/assessment", rating, token=t["boss"]))
    assessed = stream.drain()
    assert texts(office["staff"])[-1] == (
        f"Halo Sari Pegawai, penilaian triwulan I {year} atas SKP Anda telah diisi oleh Ir. Hadi Penilai; predikat "
        "kinerja: Baik. Silakan baca dan konfirmasi di http://kinerja.test/persetujuan?jenis=penilaian-triwulan."
    )
    assert stream.deliver(assessed) == {"batchItemFailures": []}
    corrected = {**rating, "behaviour": "DI_ATAS_EKSPEKTASI", "version": first["version"]}
    q1 = ok(http.call("PUT", f"/skp/{sid}/quarters/1/assessment", corrected, token=t["boss"]))
    stream.drain()
    assert len(texts(office["staff"])) == 3

    # acknowledged → the penilai, short; the fourth quarter's closes the SKP of the year and says so
    ok(decide(http, t["staff"], "assessment_ack", q1["id"], "APPROVE", version=q1["version"]))
    acknowledged = stream.drain()
    assert texts(office["boss"])[-1] == (
        f"Halo Ir. Hadi Penilai, Sari Pegawai telah membaca dan mengonfirmasi penilaian triwulan I {year}. "
        "Lihat di http://kinerja.test/skp/staf."
    )
    assert stream.deliver(acknowledged) == {"batchItemFailures": []}
    assert len(texts(office["boss"])) == 3
    q4 = ok(http.call("PUT", f"/skp/{sid}/quarters/4/assessment", rating, token=t["boss"]))
    stream.drain()
    ok(decide(http, t["staff"], "assessment_ack", q4["id"], "APPROVE", version=q4["version"]))
    closing = mine(stream.drain(), sid)
    assert sorted(r["dynamodb"]["Keys"]["item"]["S"] for r in closing) == ["Q#4", "SKP"]  # one transaction
    assert ok(http.call("GET", f"/skp?year={year}", token=t["staff"]))["status"] == "CLOSED"
    assert texts(office["boss"])[-1] == (
        f"Halo Ir. Hadi Penilai, Sari Pegawai telah membaca dan mengonfirmasi penilaian triwulan IV {year}. Dengan "
        f"itu SKP {year} Sari Pegawai selesai dinilai dan ditutup. Lihat di http://kinerja.test/skp/staf."
    )
    assert stream.deliver(closing) == {"batchItemFailures": []}
    assert len(texts(office["boss"])) == 4 and len(texts(office["staff"])) == 4
    assert len(emails_to(stack, office["email"])) == 2  # the two submissions only
