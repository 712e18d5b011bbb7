import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid}. ` +
        'Stop the server or use DATABASE_URL (a PostgreSQL server) to work on it while it runs.',
    );
    this.name = 'DataDirLockedError';
  }
}

/** The data folder cannot be written (read-only file system, no permission, disk full). */
export class DataDirUnwritableError extends Error {
  constructor(readonly dataDir: string, readonly code: string) {
    const why = code === 'ENOSPC' ? 'its disk is full' : code === 'EROFS' ? 'it is on a read-only file system' : 'this process may not write there';
    super(
      `The embedded database folder ${dataDir} cannot be written (${code}: ${why}). ` +
        'Make it writable (or free space), or set RUBRIC_DATA_DIR to another folder. Nothing was changed.',
    );
    this.name = 'DataDirUnwritableError';
  }
}

const UNWRITABLE = new Set(['EROFS', 'EACCES', 'EPERM', 'ENOSPC']);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock file of an embedded data folder, recording our pid. PGlite takes no lock of its own
 * and a second opener can corrupt the folder. A lock whose pid is dead (kill -9) is taken over.
 * Returns the release function.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const file = path.join(dataDir, 'rubric.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.mkdirSync(dataDir, { recursive: true });
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code && UNWRITABLE.has(code)) throw new DataDirUnwritableError(dataDir, code);
      if (code !== 'EEXIST') throw e;
      const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
      if (Number.isFinite(pid) && pid !== process.pid && isAlive(pid)) throw new DataDirLockedError(dataDir, pid);
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock file ${file}`);
}

/** True when a live process other than this one holds the folder. */
export function isDataDirLocked(dataDir: string): boolean {
  try {
    const pid = Number.parseInt(fs.readFileSync(path.join(dataDir, 'rubric.lock'), 'utf8').trim(), 10);
    return Number.isFinite(pid) && pid !== process.pid && isAlive(pid);
  } catch {
    return false;
  }
}
