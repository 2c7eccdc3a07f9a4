import { describe, expect, it } from "vitest";
import { accountGroups, bottomItems, sideGroups } from "./navigation";

describe("navigation by role", () => {
  it("shows an employee four items and no Persetujuan", () => {
    const items = bottomItems({ roles: ["PEGAWAI"], verifier: false }).map((i) => i.label);
    expect(items).toEqual(["Beranda", "Laporan", "Presensi", "Akun"]);
  });

  it("adds Persetujuan (with its badge) for anyone who decides anything, never more than five", () => {
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

  it("gives everyone their complaints, records and archive; HR its lists, but no second queue beside the inbox", () => {
    const labels = (roles: string[], verifier = false) => sideGroups({ roles, verifier }).flatMap((g) => g.items.map((i) => i.label));
    expect(labels(["PEGAWAI"])).toEqual(expect.arrayContaining(["Pengaduan presensi", "Riwayat", "Arsip dokumen"]));
    for (const role of ["KEPEGAWAIAN", "BKD", "ADMIN"]) {
      expect(labels(["PEGAWAI", role], true)).toEqual(expect.arrayContaining(["Persetujuan", "Cuti pegawai", "Kelengkapan arsip"]));
      expect(labels(["PEGAWAI", role], true).filter((l) => /verifikasi$|persetujuan cuti|penomoran/i.test(l))).toEqual([]);
    }
    expect(labels(["PEGAWAI", "OPERATOR_SKPD"])).not.toContain("Kelengkapan arsip");
  });

  it("gives everyone their SKP and only supervisors their staff's SKP (issue 19)", () => {
    const targets = (roles: string[]) => sideGroups({ roles, verifier: roles.includes("ATASAN") }).flatMap((g) => g.items.map((i) => i.to));
    expect(targets(["PEGAWAI"])).toContain("/skp");
    expect(targets(["PEGAWAI"])).not.toContain("/skp/staf");
    expect(targets(["PEGAWAI", "ATASAN"])).toEqual(expect.arrayContaining(["/skp", "/skp/staf"]));
    expect(targets(["PEGAWAI", "KEPEGAWAIAN"])).not.toContain("/skp/staf");
    const supervisor = accountGroups({ roles: ["PEGAWAI", "ATASAN"], verifier: true });
    expect(supervisor.find((g) => g.title === "Laporan saya")?.items[0]).toMatchObject({ to: "/skp", label: "SKP" });
    expect(supervisor.find((g) => g.title === "Rekap")?.items.map((i) => i.label)).toEqual(["Rekap", "SKP staf"]);
    expect(supervisor.every((g) => g.items.length <= 5)).toBe(true);
  });

  it("offers delegation to supervisors and to whoever decides reports for one", () => {
    const has = (who: Parameters<typeof sideGroups>[0]) => sideGroups(who).some((g) => g.items.some((i) => i.to === "/delegasi"));
    expect(has({ roles: ["PEGAWAI", "ATASAN"], verifier: true })).toBe(true);
    expect(has({ roles: ["PEGAWAI"], verifier: true, kinds: ["report"] })).toBe(true);
    expect(has({ roles: ["PEGAWAI", "KEPEGAWAIAN"], verifier: true, kinds: ["complaint", "record", "document"] })).toBe(false);
  });
});

describe("the phone's Akun menu", () => {
  const titles = (who: Parameters<typeof accountGroups>[0]) => accountGroups(who).map((g) => g.title);

  it("groups HR's work by what HR does (verify, recap, people) before the person's own tools", () => {
    const hr = { roles: ["PEGAWAI", "KEPEGAWAIAN"], verifier: true, kinds: ["complaint", "record", "document"] };
    expect(titles(hr)).toEqual(["Verifikasi", "Rekap", "Pegawai", "Pengaturan", "Laporan saya", "Kepegawaian saya", "Akun"]);
    const groups = accountGroups(hr);
    expect(groups.find((g) => g.title === "Verifikasi")?.items.map((i) => i.label)).toEqual(["Cuti pegawai"]);
    expect(groups.find((g) => g.title === "Rekap")?.items.map((i) => i.label)).toEqual(["Rekap", "Disiplin & TPP", "Kelengkapan arsip"]);
    expect(groups.find((g) => g.title === "Pegawai")?.items.map((i) => i.label)).toEqual(["Pegawai"]);
    expect(groups.find((g) => g.title === "Pengaturan")?.items.map((i) => i.to)).toEqual(["/jam-kerja"]);
    expect(groups.every((g) => g.items.length <= 5)).toBe(true);
  });

  it("loses nothing the side navigation offers, and gives an employee only their own tools", () => {
    for (const roles of [["PEGAWAI"], ["PEGAWAI", "ATASAN"], ["PEGAWAI", "KEPEGAWAIAN", "OPERATOR_SKPD", "ADMIN"]]) {
      const who = { roles, verifier: roles.length > 1 };
      const side = sideGroups(who).filter((g) => g.title && g.title !== "Akun").flatMap((g) => g.items.map((i) => i.to));
      const menu = accountGroups(who).flatMap((g) => g.items.map((i) => i.to));
      expect(menu.filter((to) => to !== "/ganti-sandi").sort()).toEqual(side.sort());
    }
    expect(titles({ roles: ["PEGAWAI"], verifier: false })).toEqual(["Laporan saya", "Kepegawaian saya", "Akun"]);
    expect(titles({ roles: ["PEGAWAI", "ADMIN"], verifier: true })).toContain("Pengaturan");
  });
});
