import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryHistory, createRouter, type Router } from "vue-router";
import { disciplineApi } from "@/api/discipline";
import { useSession } from "@/composables/useSession";
import { HR, satkerMonth } from "@/test/discipline";
import DisciplinePage from "./DisciplinePage.vue";

const get = vi.fn();
vi.mock("@/api/client", () => ({
  api: () => ({ GET: get }),
  unwrap: async (call: Promise<{ data?: unknown }>) => (await call).data,
}));
vi.mock("@/api/discipline", () => ({ disciplineApi: { month: vi.fn(), close: vi.fn(), correct: vi.fn() } }));
const api = vi.mocked(disciplineApi);
const SATKERS = [
  { satker_id: "PKM-1", name: "Puskesmas Sukamaju" },
  { satker_id: "PKM-2", name: "Puskesmas Sukajadi" },
];

let router: Router;

async function open(path = "/rekap-disiplin") {
  router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: "/rekap-disiplin", component: DisciplinePage },
      { path: "/:rest(.*)*", component: { template: "<p />" } },
    ],
  });
  await router.push(path);
  await router.isReady();
  const page = mount(DisciplinePage, { global: { plugins: [router] }, attachTo: document.body });
  await flushPromises();
  return page;
}

beforeEach(() => {
  vi.resetAllMocks();
  document.body.innerHTML = "";
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-07T03:00:00Z") });
  get.mockImplementation(async (path: string) =>
    path === "/skpd" ? { data: { items: [{ skpd_id: "DINKES", name: "Dinas Kesehatan" }] } } : { data: { skpd_id: "DINKES", satker: SATKERS } },
  );
  api.month.mockResolvedValue(satkerMonth());
});

describe("DisciplinePage", () => {
  it("opens HR's first satker on last month, and keeps the choice in the URL", async () => {
    useSession().state.profile = { nip: HR, roles: ["PEGAWAI", "KEPEGAWAIAN"], skpd_id: "DINKES", timezone: "WIB" } as never;
    const page = await open();
    expect(page.find("#discipline-skpd").exists()).toBe(false);
    const months = page.findAll("#discipline-month option");
    expect(months[0].text()).toBe("November 2026");
    expect(months).toHaveLength(12);
    expect(api.month).toHaveBeenLastCalledWith({ skpd_id: "DINKES", satker_id: "PKM-1", month: "2026-11" });

    await page.get("#discipline-month").setValue("2026-10");
    await flushPromises();
    expect(api.month).toHaveBeenLastCalledWith({ skpd_id: "DINKES", satker_id: "PKM-1", month: "2026-10" });
    expect(router.currentRoute.value.query).toEqual({ satker: "PKM-1", bulan: "2026-10" });
    page.unmount();
  });

  it("reproduces the view a link names", async () => {
    useSession().state.profile = { nip: HR, roles: ["PEGAWAI", "KEPEGAWAIAN"], skpd_id: "DINKES", timezone: "WIB" } as never;
    const page = await open("/rekap-disiplin?satker=PKM-2&bulan=2026-09");
    expect((page.get("#discipline-satker").element as HTMLSelectElement).value).toBe("PKM-2");
    expect(api.month).toHaveBeenLastCalledWith({ skpd_id: "DINKES", satker_id: "PKM-2", month: "2026-09" });
    page.unmount();
  });

  it("lets BKD choose the SKPD", async () => {
    useSession().state.profile = { nip: "196501011990031001", roles: ["PEGAWAI", "BKD"], skpd_id: "BKD", timezone: "WIB" } as never;
    const page = await open("/rekap-disiplin?skpd=DINKES");
    expect(page.find("#discipline-skpd").exists()).toBe(true);
    expect(get).toHaveBeenCalledWith("/skpd/{skpd_id}", { params: { path: { skpd_id: "DINKES" } } });
    expect(api.month).toHaveBeenLastCalledWith({ skpd_id: "DINKES", satker_id: "PKM-1", month: "2026-11" });
    page.unmount();
  });
});
