import { describe, expect, it } from "vitest";
import { LABELS } from "@/api/labels";
import { archiveState, COMPLAINT_TYPE_LABELS, decisionStatus, RECORD_CHOICES, RECORD_KIND_LABELS, recordStatus } from "./words";

describe("words of complaints, career records and the archive", () => {
  it("names a complaint's type and status, never the code", () => {
    expect(COMPLAINT_TYPE_LABELS.MESIN_ERROR).toBe("Mesin error");
    expect(decisionStatus("SUBMITTED")).toEqual({ label: "Diajukan", tone: "amber" });
    expect(decisionStatus("SOMETHING")).toEqual({ label: "Tidak diketahui", tone: "grey" });
  });

  it("uses the manual's words for a record and the archive's for a document", () => {
    expect(["SUBMITTED", "APPROVED", "REJECTED", "REVOKED"].map((s) => recordStatus(s).label)).toEqual([
      "Belum disetujui",
      "Disetujui",
      "Ditolak",
      "Batal disetujui",
    ]);
    expect(archiveState("MISSING").label).toBe("Belum diunggah");
    expect(archiveState("APPROVED")).toEqual({ label: "Terverifikasi", tone: "green" });
  });

  it("takes the server's labels (x-labels of the OpenAPI document), never its own", () => {
    expect(RECORD_KIND_LABELS).toBe(LABELS.record_kind);
    expect(RECORD_CHOICES.awardScale.KABUPATEN_KOTA).toBe("Kabupaten / Kota");
    expect(recordStatus("REVOKED")).toEqual({ label: LABELS.record_status.REVOKED, tone: "red" });
  });
});
