/**
 * Who is signed in: the bearer token (kept in localStorage, with its expiry), the profile from
 * GET /me, what the person may see (roles), and their inbox (GET /me/inbox): everything waiting for
 * their decision, whose total is the badge on Persetujuan on every page.
 */
import { computed, reactive } from "vue";
import { api, unwrap, type Profile, type Schemas } from "@/api/client";
import { decisions, type Inbox } from "@/api/decisions";
import { DECIDER_ROLES } from "@/lib/decisions";
import type { Zone } from "@/lib/format";
import type { SignInResult, StoredSession } from "@/lib/sign-in";

const KEY = "kinerja.session";
const PROFILE_KEY = "kinerja.profile";

export type { StoredSession } from "@/lib/sign-in";

interface State {
  session: StoredSession | null;
  profile: Profile | null;
  /** What waits for this person's decision, per kind (null until the API has answered). */
  inbox: Inbox | null;
  /** A message for the sign-in page (e.g. the session ended). */
  notice: string | null;
}

function readStored<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

const stored = readStored<StoredSession>(KEY);
const state = reactive<State>({
  session: stored && stored.expiresAt > Date.now() ? stored : null,
  profile: stored ? readStored<Profile>(PROFILE_KEY) : null,
  inbox: null,
  notice: null,
});

function saveSession(session: StoredSession | null): void {
  state.session = session;
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
}

function saveProfile(profile: Profile | null): void {
  state.profile = profile;
  if (profile) localStorage.setItem(PROFILE_KEY, JSON.stringify(profile));
  else localStorage.removeItem(PROFILE_KEY);
}

function fromSession(body: Schemas["Session"]): StoredSession {
  return {
    token: body.token,
    expiresAt: Date.now() + body.expires_in * 1000,
    mustChange: body.must_change_password,
    mustEnrol: body.must_enrol_authenticator ?? false,
  };
}

/** Keep a session the API gave (a sign-in, an authenticator just enrolled) and load what the pages show. */
async function adopt(body: Schemas["Session"]): Promise<StoredSession> {
  const session = fromSession(body);
  saveSession(session);
  state.notice = null;
  if (session.mustEnrol) await loadProfile().catch(() => undefined);
  else if (!session.mustChange) await Promise.all([loadProfile(), loadInbox()]);
  return session;
}

async function afterFirstStep(body: Schemas["SignIn"]): Promise<SignInResult> {
  if (body.second_factor === "TOTP") return { challenge: (body as Schemas["SecondFactor"]).challenge };
  return adopt(body as Schemas["Session"]);
}

export function token(): string | null {
  const session = state.session;
  if (!session) return null;
  if (session.expiresAt <= Date.now()) return null;
  return session.token;
}

async function loadProfile(): Promise<Profile> {
  const profile = await unwrap(api().GET("/me"));
  saveProfile(profile);
  return profile;
}

async function loadInbox(): Promise<void> {
  try {
    state.inbox = await decisions.inbox();
  } catch {
    // the badge is a convenience; the inbox page shows its own errors
  }
}

async function signIn(username: string, password: string): Promise<SignInResult> {
  return afterFirstStep(await unwrap(api().POST("/auth/login", { body: { username, password } })));
}

/** Sign in with NIP (or e-mail) and a one-time code: the same as with the password. */
async function signInWithCode(username: string, code: string): Promise<SignInResult> {
  return afterFirstStep(await unwrap(api().POST("/auth/code/login", { body: { username, code } })));
}

/** The second step: the authenticator app's code, or a recovery code. */
async function signInWithAuthenticator(challenge: string, code: string): Promise<StoredSession> {
  return adopt(await unwrap(api().POST("/auth/totp/login", { body: { challenge, code } })));
}

async function changePassword(oldPassword: string, newPassword: string): Promise<void> {
  const body = await unwrap(
    api().POST("/auth/password", { body: { old_password: oldPassword, new_password: newPassword } }),
  );
  await adopt(body);
}

function forget(notice: string | null = null): void {
  saveSession(null);
  saveProfile(null);
  state.inbox = null;
  state.notice = notice;
}

async function signOut(): Promise<void> {
  try {
    if (token()) await unwrap(api().POST("/auth/logout"));
  } catch {
    // signing out on this device must work offline too; the token expires by itself
  } finally {
    forget();
  }
}

const roles = computed<string[]>(() => state.profile?.roles ?? []);
const zone = computed<Zone>(() => (state.profile?.timezone as Zone | undefined) ?? "WIB");
const waiting = computed(() => state.inbox?.total ?? 0);
/** Decides anything (a kind in the inbox); before the inbox answers, judged by the roles. */
const isVerifier = computed(() =>
  state.inbox ? state.inbox.kinds.length > 0 : roles.value.some((r) => DECIDER_ROLES.includes(r)),
);

/** What the navigation shows this person (lib/navigation.ts). */
const who = computed(() => ({
  roles: roles.value,
  verifier: isVerifier.value,
  kinds: state.inbox?.kinds.map((k) => k.kind) ?? [],
}));

export function hasRole(...wanted: string[]): boolean {
  return wanted.some((r) => roles.value.includes(r));
}

export function useSession() {
  return {
    state,
    roles,
    zone,
    waiting,
    isVerifier,
    who,
    hasRole,
    token,
    signIn,
    signInWithCode,
    signInWithAuthenticator,
    adopt,
    signOut,
    forget,
    changePassword,
    loadProfile,
    loadInbox,
    isSignedIn: computed(() => state.session !== null && state.session.expiresAt > Date.now()),
  };
}
