/**
 * The Kritis form's proof-of-work (issue 22), solved while the citizen types: a signed challenge from the server,
 * then nonces 0, 1, 2 … until SHA-256(challenge + nonce) starts with `bits` zero bits (WebCrypto, in batches so
 * the page stays responsive). `ready` once found; `renew()` fetches a fresh challenge (after a refusal or a filing,
 * since a challenge files once). The server checks the same with one hash.
 */
import { ref } from "vue";
import { kritisApi } from "@/api/kritis";
import { leadingZeroBits } from "@/lib/kritis";

const BATCH = 256;

/** The first nonce (as text) that solves `challenge` at `bits`. */
export async function solveChallenge(challenge: string, bits: number, signal?: { cancelled: boolean }): Promise<string | null> {
  const encoder = new TextEncoder();
  for (let start = 0; ; start += BATCH) {
    if (signal?.cancelled) return null;
    const tries = Array.from({ length: BATCH }, (_, i) => String(start + i));
    const digests = await Promise.all(tries.map((n) => crypto.subtle.digest("SHA-256", encoder.encode(challenge + n))));
    const found = digests.findIndex((d) => leadingZeroBits(new Uint8Array(d)) >= bits);
    if (found >= 0) return tries[found];
  }
}

export function useProofOfWork() {
  const challenge = ref<string | null>(null);
  const nonce = ref<string | null>(null);
  const failed = ref(false);
  let run = { cancelled: false };

  async function renew(): Promise<void> {
    run.cancelled = true;
    const mine = (run = { cancelled: false });
    challenge.value = nonce.value = null;
    failed.value = false;
    try {
      const given = await kritisApi.challenge();
      const found = await solveChallenge(given.challenge, given.bits, mine);
      if (mine.cancelled || found === null) return;
      challenge.value = given.challenge;
      nonce.value = found;
    } catch {
      if (!mine.cancelled) failed.value = true;
    }
  }

  function stop(): void {
    run.cancelled = true;
  }

  return { challenge, nonce, failed, renew, stop };
}
