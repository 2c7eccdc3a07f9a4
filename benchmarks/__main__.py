"""Run every benchmark: `python -m benchmarks`."""

from . import api_latency, auto_approval, cold_start, exports, reminder_dispatch

cold_start.main()
print()
api_latency.main()
print()
reminder_dispatch.main()
print()
auto_approval.main()
print()
exports.main()
