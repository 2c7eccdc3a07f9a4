import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import DisciplineRulesForm from "./DisciplineRulesForm.vue";

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

const DEFAULTS = { bands: [30, 60, 90], late: [0.5, 1, 1.25, 1.5], early: [0.5, 1, 1.25, 1.5], absent_per_day: 2.5, absent_full_after: 10, daily_cap: null, monthly_cap: 100 };

function rules(extra: Record<string, unknown> = {}) {
  return { skpd_id: "DINKES", source: "SKPD", version: 2, ...DEFAULTS, late: [1, 1.5, 2, 3], defaults: DEFAULTS, ...extra };
}

beforeEach(() => {
  get.mockReset();
  put.mockReset();
});

describe("DisciplineRulesForm", () => {
  it("shows the SKPD's rules the Indonesian way, restores the defaults and saves them with the version read", async () => {
    get.mockResolvedValue({ data: rules() });
    const form = mount(DisciplineRulesForm, { props: { skpdId: "DINKES" } });
    await flushPromises();
    expect(get).toHaveBeenCalledWith("/skpd/{skpd_id}/discipline-rules", { params: { path: { skpd_id: "DINKES" } } });
    expect(form.get('[data-testid="rules-source"]').text()).toContain("ditetapkan SKPD ini");
    expect((form.get("#rules-late-2").element as HTMLInputElement).value).toBe("2");
    expect(form.get('[data-testid="rules-bands-text"]').text()).toContain("Tingkat 4: lebih dari 90 menit");

    await form.get('[data-testid="restore-rules"]').trigger("click");
    expect((form.get("#rules-late-2").element as HTMLInputElement).value).toBe("1,25");
    put.mockResolvedValue({ data: rules({ version: 3, late: DEFAULTS.late }) });
    await form.get("form").trigger("submit");
    await flushPromises();
    expect(put).toHaveBeenCalledWith("/skpd/{skpd_id}/discipline-rules", {
      params: { path: { skpd_id: "DINKES" } },
      body: { bands: [30, 60, 90], late: [0.5, 1, 1.25, 1.5], early: [0.5, 1, 1.25, 1.5], absent_per_day: 2.5, absent_full_after: 10, version: 2 },
    });
  });

  it("puts the server's refusal at the field it names", async () => {
    get.mockResolvedValue({ data: rules({ source: "DEFAULT", version: 0 }) });
    const form = mount(DisciplineRulesForm, { props: { skpdId: "DINKES" } });
    await flushPromises();
    expect(form.get('[data-testid="rules-source"]').text()).toContain("belum menetapkan");
    const message = "Persentase potongan harus angka 0 sampai 100.";
    put.mockResolvedValue({ error: { status: 400, code: "INVALID_PERCENT", message, field: "early.1", details: { field: "early.1" } } });
    await form.get("#rules-early-1").setValue("150");
    await form.get("form").trigger("submit");
    await flushPromises();
    expect(form.get("#rules-early-1").attributes("aria-invalid")).toBe("true");
    expect(form.text()).toContain("Persentase potongan harus angka 0 sampai 100.");
  });

  it("refuses a percentage that is not a number before sending", async () => {
    get.mockResolvedValue({ data: rules() });
    const form = mount(DisciplineRulesForm, { props: { skpdId: "DINKES" } });
    await flushPromises();
    await form.get("#rules-absent_per_day").setValue("dua");
    await form.get("form").trigger("submit");
    await flushPromises();
    expect(put).not.toHaveBeenCalled();
    expect(form.text()).toContain("Isi persentase dengan angka");
  });
});
