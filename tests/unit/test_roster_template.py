"""The roster template (issue 18 item 11): its header is the import's own column list and its example row is one
the import accepts, in CSV and in XLSX, so the template cannot drift from what the import reads."""

from __future__ import annotations

import base64
import csv
import io

from openpyxl import load_workbook

from chalicelib.domain.accounts import Role
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.organisation import Satker, Skpd
from chalicelib.domain.roster import (
    REQUIRED_HEADERS,
    ROSTER_HEADERS,
    TEMPLATE_EXAMPLE,
    draft_from_mapping,
    map_header,
    row_to_mapping,
    template_rows,
)
from tests.unit.world import SATKER, SKPD, Clock, World, actor, at


def _world() -> World:
    world = World(Clock(at("2026-12-07 01:00")))
    world.org.save_skpd(Skpd(SKPD, "Dinas Kesehatan", TimeZone.WIB))
    world.org.save_satker(Satker(SKPD, SATKER, "Puskesmas Kota", TimeZone.WIB))
    world.org.save_satker(Satker(SKPD, "RSUD", "Rumah Sakit Umum Daerah", TimeZone.WIB))
    return world


def _draft(rows: list[list[object]]):
    header = map_header(rows[0])
    return draft_from_mapping(row_to_mapping(header, rows[1]), skpd_id=SKPD)


def test_every_column_the_import_reads_has_an_example_and_the_header_maps_back():
    assert set(TEMPLATE_EXAMPLE) == set(ROSTER_HEADERS.values())
    header, example = template_rows("PKM-KOTA")
    assert header[: len(REQUIRED_HEADERS)] == list(REQUIRED_HEADERS)
    assert set(header) == set(ROSTER_HEADERS) - {"kode_skpd"}
    assert None not in map_header(header) and len(example) == len(header)
    admin_header, admin_example = template_rows("PKM-KOTA", "DINKES")
    assert "kode_skpd" in admin_header and admin_example[admin_header.index("kode_skpd")] == "DINKES"


def test_the_operators_template_lists_the_satker_and_its_example_row_imports():
    world = _world()
    operator = actor(world.person(), Role.OPERATOR_SKPD)
    answer = world.services.roster.template(operator)
    assert answer["skpd_id"] == SKPD
    assert sorted(answer["satker"], key=lambda s: s["satker_id"]) == [
        {"satker_id": SATKER, "name": "Puskesmas Kota"},
        {"satker_id": "RSUD", "name": "Rumah Sakit Umum Daerah"},
    ]
    names = [c["name"] for c in answer["columns"]]
    assert [c["name"] for c in answer["columns"] if c["required"]] == list(REQUIRED_HEADERS)

    rows = list(csv.reader(io.StringIO(answer["csv"])))
    assert rows[0] == names and len(rows) == 2
    from_csv = _draft(rows)
    assert from_csv.name == "Dewi Lestari" and from_csv.satker_id == answer["satker"][0]["satker_id"]
    assert from_csv.whatsapp and from_csv.timezone is TimeZone.WIB and from_csv.tmt is not None

    workbook = load_workbook(io.BytesIO(base64.b64decode(answer["xlsx_base64"])), read_only=True)
    sheets = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in workbook.worksheets}
    workbook.close()
    assert list(sheets) == ["Pegawai", "Kode satker"]
    assert sheets["Pegawai"][0] == names
    assert _draft(sheets["Pegawai"]) == from_csv
    assert sorted(sheets["Kode satker"][1:]) == [["PKM-KOTA", "Puskesmas Kota"], ["RSUD", "Rumah Sakit Umum Daerah"]]


def test_the_template_imports_through_the_whole_import():
    world = _world()
    operator = actor(world.person(), Role.OPERATOR_SKPD)
    answer = world.services.roster.template(operator)
    for extension, data in ((".csv", answer["csv"].encode()), (".xlsx", base64.b64decode(answer["xlsx_base64"]))):
        key = f"imports/skpd/{SKPD}/{'a' * 31}{extension[1]}{operator.nip}{extension}"
        world.objects.put_bytes(key, data, "application/octet-stream")
        report = world.services.roster.process_object(key)
        assert report["status"] == "DONE", report
        assert [r["status"] for r in report["rows"]] in (["created"], ["unchanged"]), report
