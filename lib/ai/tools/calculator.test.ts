import { describe, expect, it } from "vitest";
import { type CalculatorOutput, calculator, calculatorInput } from "./calculator";
import {
  ALLOWED_CONSTANTS,
  ALLOWED_FUNCTIONS,
  DISABLED_FUNCTIONS,
  evaluateExpression,
  MAX_EXPRESSION_LENGTH,
  MAX_MATRIX_ELEMENTS,
} from "./safe-math";

async function calculate(expression: string, abortSignal?: AbortSignal): Promise<CalculatorOutput> {
  const execute = calculator.execute;
  if (!execute) throw new Error("calculator has no execute");
  return (await execute(
    { expression },
    { toolCallId: "t1", messages: [], context: {}, abortSignal },
  )) as CalculatorOutput;
}

describe("calculator tool", () => {
  it("returns the expression, the formatted result and the number", async () => {
    await expect(calculate("2 + 3 * 4")).resolves.toEqual({ expression: "2 + 3 * 4", result: "14", value: 14 });
  });

  it("answers unit conversions as text without a plain value", async () => {
    const output = await calculate("5 km to miles");
    expect(output).toEqual({ expression: "5 km to miles", result: "3.1068559611867 miles" });
    expect(output).not.toHaveProperty("value");
  });

  it("throws readable errors that name the expression", async () => {
    await expect(calculate("foo + 1")).rejects.toThrow('Could not evaluate "foo + 1": Undefined symbol foo');
    await expect(calculate("2 +")).rejects.toThrow(/Could not evaluate "2 \+": Unexpected end of expression/);
  });

  it("refuses the functions mathjs' security guide says to disable", async () => {
    await expect(calculate("import({pi: 3}, {override: true})")).rejects.toThrow("Function import is disabled");
  });

  it("runs under the turn's abort signal", async () => {
    await expect(calculate("1 + 1", new AbortController().signal)).resolves.toMatchObject({ value: 2 });
  });

  it("validates its input: 1 to 500 characters", () => {
    expect(calculatorInput.safeParse({ expression: "" }).success).toBe(false);
    expect(calculatorInput.safeParse({ expression: "1".repeat(MAX_EXPRESSION_LENGTH) }).success).toBe(true);
    expect(calculatorInput.safeParse({ expression: "1".repeat(MAX_EXPRESSION_LENGTH + 1) }).success).toBe(false);
  });
});

describe("evaluateExpression: arithmetic", () => {
  it.each([
    ["2 + 3 * 4", "14", 14],
    ["(2 + 3) * 4", "20", 20],
    ["2^3^2", "512", 512],
    ["-2^2", "-4", -4],
    ["10 / 4", "2.5", 2.5],
    ["7 mod 3", "1", 1],
    ["17 % 5", "2", 2],
    ["10!", "3628800", 3628800],
    ["sqrt(16) + cbrt(27)", "7", 7],
    ["nthRoot(32, 5)", "2", 2],
    ["abs(-3) + round(2.567, 2)", "5.57", 5.57],
    ["floor(2.7) + ceil(2.1) + fix(-2.7)", "3", 3],
    ["max(3, 9, 4) - min(3, 9, 4)", "6", 6],
    ["mean(1, 2, 3, 4) + median(1, 5, 9)", "7.5", 7.5],
    ["sum(1, 2, 3) * prod(2, 3)", "36", 36],
    ["gcd(12, 18) + lcm(4, 6)", "18", 18],
    ["hypot(3, 4)", "5", 5],
    ["log(e^2) + log10(1000) + log2(8)", "8", 8],
    ["sin(pi / 2) + cos(0)", "2", 2],
    ["a = 2; b = a * 3; a + b", "8", 8],
  ])("%s = %s", (expression, result, value) => {
    expect(evaluateExpression(expression)).toEqual({ result, value });
  });

  it("gives floating-point results rounded to 14 significant digits, with the exact number as value", () => {
    expect(evaluateExpression("0.1 + 0.2")).toEqual({ result: "0.3", value: 0.30000000000000004 });
    expect(evaluateExpression("1 / 3")).toEqual({ result: "0.33333333333333", value: 1 / 3 });
    expect(evaluateExpression("sqrt(2)^3")).toEqual({ result: "2.8284271247462", value: Math.SQRT2 ** 3 });
    expect(evaluateExpression("sin(45 deg)").result).toBe("0.70710678118655");
  });

  it("formats big and small numbers readably", () => {
    expect(evaluateExpression("2^53 - 1")).toEqual({ result: "9007199254740991", value: 9007199254740991 });
    expect(evaluateExpression("1234567 * 1000")).toEqual({ result: "1234567000", value: 1234567000 });
    expect(evaluateExpression("2^64")).toEqual({ result: "1.844674407371e+19", value: 2 ** 64 });
    expect(evaluateExpression("2^200").result).toBe("1.606938044259e+60");
    expect(evaluateExpression("1e-9")).toEqual({ result: "1e-9", value: 1e-9 });
    expect(evaluateExpression("0.000123")).toEqual({ result: "0.000123", value: 0.000123 });
  });

  it("reports overflow as Infinity without a value (JSON can't carry it) and refuses NaN", () => {
    expect(evaluateExpression("2^100000")).toEqual({ result: "Infinity" });
    expect(evaluateExpression("-1/0")).toEqual({ result: "-Infinity" });
    expect(() => evaluateExpression("0/0")).toThrow("The result is not a number (NaN).");
    expect(() => evaluateExpression("(5 cm)^1e9")).toThrow("The result is not a number (NaN).");
  });

  it("answers comparisons, complex numbers and small matrices as text", () => {
    expect(evaluateExpression("3 > 2")).toEqual({ result: "true" });
    expect(evaluateExpression("sqrt(-4)")).toEqual({ result: "2i" });
    expect(evaluateExpression("[1, 2, 3] * 2")).toEqual({ result: "[2, 4, 6]" });
  });
});

describe("evaluateExpression: percentages", () => {
  it.each([
    ["12% of 340", 40.8],
    ["12 % of 340", 40.8],
    ["12.5% OF 80", 10],
    ["340 * 12%", 40.8],
    ["50%", 0.5],
    ["340 + 12%", 380.8],
    ["200 - 25%", 150],
  ])("%s = %s", (expression, value) => {
    expect(evaluateExpression(expression).value).toBeCloseTo(value, 10);
  });
});

describe("evaluateExpression: units", () => {
  it.each([
    ["5 km to miles", "3.1068559611867 miles"],
    ["2 inch + 3 cm in cm", "8.08 cm"],
    ["100 degF to degC", "37.777777777778 degC"],
    ["30 degC to degF", "86 degF"],
    ["1 kg to lb", "2.2046226218488 lb"],
    ["100 km/h to m/s", "27.777777777778 m / s"],
    ["3 h + 20 min to min", "200 min"],
    ["5 min to s", "300 s"],
    ["max(5 min, 200 s)", "5 min"],
    ["1 gallon to liters", "3.785411784 liters"],
    ["10 km + 500 m", "10.5 km"],
    ["1 GB to MB", "1000 MB"],
  ])("%s = %s", (expression, result) => {
    expect(evaluateExpression(expression)).toEqual({ result });
  });

  it("says when units don't match", () => {
    expect(() => evaluateExpression("1 kg to m")).toThrow(/Units do not match/);
  });
});

describe("evaluateExpression: bad input", () => {
  it("names undefined symbols and functions", () => {
    expect(() => evaluateExpression("foo * 2")).toThrow("Undefined symbol foo");
    expect(() => evaluateExpression("x = x + 1")).toThrow("Undefined symbol x");
    expect(() => evaluateExpression("frobnicate(2)")).toThrow("Undefined function frobnicate");
    expect(() => evaluateExpression("sqrt")).toThrow("sqrt is a function; call it, e.g. sqrt(2).");
  });

  it("reports syntax errors with the position", () => {
    expect(() => evaluateExpression("2 +")).toThrow("Unexpected end of expression (char 4)");
    expect(() => evaluateExpression("(1 + 2")).toThrow(/Parenthesis \) expected/);
    expect(() => evaluateExpression("2 * )")).toThrow("Value expected (char 5)");
  });

  it("refuses results that are not numbers, units or booleans", () => {
    expect(() => evaluateExpression('"text"')).toThrow("The expression did not produce a number, unit, or boolean.");
    expect(() => evaluateExpression("a = 2;")).toThrow("The expression has no result");
  });

  it("refuses expressions longer than the cap", () => {
    expect(() => evaluateExpression("1+".repeat(250) + "1")).toThrow(
      `The expression is longer than ${MAX_EXPRESSION_LENGTH} characters.`,
    );
  });

  it("refuses matrices larger than the cap", () => {
    const column = `[${Array.from({ length: 11 }, () => "1").join(";")}]`;
    const row = `[[${Array.from({ length: 11 }, () => "1").join(",")}]]`;
    expect(() => evaluateExpression(`${column} * ${row}`)).toThrow(
      `The result is a matrix of 121 elements; at most ${MAX_MATRIX_ELEMENTS} are returned.`,
    );
  });
});

describe("evaluateExpression: sandbox", () => {
  it.each(DISABLED_FUNCTIONS.map((name) => [name]))("refuses to call %s", (name) => {
    expect(() => evaluateExpression(`${name}("1 + 1")`)).toThrow(`Function ${name} is disabled`);
  });

  it.each(DISABLED_FUNCTIONS.map((name) => [name]))("refuses to read %s as a value", (name) => {
    expect(() => evaluateExpression(`f = ${name}`)).toThrow(`Function ${name} is disabled`);
  });

  it.each([
    ['createUnit("foo", "3 m"); 1 foo', "Function createUnit is disabled"],
    ['simplify("x + x")', "Function simplify is disabled"],
    ['derivative("x^2", "x")', "Function derivative is disabled"],
    ["config({number: 'BigNumber'})", "Function config is disabled"],
    ["zeros(10000, 10000)", "Undefined function zeros"],
    ["range(1, 1e9)", "Undefined function range"],
    ["1:100000000", "Ranges (a:b) are not supported."],
    ["combinations(1e9, 5e8)", "Undefined function combinations"],
    ["f(x) = f(x); f(1)", "Defining functions is not supported."],
    ["cos.constructor", "Indexing and properties are not supported."],
    ['sqrt["constructor"]', "Indexing and properties are not supported."],
    ["[1, 2, 3][2]", "Indexing and properties are not supported."],
    ["a = [1]; a[100000000] = 1", "Only plain variables can be assigned."],
    ["{a: 1}", "Objects are not supported."],
    ["(sqrt)(4)", "sqrt is a function; call it, e.g. sqrt(2)."],
    ["sqrt = 3", '"sqrt" is a built-in name and can\'t be assigned.'],
    ["pi = 3", '"pi" is a built-in name and can\'t be assigned.'],
    ["config = 1", '"config" is a built-in name and can\'t be assigned.'],
  ])("refuses %s", (expression, message) => {
    expect(() => evaluateExpression(expression)).toThrow(message);
  });

  it("keeps the shared instance intact across calls", () => {
    expect(() => evaluateExpression("import({pi: 3}, {override: true})")).toThrow();
    expect(() => evaluateExpression("config({number: 'BigNumber'})")).toThrow();
    expect(evaluateExpression("pi").value).toBe(Math.PI);
    expect(evaluateExpression("0.1 + 0.2").value).toBe(0.1 + 0.2);
  });

  it("keeps variables to one expression", () => {
    expect(evaluateExpression("leak = 42; leak").value).toBe(42);
    expect(() => evaluateExpression("leak")).toThrow("Undefined symbol leak");
  });

  it("can call every allowed function and read every allowed constant", () => {
    const twoArgs = new Set([
      "atan2",
      "gcd",
      "lcm",
      "hypot",
      "nthRoot",
      "pow",
      "mod",
      "add",
      "subtract",
      "multiply",
      "divide",
    ]);
    for (const name of ALLOWED_FUNCTIONS) {
      const call =
        name === "unit"
          ? 'unit("5 cm")'
          : name === "to"
            ? "to(1 m, cm)"
            : twoArgs.has(name)
              ? `${name}(8, 2)`
              : `${name}(0.5)`;
      expect(() => evaluateExpression(call), call).not.toThrow();
    }
    for (const name of ALLOWED_CONSTANTS) expect(() => evaluateExpression(name), name).not.toThrow();
  });
});
