"""Who hears of an SKP or assessment step (`domain/skp_notices.py`), table-tested on the images a change leaves,
and the service that sends each notice once (`services/skp_notifications.py`) over the in-memory twins."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from itertools import count

import pytest

from chalicelib.domain import quarter_assessment as qa
from chalicelib.domain import skp as rules
from chalicelib.domain.assessment import Rating
from chalicelib.domain.skp import Indicator, RhkKind, TargetDraft
from chalicelib.domain.skp_notices import Notice, notices
from tests.unit.world import APP_URL, Clock, World, at

NOW = at("2026-03-02 02:00")
STAFF, BOSS, DELEGATE, NEW_BOSS = "199001152015031001", "197512102000031003", "198203032008011002", "198001012005011001"
_ids = count(1)


def _id() -> str:
    return f"{next(_ids):012x}"


def _version(skp, n: int):
    """The item as the table holds it after its ``n``-th write (the key names the version)."""
    return replace(skp, version=n)


def draft_skp() -> rules.Skp:
    skp = rules.create(STAFF, 2026, "DINKES", "PKM", NOW)
    target = TargetDraft("Menyusun laporan keuangan", RhkKind.UTAMA, (Indicator("Laporan", 12, "dokumen"),))
    return rules.edit(skp, [target], by=STAFF, now=NOW, parents=(), new_id=_id)


def submitted_skp(penilai: str = BOSS) -> rules.Skp:
    return _version(rules.submit(draft_skp(), by=STAFF, penilai_nip=penilai, now=NOW), 3)


def approved_skp() -> rules.Skp:
    approved, _ = rules.approve(submitted_skp(), by=BOSS, now=NOW)
    return _version(approved, 4)


def assessed(quarter: int = 1, *, by: str = BOSS, for_nip: str | None = None) -> qa.Assessment:
    draft = qa.Draft(Rating.DI_ATAS_EKSPEKTASI, Rating.SESUAI_EKSPEKTASI, (), "Tepat waktu.", {})
    return _version(qa.assess(approved_skp(), quarter, draft, None, by=by, for_nip=for_nip, now=NOW), 1)


def acknowledged(quarter: int = 1) -> qa.Assessment:
    return _version(qa.acknowledge(assessed(quarter), by=STAFF, now=NOW), 2)


SKP_ID = f"{STAFF}.2026"


def test_a_submission_tells_the_penilai_once_per_submission():
    old, new = _version(draft_skp(), 2), submitted_skp()
    assert notices(old, new) == [Notice("submitted", BOSS, SKP_ID, STAFF, 2026, f"{SKP_ID}:SKP:3:submitted")]
    returned = _version(rules.return_(new, by=BOSS, now=NOW, note="Lengkapi indikator"), 4)
    again = _version(rules.submit(returned, by=STAFF, penilai_nip=BOSS, now=NOW), 5)
    assert [n.key for n in notices(returned, again)] == [f"{SKP_ID}:SKP:5:submitted"]  # a new event, a new key


def test_a_change_of_an_approved_skp_is_submitted_as_a_revision():
    approved = approved_skp()
    neraca = TargetDraft("Menyusun neraca", RhkKind.UTAMA, (Indicator("Neraca", 1, "dokumen"),))
    edited = rules.edit(approved, [neraca], by=STAFF, now=NOW, parents=(), new_id=_id)
    again = _version(rules.submit(edited, by=STAFF, penilai_nip=BOSS, now=NOW), 6)
    (notice,) = notices(_version(edited, 5), again)
    assert (notice.kind, notice.to, notice.revision) == ("submitted", BOSS, True)


def test_a_submitted_skp_moved_to_a_new_supervisor_tells_the_new_one():
    old = submitted_skp()
    moved = _version(rules.change_penilai(old, NEW_BOSS, by="SYSTEM", now=NOW), 4)
    (notice,) = notices(old, moved)
    assert (notice.kind, notice.to, notice.key) == ("submitted", NEW_BOSS, f"{SKP_ID}:SKP:4:submitted")


def test_approval_and_return_tell_the_employee_who_decided_and_for_whom():
    old = submitted_skp()
    approved, _ = rules.approve(old, by=BOSS, now=NOW)
    (notice,) = notices(old, _version(approved, 4))
    assert (notice.kind, notice.to, notice.by, notice.on_behalf_of, notice.note) == (
        "approved",
        STAFF,
        BOSS,
        None,
        None,
    )
    returned = rules.return_(old, by=DELEGATE, now=NOW, note="Target terlalu umum", on_behalf_of=BOSS)
    (notice,) = notices(old, _version(returned, 4))
    assert (notice.kind, notice.to, notice.by, notice.on_behalf_of, notice.note) == (
        "returned",
        STAFF,
        DELEGATE,
        BOSS,
        "Target terlalu umum",
    )
    assert notice.key == f"{SKP_ID}:SKP:4:returned"


def test_a_quarter_assessed_tells_the_employee_on_first_recording_only():
    first = assessed(2)
    (notice,) = notices(None, first)
    assert (notice.kind, notice.to, notice.quarter, notice.predicate, notice.by) == (
        "assessed",
        STAFF,
        2,
        "Baik",
        BOSS,
    )
    assert notice.key == f"{SKP_ID}:Q#2:1:assessed"
    draft = qa.Draft(Rating.DI_ATAS_EKSPEKTASI, Rating.DI_ATAS_EKSPEKTASI, (), None, {})
    corrected = qa.assess(approved_skp(), 2, draft, first, by=BOSS, for_nip=None, now=NOW + timedelta(hours=1))
    assert notices(first, _version(corrected, 2)) == []  # a correction before the acknowledgement: no new message


def test_an_assessment_by_a_delegate_names_both():
    (notice,) = notices(None, assessed(1, by=DELEGATE, for_nip=BOSS))
    assert (notice.by, notice.on_behalf_of) == (DELEGATE, BOSS)


@pytest.mark.parametrize(("quarter", "closes"), [(1, False), (3, False), (4, True)])
def test_an_acknowledgement_tells_the_penilai_and_the_fourth_closes_the_year(quarter, closes):
    (notice,) = notices(assessed(quarter), acknowledged(quarter))
    assert (notice.kind, notice.to, notice.by, notice.quarter, notice.closes_year) == (
        "acknowledged",
        BOSS,
        STAFF,
        quarter,
        closes,
    )


def test_the_closing_of_the_head_sends_nothing_of_its_own():
    approved = approved_skp()
    assert notices(approved, _version(rules.close(approved, by=STAFF, now=NOW), 5)) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (None, rules.create(STAFF, 2026, "DINKES", "PKM", NOW)),  # a new draft
        (rules.create(STAFF, 2026, "DINKES", "PKM", NOW), draft_skp()),  # a draft edited
        (draft_skp(), _version(rules.edit(draft_skp(), [], by=STAFF, now=NOW, parents=(), new_id=_id), 3)),
        (submitted_skp(), submitted_skp()),  # a submitted SKP written again, same penilai
        (approved_skp(), _version(replace(approved_skp(), status=rules.SkpStatus.DRAFT), 5)),  # approved → draft
        (None, rules.ApprovedVersion(1, NOW, BOSS, ())),  # the approved version's snapshot V#00001
        (submitted_skp(), None),  # an item removed
        (None, None),
        (acknowledged(), acknowledged()),  # an acknowledged assessment written again
        (assessed(), assessed()),  # the same assessment again
    ],
)
def test_changes_that_tell_nobody(old, new):
    assert notices(old, new) == []


def test_a_submission_without_a_penilai_tells_nobody():
    assert notices(draft_skp(), replace(submitted_skp(), penilai_nip=None)) == []


# -- the service over the twins ------------------------------------------------------------------------------


@pytest.fixture
def world() -> World:
    return World(Clock(NOW))


def test_each_notice_is_sent_once_in_bahasa_indonesia_with_the_app_link(world):
    boss = world.employees.save(replace(world.person(name="Ir. Hadi Kepala"), email="hadi@example.go.id"))
    staff = world.person(supervisor=boss, name="Sari Lestari")
    delegate = world.person(name="Budi Wakil")
    service = world.services.skp_notifications
    draft = replace(draft_skp(), skp_id=f"{staff.nip}.2026", nip=staff.nip)
    submitted = _version(rules.submit(draft, by=staff.nip, penilai_nip=boss.nip, now=NOW), 3)

    assert service.on_change(draft, submitted) == ["submitted"]
    assert service.on_change(draft, submitted) == ["submitted"]  # the stream delivers the record again
    [(to, text)] = world.whatsapp.sent
    assert to == boss.whatsapp
    assert text == (
        "Halo Ir. Hadi Kepala, Sari Lestari mengajukan SKP 2026 untuk disetujui. Silakan tinjau, lalu setujui atau "
        f"kembalikan dengan catatan di {APP_URL}/persetujuan?jenis=skp."
    )
    [mail] = world.clients.notifications.messages  # the e-mail is queued once, for the notification worker
    assert (mail["kind"], mail["to"], mail["subject"]) == (
        "skp-email",
        "hadi@example.go.id",
        "SKP 2026 Sari Lestari menunggu persetujuan Anda",
    )
    service.send_email(mail)
    service.send_email(mail)  # the queue delivers it twice
    assert [m[:2] for m in world.mail.sent] == [("hadi@example.go.id", mail["subject"])]

    note = "Lengkapi indikator"
    returned = _version(rules.return_(submitted, by=delegate.nip, now=NOW, note=note, on_behalf_of=boss.nip), 4)
    service.on_change(submitted, returned)
    assert world.whatsapp.sent[-1] == (
        staff.whatsapp,
        "Halo Sari Lestari, SKP 2026 Anda dikembalikan oleh Budi Wakil atas nama Ir. Hadi Kepala untuk diperbaiki.\n"
        f"Catatan: Lengkapi indikator\nSilakan perbaiki lalu ajukan kembali di {APP_URL}/skp.",
    )
    again = _version(rules.submit(returned, by=staff.nip, penilai_nip=boss.nip, now=NOW), 5)
    approved, _ = rules.approve(again, by=boss.nip, now=NOW)
    service.on_change(again, _version(approved, 6))
    assert world.whatsapp.sent[-1][1].startswith(
        "Halo Sari Lestari, SKP 2026 Anda telah disetujui oleh Ir. Hadi Kepala."
    )

    draft_q = qa.Draft(Rating.DI_ATAS_EKSPEKTASI, Rating.DI_ATAS_EKSPEKTASI, (), None, {})
    q4 = _version(qa.assess(approved, 4, draft_q, None, by=boss.nip, for_nip=None, now=NOW), 1)
    service.on_change(None, q4)
    assert world.whatsapp.sent[-1] == (
        staff.whatsapp,
        "Halo Sari Lestari, penilaian triwulan IV 2026 atas SKP Anda telah diisi oleh Ir. Hadi Kepala; predikat "
        f"kinerja: Sangat Baik. Silakan baca dan konfirmasi di {APP_URL}/persetujuan?jenis=penilaian-triwulan.",
    )
    done = _version(qa.acknowledge(q4, by=staff.nip, now=NOW), 2)
    service.on_change(q4, done)
    service.on_change(q4, done)
    assert world.whatsapp.sent[-1] == (
        boss.whatsapp,
        "Halo Ir. Hadi Kepala, Sari Lestari telah membaca dan mengonfirmasi penilaian triwulan IV 2026. Dengan itu "
        f"SKP 2026 Sari Lestari selesai dinilai dan ditutup. Lihat di {APP_URL}/skp/staf.",
    )
    assert len(world.whatsapp.sent) == 5 and len(world.clients.notifications.messages) == 1  # e-mail: only the first


def test_the_stream_image_of_each_item_of_the_partition_decodes_to_its_domain_object():
    from chalicelib.store.assessments import to_item as assessment_item
    from chalicelib.store.models import SkpItem
    from chalicelib.store.skp import to_item as head_item
    from chalicelib.store.skp import version_key
    from chalicelib.store.streams import images, skp_image

    head, quarter = approved_skp(), acknowledged(4)
    snapshot = SkpItem(skp_id=SKP_ID, item=version_key(1), nip=STAFF, year=2026, approved_version=1)
    snapshot.approved_at, snapshot.approved_by, snapshot.targets = NOW.isoformat(), BOSS, []
    record = {"dynamodb": {"OldImage": head_item(head).serialize(), "NewImage": assessment_item(quarter).serialize()}}
    old, new = images(record, skp_image)
    assert old == head and new == quarter
    assert skp_image(snapshot.serialize()) == rules.ApprovedVersion(1, NOW, BOSS, ())
