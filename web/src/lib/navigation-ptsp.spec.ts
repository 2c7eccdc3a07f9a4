import { describe, expect, it } from "vitest";
import { accountGroups, workGroups } from "./navigation";

describe("navigation of the PTSP desk (issue 22)", () => {
  const service = (roles: string[]) =>
    workGroups({ roles, verifier: false })
      .find((g) => g.title === "Layanan publik")
      ?.items.map((i) => i.to) ?? [];

  it("gives public-service officers and the admin the desk and the catalogue under Layanan publik", () => {
    for (const roles of [["PEGAWAI", "LAYANAN"], ["PEGAWAI", "ADMIN"]]) {
      expect(service(roles)).toEqual(expect.arrayContaining(["/layanan/meja", "/layanan/katalog"]));
    }
    const menu = accountGroups({ roles: ["PEGAWAI", "LAYANAN"], verifier: false }).flatMap((g) => g.items.map((i) => i.label));
    expect(menu).toEqual(expect.arrayContaining(["Meja layanan", "Katalog layanan"]));
  });

  it("names the Kritis list for officers and leadership as its page is titled: Kritik & saran", () => {
    for (const roles of [["PEGAWAI", "LAYANAN"], ["PEGAWAI", "PIMPINAN"]]) {
      const items = workGroups({ roles, verifier: false }).find((g) => g.title === "Layanan publik")?.items ?? [];
      expect(items.find((i) => i.to === "/kritis-saran")?.label).toBe("Kritik & saran");
    }
  });

  it("shows neither to anyone else", () => {
    for (const roles of [["PEGAWAI"], ["PEGAWAI", "KEPEGAWAIAN"], ["PEGAWAI", "PIMPINAN"], ["PEGAWAI", "BKD"]]) {
      expect(service(roles)).not.toContain("/layanan/meja");
      expect(service(roles)).not.toContain("/layanan/katalog");
    }
  });
});
