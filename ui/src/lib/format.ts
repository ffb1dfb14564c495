// Display helpers: dates as 2024年12月23日, numbers, empty values.

/** ISO date (2024-12-23) to 2024年12月23日; anything else is returned unchanged. */
export function dateCn(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

/** Today's local date as ISO text. */
export function todayIso(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function numOrEmpty(v: number | null | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

/** Parses a number field: '' is null; otherwise a number (NaN stays NaN for validation). */
export function parseOptNumber(s: string): number | null | undefined {
  const t = s.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (t === '') return undefined;
  return Number(t);
}
