"""What lets a reminder slot drain in time (issue 21, README "Load model"): the notification worker takes one
message a call — a page is one step of its shard's chain, and a call holding pages of ten chains one after another
would make each wait for the other nine — with the memory (and so CPU) the load model counts on, and every
connection pool a page's parallel sends share holds at least as many connections as there are sends."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _sqs_sources():
    import app

    return {s.name: s for s in app.app.event_sources if type(s).__name__ == "SQSEventConfig"}


def test_the_notification_worker_takes_one_message_a_call():
    from chalicelib.handlers.notification_jobs import BATCH_SIZE

    assert BATCH_SIZE == 1
    assert _sqs_sources()["notification_worker"].batch_size == BATCH_SIZE


def test_the_notification_worker_has_the_memory_the_load_model_counts_on():
    from benchmarks.load_projection import Nation

    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    worker = config["stages"]["prod"]["lambda_functions"]["notification_worker"]
    assert worker["lambda_memory_size"] == 1024 == Nation.of_code().memory_mb
    assert "lambda_timeout" not in worker  # the 30 s every function has, which the model's lines use


def test_connection_pools_hold_a_pages_parallel_sends():
    from chalicelib.integrations.aws import _config
    from chalicelib.integrations.http import http_session
    from chalicelib.services.reminders import SEND_WORKERS
    from chalicelib.store.models import MAX_POOL_CONNECTIONS, ReportItem, _connection

    assert ReportItem.Meta.max_pool_connections == MAX_POOL_CONNECTIONS >= SEND_WORKERS
    assert _connection("ap-southeast-3", "http://localhost:1")._max_pool_connections >= SEND_WORKERS
    assert _config("dynamodb").max_pool_connections >= SEND_WORKERS
    assert _config("s3").max_pool_connections >= SEND_WORKERS
    session = http_session()
    assert all(adapter._pool_maxsize >= SEND_WORKERS for adapter in session.adapters.values())
