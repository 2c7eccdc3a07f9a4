/**
 * Who is signed in: the bearer token (kept in localStorage, with its expiry), the profile from
 * GET /me, and what the person may see (roles; verifier = has staff or holds a delegation).
 */
import { computed, reactive } from "vue";
import { api, unwrap, type Profile, type Schemas } from "@/api/client";
import type { Zone } from "@/lib/format";

const KEY = "kinerja.session";
const PROFILE_KEY = "kinerja.profile";

export interface StoredSession {
  token: string;
  expiresAt: number;
  mustChange: boolean;
}

interface State {
  session: StoredSession | null;
  profile: Profile | null;
  summary: Schemas["QueueSummary"] | null;
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
  summary: null,
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
  return { token: body.token, expiresAt: Date.now() + body.expires_in * 1000, mustChange: body.must_change_password };
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

async function loadSummary(): Promise<void> {
  try {
    state.summary = await unwrap(api().GET("/verification/summary"));
  } catch {
    // the badge is a convenience; the queue page shows its own errors
  }
}

async function signIn(username: string, password: string): Promise<StoredSession> {
  const body = await unwrap(api().POST("/auth/login", { body: { username, password } }));
  const session = fromSession(body);
  saveSession(session);
  state.notice = null;
  if (!session.mustChange) await Promise.all([loadProfile(), loadSummary()]);
  return session;
}

async function changePassword(oldPassword: string, newPassword: string): Promise<void> {
  const body = await unwrap(
    api().POST("/auth/password", { body: { old_password: oldPassword, new_password: newPassword } }),
  );
  saveSession(fromSession(body));
  await Promise.all([loadProfile(), loadSummary()]);
}

function forget(notice: string | null = null): void {
  saveSession(null);
  saveProfile(null);
  state.summary = null;
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
const waiting = computed(() => (state.summary?.queues ?? []).reduce((sum, q) => sum + q.count, 0));
const isVerifier = computed(
  () => roles.value.includes("ATASAN") || (state.summary?.queues ?? []).some((q) => q.delegated),
);

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
    hasRole,
    token,
    signIn,
    signOut,
    forget,
    changePassword,
    loadProfile,
    loadSummary,
    isSignedIn: computed(() => state.session !== null && state.session.expiresAt > Date.now()),
  };
}
