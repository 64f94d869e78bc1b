import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { StorageNotFoundError, type StorageService, type StoredObject } from "./types";
import { normalizeStoragePath } from "./paths";
import { buildSignedStorageUrl } from "./signing";

export interface LocalStorageOptions {
  /** Root of the store; objects live in `<root>/objects`, their content types in `<root>/meta`. */
  root: string;
  appUrl: string;
  getSecret: () => Promise<string>;
  /** Unix seconds; injectable so expiry is testable. */
  now?: () => number;
}

function locate(root: string, key: string) {
  const safe = normalizeStoragePath(key);
  return {
    object: path.join(root, "objects", ...safe.split("/")),
    meta: path.join(root, "meta", ...safe.split("/")) + ".json",
  };
}

async function writeAtomically(file: string, body: Buffer | string) {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomUUID()}.tmp`;
  await writeFile(temp, body);
  await rename(temp, file);
}

function isMissing(err: unknown) {
  const code = (err as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR";
}

/** Reads one object and its content type; the signed-download route serves this. */
export async function readLocalObject(root: string, key: string): Promise<{ body: Buffer; contentType: string }> {
  const { object, meta } = locate(root, key);
  let body: Buffer;
  try {
    body = await readFile(object);
  } catch (err) {
    if (isMissing(err)) throw new StorageNotFoundError(key);
    throw err;
  }
  const contentType = await readFile(meta, "utf8")
    .then((raw) => String((JSON.parse(raw) as { contentType?: unknown }).contentType ?? ""))
    .catch(() => "");
  return { body, contentType: contentType || "application/octet-stream" };
}

/** The embedded store: files under DATA_DIR, downloaded through HMAC-signed, expiring links. */
export function createLocalStorage(opts: LocalStorageOptions): StorageService {
  const now = opts.now ?? (() => Math.floor(Date.now() / 1000));
  return {
    kind: "local",
    async put(key, body, contentType): Promise<StoredObject> {
      const { object, meta } = locate(opts.root, key);
      await writeAtomically(object, body);
      await writeAtomically(meta, JSON.stringify({ contentType }));
      return { path: key, size: body.length, contentType };
    },
    async get(key) {
      return (await readLocalObject(opts.root, key)).body;
    },
    async signedUrl(key, expiresInSeconds) {
      const { object } = locate(opts.root, key);
      // Like Supabase, refuse to sign a link to nothing.
      await stat(object).catch((err: unknown) => {
        throw isMissing(err) ? new StorageNotFoundError(key) : err;
      });
      const expiresAt = now() + Math.max(1, Math.floor(expiresInSeconds));
      return buildSignedStorageUrl({ baseUrl: opts.appUrl, path: key, expiresAt, secret: await opts.getSecret() });
    },
    async remove(keys) {
      for (const key of keys) {
        const { object, meta } = locate(opts.root, key);
        await rm(object, { force: true });
        await rm(meta, { force: true });
      }
    },
  };
}
