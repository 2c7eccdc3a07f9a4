import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryHistory, createRouter } from "vue-router";
import { authenticatorApi } from "@/api/authenticator";
import { ApiError } from "@/lib/errors";
import AuthenticatorPage from "./AuthenticatorPage.vue";

const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const state = { session: { token: "t", expiresAt: 1, mustChange: false, mustEnrol: true }, profile: null as unknown };
const loadProfile = vi.fn();
const adopt = vi.fn();
const signOut = vi.fn();

vi.mock("@/api/authenticator", () => ({ authenticatorApi: { begin: vi.fn(), confirm: vi.fn(), newRecoveryCodes: vi.fn(), turnOff: vi.fn() } }));
vi.mock("@/composables/useSession", () => ({ useSession: () => ({ state, loadProfile, adopt, signOut }) }));
const totp = vi.mocked(authenticatorApi);

async function open() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: ["/akun/autentikator", "/akun", "/", "/masuk"].map((path) => ({ path, component: { template: "<p />" } })),
  });
  await router.push("/akun/autentikator");
  await router.isReady();
  const page = mount(AuthenticatorPage, { global: { plugins: [router] }, attachTo: document.body });
  await flushPromises();
  return { page, router };
}

beforeEach(() => {
  vi.resetAllMocks();
  state.session.mustEnrol = true;
  loadProfile.mockResolvedValue({ authenticator_active: false, authenticator_required: true, recovery_codes_left: 0 });
  totp.begin.mockResolvedValue({ secret: SECRET, otpauth_uri: `otpauth://totp/Kinerja:x?secret=${SECRET}`, qr_svg: "data:image/svg+xml,x" });
});

describe("AuthenticatorPage", () => {
  it("shows the QR code and the secret in groups of four, confirms with the app's code, then the recovery codes once", async () => {
    const { page, router } = await open();
    expect(page.get("img.qr").attributes("alt")).toBe("Kode QR untuk aplikasi autentikator");
    expect(page.get("[data-testid=totp-secret]").text()).toBe("JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP");
    expect(page.text()).toContain("wajib memakai aplikasi autentikator");
    const session = { token: "full", token_type: "Bearer" as const, expires_in: 3600, must_change_password: false, must_enrol_authenticator: false };
    totp.confirm.mockResolvedValue({ recovery_codes: ["abcde-fghjk", "mnpqr-stuvw"], session });
    await page.get("#enrol-code").setValue("123 456");
    await page.get("form").trigger("submit");
    await flushPromises();
    expect(totp.confirm).toHaveBeenCalledWith("123456");
    expect(adopt).toHaveBeenCalledWith(session);
    expect(page.findAll("[data-testid=recovery-codes] li").map((li) => li.text())).toEqual(["abcde-fghjk", "mnpqr-stuvw"]);
    await page.get("button.btn.block").trigger("click");
    await flushPromises();
    expect(router.currentRoute.value.path).toBe("/");
  });

  it("keeps the scan step and says so when the code is wrong", async () => {
    totp.confirm.mockRejectedValue(
      new ApiError({ status: 400, code: "INVALID_AUTHENTICATOR_CODE", message: "Kode dari aplikasi autentikator salah.", details: {} }),
    );
    const { page } = await open();
    await page.get("#enrol-code").setValue("000000");
    await page.get("form").trigger("submit");
    await flushPromises();
    expect(page.get("#enrol-code-error").text()).toContain("Kode dari aplikasi autentikator salah.");
    expect(page.find("[data-testid=recovery-codes]").exists()).toBe(false);
  });

  it("an enrolled person sees the state and may get new recovery codes, without starting a new enrolment", async () => {
    state.session.mustEnrol = false;
    loadProfile.mockResolvedValue({ authenticator_active: true, authenticator_required: false, recovery_codes_left: 7 });
    const { page } = await open();
    expect(totp.begin).not.toHaveBeenCalled();
    expect(page.text()).toContain("Aplikasi autentikator sudah aktif.");
    expect(page.find("a.back-link").exists()).toBe(true);
  });
});
