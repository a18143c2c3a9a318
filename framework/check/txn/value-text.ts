/** Keys and values as explanations write them, in edn's notation: `[1 2 3]`, `"x"`, `nil`. */
export function describeTxnValue(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (Array.isArray(value)) return `[${value.map((item) => describeTxnValue(item)).join(' ')}]`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value) ?? typeof value;
}
