// Summary statistics the benchmarks print.

/** The median: the middle value, or the mean of the two middle values; NaN for none. */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  if (!s.length) return NaN;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The 95th percentile by nearest rank; NaN for none. */
export const p95 = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.ceil(0.95 * s.length) - 1] : NaN;
};
