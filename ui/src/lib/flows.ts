// The flows every screen repeats, written once: choose a file → busy → call → tell the
// clerk → open what was written. Screens pass what differs (names, filters, the call).
import { chooseOpenFile, chooseSaveFile, onProgress, openPath, type FileFilter, type Progress, type WrittenFile } from './api';
import { app, flash } from './state.svelte';

/** The error's message for the clerk (ApiError and plain errors alike). */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Runs a long call with `label` in the status line (and `app.busy` set, which screens use
 * to disable their buttons); the label goes away when it ends, however it ends.
 */
export async function busy<T>(label: string, run: () => Promise<T>): Promise<T> {
  app.busy = label;
  try {
    return await run();
  } finally {
    app.busy = null;
  }
}

/** How a written file is described: 已保存：path（3 页）. */
export function describeWritten(f: WrittenFile, what = '已保存'): string {
  const size = f.pages != null ? `（${f.pages} 页）` : f.rows != null ? `（${f.rows} 行）` : '';
  return `${what}${size}：${f.path}`;
}

/**
 * Opens a file the app wrote in the system viewer. The file is saved either way, so a
 * failure to open is a warning that says where the file is, never an error.
 */
export async function openWritten(path: string): Promise<void> {
  try {
    await openPath(path);
  } catch (e) {
    flash('warn', `已保存到 ${path}，但没能自动打开：${errorText(e)}`);
  }
}

/** Runs `run` while `cb` (if any) receives the progress events. */
export async function withProgress<T>(cb: ((p: Progress) => void) | undefined, run: () => Promise<T>): Promise<T> {
  if (!cb) return run();
  const unlisten = await onProgress(cb);
  try {
    return await run();
  } finally {
    unlisten();
  }
}

export type SaveOptions<F extends WrittenFile = WrittenFile> = {
  /** The file name the dialog suggests. */
  name: string;
  filters: FileFilter[];
  /** The dialog's title. */
  title?: string;
  /** What the status line says while writing (正在生成 PDF……). */
  busyLabel?: string;
  /** Writes the file to the chosen path. */
  write: (out: string) => Promise<F>;
  /** The message on success; by default 已保存（n 页）：path and the warnings. */
  done?: (f: F) => string;
  /** Open the file afterwards (default true). */
  open?: boolean;
  /** Receives the progress reports of a long write. */
  progress?: (p: Progress) => void;
  /** Where a failure goes (default: the status line). */
  onError?: (message: string) => void;
};

/**
 * Save-as: asks where, writes, tells the clerk (warnings too), opens the file. Returns the
 * file written, or null when the clerk cancelled or writing failed (the failure is shown).
 */
export async function saveAs<F extends WrittenFile>(o: SaveOptions<F>): Promise<F | null> {
  let out: string | null;
  try {
    out = await chooseSaveFile(o.name, o.filters, o.title);
  } catch (e) {
    (o.onError ?? ((m) => flash('error', m)))(errorText(e));
    return null;
  }
  if (!out) return null;
  const target = out;
  try {
    const f = await busy(o.busyLabel ?? '正在保存……', () => withProgress(o.progress, () => o.write(target)));
    const text = o.done ? o.done(f) : describeWritten(f);
    const warned = f.warnings.length > 0;
    flash(warned ? 'warn' : 'ok', warned ? `${text}；${f.warnings.join('；')}` : text);
    if (o.open ?? true) await openWritten(f.path);
    return f;
  } catch (e) {
    (o.onError ?? ((m) => flash('error', m)))(errorText(e));
    return null;
  }
}

export type OpenOptions<T> = {
  filters: FileFilter[];
  title?: string;
  busyLabel?: string;
  /** Reads the chosen file. */
  read: (path: string) => Promise<T>;
  /** Where a failure goes (default: the status line). */
  onError?: (message: string) => void;
};

/**
 * Open-and-read: asks for a file, reads it with `read` while the status line says so.
 * Returns the result, or null when the clerk cancelled or reading failed (shown).
 */
export async function openAndRead<T>(o: OpenOptions<T>): Promise<T | null> {
  const fail = o.onError ?? ((m: string) => flash('error', m));
  try {
    const path = await chooseOpenFile(o.filters, o.title);
    if (!path) return null;
    return await busy(o.busyLabel ?? '正在读取……', () => o.read(path));
  } catch (e) {
    fail(errorText(e));
    return null;
  }
}
