export interface StoredObject {
  path: string;
  size: number;
  contentType: string;
}

export interface StorageService {
  readonly kind: "supabase" | "local";
  put(path: string, body: Buffer, contentType: string): Promise<StoredObject>;
  get(path: string): Promise<Buffer>;
  /** A URL that downloads the object until it expires; never a public, permanent link. */
  signedUrl(path: string, expiresInSeconds: number): Promise<string>;
  remove(paths: string[]): Promise<void>;
}

export class StorageNotFoundError extends Error {
  constructor(readonly path: string) {
    super(`No stored object at ${path}`);
    this.name = "StorageNotFoundError";
  }
}
