import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import CheckInRulesForm from "./CheckInRulesForm.vue";

const get = vi.fn();
const put = vi.fn();
vi.mock("@/api/client", () => ({
  api: () => ({ GET: get, PUT: put }),
  unwrap: async (call: Promise<{ data?: unknown; error?: unknown }>) => {
    const answer = await call;
    if (answer.error) throw { problem: answer.error };
    return answer.data;
  },
}));
vi.mock("@/composables/useToast", () => ({ announce: vi.fn() }));

const DEFAULTS = { device_policy: "FLAG", device_limit: 2, selfie_satkers: [], max_speed_kmh: 200 };
const SATKERS = [
  { satker_id: "PKM-KOTA", name: "Puskesmas Kota" },
  { satker_id: "PKM-DESA", name: "Puskesmas Desa" },
];

function rules(extra: Record<string, unknown> = {}) {
  return { skpd_id: "DINKES", source: "DEFAULT", version: 0, policy_label: "Dicatat", ...DEFAULTS, defaults: DEFAULTS, ...extra };
}

beforeEach(() => {
  get.mockReset();
  put.mockReset();
});

describe("CheckInRulesForm", () => {
  it("shows the defaults and saves the policy, the limit and the selfie satkers with the version read", async () => {
    get.mockResolvedValue({ data: rules() });
    const form = mount(CheckInRulesForm, { props: { skpdId: "DINKES", satkers: SATKERS } });
    await flushPromises();
    expect(get).toHaveBeenCalledWith("/skpd/{skpd_id}/check-in-rules", { params: { path: { skpd_id: "DINKES" } } });
    expect(form.get('[data-testid="checkin-rules-source"]').text()).toContain("Aturan bawaan");
    expect((form.get('[data-testid="policy-FLAG"]').element as HTMLInputElement).checked).toBe(true);

    await form.get('[data-testid="policy-REFUSE"]').setValue(true);
    await form.get("#checkin-device_limit").setValue("1");
    await form.get('input[value="PKM-DESA"]').setValue(true);
    put.mockResolvedValue({ data: rules({ source: "SKPD", version: 1, device_policy: "REFUSE", device_limit: 1, selfie_satkers: ["PKM-DESA"] }) });
    await form.get("form").trigger("submit");
    await flushPromises();
    expect(put).toHaveBeenCalledWith("/skpd/{skpd_id}/check-in-rules", {
      params: { path: { skpd_id: "DINKES" } },
      body: { device_policy: "REFUSE", device_limit: 1, max_speed_kmh: 200, selfie_satkers: ["PKM-DESA"], version: 0 },
    });
    expect(form.get('[data-testid="checkin-rules-source"]').text()).toContain("ditetapkan SKPD ini");
  });

  it("refuses a limit outside 1-5 at its field before asking the server", async () => {
    get.mockResolvedValue({ data: rules() });
    const form = mount(CheckInRulesForm, { props: { skpdId: "DINKES", satkers: [] } });
    await flushPromises();
    await form.get("#checkin-device_limit").setValue("9");
    await form.get("form").trigger("submit");
    await flushPromises();
    expect(put).not.toHaveBeenCalled();
    expect(form.text()).toContain("Batas perangkat harus 1-5.");
  });
});
