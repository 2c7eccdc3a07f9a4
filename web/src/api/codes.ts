/**
 * One-time codes of the API: ask for a code (to sign in, or for "Lupa password?") and set a forgotten password with
 * one. Signing in with a code is `useSession().signInWithCode`, beside the password sign-in. One module, so the
 * pages and their specs go through the same calls.
 */
import { api, unwrap, type Schemas } from "./client";

export type CodePurpose = Schemas["CodeRequest"]["purpose"];

export const codesApi = {
  /** 202 with the same words whether or not the NIP exists; 429 TOO_MANY_CODES after three in 15 minutes. */
  request: (username: string, purpose: NonNullable<CodePurpose>): Promise<Pick<Schemas["CodeSent"], "message">> =>
    unwrap(api().POST("/auth/code", { body: { username, purpose } })),
  /** 204; every earlier session of the account ends. */
  resetPassword: async (username: string, code: string, newPassword: string): Promise<void> => {
    await unwrap(api().POST("/auth/password-reset", { body: { username, code, new_password: newPassword } }));
  },
};
