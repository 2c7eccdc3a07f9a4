import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { LABELS } from "@/api/labels";
import PredicatePanel from "./PredicatePanel.vue";

const get = vi.fn();
const post = vi.fn();
vi.mock("@/api/client", () => ({
  api: () => ({ GET: get, POST: post }),
  unwrap: async (call: Promise<{ data: unknown }>) => (await call).data,
}));

const predicates = Object.entries(LABELS.predicate).map(([predicate, label]) => ({ predicate, label }));
const zero = { SANGAT_BAIK: 0, BAIK: 0, BUTUH_PERBAIKAN: 0, KURANG: 0, SANGAT_KURANG: 0 };

function distribution() {
  return {
    year: 2026,
    quarter: 4,
    label: "Triwulan IV 2026",
    skpd: { skpd_id: "DINKES", name: "Dinas Kesehatan" },
    predicates,
    satker: [
      { satker_id: "SEK", name: "Sekretariat", counts: { ...zero, SANGAT_BAIK: 1200, BAIK: 2 }, assessed: 1202 },
      { satker_id: "UPT", name: "UPT Laboratorium", counts: zero, assessed: 0 },
    ],
    totals: { satker_id: null, name: "Jumlah", counts: { ...zero, SANGAT_BAIK: 1200, BAIK: 2 }, assessed: 1202 },
  };
}

function panel(props: Record<string, unknown> = {}) {
  return mount(PredicatePanel, { props: { org: true, staff: false, pickSkpd: false, skpds: [], today: "2026-12-07", ...props } });
}

beforeEach(() => {
  get.mockReset();
  post.mockReset();
});

describe("PredicatePanel", () => {
  it("asks for this quarter of the caller's SKPD and shows each satker's counts in numbers, beside a described bar", async () => {
    get.mockResolvedValue({ data: distribution() });
    const wrapper = panel();
    await flushPromises();
    expect(get).toHaveBeenCalledWith("/skp/predicates", { params: { query: { year: 2026, quarter: 4, skpd_id: undefined } } });
    const rows = wrapper.findAll("[data-testid=predicate-row]");
    expect(rows.map((r) => r.attributes("data-satker"))).toEqual(["SEK", "UPT", ""]);
    expect(rows[0].find("[data-predicate=SANGAT_BAIK]").text()).toBe("1.200");
    expect(rows[0].find("[data-predicate=SANGAT_BAIK]").attributes("data-label")).toBe(LABELS.predicate.SANGAT_BAIK);
    expect(rows[0].find(".bar").attributes("aria-label")).toContain(`${LABELS.predicate.BAIK} 2`);
    expect(rows[1].find(".bar").attributes("aria-label")).toBe("Belum ada pegawai yang dinilai");
    expect(wrapper.find("[data-testid=predicate-total]").text()).toBe("1.202");
    expect(wrapper.find("thead").text()).toContain(LABELS.predicate.SANGAT_KURANG);
  });

  it("lets BKD choose the SKPD before anything is read, then reads that SKPD", async () => {
    get.mockResolvedValue({ data: distribution() });
    const wrapper = panel({ pickSkpd: true, skpds: [{ skpd_id: "DINKES", name: "Dinas Kesehatan" }] });
    await flushPromises();
    expect(get).not.toHaveBeenCalled();
    expect(wrapper.text()).toContain("Pilih SKPD");
    await wrapper.find("#predicate-skpd").setValue("DINKES");
    await flushPromises();
    expect(get).toHaveBeenCalledWith("/skp/predicates", { params: { query: { year: 2026, quarter: 4, skpd_id: "DINKES" } } });
  });

  it("gives a supervisor the Excel of their own staff through the export job", async () => {
    post.mockResolvedValue({ data: { job_id: "a".repeat(32), status: "PENDING" } });
    get.mockResolvedValue({ data: { job_id: "a".repeat(32), status: "DONE", url: "https://unduh.example/predikat.xlsx" } });
    const wrapper = panel({ org: false, staff: true });
    await flushPromises();
    expect(wrapper.find("[data-testid=predicate-table]").exists()).toBe(false);
    await wrapper.find("[data-testid=predicate-export-staff]").trigger("click");
    await flushPromises();
    expect(post).toHaveBeenCalledWith("/skp/predicates/exports", { body: { year: 2026, quarter: 4, scope: "penilai" } });
    expect(wrapper.find("[data-testid=predicate-download-staff]").attributes("href")).toBe("https://unduh.example/predikat.xlsx");
  });
});
