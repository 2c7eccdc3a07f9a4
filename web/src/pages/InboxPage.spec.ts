import { flushPromises, mount } from "@vue/test-utils";
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

beforeEach(() => {
  vi.resetAllMocks();
  api.queue.mockImplementation(async (kind) => queuePage([queueItem({ kind })]));
});

describe("InboxPage", () => {
  it("opens on the first kind with something waiting, and keeps it in the URL", async () => {
    const { page, router } = await open("/persetujuan");
    expect(router.currentRoute.value.query.jenis).toBe("pertimbangan-cuti");
    expect(page.findAll("nav[aria-label='Jenis yang diputuskan'] label").map((l) => l.text())).toEqual([
      "Laporan kegiatan 0",
      "Pertimbangan cuti 4",
    ]);
    expect(page.get("[data-testid=inbox-total]").text()).toBe("4 menunggu keputusan Anda");
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
    const { page, router } = await open("/persetujuan?jenis=pertimbangan-cuti&untuk=197512102000031003");
    await page.findAll("nav[aria-label='Jenis yang diputuskan'] input")[0].trigger("change");
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ jenis: "laporan" });
    expect(api.queue.mock.lastCall?.[0]).toBe("report");
  });

  it("opens the decision dialog with the verdict pressed on an item", async () => {
    const { page } = await open("/persetujuan?jenis=laporan");
    await page.get("[data-testid=verdict-reject]").trigger("click");
    expect(page.get("dialog h2").text()).toBe("Tolak laporan");
  });
});
