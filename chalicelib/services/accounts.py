"""Use cases of accounts: sign-in, sessions, passwords, and the operator's account management."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from ..domain.accounts import (
    GRANTABLE_ROLES,
    Actor,
    Employee,
    Role,
    can_view_employee,
    changed_entitlements,
    check_new_password,
    check_supervisor_scope,
    forbid_own_entitlement,
    generate_temporary_password,
    lock_after_failures,
    require_role,
    require_skpd_staff,
)
from ..domain.audit import cross_skpd_supervisor_events, event_view
from ..domain.errors import Forbidden, NotFound, Throttled, Unauthorized, ValidationError
from ..domain.identity import validate_nip, validate_version
from ..domain.roster import EmployeeDraft, draft_from_mapping
from ..security import passwords, sealing, tokens
from ..security.keys import Keyring
from ..store.protocols import AuditLog, EmployeeRepository, OrgRepository, SignInGuards

MAX_SUPERVISOR_CHAIN = 25
NOTICE_MAX_AGE_SECONDS = 7 * 24 * 3600
_BAD_CREDENTIALS = "NIP/e-mail atau kata sandi salah."


@dataclass(frozen=True)
class Session:
    token: str
    expires_in: int
    must_change_password: bool


@dataclass(frozen=True)
class CredentialNotice:
    """A sealed temporary password for the stream handler to deliver."""

    notice_id: str
    sealed: str


class AccountService:
    def __init__(
        self,
        employees: EmployeeRepository,
        org: OrgRepository,
        guards: SignInGuards,
        audit: AuditLog,
        *,
        keys: Keyring | str,
        token_ttl: timedelta,
        clock: Callable[[], datetime],
    ) -> None:
        self._employees, self._org, self._guards, self._audit = employees, org, guards, audit
        self._keys, self._token_ttl, self._clock = keys, token_ttl, clock

    # -- sessions -----------------------------------------------------------------------------

    def sign_in(self, username: str, password: str) -> Session:
        """Check the password; same refusal for an unknown user and a wrong password."""
        now = self._clock()
        employee = self._find_login(username)
        guard_key = (
            f"NIP#{employee.nip}" if employee else "USER#" + hashlib.sha256(username.lower().encode()).hexdigest()
        )
        guard = self._guards.reserve(guard_key, now)
        if guard is None:
            raise _locked()
        stored_hash = employee.password_hash if employee else passwords.dummy_hash()
        if not passwords.verify_password(stored_hash, password) or employee is None:
            if lock_after_failures(guard.failures, now):
                raise _locked()
            raise Unauthorized(_BAD_CREDENTIALS, code="INVALID_CREDENTIALS")
        self._guards.clear(guard_key)
        if passwords.needs_rehash(employee.password_hash):
            employee = self._employees.save(replace(employee, password_hash=passwords.hash_password(password)))
        return self._session(employee)

    def authenticate(self, token: str) -> tuple[Employee, tokens.TokenClaims]:
        """The account behind a token; tokens issued before sign-out or a password change are refused."""
        claims = tokens.read_token(self._keys, token)
        employee = self._employees.get(claims.nip)
        if employee is None or employee.token_version != claims.token_version:
            raise Unauthorized("Sesi tidak valid atau telah berakhir; silakan masuk kembali.")
        return employee, claims

    def sign_out(self, nip: str) -> None:
        """End every session of the account (all devices)."""
        employee = self._require(nip)
        self._employees.save(replace(employee, token_version=employee.token_version + 1))

    def change_password(self, nip: str, old_password: str, new_password: str) -> Session:
        employee = self._require(nip)
        if not passwords.verify_password(employee.password_hash, old_password):
            raise ValidationError("Kata sandi lama salah.", code="WRONG_PASSWORD", details={"field": "old_password"})
        check_new_password(new_password, nip=employee.nip, name=employee.name, common=passwords.common_passwords())
        if new_password == old_password:
            raise ValidationError(
                "Kata sandi baru harus berbeda dari kata sandi lama.",
                code="PASSWORD_UNCHANGED",
                details={"field": "new_password"},
            )
        updated = replace(
            employee,
            password_hash=passwords.hash_password(new_password),
            must_change_password=False,
            token_version=employee.token_version + 1,
        )
        return self._session(self._employees.save(updated))

    def profile(self, nip: str) -> dict[str, Any]:
        employee = self._require(nip)
        return self._profile(employee)

    # -- operator / admin -----------------------------------------------------------------------

    def create_employee(self, actor: Actor, data: Mapping[str, object]) -> dict[str, Any]:
        """Create an account with a temporary password that the stream handler sends by WhatsApp."""
        draft = self.validate_draft(actor, data)
        return self._profile(self.create_from_draft(draft, by=actor.nip))

    def validate_draft(self, actor: Actor, data: Mapping[str, object]) -> EmployeeDraft:
        """Validate fields and scope: operators write only inside their SKPD, to satker that exist there."""
        skpd_id = str(data.get("skpd_id") or "") if actor.is_admin else actor.skpd_id
        if actor.is_admin and not skpd_id:
            raise ValidationError("Kolom 'skpd_id' wajib diisi.", code="REQUIRED", details={"field": "skpd_id"})
        draft = draft_from_mapping(data, skpd_id=skpd_id)
        require_skpd_staff(actor, draft.skpd_id, Role.OPERATOR_SKPD)
        if self._org.get_satker(draft.skpd_id, draft.satker_id) is None:
            raise ValidationError(
                f"Satker '{draft.satker_id}' tidak ada di SKPD {draft.skpd_id}.",
                code="SATKER_NOT_FOUND",
                details={"field": "satker_id"},
            )
        if draft.supervisor_nip:
            self._check_supervisor(actor, draft.nip, draft.skpd_id, draft.supervisor_nip)
        return draft

    def create_from_draft(self, draft: EmployeeDraft, *, by: str) -> Employee:
        password = generate_temporary_password()
        employee = Employee(
            **{f: getattr(draft, f) for f in draft.__dataclass_fields__},
            password_hash=passwords.hash_password(password),
            must_change_password=True,
        )
        created = self._employees.add(employee, self._notice("CREATED", password))
        self._record_supervisor_link(by, None, created)
        return created

    def update_from_draft(self, existing: Employee, draft: EmployeeDraft, *, by: str) -> Employee | None:
        """Apply a draft to an account of the same SKPD; ``None`` when nothing changed. ``by`` (the operator, the
        admin, or whoever uploaded the roster) never changes what decides their own approvals or entitlements."""
        if existing.skpd_id != draft.skpd_id:
            raise Forbidden("NIP ini terdaftar di SKPD lain.", code="OTHER_SKPD")
        fields = {f: getattr(draft, f) for f in draft.__dataclass_fields__}
        for kept in ("employment_status", "tmt"):  # a file or form that does not say keeps what is known
            if fields[kept] is None:
                fields[kept] = getattr(existing, kept)
        changed = replace(existing, **fields)
        if changed == existing:
            return None
        for what in changed_entitlements(existing, changed):
            forbid_own_entitlement(by, existing.nip, what)
        saved = self._employees.save(changed)
        self._record_supervisor_link(by, existing.supervisor_nip, saved)
        return saved

    def update_employee(self, actor: Actor, nip: str, data: Mapping[str, object]) -> dict[str, Any]:
        """Operator edits a profile; ``version`` in the body must match the stored one."""
        existing = self._require(nip)
        require_skpd_staff(actor, existing.skpd_id, Role.OPERATOR_SKPD)
        merged = {
            **{f: getattr(existing, f) for f in ("name", "jabatan", "satker_id", "whatsapp", "email")},
            "timezone": existing.timezone.value,
            "supervisor_nip": existing.supervisor_nip,
            "skpd_id": existing.skpd_id,
            **{k: v for k, v in data.items() if k != "version"},
            "nip": existing.nip,
        }
        draft = self.validate_draft(actor, merged)
        expected = replace(existing, version=validate_version(data.get("version")))
        updated = self.update_from_draft(expected, draft, by=actor.nip)
        return self._profile(updated or existing)

    def set_supervisor(self, actor: Actor, nip: str, supervisor_nip: str | None) -> dict[str, Any]:
        employee = self._require(nip)
        require_skpd_staff(actor, employee.skpd_id, Role.OPERATOR_SKPD)
        forbid_own_entitlement(actor.nip, employee.nip, "atasan")
        if supervisor_nip:
            supervisor_nip = validate_nip(supervisor_nip, "supervisor_nip")
            self._check_supervisor(actor, nip, employee.skpd_id, supervisor_nip)
        saved = self._employees.save(replace(employee, supervisor_nip=supervisor_nip or None))
        self._record_supervisor_link(actor.nip, employee.supervisor_nip, saved)
        return self._profile(saved)

    def history(self, actor: Actor, nip: str, cursor: str | None, limit: int) -> dict[str, Any]:
        """A person's authority trail (delegations, supervisors across SKPD), newest first."""
        self.view_employee(actor, nip)
        events, next_cursor = self._audit.history(nip, cursor, limit)
        return {"items": [event_view(e) for e in events], "next_cursor": next_cursor}

    def reset_password(self, actor: Actor, nip: str) -> None:
        """New temporary password by WhatsApp; every session of the account ends."""
        employee = self._require(nip)
        require_skpd_staff(actor, employee.skpd_id, Role.OPERATOR_SKPD)
        password = generate_temporary_password()
        updated = replace(
            employee,
            password_hash=passwords.hash_password(password),
            must_change_password=True,
            token_version=employee.token_version + 1,
        )
        self._employees.save(updated, self._notice("RESET", password))

    def set_roles(self, actor: Actor, nip: str, roles: list[str]) -> dict[str, Any]:
        require_role(actor, Role.ADMIN)
        forbid_own_entitlement(actor.nip, nip, "peran")
        try:
            granted = frozenset(Role(r) for r in roles)
        except ValueError:
            granted = frozenset({Role.PEGAWAI})  # PEGAWAI/ATASAN are not grantable: refused below
        if not granted <= GRANTABLE_ROLES:
            raise ValidationError(
                "Peran yang dapat diberikan: " + ", ".join(sorted(r.value for r in GRANTABLE_ROLES)) + ".",
                code="INVALID_ROLE",
                details={"field": "roles"},
            )
        employee = self._require(nip)
        return self._profile(self._employees.save(replace(employee, granted_roles=granted)))

    def view_employee(self, actor: Actor, nip: str) -> dict[str, Any]:
        employee = self._require(nip)
        if not can_view_employee(actor, employee):
            raise Forbidden("Anda tidak berhak melihat data pegawai ini.")
        return self._profile(employee)

    def subordinates(self, actor: Actor, nip: str, cursor: str | None, limit: int) -> dict[str, Any]:
        """A supervisor's direct subordinates (the supervisor, their SKPD's operator/HR, or admin)."""
        if actor.nip != nip:
            supervisor = self._require(nip)
            if not actor.has(Role.BKD):
                require_skpd_staff(actor, supervisor.skpd_id, Role.OPERATOR_SKPD, Role.KEPEGAWAIAN)
        items, next_cursor = self._employees.subordinates(nip, cursor, limit)
        return {"items": [summary(e) for e in items], "next_cursor": next_cursor}

    def list_employees(
        self, actor: Actor, skpd_id: str | None, satker_id: str | None, cursor: str | None, limit: int
    ) -> dict[str, Any]:
        skpd = skpd_id or actor.skpd_id
        if not actor.has(Role.BKD):
            require_skpd_staff(actor, skpd, Role.OPERATOR_SKPD, Role.KEPEGAWAIAN)
        items, next_cursor = self._employees.in_skpd(skpd, satker_id, cursor, limit)
        return {"items": [summary(e) for e in items], "next_cursor": next_cursor}

    def actor_of(self, employee: Employee) -> Actor:
        return Actor(
            nip=employee.nip,
            skpd_id=employee.skpd_id,
            roles=frozenset({Role.PEGAWAI, *employee.granted_roles}),
            satker_id=employee.satker_id,
            timezone=employee.timezone,
            supervisor_nip=employee.supervisor_nip,
        )

    # -- helpers ----------------------------------------------------------------------------------

    def _find_login(self, username: str) -> Employee | None:
        username = username.strip()
        if "@" in username:
            return self._employees.get_by_email(username.lower())
        if len(username) == 18 and username.isdigit():
            return self._employees.get(username)
        return None

    def _session(self, employee: Employee) -> Session:
        if employee.must_change_password:
            kind, ttl = tokens.PASSWORD_CHANGE, tokens.PASSWORD_CHANGE_TTL
        else:
            kind, ttl = tokens.ACCESS, self._token_ttl
        token, expires_in = tokens.issue_token(self._keys, employee.nip, employee.token_version, kind, ttl)
        return Session(token, expires_in, employee.must_change_password)

    def _profile(self, employee: Employee) -> dict[str, Any]:
        roles = employee.roles(has_subordinates=self._employees.has_subordinates(employee.nip))
        return {
            **summary(employee),
            "roles": [r.value for r in roles],
            "must_change_password": employee.must_change_password,
        }

    def _require(self, nip: str) -> Employee:
        employee = self._employees.get(nip)
        if employee is None:
            raise NotFound("Pegawai tidak ditemukan.", code="EMPLOYEE_NOT_FOUND")
        return employee

    def _check_supervisor(self, actor: Actor, nip: str, skpd_id: str, supervisor_nip: str) -> None:
        """The supervisor exists, is in the SKPD (unless the admin links across), and never closes a cycle."""
        cycle = ValidationError(
            "Atasan ini akan membentuk rantai atasan yang melingkar.",
            code="SUPERVISOR_CYCLE",
            details={"field": "supervisor_nip"},
        )
        if supervisor_nip == nip:
            raise cycle
        boss = self._employees.get(supervisor_nip)
        if boss is None:
            raise ValidationError(
                "NIP atasan tidak terdaftar.", code="SUPERVISOR_NOT_FOUND", details={"field": "supervisor_nip"}
            )
        check_supervisor_scope(actor, skpd_id, boss.skpd_id)
        current = boss.supervisor_nip
        for _ in range(MAX_SUPERVISOR_CHAIN):
            if current is None:
                return
            if current == nip:
                raise cycle
            above = self._employees.get(current)
            current = above.supervisor_nip if above else None

    def _record_supervisor_link(self, by: str, previous: str | None, employee: Employee) -> None:
        """A new supervisor from another SKPD (only the admin sets one) goes into both people's history."""
        if not employee.supervisor_nip or employee.supervisor_nip == previous:
            return
        boss = self._employees.get(employee.supervisor_nip)
        if boss is not None and boss.skpd_id != employee.skpd_id:
            self._audit.record(cross_skpd_supervisor_events(employee.nip, boss.nip, boss.skpd_id, by, self._clock()))

    def _notice(self, kind: str, password: str) -> CredentialNotice:
        notice_id = uuid.uuid4().hex
        return CredentialNotice(
            notice_id, sealing.seal(self._keys, {"kind": kind, "password": password, "id": notice_id})
        )


def summary(employee: Employee) -> dict[str, Any]:
    """The public fields of an account (never the hash or token counters)."""
    return {
        "nip": employee.nip,
        "name": employee.name,
        "jabatan": employee.jabatan,
        "skpd_id": employee.skpd_id,
        "satker_id": employee.satker_id,
        "supervisor_nip": employee.supervisor_nip,
        "whatsapp": employee.whatsapp,
        "email": employee.email,
        "timezone": employee.timezone.value,
        "employment_status": employee.employment.value,
        "tmt": employee.service_start.isoformat(),
        "version": employee.version,
    }


def _locked() -> Throttled:
    return Throttled(
        "Terlalu banyak percobaan masuk yang gagal. Akun dikunci sementara; coba lagi dalam 15 menit.",
        code="ACCOUNT_LOCKED",
    )
