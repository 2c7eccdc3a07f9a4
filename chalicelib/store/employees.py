"""Employee storage in DynamoDB (the interface the services use, `EmployeeRepository`, is in `protocols.py`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from pynamodb.exceptions import PutError, TransactWriteError, UpdateError
from pynamodb.transactions import TransactWrite

from ..domain.accounts import Employee, EmploymentStatus, Role
from ..domain.audit import AuditEvent
from ..domain.errors import Conflict
from ..domain.identity import TimeZone
from ..domain.people_search import PeopleSearch
from . import audit
from .conditions import condition_failed
from .models import AuditItem, EmployeeItem, transaction_connection
from .paging import decode_cursor, encode_cursor
from .protocols import CredentialNotice
from .protocols import EmployeeRepository as EmployeeRepository  # re-exported: its old home
from .raw import reader

#: attributes an update rewrites (never created_at, never the credential notice unless given)
_MUTABLE = (
    "name",
    "jabatan",
    "skpd_id",
    "satker_id",
    "satker_nip",
    "supervisor_nip",
    "unassigned_skpd",
    "whatsapp",
    "email",
    "timezone",
    "employment_status",
    "tmt",
    "roles",
    "password_hash",
    "must_change_password",
    "token_version",
    "totp_secret",
    "totp_pending",
    "recovery_codes",
    "totp_last_step",
    "updated_at",
)


#: a search reads the SKPD's index in pages of this many, at most this many pages a request (≤ 500 employees)
SEARCH_PAGE = 100
SEARCH_REQUESTS = 5


def to_employee(item: EmployeeItem) -> Employee:
    """Domain view of a stored item (also used for stream images)."""
    return Employee(
        nip=item.nip,
        name=item.name,
        jabatan=item.jabatan,
        skpd_id=item.skpd_id,
        satker_id=item.satker_id,
        whatsapp=item.whatsapp,
        timezone=TimeZone(item.timezone),
        supervisor_nip=item.supervisor_nip,
        email=item.email,
        granted_roles=frozenset(Role(r) for r in item.roles or ()),
        password_hash=item.password_hash,
        must_change_password=bool(item.must_change_password),
        token_version=int(item.token_version or 0),
        version=int(item.version or 0),
        employment_status=EmploymentStatus(item.employment_status) if item.employment_status else None,
        tmt=date.fromisoformat(item.tmt) if item.tmt else None,
        totp_secret=item.totp_secret,
        totp_pending=item.totp_pending,
        recovery_code_hashes=frozenset(item.recovery_codes or ()),
        totp_last_step=int(item.totp_last_step) if item.totp_last_step is not None else None,
    )


def _to_item(employee: Employee, notice: CredentialNotice | None) -> EmployeeItem:
    now = datetime.now(UTC)
    return EmployeeItem(
        nip=employee.nip,
        name=employee.name,
        jabatan=employee.jabatan,
        skpd_id=employee.skpd_id,
        satker_id=employee.satker_id,
        satker_nip=f"SATKER#{employee.satker_id}#{employee.nip}",
        supervisor_nip=employee.supervisor_nip,
        unassigned_skpd=None if employee.supervisor_nip else employee.skpd_id,
        whatsapp=employee.whatsapp,
        email=employee.email,
        timezone=employee.timezone.value,
        roles={r.value for r in employee.granted_roles} or None,
        password_hash=employee.password_hash,
        must_change_password=employee.must_change_password,
        token_version=employee.token_version,
        credential_notice=notice.sealed if notice else None,
        credential_notice_id=notice.notice_id if notice else None,
        employment_status=employee.employment_status.value if employee.employment_status else None,
        tmt=employee.tmt.isoformat() if employee.tmt else None,
        totp_secret=employee.totp_secret,
        totp_pending=employee.totp_pending,
        recovery_codes=set(employee.recovery_code_hashes) or None,
        totp_last_step=employee.totp_last_step,
        created_at=now,
        updated_at=now,
    )


def _changed_meanwhile() -> Conflict:
    return Conflict("Data telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")


_read_employee = reader(EmployeeItem)  # `get` runs in the authorizer, on every request (`store/raw.py`)


class DynamoEmployeeRepository:
    """Employees in DynamoDB; every write is conditional on the version it read."""

    def get(self, nip: str) -> Employee | None:
        """The account, read raw: the authorizer asks for it on every request, and a model instance per read cost
        ≈0.15 ms (`python -m benchmarks.api_latency`)."""
        raw = EmployeeItem._get_connection().get_item(nip, consistent_read=True).get("Item")
        return to_employee(_read_employee(raw)) if raw else None

    def get_by_email(self, email: str) -> Employee | None:
        for item in EmployeeItem.by_email.query(email, limit=1):
            return to_employee(item)
        return None

    def add(self, employee: Employee, notice: CredentialNotice | None = None) -> Employee:
        """Create the account; 409 when the NIP exists."""
        item = _to_item(employee, notice)
        try:
            item.save()  # version None → condition attribute_not_exists(version)
        except PutError as exc:
            if condition_failed(exc):
                raise Conflict("Pegawai dengan NIP ini sudah terdaftar.", code="EMPLOYEE_EXISTS") from None
            raise
        return replace(employee, version=int(item.version))

    def save(
        self, employee: Employee, notice: CredentialNotice | None = None, history: Sequence[AuditEvent] = ()
    ) -> Employee:
        """Update the account if nobody changed it since ``employee.version`` was read (else 409); ``history``
        (what the change means for people's authority trail) is written in the same transaction, or not at all."""
        fields = _to_item(employee, notice)
        actions = []
        for name in _MUTABLE:
            attr, value = getattr(EmployeeItem, name), getattr(fields, name)
            actions.append(attr.remove() if value is None else attr.set(value))
        if notice is not None:
            actions += [
                EmployeeItem.credential_notice.set(notice.sealed),
                EmployeeItem.credential_notice_id.set(notice.notice_id),
            ]
        item = EmployeeItem(nip=employee.nip)
        item.version = employee.version
        if history:
            self._save_with_history(item, actions, history)
            return replace(employee, version=int(item.version))
        try:
            item.update(actions=actions, condition=EmployeeItem.nip.exists())
        except UpdateError as exc:
            if condition_failed(exc):
                raise _changed_meanwhile() from None
            raise
        return replace(employee, version=int(item.version))

    @staticmethod
    def _save_with_history(item: EmployeeItem, actions: list[object], history: Sequence[AuditEvent]) -> None:
        try:
            with TransactWrite(connection=transaction_connection()) as transaction:
                transaction.update(item, actions=actions, condition=EmployeeItem.nip.exists())
                for event in history:
                    transaction.save(audit.to_item(event))
        except TransactWriteError as exc:
            reasons = {getattr(r, "code", None) for r in (exc.cancellation_reasons or [])}
            if reasons & {"ConditionalCheckFailed", "TransactionConflict"}:
                raise _changed_meanwhile() from None
            raise

    def record_history(self, events: Sequence[AuditEvent]) -> None:
        """History of a change stored elsewhere (an opening leave balance): written on its own, after that change."""
        with AuditItem.batch_write() as batch:
            for event in events:
                batch.save(audit.to_item(event))

    def many(self, nips: set[str]) -> dict[str, Employee]:
        """Several accounts in one BatchGetItem (at most 100 NIPs)."""
        return {i.nip: to_employee(i) for i in EmployeeItem.batch_get(sorted(nips))} if nips else {}

    def has_subordinates(self, nip: str) -> bool:
        return any(True for _ in EmployeeItem.by_supervisor.query(nip, limit=1))

    def subordinates(self, nip: str, cursor: str | None, limit: int) -> tuple[list[Employee], str | None]:
        scope = f"employees.by_supervisor:{nip}"
        result = EmployeeItem.by_supervisor.query(nip, limit=limit, last_evaluated_key=decode_cursor(cursor, scope))
        items = [to_employee(i) for i in result]
        return items, encode_cursor(result.last_evaluated_key, scope)

    def in_skpd(
        self,
        skpd_id: str,
        satker_id: str | None,
        cursor: str | None,
        limit: int,
        *,
        without_supervisor: bool = False,
        search: PeopleSearch | None = None,
    ) -> tuple[list[Employee], str | None]:
        """An SKPD's (or one satker's) employees by satker and NIP; ``without_supervisor``: only those with none
        (from their sparse index, so the page is not filtered out of the whole SKPD); ``search``: only those whose
        name or NIP matches (see `_search`)."""
        index = EmployeeItem.by_skpd_unassigned if without_supervisor else EmployeeItem.by_skpd
        prefix = f"SATKER#{satker_id}#" if satker_id else None
        if prefix and search is not None and search.nip_prefix:
            prefix += search.nip_prefix  # the key holds the NIP after the satker: the prefix narrows the Query
        condition = EmployeeItem.satker_nip.startswith(prefix) if prefix else None
        scope = f"employees.{index.Meta.index_name}:{skpd_id}:{satker_id or ''}"
        if search is not None:
            scope += f":q={search.text}"
        start = decode_cursor(cursor, scope)
        if search is not None:
            return self._search(index, skpd_id, condition, search, start, limit, scope)
        result = index.query(skpd_id, condition, limit=limit, last_evaluated_key=start)
        items = [to_employee(i) for i in result]
        return items, encode_cursor(result.last_evaluated_key, scope)

    @staticmethod
    def _search(
        index: Any,
        skpd_id: str,
        condition: Any,
        search: PeopleSearch,
        start: dict[str, Any] | None,
        limit: int,
        scope: str,
    ) -> tuple[list[Employee], str | None]:
        """The SKPD's pages read in index order and kept when `PeopleSearch.matches` (a name is matched in any case
        and word order, which no DynamoDB filter does), at most `SEARCH_REQUESTS` pages of `SEARCH_PAGE` a request:
        the cost stays bounded, a page may hold fewer than ``limit``, and the signed cursor continues the read."""
        keys = ("nip", "unassigned_skpd" if index is EmployeeItem.by_skpd_unassigned else "skpd_id", "satker_nip")
        pages = index.query(skpd_id, condition, page_size=SEARCH_PAGE, last_evaluated_key=start).page_iter
        found: list[Employee] = []
        for _ in range(SEARCH_REQUESTS):
            try:
                page = next(pages)
            except StopIteration:
                return found, None
            raw_items = page.get("Items", [])
            for n, raw in enumerate(raw_items):
                employee = to_employee(EmployeeItem.from_raw_data(raw))
                if not search.matches(employee.nip, employee.name):
                    continue
                found.append(employee)
                if len(found) == limit:
                    if n == len(raw_items) - 1 and pages.last_evaluated_key is None:
                        return found, None
                    return found, encode_cursor({k: raw[k] for k in keys}, scope)
            if pages.last_evaluated_key is None:
                return found, None
        return found, encode_cursor(pages.last_evaluated_key, scope)

    def count_without_supervisor(self, skpd_id: str) -> int:
        """How many of the SKPD's employees have no direct supervisor (a COUNT query of the sparse index)."""
        return EmployeeItem.by_skpd_unassigned.count(skpd_id)

    def clear_notice(self, nip: str, notice_id: str, version: int) -> None:
        """Drop a delivered credential notice unless a newer one replaced it."""
        item = EmployeeItem(nip=nip)
        item.version = version
        try:
            item.update(
                actions=[EmployeeItem.credential_notice.remove(), EmployeeItem.credential_notice_id.remove()],
                condition=EmployeeItem.credential_notice_id == notice_id,
                add_version_condition=False,
            )
        except UpdateError as exc:
            if not condition_failed(exc):
                raise
