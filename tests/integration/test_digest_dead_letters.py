"""A supervisor's digest whose e-mail keeps failing, through a real queue (moto's SQS) with the template's
redrive policy, the real queue worker and the real idempotency store (DynamoDB Local): the WhatsApp digest goes
out once however often the message is received; after the template's number of receives the message rests in
the dead-letter queue; moved back (what an SQS redrive does) once SES works again, it sends the e-mail once and
the WhatsApp message not again; moved back twice, nothing more."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from tests.integration.dead_letters import (
    FlakySes,
    count,
    dead_letter_queues,
    deliver_once,
    emails_to,
    exhaust,
    redrive,
)
from tests.support import attend, local_runner, outbox_for, report_body, today_wib, unique


@pytest.fixture
def queues(stack):
    from chalicelib.integrations.aws import client

    yield from dead_letter_queues(client("sqs"), f"digest-{unique()}")


def test_a_digest_whose_email_exhausts_its_retries_is_dead_lettered_and_replayed_once(
    http, factory, stack, queues, services_with
):
    from chalicelib.integrations.aws import client
    from chalicelib.integrations.email import SesEmailSender
    from chalicelib.services import container
    from chalicelib.store.employees import DynamoEmployeeRepository

    skpd = factory.skpd()
    address = f"kabid.dlq{unique()}@example.go.id"
    boss = factory.employee(skpd, name="Kepala Bidang Antrean", email=address)
    staff = factory.employee(skpd, supervisor=boss)
    attend(staff, today_wib())
    assert http.call("POST", "/reports", report_body(today_wib()), token=http.login(staff))[0] == 201
    _report_stream().tick()  # the reports stream schedules the supervisor's digest

    from chalicelib.config import settings

    ses = FlakySes(SesEmailSender(client("ses"), settings().ses_sender))
    later = container.utc_now() + timedelta(minutes=10)
    services = services_with(clock=lambda: later, email=ses)
    assert _dispatch_own(services, boss, queues) == 1
    whatsapp = DynamoEmployeeRepository().get(boss).whatsapp

    # every receive fails on the e-mail; the WhatsApp digest goes out with the first one only
    exhaust(queues, ses, whatsapp, stack, address)

    # SES is back; the dead letter is moved back and delivered: the e-mail once, the WhatsApp message not again
    ses.down = False
    [body] = redrive(queues)
    assert json.loads(body)["kind"] == "digest"
    assert deliver_once(queues) == []
    [mail] = emails_to(stack, address)
    assert "laporan kegiatan menunggu verifikasi" in json.dumps(mail)
    assert len(outbox_for(whatsapp)) == 1
    assert (count(queues, "source"), count(queues, "dead")) == (0, 0)

    # the same message replayed once more (a second redrive of a copy): nothing is sent again
    assert _dispatch_own(services, boss, queues) == 0  # nothing new is due
    queues["sqs"].send_message(QueueUrl=queues["source"], MessageBody=body)
    assert deliver_once(queues) == []
    assert len(emails_to(stack, address)) == 1 and len(outbox_for(whatsapp)) == 1
    assert ses.attempts == queues["receives"] + 1  # the replayed copy did not even try the e-mail


def _dispatch_own(services: Any, boss: str, queues: dict[str, Any]) -> int:
    """Dispatch what is due and put only this supervisor's digest on the test's queue (the table is shared with
    every other test, whose supervisors' digests may be due too)."""
    from chalicelib.integrations.memory import InMemoryQueue
    from chalicelib.integrations.queue import SqsQueue

    due = InMemoryQueue()
    services.digest_sender.dispatch(due)
    own = [m for m in due.take() if m.get("supervisor_nip") == boss]
    return SqsQueue(queues["sqs"], queues["source"]).send_all(own)


def _report_stream() -> Any:
    return local_runner(quiet=True)
