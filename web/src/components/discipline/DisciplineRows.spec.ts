import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import { DEWI, HR, RUDI, row, satkerMonth } from "@/test/discipline";
import DisciplineRows from "./DisciplineRows.vue";

describe("DisciplineRows", () => {
  it("writes each employee's figures in a card and in the table, with the corrected ones marked in words", () => {
    const month = satkerMonth({ status: "CLOSED", rows: [row({ corrected: ["marks.TL1", "deduction_percent"] }), row({ nip: RUDI, name: "Rudi Hartono" })] });
    const rows = mount(DisciplineRows, { props: { month, selfNip: HR } });
    const card = rows.get(`[data-testid=discipline-card][data-nip="${DEWI}"]`);
    expect(card.get("h3").text()).toBe("Dewi Lestari");
    expect(card.text()).toContain("NIP 19900115 201503 2 001 · Analis Keuangan");
    expect(card.get("[data-figure=late]").classes()).toContain("corrected");
    expect(card.get("[data-figure=late]").text()).toContain("(dikoreksi)");
    expect(card.get("[data-figure=deduction]").text()).toContain("4,5 %");
    expect(card.get("[data-figure=absent]").classes()).not.toContain("corrected");
    expect(rows.text()).toContain("angka yang diubah oleh koreksi setelah bulan ditutup");

    const line = rows.get(`[data-testid=discipline-row][data-nip="${DEWI}"]`);
    expect(line.findAll("td.corrected").map((c) => c.attributes("data-figure"))).toEqual(["late", "deduction"]);
    expect(line.get("[data-figure=reports]").text()).toContain("15 dari 17");
    expect(rows.findAll("thead th").map((h) => h.text())).toContain("TK");
    expect(rows.findAll(`[data-nip="${RUDI}"] [data-testid=correct-row]`)).toHaveLength(2);
  });

  it("offers no correction in an open month, nor on one's own row", async () => {
    const rows = mount(DisciplineRows, { props: { month: satkerMonth(), selfNip: HR } });
    expect(rows.find("[data-testid=correct-row]").exists()).toBe(false);
    await rows.setProps({ month: satkerMonth({ status: "CLOSED" }) });
    expect(rows.findAll(`[data-nip="${HR}"] [data-testid=correct-row]`)).toHaveLength(0);
    expect(rows.findAll(`[data-nip="${DEWI}"] [data-testid=correct-row]`)).toHaveLength(2);
  });

  it("says so when the satker has nobody", () => {
    const rows = mount(DisciplineRows, { props: { month: satkerMonth({ rows: [] }), selfNip: HR } });
    expect(rows.text()).toContain("Satker ini belum memiliki pegawai.");
  });
});
