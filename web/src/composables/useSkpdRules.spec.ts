import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { defineComponent, ref } from "vue";
import { announce } from "@/composables/useToast";
import { ApiError } from "@/lib/errors";
import { useSkpdRules, type SkpdRulesOptions } from "./useSkpdRules";

vi.mock("@/composables/useToast", () => ({ announce: vi.fn() }));

interface Rules {
  skpd: string;
  limit: number;
  version: number;
}
type Body = { limit: number; version: number };

const stale = new ApiError({ status: 409, code: "VERSION_CONFLICT", message: "Data telah diubah.", details: {} });
const tooMany = new ApiError({ status: 400, code: "OUT_OF_RANGE", message: "Batas di luar rentang.", field: "limit", details: {} });

function open(overrides: Partial<SkpdRulesOptions<Rules, Body>> = {}) {
  const skpd = ref("DINKES");
  const form = { limit: "", version: 0 };
  const options: SkpdRulesOptions<Rules, Body> = {
    skpdId: () => skpd.value,
    read: vi.fn(async (skpdId: string) => ({ skpd: skpdId, limit: 2, version: 1 })),
    write: vi.fn(async (skpdId: string, body: Body) => ({ skpd: skpdId, limit: body.limit, version: body.version + 1 })),
    fill: (rules) => Object.assign(form, { limit: String(rules.limit), version: rules.version }),
    body: (): { body?: Body; errors: Record<string, string> } =>
      /^\d+$/.test(form.limit) ? { body: { limit: Number(form.limit), version: form.version }, errors: {} } : { errors: { "x-limit": "Isi angka." } },
    fieldId: (field) => `x-${field}`,
    saved: "Aturan tersimpan.",
    ...overrides,
  };
  let rules!: ReturnType<typeof useSkpdRules<Rules, Body>>;
  mount(
    defineComponent({
      setup() {
        rules = useSkpdRules(options);
        return () => null;
      },
    }),
  );
  return { rules, form, skpd, options };
}

beforeEach(() => vi.mocked(announce).mockReset());

describe("useSkpdRules", () => {
  it("reads the chosen SKPD's rules into the form, and again when the SKPD changes", async () => {
    const { rules, form, skpd, options } = open();
    await flushPromises();
    expect([rules.shown.value?.skpd, form.limit, form.version, rules.loading.value]).toEqual(["DINKES", "2", 1, false]);
    skpd.value = "BKD";
    await flushPromises();
    expect(vi.mocked(options.read).mock.calls.map((c) => c[0])).toEqual(["DINKES", "BKD"]);
    expect(rules.shown.value?.skpd).toBe("BKD");
  });

  it("drops a late answer for an SKPD no longer chosen", async () => {
    let first!: (rules: Rules) => void;
    const read = vi.fn((skpdId: string) =>
      skpdId === "DINKES" ? new Promise<Rules>((resolve) => (first = resolve)) : Promise.resolve({ skpd: skpdId, limit: 3, version: 4 }),
    );
    const { rules, skpd } = open({ read });
    skpd.value = "BKD";
    await flushPromises();
    first({ skpd: "DINKES", limit: 2, version: 1 });
    await flushPromises();
    expect([rules.shown.value?.skpd, rules.loading.value]).toEqual(["BKD", false]);
  });

  it("saves the form with the version read, fills it from the answer and says so", async () => {
    const { rules, form, options } = open();
    await flushPromises();
    form.limit = "4";
    await rules.save();
    expect(options.write).toHaveBeenCalledWith("DINKES", { limit: 4, version: 1 });
    expect([form.version, rules.summary.value, rules.saving.value]).toEqual([2, null, false]);
    expect(announce).toHaveBeenCalledWith("Aturan tersimpan.");
  });

  it("keeps a form with errors here, and puts the server's refusal on the field it names", async () => {
    const { rules, form, options } = open();
    await flushPromises();
    form.limit = "banyak";
    await rules.save();
    expect([rules.summary.value, rules.fields.value]).toEqual(["Periksa kembali isian yang ditandai.", { "x-limit": "Isi angka." }]);
    expect(options.write).not.toHaveBeenCalled();
    form.limit = "9";
    vi.mocked(options.write).mockRejectedValueOnce(tooMany);
    await rules.save();
    expect([rules.summary.value, rules.fields.value]).toEqual(["Batas di luar rentang.", { "x-limit": "Batas di luar rentang." }]);
    vi.mocked(options.write).mockRejectedValueOnce(stale);
    await rules.save();
    expect([rules.summary.value, rules.fields.value, rules.saving.value]).toEqual(["Data telah diubah.", {}, false]);
    expect(announce).not.toHaveBeenCalled();
  });

  it("says why the rules could not be read, and reads nothing before an SKPD is chosen", async () => {
    const none = open({ skpdId: () => "" });
    await flushPromises();
    expect([vi.mocked(none.options.read).mock.calls.length, none.rules.loading.value, none.rules.shown.value]).toEqual([0, false, null]);
    const failed = open({ read: () => Promise.reject(stale) });
    await flushPromises();
    expect([failed.rules.summary.value, failed.rules.shown.value, failed.rules.loading.value]).toEqual(["Data telah diubah.", null, false]);
  });
});
