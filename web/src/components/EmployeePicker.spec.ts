import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import EmployeePicker from "./EmployeePicker.vue";

const get = vi.fn();
vi.mock("@/api/client", () => ({
  api: () => ({ GET: get }),
  unwrap: async (call: Promise<{ data: unknown }>) => (await call).data,
}));

const DEWI = { nip: "198503152010012001", name: "Dewi Lestari", jabatan: "Kepala Seksi Pelayanan", satker_id: "PKM-01" };
const self = { nip: "199001152015031001", name: "Dewi Andriani", jabatan: "Perawat", satker_id: "PKM-01" };

function picker(props: Record<string, unknown> = {}) {
  return mount(EmployeePicker, {
    props: { id: "supervisor", label: "Atasan langsung", modelValue: null, skpdId: "DINKES", satkerNames: { "PKM-01": "Puskesmas Kota" }, ...props },
  });
}

async function type(wrapper: ReturnType<typeof picker>, text: string) {
  await wrapper.find("input").setValue(text);
  vi.advanceTimersByTime(300);
  await flushPromises();
}

beforeEach(() => {
  vi.useFakeTimers();
  get.mockReset();
});

describe("EmployeePicker", () => {
  it("asks for three characters before it searches", async () => {
    const wrapper = picker();
    await type(wrapper, "de");
    expect(get).not.toHaveBeenCalled();
    expect(wrapper.text()).toContain("Ketik paling sedikit 3 huruf");
  });

  it("shows name, jabatan and satker of each match, never the person edited, and hands back the chosen one", async () => {
    get.mockResolvedValue({ data: { items: [DEWI, self], next_cursor: null } });
    const wrapper = picker({ exclude: self.nip });
    await type(wrapper, " dewi ");
    expect(get).toHaveBeenCalledWith("/employees", { params: { query: { q: "dewi", skpd_id: "DINKES", limit: 20, cursor: undefined } } });
    const results = wrapper.findAll("button.result");
    expect(results).toHaveLength(1);
    expect(results[0].text()).toContain("Dewi Lestari");
    expect(results[0].text()).toContain("Kepala Seksi Pelayanan");
    expect(results[0].text()).toContain("Puskesmas Kota");
    expect(results[0].text()).toContain("19850315 201001 2 001");
    await results[0].trigger("click");
    expect(wrapper.emitted("update:modelValue")?.[0]).toEqual([{ ...DEWI }]);
  });

  it("follows the cursor while a bounded page comes back short, and says when nothing matches", async () => {
    get
      .mockResolvedValueOnce({ data: { items: [], next_cursor: "c1" } })
      .mockResolvedValueOnce({ data: { items: [DEWI], next_cursor: null } });
    const wrapper = picker();
    await type(wrapper, "lestari");
    expect(get).toHaveBeenCalledTimes(2);
    expect(get.mock.calls[1][1].params.query.cursor).toBe("c1");
    expect(wrapper.findAll("button.result")).toHaveLength(1);
    get.mockResolvedValue({ data: { items: [], next_cursor: null } });
    await type(wrapper, "siapa saja");
    expect(wrapper.text()).toContain("Tidak ada pegawai yang cocok.");
  });

  it("shows the chosen person before saving, with a way to change", async () => {
    const wrapper = picker({ modelValue: DEWI });
    expect(wrapper.find("input").exists()).toBe(false);
    expect(wrapper.text()).toContain("Dewi Lestari");
    expect(wrapper.text()).toContain("Kepala Seksi Pelayanan");
    expect(wrapper.text()).toContain("Puskesmas Kota");
    await wrapper.find("button").trigger("click");
    expect(wrapper.emitted("update:modelValue")?.[0]).toEqual([null]);
  });
});
