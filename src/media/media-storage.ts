import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** Bytes being written; nothing is readable until `commit`. */
export interface MediaUpload {
  readonly stream: Writable;
  /** Makes the bytes (once `stream` has finished) readable under `key`; a key stored before is kept as it is. */
  commit(key: string): Promise<void>;
  discard(): Promise<void>;
}

export interface StoredMedia {
  stream: Readable;
  bytes: number;
}

/**
 * Where media files live, content-addressed: the key is the hex SHA-256 of the bytes, so a file
 * delivered twice is kept once. An object store fits the same shape: `begin` starts an upload
 * under a temporary name, `commit` copies it to the key if absent and drops the temporary one.
 */
export interface MediaStorage {
  begin(): Promise<MediaUpload>;
  open(key: string): Promise<StoredMedia | undefined>;
}

export const MEDIA_STORAGE = Symbol('MEDIA_STORAGE');

const KEY = /^[0-9a-f]{64}$/;
/** An upload older than this in `.incoming` was cut short by a crash. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/**
 * Files under one directory (MEDIA_DIR): `ab/abcdef...` by key, uploads in `.incoming/` until
 * they are renamed into place, which is atomic on one file system. Several replicas may share the
 * directory (a shared volume).
 */
export class LocalMediaStorage implements MediaStorage {
  private readonly incoming: string;

  constructor(private readonly root: string) {
    this.incoming = join(root, '.incoming');
  }

  /** Creates the directories and removes uploads abandoned by a crash. */
  async prepare(): Promise<void> {
    await mkdir(this.incoming, { recursive: true, mode: 0o700 });
    const now = Date.now();
    for (const name of await readdir(this.incoming)) {
      const path = join(this.incoming, name);
      const info = await stat(path).catch(() => undefined);
      if (info && now - info.mtimeMs > ABANDONED_AFTER_MS) {
        await rm(path, { force: true });
      }
    }
  }

  async begin(): Promise<MediaUpload> {
    const temporary = join(this.incoming, randomUUID());
    const stream = createWriteStream(temporary, { flags: 'wx', mode: 0o600 });
    return {
      stream,
      commit: async (key) => {
        await finished(stream);
        // On disk before the database says stored.
        const handle = await open(temporary, 'r+');
        await handle.sync();
        await handle.close();
        const target = this.pathOf(key);
        await mkdir(join(this.root, key.slice(0, 2)), { recursive: true, mode: 0o700 });
        if (await exists(target)) {
          await rm(temporary, { force: true });
        } else {
          await rename(temporary, target);
        }
      },
      discard: async () => {
        // The file may still be opening: remove it only once the stream has closed.
        const closed = stream.closed ? Promise.resolve() : new Promise<void>((resolve) => stream.once('close', () => resolve()));
        stream.destroy();
        await closed;
        await rm(temporary, { force: true });
      },
    };
  }

  async open(key: string): Promise<StoredMedia | undefined> {
    const path = this.pathOf(key);
    const info = await stat(path).catch(() => undefined);
    return info ? { stream: createReadStream(path), bytes: info.size } : undefined;
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) {
      throw new Error('A media key is a hex SHA-256');
    }
    return join(this.root, key.slice(0, 2), key);
  }
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}
