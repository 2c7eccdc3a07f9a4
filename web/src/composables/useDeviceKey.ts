/**
 * This browser's check-in device key (issue 20, "check-in that resists fraud"): an ECDSA P-256 key pair made with
 * WebCrypto as NOT extractable and kept in IndexedDB. A CryptoKey structured-clones into IndexedDB with its
 * private half still non-extractable, so not even this page's own scripts can read it out: copying the account's
 * password to another phone does not copy the device. Its public half (a JWK) is registered once
 * (`POST /me/devices`); each check-in is then signed over the text the server checks
 * (`chalicelib/domain/devices.py` `canonical_text`). WebAuthn/passkeys would need a platform authenticator many
 * office PCs (and the test browser) lack; a WebCrypto key needs no special hardware.
 *
 * One key per account in this browser (a shared office PC keeps each person's apart), stored under their NIP.
 */

export interface DeviceRecord {
  nip: string;
  privateKey: CryptoKey;
  publicJwk: JsonWebKey;
  /** Set once the server has registered the key. */
  deviceId?: string;
}

/** Where the records live: IndexedDB in the browser, a Map in unit specs. */
export interface KeyStore {
  get(nip: string): Promise<DeviceRecord | undefined>;
  put(record: DeviceRecord): Promise<void>;
  remove(nip: string): Promise<void>;
}

export interface CheckInSignature {
  device_id: string;
  signed_at: string;
  signature: string;
}

const DB = "kinerja-device";
const STORE = "keys";
const ALGORITHM: EcKeyGenParams = { name: "ECDSA", namedCurve: "P-256" };
const SIGNING: EcdsaParams = { name: "ECDSA", hash: "SHA-256" };

/** Whether this browser can make and keep a device key (WebCrypto needs a secure context: https or localhost). */
export function deviceKeysSupported(): boolean {
  return typeof indexedDB !== "undefined" && typeof crypto !== "undefined" && !!crypto.subtle && window.isSecureContext !== false;
}

/** A coordinate as the server reads it back: 6 decimals (about 10 cm), sent and signed the same. */
export function roundCoordinate(value: number): number {
  return Number(value.toFixed(6));
}

/** ``kinerja-presensi|<nip>|<session>|<lat>|<lon>|<signed_at>``; a missing coordinate is empty. */
export function canonicalText(nip: string, session: string, latitude: number | undefined, longitude: number | undefined, signedAt: string): string {
  const coordinate = (v: number | undefined) => (v === undefined || v === null ? "" : v.toFixed(6));
  return ["kinerja-presensi", nip, session, coordinate(latitude), coordinate(longitude), signedAt].join("|");
}

export function base64url(bytes: ArrayBuffer): string {
  let text = "";
  for (const byte of new Uint8Array(bytes)) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/** The IndexedDB store of device keys. */
export function indexedDbStore(): KeyStore {
  let opened: Promise<IDBDatabase> | null = null;
  const db = () => {
    if (!opened) {
      const open = indexedDB.open(DB, 1);
      open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: "nip" });
      opened = request(open);
    }
    return opened;
  };
  const store = async (mode: IDBTransactionMode) => (await db()).transaction(STORE, mode).objectStore(STORE);
  return {
    get: async (nip) => (await request((await store("readonly")).get(nip))) as DeviceRecord | undefined,
    put: async (record) => void (await request((await store("readwrite")).put(record))),
    remove: async (nip) => void (await request((await store("readwrite")).delete(nip))),
  };
}

export function useDeviceKey(store: KeyStore = indexedDbStore()) {
  /** This browser's key of ``nip``, made (non-extractable) the first time. */
  async function ensureKey(nip: string): Promise<DeviceRecord> {
    const found = await store.get(nip);
    if (found) return found;
    const pair = (await crypto.subtle.generateKey(ALGORITHM, false, ["sign"])) as CryptoKeyPair;
    const jwk = await crypto.subtle.exportKey("jwk", pair.publicKey); // a public key is always exportable
    const record: DeviceRecord = { nip, privateKey: pair.privateKey, publicJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } };
    await store.put(record);
    return record;
  }

  /** The key of ``nip`` once the server has registered it (its device id), else undefined. */
  async function registered(nip: string): Promise<DeviceRecord | undefined> {
    const found = await store.get(nip);
    return found?.deviceId ? found : undefined;
  }

  async function remember(nip: string, deviceId: string): Promise<void> {
    const found = await ensureKey(nip);
    await store.put({ ...found, deviceId });
  }

  /** Forget this browser's key of ``nip`` (its device was removed): a new registration makes a new key. */
  async function forget(nip: string): Promise<void> {
    await store.remove(nip);
  }

  /** A check-in's signature by this browser's registered key; undefined when this browser has none. */
  async function signCheckIn(nip: string, session: string, latitude?: number, longitude?: number, now: Date = new Date()): Promise<CheckInSignature | undefined> {
    const found = await registered(nip);
    if (!found?.deviceId) return undefined;
    const signedAt = now.toISOString();
    const text = canonicalText(nip, session, latitude, longitude, signedAt);
    const signature = await crypto.subtle.sign(SIGNING, found.privateKey, new TextEncoder().encode(text));
    return { device_id: found.deviceId, signed_at: signedAt, signature: base64url(signature) };
  }

  return { ensureKey, registered, remember, forget, signCheckIn };
}

/** A Map-backed store (unit specs; a browser without IndexedDB simply has no device). */
export function memoryStore(): KeyStore {
  const records = new Map<string, DeviceRecord>();
  return {
    get: async (nip) => records.get(nip),
    put: async (record) => void records.set(record.nip, record),
    remove: async (nip) => void records.delete(nip),
  };
}
