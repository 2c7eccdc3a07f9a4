import { describe, expect, it } from "vitest";
import { deskTime, keywordsFromText, linesToList, rangeLabel, rangeProblem } from "./ptsp";

describe("PTSP desk and catalogue helpers", () => {
  it("reads requirements one per line, dropping blank lines", () => {
    expect(linesToList("KTP asli\n\n  Pas foto 3x4  \r\nSurat pengantar\n")).toEqual(["KTP asli", "Pas foto 3x4", "Surat pengantar"]);
    expect(linesToList("   ")).toEqual([]);
  });

  it("reads keywords separated by commas, lower case and each once", () => {
    expect(keywordsFromText("Sehat, SURAT  sehat,sehat,\nSKD")).toEqual(["sehat", "surat sehat", "skd"]);
  });

  it("writes the desk's times and ranges the Indonesian way", () => {
    expect(deskTime("2026-12-07T08:05:00", "WIB")).toBe("08.05 WIB");
    expect(rangeLabel("2026-12-07", "2026-12-07")).toBe("Senin, 7 Desember 2026");
    expect(rangeLabel("2026-12-01", "2026-12-07")).toBe("Selasa, 1 Desember 2026 – Senin, 7 Desember 2026");
  });

  it("refuses a range backwards or longer than 31 days before asking the server", () => {
    expect(rangeProblem("2026-12-01", "2026-12-31")).toBeNull();
    expect(rangeProblem("2026-12-01", "2027-01-01")).toBe("Rentang tanggal paling panjang 31 hari.");
    expect(rangeProblem("2026-12-07", "2026-12-01")).toBe("Tanggal akhir tidak boleh sebelum tanggal awal.");
    expect(rangeProblem("", "2026-12-01")).toBe("Isi tanggal awal dan tanggal akhir.");
  });
});
