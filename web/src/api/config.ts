/** Runtime configuration, read from /config.json so one build serves every stage. */
export interface AppConfig {
  apiUrl: string;
}

let current: AppConfig | null = null;

export async function loadConfig(fetcher: typeof fetch = fetch): Promise<AppConfig> {
  if (current) return current;
  const response = await fetcher(new URL("/config.json", window.location.href), { cache: "no-store" });
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  const raw = (await response.json()) as Partial<AppConfig>;
  if (!raw.apiUrl || typeof raw.apiUrl !== "string") throw new Error("config.json has no apiUrl");
  current = { apiUrl: raw.apiUrl.replace(/\/+$/, "") };
  return current;
}

export function config(): AppConfig {
  if (!current) throw new Error("configuration not loaded");
  return current;
}
