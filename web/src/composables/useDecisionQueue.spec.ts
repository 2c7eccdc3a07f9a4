import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, ref } from "vue";
import { createMemoryHistory, createRouter } from "vue-router";
import { decisions } from "@/api/decisions";
import { ApiError } from "@/lib/errors";
import { queueItem, queuePage } from "@/test/decisions";
import { BULK_LIMIT, useDecisionQueue, type DecisionQueue } from "./useDecisionQueue";

vi.mock("@/api/decisions", () => ({
  decisions: { inbox: vi.fn(), queue: vi.fn(), decide: vi.fn(), decideMany: vi.fn() },
}));
const api = vi.mocked(decisions);

async function open(path: string, kind = "report") {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: "/persetujuan", component: { render: () => null } }] });
  await router.push(path);
  await router.isReady();
  const current = ref<string | null>(kind);
  let queue!: DecisionQueue;
  const Host = defineComponent({
    setup() {
      queue = useDecisionQueue(current);
      return () => null;
    },
  });
  mount(Host, { global: { plugins: [router] } });
  await flushPromises();
  return { queue, router, current };
}

beforeEach(() => {
  vi.resetAllMocks();
  api.inbox.mockResolvedValue({ total: 0, kinds: [], tasks: [] });
});

describe("useDecisionQueue", () => {
  it("loads the kind's queue with the filters the URL holds, only those the kind uses", async () => {
    api.queue.mockResolvedValue(queuePage([queueItem()], { count: 5 }));
    const { queue } = await open("/persetujuan?jenis=pengaduan&status=APPROVED&skpd=DINKES&dari=2026-12-01&untuk=1975&kategori=KTP", "complaint");
    expect(api.queue).toHaveBeenCalledWith("complaint", {
      status: "APPROVED",
      skpd_id: "DINKES",
      from: "2026-12-01",
      to: undefined,
      category: undefined,
      for: undefined,
      limit: 20,
      cursor: undefined,
    });
    expect(queue.count.value).toBe(5);
    expect(queue.label.value).toBe("Laporan kegiatan");
  });

  it("adds the next page with the cursor (Muat lebih banyak)", async () => {
    api.queue.mockResolvedValueOnce(queuePage([queueItem()], { next_cursor: "c2" }));
    const { queue } = await open("/persetujuan");
    api.queue.mockResolvedValueOnce(queuePage([queueItem({ id: "r2" })]));
    await queue.loadMore();
    expect(api.queue.mock.calls[1][1].cursor).toBe("c2");
    expect(queue.items.value.map((i) => i.id)).toEqual(["r1", "r2"]);
    expect(queue.cursor.value).toBeNull();
  });

  it("keeps the filters in the URL and loads again when they change", async () => {
    api.queue.mockResolvedValue(queuePage([]));
    const { queue, router } = await open("/persetujuan?jenis=laporan");
    queue.setFilters({ for: "197512102000031003", to: "" });
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ jenis: "laporan", untuk: "197512102000031003" });
    expect(api.queue).toHaveBeenCalledTimes(2);
    expect(api.queue.mock.calls[1][1].for).toBe("197512102000031003");
  });

  it("selects only what can still be decided", async () => {
    api.queue.mockResolvedValue(queuePage([queueItem(), queueItem({ id: "r2" }), queueItem({ id: "r3", verdicts: [] })]));
    const { queue } = await open("/persetujuan");
    queue.toggleAll();
    expect([...queue.selected]).toEqual(["r1", "r2"]);
    expect(queue.allSelected.value).toBe(true);
    queue.toggle("r2");
    expect(queue.chosen.value.map((i) => i.id)).toEqual(["r1"]);
  });

  it("decides one with the version it saw, shows the API's outcome and refreshes the badge", async () => {
    api.queue.mockResolvedValue(queuePage([queueItem(), queueItem({ id: "r2" })]));
    const { queue } = await open("/persetujuan");
    api.decide.mockResolvedValue(queueItem({ status: "APPROVED", status_label: "Disetujui", version: 4 }));
    await queue.decide(queue.items.value[0], { verdict: "APPROVE", rating: 4 });
    expect(api.decide).toHaveBeenCalledWith("report", "r1", { verdict: "APPROVE", rating: 4, version: 3 });
    expect(queue.outcomes.r1).toEqual({ ok: true, text: "Disetujui" });
    expect(queue.count.value).toBe(1);
    expect(queue.open.value.map((i) => i.id)).toEqual(["r2"]);
    expect(api.inbox).toHaveBeenCalled();
  });

  it("keeps the person's name and jabatan on the card when the decision's answer comes without them", async () => {
    const waiting = queueItem({ kind: "leave_consideration", id: "l1", employee: { nip: "199204232019031004", name: "Agus Pratama", jabatan: "Analis" } });
    api.queue.mockResolvedValue(queuePage([waiting]));
    const { queue } = await open("/persetujuan", "leave_consideration");
    const answer = queueItem({ kind: "leave_consideration", id: "l1", status: "DEFERRED", status_label: "Ditangguhkan", employee: { nip: "199204232019031004", name: null, jabatan: null } });
    api.decide.mockResolvedValue(answer);
    await queue.decide(queue.items.value[0], { verdict: "DEFER", note: "Akreditasi" });
    expect(queue.items.value[0].employee).toEqual({ nip: "199204232019031004", name: "Agus Pratama", jabatan: "Analis" });
    expect(queue.items.value[0].status_label).toBe("Ditangguhkan");
    expect(queue.items.value[0].verdicts).toEqual([]);
  });

  it("passes a refusal on to the dialog, changing nothing", async () => {
    api.queue.mockResolvedValue(queuePage([queueItem()]));
    const { queue } = await open("/persetujuan");
    const conflict = new ApiError({ status: 409, code: "CONFLICT", message: "Versi berbeda.", details: {} });
    api.decide.mockRejectedValue(conflict);
    await expect(queue.decide(queue.items.value[0], { verdict: "APPROVE" })).rejects.toBe(conflict);
    expect(queue.outcomes.r1).toBeUndefined();
    expect(queue.count.value).toBe(1);
  });

  it("decides many in calls the API accepts, each item with its own outcome", async () => {
    const many = Array.from({ length: BULK_LIMIT + 2 }, (_, n) => queueItem({ id: `r${n}` }));
    api.queue.mockResolvedValue(queuePage(many));
    const { queue } = await open("/persetujuan");
    api.decideMany.mockImplementation(async (_kind, body) => ({
      decided: body.items.length - (body.items[0].id === "r0" ? 1 : 0),
      failed: body.items[0].id === "r0" ? 1 : 0,
      results: body.items.map((i, n) =>
        i.id === "r0" && n === 0
          ? { id: i.id, outcome: "ERROR" as const, code: "ALREADY_DECIDED", message: "Laporan ini sudah diputuskan." }
          : { id: i.id, outcome: "DECIDED" as const, status: "APPROVED", version: 4 },
      ),
    }));
    const result = await queue.decideMany(many, { verdict: "APPROVE", note: "Rapi" });
    expect(api.decideMany).toHaveBeenCalledTimes(2);
    expect(api.decideMany.mock.calls[0][1].items).toHaveLength(BULK_LIMIT);
    expect(api.decideMany.mock.calls[0][1]).toMatchObject({ verdict: "APPROVE", note: "Rapi" });
    expect(result.decided).toBe(BULK_LIMIT + 1);
    expect(queue.outcomes.r0).toEqual({ ok: false, text: "Laporan ini sudah diputuskan." });
    expect(queue.outcomes.r1).toEqual({ ok: true, text: "Disetujui" });
    expect(queue.notice.value).toBe("51 laporan disetujui. 1 tidak dapat diproses; lihat keterangan di tiap laporan.");
    expect(queue.open.value.map((i) => i.id)).toEqual(["r0"]);
  });

  it("starts afresh for another kind, and keeps the outcomes on a refresh", async () => {
    api.queue.mockResolvedValue(queuePage([queueItem()]));
    const { queue, current } = await open("/persetujuan");
    queue.outcomes.r1 = { ok: true, text: "Disetujui" };
    await queue.refresh();
    expect(queue.outcomes.r1).toBeDefined();
    api.queue.mockResolvedValue(queuePage([queueItem({ kind: "complaint", id: "c1" })]));
    current.value = "complaint";
    await flushPromises();
    expect(api.queue.mock.lastCall?.[0]).toBe("complaint");
    expect(queue.outcomes.r1).toBeUndefined();
    expect(queue.items.value[0].id).toBe("c1");
  });
});
