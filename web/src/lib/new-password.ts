/**
 * The checks a new password gets in the browser before it is sent (Ganti kata sandi, Lupa password?): present,
 * 8–128 characters, typed twice alike. The API still judges the rest of the policy (common passwords, NIP, name).
 */

export function passwordLengthOk(password: string): boolean {
  return password.length >= 8 && password.length <= 128;
}

/** The errors by field (`new_password`, `confirm`) for a new password and its repeat; empty when both are fine. */
export function newPasswordErrors(password: string, confirm: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!password) errors.new_password = "Masukkan kata sandi baru.";
  else if (!passwordLengthOk(password)) errors.new_password = "Kata sandi baru harus 8–128 karakter.";
  if (password && confirm !== password) errors.confirm = "Ulangi kata sandi baru dengan tepat sama.";
  return errors;
}
