import { flushPromises, mount } from "@vue/test-utils";
import { describe, expect, it, vi } from "vitest";
import { defineComponent, h } from "vue";
import { createMemoryHistory, createRouter } from "vue-router";
import { usePublicStatus } from "@/composables/usePublicStatus";
import { ApiError } from "@/lib/errors";
import PublicStatusLookup from "./PublicStatusLookup.vue";

const notFound = new ApiError({ status: 404, code: "NOT_FOUND", message: "Data yang diminta tidak ditemukan.", details: {} });

async function open(path: string, fetch: (number: string) => Promise<string>) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: "/nomor/:no", component: { render: () => null } }] });
  await router.push(path);
  await router.isReady();
  const Page = defineComponent({
    setup() {
      const page = usePublicStatus<string>({
        fromRoute: (param) => (param === "cek" ? "" : param.toUpperCase()),
        tidy: (typed) => typed.trim().toUpperCase(),
        fetch,
        path: (number) => `/nomor/${number}`,
        notFound: "Nomor tidak ditemukan.",
      });
      return () =>
        h(
          PublicStatusLookup,
          { page, label: "Nomor permohonan", inputId: "request-no", placeholder: "LY-2026-XXXXXXXX", problemTestid: "request-status-problem" },
          () => (page.status.value ? h("section", { "data-testid": "request-status" }, page.status.value) : null),
        );
    },
  });
  const wrapper = mount(Page, { global: { plugins: [router] } });
  await flushPromises();
  return { wrapper, router };
}

describe("PublicStatusLookup", () => {
  it("shows the page's card between the problem and the box, and the box then asks for another number", async () => {
    const { wrapper } = await open("/nomor/ly-1", async (number) => `Status ${number}`);
    expect(wrapper.get("[data-testid=request-status]").text()).toBe("Status LY-1");
    expect(wrapper.find("[role=alert]").exists()).toBe(false);
    expect(wrapper.get("label[for=request-no]").text()).toBe("Lihat nomor lain");
    expect(wrapper.get("#request-no").attributes("placeholder")).toBe("LY-2026-XXXXXXXX");
    expect(wrapper.get("#request-no").attributes("inputmode")).toBeUndefined();
  });

  it("says why a number shows nothing under the page's test id, and looks up the typed number", async () => {
    const fetch = vi.fn(async (number: string) => (number === "LY-2" ? "Status LY-2" : Promise.reject(notFound)));
    const { wrapper, router } = await open("/nomor/LY-404", fetch);
    expect(wrapper.get("[data-testid=request-status-problem]").text()).toBe("Nomor tidak ditemukan.");
    await wrapper.get("#request-no").setValue(" ly-2 ");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(router.currentRoute.value.path).toBe("/nomor/LY-2");
    expect([wrapper.find("[role=alert]").exists(), wrapper.get("[data-testid=request-status]").text()]).toEqual([false, "Status LY-2"]);
  });

  it("names the number's kind in the box before anything is shown", async () => {
    const fetch = vi.fn(async (number: string) => `Status ${number}`);
    const { wrapper } = await open("/nomor/cek", fetch);
    expect(wrapper.get("label[for=request-no]").text()).toBe("Nomor permohonan");
    expect([fetch.mock.calls.length, wrapper.find("[role=alert]").exists(), wrapper.find("[data-testid=request-status]").exists()]).toEqual([0, false, false]);
  });
});
