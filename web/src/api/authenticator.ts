/**
 * The authenticator app of the signed-in person: enrol (a secret and its QR code, then a code from the app confirms
 * it and gives the recovery codes and a full session), a new set of recovery codes, turning it off. Signing in with
 * its code is `useSession().signInWithAuthenticator`.
 */
import { api, unwrap, type Schemas } from "./client";

export type Enrolment = Schemas["TotpEnrolment"];
export type Confirmed = Schemas["TotpConfirmed"];

export const authenticatorApi = {
  /** 201: a new secret, pending until `confirm`; an enrolled app stays in force until then. */
  begin: (): Promise<Enrolment> => unwrap(api().POST("/auth/totp/enrolment", { body: {} })),
  /** 400 INVALID_AUTHENTICATOR_CODE when the code is not the app's (a phone's clock far off). */
  confirm: (code: string): Promise<Confirmed> => unwrap(api().POST("/auth/totp/enrolment/confirm", { body: { code } })),
  newRecoveryCodes: (code: string): Promise<Schemas["RecoveryCodes"]> =>
    unwrap(api().POST("/auth/totp/recovery-codes", { body: { code } })),
  /** 204; 403 AUTHENTICATOR_REQUIRED for an officer who must keep it. */
  turnOff: async (code: string): Promise<void> => {
    await unwrap(api().DELETE("/auth/totp", { body: { code } }));
  },
};
