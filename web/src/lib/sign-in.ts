/**
 * The steps of signing in: a first step (password or one-time code) gives a session, or — for an account with an
 * authenticator app — a challenge for the app's code. A fresh session goes first to what it must do: change a
 * temporary password, then (an officer without an authenticator) enrol one.
 */

export interface StoredSession {
  token: string;
  expiresAt: number;
  mustChange: boolean;
  /** An officer who must enrol an authenticator first: the token reaches only the enrolment page. */
  mustEnrol?: boolean;
}

/** The password (or one-time code) was right; the account's authenticator code comes next. */
export interface SecondFactorStep {
  challenge: string;
}

/** What a first sign-in step gives. */
export type SignInResult = StoredSession | SecondFactorStep;

export const ENROLMENT_PATH = "/akun/autentikator";

export function needsSecondFactor(result: SignInResult): result is SecondFactorStep {
  return "challenge" in result;
}

/** Where a fresh session goes first; `next` when nothing is due. */
export function firstStop(session: StoredSession, next = "/"): string {
  if (session.mustChange) return "/ganti-sandi";
  if (session.mustEnrol) return ENROLMENT_PATH;
  return next;
}

/** The six digits of an app's code as typed ("123 456"), or null when it is not six digits. */
export function readAppCode(typed: string): string | null {
  const code = typed.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(code) ? code : null;
}

/** A base32 secret in groups of four, as a person types it into an app by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}
