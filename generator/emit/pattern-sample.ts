// A string that matches a schema's `pattern`, for the samples the generated tests serve and send (Slack's team IDs,
// `^[T][A-Z0-9]{2,}$`). Built from the expression's syntax, deterministically: the first alternative of each group,
// the fewest repetitions, and for each character class, escape or `.` the first printable character it accepts.
// The result is then checked against the pattern, as ajv reads it (ECMAScript, `u` flag): undefined when it does
// not match (a backreference, a lookahead that rules the choice out) or the pattern is no ECMAScript expression.

/** Characters tried for a class, an escape or `.`, in this order: letters and digits read best in a sample. */
const CANDIDATES = [
  ..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
  ..." -_.:/@+#=,;~!$%&*?^'\"`|\\()[]{}<>",
];

export function samplePattern(pattern: string, minLength: number, maxLength: number): string | undefined {
  let whole: RegExp;
  try {
    whole = new RegExp(pattern, "u");
  } catch {
    return undefined;
  }
  // First the fewest repetitions, then, for a minLength, as many more of each unbounded one.
  for (const extra of minLength > 0 ? [0, minLength] : [0]) {
    const candidate = new PatternSampler(pattern, extra).sample();
    const length = candidate === undefined ? -1 : [...candidate].length;
    if (candidate !== undefined && length >= minLength && length <= maxLength && whole.test(candidate))
      return candidate;
  }
  return undefined;
}

class PatternSampler {
  private index = 0;

  constructor(
    private readonly pattern: string,
    /** Repetitions added to each unbounded quantifier (`*`, `+`, `{n,}`). */
    private readonly extra: number,
  ) {}

  sample(): string | undefined {
    const value = this.alternation();
    return this.index === this.pattern.length ? value : undefined;
  }

  /** Alternatives up to `)` or the end; the first one's sample (each is parsed, to find the end). */
  private alternation(): string | undefined {
    const first = this.sequence();
    while (this.pattern[this.index] === "|") {
      this.index++;
      this.sequence();
    }
    return first;
  }

  private sequence(): string | undefined {
    let value: string | undefined = "";
    while (this.index < this.pattern.length && !["|", ")"].includes(this.pattern[this.index]!)) {
      const atom = this.atom();
      const { min, max } = this.quantifier();
      const count = Math.min(max, min + (max === Infinity ? this.extra : 0));
      value = value === undefined || atom === undefined ? undefined : value + atom.repeat(count);
    }
    return value;
  }

  private atom(): string | undefined {
    const start = this.index;
    const char = this.pattern[this.index]!;
    if (char === "^" || char === "$") {
      this.index++;
      return "";
    }
    if (char === "(") return this.group();
    if (char === "[") {
      this.index++;
      if (this.pattern[this.index] === "^") this.index++;
      if (this.pattern[this.index] === "]") this.index++;
      while (this.index < this.pattern.length && this.pattern[this.index] !== "]")
        this.index += this.pattern[this.index] === "\\" ? 2 : 1;
      this.index++;
      return firstAccepted(this.pattern.slice(start, this.index));
    }
    if (char === "\\") return this.escape();
    const codePoint = String.fromCodePoint(this.pattern.codePointAt(this.index)!);
    this.index += codePoint.length;
    return char === "." ? firstAccepted(".") : codePoint;
  }

  private group(): string | undefined {
    this.index++;
    let lookaround = false;
    if (this.pattern[this.index] === "?") {
      const kind = this.pattern.slice(this.index, this.index + 3);
      lookaround = /^\?[=!]|^\?<[=!]/.test(kind);
      if (lookaround || kind.startsWith("?:")) this.index += kind.startsWith("?<") ? 3 : 2;
      else if (kind.startsWith("?<")) this.index = this.pattern.indexOf(">", this.index) + 1;
      else return undefined;
    }
    const value = this.alternation();
    if (this.pattern[this.index] !== ")") return undefined;
    this.index++;
    // A lookaround matches no characters; the final check tells whether the sample satisfies it.
    return lookaround ? "" : value;
  }

  private escape(): string | undefined {
    const start = this.index;
    const letter = this.pattern[this.index + 1] ?? "";
    this.index += 2;
    if (letter === "b" || letter === "B") return "";
    // A backreference repeats what a group matched: not sampled here.
    if (/[1-9]/.test(letter) || letter === "k") return undefined;
    if (letter === "x") this.index += 2;
    else if (letter === "c") this.index += 1;
    else if (letter === "u") this.index = this.pattern[this.index] === "{" ? this.closingBrace() : this.index + 4;
    else if ((letter === "p" || letter === "P") && this.pattern[this.index] === "{") this.index = this.closingBrace();
    return firstAccepted(this.pattern.slice(start, this.index));
  }

  private closingBrace(): number {
    return this.pattern.indexOf("}", this.index) + 1;
  }

  /** `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` (and their lazy forms); one exactly when there is none. */
  private quantifier(): { min: number; max: number } {
    const rest = this.pattern.slice(this.index);
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    let bounds: { min: number; max: number } = { min: 1, max: 1 };
    if (rest.startsWith("*")) bounds = { min: 0, max: Infinity };
    else if (rest.startsWith("+")) bounds = { min: 1, max: Infinity };
    else if (rest.startsWith("?")) bounds = { min: 0, max: 1 };
    else if (braces) {
      const min = Number(braces[1]);
      bounds = { min, max: braces[2] === undefined ? min : braces[3] === "" ? Infinity : Number(braces[3]) };
    } else return bounds;
    this.index += braces ? braces[0].length : 1;
    if (this.pattern[this.index] === "?") this.index++;
    return bounds;
  }
}

/** The first candidate character that `atom` (a class, an escape or `.`) accepts. */
function firstAccepted(atom: string): string | undefined {
  let matcher: RegExp;
  try {
    matcher = new RegExp(`^${atom}$`, "u");
  } catch {
    return undefined;
  }
  return CANDIDATES.find((candidate) => matcher.test(candidate));
}
