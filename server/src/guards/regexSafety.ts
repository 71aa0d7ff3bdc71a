/**
 * A conservative check that a regex source cannot backtrack catastrophically: no quantified
 * group that itself contains an unbounded quantifier, and no back-references. Used for the
 * guards' own patterns (in tests) and for user-configured banned patterns (at load time).
 */

/** Returns a sentence describing the problem, or null when the source is safe. */
export function regexProblem(source: string): string | null {
  if (/\\[1-9]/.test(source)) return "back-references are not allowed";
  const stack: { unbounded: boolean }[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === "\\") {
      i += 2;
      continue;
    }
    if (ch === "[") {
      i++;
      while (i < source.length && source[i] !== "]") i += source[i] === "\\" ? 2 : 1;
      i++;
      continue;
    }
    if (ch === "(") {
      stack.push({ unbounded: false });
      i++;
      continue;
    }
    if (ch === ")") {
      const group = stack.pop();
      i++;
      const q = quantifierAt(source, i);
      if (group?.unbounded && q.present && q.repeats) return "a repeated group contains an unbounded quantifier (nested quantifiers)";
      if (group?.unbounded && stack.length > 0) stack[stack.length - 1]!.unbounded = true;
      if (q.unbounded && stack.length > 0) stack[stack.length - 1]!.unbounded = true;
      i += q.length;
      continue;
    }
    const q = quantifierAt(source, i);
    if (q.present) {
      if (q.unbounded && stack.length > 0) stack[stack.length - 1]!.unbounded = true;
      i += q.length;
      continue;
    }
    i++;
  }
  return null;
}

/** Reads a quantifier at position i: whether it is unbounded and whether it repeats more than once. */
function quantifierAt(source: string, i: number): { present: boolean; unbounded: boolean; repeats: boolean; length: number } {
  const ch = source[i];
  if (ch === "*" || ch === "+") return { present: true, unbounded: true, repeats: true, length: source[i + 1] === "?" ? 2 : 1 };
  if (ch === "?") return { present: true, unbounded: false, repeats: false, length: source[i + 1] === "?" ? 2 : 1 };
  if (ch === "{") {
    const m = /^\{(\d+)(,(\d*))?\}\??/.exec(source.slice(i, i + 20));
    if (m) {
      const max = m[2] === undefined ? Number(m[1]) : m[3] === "" ? Infinity : Number(m[3]);
      return { present: true, unbounded: max === Infinity, repeats: max > 1, length: m[0].length };
    }
  }
  return { present: false, unbounded: false, repeats: false, length: 0 };
}
