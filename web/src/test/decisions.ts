/** Items and pages of the decision API as the specs need them (the shapes of docs/verification.md). */
import type { VerificationItem, VerificationQueue } from "@/api/decisions";

export function queueItem(overrides: Partial<VerificationItem> = {}): VerificationItem {
  return {
    kind: "report",
    id: "r1",
    version: 3,
    status: "SUBMITTED",
    status_label: "Diajukan",
    employee: { nip: "199001152015032001", name: "Dewi Lestari", jabatan: "Perawat" },
    title: "Menyusun draf laporan keuangan",
    date: "2026-12-04",
    submitted_at: "2026-12-04T03:00:00Z",
    summary: [{ label: "Waktu", value: "08.00–10.00 WIB" }],
    files: [{ label: "Bukti dukung", filename: "foto.jpg", url: "https://files.example/foto.jpg" }],
    verdicts: ["APPROVE", "REJECT"],
    rating: true,
    detail: {},
    ...overrides,
  };
}

export function queuePage(items: VerificationItem[], overrides: Partial<VerificationQueue> = {}): VerificationQueue {
  return { kind: items[0]?.kind ?? "report", label: "Laporan kegiatan", count: items.length, items, next_cursor: null, ...overrides };
}
