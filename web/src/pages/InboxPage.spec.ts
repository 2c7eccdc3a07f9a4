import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryHistory, createRouter } from "vue-router";
import { decisions, type Inbox } from "@/api/decisions";
import { useSession } from "@/composables/useSession";
import { queueItem, queuePage } from "@/test/decisions";
import InboxPage from "./InboxPage.vue";

vi.mock("@/api/decisions", () => ({
  decisions: { inbox: vi.fn(), queue: vi.fn(), decide: vi.fn(), decideMany: vi.fn() },
}));
const api = vi.mocked(decisions);

const SUPERVISOR: Inbox = {
  total: 4,
  kinds: [
    { kind: "report", label: "Laporan kegiatan", count: 0, delegated: [] },
    { kind: "leave_consideration", label: "Pertimbangan cuti", count: 4, delegated: [{ nip: "197512102000031003", count: 3 }] },
  ],
  tasks: [],
};

async function open(path: string, inbox: Inbox = SUPERVISOR) {
  api.inbox.mockResolvedValue(inbox);
  useSession().state.inbox = inbox;
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: "/persetujuan", component: InboxPage }] });
  await router.push(path);
  await router.isReady();
  const page = mount(InboxPage, { global: { plugins: [router], stubs: { RouterLink: true } } });
  await flushPromises();
  return { page, router };
}

/** A desktop (the 960 px breakpoint matches) or a phone. */
function screen(wide: boolean): void {
  vi.stubGlobal("matchMedia", (query: string) => ({ matches: wide && query.includes("960"), media: query, addEventListener() {}, removeEventListener() {} }));
}

beforeEach(() => {
  vi.resetAllMocks();
  vi.unstubAllGlobals();
  localStorage.clear();
  api.queue.mockImplementation(async (kind) => queuePage([queueItem({ kind })]));
});

describe("InboxPage", () => {
  it("opens on the first kind with something waiting, and keeps it in the URL", async () => {
    const { page, router } = await open("/persetujuan");
    expect(router.currentRoute.value.query.jenis).toBe("pertimbangan-cuti");
    expect(page.get("[data-testid=inbox-total]").text()).toBe("4 menunggu keputusan Anda");
  });

  it("offers the kinds with something waiting, the one shown, and HR kinds (whose queues list decided items too)", async () => {
    const inbox: Inbox = {
      total: 6,
      kinds: [
        ...SUPERVISOR.kinds,
        { kind: "skp", label: "SKP", count: 0, delegated: [] },
        { kind: "permission", label: "Izin", count: 2, delegated: [] },
        { kind: "complaint", label: "Pengaduan presensi", count: 0, delegated: [] },
      ],
      tasks: [],
    };
    const { page } = await open("/persetujuan?jenis=laporan", inbox);
    expect(page.findAll("nav[aria-label='Jenis yang diputuskan'] label").map((l) => l.text())).toEqual([
      "Laporan kegiatan 0",
      "Pertimbangan cuti 4",
      "Izin 2",
      "Pengaduan presensi 0",
    ]);
  });

  it("shows the queues of the supervisors who delegated, beside the caller's own staff", async () => {
    const { page, router } = await open("/persetujuan?jenis=pertimbangan-cuti");
    const queues = page.findAll("nav[aria-label='Antrean'] label").map((l) => l.text());
    expect(queues).toEqual(["Staf saya 1", "Delegasi dari NIP 19751210 200003 1 003 3"]);
    await page.findAll("nav[aria-label='Antrean'] input")[1].trigger("change");
    await flushPromises();
    expect(router.currentRoute.value.query.untuk).toBe("197512102000031003");
    expect(api.queue.mock.lastCall).toEqual(["leave_consideration", expect.objectContaining({ for: "197512102000031003" })]);
  });

  it("moves to another kind when its chip is chosen, leaving the other kind's filters behind", async () => {
    const reportsWaiting: Inbox = { ...SUPERVISOR, kinds: [{ ...SUPERVISOR.kinds[0], count: 1 }, SUPERVISOR.kinds[1]] };
    const { page, router } = await open("/persetujuan?jenis=pertimbangan-cuti&untuk=197512102000031003", reportsWaiting);
    await page.findAll("nav[aria-label='Jenis yang diputuskan'] input")[0].trigger("change");
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ jenis: "laporan" });
    expect(api.queue.mock.lastCall?.[0]).toBe("report");
  });

  it("opens the decision dialog with the verdict pressed on an item", async () => {
    const { page } = await open("/persetujuan?jenis=laporan");
    await page.get("[data-testid=verdict-reject]").trigger("click");
    expect(decisionHeading(page)).toBe("Tolak laporan");
  });

  it("offers a dense table on a desktop, kept in this browser, whose selection the bulk buttons decide", async () => {
    screen(true);
    api.queue.mockImplementation(async (kind) => queuePage([queueItem({ kind, id: "a" }), queueItem({ kind, id: "b", title: "Rapat koordinasi" })]));
    const { page } = await open("/persetujuan?jenis=laporan");
    expect(page.findAll("[data-testid=decision-item]")).toHaveLength(2); // cards until the table is chosen
    await page.get("[data-testid=layout-tabel] input").trigger("change");
    expect(localStorage.getItem("kinerja.persetujuan.tampilan")).toBe("tabel");
    expect(page.findAll("[data-testid=decision-row]")).toHaveLength(2);
    expect(page.find("[data-testid=decision-item]").exists()).toBe(false);
    expect(page.findAll("[data-testid=select-all]")).toHaveLength(1); // in the table's header, not the toolbar
    expect(page.get("[data-testid=bulk-approve]").attributes("disabled")).toBeDefined();
    await page.get("[data-testid=select-all]").trigger("change");
    expect(page.get("[data-testid=chosen-count]").text()).toBe("2 dipilih");
    await page.get("[data-testid=bulk-approve]").trigger("click");
    expect(decisionHeading(page)).toBe("Setujui laporan terpilih");
    page.unmount();
    const again = await open("/persetujuan?jenis=laporan");
    expect(again.page.find("[data-testid=decision-table]").exists()).toBe(true);
  });

  it("keeps the cards on a phone, whatever was chosen on a desktop", async () => {
    screen(false);
    localStorage.setItem("kinerja.persetujuan.tampilan", "tabel");
    const { page } = await open("/persetujuan?jenis=laporan");
    expect(page.find("[data-testid=decision-table]").exists()).toBe(false);
    expect(page.find("[data-testid=layout-tabel]").exists()).toBe(false);
    expect(page.findAll("[data-testid=decision-item]")).toHaveLength(1);
  });
});

/** The decision dialog's heading (a photo's own viewer is a dialog too, closed until a thumbnail is pressed). */
function decisionHeading(page: VueWrapper): string {
  const dialog = page.findAll("dialog").find((d) => d.find("[data-testid=decision-form]").exists());
  if (!dialog) throw new Error("no decision dialog");
  return dialog.get("h2").text();
}

