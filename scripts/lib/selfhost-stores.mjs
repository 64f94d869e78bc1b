/**
 * The self-hosted engine's stores, checked before it starts: its Postgres database is created when
 * missing, and Redis must answer PING on the engine's DB index. Failures are SelfhostConfigErrors
 * that name host:port, never the password.
 */
import { Buffer } from "node:buffer";
import net from "node:net";
import tls from "node:tls";
import postgres from "postgres";
import { SelfhostConfigError, describeServer } from "./selfhost-config.mjs";

/** "unreachable (ECONNREFUSED)" for a network failure, "refused us (…)" when the server answered no. */
function failure(error) {
  const code = error?.code ?? "";
  return /^E[A-Z]+$/.test(code) ? `is unreachable (${code})` : `refused us (${error?.message ?? code})`;
}

/** Creates the engine's database when it does not exist yet (the engine migrates it at boot). Returns true if it made it. */
export async function ensurePostgresDatabase(url) {
  const database = decodeURIComponent(url.pathname.slice(1));
  const admin = new URL(url.href);
  admin.pathname = "/postgres";
  const sql = postgres(admin.href, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${database}`;
    if (rows.length) return false;
    await sql.unsafe(`create database "${database.replaceAll('"', '""')}"`);
    return true;
  } catch (error) {
    throw new SelfhostConfigError(`Postgres at ${describeServer(url)} ${failure(error)}; check INNGEST_POSTGRES_URL / DATABASE_URL`);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** RESP array encoding of one command, so arguments with spaces (a password) survive. */
function command(...args) {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`;
}

/** AUTH (when the URL has a password), SELECT the DB index, PING; resolves when all three succeed. */
export function checkRedis(url, opts = {}) {
  return onRedisDb(url, [command("PING")], opts);
}

/** Empties the URL's Redis DB index (and only it): throwaway engines (e2e, benches) start and end on a clean one. */
export function flushRedisDb(url, opts = {}) {
  return onRedisDb(url, [command("FLUSHDB")], opts);
}

/** Runs `then` (encoded commands) after AUTH and SELECT of the URL's DB index; resolves once every reply is a success. */
function onRedisDb(url, then, { timeoutMs = 5_000 } = {}) {
  const where = describeServer(url);
  const commands = [];
  if (url.password) commands.push(url.username ? command("AUTH", decodeURIComponent(url.username), decodeURIComponent(url.password)) : command("AUTH", decodeURIComponent(url.password)));
  commands.push(command("SELECT", url.pathname.slice(1) || "0"), ...then);
  return new Promise((resolve, reject) => {
    const fail = (why) => {
      socket.destroy();
      reject(new SelfhostConfigError(`Redis at ${where} ${why}; check REDIS_URL / INNGEST_REDIS_URL`));
    };
    const options = { host: url.hostname, port: Number(url.port || 6379), servername: url.hostname };
    const secure = url.protocol === "rediss:";
    const socket = secure ? tls.connect(options) : net.connect(options);
    socket.setTimeout(timeoutMs, () => fail("is unreachable (no answer)"));
    socket.once("error", (error) => fail(failure(error)));
    socket.once(secure ? "secureConnect" : "connect", () => socket.write(commands.join("")));
    let buffer = "";
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      const replies = buffer.split("\r\n").filter(Boolean);
      const error = replies.find((line) => line.startsWith("-"));
      if (error) return fail(`refused us (${error.slice(1)})`);
      if (replies.length >= commands.length) {
        socket.end();
        resolve();
      }
    });
  });
}
