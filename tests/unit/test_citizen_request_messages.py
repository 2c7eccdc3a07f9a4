"""The citizen's "done" message names only the documents that were updated (review of issue 22)."""

from __future__ import annotations

from datetime import date

from chalicelib.domain import citizen_request_messages as texts


def test_the_done_message_names_the_updated_documents_only():
    def done(updates):
        return texts.done("Siti", "Disdukcapil", "LY-2026-7F3K9Q2M", date(2026, 12, 14), "https://x/l", updates)

    assert "ambil KTP/KK baru" in done(["KK", "KTP"])
    only_akta = done(["AKTA"])
    assert "ambil akta baru" in only_akta and "KTP" not in only_akta and "KK" not in only_akta
    assert "ambil KK baru" in done(["KK"])
    assert "ambil KTP/KK/akta baru" in done(["AKTA", "KK", "KTP"])
    assert "14 Desember 2026" in done(["KK"])
