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

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The ISO date for y-m-d when it is a real day, else ''. */
function isoIfReal(y: number, m: number, d: number): string {
  const dt = new Date(y, m - 1, d);
  return dt.getFullYear() === y && dt.getMonth() === m - 1 && dt.getDate() === d ? `${y}-${pad2(m)}-${pad2(d)}` : '';
}

/** Full-width digits to ASCII, spaces trimmed. */
function ascii(s: string): string {
  return s.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * A date as clerks type it, to ISO ('' when it is not a date): 2024年12月5日, 2024-12-05,
 * 2024.12.5, 20241205; 12月5日 / 12.5 / 1205 in `base`'s year; 5 = day 5 of `base`'s month.
 * Never follows the system's locale.
 */
export function parseDateCn(s: string, base: string = todayIso()): string {
  const t = ascii(s);
  const b = /^(\d{4})-(\d{2})-(\d{2})/.exec(base) ?? /^(\d{4})-(\d{2})-(\d{2})/.exec(todayIso())!;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,2})日?$/.exec(t))) return isoIfReal(+b[1], +b[2], +m[1]);
  if ((m = /^(\d{1,2})[.\-/月](\d{1,2})日?$/.exec(t))) return isoIfReal(+b[1], +m[1], +m[2]);
  if ((m = /^(\d{2})(\d{2})$/.exec(t))) return isoIfReal(+b[1], +m[1], +m[2]);
  if ((m = /^(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*[.\-/月]\s*(\d{1,2})\s*日?$/.exec(t))) return isoIfReal(+m[1], +m[2], +m[3]);
  if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(t))) return isoIfReal(+m[1], +m[2], +m[3]);
  return '';
}

/** A month as typed (2024年12月, 2024-12, 2024.12, 202412; 12 or 12月 = in `base`'s year) to
 *  `YYYY-MM`, or '' when it is not a month. */
export function parseMonthCn(s: string, base: string = todayIso()): string {
  const t = ascii(s);
  const y0 = Number(base.slice(0, 4)) || new Date().getFullYear();
  let m: RegExpExecArray | null;
  let y = y0, mo = 0;
  if ((m = /^(\d{1,2})月?$/.exec(t))) mo = +m[1];
  else if ((m = /^(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*月?$/.exec(t)) || (m = /^(\d{4})(\d{2})$/.exec(t))) { y = +m[1]; mo = +m[2]; }
  return mo >= 1 && mo <= 12 ? `${y}-${pad2(mo)}` : '';
}

/** `YYYY-MM` to 2024年12月; anything else unchanged. */
export function monthCn(ym: string | null | undefined): string {
  if (!ym) return '';
  const m = /^(\d{4})-(\d{2})/.exec(ym);
  return m ? `${Number(m[1])}年${Number(m[2])}月` : ym;
}

/** An ISO date `days` later (earlier when negative). */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const dt = new Date(y, m - 1, d + days);
  return `${dt.getFullYear()}-${pad2(dt.getMonth() + 1)}-${pad2(dt.getDate())}`;
}

/** A `YYYY-MM` month `n` months later (earlier when negative); the year follows the month. */
export function addMonths(ym: string, n: number): string {
  const [y, m] = ym.split('-').map(Number);
  const k = y * 12 + (m - 1) + n;
  return `${Math.floor(k / 12)}-${pad2((k % 12) + 1)}`;
}
