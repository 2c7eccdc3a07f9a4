import { describe, expect, it } from "vitest";
import { commonVerdicts, KINDS, kindOfSlug, kindView, verdictWords } from "./decisions";
import { statusTone } from "./words";

describe("the kinds of verifiable work, as the screens name them", () => {
  it("has a URL word per kind that leads back to the kind", () => {
    for (const [kind, view] of Object.entries(KINDS)) expect(kindOfSlug(view.slug)).toBe(kind);
    expect(kindView("leave_number").slug).toBe("penomoran-cuti");
  });

  it("still shows a kind it does not know, named by the API's label", () => {
    const view = kindView("surat_tugas", "Surat Tugas");
    expect(view).toMatchObject({ slug: "surat_tugas", noun: "surat tugas", filters: [], statuses: [] });
    expect(kindOfSlug("surat_tugas")).toBe("surat_tugas");
  });

  it("names the SKP's return as returning it, with a note for the employee (issue 19)", () => {
    expect(kindView("skp")).toMatchObject({ slug: "skp", noun: "SKP", filters: ["for"] });
    expect(kindOfSlug("skp")).toBe("skp");
    expect(verdictWords("skp", "REJECT")).toMatchObject({ button: "Kembalikan", done: "Dikembalikan", variant: "danger" });
    expect(verdictWords("skp", "APPROVE").button).toBe("Setujui");
  });

  it("says every verdict in Indonesian, and the numbering officer's approval as giving the number", () => {
    expect((["APPROVE", "REJECT", "DEFER", "REVOKE"] as const).map((v) => verdictWords("record", v).button)).toEqual([
      "Setujui",
      "Tolak",
      "Tangguhkan",
      "Batalkan persetujuan",
    ]);
    expect(verdictWords("leave_number", "APPROVE")).toMatchObject({ button: "Beri nomor", done: "Nomor diberikan", variant: "ok" });
    expect(verdictWords("report", "REJECT").note).toBe("Alasan penolakan");
  });

  it("colours a status by what it means (always beside its label)", () => {
    expect(["SUBMITTED", "PENDING_DECISION", "APPROVED", "DEFERRED", "CANCELLED"].map(statusTone)).toEqual([
      "amber",
      "amber",
      "green",
      "red",
      "grey",
    ]);
  });

  it("offers for many items only the verdicts each of them allows", () => {
    expect(commonVerdicts([{ verdicts: ["APPROVE", "REJECT"] }, { verdicts: ["REJECT", "APPROVE", "DEFER"] }])).toEqual(["APPROVE", "REJECT"]);
    expect(commonVerdicts([{ verdicts: ["APPROVE", "REJECT"] }, { verdicts: ["REVOKE"] }])).toEqual([]);
    expect(commonVerdicts([])).toEqual([]);
  });
});
