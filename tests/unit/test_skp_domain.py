"""SKP rules (issue 19): states, editing and submitting, approval versions, the cascade, the report's RHK."""

from __future__ import annotations

from dataclasses import replace
from itertools import count

import pytest

from chalicelib.domain import skp as rules
from chalicelib.domain.errors import BusinessRule, Conflict, Forbidden, ValidationError
from chalicelib.domain.skp import Indicator, RhkKind, SkpStatus, TargetDraft
from tests.unit.world import at

OWNER, BOSS = "198503152010011001", "197001012000011001"
NOW = at("2026-01-05 02:00")
_ids = count(1)


def new_id() -> str:
    return f"{next(_ids):012x}"


def draft(text: str = "Menyusun laporan keuangan", kind: RhkKind = RhkKind.UTAMA, **extra) -> TargetDraft:
    return TargetDraft(text, kind, (Indicator("Laporan tersusun", 12, "laporan"),), **extra)


def fresh() -> rules.Skp:
    return replace(rules.create(OWNER, 2026, "DINKES", "PKM", NOW), version=1)


def edited(skp: rules.Skp, *drafts: TargetDraft, parents=()) -> rules.Skp:
    return rules.edit(skp, drafts or (draft(),), by=OWNER, now=NOW, parents=set(parents), new_id=new_id)


def submitted(skp: rules.Skp) -> rules.Skp:
    return rules.submit(skp, by=OWNER, penilai_nip=BOSS, now=NOW)


def test_a_new_skp_is_an_empty_draft_with_a_deterministic_id():
    skp = rules.create(OWNER, 2026, "DINKES", "PKM", NOW)
    assert (skp.skp_id, skp.status, skp.targets, skp.approved_version) == (f"{OWNER}.2026", SkpStatus.DRAFT, (), 0)
    assert rules.parse_skp_id(skp.skp_id) == (OWNER, 2026)
    assert rules.parse_skp_id("nonsense") is None
    assert [h.action for h in skp.history] == ["CREATED"]


def test_labels_are_bahasa_indonesia():
    assert [rules.STATUS_LABELS[s] for s in SkpStatus] == ["Draf", "Diajukan", "Disetujui", "Dikembalikan", "Selesai"]
    assert [rules.KIND_LABELS[k] for k in RhkKind] == ["Utama", "Tambahan"]


def test_editing_assigns_ids_to_new_targets_and_keeps_those_sent_back():
    skp = edited(fresh(), draft("A"), draft("B", RhkKind.TAMBAHAN))
    first, second = skp.targets
    assert rules.RHK_ID.match(first.rhk_id) and first.rhk_id != second.rhk_id
    again = edited(skp, draft("A, diperbaiki", rhk_id=first.rhk_id), draft("C"))
    assert again.targets[0].rhk_id == first.rhk_id and again.targets[0].text == "A, diperbaiki"
    assert again.targets[1].rhk_id not in (first.rhk_id, second.rhk_id)


def test_an_rhk_id_the_skp_never_had_or_sent_twice_is_refused():
    skp = edited(fresh())
    with pytest.raises(BusinessRule) as unknown:
        edited(skp, draft(rhk_id="abcdefabcdef"))
    assert unknown.value.code == "RHK_UNKNOWN"
    known = skp.targets[0].rhk_id
    with pytest.raises(ValidationError) as twice:
        edited(skp, draft(rhk_id=known), draft(rhk_id=known))
    assert twice.value.code == "DUPLICATE_RHK"


def test_target_and_indicator_limits():
    with pytest.raises(ValidationError) as many:
        edited(fresh(), *[draft(f"RHK {n}") for n in range(31)])
    assert many.value.code == "TOO_MANY_ITEMS"
    assert len(edited(fresh(), *[draft(f"RHK {n}") for n in range(30)]).targets) == 30
    with pytest.raises(ValidationError):
        edited(fresh(), TargetDraft("A", RhkKind.UTAMA, ()))
    with pytest.raises(ValidationError):
        edited(fresh(), TargetDraft("A", RhkKind.UTAMA, (Indicator("x", 0, "dokumen"),)))
    with pytest.raises(ValidationError):
        edited(fresh(), TargetDraft("A", RhkKind.UTAMA, tuple(Indicator("x", 1, "d") for _ in range(6))))


def test_only_the_owner_edits_or_submits():
    skp = edited(fresh())
    with pytest.raises(Forbidden):
        rules.edit(skp, [draft()], by=BOSS, now=NOW, parents=set(), new_id=new_id)
    with pytest.raises(Forbidden):
        rules.submit(skp, by=BOSS, penilai_nip=BOSS, now=NOW)


def test_submitting_needs_a_main_rhk_and_a_supervisor():
    with pytest.raises(BusinessRule) as incomplete:
        submitted(edited(fresh(), draft(kind=RhkKind.TAMBAHAN)))
    assert incomplete.value.code == "SKP_INCOMPLETE"
    with pytest.raises(BusinessRule) as nobody:
        rules.submit(edited(fresh()), by=OWNER, penilai_nip=None, now=NOW)
    assert nobody.value.code == "NO_SUPERVISOR"
    skp = submitted(edited(fresh()))
    assert (skp.status, skp.penilai_nip, skp.submitted_at) == (SkpStatus.SUBMITTED, BOSS, NOW)


def test_a_submitted_skp_cannot_be_edited_or_submitted_again():
    skp = submitted(edited(fresh()))
    with pytest.raises(Conflict) as locked:
        edited(skp)
    assert locked.value.code == "SKP_NOT_EDITABLE"
    with pytest.raises(Conflict) as again:
        submitted(skp)
    assert again.value.code == "SKP_NOT_SUBMITTABLE"


def test_returned_with_a_note_then_edited_and_submitted_again():
    skp = rules.return_(submitted(edited(fresh())), by=BOSS, now=NOW, note="Tambahkan indikator kualitas")
    assert (skp.status, skp.note) == (SkpStatus.RETURNED, "Tambahkan indikator kualitas")
    skp = edited(skp, draft(rhk_id=skp.targets[0].rhk_id))
    assert skp.status is SkpStatus.RETURNED  # the note stays in sight until it is submitted again
    again = submitted(skp)
    assert (again.status, again.note) == (SkpStatus.SUBMITTED, None)
    assert [h.action for h in again.history] == ["CREATED", "UPDATED", "SUBMITTED", "RETURNED", "UPDATED", "SUBMITTED"]


def test_every_approval_is_a_new_version_and_editing_an_approved_skp_makes_it_a_draft():
    skp = edited(fresh())
    approved, first = rules.approve(submitted(skp), by=BOSS, now=NOW)
    assert (approved.status, approved.approved_version, first.approved_version) == (SkpStatus.APPROVED, 1, 1)
    assert approved.approved_targets == approved.targets == first.targets
    old_rhk = approved.targets[0].rhk_id
    changed = edited(approved, draft("Baru"))
    assert changed.status is SkpStatus.DRAFT
    assert changed.approved_targets == first.targets  # still what reports choose from
    assert rules.approved_target(changed, old_rhk) is not None
    assert rules.changes_from_approved(changed)
    second_skp, second = rules.approve(submitted(changed), by=BOSS, now=NOW)
    assert (second_skp.approved_version, second.approved_version) == (2, 2)
    assert rules.approved_target(second_skp, old_rhk) is None


def test_nobody_approves_or_returns_their_own_skp_and_only_a_submitted_one():
    mine = replace(submitted(edited(fresh())), penilai_nip=OWNER)
    with pytest.raises(Forbidden) as own:
        rules.approve(mine, by=OWNER, now=NOW)
    assert own.value.code == "SELF_DECISION"
    with pytest.raises(Conflict) as draft_state:
        rules.approve(edited(fresh()), by=BOSS, now=NOW)
    assert draft_state.value.code == "ALREADY_DECIDED"


def test_a_parent_must_be_an_rhk_of_the_supervisors_approved_skp():
    with pytest.raises(BusinessRule) as unknown:
        edited(fresh(), draft(parent_rhk_id="0000000000aa"), parents={"0000000000bb"})
    assert unknown.value.code == "PARENT_RHK_UNKNOWN"
    skp = edited(fresh(), draft(parent_rhk_id="0000000000bb"), parents={"0000000000bb"})
    assert skp.targets[0].parent_rhk_id == "0000000000bb"
    # the supervisor later dropped that RHK: an untouched target keeps its parent, a new one may not take it
    kept = edited(skp, draft(parent_rhk_id="0000000000bb", rhk_id=skp.targets[0].rhk_id), parents=set())
    assert kept.targets[0].parent_rhk_id == "0000000000bb"
    with pytest.raises(BusinessRule):
        edited(skp, draft(parent_rhk_id="0000000000bb"), parents=set())


def test_the_cascade_hangs_each_staff_rhk_under_the_supervisors_target_it_names():
    boss = rules.create(BOSS, 2026, "DINKES", "PKM", NOW)
    roots = (
        rules.Target("0000000000aa", "Meningkatkan layanan", RhkKind.UTAMA, (Indicator("x", 1, "%"),)),
        rules.Target("0000000000bb", "Tata kelola keuangan", RhkKind.UTAMA, (Indicator("x", 1, "%"),)),
    )
    boss = replace(boss, approved_targets=roots)
    staff = edited(
        fresh(), draft("Melayani pasien", parent_rhk_id="0000000000aa"), draft("Lain"), parents={"0000000000aa"}
    )
    tree = rules.cascade(boss.approved_targets, {OWNER: staff})
    assert [(root.rhk_id, [(c.nip, c.rhk.text) for c in children]) for root, children in tree] == [
        ("0000000000aa", [(OWNER, "Melayani pasien")]),
        ("0000000000bb", []),
    ]


def test_a_reports_rhk_is_one_of_the_approved_targets_of_its_year():
    approved, _ = rules.approve(submitted(edited(fresh())), by=BOSS, now=NOW)
    rhk = approved.approved_targets[0].rhk_id
    assert rules.check_report_rhk(approved, rhk, 2026, required=False).rhk_id == rhk
    assert rules.check_report_rhk(approved, None, 2026, required=False) is None
    with pytest.raises(BusinessRule) as unknown:
        rules.check_report_rhk(approved, "ffffffffffff", 2026, required=False)
    assert unknown.value.code == "RHK_UNKNOWN" and "2026" in unknown.value.message
    with pytest.raises(BusinessRule) as unapproved:
        rules.check_report_rhk(edited(fresh()), "ffffffffffff", 2026, required=False)
    assert unapproved.value.code == "RHK_UNKNOWN"
    with pytest.raises(BusinessRule) as required:
        rules.check_report_rhk(approved, None, 2026, required=True)
    assert required.value.code == "RHK_REQUIRED"
