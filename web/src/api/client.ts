/**
 * The typed API client: openapi-fetch over the types generated from the API's OpenAPI document
 * (src/api/schema.d.ts). `unwrap` turns every answer into its data or an `ApiError` carrying the
 * API's {code, message, details} (or a network failure) in words a person understands.
 */
import createClient, { type Client, type Middleware } from "openapi-fetch";
import { ApiError, problemFromResponse, toProblem } from "@/lib/errors";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
export type Report = Schemas["Report"];
export type Profile = Schemas["Profile"];
export type Template = Schemas["Template"];
export type CalendarDay = Schemas["CalendarDay"];
export type Employee = Schemas["Employee"];

const TIMEOUT_MS = 30_000;
/** Routes whose 401 refuses what was typed (password, code), not the session. */
const SIGN_IN_PATHS = /\/auth\/(login|code\/login|totp\/login|password-reset)$/;

export interface AuthHooks {
  token: () => string | null;
  /** The API refused the token (expired, revoked): sign out. */
  onUnauthorized: () => void;
}

let hooks: AuthHooks = { token: () => null, onUnauthorized: () => {} };
let client: Client<paths> = createClient<paths>({ baseUrl: "" });

const auth: Middleware = {
  onRequest({ request }) {
    const token = hooks.token();
    if (token && !request.headers.has("Authorization")) request.headers.set("Authorization", `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !SIGN_IN_PATHS.test(request.url) && request.headers.has("Authorization")) {
      hooks.onUnauthorized();
    }
    return response;
  },
};

/** fetch with a time limit, so a dead connection ends in a clear message instead of a spinner forever. */
function timedFetch(input: Request): Promise<Response> {
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const signal = input.signal && typeof AbortSignal.any === "function" ? AbortSignal.any([input.signal, timeout]) : timeout;
  return fetch(input, { signal });
}

export function configureApi(baseUrl: string, authHooks: AuthHooks): void {
  hooks = authHooks;
  client = createClient<paths>({ baseUrl, fetch: timedFetch });
  client.use(auth);
}

/** The client (call after `configureApi`). */
export function api(): Client<paths> {
  return client;
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful answer, or throw `ApiError` (status 0 for "could not reach the server"). */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (error) {
    throw new ApiError(toProblem(error));
  }
  const { data, error, response } = result;
  if (!response.ok) throw new ApiError(problemFromResponse(response.status, error));
  return data as T;
}
