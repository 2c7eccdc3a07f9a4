import { describe, expect, it } from "vitest";
import { figures } from "@/test/discipline";
import { correctedKeys, correctionBody, correctionFieldId, figureKeyOf, figureValue, lastDay, pastMonths, rowFigures, statusText, valueText } from "./discipline-month";

describe("the months HR chooses", () => {
  it("are the twelve before today's, newest first, across the year's turn", () => {
    const months = pastMonths("2027-01-15");
    expect(months[0]).toEqual({ value: "2026-12", label: "Desember 2026" });
    expect(months[1].value).toBe("2026-11");
    expect(months).toHaveLength(12);
    expect(months[11].value).toBe("2026-01");
  });

  it("end on their last day", () => {
    expect(lastDay("2026-11")).toBe("2026-11-30");
    expect(lastDay("2026-12")).toBe("2026-12-31");
    expect(lastDay("2028-02")).toBe("2028-02-29");
  });
});

describe("the status in words", () => {
  it("says an open month may still change, and who closed a closed one and when (in HR's zone)", () => {
    expect(statusText({ status: "OPEN", closed_at: null, closed_by: null, closed_by_name: null }, "WIB")).toBe("Terbuka — angka masih dapat berubah");
    const closed = { status: "CLOSED" as const, closed_at: "2026-12-02T18:30:00+00:00", closed_by: "1990", closed_by_name: "Rina Kepegawaian" };
    expect(statusText(closed, "WIB")).toBe("Ditutup 3 Desember 2026 oleh Rina Kepegawaian");
    expect(statusText({ ...closed, closed_by_name: null }, "WIB")).toBe("Ditutup 3 Desember 2026 oleh 1990");
  });
});

describe("a row's figures", () => {
  it("are written the Indonesian way, with the levels and kinds that occurred", () => {
    const shown = Object.fromEntries(rowFigures(figures()).map((f) => [f.key, f]));
    expect(shown.working.value).toBe("21");
    expect(shown.late.value).toBe("3 kali · 1 jam 35 menit");
    expect(shown.late.detail).toBe("TL1: 2 · TL3: 1");
    expect(shown.early.value).toBe("0");
    expect(shown.leave.value).toBe("1");
    expect(shown.leave.detail).toBe("Cuti Tahunan: 1");
    expect(shown.permission.value).toBe("0");
    expect(shown.reports.value).toBe("15 dari 17");
    expect(shown.reports.detail).toBe("2 disetujui otomatis");
    expect(shown["no-report"].value).toBe("3");
    expect(shown.deduction.value).toBe("4,5 %");
  });

  it("mark the figure a correction changed, whichever part of it was corrected", () => {
    expect(figureKeyOf("marks.TL2")).toBe("late");
    expect(figureKeyOf("early_minutes")).toBe("early");
    expect(figureKeyOf("leave_days.SAKIT")).toBe("leave");
    expect(figureKeyOf("permissions.IZIN_TERLAMBAT")).toBe("permission");
    expect(figureKeyOf("reports_approved")).toBe("reports");
    expect(figureKeyOf("deduction_percent")).toBe("deduction");
    expect([...correctedKeys({ corrected: ["days_absent", "deduction_percent"] })]).toEqual(["absent", "deduction"]);
  });

  it("give a correctable figure's current value by its name", () => {
    const f = figures();
    expect(figureValue(f, "days_absent")).toBe(1);
    expect(figureValue(f, "marks.TL3")).toBe(1);
    expect(figureValue(f, "marks.PSW1")).toBe(0);
    expect(figureValue(f, "leave_days.TAHUNAN")).toBe(1);
    expect(figureValue(f, "leave_days.SAKIT")).toBe(0);
    expect(figureValue(f, "deduction_percent")).toBe(4.5);
    expect(valueText("deduction_percent", 2.5)).toBe("2,5 %");
    expect(valueText("days_absent", 3)).toBe("3");
  });
});

describe("the correction form", () => {
  const form = { field: "deduction_percent", value: "2,5", reason: "Pengaduan presensi disetujui setelah tutup bulan", day: "" };

  it("sends Indonesian decimals as a number, with the version read and the day only when given", () => {
    const { body, errors } = correctionBody(form, "1990", "2026-11", 3);
    expect(errors).toEqual({});
    expect(body).toEqual({ nip: "1990", field: "deduction_percent", new: 2.5, reason: form.reason, version: 3 });
    expect(correctionBody({ ...form, field: "days_absent", value: "0", day: "2026-11-04" }, "1990", "2026-11", 3).body).toMatchObject({
      new: 0,
      day: "2026-11-04",
    });
  });

  it("refuses at the field what the server would refuse", () => {
    const { body, errors } = correctionBody({ field: "days_absent", value: "1,5", reason: "terlalu", day: "2026-12-01" }, "1990", "2026-11", 3);
    expect(body).toBeNull();
    expect(errors).toEqual({
      "correction-new": "Nilai baru harus bilangan bulat 0 atau lebih.",
      "correction-reason": "Alasan koreksi wajib diisi, 10–500 karakter.",
      "correction-day": "Tanggal harus di bulan November 2026.",
    });
    expect(correctionBody({ ...form, value: "120" }, "1990", "2026-11", 3).errors["correction-new"]).toBe("Potongan harus angka 0 sampai 100.");
    expect(correctionBody({ ...form, field: "", value: "" }, "1990", "2026-11", 3).errors).toEqual({
      "correction-field": "Pilih angka yang dikoreksi.",
      "correction-new": "Isi nilai baru dengan angka.",
    });
    expect(correctionFieldId("reason")).toBe("correction-reason");
    expect(correctionFieldId("nip")).toBeNull();
  });
});
