"""The WhatsApp HTTP clients against a local server that records what it received."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import pytest

from chalicelib.integrations.whatsapp import CloudApiSender, FonnteSender, WhatsAppError

from .http_stub import JsonServer


class Recorder:
    """A loopback provider answering from a script of (status, body) and recording each request."""

    def __init__(self, answers: list[tuple[int, dict]]) -> None:
        self.answers, self.requests = list(answers), []
        self._server = JsonServer(self._respond)
        self.url = self._server.url

    def _respond(self, method: str, path: str, headers: dict[str, str], body: str) -> tuple[int, dict]:
        self.requests.append({"path": path, "headers": headers, "body": body})
        return self.answers.pop(0) if self.answers else (200, {})

    def close(self) -> None:
        self._server.close()


@pytest.fixture
def recorder_factory():
    made = []

    def make(answers):
        made.append(Recorder(answers))
        return made[-1]

    yield make
    for recorder in made:
        recorder.close()


def test_fonnte_posts_the_form_with_the_token(recorder_factory):
    server = recorder_factory([(200, {"status": True, "id": ["80367170"], "process": "pending"})])
    sender = FonnteSender("rahasia-token", f"{server.url}/send")
    assert sender.send("6281234567890", "Halo Dewi") == "80367170"
    [request] = server.requests
    assert request["path"] == "/send" and request["headers"]["Authorization"] == "rahasia-token"
    assert parse_qs(request["body"]) == {"target": ["6281234567890"], "message": ["Halo Dewi"], "countryCode": ["62"]}


def test_fonnte_refusal_is_an_error(recorder_factory):
    server = recorder_factory([(200, {"status": False, "reason": "invalid token"})])
    with pytest.raises(WhatsAppError, match="invalid token"):
        FonnteSender("salah", f"{server.url}/send").send("6281234567890", "x")


def test_server_errors_are_retried_then_succeed(recorder_factory):
    server = recorder_factory([(503, {}), (502, {}), (200, {"status": True, "id": ["1"]})])
    assert FonnteSender("t", f"{server.url}/send").send("6281234567890", "x") == "1"
    assert len(server.requests) == 3


def test_persistent_server_errors_give_up(recorder_factory):
    server = recorder_factory([(500, {})] * 10)
    with pytest.raises(WhatsAppError, match="HTTP 500"):
        FonnteSender("t", f"{server.url}/send").send("6281234567890", "x")
    assert len(server.requests) == 4  # first try + 3 retries


def test_cloud_api_sends_a_text_message_with_bearer_token(recorder_factory):
    server = recorder_factory([(200, {"messaging_product": "whatsapp", "messages": [{"id": "wamid.ABC"}]})])
    sender = CloudApiSender("token-xyz", "1234567890", f"{server.url}/v21.0")
    assert sender.send("6281234567890", "Pengingat laporan") == "wamid.ABC"
    [request] = server.requests
    assert request["path"] == "/v21.0/1234567890/messages"
    assert request["headers"]["Authorization"] == "Bearer token-xyz"
    body = json.loads(request["body"])
    assert body["to"] == "6281234567890" and body["type"] == "text" and body["text"]["body"] == "Pengingat laporan"


def test_cloud_api_client_errors_are_not_retried(recorder_factory):
    server = recorder_factory([(400, {"error": {"message": "bad"}})])
    with pytest.raises(WhatsAppError, match="HTTP 400"):
        CloudApiSender("t", "1", server.url).send("6281234567890", "x")
    assert len(server.requests) == 1


def test_unreachable_provider_is_an_error():
    from devtools.processes import free_port

    with pytest.raises(WhatsAppError, match="unreachable"):
        FonnteSender("t", f"http://127.0.0.1:{free_port()}/send").send("6281234567890", "x")
