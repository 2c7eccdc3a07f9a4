import { describe, expect, it } from "vitest";
import { evidenceType, refuseEvidence } from "./evidence";

describe("evidence checks before sending", () => {
  it("accepts photos and PDFs, by type or by extension", () => {
    expect(evidenceType({ name: "a.jpg", type: "image/jpeg" })).toBe("image/jpeg");
    expect(evidenceType({ name: "scan.PDF", type: "" })).toBe("application/pdf");
    expect(evidenceType({ name: "IMG_1.HEIC", type: "image/heic" })).toBeNull();
  });

  it("refuses other files and files over 2 MB, in Indonesian", () => {
    expect(refuseEvidence({ name: "catatan.txt", type: "text/plain", size: 10 })).toContain("Jenis berkas tidak didukung");
    expect(refuseEvidence({ name: "foto.jpg", type: "image/jpeg", size: 3 * 1024 * 1024 })).toContain("2 MB");
    expect(refuseEvidence({ name: "foto.jpg", type: "image/jpeg", size: 1000 })).toBeNull();
  });
});
