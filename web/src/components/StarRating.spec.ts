import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import StarRating from "./StarRating.vue";

describe("StarRating", () => {
  it("shows stars with the number for screen readers", () => {
    const rating = mount(StarRating, { props: { value: 4 } });
    expect(rating.text()).toContain("★★★★☆");
    expect(rating.text()).toContain("Nilai 4 dari 5");
  });

  it("says when there is no rating", () => {
    expect(mount(StarRating, { props: { value: null } }).text()).toBe("Belum dinilai");
  });

  it("is a group of five labelled radio buttons when editable", async () => {
    const rating = mount(StarRating, { props: { value: null, editable: true, name: "r" } });
    const radios = rating.findAll("input[type=radio]");
    expect(radios).toHaveLength(5);
    expect(rating.get("legend").text()).toContain("Nilai");
    await radios[2].setValue(true);
    expect(rating.emitted("update:value")?.[0]).toEqual([3]);
  });
});
