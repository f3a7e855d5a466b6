/** Small helpers over score vectors (one number per label), shared by evidence and decisions. */

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i += 1) if (values[i] > values[best]) best = i;
  return best;
}

export function max(values: ArrayLike<number>): number {
  return values.length === 0 ? 0 : values[argmax(values)];
}

export function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i += 1) total += values[i];
  return total;
}
