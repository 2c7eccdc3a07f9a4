"""The check-in's location rules (issue 20): the accuracy radius against the office radius, impossible travel
between consecutive check-ins, and HR's decision on a flagged check-in."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from chalicelib.domain.attendance import AttendanceDay, Fix, Session
from chalicelib.domain.checkin_guard import (
    CheckInFlag,
    FlagReason,
    FlagStatus,
    check_accuracy,
    decide,
    flag_id,
    impossible_travel,
    previous_fix,
    reason_label,
    split_flag_id,
    travel,
    travel_words,
)
from chalicelib.domain.errors import BusinessRule, Conflict, Forbidden, ValidationError
from chalicelib.domain.organisation import OfficeLocation

OFFICE = OfficeLocation(-6.2, 106.8, 100)
T0 = datetime(2026, 12, 7, 0, 30, tzinfo=UTC)
JAKARTA = (-6.2000, 106.8166)
SURABAYA = (-7.2575, 112.7521)  # ~663 km from Jakarta in a straight line
NIP = "198503152010011001"


@pytest.mark.parametrize(
    ("office", "accuracy", "outcome"),
    [
        (None, None, None),  # no office radius: nothing required, nothing refused
        (None, 5000.0, 5000.0),  # recorded as it is
        (OFFICE, 12.5, 12.5),
        (OFFICE, 100.0, 100.0),  # exactly the radius: still tells inside from outside
        (OFFICE, 100.1, "LOCATION_TOO_COARSE"),
        (OFFICE, 1500.0, "LOCATION_TOO_COARSE"),
        (OFFICE, None, "ACCURACY_REQUIRED"),
    ],
)
def test_a_fix_wider_than_the_office_radius_is_refused(office, accuracy, outcome):
    if isinstance(outcome, str):
        with pytest.raises((BusinessRule, ValidationError)) as refused:
            check_accuracy(office, accuracy)
        assert refused.value.code == outcome
        if outcome == "LOCATION_TOO_COARSE":
            assert refused.value.status == 422
            assert "tempat terbuka" in refused.value.message and "GPS" in refused.value.message
            assert refused.value.details == {"accuracy_m": round(accuracy), "radius_m": 100}
        else:
            assert refused.value.status == 400
        return
    assert check_accuracy(office, accuracy) == outcome


def fix(place, minutes: float, accuracy: float | None = 10.0) -> Fix:
    return Fix(place[0], place[1], T0 + timedelta(minutes=minutes), accuracy)


@pytest.mark.parametrize(
    ("before", "after", "impossible"),
    [
        (fix(JAKARTA, 0), fix(JAKARTA, 540), False),  # same place
        (fix(JAKARTA, 0), fix(JAKARTA, 0), False),  # same place, no time at all: not a move
        (fix(JAKARTA, 0), fix(SURABAYA, 0), True),  # far apart at the same instant
        (fix(JAKARTA, 0), fix(SURABAYA, 30), True),  # ~1 300 km/h
        (fix(JAKARTA, 0), fix(SURABAYA, 60 * 4), False),  # ~165 km/h: a fast trip, possible
        (fix(JAKARTA, 0), fix(SURABAYA, 60 * 24), False),  # the next day
        ((fix((-6.2, 106.8), 0)), fix((-6.2, 106.8085), 1), False),  # ~940 m: under the noise floor
    ],
)
def test_impossible_travel_over_the_skpd_speed(before, after, impossible):
    move = travel(before, after, date(2026, 12, 7), Session.PAGI)
    assert impossible_travel(move, 200) is impossible


def test_haversine_distance_less_the_accuracy_radii_over_the_time_between():
    move = travel(fix(JAKARTA, 0, 0.0), fix(SURABAYA, 60, 0.0), date(2026, 12, 6), Session.SORE)
    assert 660_000 < move.distance_m < 667_000
    assert move.elapsed_s == 3600 and 660 < move.speed_kmh < 667
    doubtful = travel(fix(JAKARTA, 0, 300_000.0), fix(SURABAYA, 60, 300_000.0), date(2026, 12, 6), Session.SORE)
    assert doubtful.distance_m < 67_000  # each position may be off by its radius
    instant = travel(fix(JAKARTA, 0), fix(SURABAYA, 0), date(2026, 12, 7), Session.PAGI)
    assert instant.speed_kmh is None and impossible_travel(instant, 2000)
    assert travel_words(instant).endswith("km seketika (tanpa selang waktu)")
    assert travel_words(move) == "665,9 km dalam 1 jam (666 km/jam)"
    seconds = travel(fix(JAKARTA, 0, 0.0), fix(SURABAYA, 0.5, 0.0), date(2026, 12, 7), Session.PAGI)
    assert travel_words(seconds).endswith(" km dalam kurang dari 1 menit")
    long_way = travel(fix(JAKARTA, 0, 0.0), fix(SURABAYA, 125, 0.0), date(2026, 12, 7), Session.PAGI)
    assert " km dalam 2 jam 5 menit (" in travel_words(long_way) and travel_words(long_way).endswith(" km/jam)")


def day_with(day: date, **fixes: Fix) -> AttendanceDay:
    return AttendanceDay(NIP, day, native_fixes={Session(k): v for k, v in fixes.items()})


def test_the_previous_check_in_is_todays_pagi_for_a_sore_else_the_latest_earlier_day():
    today, yesterday, before = date(2026, 12, 7), date(2026, 12, 4), date(2026, 12, 3)
    morning, evening, older = fix(JAKARTA, 0), fix(SURABAYA, -60 * 15), fix(JAKARTA, -60 * 40)
    recent = [day_with(today, PAGI=morning), day_with(yesterday, PAGI=older, SORE=evening), day_with(before)]
    assert previous_fix(recent, today, Session.SORE) == (today, Session.PAGI, morning)
    assert previous_fix(recent, today, Session.PAGI) == (yesterday, Session.SORE, evening)
    assert previous_fix([day_with(yesterday, PAGI=older)], today, Session.SORE) == (yesterday, Session.PAGI, older)
    assert previous_fix([day_with(today), day_with(before)], today, Session.PAGI) is None
    assert previous_fix([], today, Session.PAGI) is None


def flagged() -> CheckInFlag:
    return CheckInFlag(NIP, "SKPD-1", "SAT-1", date(2026, 12, 7), Session.SORE, T0, (FlagReason.IMPOSSIBLE_TRAVEL,))


def test_hr_decides_a_flag_once_and_never_their_own():
    flag = flagged()
    assert flag.flag_id == flag_id(NIP, date(2026, 12, 7), Session.SORE) == f"{NIP}.2026-12-07.SORE"
    assert split_flag_id(flag.flag_id) == (NIP, date(2026, 12, 7), Session.SORE)
    for bad in ("x", f"{NIP}.2026-13-01.PAGI", f"{NIP}.2026-12-07.SIANG", "1.2026-12-07.PAGI", f"{NIP}.a.b.c"):
        assert split_flag_id(bad) is None
    decided = decide(flag, FlagStatus.REJECTED, by="199001012015011001", at=T0, note="Lokasi palsu")
    assert decided.status is FlagStatus.REJECTED and decided.history[-1].changes["status"] == ["FLAGGED", "REJECTED"]
    with pytest.raises(Conflict):
        decide(decided, FlagStatus.APPROVED, by="199001012015011001", at=T0)
    with pytest.raises(Forbidden) as own:
        decide(flag, FlagStatus.APPROVED, by=NIP, at=T0)
    assert own.value.code == "SELF_DECISION"
    assert reason_label("IMPOSSIBLE_TRAVEL").startswith("Perpindahan") and reason_label("NEW_ONE") == "NEW_ONE"


def _jpeg(size: tuple[int, int] = (32, 24)) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (180, 120, 90)).save(out, "JPEG")
    return out.getvalue()


def test_a_selfie_is_read_by_content_not_by_name():
    import base64

    from chalicelib.domain.errors import PayloadTooLarge
    from chalicelib.domain.selfie import MAX_SELFIE_BYTES, read_selfie
    from chalicelib.integrations.images import decodes_as

    photo = _jpeg()
    as_text = base64.b64encode(photo).decode()
    assert read_selfie(as_text, required=True) == (photo, "image/jpeg")
    assert read_selfie(f"data:image/jpeg;base64,{as_text}", required=False) == (photo, "image/jpeg")
    assert read_selfie(None, required=False) is None and read_selfie("", required=False) is None
    for sent, code in (
        (None, "SELFIE_REQUIRED"),
        ("", "SELFIE_REQUIRED"),
        ("bukan base64!", "SELFIE_INVALID"),
        (base64.b64encode(b"MZ\x90\x00 an exe named foto.jpg").decode(), "SELFIE_INVALID"),
        ("data:image/jpeg;base64," + base64.b64encode(b"%PDF-1.7 a pdf").decode(), "SELFIE_INVALID"),
    ):
        with pytest.raises(BusinessRule) as refused:
            read_selfie(sent, required=True)
        assert (refused.value.code, refused.value.status, refused.value.details) == (code, 422, {"field": "selfie"})
    with pytest.raises(PayloadTooLarge):
        read_selfie(base64.b64encode(b"\xff\xd8\xff" + b"\x00" * MAX_SELFIE_BYTES).decode(), required=True)
    # the magic bytes are only how it starts: the whole file must decode as the image it claims to be
    assert decodes_as(photo, "image/jpeg") and not decodes_as(photo, "image/png")
    assert not decodes_as(photo[: len(photo) // 2], "image/jpeg")
    assert not decodes_as(b"\xff\xd8\xff\xe0" + b"\x00" * 200, "image/jpeg")


def _declaring(photo: bytes, width: int, height: int) -> bytes:
    """``photo`` (a baseline JPEG) whose frame header (SOF0) declares ``width`` × ``height``: a few hundred bytes
    that would take gigabytes to decode."""
    at = photo.index(b"\xff\xc0")  # SOF0: marker, length (2), precision (1), height (2), width (2)
    return photo[: at + 5] + height.to_bytes(2, "big") + width.to_bytes(2, "big") + photo[at + 9 :]


def test_a_selfie_declaring_huge_dimensions_is_refused_from_its_header():
    from chalicelib.integrations.images import MAX_PIXELS, decodes_as

    photo = _jpeg()
    assert MAX_PIXELS <= 4_000_000 and decodes_as(photo, "image/jpeg")
    for width, height in ((65_535, 65_535), (3000, 3000), (2001, 2000)):
        bomb = _declaring(photo, width, height)
        assert len(bomb) < 2_000 and not decodes_as(bomb, "image/jpeg")


def test_any_error_of_the_decoder_means_not_an_image(monkeypatch):
    import struct

    from PIL import Image

    from chalicelib.integrations.images import decodes_as

    for error in (struct.error("unpack"), IndexError("tile"), TypeError("mode"), MemoryError(), ValueError("x")):

        def failing(*_args, error=error, **_kwargs):
            raise error

        monkeypatch.setattr(Image, "open", failing)
        assert decodes_as(_jpeg(), "image/jpeg") is False
