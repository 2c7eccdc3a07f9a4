/** People as an employee reads them (issue 18): "Name, jabatan", never a bare NIP unless the person is unknown. */
import { formatNip } from "@/lib/format";

/** "dr. Andi Wijaya, Kepala Puskesmas"; the name alone when the jabatan is not known */
export function personLine(name: string, jabatan?: string | null): string {
  return jabatan ? `${name}, ${jabatan}` : name;
}

/** A person the server named ({nip, name, jabatan}); "NIP 1975…" only when the account no longer exists */
export function namedPerson(p: { nip: string; name?: string | null; jabatan?: string | null }): string {
  return p.name ? personLine(p.name, p.jabatan) : `NIP ${formatNip(p.nip)}`;
}
