import { CognitoError } from "./errors.js";
import { shapes } from "./model.gen.js";
import type { Shape } from "./modelTypes.js";

/**
 * Checks a request body against the model, the way AWS's front end does before a
 * handler runs: JSON types first (a wrong type is a SerializationException), then every
 * constraint (required, length, pattern, enum, range, list size), all reported at once in
 * one InvalidParameterException: "2 validation errors detected: Value 'x' at 'userPoolId'
 * failed to satisfy constraint: Member must ...; Value null at 'username' ...".
 * Values of sensitive members are never echoed.
 */
export function validateInput(inputShape: string, body: unknown): void {
  const problems: string[] = [];
  checkStructure(inputShape, body, "", problems, false);
  if (problems.length) {
    const n = problems.length;
    throw new CognitoError(
      "InvalidParameterException",
      `${n} validation error${n === 1 ? "" : "s"} detected: ${problems.join("; ")}`,
    );
  }
}

/**
 * Shapes whose model pattern is narrower than what the service accepts. DomainType's pattern
 * allows only a prefix label, yet Cognito takes custom domains (auth.example.com) in the same
 * member; the domains family checks which form fits the request.
 */
const LOOSER_PATTERNS: Record<string, RegExp> = {
  DomainType: /^(?=.{1,63}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/,
};

/**
 * Members where the service takes a blank value as "not given", although the model's pattern
 * refuses "": SignUp's Password ("omit this parameter or submit a blank value" for a
 * passwordless user).
 */
const BLANK_MEANS_ABSENT = new Set(["SignUpRequest.Password"]);

/**
 * Lower bounds the service still enforces though the model no longer states them: a password
 * of under 6 characters fails validation before any policy is read (amazon-cognito-identity-js#311).
 */
const SERVICE_MIN_LENGTH: Record<string, number> = { PasswordType: 6 };

const regexCache = new Map<string, RegExp>();
/** Model patterns are Java regexes matched against the whole value. */
function compiled(pattern: string): RegExp {
  let re = regexCache.get(pattern);
  if (!re) {
    let source = pattern;
    let flags = "u";
    if (source.startsWith("(?s)")) {
      source = source.slice(4);
      flags += "s";
    }
    re = new RegExp(`^(?:${source})$`, flags);
    regexCache.set(pattern, re);
  }
  return re;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const join = (path: string, member: string) => (path ? `${path}.${lowerFirst(member)}` : lowerFirst(member));

function typeError(path: string, expected: string): CognitoError {
  return new CognitoError(
    "SerializationException",
    `Unexpected value type at '${path || "body"}': expected ${expected}`,
  );
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(describe).join(", ")}]`;
  if (value && typeof value === "object") return "{...}";
  return String(value);
}

function violation(problems: string[], path: string, value: unknown, sensitive: boolean, rule: string) {
  const shown = sensitive ? "Value" : `Value '${describe(value)}'`;
  problems.push(`${shown} at '${path}' failed to satisfy constraint: Member must ${rule}`);
}

function checkStructure(name: string, value: unknown, path: string, problems: string[], sensitive: boolean): void {
  const shape = shapes[name] as Extract<Shape, { type: "structure" }>;
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw typeError(path, "an object");
  const record = value as Record<string, unknown>;
  for (const [member, memberShape] of Object.entries(shape.members)) {
    const memberPath = join(path, member);
    const v = record[member];
    if (v === "" && BLANK_MEANS_ABSENT.has(`${name}.${member}`)) continue;
    if (v === undefined || v === null) {
      if (shape.required?.includes(member)) {
        problems.push(`Value null at '${memberPath}' failed to satisfy constraint: Member must not be null`);
      }
      continue;
    }
    check(memberShape, v, memberPath, problems, sensitive || !!shape.sensitive);
  }
}

function check(name: string, value: unknown, path: string, problems: string[], inheritedSensitive: boolean): void {
  const shape = shapes[name];
  if (!shape) return;
  const sensitive = inheritedSensitive || ("sensitive" in shape && !!shape.sensitive);
  switch (shape.type) {
    case "string": {
      if (typeof value !== "string") throw typeError(path, "a string");
      const length = [...value].length;
      const min = shape.min ?? SERVICE_MIN_LENGTH[name];
      if (min !== undefined && length < min)
        violation(problems, path, value, sensitive, `have length greater than or equal to ${min}`);
      if (shape.max !== undefined && length > shape.max)
        violation(problems, path, value, sensitive, `have length less than or equal to ${shape.max}`);
      if (shape.pattern !== undefined && !compiled(shape.pattern).test(value) && !LOOSER_PATTERNS[name]?.test(value))
        violation(problems, path, value, sensitive, `satisfy regular expression pattern: ${shape.pattern}`);
      if (shape.enum && !shape.enum.includes(value))
        violation(problems, path, value, sensitive, `satisfy enum value set: [${shape.enum.join(", ")}]`);
      return;
    }
    case "integer": {
      if (typeof value !== "number" || !Number.isInteger(value)) throw typeError(path, "an integer");
      if (shape.min !== undefined && value < shape.min)
        violation(problems, path, value, sensitive, `have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max)
        violation(problems, path, value, sensitive, `have value less than or equal to ${shape.max}`);
      return;
    }
    case "boolean":
      if (typeof value !== "boolean") throw typeError(path, "a boolean");
      return;
    case "timestamp":
      if (typeof value !== "number" && typeof value !== "string") throw typeError(path, "a timestamp");
      return;
    case "blob": {
      if (typeof value !== "string") throw typeError(path, "base64 data");
      const bytes = Buffer.byteLength(value, "base64");
      if (shape.min !== undefined && bytes < shape.min)
        violation(problems, path, value, true, `have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && bytes > shape.max)
        violation(problems, path, value, true, `have length less than or equal to ${shape.max}`);
      return;
    }
    case "document":
    case "any":
      return;
    case "list": {
      if (!Array.isArray(value)) throw typeError(path, "a list");
      if (shape.min !== undefined && value.length < shape.min)
        violation(problems, path, value, sensitive, `have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max)
        violation(problems, path, value, sensitive, `have length less than or equal to ${shape.max}`);
      value.forEach((item, i) => {
        if (item === null) throw typeError(`${path}.${i + 1}.member`, "a value");
        check(shape.member, item, `${path}.${i + 1}.member`, problems, sensitive);
      });
      return;
    }
    case "map": {
      if (value === null || typeof value !== "object" || Array.isArray(value)) throw typeError(path, "a map");
      const entries = Object.entries(value);
      if (shape.min !== undefined && entries.length < shape.min)
        violation(problems, path, value, sensitive, `have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && entries.length > shape.max)
        violation(problems, path, value, sensitive, `have length less than or equal to ${shape.max}`);
      for (const [k, v] of entries) {
        check(shape.key, k, `${path}.${k}.key`, problems, sensitive);
        if (v !== null) check(shape.value, v, `${path}.${k}.value`, problems, sensitive);
      }
      return;
    }
    case "structure":
      checkStructure(name, value, path, problems, sensitive);
      return;
  }
}
