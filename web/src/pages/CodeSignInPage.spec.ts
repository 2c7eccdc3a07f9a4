import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryHistory, createRouter } from "vue-router";
import { codesApi } from "@/api/codes";
import { ApiError } from "@/lib/errors";
import CodeSignInPage from "./CodeSignInPage.vue";

const SENT = "Jika akun terdaftar, kode dikirim ke WhatsApp atau e-mail yang tercatat. Kode berlaku 5 menit.";
const signInWithCode = vi.fn();

vi.mock("@/api/codes", () => ({ codesApi: { request: vi.fn(), resetPassword: vi.fn() } }));
vi.mock("@/composables/useSession", () => ({ useSession: () => ({ signInWithCode }) }));
const codes = vi.mocked(codesApi);

function refusal(status: number, code: string, message: string): ApiError {
  return new ApiError({ status, code, message, details: {} });
}

async function open() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: ["/masuk/kode", "/masuk", "/", "/ganti-sandi"].map((path) => ({ path, component: { template: "<p />" } })),
  });
  await router.push("/masuk/kode");
  await router.isReady();
  const page = mount(CodeSignInPage, { global: { plugins: [router] }, attachTo: document.body });
  return { page, router };
}

async function askFor(page: Awaited<ReturnType<typeof open>>["page"], username: string) {
  await page.get("#username").setValue(username);
  await page.get("form").trigger("submit");
  await flushPromises();
}

beforeEach(() => {
  vi.resetAllMocks();
  codes.request.mockResolvedValue({ message: SENT });
});

describe("CodeSignInPage", () => {
  it("asks for the NIP before sending anything", async () => {
    const { page } = await open();
    await askFor(page, "   ");
    expect(codes.request).not.toHaveBeenCalled();
    expect(page.get("[data-testid=error-summary]").text()).toContain("Masukkan NIP atau alamat e-mail Anda.");
  });

  it("sends a sign-in code, says so in the API's words, and signs in with the six digits typed", async () => {
    signInWithCode.mockResolvedValue({ token: "t", expiresAt: 0, mustChange: false });
    const { page, router } = await open();
    await askFor(page, " 199001012015031001 ");
    expect(codes.request).toHaveBeenCalledWith("199001012015031001", "SIGN_IN");
    expect(page.get("[data-testid=code-sent]").text()).toBe(SENT);
    await page.get("#code").setValue("123 456");
    await page.get("form").trigger("submit");
    await flushPromises();
    expect(signInWithCode).toHaveBeenCalledWith("199001012015031001", "123456");
    expect(router.currentRoute.value.path).toBe("/");
  });

  it("sends a temporary-password account to change it first", async () => {
    signInWithCode.mockResolvedValue({ token: "t", expiresAt: 0, mustChange: true });
    const { page, router } = await open();
    await askFor(page, "199001012015031001");
    await page.get("#code").setValue("123456");
    await page.get("form").trigger("submit");
    await flushPromises();
    expect(router.currentRoute.value.path).toBe("/ganti-sandi");
  });

  it("says a short code is short without spending a try, and a refused code next to the field", async () => {
    signInWithCode.mockRejectedValue(refusal(401, "INVALID_CODE", "Kode salah atau sudah tidak berlaku."));
    const { page } = await open();
    await askFor(page, "199001012015031001");
    await page.get("#code").setValue("12345");
    await page.get("form").trigger("submit");
    await flushPromises();
    expect(signInWithCode).not.toHaveBeenCalled();
    expect(page.get("#code-error").text()).toContain("Kode terdiri dari 6 angka.");
    await page.get("#code").setValue("123456");
    await page.get("form").trigger("submit");
    await flushPromises();
    expect(page.get("#code-error").text()).toContain("Kode salah atau sudah tidak berlaku.");
    expect(page.get("[data-testid=error-summary] a").attributes("href")).toBe("#code");
    expect((page.get("#code").element as HTMLInputElement).value).toBe("");
  });

  it("sends a new code on request and shows the limit when there were too many", async () => {
    const { page } = await open();
    await askFor(page, "199001012015031001");
    codes.request.mockRejectedValueOnce(refusal(429, "TOO_MANY_CODES", "Terlalu banyak permintaan kode. Coba lagi dalam 12 menit."));
    await page.get("button.ghost").trigger("click");
    await flushPromises();
    expect(codes.request).toHaveBeenLastCalledWith("199001012015031001", "SIGN_IN");
    expect(page.get("[data-testid=error-summary]").text()).toContain("Coba lagi dalam 12 menit.");
  });
});
