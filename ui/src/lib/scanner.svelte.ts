// A USB barcode scanner is a keyboard that types very fast and ends with Enter. This module
// listens on the window (capture phase, before any screen) for the code printed on every
// pre-filled form, "QM1:<户编号>:<检查表>:<版本>", arriving within ~50 ms a character (the
// prefix "QM1:" within 150 ms in all, so one late key of a busy machine does not break the
// scan, while no person types Q, M, 1 and : that fast):
//
//  - the characters of a scan never reach the focused field (a "1" would answer an item);
//  - a typed "Q" that turns out not to start a scan is given back to the field it was meant
//    for, so typing keeps working as it does;
//  - the scan opens the household's entry form under the template version printed on the
//    paper (the entry screen takes `scanned.form`), says which household it opened, or says
//    in Chinese that the code matches no household and opens nothing. On 一户档案 it opens that
//    household's record, on the ledger it searches for the household.
//
// App.svelte starts it once: every screen gets it.
import { call, type EntryForm } from './api';
import { app, flash, navigate } from './state.svelte';

const PREFIX = 'QM1:';
/** Longest pause between two characters of a scan (ms). People type far slower. */
const GAP_MS = 50;
/** The prefix QM1: must arrive within this time from its first key (~50 ms a character). */
const PREFIX_MS = GAP_MS * (PREFIX.length - 1);
/** A scan without Enter is taken after this pause, when it is complete (scanners send
 *  Enter by default; waiting this long keeps a late last digit of the version in the scan). */
const END_MS = 1000;
/** Once QM1: came at a scanner's speed the keys are the scanner's: a busy machine may pause
 *  mid-code, so an incomplete code is dropped only after this pause. */
const IDLE_MS = 2000;

/** A scanned form for the entry screen to open, with the moment its Enter arrived. */
export const scanned = $state<{ form: EntryForm | null; at: number; text: string }>({ form: null, at: 0, text: '' });

type Held = { key: string; target: EventTarget | null };

let buf = '';
let held: Held[] = [];
let started = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

const MODIFIERS = ['Shift', 'CapsLock', 'Control', 'Alt', 'Meta', 'AltGraph'];

function isTextField(t: EventTarget | null): t is HTMLInputElement | HTMLTextAreaElement {
  return (t instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(t.type)) || t instanceof HTMLTextAreaElement;
}

/** Gives held keys back to where they were going: typed into a text field, or as a key
 *  event to the element (screens react to keydown). */
function giveBack() {
  const keys = held;
  held = [];
  buf = '';
  clearTimeout(timer);
  for (const h of keys) {
    if (isTextField(h.target) && document.activeElement === h.target) {
      document.execCommand('insertText', false, h.key);
    } else if (h.target instanceof HTMLElement) {
      h.target.dispatchEvent(new KeyboardEvent('keydown', { key: h.key, bubbles: true, cancelable: true }));
    }
  }
}

function swallow(e: KeyboardEvent) {
  e.preventDefault();
  e.stopImmediatePropagation();
}

/** Whether the text is a whole form code (QM1:code:template:version). */
function complete(t: string) {
  return /^QM1:[^:]+:[^:]+:\d+$/i.test(t.trim());
}

async function open(text: string, at: number) {
  try {
    const form = await call('entry.scan', { text });
    const who = `${form.household.name}（${form.household.code}）`;
    if (app.screen === 'history') {
      navigate('history', form.household.id);
      flash('ok', `扫码：已打开 ${who} 的一户档案。`);
    } else if (app.screen === 'hazards') {
      // The ledger's search box, as if the clerk had typed the code there.
      const box = document.querySelector<HTMLInputElement>('[data-testid="hz-search"]');
      if (box) {
        box.value = form.household.code;
        box.dispatchEvent(new Event('input', { bubbles: true }));
      }
      flash('ok', `扫码：隐患台账中查找 ${who}。`);
    } else {
      scanned.form = form;
      scanned.at = at;
      scanned.text = text;
      navigate('entry');
    }
  } catch (e) {
    flash('error', (e as Error).message);
  }
}

function finish(at: number) {
  const text = buf;
  buf = '';
  held = [];
  clearTimeout(timer);
  if (complete(text)) open(text, at);
  else flash('error', `扫到的“${text}”不完整，请重新扫码。`);
}

function keydown(e: KeyboardEvent) {
  if (!e.isTrusted || e.isComposing) return;
  if (MODIFIERS.includes(e.key)) return;
  const now = performance.now();
  if (e.ctrlKey || e.altKey || e.metaKey) {
    if (held.length) giveBack();
    return;
  }
  if (buf.length >= PREFIX.length) {
    // Inside a scan: everything is the scanner's until Enter (or Tab, as some send).
    if (e.key === 'Enter' || e.key === 'Tab') { swallow(e); finish(now); return; }
    if (e.key.length === 1) {
      swallow(e);
      buf += e.key;
      clearTimeout(timer);
      timer = setTimeout(() => { if (complete(buf)) finish(performance.now()); else { buf = ''; held = []; } },
        complete(buf) ? END_MS : IDLE_MS);
      return;
    }
    buf = '';
    return;
  }
  const candidate = buf + e.key;
  if (e.key.length === 1 && PREFIX.startsWith(candidate.toUpperCase()) && (buf === '' || now - started <= PREFIX_MS)) {
    swallow(e);
    if (buf === '') started = now;
    buf = candidate;
    held.push({ key: e.key, target: e.target });
    clearTimeout(timer);
    if (buf.length === PREFIX.length) {
      held = []; // a scan for sure: nothing to give back
      timer = setTimeout(() => { buf = ''; }, IDLE_MS);
    } else {
      timer = setTimeout(giveBack, Math.max(0, started + PREFIX_MS - now) + 1);
    }
    return;
  }
  if (held.length) giveBack();
}

/** Starts listening (once, for the whole app); returns the function that stops it. */
export function listenForScans(): () => void {
  window.addEventListener('keydown', keydown, { capture: true });
  return () => window.removeEventListener('keydown', keydown, { capture: true });
}
