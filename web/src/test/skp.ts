/** SKP answers of the API as the specs need them (the shapes of chalicelib/schemas/skp.py). */
import type { Skp, SkpCascade, SkpTarget } from "@/api/skp";

export function skpTarget(overrides: Partial<SkpTarget> = {}): SkpTarget {
  return {
    rhk_id: "a1b2c3d4e5f6",
    text: "Tersusunnya laporan keuangan triwulan tepat waktu",
    kind: "UTAMA",
    kind_label: "Utama",
    parent_rhk_id: null,
    indicators: [{ text: "Laporan keuangan triwulan yang disusun", target: 4, unit: "laporan" }],
    ...overrides,
  };
}

export function skp(overrides: Partial<Skp> = {}): Skp {
  return {
    skp_id: "199001152015032001.2026",
    nip: "199001152015032001",
    year: 2026,
    status: "DRAFT",
    status_label: "Draf",
    employee: { nip: "199001152015032001", name: "Dewi Lestari", jabatan: "Analis Keuangan" },
    penilai: null,
    targets: [],
    approved_targets: [],
    approved_version: 0,
    note: null,
    history: [],
    version: 1,
    ...overrides,
  };
}

export function cascade(overrides: Partial<SkpCascade> = {}): SkpCascade {
  return {
    year: 2026,
    targets: [
      {
        rhk_id: "f0f0f0f0f0f0",
        text: "Meningkatnya kualitas pengelolaan keuangan dinas",
        kind: "UTAMA",
        children: [
          { nip: "199001152015032001", name: "Dewi Lestari", jabatan: "Analis Keuangan", rhk_id: "a1b2c3d4e5f6", text: "Tersusunnya laporan keuangan triwulan tepat waktu", kind: "UTAMA" },
        ],
      },
      { rhk_id: "0e0e0e0e0e0e", text: "Terlaksananya pembinaan pegawai", kind: "TAMBAHAN", children: [] },
    ],
    staff: [
      { nip: "199001152015032001", name: "Dewi Lestari", jabatan: "Analis Keuangan", status: "SUBMITTED", status_label: "Diajukan" },
      { nip: "199203102019031002", name: "Agus Pratama", jabatan: "Pengelola Keuangan", status: null, status_label: null },
    ],
    ...overrides,
  };
}
