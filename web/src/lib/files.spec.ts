import { describe, expect, it } from "vitest";
import { isImage, refusesFile } from "./files";

describe("isImage", () => {
  it("trusts the content type when there is one", () => {
    expect(isImage("scan.pdf", "image/png")).toBe(true);
    expect(isImage("foto.jpg", "application/pdf")).toBe(false);
  });
  it("reads the extension of a bare name", () => {
    expect(isImage("Foto Kegiatan.JPEG")).toBe(true);
    expect(isImage("bukti.png")).toBe(true);
    expect(isImage("surat-tugas.pdf")).toBe(false);
    expect(isImage("tanpa-ekstensi")).toBe(false);
  });
});

describe("refusesFile", () => {
  it("tells a refusal of the file from a refusal of the form", () => {
    expect(refusesFile("FILE_CONTENT_MISMATCH")).toBe(true);
    expect(refusesFile("FILE_TOO_LARGE")).toBe(true);
    expect(refusesFile("LEAVE_OVERLAP")).toBe(false);
  });
});
