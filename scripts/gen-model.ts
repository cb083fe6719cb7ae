/**
 * Reads the Cognito user pools API model (botocore JSON, kept beside the project in
 * ../shared/spec) and writes src/protocol/model.gen.ts: the facts the server needs to
 * route and validate requests — operation names, input shapes with their constraints,
 * and error names. No documentation text is carried over.
 *
 * Operations that the current AWS SDK knows but the model predates are added from the
 * SDK's own schema (members and required flags only; the SDK carries no constraints).
 *
 * Usage: npm run gen:model            (writes the file)
 *        npm run gen:model -- --check (exits 1 when the committed file is stale)
 */
import { readFileSync, writeFileSync, readdirSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const specPath = resolve(root, "../shared/spec/cognito-idp-2016-04-18.json");
const outPath = join(root, "src/protocol/model.gen.ts");

interface RawShape {
  type: string;
  members?: Record<string, { shape: string }>;
  required?: string[];
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  sensitive?: boolean;
  document?: boolean;
  exception?: boolean;
}
interface RawModel {
  operations: Record<string, { input?: { shape: string }; errors?: { shape: string }[] }>;
  shapes: Record<string, RawShape>;
}

const model = JSON.parse(readFileSync(specPath, "utf8")) as RawModel;

type Out = Record<string, unknown>;
const shapes: Record<string, Out> = {};

function compact(name: string): void {
  if (shapes[name]) return;
  const s = model.shapes[name];
  if (!s) throw new Error(`unknown shape ${name}`);
  const o: Out = {};
  shapes[name] = o;
  const put = (k: string, v: unknown) => {
    if (v !== undefined) o[k] = v;
  };
  switch (s.type) {
    case "string":
      o.type = "string";
      put("min", s.min);
      put("max", s.max);
      put("pattern", s.pattern);
      put("enum", s.enum);
      if (s.sensitive) o.sensitive = true;
      break;
    case "integer":
    case "long":
      o.type = "integer";
      put("min", s.min);
      put("max", s.max);
      break;
    case "boolean":
      o.type = "boolean";
      break;
    case "timestamp":
      o.type = "timestamp";
      break;
    case "blob":
      o.type = "blob";
      put("min", s.min);
      put("max", s.max);
      if (s.sensitive) o.sensitive = true;
      break;
    case "list":
      o.type = "list";
      o.member = s.member!.shape;
      put("min", s.min);
      put("max", s.max);
      if (s.sensitive) o.sensitive = true;
      compact(s.member!.shape);
      break;
    case "map":
      o.type = "map";
      o.key = s.key!.shape;
      o.value = s.value!.shape;
      put("min", s.min);
      put("max", s.max);
      if (s.sensitive) o.sensitive = true;
      compact(s.key!.shape);
      compact(s.value!.shape);
      break;
    case "structure":
      if (s.document) {
        o.type = "document";
        break;
      }
      o.type = "structure";
      o.members = Object.fromEntries(Object.entries(s.members ?? {}).map(([k, v]) => [k, v.shape]));
      if (s.required?.length) o.required = s.required;
      if (s.sensitive) o.sensitive = true;
      for (const m of Object.values(s.members ?? {})) compact(m.shape);
      break;
    default:
      throw new Error(`unhandled shape type ${s.type} (${name})`);
  }
}

const operations: Record<string, { input: string; errors: string[]; fromSdk?: true }> = {};
for (const [name, op] of Object.entries(model.operations).sort(([a], [b]) => a.localeCompare(b))) {
  const input = op.input?.shape;
  if (!input) throw new Error(`operation ${name} has no input`);
  compact(input);
  operations[name] = { input, errors: (op.errors ?? []).map((e) => e.shape) };
}

const exceptions = Object.entries(model.shapes)
  .filter(([, s]) => s.exception)
  .map(([n]) => n)
  .sort();

// Operations newer than the model: take their input members from the SDK's schema module.
const require = createRequire(import.meta.url);
const sdkRoot = dirname(require.resolve("@aws-sdk/client-cognito-identity-provider/package.json"));
const commandsDir = join(sdkRoot, "dist-types/commands");
const sdkOps = readdirSync(commandsDir)
  .filter((f) => f.endsWith("Command.d.ts"))
  .map((f) => f.replace(/Command\.d\.ts$/, ""));
const missing = sdkOps.filter((o) => !operations[o]).sort();
if (missing.length) {
  const schemas = readSdkInputSchemas();
  for (const name of missing) {
    const input = `${name}Request`;
    const found = schemas.get(input);
    if (!found) throw new Error(`SDK has ${name} but its input schema was not found`);
    for (const m of Object.values(found.members)) {
      if (model.shapes[m]) compact(m);
      else shapes[m] = { type: "any" };
    }
    shapes[input] = {
      type: "structure",
      members: found.members,
      ...(found.required.length ? { required: found.required } : {}),
    };
    operations[name] = { input, errors: [], fromSdk: true };
  }
}

/**
 * The SDK ships its schemas as code (`dist-cjs/schemas/schemas_0.js`): each input is
 * `exports.XRequest$ = [3, n0, _XR, flags, [member names], [member schemas], requiredCount]`.
 * Member shapes that already exist in the model keep their constraints by name; others are untyped.
 */
function readSdkInputSchemas(): Map<string, { members: Record<string, string>; required: string[] }> {
  const out = new Map<string, { members: Record<string, string>; required: string[] }>();
  const dir = join(sdkRoot, "dist-es/schemas");
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir)) {
    const text = readFileSync(join(dir, f), "utf8");
    // Member names are interned as constants: const _UPI = "UserPoolId";
    const consts = new Map([...text.matchAll(/const (_\w+) = "(\w+)";/g)].map((m) => [m[1]!, m[2]!]));
    const re =
      /export var (\w+Request)\$ = \[3, \w+, \w+,\s*[^,]+,\s*\[([^\]]*)\],\s*\[([\s\S]*?)\](?:,\s*(\d+))?\s*\];/g;
    for (const m of text.matchAll(re)) {
      const names = m[2]!
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean)
        .map((x) => consts.get(x) ?? x.replace(/^["']|["']$/g, ""));
      const required = Number(m[4] ?? 0);
      const members: Record<string, string> = {};
      for (const n of names) members[n] = model.shapes[`${n}Type`] ? `${n}Type` : `Sdk${n}`;
      out.set(m[1]!, { members, required: names.slice(0, required) });
    }
  }
  return out;
}

const sortedShapes = Object.fromEntries(Object.entries(shapes).sort(([a], [b]) => a.localeCompare(b)));
const opNames = Object.keys(operations).sort();
const text = `// Generated by scripts/gen-model.ts from the cognito-idp 2016-04-18 API model. Do not edit.
// Facts only: operation names, input shapes and their constraints, error names.
/* eslint-disable */
import type { ShapeTable, OperationTable } from "./modelTypes.js";

export const operationNames = ${JSON.stringify(opNames)} as const;
export type OperationName = (typeof operationNames)[number];

export const exceptionNames = ${JSON.stringify(exceptions)} as const;
export type ExceptionName = (typeof exceptionNames)[number];

export const operations: OperationTable<OperationName> = ${JSON.stringify(operations)};

export const shapes: ShapeTable = ${JSON.stringify(sortedShapes)};
`;

if (process.argv.includes("--check")) {
  const current = existsSync(outPath) ? readFileSync(outPath, "utf8") : "";
  if (current !== text) {
    console.error("src/protocol/model.gen.ts is stale: run npm run gen:model");
    process.exit(1);
  }
  console.log(`model.gen.ts is current (${opNames.length} operations)`);
} else {
  writeFileSync(outPath, text);
  console.log(
    `wrote ${outPath}: ${opNames.length} operations (${missing.length} from the SDK), ${Object.keys(shapes).length} shapes`,
  );
}
