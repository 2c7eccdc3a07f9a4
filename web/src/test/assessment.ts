/** Quarterly assessment answers of the API as the specs need them (the shapes of chalicelib/schemas/assessment.py). */
import type { Assessment, QuarterSummary, QuarterTarget } from "@/api/assessment";

export const STAFF = { nip: "199001152015032001", name: "Dewi Lestari", jabatan: "Analis Keuangan" };
export const BOSS = { nip: "197512102000031003", name: "dr. Andi Wijaya", jabatan: "Kepala Dinas" };

export function quarterTarget(overrides: Partial<QuarterTarget> = {}): QuarterTarget {
  return {
    rhk_id: "a1b2c3d4e5f6",
    text: "Tersusunnya laporan keuangan triwulan tepat waktu",
    kind: "UTAMA",
    kind_label: "Utama",
    parent_rhk_id: null,
    indicators: [{ text: "Laporan keuangan triwulan yang disusun", target: 4, unit: "laporan" }],
    reports: { count: 3, approved: 2, with_evidence: 1, hours: 6.5 },
    ...overrides,
  };
}

export function assessment(overrides: Partial<Assessment> = {}): Assessment {
  return {
    id: `${STAFF.nip}.2026.Q4`,
    skp_id: `${STAFF.nip}.2026`,
    quarter: 4,
    label: "Triwulan IV 2026",
    employee: STAFF,
    penilai: BOSS,
    assessed_by: BOSS,
    results: "DI_ATAS_EKSPEKTASI",
    results_label: "Di Atas Ekspektasi",
    behaviour: "SESUAI_EKSPEKTASI",
    behaviour_label: "Sesuai Ekspektasi",
    predicate: "BAIK",
    predicate_label: "Baik",
    realisations: [{ rhk_id: "a1b2c3d4e5f6", indicator: 0, value: "3 laporan" }],
    feedback: "Laporan tepat waktu dan lengkap.",
    value_notes: [{ value: "Akuntabel", note: "Rapi mencatat." }],
    status: "ASSESSED",
    status_label: "Menunggu dibaca pegawai",
    assessed_at: "2026-12-07T03:00:00+00:00",
    acknowledged_at: null,
    history: [],
    version: 1,
    ...overrides,
  };
}

export function quarterSummary(overrides: Partial<QuarterSummary> = {}): QuarterSummary {
  return {
    skp_id: `${STAFF.nip}.2026`,
    year: 2026,
    quarter: 4,
    label: "Triwulan IV 2026",
    first: "2026-10-01",
    last: "2026-12-31",
    employee: STAFF,
    penilai: BOSS,
    skp_status: "APPROVED",
    targets: [quarterTarget()],
    without_rhk: { count: 1, approved: 1, with_evidence: 0, hours: 0.5 },
    attendance_days: 1234,
    leave_days: 2,
    assessment: null,
    ...overrides,
  };
}
