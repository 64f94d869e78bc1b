import path from "node:path";
import ts from "typescript";
import { TSCONFIG } from "@/server/appgen/agents/site/scaffold";

/**
 * Type-checks generated files in memory against this repo's next/react types: the virtual files sit
 * under the repo root (nothing is written there), so module resolution finds its node_modules.
 */
const REPO = path.resolve(import.meta.dirname, "../../../../..");
const ROOT = path.join(REPO, ".appgen-typecheck"); // virtual: nothing is written there

/** Type errors in `files` (app-relative paths → source), compiled with the generated app's options. */
export function typeErrors(files: Record<string, string>): string[] {
  const virtual = new Map(Object.entries(files).map(([p, c]) => [path.join(ROOT, p), c]));
  const { options } = ts.convertCompilerOptionsFromJson({ ...TSCONFIG.compilerOptions, incremental: false, plugins: [], baseUrl: ROOT }, ROOT);
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (f) => virtual.get(f) ?? readFile(f);
  host.fileExists = (f) => virtual.has(f) || fileExists(f);
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (d) => [...virtual.keys()].some((f) => f.startsWith(`${d}/`)) || (directoryExists?.(d) ?? false);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang) => (virtual.has(f) ? ts.createSourceFile(f, virtual.get(f)!, lang) : getSourceFile(f, lang));
  const program = ts.createProgram({ rootNames: [...virtual.keys()], options, host });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && virtual.has(d.file.fileName))
    .map((d) => `${path.relative(ROOT, d.file!.fileName)}:${d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line + 1} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
}

