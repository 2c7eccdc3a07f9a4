import { flushPromises } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ref } from "vue";
import { skpApi } from "@/api/skp";
import { ApiError } from "@/lib/errors";
import { skp, skpTarget } from "@/test/skp";
import { useApprovedTargets } from "./useApprovedTargets";

vi.mock("@/api/skp", () => ({ skpApi: { get: vi.fn() } }));
const api = vi.mocked(skpApi);

beforeEach(() => vi.resetAllMocks());

describe("useApprovedTargets", () => {
  it("gives the approved targets of the year, reading each year once", async () => {
    api.get.mockImplementation(async (year) => skp({ year, approved_targets: year === 2026 ? [skpTarget()] : [], targets: [skpTarget({ text: "Draf" })] }));
    const year = ref<number | null>(2026);
    const { targets } = useApprovedTargets(year);
    await flushPromises();
    expect(targets.value.map((t) => t.text)).toEqual(["Tersusunnya laporan keuangan triwulan tepat waktu"]);
    year.value = 2025;
    await flushPromises();
    expect(targets.value).toEqual([]);
    year.value = 2026;
    await flushPromises();
    expect(targets.value).toHaveLength(1);
    expect(api.get.mock.calls.map((c) => c[0])).toEqual([2026, 2025]);
  });

  it("has none without an SKP, and says why when the server could not answer", async () => {
    api.get.mockRejectedValueOnce(new ApiError({ status: 404, code: "SKP_NOT_FOUND", message: "SKP tidak ditemukan.", details: {} }));
    const year = ref<number | null>(2026);
    const found = useApprovedTargets(year);
    await flushPromises();
    expect([found.targets.value, found.error.value]).toEqual([[], null]);
    api.get.mockRejectedValueOnce(new ApiError({ status: 0, code: "NETWORK", message: "Tidak dapat terhubung ke server.", details: {} }));
    year.value = 2027;
    await flushPromises();
    expect(found.error.value).toBe("Tidak dapat terhubung ke server.");
  });
});
