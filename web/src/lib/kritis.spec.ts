import { describe, expect, it } from "vitest";
import { solveChallenge } from "@/composables/useProofOfWork";
import {
  DRAFT_KEY,
  KINDS,
  clearKritisDraft,
  leadingZeroBits,
  loadKritisDraft,
  saveKritisDraft,
  sendWithFreshChallenge,
  stateCount,
  stateTone,
  steps,
  tidyNumber,
} from "./kritis";

describe("kritis", () => {
  it("counts the leading zero bits of a digest as the server does", () => {
    expect(leadingZeroBits(new Uint8Array([0, 0, 0x10]))).toBe(19);
    expect(leadingZeroBits(new Uint8Array([0x80]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array([1]))).toBe(7);
    expect(leadingZeroBits(new Uint8Array([0, 0]))).toBe(16);
  });

  it("finds a nonce whose SHA-256 with the challenge starts with the zero bits asked", async () => {
    const nonce = await solveChallenge("tantangan", 8);
    expect(nonce).toMatch(/^\d+$/);
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`tantangan${nonce}`));
    expect(leadingZeroBits(new Uint8Array(digest))).toBeGreaterThanOrEqual(8);
  });

  it("stops when the page asks it to", async () => {
    expect(await solveChallenge("tantangan", 64, { cancelled: true })).toBeNull();
  });

  it("offers the server's kinds in its words", () => {
    expect(KINDS.map((k) => k.label)).toEqual(["Pelayanan tidak memadai", "Keterlambatan", "Masalah teknis", "Saran", "Lainnya"]);
  });

  it("tidies a number typed by hand", () => {
    expect(tidyNumber(" kr-2026-7f3k 9q2m ")).toBe("KR-2026-7F3K9Q2M");
    expect(tidyNumber("KR20267F3K9Q2M")).toBe("KR-2026-7F3K9Q2M");
    expect(tidyNumber("LY-2026-7F3K9Q2M")).toBe("");
    expect(tidyNumber("cek")).toBe("");
  });

  it("lists the steps reached and those still waiting", () => {
    const open = steps({ state: "DITERUSKAN", filed_at: "2026-12-07T01:00:00+00:00", forwarded_at: "2026-12-07T02:00:00+00:00" });
    expect(open.map((s) => [s.label, s.done])).toEqual([
      ["Diterima", true],
      ["Diteruskan ke pimpinan", true],
      ["Diputuskan pimpinan", false],
      ["Ditindaklanjuti", false],
    ]);
    const closed = steps({ state: "DITUTUP", filed_at: "2026-12-07T01:00:00+00:00", closed_at: "2026-12-07T03:00:00+00:00" });
    expect(closed.map((s) => s.label)).toEqual(["Diterima", "Ditutup"]);
    expect(stateTone("DITINDAKLANJUTI")).toBe("green");
    expect(stateTone("BARU")).toBe("amber");
  });

  it("renews the challenge and sends once more on a refusal a fresh challenge cures", async () => {
    const codeOf = (e: unknown) => (e as { code: string }).code;
    for (const code of ["CHALLENGE_INVALID", "CHALLENGE_USED", "PROOF_OF_WORK_INVALID"]) {
      let sent = 0;
      let renewed = 0;
      const send = async () => {
        sent += 1;
        if (sent === 1) throw { code };
        return "KR-2026-7F3K9Q2M";
      };
      await expect(sendWithFreshChallenge(send, async () => void (renewed += 1), codeOf)).resolves.toBe("KR-2026-7F3K9Q2M");
      expect([sent, renewed]).toEqual([2, 1]);
    }
  });

  it("retries only once, and never on another refusal", async () => {
    const codeOf = (e: unknown) => (e as { code: string }).code;
    let sent = 0;
    const always = async () => {
      sent += 1;
      throw { code: "CHALLENGE_USED" };
    };
    await expect(sendWithFreshChallenge(always, async () => {}, codeOf)).rejects.toEqual({ code: "CHALLENGE_USED" });
    expect(sent).toBe(2);
    let renewed = 0;
    const throttled = async () => {
      throw { code: "THROTTLED" };
    };
    await expect(sendWithFreshChallenge(throttled, async () => void (renewed += 1), codeOf)).rejects.toEqual({ code: "THROTTLED" });
    expect(renewed).toBe(0);
  });

  it("keeps what is typed for the tab and forgets it once sent", () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    };
    const draft = { skpd_id: "DINKES", kind: "SARAN", description: "Antrean loket tiga lama sekali.", contact: "0812" };
    saveKritisDraft(draft, storage);
    expect(loadKritisDraft(storage)).toEqual(draft);
    saveKritisDraft({ ...draft, description: "", contact: "" }, storage);
    expect(store.has(DRAFT_KEY)).toBe(false);
    store.set(DRAFT_KEY, "{bukan json");
    expect(loadKritisDraft(storage)).toBeNull();
    saveKritisDraft(draft, storage);
    clearKritisDraft(storage);
    expect(loadKritisDraft(storage)).toBeNull();
  });

  it("shows a count only for the states the server counts", () => {
    const counts = { BARU: 3, DITERUSKAN: 0, DIPUTUSKAN: 1 };
    expect(stateCount(counts, "BARU")).toBe(3);
    expect(stateCount(counts, "DITERUSKAN")).toBe(0);
    expect(stateCount(counts, "DITUTUP")).toBeNull();
    expect(stateCount(undefined, "BARU")).toBeNull();
  });
});
