/** A storage key that could escape the store's root or confuse a provider. */
export class InvalidStoragePathError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`Invalid storage path: ${reason}`);
    this.name = "InvalidStoragePathError";
  }
}

const MAX_PATH_LENGTH = 1024;

/**
 * Checks an object key ("org/artifact/file.html") and returns it unchanged. Keys are relative,
 * slash-separated, with no empty, "." or ".." segments, so joining one onto a root directory can
 * never leave it, and Supabase and the local store see the same key.
 */
export function normalizeStoragePath(input: string): string {
  if (input.length === 0) throw new InvalidStoragePathError(input, "empty");
  if (input.length > MAX_PATH_LENGTH) throw new InvalidStoragePathError(input, "too long");
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(input)) {
    throw new InvalidStoragePathError(input, "contains a control character or backslash");
  }
  for (const segment of input.split("/")) {
    if (segment === "" || segment === "." || segment === "..") {
      throw new InvalidStoragePathError(input, "must be relative, without empty, '.' or '..' segments");
    }
  }
  return input;
}
