import { tool, zodSchema } from "ai";
import { z } from "zod";
import { evaluateExpression, MAX_EXPRESSION_LENGTH } from "./safe-math";
import { withToolTimeout } from "./tool-timeout";

/** Evaluation is synchronous and bounded by the allow-lists; the deadline is a backstop. */
export const CALCULATOR_TIMEOUT_MS = 2_000;

export const calculatorInput = z.object({
  expression: z
    .string()
    .min(1)
    .max(MAX_EXPRESSION_LENGTH)
    .describe('A math expression, e.g. "12% of 340", "sqrt(2)^3", "5 km to miles" or "2 inch + 3 cm in cm".'),
});
// Wrapped once: the SDK caches the JSON Schema it sends the model on the wrapper, not on the zod object.
const calculatorInputSchema = zodSchema(calculatorInput);

export interface CalculatorOutput {
  expression: string;
  /** The formatted result, e.g. "3.1068559611867 miles". */
  result: string;
  /** Present when the result is a plain finite number. */
  value?: number;
}

/** Exact arithmetic and unit conversions, which models often get wrong when they do them in their head. */
export const calculator = tool({
  description:
    "Evaluate an arithmetic expression or a unit conversion exactly. Supports + - * / ^ %, parentheses, " +
    'percentages ("12% of 340", "340 + 12%"), functions (sqrt, cbrt, nthRoot, exp, log, log10, log2, sin, cos, ' +
    "tan, asin, acos, atan, round, floor, ceil, abs, min, max, mean, median, sum, prod, gcd, lcm, hypot, n!), " +
    'constants (pi, e, tau, phi), variables within one expression ("a = 2; a * 3") and units with ' +
    '"to"/"in" ("5 km to miles", "2 inch + 3 cm in cm", "100 degF to degC", "3 h + 20 min to min"). ' +
    "Use it for any calculation instead of computing in your head.",
  inputSchema: calculatorInputSchema,
  execute: async ({ expression }, { abortSignal }): Promise<CalculatorOutput> =>
    withToolTimeout(
      "Calculator",
      CALCULATOR_TIMEOUT_MS,
      async () => {
        try {
          return { expression, ...evaluateExpression(expression) };
        } catch (error) {
          // Thrown errors become tool errors the model and the user read: name the expression.
          const reason = error instanceof Error ? error.message : String(error);
          throw new Error(`Could not evaluate "${expression}": ${reason}`);
        }
      },
      abortSignal,
    ),
});
