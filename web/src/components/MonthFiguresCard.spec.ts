import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import type { Schemas } from "@/api/client";
import MonthFiguresCard from "./MonthFiguresCard.vue";

function figures(extra: Partial<Schemas["MonthFigures"]> = {}): Schemas["MonthFigures"] {
  return {
    month: "2026-12",
    month_label: "Desember 2026",
    through: "2026-12-06",
    working_days: 4,
    days_attended: 2,
    days_absent: 1,
    official_duty_days: 0,
    leave_days: [{ type: "TAHUNAN", label: "Cuti Tahunan", days: 1 }],
    permissions: [],
    late: { TL1: 1, TL2: 0, TL3: 2, TL4: 0 },
    early: { PSW1: 0, PSW2: 0, PSW3: 0, PSW4: 0 },
    late_minutes: 150,
    early_minutes: 0,
    reports_filed: 5,
    reports_approved: 3,
    reports_rejected: 1,
    reports_auto_approved: 0,
    attended_without_approved_report: 1,
    deduction_percent: 1.5,
    rules_source: "SKPD",
    bands: [30, 60, 90],
    ...extra,
  };
}

const row = (card: ReturnType<typeof mount>, key: string) => card.get(`[data-figure="${key}"]`).text();

describe("MonthFiguresCard", () => {
  it("says the month so far in words, numbers written the Indonesian way", () => {
    const card = mount(MonthFiguresCard, { props: { figures: figures(), current: true } });
    expect(card.get("h2").text()).toBe("Rekap bulan ini");
    expect(card.get('[data-testid="figures-through"]').text()).toBe("Dihitung sampai 6 Desember 2026; hari ini belum dihitung.");
    expect(card.get('[data-testid="figures-deduction"]').text()).toContain("Potongan TPP: 1,5 %");
    expect(card.get('[data-testid="figures-deduction"]').text()).toContain("SKPD Anda");
    expect(card.get('[data-testid="figures-deduction"]').text()).toContain("final setelah bagian kepegawaian menutup bulan");
    expect(row(card, "working")).toBe("Hari kerja4 hari");
    expect(row(card, "absent")).toContain("1 hari");
    expect(row(card, "late")).toContain("3 kali · 2 jam 30 menit");
    expect(row(card, "late")).toContain("TL1: 1 · TL3: 2");
    expect(row(card, "early")).toContain("Tidak ada");
    expect(row(card, "leave")).toContain("Cuti Tahunan: 1");
    expect(row(card, "permission")).toContain("Tidak ada");
    expect(row(card, "reports")).toContain("5 laporan");
    expect(row(card, "reports")).toContain("3 disetujui · 1 ditolak");
  });

  it("names another month, the defaults, and a month with no day over yet", () => {
    const card = mount(MonthFiguresCard, {
      props: { figures: figures({ through: null, rules_source: "DEFAULT", deduction_percent: 12.25, working_days: 1234 }), current: false },
    });
    expect(card.get("h2").text()).toBe("Rekap Desember 2026");
    expect(card.get('[data-testid="figures-through"]').text()).toBe("Belum ada hari yang selesai di bulan ini.");
    expect(card.get('[data-testid="figures-deduction"]').text()).toContain("Potongan TPP: 12,25 %");
    expect(card.get('[data-testid="figures-deduction"]').text()).toContain("aturan potongan bawaan");
    expect(row(card, "working")).toContain("1.234 hari");
  });
});
