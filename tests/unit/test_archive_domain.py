"""The document archive's rules without I/O: who a category applies to, the completeness score and its label,
the document lifecycle; and what the request models check of the admin's category input and the employee's
declaration (the service takes them as they are)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from chalicelib.domain.accounts import Actor, Employee, EmploymentStatus, Role
from chalicelib.domain.archive import (
    DEFAULT_CATEGORIES,
    AppliesTo,
    ArchiveProfile,
    Category,
    Condition,
    Document,
    DocumentStatus,
    FileKinds,
    Group,
    applies,
    check_withdrawable,
    completeness,
    decided,
    require_archive_access,
    require_owner,
    score_label,
    sort_categories,
    uploaded,
    with_employment,
)
from chalicelib.domain.errors import Conflict, Forbidden, ValidationError
from chalicelib.domain.identity import TimeZone
from tests.support import payload

NOW = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)
NIP, HR_NIP = "199001152015032001", "197805202003121002"


def _category(code: str, applies_to: AppliesTo = AppliesTo.ALL, group: Group = Group.UTAMA, **extra) -> Category:
    return Category(code, code.title(), group, applies_to, **extra)


def _profile(states: dict[str, DocumentStatus] | None = None, **extra) -> ArchiveProfile:
    return ArchiveProfile(NIP, states=states or {}, **extra)


UTAMA = [_category(c) for c in ("KTP", "NPWP", "DRH", "IJAZAH")]
KONDISIONAL = [
    _category("AKTA-NIKAH", AppliesTo.MENIKAH, Group.KONDISIONAL),
    _category("AKTA-ANAK", AppliesTo.MEMILIKI_ANAK, Group.KONDISIONAL),
    _category("SK-PPPK", AppliesTo.PPPK, Group.KONDISIONAL),
    _category("SK-CPNS", AppliesTo.CPNS_PNS),
    _category("SK-PNS", AppliesTo.PNS),
]


class TestWhoACategoryAppliesTo:
    def test_all_employment_and_conditions(self):
        pns, pppk = _profile(), _profile(employment=EmploymentStatus.PPPK)
        cpns = _profile(employment=EmploymentStatus.CPNS)
        married = _profile(conditions=frozenset({Condition.MENIKAH}))
        by_code = {c.code: c for c in UTAMA + KONDISIONAL}
        assert applies(by_code["KTP"], pns) and applies(by_code["KTP"], pppk)
        assert applies(by_code["SK-CPNS"], pns) and applies(by_code["SK-CPNS"], cpns)
        assert not applies(by_code["SK-CPNS"], pppk)
        assert applies(by_code["SK-PNS"], pns) and not applies(by_code["SK-PNS"], cpns)
        assert applies(by_code["SK-PPPK"], pppk) and not applies(by_code["SK-PPPK"], pns)
        assert applies(by_code["AKTA-NIKAH"], married) and not applies(by_code["AKTA-NIKAH"], pns)
        assert not applies(by_code["AKTA-ANAK"], married)

    def test_a_retired_category_applies_to_nobody(self):
        assert not applies(replace(UTAMA[0], active=False), _profile())


class TestCompletenessScore:
    def test_counts_only_verified_documents_of_categories_that_apply(self):
        states = {
            "KTP": DocumentStatus.APPROVED,
            "NPWP": DocumentStatus.SUBMITTED,  # waiting: not counted yet
            "DRH": DocumentStatus.REJECTED,
            "AKTA-NIKAH": DocumentStatus.APPROVED,  # verified, but does not apply (not married): counts for nothing
            "SK-CPNS": DocumentStatus.APPROVED,
        }
        score = completeness(UTAMA + KONDISIONAL, _profile(states))
        assert score.required == ("DRH", "IJAZAH", "KTP", "NPWP", "SK-CPNS", "SK-PNS")  # utama by order then code
        assert score.verified == ("KTP", "SK-CPNS")
        assert score.missing == ("DRH", "IJAZAH", "NPWP", "SK-PNS")
        assert (score.score, score.label) == (33, "Tidak lengkap")  # 2 of 6

    def test_a_condition_that_applies_adds_a_required_category(self):
        all_verified = {c.code: DocumentStatus.APPROVED for c in UTAMA + KONDISIONAL[3:]}
        single = completeness(UTAMA + KONDISIONAL, _profile(all_verified))
        assert (single.score, single.label) == (100, "Sangat lengkap")
        married = completeness(UTAMA + KONDISIONAL, _profile(all_verified, conditions=frozenset({Condition.MENIKAH})))
        assert married.missing == ("AKTA-NIKAH",) and (married.score, married.label) == (85, "Lengkap")  # 6 of 7

    def test_rounds_down_so_100_means_everything_is_verified(self):
        categories = [_category(f"C{n:02d}") for n in range(200)]
        states = {c.code: DocumentStatus.APPROVED for c in categories[:-1]}
        assert completeness(categories, _profile(states)).score == 99

    def test_nothing_applies_is_complete_and_nothing_verified_is_zero(self):
        assert completeness([KONDISIONAL[0]], _profile()).score == 100
        assert completeness([], _profile()).label == "Sangat lengkap"
        assert (completeness(UTAMA, _profile()).score, completeness(UTAMA, _profile()).label) == (0, "Tidak lengkap")

    def test_retired_categories_do_not_count(self):
        states = {"KTP": DocumentStatus.APPROVED}
        categories = [UTAMA[0], replace(UTAMA[1], active=False)]
        assert completeness(categories, _profile(states)).score == 100

    @pytest.mark.parametrize(
        ("score", "label"),
        [
            (100, "Sangat lengkap"),
            (99, "Lengkap"),
            (80, "Lengkap"),
            (79, "Cukup lengkap"),
            (60, "Cukup lengkap"),
            (59, "Kurang lengkap"),
            (40, "Kurang lengkap"),
            (39, "Tidak lengkap"),
            (0, "Tidak lengkap"),
        ],
    )
    def test_bands(self, score, label):
        assert score_label(score) == label


class TestDefaults:
    def test_two_groups_as_in_myasn(self):
        utama = [c.code for c in DEFAULT_CATEGORIES if c.group is Group.UTAMA]
        kondisional = [c.code for c in DEFAULT_CATEGORIES if c.group is Group.KONDISIONAL]
        assert utama == ["SK-CPNS", "SK-PNS", "D2NP", "DRH", "IJAZAH", "SK-PANGKAT", "SK-JABATAN", "KTP", "NPWP"]
        assert {"AKTA-NIKAH", "AKTA-ANAK", "SK-PPPK", "SK-TUGAS-BELAJAR"} <= set(kondisional)
        assert all(c.applies_to is not AppliesTo.ALL for c in DEFAULT_CATEGORIES if c.group is Group.KONDISIONAL)
        assert len({c.code for c in DEFAULT_CATEGORIES}) == len(DEFAULT_CATEGORIES)
        assert [c.code for c in sort_categories(reversed(DEFAULT_CATEGORIES))][:2] == ["SK-CPNS", "SK-PNS"]

    def test_a_fresh_pns_must_keep_the_main_archive_only(self):
        required = completeness(DEFAULT_CATEGORIES, _profile()).required
        assert len(required) == 9 and "SK-PPPK" not in required

    def test_employment_status_comes_from_the_account(self):
        owner = TestAccess.owner
        assert with_employment(_profile(), owner).employment is EmploymentStatus.PNS  # unknown counts as PNS
        pppk = with_employment(_profile(), replace(owner, employment_status=EmploymentStatus.PPPK))
        cpns = with_employment(_profile(), replace(owner, employment_status=EmploymentStatus.CPNS))
        assert completeness(DEFAULT_CATEGORIES, pppk).required == (
            "D2NP",
            "DRH",
            "IJAZAH",
            "SK-JABATAN",
            "KTP",
            "NPWP",
            "SK-PPPK",
        )
        assert "SK-CPNS" in completeness(DEFAULT_CATEGORIES, cpns).required
        assert not {"SK-PNS", "SK-PANGKAT"} & set(completeness(DEFAULT_CATEGORIES, cpns).required)

    def test_file_rules_follow_the_category(self):
        ktp = next(c for c in DEFAULT_CATEGORIES if c.code == "KTP")
        sk = next(c for c in DEFAULT_CATEGORIES if c.code == "SK-PNS")
        assert set(ktp.rule.types) == {"application/pdf", "image/jpeg", "image/png"} and ktp.rule.size_label == "512 KB"
        assert list(sk.rule.types) == ["application/pdf"] and sk.rule.max_bytes == 1024 * 1024


def _document(status: DocumentStatus = DocumentStatus.SUBMITTED) -> Document:
    return Document(
        NIP, "KTP", status, "archive/k.pdf", "ktp.pdf", "application/pdf", 100, NOW, "DINKES", "PKM", version=1
    )


class TestLifecycle:
    def test_an_upload_waits_for_verification_whatever_came_before(self):
        for previous in (None, _document(DocumentStatus.APPROVED), _document(DocumentStatus.REJECTED)):
            new = uploaded(
                previous,
                nip=NIP,
                category=UTAMA[0],
                key="archive/new.pdf",
                filename="ktp.pdf",
                content_type="application/pdf",
                size=10,
                at=NOW,
                unit=("DINKES", "PKM"),
            )
            assert new.status is DocumentStatus.SUBMITTED and new.decided_by is None
            assert new.version == (previous.version if previous else 0)
        with pytest.raises(ValidationError) as retired:
            uploaded(
                None,
                nip=NIP,
                category=replace(UTAMA[0], active=False),
                key="k",
                filename="f.pdf",
                content_type="application/pdf",
                size=1,
                at=NOW,
                unit=("A", "B"),
            )
        assert retired.value.code == "CATEGORY_RETIRED"

    def test_hr_decides_a_waiting_document_never_their_own(self):
        done = decided(_document(), DocumentStatus.APPROVED, by=HR_NIP, at=NOW, note=None)
        assert (done.status, done.decided_by, done.decided_at) == (DocumentStatus.APPROVED, HR_NIP, NOW)
        with pytest.raises(Conflict) as again:
            decided(done, DocumentStatus.REJECTED, by=HR_NIP, at=NOW, note="x")
        assert again.value.code == "DOCUMENT_NOT_PENDING"
        with pytest.raises(Forbidden) as own:
            decided(_document(), DocumentStatus.APPROVED, by=NIP, at=NOW, note=None)
        assert own.value.code == "SELF_DECISION"

    def test_only_unverified_documents_can_be_withdrawn(self):
        check_withdrawable(_document(DocumentStatus.SUBMITTED))
        check_withdrawable(_document(DocumentStatus.REJECTED))
        with pytest.raises(Conflict) as locked:
            check_withdrawable(_document(DocumentStatus.APPROVED))
        assert locked.value.code == "DOCUMENT_LOCKED"


class TestAccess:
    owner = Employee(NIP, "Dewi", "Perawat", "DINKES", "PKM", "6281", TimeZone.WIB, supervisor_nip="197512102000031003")

    def _actor(self, nip: str, skpd: str, *roles: Role) -> Actor:
        return Actor(nip, skpd, frozenset({Role.PEGAWAI, *roles}))

    def test_owner_hr_of_the_skpd_bkd_and_admin_only(self):
        for allowed in (
            self._actor(NIP, "DINKES"),
            self._actor(HR_NIP, "DINKES", Role.KEPEGAWAIAN),
            self._actor(HR_NIP, "BKPSDM", Role.BKD),
            self._actor(HR_NIP, "SETDA", Role.ADMIN),
        ):
            require_archive_access(allowed, self.owner)
        for refused in (
            self._actor("197512102000031003", "DINKES", Role.ATASAN),  # the supervisor is not HR
            self._actor(HR_NIP, "DISDIK", Role.KEPEGAWAIAN),  # HR of another SKPD
            self._actor(HR_NIP, "DINKES", Role.OPERATOR_SKPD),
            self._actor("199204232019031004", "DINKES"),  # a colleague
        ):
            with pytest.raises(Forbidden):
                require_archive_access(refused, self.owner)

    def test_only_the_owner_uploads(self):
        require_owner(self._actor(NIP, "DINKES"), NIP)
        with pytest.raises(Forbidden) as refused:
            require_owner(self._actor(HR_NIP, "DINKES", Role.ADMIN), NIP)
        assert refused.value.code == "NOT_OWNER"


class TestInput:
    def test_a_new_category_needs_code_name_and_group(self):
        made = payload(
            "ArchiveCategoryInput",
            {"code": "sk-cuti", "name": " SK cuti besar ", "group": "kondisional", "applies_to": "PNS", "max_kb": 300},
        )
        assert (made.code, made.name, made.group, made.applies_to, made.max_kb, made.files) == (
            "SK-CUTI",
            "SK cuti besar",
            Group.KONDISIONAL,
            AppliesTo.PNS,
            300,
            None,  # not sent: the category's default
        )
        assert Category(made.code, made.name, made.group).files is FileKinds.PDF
        for data, code in (
            ({"name": "x", "group": "UTAMA"}, "REQUIRED"),
            ({"code": "A", "name": "x", "group": "UTAMA"}, "INVALID_CODE"),
            ({"code": "AB", "group": "UTAMA"}, "REQUIRED"),
            ({"code": "AB", "name": "  ", "group": "UTAMA"}, "REQUIRED"),
            ({"code": "AB", "name": "x"}, "REQUIRED"),
            ({"code": "AB", "name": "x", "group": "LAIN"}, "INVALID_GROUP"),
            ({"code": "AB", "name": "x", "group": "UTAMA", "applies_to": "JANDA"}, "INVALID_APPLIES_TO"),
            ({"code": "AB", "name": "x", "group": "UTAMA", "max_kb": 10}, "OUT_OF_RANGE"),
            ({"code": "AB", "name": "x", "group": "UTAMA", "files": "DOC"}, "INVALID_FILE_KINDS"),
            ({"code": "AB", "name": "x", "group": "UTAMA", "order": True}, "INVALID_TYPE"),
        ):
            with pytest.raises(ValidationError) as refused:
                payload("ArchiveCategoryInput", data)
            assert refused.value.code == code, data

    def test_a_change_needs_the_version_and_leaves_out_what_is_not_sent(self):
        changed = payload("ArchiveCategoryPatch", {"name": "SK CPNS (80%)", "active": False, "version": 1})
        assert (changed.name, changed.active, changed.max_kb) == ("SK CPNS (80%)", False, None)
        for data, code in (
            ({"name": "x"}, "VERSION_REQUIRED"),
            ({"name": "x", "version": None}, "VERSION_REQUIRED"),
            ({"active": "ya", "version": 1}, "INVALID_TYPE"),
            ({"name": " ", "version": 1}, "REQUIRED"),
        ):
            with pytest.raises(ValidationError) as refused:
                payload("ArchiveCategoryPatch", data)
            assert refused.value.code == code, data

    def test_the_declaration(self):
        declared = payload("ArchiveProfileInput", {"conditions": ["MENIKAH", "memiliki_anak"]})
        assert frozenset(declared.conditions) == {Condition.MENIKAH, Condition.MEMILIKI_ANAK}
        assert payload("ArchiveProfileInput", {"conditions": []}).conditions == []
        for data, code in (({}, "REQUIRED"), ({"conditions": ["CERAI"]}, "INVALID_CONDITION")):
            with pytest.raises(ValidationError) as refused:
                payload("ArchiveProfileInput", data)
            assert refused.value.code == code
