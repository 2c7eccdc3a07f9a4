"""Use cases of accounts: sign-in, sessions, passwords, and the operator's account management."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..domain.accounts import (
    ENTITLEMENT_FIELDS,
    Actor,
    Employee,
    Role,
    check_new_password,
    check_supervisor_scope,
    entitlement_changes,
    forbid_own_entitlement,
    generate_temporary_password,
    lock_after_failures,
    require_role,
    require_skpd_staff,
    require_staff_over,
    require_viewable,
)
from ..domain.audit import AuditEvent, cross_skpd_supervisor_events, entitlement_events, event_view
from ..domain.authenticator import must_have_authenticator
from ..domain.errors import Forbidden, NotFound, Throttled, Unauthorized, ValidationError
from ..domain.roster import DRAFT_FIELDS, EmployeeDraft
from ..security import passwords, sealing, tokens
from ..security.keys import Keyring
from ..store.protocols import AuditLog, EmployeeRepository, OrgRepository, SignInGuards

if TYPE_CHECKING:
    from ..schemas import (
        EmployeeInput,
        EmployeePatch,
        EmployeeQuery,
        PageQuery,
        PasswordChange,
        RolesInput,
        SupervisorInput,
    )

MAX_SUPERVISOR_CHAIN = 25
PAGE_SIZE = 50  # a list's page when the query names no limit
NOTICE_MAX_AGE_SECONDS = 7 * 24 * 3600
_BAD_CREDENTIALS = "NIP/e-mail atau kata sandi salah."


@dataclass(frozen=True)
class Session:
    token: str
    expires_in: int
    must_change_password: bool
    must_enrol_authenticator: bool = False


@dataclass(frozen=True)
class SecondFactor:
    """The first factor was right; the account's authenticator code is asked next (`AuthenticatorService`)."""

    challenge: str
    expires_in: int


#: how long the second step of a sign-in may wait for the authenticator's code
CHALLENGE_SECONDS = 300


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

    def sign_in(self, username: str, password: str) -> Session | SecondFactor:
        """Check the password; same refusal for an unknown user and a wrong password. An account with an
        authenticator gets the second step instead of a session, and its attempt stays counted until the code is
        right (else re-entering the password would reset the count of wrong codes)."""
        now = self._clock()
        employee = self._find_login(username)
        guard_key = (
            f"NIP#{employee.nip}" if employee else "USER#" + hashlib.sha256(username.lower().encode()).hexdigest()
        )
        guard = self._guards.reserve(guard_key, now)
        if guard is None:
            raise locked()
        stored_hash = employee.password_hash if employee else passwords.dummy_hash()
        if not passwords.verify_password(stored_hash, password) or employee is None:
            if lock_after_failures(guard.failures, now):
                raise locked()
            raise Unauthorized(_BAD_CREDENTIALS, code="INVALID_CREDENTIALS")
        if not employee.has_authenticator:
            self._guards.clear(guard_key)
        if passwords.needs_rehash(employee.password_hash):
            employee = self._employees.save(replace(employee, password_hash=passwords.hash_password(password)))
        return self.session_for(employee)

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

    def change_password(self, nip: str, body: PasswordChange) -> Session:
        """A new password by the policy (`check_new_password`); every earlier session ends."""
        old_password, new_password = body.old_password, body.new_password
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

    def find_login(self, username: str) -> Employee | None:
        """The account a username (NIP or e-mail) names, if any: one read, whatever the answer."""
        return self._find_login(username)

    def session_for(self, employee: Employee) -> Session | SecondFactor:
        """What follows a right password or one-time code: the second step when the account has an authenticator,
        else the session (a temporary password still has to be changed first)."""
        if employee.has_authenticator:
            claims = {"sub": employee.nip, "tv": employee.token_version}
            challenge = tokens.sign_claims(self._keys, tokens.TOTP_CHALLENGE, claims, CHALLENGE_SECONDS, self._clock())
            return SecondFactor(challenge, CHALLENGE_SECONDS)
        return self._session(employee)

    def verified_session(self, employee: Employee) -> Session:
        """The session of an account that also gave its authenticator's code (or just enrolled one)."""
        return self._session(employee)

    def check_forgotten_password(self, employee: Employee, new_password: str) -> None:
        """The password policy of `change_password`, for a reset by one-time code ("Lupa password?")."""
        check_new_password(new_password, nip=employee.nip, name=employee.name, common=passwords.common_passwords())

    def set_forgotten_password(self, employee: Employee, new_password: str) -> None:
        """A password reset by one-time code: every earlier session ends and the sign-in lock is lifted."""
        self.check_forgotten_password(employee, new_password)
        updated = replace(
            employee,
            password_hash=passwords.hash_password(new_password),
            must_change_password=False,
            token_version=employee.token_version + 1,
        )
        self._employees.save(updated)
        self._guards.clear(f"NIP#{employee.nip}")

    def profile(self, nip: str) -> dict[str, Any]:
        employee = self._require(nip)
        return self._profile(employee)

    # -- operator / admin -----------------------------------------------------------------------

    def create_employee(self, actor: Actor, body: EmployeeInput) -> dict[str, Any]:
        """Create an account with a temporary password that the stream handler sends by WhatsApp."""
        draft = EmployeeDraft(
            nip=body.nip,
            name=body.name,
            jabatan=body.jabatan,
            skpd_id=self.skpd_for(actor, body.skpd_id),
            satker_id=body.satker_id,
            whatsapp=body.whatsapp,
            timezone=body.timezone,
            supervisor_nip=body.supervisor_nip,
            email=body.email or None,
            employment_status=body.employment_status,
            tmt=body.tmt,
        )
        return self._profile(self.create_from_draft(self.check_draft(actor, draft), by=actor.nip))

    @staticmethod
    def skpd_for(actor: Actor, named: str | None) -> str:
        """The SKPD an account goes to: operators always write to their own, the admin names one."""
        if not actor.is_admin:
            return actor.skpd_id
        if not named:
            raise ValidationError("Kolom 'skpd_id' wajib diisi.", code="REQUIRED", details={"field": "skpd_id"})
        return named

    def check_draft(self, actor: Actor, draft: EmployeeDraft, previous: Employee | None = None) -> EmployeeDraft:
        """What needs stored state: operators write only inside their SKPD, to satker that exist there, and a new
        supervisor (one ``previous`` did not have) exists, is in scope and closes no cycle."""
        require_skpd_staff(actor, draft.skpd_id, Role.OPERATOR_SKPD)
        if self._org.get_satker(draft.skpd_id, draft.satker_id) is None:
            raise ValidationError(
                f"Satker '{draft.satker_id}' tidak ada di SKPD {draft.skpd_id}.",
                code="SATKER_NOT_FOUND",
                details={"field": "satker_id"},
            )
        if draft.supervisor_nip and (previous is None or previous.supervisor_nip != draft.supervisor_nip):
            self._check_supervisor(actor, draft.nip, draft.skpd_id, draft.supervisor_nip)
        return draft

    def create_from_draft(self, draft: EmployeeDraft, *, by: str) -> Employee:
        password = generate_temporary_password()
        employee = Employee(
            **{f: getattr(draft, f) for f in DRAFT_FIELDS},
            password_hash=passwords.hash_password(password),
            must_change_password=True,
        )
        created = self._employees.add(employee, self._notice("CREATED", password))
        self._audit.record(self._supervisor_link_events(by, None, created))
        return created

    def update_from_draft(self, existing: Employee, draft: EmployeeDraft, *, by: str) -> Employee | None:
        """Apply a draft to an account of the same SKPD; ``None`` when nothing changed. ``by`` (the operator, the
        admin, or whoever uploaded the roster) never changes what decides their own approvals or entitlements, and
        a change to someone else's goes into both people's history, in the same write."""
        if existing.skpd_id != draft.skpd_id:
            raise Forbidden("NIP ini terdaftar di SKPD lain.", code="OTHER_SKPD")
        fields = {f: getattr(draft, f) for f in DRAFT_FIELDS}
        for kept in ("employment_status", "tmt"):  # a file or form that does not say keeps what is known
            if fields[kept] is None:
                fields[kept] = getattr(existing, kept)
        changed = replace(existing, **fields)
        if changed == existing:
            return None
        return self._save_entitlements(existing, changed, by)

    def update_employee(self, actor: Actor, nip: str, body: EmployeePatch) -> dict[str, Any]:
        """Operator edits a profile: only the fields sent change; ``version`` must match the stored one."""
        existing = require_staff_over(actor, self._employees.get(nip), Role.OPERATOR_SKPD)
        sent = {name: getattr(body, name) for name in body.model_fields_set if name != "version"}
        if "email" in sent:
            sent["email"] = sent["email"] or None
        draft = EmployeeDraft(**{**{f: getattr(existing, f) for f in DRAFT_FIELDS}, **sent})
        self.check_draft(actor, draft, previous=existing)
        updated = self.update_from_draft(replace(existing, version=body.version), draft, by=actor.nip)
        return self._profile(updated or existing)

    def set_supervisor(self, actor: Actor, nip: str, body: SupervisorInput) -> dict[str, Any]:
        employee = require_staff_over(actor, self._employees.get(nip), Role.OPERATOR_SKPD)
        forbid_own_entitlement(actor.nip, employee.nip, ENTITLEMENT_FIELDS["supervisor_nip"])
        if body.supervisor_nip:
            self._check_supervisor(actor, nip, employee.skpd_id, body.supervisor_nip)
        changed = replace(employee, supervisor_nip=body.supervisor_nip)
        return self._profile(self._save_entitlements(employee, changed, actor.nip))

    def history(self, actor: Actor, nip: str, params: PageQuery) -> dict[str, Any]:
        """A person's authority trail (delegations, supervisors across SKPD, entitlement changes), newest first."""
        require_viewable(actor, self._employees.get(nip))
        events, next_cursor = self._audit.history(nip, params.cursor, params.limit or PAGE_SIZE)
        return {"items": [event_view(e) for e in events], "next_cursor": next_cursor}

    def reset_password(self, actor: Actor, nip: str) -> None:
        """New temporary password by WhatsApp; every session of the account ends."""
        employee = require_staff_over(actor, self._employees.get(nip), Role.OPERATOR_SKPD)
        password = generate_temporary_password()
        updated = replace(
            employee,
            password_hash=passwords.hash_password(password),
            must_change_password=True,
            token_version=employee.token_version + 1,
        )
        self._employees.save(updated, self._notice("RESET", password))

    def set_roles(self, actor: Actor, nip: str, body: RolesInput) -> dict[str, Any]:
        """The admin grants roles (never their own); the change goes into both people's history."""
        require_role(actor, Role.ADMIN)
        forbid_own_entitlement(actor.nip, nip, "peran")
        employee = self._require(nip)
        granted = frozenset(body.roles)
        if granted == employee.granted_roles:
            return self._profile(employee)
        events = entitlement_events(
            employee.nip, actor.nip, self._clock(), {"roles": (employee.granted_roles, granted)}, ["peran"]
        )
        return self._profile(self._employees.save(replace(employee, granted_roles=granted), history=events))

    def view_employee(self, actor: Actor, nip: str) -> dict[str, Any]:
        return self._profile(require_viewable(actor, self._employees.get(nip)))

    def subordinates(self, actor: Actor, nip: str, params: PageQuery) -> dict[str, Any]:
        """A supervisor's direct subordinates (the supervisor, their SKPD's operator/HR, BKD, or admin); whoever
        may not look is refused alike for an unknown NIP."""
        if actor.nip != nip:
            if actor.is_admin or actor.has(Role.BKD):
                self._require(nip)
            else:
                require_staff_over(actor, self._employees.get(nip), Role.OPERATOR_SKPD, Role.KEPEGAWAIAN)
        items, next_cursor = self._employees.subordinates(nip, params.cursor, params.limit or PAGE_SIZE)
        return {"items": [summary(e) for e in items], "next_cursor": next_cursor}

    def list_employees(self, actor: Actor, params: EmployeeQuery) -> dict[str, Any]:
        skpd = params.skpd_id or actor.skpd_id
        if not actor.has(Role.BKD):
            require_skpd_staff(actor, skpd, Role.OPERATOR_SKPD, Role.KEPEGAWAIAN)
        items, next_cursor = self._employees.in_skpd(
            skpd,
            params.satker_id,
            params.cursor,
            params.limit or PAGE_SIZE,
            without_supervisor=params.without_supervisor,
            search=params.q,
        )
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
        """A temporary password is changed first, then an officer without an authenticator enrolls one."""
        must_enrol = must_have_authenticator(employee.granted_roles) and not employee.has_authenticator
        if employee.must_change_password:
            kind, ttl = tokens.PASSWORD_CHANGE, tokens.PASSWORD_CHANGE_TTL
        elif must_enrol:
            kind, ttl = tokens.AUTHENTICATOR_ENROLMENT, tokens.AUTHENTICATOR_ENROLMENT_TTL
        else:
            kind, ttl = tokens.ACCESS, self._token_ttl
        token, expires_in = tokens.issue_token(self._keys, employee.nip, employee.token_version, kind, ttl)
        return Session(token, expires_in, employee.must_change_password, must_enrol)

    def _profile(self, employee: Employee) -> dict[str, Any]:
        roles = employee.roles(has_subordinates=self._employees.has_subordinates(employee.nip))
        boss = self._employees.get(employee.supervisor_nip) if employee.supervisor_nip else None
        return {
            **summary(employee),
            "roles": [r.value for r in roles],
            "must_change_password": employee.must_change_password,
            "supervisor": person_ref(employee.supervisor_nip, boss),
            "authenticator_active": employee.has_authenticator,
            "authenticator_required": must_have_authenticator(employee.granted_roles),
            "recovery_codes_left": len(employee.recovery_code_hashes),
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

    def _save_entitlements(self, existing: Employee, changed: Employee, by: str) -> Employee:
        """Save ``changed``; when it touches what decides the person's approvals or entitlements, ``by`` must be
        someone else, and the change goes into both people's history (and a new supervisor from another SKPD
        into the supervisor's) in the same write."""
        changes = entitlement_changes(existing, changed)
        words = [ENTITLEMENT_FIELDS[name] for name in changes]
        for word in words:
            forbid_own_entitlement(by, existing.nip, word)
        history = entitlement_events(existing.nip, by, self._clock(), changes, words) if changes else []
        history += self._supervisor_link_events(by, existing.supervisor_nip, changed)
        return self._employees.save(changed, history=history)

    def _supervisor_link_events(self, by: str, previous: str | None, employee: Employee) -> list[AuditEvent]:
        """A new supervisor from another SKPD (only the admin sets one) goes into both people's history."""
        if not employee.supervisor_nip or employee.supervisor_nip == previous:
            return []
        boss = self._employees.get(employee.supervisor_nip)
        if boss is None or boss.skpd_id == employee.skpd_id:
            return []
        return cross_skpd_supervisor_events(employee.nip, boss.nip, boss.skpd_id, by, self._clock())

    def _notice(self, kind: str, password: str) -> CredentialNotice:
        notice_id = uuid.uuid4().hex
        return CredentialNotice(
            notice_id, sealing.seal(self._keys, {"kind": kind, "password": password, "id": notice_id})
        )


def person_ref(nip: str | None, person: Employee | None) -> dict[str, Any] | None:
    """Name and jabatan of the supervisor/approver someone reads about, so nobody has to recognise a NIP."""
    if nip is None:
        return None
    return {"nip": nip, "name": person.name if person else None, "jabatan": person.jabatan if person else None}


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


def locked() -> Throttled:
    return Throttled(
        "Terlalu banyak percobaan masuk yang gagal. Akun dikunci sementara; coba lagi dalam 15 menit.",
        code="ACCOUNT_LOCKED",
    )
