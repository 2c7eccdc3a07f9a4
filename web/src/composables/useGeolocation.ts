/** The device's position for check-in, with what went wrong in words. */

export interface Position {
  latitude: number;
  longitude: number;
  accuracy: number;
}

export type LocationOutcome = { ok: true; position: Position } | { ok: false; reason: "denied" | "unavailable" | "unsupported"; message: string };

export const LOCATION_DENIED =
  "Akses lokasi ditolak. Izinkan Kinerja memakai lokasi perangkat (di pengaturan peramban atau ikon gembok di bilah alamat), lalu coba lagi.";
export const LOCATION_UNAVAILABLE =
  "Lokasi perangkat belum dapat ditentukan. Nyalakan GPS/lokasi, pindah ke tempat terbuka, lalu coba lagi.";
export const LOCATION_UNSUPPORTED = "Peramban ini tidak dapat membaca lokasi perangkat.";

/** ``maximumAgeMs``: how old a remembered fix may be; 0 after a fix was refused as too coarse (ask the GPS again). */
export function currentPosition(timeoutMs = 15_000, maximumAgeMs = 30_000): Promise<LocationOutcome> {
  return new Promise((resolve) => {
    if (!("geolocation" in navigator)) {
      resolve({ ok: false, reason: "unsupported", message: LOCATION_UNSUPPORTED });
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) =>
        resolve({ ok: true, position: { latitude: p.coords.latitude, longitude: p.coords.longitude, accuracy: p.coords.accuracy } }),
      (e) =>
        resolve(
          e.code === e.PERMISSION_DENIED
            ? { ok: false, reason: "denied", message: LOCATION_DENIED }
            : { ok: false, reason: "unavailable", message: LOCATION_UNAVAILABLE },
        ),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: maximumAgeMs },
    );
  });
}
