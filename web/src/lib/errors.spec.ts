import { describe, expect, it } from "vitest";
import { ApiError, formErrors, NETWORK_MESSAGE, problemFromResponse, toProblem, translateFieldNames } from "./errors";

describe("problemFromResponse", () => {
  it("keeps the API's Indonesian message and the field it names", () => {
    const p = problemFromResponse(422, {
      code: "ATTENDANCE_REQUIRED",
      message: "Laporan hanya dapat dibuat pada tanggal Anda tercatat hadir.",
      details: {},
    });
    expect(p).toMatchObject({ status: 422, code: "ATTENDANCE_REQUIRED", field: undefined });
    expect(p.message).toBe("Laporan hanya dapat dibuat pada tanggal Anda tercatat hadir.");

    const q = problemFromResponse(400, { code: "INVALID_TIME_RANGE", message: "Jam selesai harus setelah jam mulai.", details: { field: "end_time" } });
    expect(q.field).toBe("end_time");
  });

  it("never shows an API field name or an English word", () => {
    const p = problemFromResponse(400, { code: "REQUIRED", message: "Kolom 'start_time' wajib diisi.", details: { field: "start_time", rule: "missing" } });
    expect(p.message).toBe("Jam mulai wajib diisi.");
    const q = problemFromResponse(400, { code: "TOO_LONG", message: "Kolom 'title' paling banyak 200 karakter.", details: { field: "title", max: 200 } });
    expect(q.message).toBe("Judul paling banyak 200 karakter.");
    expect(translateFieldNames("Nilai kolom 'decision' tidak dikenal.")).toBe("Nilai kolom Keputusan tidak dikenal.");
    const r = problemFromResponse(400, { code: "LOCATION_REQUIRED", message: "Lokasi perangkat (latitude, longitude) wajib dikirim.", details: {} });
    expect(r.message).not.toMatch(/latitude|longitude/);
  });

  it("explains a lock, a throttle and an expired session", () => {
    const locked = problemFromResponse(429, {
      code: "ACCOUNT_LOCKED",
      message: "Terlalu banyak percobaan masuk yang gagal. Akun dikunci sementara; coba lagi dalam 15 menit.",
      details: {},
    });
    expect(locked.message).toContain("15 menit");
    expect(problemFromResponse(429, { code: "THROTTLED", message: "x", details: {} }).message).toContain("Tunggu sebentar");
    expect(problemFromResponse(401, { code: "UNAUTHORIZED", message: "x", details: {} }).message).toContain("masuk kembali");
  });

  it("turns a body that is not the error shape into words by status", () => {
    expect(problemFromResponse(502, "Bad Gateway").message).toBe("Server sedang bermasalah (kode 502). Coba lagi beberapa saat lagi.");
    expect(problemFromResponse(404, null).message).toBe("Data yang diminta tidak ditemukan.");
  });
});

describe("toProblem", () => {
  it("says the server could not be reached when fetch fails", () => {
    const p = toProblem(new TypeError("Failed to fetch"));
    expect(p).toMatchObject({ status: 0, code: "NETWORK", message: NETWORK_MESSAGE });
  });

  it("unwraps an ApiError", () => {
    const error = new ApiError({ status: 409, code: "CONFLICT", message: "Laporan telah diubah.", details: {} });
    expect(toProblem(error).code).toBe("CONFLICT");
  });
});

describe("formErrors", () => {
  it("puts the message at the top and next to the field (renamed when the form calls it otherwise)", () => {
    const p = problemFromResponse(400, { code: "INVALID_DATE", message: "Tanggal tidak valid.", details: { field: "from" } });
    expect(formErrors(p)).toEqual({ summary: "Tanggal tidak valid.", fields: { from: "Tanggal tidak valid." } });
    expect(formErrors(p, { from: "date-from" }).fields).toEqual({ "date-from": "Tanggal tidak valid." });
  });
});
