"""Notifications driven by report changes: the employee hears of decisions, the supervisor gets digests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from html import escape
from typing import Any

from ..domain import messages
from ..domain.accounts import Employee
from ..domain.decision_kinds import REPORT
from ..domain.decisions import Verdict
from ..domain.reports import SYSTEM, Report, ReportStatus
from ..integrations import idempotency
from ..integrations.email import EmailSender
from ..integrations.queue import NotificationQueue
from ..integrations.whatsapp import WhatsAppSender
from ..store.protocols import DigestRepository, EmployeeRepository, JobState, ReportRepository
from . import shard_pages
from .decisions.links import DecisionLinks
from .shard_pages import ShardPages

DIGEST_LINES = 10
DIGEST_EMAIL_REPORTS = 20
#: the queue message of one page of a shard of due digests (`DigestSender.handle_page`), and its size
PAGE_KIND = "digest-page"
DIGEST_PAGE = 100


def checkpoint_name(shard: int) -> str:
    """The shard's checkpoint in `job_state` (`services/shard_pages.py`): the run and the last page done."""
    return shard_pages.checkpoint_name(PAGE_KIND, shard)


class ReportNotifications:
    """Reacts to one report change (a stream record); every message goes out once per event."""

    def __init__(
        self,
        employees: EmployeeRepository,
        digests: DigestRepository,
        whatsapp: WhatsAppSender,
        *,
        clock: Callable[[], datetime],
        digest_delay: timedelta,
        digest_interval: timedelta,
        once: idempotency.OnceFactory,
    ) -> None:
        self._employees, self._digests, self._whatsapp = employees, digests, whatsapp
        self._clock, self._delay, self._interval = clock, digest_delay, digest_interval
        self._notify_once = once(self._notify_decision, key_prefix="report-decision", key_path="key", argument="event")

    def register_context(self, context: Any) -> None:
        self._notify_once.register_context(context)

    def on_change(self, old: Report | None, new: Report | None) -> None:
        if new is None:
            return
        submitted_now = new.status is ReportStatus.SUBMITTED and (
            old is None or old.status is not ReportStatus.SUBMITTED or old.supervisor_nip != new.supervisor_nip
        )  # a report moved to a new supervisor (the employee's supervisor changed) waits for them now
        if submitted_now and new.supervisor_nip:
            self._digests.schedule(new.supervisor_nip, self._clock() + self._delay, self._interval)
        decided = (
            old is not None
            and old.status is ReportStatus.SUBMITTED
            and new.status
            in (
                ReportStatus.APPROVED,
                ReportStatus.REJECTED,
            )
        )
        if decided:
            self._notify_once(event={"key": f"{new.report_id}:{new.version}", "report": _event_fields(new)})

    def _notify_decision(self, event: dict[str, Any]) -> dict[str, str]:
        report = event["report"]
        employee = self._employees.get(report["nip"])
        if employee is None:
            return {"status": "no-recipient"}
        day = datetime.fromisoformat(report["day"]).date()
        decider = None
        if report["decided_by"] != SYSTEM:
            person = self._employees.get(report["decided_by"])
            decider = person.name if person else report["decided_by"]
        if report["status"] == ReportStatus.APPROVED.value:
            text = messages.report_approved(employee.name, report["title"], day, decider, report["rating"])
        else:
            text = messages.report_rejected(
                employee.name, report["title"], day, decider or "atasan", report["note"] or ""
            )
        return {"status": "sent", "message_id": self._whatsapp.send(employee.whatsapp, text)}


class DigestSender:
    """Finds supervisors whose digest is due, and sends each one (via the queue) once.

    The WhatsApp message and the e-mail are idempotent steps of their own inside the digest's: when the e-mail
    fails, the message returns to the queue and its retry sends only the e-mail (as `credentials` does).
    """

    def __init__(
        self,
        reports: ReportRepository,
        employees: EmployeeRepository,
        digests: DigestRepository,
        whatsapp: WhatsAppSender,
        email: EmailSender,
        links: DecisionLinks,
        *,
        clock: Callable[[], datetime],
        interval: timedelta,
        app_url: str,
        once: idempotency.OnceFactory,
        state: JobState,
    ) -> None:
        self._reports, self._employees, self._digests = reports, employees, digests
        self._pages = ShardPages(state, PAGE_KIND)
        self._whatsapp, self._email, self._links = whatsapp, email, links
        self._clock, self._interval, self._app_url = clock, interval, app_url
        self._send_once = once(self._send, key_prefix="digest", key_path="key", argument="message")
        self._whatsapp_once = once(
            self._send_whatsapp, key_prefix="digest:whatsapp", key_path="key", argument="message"
        )
        self._email_once = once(self._send_email, key_prefix="digest:email", key_path="key", argument="message")
        self.page_size = DIGEST_PAGE

    def register_context(self, context: Any) -> None:
        for step in (self._send_once, self._whatsapp_once, self._email_once):
            step.register_context(context)

    def dispatch(self, queue: NotificationQueue) -> int:
        """Enqueue one message per supervisor whose digest is due, in one call (its cost grows with those: for
        tools and tests; the schedule runs `fan_out`)."""
        due = self._digests.due(self._clock())
        return queue.send_all([digest_message(key, at, gen) for key, at, gen in due])

    def fan_out(self, queue: NotificationQueue) -> dict[str, int]:
        """The scheduled dispatcher: one page message per shard of the due list, reading nothing, so its work does
        not grow with the digests due (at 16.05 WIB every WIB supervisor's may be: ≈450 k)."""
        now = self._clock().isoformat()
        pages = [
            {"kind": PAGE_KIND, "now": now, "shard": shard, "run": now, "page": 1}
            for shard in range(self._digests.shards)
        ]
        return {"queued": queue.send_all(pages)}

    def handle_page(self, message: dict[str, Any], queue: NotificationQueue) -> dict[str, int]:
        """One page of a shard's due digests: enqueue their messages and the next page's, then checkpoint it.

        Checkpointed per page as the auto-approval sweep is: the message names its run (the schedule's time) and
        page number, and the shard's checkpoint (``digest-page#<shard>`` in `job_state`) keeps the last page done
        of the latest run, so a page delivered again after it was done, or a page of an older run, is dropped
        rather than enqueueing the rest of the shard a second time. A worker that dies after enqueueing but
        before its checkpoint is run again on the same page: its digests send once all the same (`handle`).
        A page message without a run (queued before checkpoints) is paged as it was, without one."""
        shard, run = int(message["shard"]), message.get("run")
        number = int(message.get("page", 1))
        if run is not None and self._pages.superseded(shard, run, number):
            return {"due": 0, "more": False, "superseded": True}
        rows, following = self._digests.due_page(
            shard, datetime.fromisoformat(message["now"]), message.get("after"), self.page_size
        )
        messages = [digest_message(key, at, gen) for key, at, gen in rows]
        if following is not None:
            messages.append({**message, "after": following, **({"page": number + 1} if run is not None else {})})
        queue.send_all(messages)
        if run is not None:
            self._pages.record(shard, run, number, following)
        return {"due": len(rows), "more": following is not None}

    def handle(self, message: dict[str, Any]) -> None:
        self._send_once(message={**message, "key": f"{message['supervisor_nip']}:{message['due_at']}"})

    def _send(self, message: dict[str, Any]) -> dict[str, Any]:
        nip, now = message["supervisor_nip"], self._clock()
        count = self._reports.count_pending(nip)
        supervisor = self._employees.get(nip)
        if count and supervisor is not None:
            pending, _ = self._reports.pending_for(nip, None, DIGEST_EMAIL_REPORTS)
            people = self._employees.many({r.nip for r in pending})
            lines = [
                f"{people[r.nip].name if r.nip in people else r.nip}: {r.content.title} "
                f"({messages.indonesian_date(r.content.day)})"
                for r in pending[:DIGEST_LINES]
            ]
            text = messages.digest_whatsapp(supervisor.name, count, lines, self._app_url)
            self._whatsapp_once(message={"key": f"{message['key']}:whatsapp", "to": supervisor.whatsapp, "text": text})
            if supervisor.email:
                subject, text, html = digest_email(supervisor, count, pending, people, self._links)
                mail = {"to": supervisor.email, "subject": subject, "text": text, "html": html}
                self._email_once(message={"key": f"{message['key']}:email", **mail})
        self._digests.sent(nip, int(message["generation"]), now, now + self._interval)
        return {"status": "sent" if count else "empty", "count": count}

    def _send_whatsapp(self, message: dict[str, Any]) -> dict[str, str]:
        return {"message_id": self._whatsapp.send(message["to"], message["text"])}

    def _send_email(self, message: dict[str, Any]) -> dict[str, str]:
        return {"message_id": self._email.send(message["to"], message["subject"], message["text"], message["html"])}


def digest_message(key: str, due_at: str, generation: int) -> dict[str, Any]:
    """The queue message of a due digest. A supervisor's is keyed by their NIP (kind ``digest``); other digests
    share the table under ``<KIND>#<…>`` keys and go to their own worker (``COMPLAINTS#<skpd>`` →
    ``complaints-digest``)."""
    kind, prefixed, _ = key.partition("#")
    if prefixed:
        return {"kind": f"{kind.lower()}-digest", "digest_key": key, "due_at": due_at, "generation": generation}
    return {"kind": "digest", "supervisor_nip": key, "due_at": due_at, "generation": generation}


def _event_fields(report: Report) -> dict[str, Any]:
    return {
        "report_id": report.report_id,
        "nip": report.nip,
        "title": report.content.title,
        "day": report.content.day.isoformat(),
        "status": report.status.value,
        "decided_by": report.decided_by,
        "rating": report.rating,
        "note": report.note,
    }


def digest_email(
    supervisor: Employee, count: int, pending: list[Report], people: dict[str, Employee], links: DecisionLinks
) -> tuple[str, str, str]:
    """Subject, text and HTML of the supervisor's digest e-mail, with approve/reject links per report."""
    subject = f"{count} laporan kegiatan menunggu verifikasi Anda"
    text_lines, rows = [], []
    for report in pending:
        person = people.get(report.nip)
        who = f"{person.name} ({report.nip})" if person else report.nip
        zone = person.timezone.value if person else None  # the times the employee reported, in their zone
        content = report.content
        when = f"{messages.indonesian_date(content.day)} {messages.time_span(content.start, content.end, zone)}"
        approve = links.link(REPORT.kind, report.report_id, supervisor.nip, Verdict.APPROVE)
        reject = links.link(REPORT.kind, report.report_id, supervisor.nip, Verdict.REJECT)
        text_lines.append(f"- {who}, {when}: {report.content.title}\n  Setujui: {approve}\n  Tolak: {reject}")
        rows.append(
            f"<tr><td>{escape(who)}</td><td>{escape(when)}</td><td><b>{escape(report.content.title)}</b><br>"
            f"{escape(report.content.description)}<br><i>Hasil: {escape(report.content.output)}</i></td>"
            f'<td><a href="{escape(approve)}">Setujui</a> · <a href="{escape(reject)}">Tolak</a></td></tr>'
        )
    more = count - len(pending)
    tail = f"\nDan {more} laporan lainnya di aplikasi." if more > 0 else ""
    text = f"Yth. {supervisor.name},\n\n{subject}:\n\n" + "\n".join(text_lines) + tail
    html = (
        f"<p>Yth. {escape(supervisor.name)},</p><p>{escape(subject)}:</p>"
        '<table border="1" cellpadding="6" cellspacing="0"><tr><th>Pegawai</th><th>Waktu</th><th>Kegiatan</th>'
        f"<th>Tindakan</th></tr>{''.join(rows)}</table>"
        + (f"<p>Dan {more} laporan lainnya di aplikasi.</p>" if more > 0 else "")
        + "<p>Tautan berlaku satu kali dan akan kedaluwarsa.</p>"
    )
    return subject, text, html
