"""`chalice local`, with Nagle's algorithm off on its sockets.

Chalice's dev server writes a response's headers and body in separate small writes; with Nagle
on, the body waits for the client's delayed ACK (~40 ms a request on Linux). That is an artefact
of the dev server, not of the app, so the local stack and the benchmarks turn it off.

Usage: python -m devtools.api_server PORT [STAGE]
"""

from __future__ import annotations

import sys

from chalice.cli import create_local_server
from chalice.cli.factory import CLIFactory
from chalice.local import ChaliceRequestHandler

from .processes import ROOT


def main(port: int, stage: str = "local") -> None:
    ChaliceRequestHandler.disable_nagle_algorithm = True
    server = create_local_server(CLIFactory(project_dir=str(ROOT)), "127.0.0.1", port, stage)
    server.serve_forever()


if __name__ == "__main__":
    main(int(sys.argv[1]), *(sys.argv[2:3]))
