import { mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it } from "vitest";
import { useSession } from "@/composables/useSession";
import { assessment, BOSS, quarterTarget, STAFF } from "@/test/assessment";
import AssessmentView from "./AssessmentView.vue";

beforeEach(() => {
  useSession().state.profile = { nip: STAFF.nip, roles: ["PEGAWAI"], timezone: "WIB" } as never;
});

describe("AssessmentView", () => {
  it("puts the predicate first, in words and colour, then the ratings, the feedback and each realisation", () => {
    const view = mount(AssessmentView, {
      props: {
        assessment: assessment({ predicate: "KURANG", predicate_label: "Kurang/Misconduct" }),
        targets: [quarterTarget({ indicators: [{ text: "Laporan disusun", target: 4, unit: "laporan" }, { text: "Ketepatan", target: 100, unit: "%" }] })],
      },
    });
    const predicate = view.get("[data-testid=assessment-predicate]");
    expect(predicate.text()).toBe("Kurang/Misconduct");
    expect(predicate.classes()).toContain("red");
    expect(view.get("[data-testid=assessment-behaviour]").text()).toBe("Sesuai Ekspektasi");
    expect(view.text()).toContain("dr. Andi Wijaya, Kepala Dinas");
    expect(view.text()).toContain("Dinilai7 Desember 2026");
    const realised = view.findAll("[data-testid=assessment-realisation]").map((r) => r.text());
    expect(realised).toEqual(["3 laporan", "belum diisi"]);
    expect(view.text()).toContain("Target 100 %");
  });

  it("names a delegate who assessed for the penilai", () => {
    const view = mount(AssessmentView, {
      props: { assessment: assessment({ assessed_by: { nip: "198001012005011001", name: "Rina Sari", jabatan: null } }), targets: [] },
    });
    expect(view.text()).toContain(`${BOSS.name}, ${BOSS.jabatan}, dinilai oleh Rina Sari atas nama penilai`);
  });
});
