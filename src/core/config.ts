/**
 * The one place that reads `process.env`. Every variable is declared once in `CONFIG_VARIABLES`
 * (name, default, meaning, parser); `loadConfig` validates all of them and reports every problem
 * at once. The README's configuration table is checked against this list by a test.
 */

/** The settings of one running deployment. Frozen once loaded. */
export interface Config {
  /** TCP port of the HTTP server (web app, API and event stream on one port). */
  readonly port: number;
  /** Interface the HTTP server binds to. */
  readonly host: string;
  /** Where the data lives: a SQLite file path (or `:memory:`) or a PostgreSQL URL. */
  readonly database: DatabaseTarget;
  /** Load the demo scenario into an empty database at start and print the demo accounts. */
  readonly demo: boolean;
  /** Seed of the demo scenario generator (same seed, same data). */
  readonly demoSeed: number;
  /** Households per supply committee in the demo scenario (7,500: 300,000 in the city). */
  readonly demoHouseholds: number;
  /** pino log level. */
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Largest accepted request body in bytes. */
  readonly bodyLimitBytes: number;
  /** Lifetime of a sign-in session in hours, renewed on use. */
  readonly sessionTtlHours: number;
  /** Sign-in attempts allowed per client address per minute. */
  readonly signInPerMinute: number;
  /** Mark the session cookie `Secure` (set when served over HTTPS). */
  readonly cookieSecure: boolean;
  /** Take the client address from `X-Forwarded-For` (the server is reachable only through a proxy). */
  readonly trustProxy: boolean;
  /** How often each instance looks for alerts past their deadline, in seconds. */
  readonly escalationIntervalSeconds: number;
  /** Language used when the client states none. */
  readonly defaultLocale: 'es' | 'en';
  /** MQTT broker to take production reports from (`mqtt://` or `mqtts://`); `''` = MQTT ingest off. */
  readonly mqttUrl: string;
  /** Client id of the MQTT persistent session: the broker queues reports under it while the server is down. */
  readonly mqttClientId: string;
  /**
   * File holding the key-encryption key (64 hex digits) that seals the committees' card-signing
   * keys; `''` = `secret.key` beside the SQLite file (or `./data/secret.key` with PostgreSQL),
   * made on first start. See src/core/secret-key.ts.
   */
  readonly secretKeyFile: string;
}

/** A database to open: an embedded SQLite file or a PostgreSQL server. */
export type DatabaseTarget =
  /** SQLite through better-sqlite3; `path` is a file path or `:memory:`. */
  | { readonly kind: 'sqlite'; readonly path: string }
  /** PostgreSQL through pg; `url` is a libpq connection URL, `schema` an optional search_path. */
  | { readonly kind: 'postgres'; readonly url: string; readonly schema?: string };

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

interface VariableSpec<K extends keyof Config> {
  readonly name: string;
  readonly key: K;
  readonly default: string;
  readonly meaning: string;
  readonly parse: (raw: string) => Parsed<Config[K]>;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

function integer(min: number, max: number) {
  return (raw: string): Parsed<number> => {
    if (!/^-?\d+$/.test(raw.trim())) return bad(`must be a whole number, got "${raw}"`);
    const n = Number(raw);
    if (n < min || n > max) return bad(`must be between ${min} and ${max}, got ${n}`);
    return ok(n);
  };
}

function boolean(raw: string): Parsed<boolean> {
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return ok(true);
  if (['0', 'false', 'no', 'off'].includes(v)) return ok(false);
  return bad(`must be true or false, got "${raw}"`);
}

function oneOf<T extends string>(values: readonly T[]) {
  return (raw: string): Parsed<T> =>
    (values as readonly string[]).includes(raw)
      ? ok(raw as T)
      : bad(`must be one of ${values.join(', ')}, got "${raw}"`);
}

/** Parses a DATABASE_URL: `postgres://…`, `postgresql://…`, `sqlite:<path>`, a plain path or `:memory:`. */
export function parseDatabaseUrl(raw: string): Parsed<DatabaseTarget> {
  const v = raw.trim();
  if (v === '') return bad('must not be empty');
  if (/^postgres(ql)?:\/\//.test(v)) {
    try {
      new URL(v);
    } catch {
      return bad(`is not a valid PostgreSQL URL: "${raw}"`);
    }
    return ok({ kind: 'postgres', url: v });
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v))
    return bad(`must be a postgres:// URL or a SQLite file path, got "${raw}"`);
  const path = v.startsWith('sqlite:') ? v.slice('sqlite:'.length) : v;
  if (path === '') return bad('names no SQLite file');
  return ok({ kind: 'sqlite', path });
}

/** Parses MQTT_URL: empty (ingest off) or an `mqtt://` / `mqtts://` URL with a host. */
function parseMqttUrl(raw: string): Parsed<string> {
  const v = raw.trim();
  if (v === '') return ok('');
  if (!/^mqtts?:\/\//.test(v)) return bad(`must be an mqtt:// or mqtts:// URL, got "${raw}"`);
  try {
    if (new URL(v).hostname === '') return bad(`names no host: "${raw}"`);
  } catch {
    return bad(`is not a valid URL: "${raw}"`);
  }
  return ok(v);
}

/**
 * Parses MQTT_CLIENT_ID: 1–64 letters, digits, `-` or `_`. MQTT only obliges brokers to take 23
 * letters and digits; Mosquitto, EMQX and HiveMQ take these too, and ids stay readable.
 */
function parseMqttClientId(raw: string): Parsed<string> {
  const v = raw.trim();
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(v)) return bad(`must be 1 to 64 letters, digits, - or _, got "${raw}"`);
  return ok(v);
}

/** Every configuration variable, in the order the README lists them. */
export const CONFIG_VARIABLES = Object.freeze([
  {
    name: 'PORT',
    key: 'port',
    default: '8080',
    meaning: 'HTTP port for the web app, API and event stream',
    parse: integer(0, 65535),
  },
  {
    name: 'HOST',
    key: 'host',
    default: '127.0.0.1',
    meaning: 'interface to listen on (`0.0.0.0` for all)',
    parse: (raw) => (raw.trim() ? ok(raw.trim()) : bad('must not be empty')),
  },
  {
    name: 'DATABASE_URL',
    key: 'database',
    default: './data/cordones.db',
    meaning: 'SQLite file path (or `:memory:`), or a `postgres://` URL to use PostgreSQL',
    parse: parseDatabaseUrl,
  },
  {
    name: 'DEMO',
    key: 'demo',
    default: 'true',
    meaning: 'load the demo scenario into an empty database at start and print the demo accounts',
    parse: boolean,
  },
  {
    name: 'DEMO_SEED',
    key: 'demoSeed',
    default: '1972',
    meaning: 'seed of the demo scenario (same seed, same data)',
    parse: integer(0, 2 ** 31 - 1),
  },
  {
    name: 'DEMO_HOUSEHOLDS',
    key: 'demoHouseholds',
    default: '7500',
    meaning: 'households per supply committee in the demo (40 committees; fewer start faster)',
    parse: integer(1, 100_000),
  },
  {
    name: 'LOG_LEVEL',
    key: 'logLevel',
    default: 'info',
    meaning: 'log level: fatal, error, warn, info, debug, trace or silent',
    parse: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
  },
  {
    name: 'BODY_LIMIT',
    key: 'bodyLimitBytes',
    default: '1048576',
    meaning: 'largest request body in bytes (larger → 413)',
    parse: integer(1024, 1024 ** 3),
  },
  {
    name: 'SESSION_TTL_HOURS',
    key: 'sessionTtlHours',
    default: '72',
    meaning: 'hours a sign-in session lasts without use',
    parse: integer(1, 24 * 365),
  },
  {
    name: 'SIGNIN_PER_MINUTE',
    key: 'signInPerMinute',
    default: '10',
    meaning: 'sign-in attempts allowed per client address per minute',
    parse: integer(1, 100_000),
  },
  {
    name: 'COOKIE_SECURE',
    key: 'cookieSecure',
    default: 'false',
    meaning: 'mark the session cookie Secure (set to true behind HTTPS)',
    parse: boolean,
  },
  {
    name: 'TRUST_PROXY',
    key: 'trustProxy',
    default: 'false',
    meaning: 'take the client address from X-Forwarded-For (set only behind a proxy)',
    parse: boolean,
  },
  {
    name: 'ESCALATE_SECONDS',
    key: 'escalationIntervalSeconds',
    default: '30',
    meaning: 'seconds between two looks for alerts past their deadline',
    parse: integer(1, 86_400),
  },
  {
    name: 'DEFAULT_LOCALE',
    key: 'defaultLocale',
    default: 'es',
    meaning: 'language when the client asks for none: es or en',
    parse: oneOf(['es', 'en'] as const),
  },
  {
    name: 'MQTT_URL',
    key: 'mqttUrl',
    default: '',
    meaning:
      'MQTT broker (`mqtt://` or `mqtts://`) whose `cordones/<workplace>/<indicator>` reports are ingested; empty = off',
    parse: parseMqttUrl,
  },
  {
    name: 'MQTT_CLIENT_ID',
    key: 'mqttClientId',
    default: 'cordones',
    meaning:
      'MQTT client id of the persistent session in which the broker queues reports while the server is down; one per deployment',
    parse: parseMqttClientId,
  },
  {
    name: 'SECRET_KEY_FILE',
    key: 'secretKeyFile',
    default: '',
    meaning:
      'file with the key (64 hex digits) that encrypts the card-signing keys; empty = `secret.key` beside the SQLite file (`./data/secret.key` with PostgreSQL), made on first start',
    parse: (raw) => ok(raw.trim()),
  },
] as const satisfies readonly VariableSpec<keyof Config>[]);

/** The outcome of reading the environment: a config, or every problem found. */
export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/**
 * Reads and validates every variable of `env` at once.
 *
 * @example const r = loadConfig(process.env); if (!r.ok) { console.error(r.problems.join('\n')); }
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const spec of CONFIG_VARIABLES as readonly VariableSpec<keyof Config>[]) {
    const raw = env[spec.name];
    const parsed = spec.parse(raw === undefined || raw === '' ? spec.default : raw);
    if (parsed.ok) values[spec.key] = parsed.value;
    else problems.push(`${spec.name} ${parsed.reason}`);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, config: Object.freeze(values as unknown as Config) };
}

/** A config for tests and tools: the defaults with `overrides` applied (no environment read). */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  const r = loadConfig({});
  if (!r.ok) throw new Error(`defaults are invalid: ${r.problems.join('; ')}`);
  return Object.freeze({ ...r.config, ...overrides });
}
