import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { assessmentApi } from "@/api/assessment";
import { decisions } from "@/api/decisions";
import { useSession } from "@/composables/useSession";
import { ApiError } from "@/lib/errors";
import { assessment, quarterSummary, STAFF } from "@/test/assessment";
import SkpQuarterList from "./SkpQuarterList.vue";

vi.mock("@/api/assessment", () => ({ assessmentApi: { quarter: vi.fn(), assess: vi.fn(), pdf: vi.fn() } }));
vi.mock("@/api/decisions", () => ({ decisions: { inbox: vi.fn(), queue: vi.fn(), decide: vi.fn(), decideMany: vi.fn() } }));
const api = vi.mocked(assessmentApi);
const decide = vi.mocked(decisions.decide);

const SKP_ID = `${STAFF.nip}.2026`;
const read = assessment({ status: "ACKNOWLEDGED", status_label: "Sudah dibaca pegawai", acknowledged_at: "2026-12-07T05:00:00+00:00", version: 2 });

async function open() {
  const list = mount(SkpQuarterList, { props: { skpId: SKP_ID, year: 2026 } });
  await flushPromises();
  return list;
}

beforeEach(() => {
  vi.resetAllMocks();
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-08-20T03:00:00Z") });
  useSession().state.profile = { nip: STAFF.nip, roles: ["PEGAWAI"], timezone: "WIB" } as never;
  vi.mocked(decisions.inbox).mockResolvedValue({ kinds: [] } as never);
});

describe("SkpQuarterList", () => {
  it("lists the quarters begun, newest first, each with its state in words", async () => {
    api.quarter.mockImplementation(async (_id, q) =>
      quarterSummary({ quarter: q, assessment: q === 2 ? assessment({ quarter: 2, label: "Triwulan II 2026" }) : q === 1 ? read : null }),
    );
    const list = await open();
    expect(api.quarter.mock.calls.map((c) => c[1]).sort()).toEqual([1, 2, 3]);
    const rows = list.findAll("[data-testid=skp-quarter]");
    expect(rows.map((r) => r.get("h3").text())).toEqual(["Triwulan III 2026", "Triwulan II 2026", "Triwulan I 2026"]);
    expect(rows.map((r) => r.get("[data-testid=skp-quarter-status]").text())).toEqual([
      "Belum dinilai",
      "Menunggu dibaca pegawai",
      "Sudah dibaca pegawai",
    ]);
    expect(rows[0].find("[data-testid=assessment-view]").exists()).toBe(false);
    // waiting: the whole assessment, and the button
    expect(rows[1].get("[data-testid=assessment-predicate]").text()).toBe("Baik");
    expect(rows[1].get("[data-testid=assessment-results]").text()).toBe("Di Atas Ekspektasi");
    expect(rows[1].get("[data-testid=assessment-feedback]").text()).toBe("Laporan tepat waktu dan lengkap.");
    expect(rows[1].get("[data-testid=assessment-realisation]").text()).toBe("3 laporan");
    expect(rows[1].text()).toContain("Target 4 laporan");
    expect(rows[1].text()).toContain("Akuntabel");
    expect(rows[1].find("[data-testid=assessment-ack-button]").exists()).toBe(true);
    // read: when, behind "Lihat penilaian"
    expect(rows[2].find("[data-testid=assessment-ack-button]").exists()).toBe(false);
    expect(rows[2].get("summary").text()).toContain("Predikat Baik");
    expect(rows[2].get("[data-testid=assessment-status]").text()).toBe("Sudah dibaca pegawai pada 7 Desember 2026");
  });

  it("acknowledges in place through the decision mechanism, with the version read", async () => {
    let acknowledged = false;
    api.quarter.mockImplementation(async (_id, q) => quarterSummary({ quarter: q, assessment: q === 3 ? (acknowledged ? read : assessment({ version: 1 })) : null }));
    decide.mockImplementation(async () => {
      acknowledged = true;
      return {} as never;
    });
    const list = await open();
    await list.get("[data-testid=assessment-ack-button]").trigger("click");
    await flushPromises();
    expect(decide).toHaveBeenCalledWith("assessment_ack", `${STAFF.nip}.2026.Q4`, { verdict: "APPROVE", version: 1 });
    expect(list.find("[data-testid=assessment-ack-button]").exists()).toBe(false);
    expect(list.findAll("[data-testid=skp-quarter-status]")[0].text()).toBe("Sudah dibaca pegawai");
    expect(decisions.inbox).toHaveBeenCalled();
  });

  it("asks to read again when the penilai changed it meanwhile", async () => {
    api.quarter.mockImplementation(async (_id, q) => quarterSummary({ quarter: q, assessment: q === 3 ? assessment({ version: 2 }) : null }));
    decide.mockRejectedValue(new ApiError({ status: 409, code: "CONFLICT", message: "Data berubah.", details: {} }));
    const list = await open();
    await list.get("[data-testid=assessment-ack-button]").trigger("click");
    await flushPromises();
    expect(list.get("[data-testid=assessment-ack-error]").text()).toContain("baru saja mengubah penilaian ini");
    expect(list.find("[data-testid=assessment-ack-button]").exists()).toBe(true);
  });
});
