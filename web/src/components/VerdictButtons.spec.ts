import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import VerdictButtons from "./VerdictButtons.vue";

describe("VerdictButtons", () => {
  it("names each verdict in the kind's words and says which was pressed", async () => {
    const buttons = mount(VerdictButtons, { props: { kind: "record", verdicts: ["APPROVE", "REJECT", "REVOKE"], testid: "verdict" } });
    expect(buttons.findAll("button").map((b) => b.text())).toEqual(["Setujui", "Tolak", "Batalkan persetujuan"]);
    expect(buttons.get("button").classes()).toContain("ok");
    await buttons.get("[data-testid=verdict-revoke]").trigger("click");
    expect(buttons.emitted("decide")).toEqual([["REVOKE"]]);
  });

  it("counts the chosen items in the bulk toolbar, and waits until some are chosen", () => {
    const bulk = mount(VerdictButtons, { props: { kind: "leave_number", verdicts: ["APPROVE"], testid: "bulk", count: 1234, disabled: true } });
    expect(bulk.get("button").text()).toBe("Beri nomor (1.234)");
    expect(bulk.get("button").attributes("disabled")).toBeDefined();
  });

  it("tells a screen reader which item a button decides", () => {
    const one = mount(VerdictButtons, { props: { kind: "report", verdicts: ["APPROVE"], testid: "verdict", subject: "Rapat, Dewi" } });
    expect(one.get(".visually-hidden").text()).toBe(": Rapat, Dewi");
  });
});
