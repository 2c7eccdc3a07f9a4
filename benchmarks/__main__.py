"""Run every benchmark: `python -m benchmarks`."""

from . import api_latency, cold_start

cold_start.main()
print()
api_latency.main()
