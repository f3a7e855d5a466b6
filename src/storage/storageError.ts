/**
 * A store that cannot be opened or answered, in words that name no path, no account and no value:
 * the store's own reason (SQLite's result code, or Azure Tables' operation, table and HTTP status or
 * network code) and the setting to check. The start prints it (src/main.ts), so an operator can tell
 * a corrupted file from a locked one or a full disk, and a wrong endpoint from a missing role.
 */
export class StorageError extends Error {
  override readonly name = 'StorageError';
}

/** SQLite's result codes (and the file system's, for the folder it is made in) in plain words. */
const REASONS: Readonly<Record<string, string>> = {
  SQLITE_NOTADB: 'the file is not a SQLite database',
  SQLITE_CORRUPT: 'the database file is corrupt',
  SQLITE_BUSY: 'another process holds the database file locked',
  SQLITE_LOCKED: 'a table is locked',
  SQLITE_FULL: 'the disk is full',
  SQLITE_READONLY: 'the database file cannot be written',
  SQLITE_CANTOPEN: 'the database file cannot be opened',
  SQLITE_PERM: 'access to the database file is denied',
  SQLITE_IOERR: 'reading or writing the disk failed',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
};

/** A code as SQLite and Node write them; anything else (a message, a path) is never echoed. */
const CODE = /^[A-Z][A-Z0-9_]{1,63}$/;

/** Why the SQLite file could not be opened: the code and the setting that names the file, never the path. */
export function sqliteOpenFailure(error: unknown): StorageError {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !CODE.test(code)) {
    const kind = error instanceof Error && CODE.test(error.name.toUpperCase()) ? error.name : 'an unknown error';
    return new StorageError(`SQLite could not open the database file SQLITE_PATH names: ${kind}`);
  }
  // Extended codes (SQLITE_IOERR_SHORT_READ) share their primary code's words.
  const reason = REASONS[code] ?? REASONS[code.split('_').slice(0, 2).join('_')];
  return new StorageError(`SQLite could not open the database file SQLITE_PATH names: ${code}${reason ? ` (${reason})` : ''}`);
}
