import { describe, expect, it } from "vitest";
import { LABELS } from "@/api/labels";
import {
  assessmentBody,
  checkAssessment,
  draftOf,
  emptyDraft,
  fieldOfApi,
  formatHours,
  latestQuarter,
  predicateOf,
  quarterLabel,
  RATING_LABELS,
  realisationText,
  startedQuarters,
  typedOf,
  type Rating,
} from "./assessment";

const A: Rating = "DI_ATAS_EKSPEKTASI";
const S: Rating = "SESUAI_EKSPEKTASI";
const B: Rating = "DI_BAWAH_EKSPEKTASI";
const TARGETS = [
  { rhk_id: "a1", indicators: [{ unit: "dokumen" }, { unit: "%" }] },
  { rhk_id: "b2", indicators: [{ unit: "kegiatan" }] },
];

describe("the predicate matrix (PermenPANRB 6/2022), all nine cells", () => {
  it.each([
    [A, A, "SANGAT_BAIK"],
    [A, S, "BAIK"],
    [S, A, "BAIK"],
    [S, S, "BAIK"],
    [B, A, "BUTUH_PERBAIKAN"],
    [B, S, "BUTUH_PERBAIKAN"],
    [A, B, "KURANG"],
    [S, B, "KURANG"],
    [B, B, "SANGAT_KURANG"],
  ])("results %s, behaviour %s → %s", (results, behaviour, expected) => {
    expect(predicateOf(results, behaviour)).toBe(expected);
  });

  it("uses the server's words", () => {
    expect(RATING_LABELS).toBe(LABELS.rating);
    expect(LABELS.predicate[predicateOf(S, B)]).toBe("Kurang/Misconduct");
  });
});

describe("quarters", () => {
  it("offers only the quarters that have begun", () => {
    expect(startedQuarters(2026, "2026-12-07")).toEqual([1, 2, 3, 4]);
    expect(startedQuarters(2026, "2026-04-01")).toEqual([1, 2]);
    expect(startedQuarters(2026, "2026-03-31")).toEqual([1]);
    expect(startedQuarters(2025, "2026-01-02")).toEqual([1, 2, 3, 4]);
    expect(startedQuarters(2027, "2026-12-07")).toEqual([]);
    expect(latestQuarter(2026, "2026-08-17")).toBe(3);
    expect(latestQuarter(2027, "2026-08-17")).toBeNull();
    expect(quarterLabel(2026, 4)).toBe("Triwulan IV 2026");
  });

  it("writes hours as people say them", () => {
    expect(formatHours(2.5)).toBe("2 jam 30 menit");
    expect(formatHours(1)).toBe("1 jam");
    expect(formatHours(0.75)).toBe("45 menit");
    expect(formatHours(0)).toBe("0 jam");
  });
});

describe("the penilai's form", () => {
  it("gives a bare number the indicator's unit, and shows it back without", () => {
    expect(realisationText(" 3 ", "dokumen")).toBe("3 dokumen");
    expect(realisationText("2,5", "%")).toBe("2,5 %");
    expect(realisationText("Selesai tepat waktu", "dokumen")).toBe("Selesai tepat waktu");
    expect(typedOf("3 dokumen", "dokumen")).toBe("3");
    expect(typedOf("Tiga dokumen", "dokumen")).toBe("Tiga dokumen");
  });

  it("asks for every realisation and both ratings", () => {
    const errors = checkAssessment(emptyDraft(), TARGETS);
    expect(Object.keys(errors)).toEqual(["realisasi-0-0", "realisasi-0-1", "realisasi-1-0", "results", "behaviour"]);
    expect(errors["realisasi-1-0"]).toBe('Isi realisasi indikator 1 RHK 2, misalnya 3 atau "Selesai tepat waktu".');
    expect(errors.results).toBe("Pilih rating hasil kerja.");
  });

  it("sends the realisations in order with the version read, and maps the API's field back", () => {
    const draft = { ...emptyDraft(), results: A, behaviour: S, feedback: "  Tepat waktu. ", notes: { Akuntabel: " Rapi. ", Loyal: " " } };
    draft.realisations = { "a1:0": "3", "a1:1": "", "b2:0": "Selesai" };
    const { body, fields } = assessmentBody(draft, TARGETS, 2);
    expect(body).toEqual({
      results: A,
      behaviour: S,
      realisations: [
        { rhk_id: "a1", indicator: 0, value: "3 dokumen" },
        { rhk_id: "b2", indicator: 0, value: "Selesai" },
      ],
      feedback: "Tepat waktu.",
      value_notes: { Akuntabel: "Rapi." },
      version: 2,
    });
    expect(fieldOfApi("realisations.1.value", fields)).toBe("realisasi-1-0");
    expect(fieldOfApi("value_notes.Akuntabel", fields)).toBe("catatan-1");
    expect(fieldOfApi("behaviour", fields)).toBe("behaviour");
    expect(assessmentBody({ ...draft, feedback: "", notes: {} }, TARGETS, null).body).not.toHaveProperty("version");
  });

  it("fills the form from a stored assessment", () => {
    const draft = draftOf(
      {
        results: A,
        behaviour: B,
        feedback: null,
        value_notes: [{ value: "Kompeten", note: "Perlu pelatihan." }],
        realisations: [{ rhk_id: "a1", indicator: 1, value: "80 %" }],
      },
      TARGETS,
    );
    expect(draft).toEqual({ results: A, behaviour: B, feedback: "", notes: { Kompeten: "Perlu pelatihan." }, realisations: { "a1:1": "80" } });
  });
});
