import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/errors";
import AuthenticatorStep from "./AuthenticatorStep.vue";

const signInWithAuthenticator = vi.fn();
vi.mock("@/composables/useSession", () => ({ useSession: () => ({ signInWithAuthenticator }) }));

function refusal(status: number, code: string, message: string): ApiError {
  return new ApiError({ status, code, message, details: {} });
}

beforeEach(() => vi.resetAllMocks());

describe("AuthenticatorStep", () => {
  it("asks for the app's six digits with a numeric keyboard and the phone's one-time-code offer", async () => {
    const session = { token: "t", expiresAt: 1, mustChange: false };
    signInWithAuthenticator.mockResolvedValue(session);
    const step = mount(AuthenticatorStep, { props: { challenge: "c1" } });
    const input = step.get("input#totp-code");
    expect(step.get("label[for=totp-code]").text()).toContain("Kode autentikator");
    expect(input.attributes()).toMatchObject({ inputmode: "numeric", autocomplete: "one-time-code" });
    await input.setValue("123 456");
    await step.get("form").trigger("submit");
    await flushPromises();
    expect(signInWithAuthenticator).toHaveBeenCalledWith("c1", "123456");
    expect(step.emitted("done")).toEqual([[session]]);
  });

  it("says what is missing before sending, and shows the API's refusal at the field", async () => {
    const step = mount(AuthenticatorStep, { props: { challenge: "c1" } });
    await step.get("input#totp-code").setValue("12345");
    await step.get("form").trigger("submit");
    expect(signInWithAuthenticator).not.toHaveBeenCalled();
    expect(step.get("#totp-code-error").text()).toContain("6 angka");
    signInWithAuthenticator.mockRejectedValue(refusal(401, "INVALID_AUTHENTICATOR_CODE", "Kode autentikator salah."));
    await step.get("input#totp-code").setValue("654321");
    await step.get("form").trigger("submit");
    await flushPromises();
    expect(step.get("#totp-code-error").text()).toContain("Kode autentikator salah.");
  });

  it("takes a recovery code as typed when asked to", async () => {
    signInWithAuthenticator.mockResolvedValue({ token: "t", expiresAt: 1, mustChange: false });
    const step = mount(AuthenticatorStep, { props: { challenge: "c1" } });
    await step.get("[data-testid=toggle-recovery]").trigger("click");
    expect(step.get("[data-testid=toggle-recovery]").text()).toBe("Pakai kode dari aplikasi");
    await step.get("input#recovery-code").setValue(" K7M2P-X9D4Q ");
    await step.get("form").trigger("submit");
    await flushPromises();
    expect(signInWithAuthenticator).toHaveBeenCalledWith("c1", "K7M2P-X9D4Q");
  });

  it("starts the sign-in again when the step expired", async () => {
    signInWithAuthenticator.mockRejectedValue(refusal(401, "SIGN_IN_EXPIRED", "Langkah masuk sudah kedaluwarsa."));
    const step = mount(AuthenticatorStep, { props: { challenge: "c1" } });
    await step.get("input#totp-code").setValue("123456");
    await step.get("form").trigger("submit");
    await flushPromises();
    expect(step.emitted("expired")).toEqual([["Langkah masuk sudah kedaluwarsa."]]);
  });
});
