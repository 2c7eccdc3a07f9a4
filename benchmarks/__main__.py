"""Run every benchmark: `python -m benchmarks`."""

from . import api_latency, auto_approval, cold_start, exports, load_model, reminder_dispatch

cold_start.main()
print()
api_latency.main()
print()
reminder_dispatch.main()
print()
auto_approval.main()
print()
exports.main()
print()
if load_model.main([]):  # a projection for 6 M ASN crosses a limit
    raise SystemExit(1)
