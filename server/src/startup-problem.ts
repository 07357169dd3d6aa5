/**
 * Why `openslot` could not start, in one line a person can act on — a busy port, a MySQL database
 * that does not exist or cannot be reached, an SQLite file that cannot be opened — or null for
 * anything else (a bug: the caller shows it whole).
 */
export function startupProblem(error: unknown): string | null {
  const e = (error ?? {}) as { code?: string; errno?: number; syscall?: string; port?: number; address?: string; sqlMessage?: string; message?: string; path?: string };
  const where = e.address ? `${e.address}${e.port ? `:${e.port}` : ''}` : 'the database server';
  switch (e.code) {
    case 'EADDRINUSE':
      return `port ${e.port} is already in use: stop what listens there, or set PORT to another port`;
    case 'EACCES':
      if (e.syscall === 'listen') return `no permission to listen on port ${e.port}: use a port above 1023 (PORT), or a reverse proxy in front`;
      return e.path ? `no permission to open ${e.path}: check DATABASE_URL and the folder's permissions` : null;
    case 'ER_BAD_DB_ERROR': {
      const name = /Unknown database '([^']+)'/.exec(e.sqlMessage ?? '')?.[1] ?? '(the one in DATABASE_URL)';
      return `the MySQL database "${name}" does not exist: create it (CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4) or fix DATABASE_URL`;
    }
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_DBACCESS_DENIED_ERROR':
      return `MySQL refused the login: ${e.sqlMessage ?? 'access denied'}; check the user and password in DATABASE_URL`;
    case 'ECONNREFUSED':
      return `cannot reach the database at ${where} (connection refused): is MySQL running, and is DATABASE_URL right?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot find the database host in DATABASE_URL (${e.message ?? e.code})`;
    case 'ETIMEDOUT':
      return `the database at ${where} did not answer in time: check DATABASE_URL and the network`;
    case 'SQLITE_CANTOPEN':
      return `cannot open the SQLite database in DATABASE_URL: check the path and that its folder is writable`;
    case 'ENOENT':
    case 'ENOTDIR':
      return e.syscall === 'mkdir' ? `cannot create the folder for the SQLite database (${e.path}): check DATABASE_URL` : null;
    default:
      return null;
  }
}
