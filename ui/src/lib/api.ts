// The only module through which the UI reaches Rust. Every call goes to the shell's single
// `api` command, which hands it to qiaomen-api's `Api::dispatch`. Types come from
// bindings.ts, generated from the Rust types (never edit that file by hand).

import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type * as B from './bindings';

export type * from './bindings';

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

/** Calls an API method by name. Rejects with an ApiError. */
export async function call<T>(method: string, args: unknown = null): Promise<T> {
  try {
    return await invoke<T>('api', { method, args });
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

export const PDF: FileFilter[] = [{ name: 'PDF 文件', extensions: ['pdf'] }];
export const XLSX: FileFilter[] = [{ name: 'Excel 工作簿', extensions: ['xlsx'] }];
export const SHEETS: FileFilter[] = [
  { name: '表格文件', extensions: ['xlsx', 'xls', 'ods', 'csv', 'et'] },
];

// ---- register -------------------------------------------------------------------------
export const appInfo = () => call<B.AppInfo>('app.info');
export const settingsGet = () => call<B.UnitSettings>('settings.get');
export const settingsSave = (s: B.UnitSettings) => call<B.UnitSettings>('settings.save', s);
export const gridsList = () => call<B.Grid[]>('grids.list');
export const gridsAdd = (g: B.GridInput) => call<B.Grid>('grids.add', g);
export const gridsUpdate = (id: string, input: B.GridInput) => call<B.Grid>('grids.update', { id, input });
export const gridsDelete = (id: string) => call<null>('grids.delete', { id });
export const householdsList = (q: B.HouseholdQuery) => call<B.HouseholdPage>('households.list', q);
export const householdsGet = (id: string) => call<B.Household>('households.get', { id });
export const householdsAdd = (h: B.HouseholdInput) => call<B.Household>('households.add', h);
export const householdsUpdate = (id: string, input: B.HouseholdInput) =>
  call<B.Household>('households.update', { id, input });
export const householdsDelete = (id: string) => call<null>('households.delete', { id });
export const templatesList = () => call<B.TemplateInfo[]>('templates.list');
export const templatesGet = (id: string, version?: number) => call<B.Template>('templates.get', { id, version });

// ---- other areas add their typed wrappers below, one section each ----------------------

// ---- import: household rosters (花名册) ------------------------------------------------
export const importFields = () => call<B.RosterFieldInfo[]>('import.fields');
/** The dry run: sheets, mapping, first rows and the full report; writes nothing. */
export const importPlan = (path: string, options: B.RosterImportOptions) =>
  call<B.RosterImportPlan>('import.plan', { path, options });
/** Imports (one transaction); progress arrives through onProgress. */
export const importHouseholds = (path: string, options: B.RosterImportOptions, dry_run = false) =>
  call<B.RosterImportReport>('import.households', { path, options, dry_run });
