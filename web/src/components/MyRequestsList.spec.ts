import { flushPromises, mount } from "@vue/test-utils";
import { describe, expect, it, vi } from "vitest";
import { h } from "vue";
import { usePagedList } from "@/composables/usePagedList";
import { ApiError } from "@/lib/errors";
import MyRequestsList from "./MyRequestsList.vue";

interface Item {
  id: string;
  name: string;
}

const refused = new ApiError({ status: 0, code: "NETWORK", message: "Tidak dapat terhubung ke server.", details: {} });

async function show(fetchPage: (cursor: string | null) => Promise<{ items: Item[]; next_cursor?: string | null }>, notice: string | null = null) {
  const list = usePagedList<Item>(fetchPage);
  await list.load();
  const wrapper = mount(MyRequestsList<Item>, {
    props: { title: "Izin saya", list, itemKey: (i: Item) => i.id, notice, empty: "Belum ada izin." },
    slots: { default: ({ item }: { item: Item }) => h("li", { class: "card", "data-testid": "permission-item" }, item.name) },
  });
  return { wrapper, list };
}

const names = (wrapper: Awaited<ReturnType<typeof show>>["wrapper"]) =>
  wrapper.findAll("ul.list > li[data-testid=permission-item]").map((li) => li.text());

describe("MyRequestsList", () => {
  it("gives each item the page's card under the heading, and adds the next page with Muat lebih banyak", async () => {
    const fetchPage = vi.fn(async (cursor: string | null) =>
      cursor ? { items: [{ id: "c", name: "Izin ketiga" }] } : { items: [{ id: "a", name: "Izin pertama" }, { id: "b", name: "Izin kedua" }], next_cursor: "c2" },
    );
    const { wrapper } = await show(fetchPage);
    expect(wrapper.get("h2").text()).toBe("Izin saya");
    expect(names(wrapper)).toEqual(["Izin pertama", "Izin kedua"]);
    expect(wrapper.find(".empty").exists()).toBe(false);
    await wrapper.get("button").trigger("click");
    await flushPromises();
    expect(fetchPage).toHaveBeenLastCalledWith("c2");
    expect(names(wrapper)).toEqual(["Izin pertama", "Izin kedua", "Izin ketiga"]);
    expect(wrapper.find("button").exists()).toBe(false);
  });

  it("says an empty list is empty, but not while it loads", async () => {
    const { wrapper, list } = await show(async () => ({ items: [] }));
    expect(wrapper.get(".empty").text()).toBe("Belum ada izin.");
    list.loading.value = true;
    await flushPromises();
    expect([wrapper.find(".empty").exists(), wrapper.get("p.muted").text()]).toEqual([false, "Memuat…"]);
  });

  it("offers Coba lagi when the list could not be read, and only says why when something else failed", async () => {
    const fetchPage = vi.fn().mockRejectedValueOnce(refused).mockResolvedValue({ items: [{ id: "a", name: "Izin" }] });
    const failed = await show(fetchPage);
    expect(failed.wrapper.get("[role=alert]").text()).toContain("Tidak dapat terhubung ke server.");
    expect(failed.wrapper.find(".empty").exists()).toBe(false);
    await failed.wrapper.get("[role=alert] button").trigger("click");
    await flushPromises();
    expect([failed.wrapper.find("[role=alert]").exists(), names(failed.wrapper)]).toEqual([false, ["Izin"]]);
    const refusedAction = await show(async () => ({ items: [{ id: "a", name: "Izin" }] }), "Izin tidak dapat ditarik.");
    const alert = refusedAction.wrapper.get("[role=alert]");
    expect([alert.text(), alert.find("button").exists()]).toEqual(["Izin tidak dapat ditarik.", false]);
  });
});
