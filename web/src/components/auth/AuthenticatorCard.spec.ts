import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryHistory, createRouter } from "vue-router";
import { authenticatorApi } from "@/api/authenticator";
import type { Profile } from "@/api/client";
import AuthenticatorCard from "./AuthenticatorCard.vue";

vi.mock("@/api/authenticator", () => ({ authenticatorApi: { turnOff: vi.fn() } }));
const totp = vi.mocked(authenticatorApi);

async function mountCard(fields: Partial<Profile>) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: "/:p(.*)*", component: { template: "<p />" } }] });
  await router.push("/akun");
  const profile = { nip: "199001012015031001", name: "Dewi", roles: ["PEGAWAI"], ...fields } as Profile;
  return mount(AuthenticatorCard, { props: { profile }, global: { plugins: [router] } });
}

beforeEach(() => vi.resetAllMocks());

describe("AuthenticatorCard", () => {
  it("says Belum aktif and leads to the enrolment", async () => {
    const card = await mountCard({ authenticator_active: false, authenticator_required: true });
    expect(card.get("[data-testid=authenticator-state]").text()).toBe("Belum aktif");
    expect(card.get("a.btn").attributes("href")).toBe("/akun/autentikator");
    expect(card.text()).toContain("Wajib untuk peran Anda");
  });

  it("lets someone who may go without turn it off with a current code", async () => {
    totp.turnOff.mockResolvedValue(undefined);
    const card = await mountCard({ authenticator_active: true, authenticator_required: false, recovery_codes_left: 8 });
    expect(card.get("[data-testid=authenticator-state]").text()).toBe("Aktif");
    await card.get("button.btn.ghost").trigger("click");
    await card.get("#turn-off-code").setValue("123 456");
    await card.get("form").trigger("submit");
    await flushPromises();
    expect(totp.turnOff).toHaveBeenCalledWith("123456");
    expect(card.emitted("changed")).toHaveLength(1);
  });

  it("offers no way to turn it off to an officer who must keep it", async () => {
    const card = await mountCard({ authenticator_active: true, authenticator_required: true });
    expect(card.find("button.btn.ghost").exists()).toBe(false);
  });
});
