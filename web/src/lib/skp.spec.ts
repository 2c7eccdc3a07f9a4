import { describe, expect, it } from "vitest";
import { skpTarget } from "@/test/skp";
import {
  changed,
  checkTargets,
  draftOf,
  formatIndicator,
  kindLabel,
  newTarget,
  parseAmount,
  rhkOption,
  skpTone,
  submitBlocker,
  targetsBody,
  yearOf,
} from "./skp";

describe("an indicator's target value as people type it", () => {
  it.each([
    ["12", 12],
    ["12,5", 12.5],
    ["12.5", 12.5],
    ["1.250", 1250],
    ["1.250,5", 1250.5],
    [" 4 ", 4],
    ["", null],
    ["dua belas", null],
    ["-3", null],
    ["1,2,3", null],
  ])("reads %j as %j", (typed, value) => {
    expect(parseAmount(typed)).toBe(value);
  });
});

describe("the targets before they are sent", () => {
  it("names each missing or wrong field by the API's path, with the RHK and indicator it belongs to", () => {
    const target = newTarget();
    target.indicators.push({ text: "Rapat koordinasi", target: "0", unit: "x".repeat(41) });
    const errors = checkTargets([target]);
    expect(errors).toEqual({
      "targets.0.text": "Isi uraian RHK 1.",
      "targets.0.indicators.0.text": "Isi uraian indikator 1 RHK 1.",
      "targets.0.indicators.0.target": "Isi target indikator 1 RHK 1.",
      "targets.0.indicators.0.unit": "Isi satuan indikator 1 RHK 1, misalnya dokumen atau laporan.",
      "targets.0.indicators.1.target": "Target indikator 2 RHK 1 harus angka lebih dari 0, misalnya 12 atau 2,5.",
      "targets.0.indicators.1.unit": "Satuan indikator 2 RHK 1 paling banyak 40 karakter.",
    });
  });

  it("accepts a complete target", () => {
    expect(checkTargets([draftOf(skpTarget())])).toEqual({});
  });

  it("sends numbers and trimmed texts, keeps a stored RHK's id and gives a new one none", () => {
    const stored = draftOf(skpTarget({ parent_rhk_id: "f0f0f0f0f0f0" }));
    const fresh = newTarget("TAMBAHAN");
    Object.assign(fresh, { text: "  Terlaksananya pembinaan  " });
    fresh.indicators[0] = { text: " Pegawai dibina ", target: "2,5", unit: " orang " };
    expect(targetsBody([stored, fresh])).toEqual([
      {
        rhk_id: "a1b2c3d4e5f6",
        text: "Tersusunnya laporan keuangan triwulan tepat waktu",
        kind: "UTAMA",
        parent_rhk_id: "f0f0f0f0f0f0",
        indicators: [{ text: "Laporan keuangan triwulan yang disusun", target: 4, unit: "laporan" }],
      },
      { text: "Terlaksananya pembinaan", kind: "TAMBAHAN", parent_rhk_id: null, indicators: [{ text: "Pegawai dibina", target: 2.5, unit: "orang" }] },
    ]);
  });

  it("shows a stored value the Indonesian way and knows when nothing changed", () => {
    const stored = skpTarget({ indicators: [{ text: "Capaian", target: 2.5, unit: "%" }] });
    const draft = draftOf(stored);
    expect(draft.indicators[0].target).toBe("2,5");
    expect(changed([draft], [stored])).toBe(false);
    draft.indicators[0].target = "3";
    expect(changed([draft], [stored])).toBe(true);
  });

  it("asks for one main RHK before submitting, as the API does", () => {
    expect(submitBlocker([])).toMatch(/paling sedikit satu RHK/);
    expect(submitBlocker([{ kind: "TAMBAHAN" }])).toMatch(/RHK utama/);
    expect(submitBlocker([{ kind: "TAMBAHAN" }, { kind: "UTAMA" }])).toBeNull();
  });
});

describe("the words of an SKP", () => {
  it("colours each status (always shown with its label)", () => {
    expect(["DRAFT", "SUBMITTED", "APPROVED", "RETURNED", null].map(skpTone)).toEqual(["grey", "amber", "green", "red", "grey"]);
  });

  it("says a kind in words, from the target or the server's labels", () => {
    expect(kindLabel({ kind: "UTAMA", kind_label: "Utama" })).toBe("Utama");
    expect(kindLabel({ kind: "TAMBAHAN" })).toBe("Tambahan");
  });

  it("writes an indicator and a choice briefly", () => {
    expect(formatIndicator({ text: "", target: 1250, unit: "dokumen" })).toBe("1.250 dokumen");
    expect(rhkOption(skpTarget({ text: "a".repeat(100) }), 20)).toBe(`${"a".repeat(19)}… (Utama)`);
    expect(yearOf("2026-12-14")).toBe(2026);
    expect(yearOf("")).toBeNull();
  });
});
