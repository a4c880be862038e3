/** A per-slot column the segment, the norms and the scorer's scratch grow as slots are appended. */
export type Column = Float64Array | Float32Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

/** The column itself when it already holds `size` entries, else a copy at least twice as long. */
export function grow<T extends Column>(a: T, size: number): T {
  if (size <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2));
  next.set(a);
  return next;
}
