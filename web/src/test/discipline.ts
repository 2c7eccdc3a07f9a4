/** A satker's month of discipline as the specs need it (the shape of `SatkerMonth`, issue 20). */
import type { SatkerMonth, SatkerMonthFigures, SatkerMonthRow } from "@/api/discipline";

export const HR = "197512102000031003";
export const DEWI = "199001152015032001";
export const RUDI = "198803222012121002";

export function figures(extra: Partial<SatkerMonthFigures> = {}): SatkerMonthFigures {
  return {
    working_days: 21,
    days_attended: 18,
    days_absent: 1,
    official_duty_days: 1,
    leave_days: [{ type: "TAHUNAN", label: "Cuti Tahunan", days: 1 }],
    permissions: [],
    late: { TL1: 2, TL2: 0, TL3: 1, TL4: 0 },
    early: { PSW1: 0, PSW2: 0, PSW3: 0, PSW4: 0 },
    late_minutes: 95,
    early_minutes: 0,
    reports_filed: 17,
    reports_approved: 15,
    reports_rejected: 1,
    reports_auto_approved: 2,
    attended_without_approved_report: 3,
    deduction_percent: 4.5,
    ...extra,
  };
}

export function row(extra: Partial<SatkerMonthRow> = {}): SatkerMonthRow {
  return { nip: DEWI, name: "Dewi Lestari", jabatan: "Analis Keuangan", corrected: [], figures: figures(), ...extra };
}

export function satkerMonth(extra: Partial<SatkerMonth> = {}): SatkerMonth {
  return {
    skpd_id: "DINKES",
    satker_id: "PKM-1",
    satker_name: "Puskesmas Sukamaju",
    month: "2026-11",
    month_label: "November 2026",
    status: "OPEN",
    can_close: true,
    version: 0,
    closed_at: null,
    closed_by: null,
    closed_by_name: null,
    rows: [
      row(),
      row({ nip: RUDI, name: "Rudi Hartono", jabatan: "Pengelola Data", figures: figures({ late: { TL1: 0, TL2: 0, TL3: 0, TL4: 0 }, late_minutes: 0, deduction_percent: 0 }) }),
      row({ nip: HR, name: "Rina Kepegawaian", jabatan: "Analis SDM" }),
    ],
    corrections: [],
    figure_fields: [
      { field: "days_absent", label: "Tanpa keterangan (TK)" },
      { field: "marks.TL1", label: "TL1" },
      { field: "deduction_percent", label: "Potongan TPP (%)" },
    ],
    ...extra,
  };
}
