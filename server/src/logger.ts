export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Logger = Record<LogLevel, (message: string, fields?: Record<string, unknown>) => void>;

const ORDER: Record<LogLevel | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

const EMAIL = /[^\s<>@"'`(),;:=]+@[^\s<>@"'`(),;:]+\.[^\s<>@"'`(),;:]+/g;
// Our API keys, Stripe and Svix keys, webhook secrets, and whatever follows "Bearer".
const SECRET = /\b(osk|sk_live|sk_test|rk_live|rk_test|whsec|testsk|sk)_[A-Za-z0-9_+/=-]{6,}/g;
const BEARER = /\b(bearer\s+)[^\s"',]+/gi;

/** Masks what must never be logged even when a caller slips: email addresses, API keys and bearer tokens. */
export function redact(text: string): string {
  return text.replace(EMAIL, '<address>').replace(SECRET, '$1_<redacted>').replace(BEARER, '$1<redacted>');
}

function redactAll(value: unknown): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map(redactAll);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactAll(inner)]));
  return value;
}

/**
 * What a log line may say about a failure: its kind, code and message (database errors are already
 * without their values, see db/knex.ts), masked as above; with `stack`, the call frames too.
 */
export function describeError(error: unknown, options: { stack?: boolean } = {}): string {
  const code = (error as { code?: unknown } | null)?.code;
  const text = error instanceof Error ? `${error.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${error.message}` : String(error);
  const frames = options.stack && error instanceof Error && error.stack ? error.stack.split('\n').filter((line) => line.startsWith('    at ')).join('\n') : '';
  return redact(text).slice(0, 1000) + (frames ? '\n' + frames : '');
}

/** One JSON line per entry on stderr. Callers pass ids, never personal data or secrets; what slips through is masked. */
export function createLogger(level: LogLevel | 'silent' = 'info', write: (line: string) => void = (line) => process.stderr.write(line + '\n')): Logger {
  const entry = (at: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (ORDER[at] < ORDER[level]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: at, message: redact(message), ...(fields && (redactAll(fields) as Record<string, unknown>)) }));
  };
  return { debug: entry('debug'), info: entry('info'), warn: entry('warn'), error: entry('error') };
}

export const silentLogger: Logger = createLogger('silent');
