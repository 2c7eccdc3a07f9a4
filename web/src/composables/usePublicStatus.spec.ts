import { flushPromises, mount } from "@vue/test-utils";
import { describe, expect, it, vi } from "vitest";
import { defineComponent } from "vue";
import { createMemoryHistory, createRouter } from "vue-router";
import { ApiError } from "@/lib/errors";
import { usePublicStatus, type PublicStatusOptions } from "./usePublicStatus";

const notFound = new ApiError({ status: 404, code: "NOT_FOUND", message: "Data yang diminta tidak ditemukan.", details: {} });
const refused = new ApiError({ status: 0, code: "NETWORK", message: "Tidak dapat terhubung ke server.", details: {} });
const tidy = (text: string) => (/^NO-\d+$/.test(text.trim().toUpperCase()) ? text.trim().toUpperCase() : "");

async function open(path: string, options: Partial<PublicStatusOptions<string>> = {}) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: "/nomor/:no", component: { render: () => null } }] });
  await router.push(path);
  await router.isReady();
  const fetch = vi.fn(async (number: string) => `status ${number}`);
  let page!: ReturnType<typeof usePublicStatus<string>>;
  const Host = defineComponent({
    setup() {
      page = usePublicStatus<string>({
        fromRoute: tidy,
        tidy,
        fetch,
        path: (number) => `/nomor/${number}`,
        notFound: "Nomor tidak ditemukan.",
        badNumber: "Nomor tidak dikenali.",
        ...options,
      });
      return () => null;
    },
  });
  mount(Host, { global: { plugins: [router] } });
  await flushPromises();
  return { page, router, fetch };
}

describe("usePublicStatus", () => {
  it("reads the status of the number in the address, tidied, and again when the number changes", async () => {
    const { page, router, fetch } = await open("/nomor/no-7");
    expect([page.status.value, page.problem.value, page.loading.value]).toEqual(["status NO-7", null, false]);
    await router.push("/nomor/NO-8");
    await flushPromises();
    expect(fetch.mock.calls.map((c) => c[0])).toEqual(["NO-7", "NO-8"]);
    expect(page.status.value).toBe("status NO-8");
  });

  it("says a number is unknown on 404 and gives the API's words for any other failure", async () => {
    const { page, router, fetch } = await open("/nomor/NO-1");
    fetch.mockRejectedValueOnce(notFound);
    await router.push("/nomor/NO-2");
    await flushPromises();
    expect([page.status.value, page.problem.value]).toEqual([null, "Nomor tidak ditemukan."]);
    fetch.mockRejectedValueOnce(refused);
    await router.push("/nomor/NO-3");
    await flushPromises();
    expect([page.status.value, page.problem.value, page.loading.value]).toEqual([null, "Tidak dapat terhubung ke server.", false]);
  });

  it("says an address that holds no number is not one, but /cek is the look-up page itself", async () => {
    const wrong = await open("/nomor/salah");
    expect([wrong.page.problem.value, wrong.fetch.mock.calls.length]).toEqual(["Nomor tidak dikenali.", 0]);
    const ask = await open("/nomor/cek");
    expect([ask.page.problem.value, ask.page.status.value, ask.fetch.mock.calls.length]).toEqual([null, null, 0]);
  });

  it("goes to a typed number's page and keeps a number that is not one here", async () => {
    const { page, router } = await open("/nomor/cek");
    page.typed.value = "salah";
    await page.lookUp();
    expect([router.currentRoute.value.path, page.problem.value, page.typed.value]).toEqual(["/nomor/cek", "Nomor tidak dikenali.", "salah"]);
    page.typed.value = " no-9 ";
    await page.lookUp();
    await flushPromises();
    expect([router.currentRoute.value.path, page.typed.value, page.status.value]).toEqual(["/nomor/NO-9", "", "status NO-9"]);
  });

  it("passes over a number that is not one quietly when the page has no words for it", async () => {
    const { page, router } = await open("/nomor/cek", { badNumber: undefined, fromRoute: (param) => param });
    expect(page.status.value).toBe("status cek");
    page.typed.value = "salah";
    await page.lookUp();
    expect([router.currentRoute.value.path, page.problem.value]).toEqual(["/nomor/cek", null]);
  });
});
