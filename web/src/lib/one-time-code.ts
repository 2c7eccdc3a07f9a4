/**
 * What a person types as a one-time code, read as the API wants it: six digits. People copy it from WhatsApp with
 * spaces ("123 456") or type it with the phone's number pad; anything else is said before it is sent, so a slip of
 * the finger does not cost one of the code's five tries.
 */

export const CODE_DIGITS = 6;

/** The digits of what was typed (spaces and dashes dropped). */
export function readCode(typed: string): string {
  return typed.replace(/[\s-]/g, "");
}

/** The message for the code field, or null when it is six digits. */
export function codeError(typed: string): string | null {
  const code = readCode(typed);
  if (!code) return "Masukkan kode 6 angka yang dikirim ke WhatsApp atau e-mail Anda.";
  if (!/^\d+$/.test(code)) return "Kode hanya berisi angka.";
  if (code.length !== CODE_DIGITS) return `Kode terdiri dari ${CODE_DIGITS} angka.`;
  return null;
}

/** The message for the NIP/e-mail field, or null. */
export function usernameError(typed: string): string | null {
  return typed.trim() ? null : "Masukkan NIP atau alamat e-mail Anda.";
}
