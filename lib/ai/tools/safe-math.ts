import {
  absDependencies,
  acosDependencies,
  addDependencies,
  andDependencies,
  asinDependencies,
  atan2Dependencies,
  atanDependencies,
  cbrtDependencies,
  ceilDependencies,
  cosDependencies,
  coshDependencies,
  cotDependencies,
  create,
  cscDependencies,
  divideDependencies,
  eDependencies,
  equalDependencies,
  expDependencies,
  type FactoryFunctionMap,
  factorialDependencies,
  fixDependencies,
  floorDependencies,
  gcdDependencies,
  hypotDependencies,
  InfinityDependencies,
  iDependencies,
  largerDependencies,
  largerEqDependencies,
  lcmDependencies,
  log2Dependencies,
  log10Dependencies,
  logDependencies,
  type MathJsInstance,
  type MathNode,
  maxDependencies,
  meanDependencies,
  medianDependencies,
  minDependencies,
  modDependencies,
  multiplyDependencies,
  notDependencies,
  nthRootDependencies,
  orDependencies,
  parseDependencies,
  phiDependencies,
  piDependencies,
  powDependencies,
  prodDependencies,
  roundDependencies,
  secDependencies,
  signDependencies,
  sinDependencies,
  sinhDependencies,
  smallerDependencies,
  smallerEqDependencies,
  sqrtDependencies,
  subtractDependencies,
  sumDependencies,
  tanDependencies,
  tanhDependencies,
  tauDependencies,
  toDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  unequalDependencies,
  unitDependencies,
  xorDependencies,
} from "mathjs";

/** Longest expression accepted; the parser's work grows with the text, so this bounds CPU time. */
export const MAX_EXPRESSION_LENGTH = 500;
/** Largest matrix result returned; anything bigger is not an answer a chat reply can use. */
export const MAX_MATRIX_ELEMENTS = 100;

/**
 * Functions an expression may call. Everything else is refused before evaluation, so the
 * calculator can't reach mathjs internals, allocate huge matrices (zeros, range) or loop
 * for long (combinations of huge numbers): a synchronous evaluation can't be interrupted.
 */
export const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set([
  "abs",
  "acos",
  "add",
  "asin",
  "atan",
  "atan2",
  "cbrt",
  "ceil",
  "cos",
  "cosh",
  "cot",
  "csc",
  "divide",
  "exp",
  "factorial",
  "fix",
  "floor",
  "gcd",
  "hypot",
  "lcm",
  "log",
  "log10",
  "log2",
  "max",
  "mean",
  "median",
  "min",
  "mod",
  "multiply",
  "nthRoot",
  "pow",
  "prod",
  "round",
  "sec",
  "sign",
  "sin",
  "sinh",
  "sqrt",
  "subtract",
  "sum",
  "tan",
  "tanh",
  "to",
  "unit",
]);

/** Named constants an expression may use as values. */
export const ALLOWED_CONSTANTS: ReadonlySet<string> = new Set(["e", "i", "Infinity", "phi", "pi", "tau"]);

/**
 * The functions mathjs' security guide says to disable: they change the instance (import,
 * createUnit, config) or parse text into new expressions (evaluate, parse, ...).
 */
export const DISABLED_FUNCTIONS: readonly string[] = [
  "compile",
  "config",
  "create",
  "createUnit",
  "derivative",
  "evaluate",
  "factory",
  "import",
  "parse",
  "resolve",
  "reviver",
  "simplify",
  "typed",
];

interface RestrictedMath {
  math: MathJsInstance;
  /** mathjs' parser, kept before the instance's own `parse` is disabled. */
  parse: MathJsInstance["parse"];
}

let restricted: RestrictedMath | undefined;

/** Built on first use, not at import: creating it costs tens of ms a Worker's cold start needn't pay. */
function restrictedMath(): RestrictedMath {
  restricted ??= createRestrictedMath();
  return restricted;
}

function createRestrictedMath(): RestrictedMath {
  // Only the factories the calculator needs: `create(all)` would bundle all of mathjs.
  const math = create(
    definedFactories({
      absDependencies,
      acosDependencies,
      addDependencies,
      andDependencies,
      asinDependencies,
      atan2Dependencies,
      atanDependencies,
      cbrtDependencies,
      ceilDependencies,
      cosDependencies,
      coshDependencies,
      cotDependencies,
      cscDependencies,
      divideDependencies,
      eDependencies,
      equalDependencies,
      expDependencies,
      factorialDependencies,
      fixDependencies,
      floorDependencies,
      gcdDependencies,
      hypotDependencies,
      iDependencies,
      InfinityDependencies,
      largerDependencies,
      largerEqDependencies,
      lcmDependencies,
      log10Dependencies,
      log2Dependencies,
      logDependencies,
      maxDependencies,
      meanDependencies,
      medianDependencies,
      minDependencies,
      modDependencies,
      multiplyDependencies,
      notDependencies,
      nthRootDependencies,
      orDependencies,
      parseDependencies,
      phiDependencies,
      piDependencies,
      powDependencies,
      prodDependencies,
      roundDependencies,
      secDependencies,
      signDependencies,
      sinDependencies,
      sinhDependencies,
      smallerDependencies,
      smallerEqDependencies,
      sqrtDependencies,
      subtractDependencies,
      sumDependencies,
      tanDependencies,
      tanhDependencies,
      tauDependencies,
      toDependencies,
      unaryMinusDependencies,
      unaryPlusDependencies,
      unequalDependencies,
      unitDependencies,
      xorDependencies,
    }),
    { number: "number", matrix: "Matrix" },
  );

  const parse = math.parse;
  // Defence in depth, as mathjs' security guide shows: the checks in checkNode already refuse
  // these names. typed and config stay: mathjs builds its functions from them lazily, so
  // replacing them would break every function not yet built.
  const overridden = DISABLED_FUNCTIONS.filter((name) => name !== "typed" && name !== "config");
  math.import(
    Object.fromEntries(
      overridden.map((name) => [
        name,
        () => {
          throw new Error(`Function ${name} is disabled`);
        },
      ]),
    ),
    { override: true },
  );
  return { math, parse };
}

/** mathjs types its dependency maps as possibly undefined; a missing one means a mathjs rename, so fail at load. */
function definedFactories(maps: Record<string, FactoryFunctionMap | undefined>): FactoryFunctionMap {
  const defined: FactoryFunctionMap = {};
  for (const [name, map] of Object.entries(maps)) {
    if (!map) throw new Error(`mathjs has no ${name}`);
    defined[name] = map;
  }
  return defined;
}

const FORMAT = { precision: 14, lowerExp: -7, upperExp: 15 } as const;

export interface MathResult {
  /** The result as text, e.g. "3.1068559611867 miles". */
  result: string;
  /** The result when it is a plain finite number. */
  value?: number;
}

/**
 * Evaluates an arithmetic or unit-conversion expression in a restricted mathjs instance.
 * Throws an Error with a readable message for bad input.
 */
export function evaluateExpression(expression: string): MathResult {
  if (expression.length > MAX_EXPRESSION_LENGTH) {
    throw new Error(`The expression is longer than ${MAX_EXPRESSION_LENGTH} characters.`);
  }
  // mathjs reads "12%" as 0.12 but has no "of"; people (and models) write "12% of 340".
  const source = expression.replace(/%\s*of\b/gi, "% *");
  const { math, parse } = restrictedMath();
  const node = checkNode(math, parse(source), new Set());
  // A fresh scope per call: variables assigned in one expression never leak into another.
  return formatResult(math, node.compile().evaluate(new Map()));
}

/**
 * Validates a parsed expression against the allow-lists and returns it with unit names
 * turned into unit values (so "5 min" means minutes, not the min function).
 * `assigned` holds the variables assigned so far, in evaluation order.
 */
function checkNode(math: MathJsInstance, node: MathNode, assigned: Set<string>): MathNode {
  if (math.isSymbolNode(node)) return resolveSymbol(math, node.name, node, assigned);
  if (math.isFunctionNode(node)) {
    if (!math.isSymbolNode(node.fn)) throw new Error("Only named functions such as sqrt(x) can be called.");
    const name = node.fn.name;
    if (!ALLOWED_FUNCTIONS.has(name)) {
      throw new Error(
        DISABLED_FUNCTIONS.includes(name) ? `Function ${name} is disabled` : `Undefined function ${name}`,
      );
    }
    return node.map((child, path) => (path === "fn" ? child : checkNode(math, child, assigned)));
  }
  if (math.isAssignmentNode(node)) {
    if (node.index || !math.isSymbolNode(node.object)) throw new Error("Only plain variables can be assigned.");
    const name = node.object.name;
    if (isReservedName(name)) throw new Error(`"${name}" is a built-in name and can't be assigned.`);
    const checked = node.map((child, path) => (path === "value" ? checkNode(math, child, assigned) : child));
    assigned.add(name);
    return checked;
  }
  if (math.isFunctionAssignmentNode(node)) throw new Error("Defining functions is not supported.");
  if (math.isAccessorNode(node) || math.isIndexNode(node))
    throw new Error("Indexing and properties are not supported.");
  if (math.isObjectNode(node)) throw new Error("Objects are not supported.");
  if (math.isRangeNode(node)) throw new Error("Ranges (a:b) are not supported.");
  if (
    math.isConstantNode(node) ||
    math.isOperatorNode(node) ||
    math.isParenthesisNode(node) ||
    math.isBlockNode(node) ||
    math.isConditionalNode(node) ||
    math.isRelationalNode(node) ||
    math.isArrayNode(node)
  ) {
    return node.map((child) => checkNode(math, child, assigned));
  }
  throw new Error(`Unsupported expression part: ${node.type}.`);
}

function resolveSymbol(math: MathJsInstance, name: string, node: MathNode, assigned: Set<string>): MathNode {
  if (assigned.has(name) || ALLOWED_CONSTANTS.has(name)) return node;
  if (math.Unit.isValuelessUnit(name)) {
    return new math.FunctionNode(new math.SymbolNode("unit"), [new math.ConstantNode(name)]);
  }
  if (DISABLED_FUNCTIONS.includes(name)) throw new Error(`Function ${name} is disabled`);
  if (ALLOWED_FUNCTIONS.has(name)) throw new Error(`${name} is a function; call it, e.g. ${name}(2).`);
  throw new Error(`Undefined symbol ${name}`);
}

function isReservedName(name: string): boolean {
  return ALLOWED_FUNCTIONS.has(name) || ALLOWED_CONSTANTS.has(name) || DISABLED_FUNCTIONS.includes(name);
}

function formatResult(math: MathJsInstance, raw: unknown): MathResult {
  let result = raw;
  if (math.isResultSet(result)) {
    // "a = 2; a * 3" gives every visible statement's value; the last one is the answer.
    const entries: unknown[] = result.entries;
    if (entries.length === 0) throw new Error("The expression has no result (it ends with ';').");
    result = entries[entries.length - 1];
  }
  if (typeof result === "number") {
    if (Number.isNaN(result)) throw new Error("The result is not a number (NaN).");
    if (!Number.isFinite(result)) return { result: String(result) };
    return { result: Number.isSafeInteger(result) ? String(result) : math.format(result, FORMAT), value: result };
  }
  if (typeof result === "boolean") return { result: String(result) };
  if (math.isUnit(result) || math.isComplex(result)) return { result: formatValue(math, result) };
  if (math.isMatrix(result)) {
    const elements = result.size().reduce((total, length) => total * length, 1);
    if (elements > MAX_MATRIX_ELEMENTS) {
      throw new Error(`The result is a matrix of ${elements} elements; at most ${MAX_MATRIX_ELEMENTS} are returned.`);
    }
    return { result: formatValue(math, result) };
  }
  throw new Error("The expression did not produce a number, unit, or boolean.");
}

/** Units, complex numbers and matrices as text; a NaN inside one (e.g. "(5 cm)^1e9") is no answer. */
function formatValue(math: MathJsInstance, value: unknown): string {
  const text = math.format(value, FORMAT);
  if (/\bNaN\b/.test(text)) throw new Error("The result is not a number (NaN).");
  return text;
}
