import { flushPromises, mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import InformationTypeForm from "./InformationTypeForm.vue";

const post = vi.fn();
const put = vi.fn();
vi.mock("@/api/client", () => ({
  api: () => ({ POST: post, PUT: put }),
  unwrap: async (call: Promise<{ data?: unknown; error?: unknown; response?: { ok: boolean; status: number } }>) => {
    const answer = await call;
    if (answer.error) {
      const { ApiError, problemFromResponse } = await import("@/lib/errors");
      throw new ApiError(problemFromResponse(answer.response?.status ?? 400, answer.error));
    }
    return answer.data;
  },
}));
vi.mock("@/composables/useToast", () => ({ announce: vi.fn() }));

const TYPE = {
  skpd_id: "DINKES",
  type_id: "a".repeat(32),
  name: "Legalisir dokumen",
  requirements: ["Dokumen asli", "KTP"],
  procedure: "Serahkan di loket.",
  keywords: ["legalisir", "leges"],
  order: 2,
  active: true,
  version: 3,
};

beforeEach(() => {
  post.mockReset();
  put.mockReset();
});

describe("InformationTypeForm", () => {
  it("sends requirements one per line and keywords split by commas, lower case", async () => {
    post.mockResolvedValue({ data: { ...TYPE, name: "Surat keterangan sehat" } });
    const form = mount(InformationTypeForm, { props: { skpdId: "DINKES" } });
    await form.get("#type-name").setValue("  Surat keterangan sehat ");
    await form.get("#type-requirements").setValue("KTP asli\n\n Pas foto 3x4 \n");
    await form.get("#type-procedure").setValue("Datang ke loket 1.");
    await form.get("#type-keywords").setValue("Sehat, SURAT sehat, sehat");
    await form.get("form").trigger("submit");
    await flushPromises();
    expect(post).toHaveBeenCalledWith("/skpd/{skpd_id}/ptsp/types", {
      params: { path: { skpd_id: "DINKES" } },
      body: {
        name: "Surat keterangan sehat",
        requirements: ["KTP asli", "Pas foto 3x4"],
        procedure: "Datang ke loket 1.",
        keywords: ["sehat", "surat sehat"],
        order: 0,
        active: true,
      },
    });
    expect(form.emitted("saved")?.[0]?.[0]).toMatchObject({ name: "Surat keterangan sehat" });
  });

  it("asks for a name, a requirement and the next steps before sending", async () => {
    const form = mount(InformationTypeForm, { props: { skpdId: "DINKES" } });
    await form.get("form").trigger("submit");
    await flushPromises();
    expect(post).not.toHaveBeenCalled();
    expect(form.text()).toContain("Isi nama jenis informasi.");
    expect(form.text()).toContain("Isi paling sedikit satu persyaratan.");
    expect(form.text()).toContain("Isi langkah selanjutnya bagi pemohon.");
  });

  it("edits over the version read, and a stale edit keeps the officer's text to copy", async () => {
    put.mockResolvedValue({
      error: { code: "CONFLICT", message: "Jenis informasi ini telah diubah oleh petugas lain; muat ulang lalu coba lagi.", details: {} },
      response: { ok: false, status: 409 },
    });
    const form = mount(InformationTypeForm, { props: { skpdId: "DINKES", type: TYPE } });
    expect((form.get("#type-requirements").element as HTMLTextAreaElement).value).toBe("Dokumen asli\nKTP");
    await form.get("#type-name").setValue("Legalisir salinan");
    await form.get("form").trigger("submit");
    await flushPromises();
    expect(put.mock.calls[0][1].body).toMatchObject({ name: "Legalisir salinan", version: 3 });
    expect(form.get('[data-testid="type-conflict"]').text()).toContain("Legalisir salinan");
    await form.get('[data-testid="type-conflict"] button').trigger("click");
    expect(form.emitted("reload")).toHaveLength(1);
  });
});
