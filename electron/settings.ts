/**
 * The shell's own memory, `<userData>/settings.json`: last project, recent projects, window bounds.
 * Pure read/merge/write so that tests run it on a temp dir. A damaged file must never stop the app starting,
 * so reading falls back field by field to the defaults.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const MAX_RECENT = 10;

export interface WindowBounds {
  /** Absent when the window should be centred by the OS. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

export interface Settings {
  lastProject: string | null;
  /** Most recent first, no duplicates, at most MAX_RECENT. */
  recentProjects: string[];
  windowBounds: WindowBounds | null;
}

export const defaultSettings: Readonly<Settings> = Object.freeze({
  lastProject: null,
  recentProjects: [],
  windowBounds: null,
});

export function readSettings(file: string): Settings {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { ...defaultSettings, recentProjects: [] };
  }
  return parseSettings(raw);
}

/** Keeps each field that has the right shape and defaults the rest. */
export function parseSettings(raw: unknown): Settings {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const recent = Array.isArray(o.recentProjects)
    ? o.recentProjects.filter((p): p is string => typeof p === 'string' && p.length > 0)
    : [];
  return {
    lastProject: typeof o.lastProject === 'string' && o.lastProject ? o.lastProject : null,
    recentProjects: dedupe(recent).slice(0, MAX_RECENT),
    windowBounds: parseBounds(o.windowBounds),
  };
}

export function mergeSettings(base: Settings, patch: Partial<Settings>): Settings {
  const merged = { ...base, ...patch };
  return { ...merged, recentProjects: dedupe(merged.recentProjects).slice(0, MAX_RECENT) };
}

/** Writes through a temporary file and a rename, so a crash mid-write leaves the old file intact. */
export function writeSettings(file: string, settings: Settings): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(settings, null, 2) + '\n');
  renameSync(tmp, file);
}

/** Puts `path` first, drops its older entry, keeps at most `max`. */
export function addRecent(list: readonly string[], path: string, max = MAX_RECENT): string[] {
  const p = resolve(path);
  return dedupe([p, ...list]).slice(0, max);
}

export function removeRecent(list: readonly string[], path: string): string[] {
  const key = pathKey(path);
  return list.filter((p) => pathKey(p) !== key);
}

/** Same file? Paths are compared resolved, and without case on Windows, whose file system ignores it. */
export function samePath(a: string, b: string): boolean {
  return pathKey(a) === pathKey(b);
}

function pathKey(p: string): string {
  const r = resolve(p);
  return process.platform === 'win32' ? r.toLowerCase() : r;
}

function dedupe(list: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of list) {
    const key = pathKey(p);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

function parseBounds(raw: unknown): WindowBounds | null {
  if (!raw || typeof raw !== 'object') return null;
  const b = raw as Record<string, unknown>;
  const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  if (!num(b.width) || !num(b.height)) return null;
  const out: WindowBounds = { width: b.width, height: b.height };
  if (num(b.x) && num(b.y)) {
    out.x = b.x;
    out.y = b.y;
  }
  if (b.maximized === true) out.maximized = true;
  return out;
}
