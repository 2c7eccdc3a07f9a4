import { describe, expect, it } from "vitest";
import { base64url, canonicalText, memoryStore, roundCoordinate, useDeviceKey } from "./useDeviceKey";

const NIP = "198503152010011001";

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const plain = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(plain, (c) => c.charCodeAt(0));
}

describe("the signed text", () => {
  it("is the server's canonical text, coordinates with 6 decimals, a missing one empty", () => {
    expect(canonicalText(NIP, "PAGI", -6.2, 106.816666, "2026-12-07T00:30:00.000Z")).toBe(
      `kinerja-presensi|${NIP}|PAGI|-6.200000|106.816666|2026-12-07T00:30:00.000Z`,
    );
    expect(canonicalText(NIP, "SORE", undefined, undefined, "t")).toBe(`kinerja-presensi|${NIP}|SORE|||t`);
  });

  it("rounds a coordinate to what is sent and signed", () => {
    expect(roundCoordinate(-6.20012345678)).toBe(-6.200123);
    expect(roundCoordinate(-6.200123).toFixed(6)).toBe("-6.200123");
  });

  it("writes base64url without padding", () => {
    expect(base64url(new Uint8Array([251, 255, 1]).buffer)).toBe("-_8B");
  });
});

describe("useDeviceKey", () => {
  it("makes one non-extractable P-256 key per account and keeps it", async () => {
    const keys = useDeviceKey(memoryStore());
    const made = await keys.ensureKey(NIP);
    expect(made.privateKey.extractable).toBe(false);
    expect(made.publicJwk).toMatchObject({ kty: "EC", crv: "P-256" });
    expect(fromBase64url(made.publicJwk.x!)).toHaveLength(32);
    expect(made.publicJwk).not.toHaveProperty("d");
    expect(await keys.ensureKey(NIP)).toBe(made);
    expect((await keys.ensureKey("199001012015011002")).publicJwk.x).not.toBe(made.publicJwk.x);
  });

  it("signs nothing until the server registered the key, then a signature the public key verifies", async () => {
    const keys = useDeviceKey(memoryStore());
    const made = await keys.ensureKey(NIP);
    expect(await keys.signCheckIn(NIP, "PAGI", -6.2, 106.8)).toBeUndefined();
    await keys.remember(NIP, "a".repeat(32));
    const now = new Date("2026-12-07T00:30:00Z");
    const signed = await keys.signCheckIn(NIP, "PAGI", -6.2, 106.8, now);
    expect(signed).toMatchObject({ device_id: "a".repeat(32), signed_at: "2026-12-07T00:30:00.000Z" });
    const raw = fromBase64url(signed!.signature);
    expect(raw).toHaveLength(64); // r || s, as the server reads it
    const publicKey = await crypto.subtle.importKey("jwk", made.publicJwk, { name: "ECDSA", namedCurve: "P-256" }, true, ["verify"]);
    const text = new TextEncoder().encode(canonicalText(NIP, "PAGI", -6.2, 106.8, signed!.signed_at));
    expect(await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, publicKey, raw, text)).toBe(true);
    await keys.forget(NIP);
    expect(await keys.signCheckIn(NIP, "PAGI")).toBeUndefined();
  });
});
