import { describe, expect, it } from "vitest";
import { bottomItems, sideGroups } from "./navigation";

describe("navigation by role", () => {
  it("shows an employee four items and no Persetujuan", () => {
    const items = bottomItems({ roles: ["PEGAWAI"], verifier: false }).map((i) => i.label);
    expect(items).toEqual(["Beranda", "Laporan", "Presensi", "Akun"]);
  });

  it("adds Persetujuan (with its badge) for a supervisor or a delegate, never more than five", () => {
    const items = bottomItems({ roles: ["PEGAWAI"], verifier: true });
    expect(items.map((i) => i.label)).toEqual(["Beranda", "Laporan", "Presensi", "Persetujuan", "Akun"]);
    expect(items.find((i) => i.label === "Persetujuan")?.badge).toBe(true);
  });

  it("gives the desktop the role's own areas, and only those", () => {
    const labels = (roles: string[]) => sideGroups({ roles, verifier: false }).flatMap((g) => g.items.map((i) => i.label));
    expect(labels(["PEGAWAI", "OPERATOR_SKPD"])).toEqual(expect.arrayContaining(["Pegawai", "Impor pegawai"]));
    expect(labels(["PEGAWAI", "OPERATOR_SKPD"])).not.toContain("Admin");
    expect(labels(["PEGAWAI", "KEPEGAWAIAN"])).toEqual(expect.arrayContaining(["Rekap", "Pegawai"]));
    expect(labels(["PEGAWAI", "KEPEGAWAIAN"])).not.toContain("Impor pegawai");
    expect(labels(["PEGAWAI", "ADMIN"])).toContain("Admin");
  });

  it("gives everyone their complaints, records and archive, and HR (Kepegawaian, BKD, Admin) its verification", () => {
    const labels = (roles: string[]) => sideGroups({ roles, verifier: false }).flatMap((g) => g.items.map((i) => i.label));
    const hr = ["Verifikasi pengaduan", "Verifikasi riwayat", "Verifikasi arsip", "Kelengkapan arsip"];
    expect(labels(["PEGAWAI"])).toEqual(expect.arrayContaining(["Pengaduan presensi", "Riwayat", "Arsip dokumen"]));
    for (const item of hr) expect(labels(["PEGAWAI", "ATASAN", "OPERATOR_SKPD"])).not.toContain(item);
    for (const role of ["KEPEGAWAIAN", "BKD", "ADMIN"]) expect(labels(["PEGAWAI", role])).toEqual(expect.arrayContaining(hr));
  });
});
