import { mount, RouterLinkStub } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import AuthCard from "./AuthCard.vue";

function card(props: { title: string; back?: boolean }) {
  return mount(AuthCard, { props, slots: { default: "<p>isi</p>" }, global: { stubs: { RouterLink: RouterLinkStub } } });
}

describe("AuthCard", () => {
  it("frames a page before signing in: the app's name, the title, the content and the way back to Masuk", () => {
    const view = card({ title: "Lupa kata sandi" });
    expect(view.get(".app-name").text()).toBe("Kinerja");
    expect(view.get("main#main h1").text()).toBe("Lupa kata sandi");
    expect(view.get("main").text()).toContain("isi");
    expect(view.getComponent(RouterLinkStub).props("to")).toBe("/masuk");
  });

  it("has no way back on Masuk itself", () => {
    const view = card({ title: "Masuk", back: false });
    expect(view.findAllComponents(RouterLinkStub)).toHaveLength(0);
  });
});
