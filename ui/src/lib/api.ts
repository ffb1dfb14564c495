// The only module through which the UI reaches Rust. Every call goes to the shell's single
// `api` command, which hands it to qiaomen-api's `Api::dispatch`. Types come from
// bindings.ts, generated from the Rust types (never edit that file by hand).

import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type * as B from './bindings';

export type * from './bindings';
export { CATEGORIES, CATEGORY_COLORS, CATEGORY_SHORT, HAZARD_STATUS_LABEL } from './bindings';

/** An error from the API: a stable code and a Chinese message for the clerk. */
export class ApiError extends Error {
  code: B.ErrorCode;
  constructor(code: B.ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

function toApiError(e: unknown): ApiError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    const err = e as B.Error;
    return new ApiError(err.code, err.message);
  }
  return new ApiError('internal', `程序内部错误：${String(e)}`);
}

/** The name of an API method (see `Rpc` in bindings.ts, generated from the Rust methods). */
export type Method = keyof B.Rpc;
/** The arguments method M takes. */
export type ArgsOf<M extends Method> = B.Rpc[M]['args'];
/** What method M returns. */
export type ResultOf<M extends Method> = B.Rpc[M]['result'];
/** No argument for a method that takes none; an optional one when every field is optional. */
type ArgList<A> = [A] extends [null] ? [] : {} extends A ? [args?: A] : [args: A];

/**
 * Calls an API method by name. Its name, arguments and result are checked by svelte-check
 * against the Rust declarations. Rejects with an ApiError.
 */
export async function call<M extends Method>(method: M, ...args: ArgList<ArgsOf<M>>): Promise<ResultOf<M>> {
  try {
    return await invoke<ResultOf<M>>('api', { method, args: args[0] ?? null });
  } catch (e) {
    throw toApiError(e);
  }
}

export type FileFilter = { name: string; extensions: string[] };

/** Shows the system "open file" dialog; returns the chosen path (granted to the API) or null. */
export async function chooseOpenFile(filters: FileFilter[], title = '选择文件'): Promise<string | null> {
  try {
    return await invoke<string | null>('choose_open_file', { filters, title, multiple: false }).then((r) =>
      Array.isArray(r) ? (r[0] ?? null) : r,
    );
  } catch (e) {
    throw toApiError(e);
  }
}

/** Shows the "open files" dialog allowing several files; returns the granted paths. */
export async function chooseOpenFiles(filters: FileFilter[], title = '选择文件'): Promise<string[]> {
  try {
    const r = await invoke<string[] | string | null>('choose_open_file', { filters, title, multiple: true });
    return Array.isArray(r) ? r : r ? [r] : [];
  } catch (e) {
    throw toApiError(e);
  }
}

/** Shows the system "save file" dialog; returns the chosen path (granted to the API) or null. */
export async function chooseSaveFile(defaultName: string, filters: FileFilter[], title = '保存到'): Promise<string | null> {
  try {
    return await invoke<string | null>('choose_save_file', { defaultName, filters, title });
  } catch (e) {
    throw toApiError(e);
  }
}

/** Opens a file the app has written (a PDF, a spreadsheet) in the system's viewer. */
export async function openPath(path: string): Promise<void> {
  try {
    await invoke('open_path', { path });
  } catch (e) {
    throw toApiError(e);
  }
}

/** Listens to progress reports of long operations. */
export function onProgress(cb: (p: B.Progress) => void): Promise<UnlistenFn> {
  return listen<B.Progress>('progress', (e) => cb(e.payload));
}

/** The app was started again while this window was open: this window was brought forward. */
export function onSecondLaunch(cb: () => void): Promise<UnlistenFn> {
  return listen('second-launch', () => cb());
}

export const PDF: FileFilter[] = [{ name: 'PDF 文件', extensions: ['pdf'] }];
export const XLSX: FileFilter[] = [{ name: 'Excel 工作簿', extensions: ['xlsx'] }];
/** The written report (工作开展情况 / 工作总结), opened by WPS and Word. */
export const DOCX: FileFilter[] = [{ name: 'Word 文档', extensions: ['docx'] }];
export const SHEETS: FileFilter[] = [
  { name: '表格文件', extensions: ['xlsx', 'xls', 'ods', 'csv', 'et'] },
];

/** Backup files: ours are .sqlite3; any file may be picked (it is checked before use). */
export const BACKUP_FILES: FileFilter[] = [
  { name: '敲门行动备份', extensions: ['sqlite3', 'db'] },
  { name: '所有文件', extensions: ['*'] },
];
/** 导出诊断信息: logs, the database check and versions in a zip (no personal data). */
export const DIAGNOSTICS_FILES: FileFilter[] = [{ name: '压缩文件', extensions: ['zip'] }];

export const CSV: FileFilter[] = [{ name: 'CSV 文件', extensions: ['csv'] }];

/** The villages' statistics tables a township receives. */
export const STAT_TABLES: FileFilter[] = [{ name: '统计表', extensions: ['xlsx', 'xls', 'ods', 'et'] }];
