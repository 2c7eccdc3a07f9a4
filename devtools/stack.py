"""`make run`: the whole system on this machine, no AWS account.

DynamoDB Local (data kept in .local/dynamodb), moto's S3/SES server, the Chalice API on
http://127.0.0.1:8000, the web client (`web/dist`, built by `make run`) on http://127.0.0.1:8003,
and the local runner (streams, schedules, S3 imports, outbox).
Ctrl-C stops everything it started.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time

from .processes import ROOT, spawn, start_dynamodb, start_moto, stop, wait_for_port

LOCAL = ROOT / ".local"
API_PORT = int(os.environ.get("KINERJA_API_PORT", "8000"))
DYNAMODB_PORT = int(os.environ.get("KINERJA_DYNAMODB_PORT", "8001"))
MOTO_PORT = int(os.environ.get("KINERJA_MOTO_PORT", "8002"))
WEB_PORT = int(os.environ.get("KINERJA_WEB_PORT", "8003"))


def local_environment() -> dict[str, str]:
    """Environment shared by the API process and the runner."""
    LOCAL.mkdir(exist_ok=True)
    secret_file = LOCAL / "secret"
    if not secret_file.exists():
        secret_file.write_text(secrets.token_urlsafe(48))
        secret_file.chmod(0o600)
    return {
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_REGION": "ap-southeast-3",
        "AWS_DEFAULT_REGION": "ap-southeast-3",
        "KINERJA_STAGE": "local",
        "KINERJA_SECRET": secret_file.read_text().strip(),
        "DYNAMODB_ENDPOINT": f"http://127.0.0.1:{DYNAMODB_PORT}",
        "S3_ENDPOINT": f"http://127.0.0.1:{MOTO_PORT}",
        "SES_ENDPOINT": f"http://127.0.0.1:{MOTO_PORT}",
        "SQS_ENDPOINT": f"http://127.0.0.1:{MOTO_PORT}",
        "TABLE_PREFIX": "kinerja-local-",
        "BUCKET_NAME": "kinerja-local",
        "WHATSAPP_PROVIDER": os.environ.get("WHATSAPP_PROVIDER", "outbox"),
        "APP_URL": f"http://127.0.0.1:{WEB_PORT}",
        "API_URL": f"http://127.0.0.1:{API_PORT}",
        "WEB_ORIGIN": os.environ.get("WEB_ORIGIN", f"http://127.0.0.1:{WEB_PORT}"),
        "POWERTOOLS_LOG_LEVEL": "WARNING",
    }


def main() -> int:
    os.environ.update(local_environment())
    processes: list[subprocess.Popen] = []
    stopping = False

    def on_signal(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        print(f"DynamoDB Local on :{DYNAMODB_PORT} (data in .local/dynamodb), moto S3/SES/SQS on :{MOTO_PORT} …")
        processes.append(start_dynamodb(DYNAMODB_PORT, LOCAL / "dynamodb", LOCAL / "dynamodb.log"))
        processes.append(start_moto(MOTO_PORT, LOCAL / "moto.log"))

        from chalicelib.config import reset_settings, settings
        from chalicelib.integrations.aws import client
        from chalicelib.services import container

        from .demo import DEMO_AUTHENTICATOR_SECRET, load_demo_data
        from .provision import provision

        created, queue_urls = provision(settings(), client("dynamodb"), client("s3"), client("ses"), client("sqs"))
        os.environ.update(queue_urls)
        reset_settings()
        cfg = settings()
        print(f"tables created: {', '.join(created) or 'none (already there)'}")
        container.accounts()  # binds the models
        print("demo data loaded" if load_demo_data() else "demo data already present")
        print(f"demo officers (admin, operator, HR): authenticator secret {DEMO_AUTHENTICATOR_SECRET} (README)")

        api = spawn([sys.executable, "-m", "devtools.api_server", str(API_PORT)], cwd=ROOT)
        processes.append(api)
        wait_for_port(API_PORT, api)
        web = spawn(
            [sys.executable, "-m", "devtools.web_server", str(WEB_PORT), f"http://127.0.0.1:{API_PORT}"], cwd=ROOT
        )
        processes.append(web)
        wait_for_port(WEB_PORT, web)
        print(
            f"\nKinerja web: http://127.0.0.1:{WEB_PORT}  (demo sign-ins: README)\n"
            f"Kinerja API: http://127.0.0.1:{API_PORT}  (OpenAPI: /openapi.json). Ctrl-C stops everything.\n"
        )

        from app import app

        from .runner import LocalRunner, bounded_client

        # The runner's own polls give up on a stalled DynamoDB Local or moto within seconds (see runner.py).
        runner = LocalRunner(
            app,
            cfg,
            client("dynamodb"),
            bounded_client("dynamodbstreams", cfg.dynamodb_endpoint, cfg.region),
            bounded_client("s3", cfg.s3_endpoint, cfg.region),
            bounded_client("sqs", cfg.sqs_endpoint, cfg.region),
            state_path=LOCAL / "runner-state.json",
            echo_whatsapp=True,
        )
        while not stopping:
            if api.poll() is not None or web.poll() is not None:
                print(f"the {'API' if api.poll() is not None else 'web'} process ended; stopping")
                return 1
            runner.tick()
            time.sleep(0.5)
        return 0
    finally:
        print("stopping …")
        stop(*reversed(processes))


if __name__ == "__main__":
    sys.exit(main())
