"""Use cases of leave (cuti): apply, consider, decide, number, cancel; queues, lists, balance, the letter.

Who may do what:
- the employee applies for themselves, reads their own requests and balance, cancels while pending;
- the direct supervisor (or whoever holds their delegation) gives consideration;
- the official who grants leave (the SKPD's configured one, else the supervisor's supervisor; or their delegate)
  decides; when the supervisor is that official, their one decision covers both steps;
- ``PENOMORAN`` of the request's SKPD gives the letter its number;
- HR (``KEPEGAWAIAN`` of the SKPD, ``BKD``, admin) lists and exports an SKPD's leave, sets the SKPD's leave
  settings and employees' opening balances, and cancels approved leave (so does the official).

The service is one object (the composition root builds it once; the routes, the decision kinds and the
supervisor moves share it), and its use cases live in modules by who calls them:

- `employee`: the certificate upload, applying, the own list and balance, withdrawing, the letter;
- `approvals`: what the one decision mechanism and a supervisor change need (a request, the letter number,
  moving pending requests);
- `hr`: an SKPD's list and workbook, the leave settings, opening balances and cuti bersama worked;
- `shared`: the parts, reading and who may read, the one write path of a status change, the views, the balance.
"""

from __future__ import annotations

from .approvals import CONSIDERATION, DECISION, ApprovalLeave
from .employee import CERTIFICATE, EmployeeLeave
from .hr import HrLeave
from .shared import status_label


class LeaveService(EmployeeLeave, ApprovalLeave, HrLeave):
    """Every use case of leave, on the parts `LeaveBase` takes."""


__all__ = ["CERTIFICATE", "CONSIDERATION", "DECISION", "LeaveService", "status_label"]
