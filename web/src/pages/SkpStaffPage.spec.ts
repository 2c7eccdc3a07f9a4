import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryHistory, createRouter } from "vue-router";
import { skpApi } from "@/api/skp";
import { useSession } from "@/composables/useSession";
import { cascade } from "@/test/skp";
import SkpStaffPage from "./SkpStaffPage.vue";

vi.mock("@/api/skp", () => ({
  skpApi: { get: vi.fn(), create: vi.fn(), save: vi.fn(), submit: vi.fn(), versions: vi.fn(), cascade: vi.fn(), parents: vi.fn() },
}));
const api = vi.mocked(skpApi);

async function open(path = "/skp/staf") {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: "/skp/staf", component: SkpStaffPage },
      { path: "/:rest(.*)*", component: { template: "<p />" } },
    ],
  });
  await router.push(path);
  await router.isReady();
  const page = mount(SkpStaffPage, { global: { plugins: [router] } });
  await flushPromises();
  return page;
}

beforeEach(() => {
  vi.resetAllMocks();
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-07T03:00:00Z") });
  useSession().state.profile = { nip: "197512102000031003", roles: ["PEGAWAI", "ATASAN"], timezone: "WIB" } as never;
});

describe("SkpStaffPage", () => {
  it("shows each of the supervisor's RHK with the staff RHK under it", async () => {
    api.cascade.mockResolvedValue(cascade());
    const page = await open();
    expect(api.cascade).toHaveBeenCalledWith(2026);
    expect(page.get("h1").text()).toBe("SKP staf 2026");
    const nodes = page.findAll("[data-testid=cascade-node]");
    expect(nodes).toHaveLength(2);
    expect(nodes[0].text()).toContain("Meningkatnya kualitas pengelolaan keuangan dinas");
    const child = nodes[0].get("[data-testid=cascade-child]");
    expect(child.text()).toContain("Dewi Lestari, Analis Keuangan");
    expect(child.text()).toContain("Tersusunnya laporan keuangan triwulan tepat waktu (Utama)");
    expect(nodes[1].get(".tag").text()).toBe("Tambahan");
    expect(nodes[1].text()).toContain("Belum ada RHK staf yang mendukung.");
  });

  it("gives each staff member's status in words and sends an SKP waiting to the inbox", async () => {
    api.cascade.mockResolvedValue(cascade());
    const page = await open();
    const rows = page.findAll("[data-testid=skp-staff-row]");
    expect(rows.map((r) => r.get("[data-testid=skp-status]").text())).toEqual(["Diajukan", "Belum ada SKP"]);
    expect(rows[0].get("a").attributes("href")).toBe("/persetujuan?jenis=skp");
    expect(rows[1].find("a").exists()).toBe(false);
    expect(page.get("[data-testid=skp-staff-waiting]").text()).toContain("1 SKP staf menunggu persetujuan Anda.");
  });

  it("opens the latest quarter's assessment of a staff member whose SKP is approved", async () => {
    const base = cascade();
    api.cascade.mockResolvedValue(
      cascade({ staff: [{ ...base.staff[0], status: "APPROVED", status_label: "Disetujui" }, base.staff[1]] }),
    );
    const page = await open();
    const rows = page.findAll("[data-testid=skp-staff-row]");
    const link = rows[0].get("[data-testid=skp-staff-assess]");
    expect(link.text()).toContain("Penilaian triwulan");
    expect(link.attributes("href")).toBe("/skp/staf/199001152015032001/2026/triwulan/4");
    expect(rows[1].find("[data-testid=skp-staff-assess]").exists()).toBe(false);
  });

  it("says why there is no tree before the supervisor's own SKP is approved", async () => {
    api.cascade.mockResolvedValue(cascade({ targets: [], staff: [] }));
    const page = await open("/skp/staf?tahun=2025");
    expect(api.cascade).toHaveBeenCalledWith(2025);
    expect(page.get("[data-testid=skp-cascade]").text()).toContain("SKP Anda tahun 2025 belum disetujui");
    expect(page.get("[data-testid=skp-staff]").text()).toContain("Tidak ada staf");
  });
});
