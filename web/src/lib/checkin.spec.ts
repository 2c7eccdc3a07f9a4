import { describe, expect, it } from "vitest";
import { accuracyOf, accuracyText, checkInSentences, dataUrlBytes, fitWithin } from "./checkin";

const recorded = { time: "07:31", timezone: "WIB" as const, distance_m: 35, accuracy_m: 12, flagged: false, reasons: [] };

describe("check-in words", () => {
  it("says the time, the distance and the fix's accuracy", () => {
    expect(checkInSentences("PAGI", recorded)).toEqual(["Presensi masuk tercatat pukul 07.31 WIB (35 m dari kantor, akurasi GPS ±12 m)."]);
    expect(checkInSentences("SORE", { ...recorded, distance_m: null, accuracy_m: null })).toEqual(["Presensi pulang tercatat pukul 07.31 WIB."]);
    expect(accuracyText(1250)).toBe("akurasi GPS ±1.250 m");
    expect(accuracyOf(12.345678)).toBe(12.3);
  });

  it("says a flagged check-in goes to HR, with the reasons in words", () => {
    const flagged = { ...recorded, flagged: true, reasons: ["Perpindahan lokasi yang mustahil sejak presensi sebelumnya"] };
    expect(checkInSentences("SORE", flagged)[1]).toBe(
      "Presensi ini ditandai untuk diperiksa petugas kepegawaian: Perpindahan lokasi yang mustahil sejak presensi sebelumnya.",
    );
  });
});

describe("selfie size", () => {
  it("fits the longest side within 640 px and never enlarges", () => {
    expect(fitWithin(3000, 4000)).toEqual({ width: 480, height: 640 });
    expect(fitWithin(4000, 3000)).toEqual({ width: 640, height: 480 });
    expect(fitWithin(320, 200)).toEqual({ width: 320, height: 200 });
  });

  it("counts a data URL's bytes", () => {
    expect(dataUrlBytes("data:image/jpeg;base64,QUJD")).toBe(3);
    expect(dataUrlBytes("data:image/jpeg;base64,QUI=")).toBe(2);
    expect(dataUrlBytes("data:image/jpeg;base64,QQ==")).toBe(1);
  });
});
