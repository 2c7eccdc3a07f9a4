import { describe, expect, it } from "vitest";
import { filtersFromQuery, stateTone, tidyNumber } from "./citizen-requests";

describe("citizen request words", () => {
  it("gives each state a tone and an unknown one grey", () => {
    expect([stateTone("DONE"), stateTone("RETURNED"), stateTone("X")]).toEqual(["green", "red", "grey"]);
  });

  it("reads the list's side and state from the URL, falling back to the side's first tab", () => {
    expect(filtersFromQuery(undefined, undefined)).toEqual({ side: "origin", state: "RECORDED" });
    expect(filtersFromQuery("tujuan", "selesai")).toEqual({ side: "target", state: "DONE" });
    expect(filtersFromQuery("tujuan", "dicatat")).toEqual({ side: "target", state: "READY" });
    expect(filtersFromQuery("asal", "dibatalkan")).toEqual({ side: "origin", state: "CANCELLED" });
    expect(filtersFromQuery("x", "y")).toEqual({ side: "origin", state: "RECORDED" });
  });

  it("reads a typed number as the server does", () => {
    expect(tidyNumber(" ly-2026-7f3k 9q2m ")).toBe("LY-2026-7F3K9Q2M");
  });
});
