import { StorageClient } from "@supabase/storage-js";
import { StorageNotFoundError, type StorageService } from "./types";
import { normalizeStoragePath } from "./paths";

export interface SupabaseStorageOptions {
  url: string;
  serviceRoleKey: string;
  bucket: string;
}

/** Any failure from Supabase Storage other than "not found"; the status says whether a retry can help. */
export class SupabaseStorageError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number | null,
    message: string,
  ) {
    super(`Supabase storage ${operation} failed${status ? ` (${status})` : ""}: ${message}`);
    this.name = "SupabaseStorageError";
  }
}

interface ErrorLike {
  message: string;
  status?: unknown;
  statusCode?: unknown;
}

/**
 * The Storage API reports a missing object either as HTTP 404 or as HTTP 400 with
 * `statusCode: "404"` in the body, depending on the endpoint; both mean "not found".
 */
function toStorageError(operation: string, key: string, error: ErrorLike): Error {
  const status = typeof error.status === "number" ? error.status : null;
  if (status === 404 || String(error.statusCode) === "404" || error.statusCode === "not_found") {
    return new StorageNotFoundError(key);
  }
  return new SupabaseStorageError(operation, status, error.message);
}

/**
 * Supabase Storage on a private bucket: objects are only reachable through short-lived signed URLs.
 * Uses the storage client on its own (the one inside supabase-js): the full `createClient` also
 * builds a Realtime client, which on Node 20 throws for want of a native WebSocket.
 */
export function createSupabaseStorage(opts: SupabaseStorageOptions): StorageService {
  const client = new StorageClient(`${opts.url.replace(/\/$/, "")}/storage/v1`, {
    apikey: opts.serviceRoleKey,
    Authorization: `Bearer ${opts.serviceRoleKey}`,
  });
  const bucket = () => client.from(opts.bucket);

  return {
    kind: "supabase",
    async put(key, body, contentType) {
      normalizeStoragePath(key);
      // contentType must be explicit: for a Buffer the SDK would otherwise send text/plain.
      const { error } = await bucket().upload(key, body, { contentType, upsert: true });
      if (error) throw toStorageError("upload", key, error);
      return { path: key, size: body.length, contentType };
    },
    async get(key) {
      normalizeStoragePath(key);
      const { data, error } = await bucket().download(key);
      if (error) throw toStorageError("download", key, error);
      return Buffer.from(await data.arrayBuffer());
    },
    async signedUrl(key, expiresInSeconds) {
      normalizeStoragePath(key);
      const { data, error } = await bucket().createSignedUrl(key, Math.max(1, Math.floor(expiresInSeconds)));
      if (error) throw toStorageError("createSignedUrl", key, error);
      if (!data?.signedUrl) throw new SupabaseStorageError("createSignedUrl", null, "response had no signedUrl");
      return data.signedUrl;
    },
    async remove(keys) {
      if (keys.length === 0) return;
      keys.forEach((k) => normalizeStoragePath(k));
      const { error } = await bucket().remove(keys);
      if (error) throw toStorageError("remove", keys.join(", "), error);
    },
  };
}
