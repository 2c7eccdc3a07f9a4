"""Employee accounts: the entity, roles, scope rules, password policy and sign-in lockout."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from .errors import Forbidden, NotFound, ValidationError
from .identity import TimeZone

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128
MAX_FAILED_SIGN_INS = 5
LOCK_DURATION = timedelta(minutes=15)
_TEMP_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"


class Role(StrEnum):
    PEGAWAI = "PEGAWAI"
    ATASAN = "ATASAN"
    OPERATOR_SKPD = "OPERATOR_SKPD"
    KEPEGAWAIAN = "KEPEGAWAIAN"
    PENOMORAN = "PENOMORAN"
    BKD = "BKD"  # HR of the regional civil service agency: KEPEGAWAIAN's work across every SKPD
    ADMIN = "ADMIN"
    LAYANAN = "LAYANAN"  # public-service officer of an SKPD: PTSP desk and catalogue, Kritis, citizen requests
    PIMPINAN = "PIMPINAN"  # leadership of an SKPD: decides the action on a Kritis item


class EmploymentStatus(StrEnum):
    """Kedudukan: a civil servant (PNS), a candidate (CPNS) or a contract employee (PPPK); leave rights differ."""

    PNS = "PNS"
    CPNS = "CPNS"
    PPPK = "PPPK"


#: the words are the abbreviations every ASN uses
EMPLOYMENT_LABELS = {status: status.value for status in EmploymentStatus}

#: Roles an administrator grants; PEGAWAI is implied and ATASAN follows from having subordinates.
GRANTABLE_ROLES = frozenset(
    {Role.OPERATOR_SKPD, Role.KEPEGAWAIAN, Role.PENOMORAN, Role.BKD, Role.ADMIN, Role.LAYANAN, Role.PIMPINAN}
)


@dataclass(frozen=True)
class Employee:
    """An ASN with an account. ``version`` guards concurrent writes."""

    nip: str
    name: str
    jabatan: str
    skpd_id: str
    satker_id: str
    whatsapp: str
    timezone: TimeZone
    supervisor_nip: str | None = None
    email: str | None = None
    granted_roles: frozenset[Role] = field(default_factory=frozenset)
    password_hash: str = ""
    must_change_password: bool = True
    token_version: int = 0
    version: int = 0
    #: PNS, CPNS or PPPK (unknown: treated as PNS) and the TMT, the start of continuous service (unknown: the
    #: TMT in the NIP, digits 9-14)
    employment_status: EmploymentStatus | None = None
    tmt: date | None = None
    #: the authenticator app (`domain/authenticator.py`): the confirmed TOTP secret and one being enrolled, both
    #: sealed (`security/sealing.py`); the hashes of the unused recovery codes; the last TOTP step accepted
    totp_secret: str | None = None
    totp_pending: str | None = None
    recovery_code_hashes: frozenset[str] = field(default_factory=frozenset)
    totp_last_step: int | None = None

    @property
    def has_authenticator(self) -> bool:
        return self.totp_secret is not None

    @property
    def employment(self) -> EmploymentStatus:
        return self.employment_status or EmploymentStatus.PNS

    @property
    def service_start(self) -> date:
        """The TMT as recorded, else the first day of the TMT month the NIP carries."""
        if self.tmt is not None:
            return self.tmt
        try:
            return date(int(self.nip[8:12]), int(self.nip[12:14]), 1)
        except ValueError:
            return date(2000, 1, 1)

    def roles(self, *, has_subordinates: bool) -> list[Role]:
        """All roles, PEGAWAI first; ATASAN when the employee supervises anyone."""
        roles = {Role.PEGAWAI, *self.granted_roles}
        if has_subordinates:
            roles.add(Role.ATASAN)
        return sorted(roles, key=list(Role).index)


@dataclass(frozen=True)
class Actor:
    """Who is calling: taken from a verified token and the stored account."""

    nip: str
    skpd_id: str
    roles: frozenset[Role]
    satker_id: str = ""
    timezone: TimeZone = TimeZone.WIB
    supervisor_nip: str | None = None

    def has(self, role: Role) -> bool:
        return role in self.roles

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN in self.roles


def require_role(actor: Actor, *roles: Role) -> None:
    """Refuse unless the actor holds one of ``roles`` (ADMIN holds them all)."""
    if actor.is_admin or any(actor.has(r) for r in roles):
        return
    raise Forbidden("Anda tidak memiliki hak akses untuk tindakan ini.")


def require_skpd_staff(actor: Actor, skpd_id: str, *roles: Role) -> None:
    """Refuse unless the actor is ADMIN, or holds one of ``roles`` inside ``skpd_id``."""
    require_role(actor, *roles)
    if not actor.is_admin and actor.skpd_id != skpd_id:
        raise Forbidden(_OWN_SKPD_ONLY)


def require_hr(actor: Actor, skpd_id: str) -> None:
    """HR work on an SKPD's people (verifying complaints, records, documents; recaps): its KEPEGAWAIAN, the
    regional BKD (every SKPD of the instance), or the admin."""
    if actor.is_admin or actor.has(Role.BKD):
        return
    if actor.has(Role.KEPEGAWAIAN) and actor.skpd_id == skpd_id:
        return
    raise Forbidden(_HR_ONLY)


_HR_ONLY = "Hanya petugas kepegawaian SKPD ini (atau BKD) yang dapat melakukan tindakan ini."


def hr_skpd_scope(actor: Actor) -> str | None:
    """The SKPD an HR officer's lists are limited to; ``None``: every SKPD (BKD, admin)."""
    if actor.is_admin or actor.has(Role.BKD):
        return None
    if actor.has(Role.KEPEGAWAIAN):
        return actor.skpd_id
    raise Forbidden("Hanya petugas kepegawaian atau BKD yang dapat melihat daftar ini.")


def require_hr_over(actor: Actor, employee: Employee | None) -> Employee:
    """HR's authority over one employee (`require_hr` on their SKPD), decided before revealing whether the NIP
    exists: an unknown NIP is 404 only to whoever serves every SKPD (BKD, admin); to anyone else it is the same
    403 as an employee of another SKPD, so nobody learns from the answer which NIPs are registered."""
    if employee is not None:
        require_hr(actor, employee.skpd_id)
        return employee
    if actor.is_admin or actor.has(Role.BKD):
        raise NotFound("Pegawai tidak ditemukan.", code="EMPLOYEE_NOT_FOUND")
    raise Forbidden(_HR_ONLY)  # exactly as for an employee of another SKPD


_OWN_SKPD_ONLY = "Anda hanya dapat mengelola pegawai di SKPD Anda sendiri."
_NOT_VISIBLE = "Anda tidak berhak melihat data pegawai ini."


def require_staff_over(actor: Actor, employee: Employee | None, *roles: Role) -> Employee:
    """The authority of the SKPD's staff holding one of ``roles`` (the operator...) over one employee, decided before
    revealing whether the NIP exists: whoever lacks the roles is refused alike for any NIP, an unknown NIP is 404
    only to the admin (who serves every SKPD) and to anyone else the same 403 as an employee of another SKPD."""
    require_role(actor, *roles)
    if employee is not None:
        require_skpd_staff(actor, employee.skpd_id, *roles)
        return employee
    if actor.is_admin:
        raise NotFound("Pegawai tidak ditemukan.", code="EMPLOYEE_NOT_FOUND")
    raise Forbidden(_OWN_SKPD_ONLY)  # exactly as for an employee of another SKPD


def require_viewable(actor: Actor, employee: Employee | None) -> Employee:
    """A profile ``actor`` may see (`can_view_employee`); an unknown NIP is 404 only to whoever sees every profile
    (admin, BKD), to anyone else the same 403 as a profile they may not see, so nobody learns which NIPs exist."""
    if employee is None:
        if actor.is_admin or actor.has(Role.BKD):
            raise NotFound("Pegawai tidak ditemukan.", code="EMPLOYEE_NOT_FOUND")
        raise Forbidden(_NOT_VISIBLE)
    if not can_view_employee(actor, employee):
        raise Forbidden(_NOT_VISIBLE)
    return employee


#: What decides a person's own approvals or entitlements on their account, with the word for each.
ENTITLEMENT_FIELDS = {"supervisor_nip": "atasan", "tmt": "TMT", "employment_status": "kedudukan kepegawaian"}


def forbid_own_entitlement(actor_nip: str, subject_nip: str, what: str) -> None:
    """Nobody changes the data that decides their own approvals or entitlements (their supervisor, TMT,
    employment type, opening leave balances, cuti bersama worked, roles, delegations to themselves): another
    officer of the SKPD or the admin does it. The admin has no exception."""
    if actor_nip == subject_nip:
        raise Forbidden(
            f"Data yang menentukan persetujuan atau hak Anda sendiri ({what}) hanya dapat diubah oleh petugas "
            "lain atau admin.",
            code="OWN_ENTITLEMENT",
            details={"what": what},
        )


def changed_entitlements(before: Employee, after: Employee) -> list[str]:
    """Which of the account's entitlement fields (`ENTITLEMENT_FIELDS`) a change touches, by their words."""
    return [ENTITLEMENT_FIELDS[name] for name in entitlement_changes(before, after)]


def entitlement_changes(before: Employee, after: Employee) -> dict[str, tuple[object, object]]:
    """The account's entitlement fields a change touches, each with its (old, new) value (for both histories)."""
    return {
        name: (getattr(before, name), getattr(after, name))
        for name in ENTITLEMENT_FIELDS
        if getattr(before, name) != getattr(after, name)
    }


def forbid_self_decision(decider_nip: str, subject_nip: str) -> None:
    """Whoever decides (a supervisor, a delegate, an HR officer) is never the person the decision is about."""
    if decider_nip == subject_nip:
        raise Forbidden("Anda tidak dapat memverifikasi pengajuan Anda sendiri.", code="SELF_DECISION")


def check_supervisor_scope(actor: Actor, employee_skpd: str, supervisor_skpd: str) -> bool:
    """Whether a supervisor link crosses SKPD (then it must be recorded); only the admin may set such a link.

    A kepala dinas reporting to the Sekda is legitimate, but an SKPD operator never reaches outside their SKPD.
    """
    if employee_skpd == supervisor_skpd:
        return False
    if not actor.is_admin:
        raise Forbidden(
            "Atasan dari SKPD lain hanya dapat ditetapkan oleh admin.",
            code="CROSS_SKPD_SUPERVISOR",
            details={"field": "supervisor_nip"},
        )
    return True


def can_view_employee(actor: Actor, target: Employee) -> bool:
    """Self, the direct supervisor, ADMIN, BKD, and the operator/HR of the same SKPD may see a profile."""
    if actor.is_admin or actor.has(Role.BKD) or actor.nip == target.nip or target.supervisor_nip == actor.nip:
        return True
    same_skpd = actor.skpd_id == target.skpd_id
    return same_skpd and (actor.has(Role.OPERATOR_SKPD) or actor.has(Role.KEPEGAWAIAN))


def check_new_password(password: str, *, nip: str, name: str, common: Container[str]) -> None:
    """NIST/ASVS-style policy: length 8-128, no composition rules, not common, not the user's identity."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(f"Kata sandi minimal {MIN_PASSWORD_LENGTH} karakter.", code="PASSWORD_TOO_SHORT")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationError(f"Kata sandi paling banyak {MAX_PASSWORD_LENGTH} karakter.", code="PASSWORD_TOO_LONG")
    lowered = password.lower()
    if lowered in common or len(set(lowered)) == 1:
        raise ValidationError(
            "Kata sandi ini terlalu umum dan mudah ditebak; pilih yang lain.", code="PASSWORD_TOO_COMMON"
        )
    name_parts = [p for p in name.lower().split() if len(p) >= 4]
    if nip in password or any(p in lowered for p in name_parts):
        raise ValidationError("Kata sandi tidak boleh memuat NIP atau nama Anda.", code="PASSWORD_CONTAINS_IDENTITY")


def generate_temporary_password(length: int = 12) -> str:
    """A random temporary password without look-alike characters."""
    import secrets  # here, not at import: it brings hashlib, which no cold start needs

    return "".join(secrets.choice(_TEMP_ALPHABET) for _ in range(length))


@dataclass(frozen=True)
class SignInGuard:
    """Consecutive failed sign-ins for one account (or unknown username) and the lock they caused."""

    failures: int = 0
    locked_until: datetime | None = None

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until


def lock_after_failures(failures: int, last_attempt: datetime) -> datetime | None:
    """The fifth failed attempt in a row locks the account for 15 minutes after it; fewer lock nothing.

    Attempts are counted *before* their password is checked, so parallel guesses cannot slip past the limit.
    """
    return last_attempt + LOCK_DURATION if failures >= MAX_FAILED_SIGN_INS else None
