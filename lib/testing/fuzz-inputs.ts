import fc from "fast-check";

/**
 * Malformed-input generators for the route fuzz tests (app/**\/fuzz.test.ts).
 * Each aims at something that has broken parsers before: wrong types, huge or
 * odd strings, deep nesting, prototype keys, bytes that aren't UTF-8, headers
 * that lie.
 */

/** Keys that pollute prototypes when code copies objects carelessly. */
export const PROTOTYPE_KEYS = ["__proto__", "constructor", "prototype", "__defineGetter__", "toString", "valueOf"];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** Strings that are odd in content or size. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string(), weight: 3 },
  { arbitrary: fc.string({ unit: "binary" }), weight: 2 },
  {
    arbitrary: fc.string({ unit: fc.oneof(loneSurrogate, fc.constantFrom("\u0000", "\u202e", "\ufeff", "é")) }),
    weight: 1,
  },
  {
    arbitrary: fc.constantFrom(
      "",
      " ",
      "\u0000",
      "a\u0000b",
      "\n\r\t",
      "null",
      "undefined",
      "NaN",
      "-1",
      "1e309",
      "../../etc/passwd",
      "%2e%2e%2f",
      "%00",
      "<script>alert(1)</script>",
      "' OR 1=1 --",
      "%",
      "_",
      "\\",
      "😀".repeat(50),
      "offline:words=abc offline:delay=-5 offline:tool= offline:fail=",
      ...PROTOTYPE_KEYS,
    ),
    weight: 2,
  },
  // Just past the usual limits (ids 128, titles 100, messages 20 000), and far past them.
  { arbitrary: fc.constantFrom(129, 201, 20_001, 300_000).map((n) => "x".repeat(n)), weight: 1 },
);

/** Arrays or objects nested `depth` deep, built without recursion. */
export function deeplyNested(depth: number, kind: "array" | "object"): unknown {
  let value: unknown = 0;
  for (let i = 0; i < depth; i += 1) value = kind === "array" ? [value] : { a: value };
  return value;
}

/** An object whose own key is `key`, even when it is `__proto__` (plain assignment would set the prototype). */
export function objectWithKey(key: string, value: unknown): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

/** Any JSON-able value that is wrong somewhere it matters. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: nastyString, weight: 4 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 3 },
  {
    arbitrary: fc.constantFrom(null, true, false, 0, -1, -0, 1.5, 1e308, -1e308, 2 ** 53 + 2, [], {}),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(2, 64, 1_000), fc.constantFrom("array" as const, "object" as const))
      .map(([depth, kind]) => deeplyNested(depth, kind)),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...PROTOTYPE_KEYS), fc.jsonValue({ maxDepth: 1 }))
      .map(([key, value]) => objectWithKey(key, { polluted: value })),
    weight: 1,
  },
  { arbitrary: fc.array(fc.jsonValue({ maxDepth: 1 }), { minLength: 21, maxLength: 300 }), weight: 1 },
);

/** A key for an unknown field: ordinary, odd, or a prototype key. */
export const nastyKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...PROTOTYPE_KEYS),
  fc.string({ minLength: 1, maxLength: 20 }),
);

type Path = (string | number)[];

/** Paths to values inside `value` (the root included), parents first; not below `maxDepth` (bodies may be deeply nested). */
function pathsOf(value: unknown, maxDepth = 8): Path[] {
  const paths: Path[] = [];
  const queue: { node: unknown; path: Path }[] = [{ node: value, path: [] }];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { node, path } = next;
    paths.push(path);
    if (path.length >= maxDepth || !node || typeof node !== "object") continue;
    const entries = Array.isArray(node) ? node.map((item, index) => [index, item] as const) : Object.entries(node);
    for (const [key, item] of entries.slice(0, 50)) queue.push({ node: item, path: [...path, key] });
  }
  return paths;
}

type Mutation =
  | { kind: "replace"; value: unknown }
  | { kind: "delete" }
  | { kind: "add-field"; key: string; value: unknown }
  | { kind: "repeat"; times: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: nastyValue.map((value) => ({ kind: "replace" as const, value })), weight: 5 },
  { arbitrary: fc.constant({ kind: "delete" as const }), weight: 2 },
  {
    arbitrary: fc.record({ kind: fc.constant("add-field" as const), key: nastyKey, value: nastyValue }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant("repeat" as const), times: fc.constantFrom(2, 21, 101) }), weight: 1 },
);

/** Applies one mutation at `path` of a deep copy of `value`. */
function mutateAt(value: unknown, path: Path, change: Mutation): unknown {
  if (path.length === 0) {
    if (change.kind === "replace") return change.value;
    if (change.kind === "delete") return undefined;
    if (change.kind === "repeat") return Array.from({ length: change.times }, () => structuredClone(value));
    if (value && typeof value === "object" && !Array.isArray(value)) {
      return { ...(value as object), ...objectWithKey(change.key, change.value) };
    }
    return objectWithKey(change.key, change.value);
  }
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    const index = head as number;
    const changed = mutateAt(copy[index], rest, change);
    if (rest.length === 0 && change.kind === "delete") copy.splice(index, 1);
    else if (rest.length === 0 && change.kind === "repeat") copy.splice(index, 1, ...(changed as unknown[]));
    else copy[index] = changed;
    return copy;
  }
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const changed = mutateAt(copy[head as string], rest, change);
  if (rest.length === 0 && change.kind === "delete") delete copy[head as string];
  else copy[head as string] = changed;
  return copy;
}

/** A valid body with one thing broken: a value swapped for a nasty one, a field dropped or added, an array blown up. */
export function mutatedBody(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, fc.nat(), mutation, fc.boolean(), fc.nat(), mutation)
    .map(([body, pick, change, twice, pick2, change2]) => {
      const paths = pathsOf(body);
      let mutated = mutateAt(body, paths[pick % paths.length] ?? [], change);
      if (twice) {
        const paths2 = pathsOf(mutated);
        mutated = mutateAt(mutated, paths2[pick2 % paths2.length] ?? [], change2);
      }
      return mutated;
    });
}

/** Request body bytes or text: random JSON, broken JSON, deep nesting, non-UTF-8 bytes, nothing. */
export function rawBody(valid: fc.Arbitrary<unknown>): fc.Arbitrary<string | Uint8Array> {
  return fc.oneof(
    { arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)), weight: 3 },
    { arbitrary: fc.string(), weight: 2 },
    // A valid body cut off somewhere, as a dropped connection would leave it.
    {
      arbitrary: fc.tuple(valid, fc.nat()).map(([body, cut]) => {
        const text = JSON.stringify(body);
        return text.slice(0, cut % Math.max(1, text.length));
      }),
      weight: 2,
    },
    // Duplicate keys: JSON.parse keeps the last one.
    {
      arbitrary: valid.map((body) => {
        const text = JSON.stringify(body);
        return text.startsWith("{") && text.length > 2 ? `${text.slice(0, -1)},"id":null,"id":"x"}` : text;
      }),
      weight: 1,
    },
    {
      arbitrary: fc.constantFrom(10, 1_000, 100_000).map((n) => `${"[".repeat(n)}${"]".repeat(n)}`),
      weight: 1,
    },
    { arbitrary: fc.constantFrom(10, 100_000).map((n) => "{".repeat(n)), weight: 1 },
    { arbitrary: fc.uint8Array({ maxLength: 200 }), weight: 2 },
    { arbitrary: fc.constantFrom("", "null", "[]", "{}", '""', "0", "true", "\ufeff{}", "{}\u0000"), weight: 2 },
  );
}

/** Printable ASCII: a value the Headers class accepts. */
function printableAscii(maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength });
}

export const headerValue: fc.Arbitrary<string> = printableAscii(200);

/** Content types, mostly JSON (so the body is what gets tested), sometimes not. */
export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { arbitrary: fc.constant("application/json"), weight: 8 },
  {
    arbitrary: fc.constantFrom(
      undefined,
      "",
      "application/json; charset=utf-8",
      "APPLICATION/JSON",
      "text/plain",
      "text/plain; note=application/json",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/jsonp",
      "application/merge-patch+json",
      "*/*",
    ),
    weight: 2,
  },
  { arbitrary: headerValue, weight: 1 },
);

/** Content-Length as clients might send it: absent, or claiming something (often untrue). */
export const contentLength: fc.Arbitrary<string | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 6 },
  { arbitrary: fc.constantFrom("0", "1", "-1", "abc", "1e9", "99999999999999999999", String(2 ** 31)), weight: 1 },
);

/** Cookie headers: none, garbage, a forged owner cookie, or `valid` (a real one) when given. */
export function cookieHeader(valid?: string): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    fc.constant(undefined),
    ...(valid ? [fc.constant(valid), fc.constant(valid)] : []),
    headerValue.map((value) => `wac_owner=${value}`),
    fc.constantFrom(
      "wac_owner=",
      "wac_owner=.",
      "wac_owner=aaaaaaaaaaaaaaaaaaaa.bm90LWEtc2lnbmF0dXJl",
      "wac_owner=aaaaaaaaaaaaaaaaaaaa.!!!",
      "=; ;;; wac_owner",
    ),
  );
}

/** Path segments: ids that are valid in shape, and everything else. */
export function pathSegment(valid: string[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/), weight: 2 },
    ...(valid.length > 0 ? [{ arbitrary: fc.constantFrom(...valid), weight: 2 }] : []),
    { arbitrary: nastyString, weight: 3 },
    {
      arbitrary: fc.constantFrom("..", ".", "%2F", "a/b", "a%00b", "\u0000", " ", "ðŸ˜€", "CON", "x".repeat(5_000)),
      weight: 1,
    },
  );
}

/** A query string made of `params` (known names, given nasty values) and random extra names. */
export function queryString(params: string[]): fc.Arbitrary<string> {
  const value = fc.oneof(nastyString, fc.constantFrom("", "0", "-1", "1.5", "1e3", "201", "abc", "%", "%zz"));
  const entry = fc.tuple(
    fc.oneof(fc.constantFrom(...params), fc.constantFrom(...params), fc.string({ maxLength: 10 })),
    value,
  );
  return fc.array(entry, { maxLength: 4 }).map((entries) => {
    // Raw %-sequences (some invalid) go in as they are; everything else is encoded.
    return entries
      .map(
        ([name, raw]) =>
          `${encodeURIComponent(name)}=${raw.startsWith("%") ? raw : encodeURIComponent(toWellFormed(raw))}`,
      )
      .join("&");
  });
}

/** encodeURIComponent throws on lone surrogates; replace them as a browser would. */
function toWellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

/** A request with a body, built from fuzzed parts (the Request constructor refuses nothing these produce). */
export function fuzzedRequest(
  url: string,
  parts: {
    method?: string;
    body: unknown | string | Uint8Array;
    raw?: boolean;
    contentType?: string;
    contentLength?: string;
    cookie?: string;
    headers?: Record<string, string>;
  },
): Request {
  const headers = new Headers(parts.headers);
  if (parts.contentType !== undefined) headers.set("content-type", parts.contentType);
  if (parts.contentLength !== undefined) headers.set("content-length", parts.contentLength);
  if (parts.cookie !== undefined) headers.set("cookie", parts.cookie);
  const body =
    parts.body instanceof Uint8Array
      ? // A fresh ArrayBuffer-backed copy, which BodyInit requires.
        new Uint8Array(parts.body)
      : parts.raw && typeof parts.body === "string"
        ? parts.body
        : (JSON.stringify(parts.body) ?? "");
  return new Request(url, { method: parts.method ?? "POST", headers, body });
}
