"""Run every benchmark: `python -m benchmarks`."""

from . import cold_start

cold_start.main()
