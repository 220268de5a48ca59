// Summaries of a Chromium CPU profile (CDP `Profiler.stop`), shared by the benchmarks' tools.

/** A profile node's function name without its hash, shortened. */
export const functionName = (node) => (node.callFrame.functionName || '(anonymous)').replace(/::h[0-9a-f]{16}$/, '').slice(0, 120);

/**
 * Milliseconds per function: `self` (the sampled function itself) and `total` (also what it
 * calls; a function counted once per sample however often it is on the stack).
 */
export function functionTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const self = new Map();
  const total = new Map();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const own = functionName(byId.get(id));
    self.set(own, (self.get(own) || 0) + ms);
    const seen = new Set();
    for (let at = id; at; at = parent.get(at)) {
      const n = functionName(byId.get(at));
      if (!seen.has(n)) total.set(n, (total.get(n) || 0) + ms);
      seen.add(n);
    }
  });
  return { self, total, byId, parent };
}

/** Prints the `top` entries of a function → ms map under a title. */
export function printTop(title, times, top = 40) {
  console.log(`\n${title}`);
  for (const [n, ms] of [...times].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms.toFixed(1).padStart(8)} ms  ${n}`);
}
