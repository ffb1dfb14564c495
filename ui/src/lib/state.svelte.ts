// App-wide state shared by screens: the app info (unit, counts) and flash messages.
import { call, type AppInfo, type Category, type HazardView, type ResultOf } from './api';

/** How another screen (the 工作台's cards) opens the hazard ledger: a view, a grid, a category. */
export type LedgerFilter = { view: HazardView; grid?: string; category?: Category };

// After 恢复 the window reloads so that every screen reads the restored data anew; a note
// kept in the session across the reload lets the new page say that the restore worked.
const RESTORED_KEY = 'qiaomen.restored';
let restoredNote = sessionStorage.getItem(RESTORED_KEY);
if (restoredNote) sessionStorage.removeItem(RESTORED_KEY);

/** Called just before the reload that follows a restore. */
export function noteRestored(text: string) {
  sessionStorage.setItem(RESTORED_KEY, text);
}

/** The restore just done (once: the backup screen shows it when the window comes back). */
export function takeRestored(): string {
  const t = restoredNote ?? '';
  restoredNote = null;
  return t;
}

export const app = $state<{
  info: AppInfo | null;
  flash: { kind: 'ok' | 'error' | 'warn'; text: string } | null;
  /** The screen shown (id from App.svelte's list). */
  screen: string;
  /** Optional parameter for the screen (e.g. a household id to open). */
  param: string | null;
  /** What a long call is doing (shown in the status line); null when idle. */
  busy: string | null;
  /** What the start-up check found, said quietly in the status line ('' until it ran). */
  startNote: string;
  /** The ledger's filter when a card opens it; the ledger takes it and clears it. */
  ledger: LedgerFilter | null;
}>({
  info: null,
  flash: restoredNote ? { kind: 'ok', text: restoredNote } : null,
  screen: restoredNote ? 'backup' : 'desk',
  param: null,
  busy: null,
  startNote: '',
  ledger: null,
});

/** Switches to another screen, optionally with a parameter for it. */
export function navigate(screen: string, param: string | null = null) {
  // A message belongs to the screen that showed it: it does not carry over to the next.
  if (screen !== app.screen) { app.flash = null; clearTimeout(flashTimer); }
  app.screen = screen;
  app.param = param;
}

/** Opens the hazard ledger filtered (overdue, a grid, a category). */
export function openLedger(filter: LedgerFilter) {
  app.ledger = filter;
  navigate('hazards');
}

let flashTimer: ReturnType<typeof setTimeout> | undefined;

/** Shows a short message in the status line (errors stay until replaced). */
export function flash(kind: 'ok' | 'error' | 'warn', text: string) {
  app.flash = { kind, text };
  clearTimeout(flashTimer);
  if (kind === 'ok') flashTimer = setTimeout(() => (app.flash = null), 5000);
}

export async function refreshInfo() {
  app.info = await call('app.info');
}

/** The 工作台's numbers, asked for at start together with app.info (the first screen needs
 *  both): computed while the window draws its frame rather than after. Taken once; later
 *  visits to the 工作台 ask again. */
let earlyDesk: Promise<ResultOf<'desk.get'>> | null = null;
export function askDeskEarly() {
  earlyDesk = call('desk.get');
  // A township's or a new database has no 工作台: nobody takes the answer then.
  earlyDesk.catch(() => {});
}
export function deskOnce(): Promise<ResultOf<'desk.get'>> {
  const p = earlyDesk ?? call('desk.get');
  earlyDesk = null;
  return p;
}

let drawn: () => void = () => {};
/** Resolves once the first screen's data is drawn — the 工作台's numbers or the register's
 * first page — (or after `ms` whatever happens): the start-up check and the daily backup
 * wait for it, so the clerk sees the screen first. */
const firstList = new Promise<void>((resolve) => (drawn = resolve));
export function listDrawn() {
  drawn();
}
export function afterFirstList(ms = 1500): Promise<void> {
  return Promise.race([firstList, new Promise<void>((r) => setTimeout(r, ms))]);
}
