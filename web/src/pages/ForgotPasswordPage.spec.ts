import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryHistory, createRouter } from "vue-router";
import { codesApi } from "@/api/codes";
import { ApiError } from "@/lib/errors";
import ForgotPasswordPage from "./ForgotPasswordPage.vue";

const SENT = "Jika akun terdaftar, kode dikirim ke WhatsApp atau e-mail yang tercatat. Kode berlaku 5 menit.";
const NEW = "Sepeda-Gunung-Merapi-77";

vi.mock("@/api/codes", () => ({ codesApi: { request: vi.fn(), resetPassword: vi.fn() } }));
const codes = vi.mocked(codesApi);

async function open() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: ["/lupa-sandi", "/masuk"].map((path) => ({ path, component: { template: "<p />" } })),
  });
  await router.push("/lupa-sandi");
  await router.isReady();
  const page = mount(ForgotPasswordPage, { global: { plugins: [router] }, attachTo: document.body });
  await page.get("#username").setValue("199001012015031001");
  await page.get("form").trigger("submit");
  await flushPromises();
  return { page, router };
}

async function fill(page: Awaited<ReturnType<typeof open>>["page"], code: string, password: string, confirm = password) {
  await page.get("#code").setValue(code);
  await page.get("#new_password").setValue(password);
  await page.get("#confirm").setValue(confirm);
  await page.get("form").trigger("submit");
  await flushPromises();
}

beforeEach(() => {
  vi.resetAllMocks();
  codes.request.mockResolvedValue({ message: SENT });
});

describe("ForgotPasswordPage", () => {
  it("asks for a password-reset code, then sets the new password and goes back to Masuk", async () => {
    codes.resetPassword.mockResolvedValue(undefined);
    const { page, router } = await open();
    expect(codes.request).toHaveBeenCalledWith("199001012015031001", "PASSWORD_RESET");
    expect(page.get("[data-testid=code-sent]").text()).toBe(SENT);
    await fill(page, "654 321", NEW);
    expect(codes.resetPassword).toHaveBeenCalledWith("199001012015031001", "654321", NEW);
    expect(router.currentRoute.value.path).toBe("/masuk");
  });

  it("checks the code, the length and the repeat before sending", async () => {
    const { page } = await open();
    await fill(page, "", "pendek", "lain");
    expect(codes.resetPassword).not.toHaveBeenCalled();
    const links = page.findAll("[data-testid=error-summary] a").map((a) => a.attributes("href"));
    expect(links).toEqual(["#code", "#new_password", "#confirm"]);
    expect(page.get("#new_password-error").text()).toContain("8–128 karakter");
  });

  it("puts a refused code next to the code and a refused password next to the password", async () => {
    const { page } = await open();
    codes.resetPassword.mockRejectedValueOnce(new ApiError({ status: 401, code: "INVALID_CODE", message: "Kode salah.", details: {} }));
    await fill(page, "123456", NEW);
    expect(page.get("#code-error").text()).toContain("Kode salah.");
    codes.resetPassword.mockRejectedValueOnce(
      new ApiError({ status: 400, code: "PASSWORD_TOO_COMMON", message: "Kata sandi ini terlalu umum.", details: {} }),
    );
    await fill(page, "123456", "password123");
    expect(page.get("#new_password-error").text()).toContain("Kata sandi ini terlalu umum.");
  });

  it("names the operator for whoever cannot receive a code", async () => {
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: "/:p(.*)", component: { template: "<p />" } }] });
    await router.push("/lupa-sandi");
    const page = mount(ForgotPasswordPage, { global: { plugins: [router] } });
    expect(page.text()).toContain("Hubungi operator SKPD Anda");
  });
});
