import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import { queueItem } from "@/test/decisions";
import DecisionItemCard from "./DecisionItemCard.vue";

describe("DecisionItemCard", () => {
  it("shows who, the title, the API's summary lines and files, and the status in words", async () => {
    const card = mount(DecisionItemCard, { props: { item: queueItem() } });
    const text = card.text();
    expect(text).toContain("Dewi Lestari");
    expect(text).toContain("NIP 19900115 201503 2 001");
    expect(text).toContain("Menyusun draf laporan keuangan");
    expect(card.get("dt").text()).toBe("Waktu");
    expect(card.get("dd").text()).toBe("08.00–10.00 WIB");
    const thumb = card.get("[data-testid=file-thumb]");
    expect(thumb.text()).toMatch(/^Bukti dukung\s*foto\.jpg/);
    expect(thumb.get("img").attributes()).toMatchObject({ src: "https://files.example/foto.jpg", alt: "Foto foto.jpg", loading: "lazy" });
    await thumb.trigger("click"); // the photo opens large in the app, with its download beside it
    expect(card.get("[data-testid=photo-download]").attributes("href")).toBe("https://files.example/foto.jpg");
    expect(card.get("[data-testid=item-status]").text()).toBe("Diajukan");
    expect(text).not.toMatch(/SUBMITTED|APPROVE|REJECT/);
  });

  it("shows a photo as a thumbnail and a PDF as a document icon, each opening the file", () => {
    const files = [
      { label: "Bukti dukung", filename: "kegiatan.PNG", url: "https://files.example/a" },
      { label: "Surat tugas", filename: "surat.pdf", url: "https://files.example/b" },
    ];
    const card = mount(DecisionItemCard, { props: { item: queueItem({ files }) } });
    const [photo, pdf] = card.findAll("[data-testid=file-thumb]");
    expect(photo.attributes("data-file")).toBe("photo");
    expect(photo.get("img").attributes("src")).toBe("https://files.example/a");
    expect(pdf.attributes("data-file")).toBe("document");
    expect(pdf.find("img").exists()).toBe(false);
    expect(pdf.attributes()).toMatchObject({ href: "https://files.example/b", target: "_blank" });
    expect(pdf.text()).toContain("surat.pdf");
  });

  it("has a button per verdict the item allows, in Indonesian, and says which was pressed", async () => {
    const card = mount(DecisionItemCard, { props: { item: queueItem({ kind: "leave_decision", verdicts: ["APPROVE", "DEFER", "REJECT"] }) } });
    const buttons = card.findAll(".item-verdicts button");
    expect(buttons.map((b) => b.text().split(":")[0])).toEqual(["Setujui", "Tangguhkan", "Tolak"]);
    await buttons[1].trigger("click");
    expect(card.emitted("decide")).toEqual([["DEFER"]]);
    const number = mount(DecisionItemCard, { props: { item: queueItem({ kind: "leave_number", verdicts: ["APPROVE"] }) } });
    expect(number.get(".item-verdicts button").text()).toContain("Beri nomor");
  });

  it("shows the outcome instead of the buttons once decided, or the reason it failed beside them", () => {
    const done = mount(DecisionItemCard, { props: { item: queueItem(), outcome: { ok: true, text: "Disetujui" } } });
    expect(done.get("[data-testid=item-outcome]").text()).toBe("Disetujui");
    expect(done.find(".item-verdicts").exists()).toBe(false);
    const failed = mount(DecisionItemCard, { props: { item: queueItem(), outcome: { ok: false, text: "Sudah diputuskan." } } });
    expect(failed.get("[data-testid=item-outcome]").classes()).toContain("bad");
    expect(failed.findAll(".item-verdicts button")).toHaveLength(2);
  });

  it("offers a labelled checkbox when it can be chosen for a bulk decision", async () => {
    const card = mount(DecisionItemCard, { props: { item: queueItem(), selectable: true, selected: false } });
    expect(card.get("label.select").text()).toBe("Pilih Menyusun draf laporan keuangan dari Dewi Lestari");
    await card.get("input[type=checkbox]").trigger("change");
    expect(card.emitted("toggle")).toHaveLength(1);
    expect(mount(DecisionItemCard, { props: { item: queueItem() } }).find("input[type=checkbox]").exists()).toBe(false);
  });

  it("keeps a long text short until the reader asks for the details", async () => {
    const summary = Array.from({ length: 6 }, (_, n) => ({ label: `Baris ${n + 1}`, value: "isi" }));
    const card = mount(DecisionItemCard, { props: { item: queueItem({ summary }) } });
    expect(card.findAll("dt")).toHaveLength(4);
    await card.get("button[aria-expanded=false]").trigger("click");
    expect(card.findAll("dt")).toHaveLength(6);
    expect(card.get("button[aria-expanded=true]").text()).toBe("Sembunyikan rincian");
  });
});
