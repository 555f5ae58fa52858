/**
 * The layer rules of DESIGN.md as code: which folder may import what. Used by the test suite
 * (tests/unit/layers.test.ts) over every source file.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface LayerViolation {
  file: string;
  specifier: string;
  rule: string;
}

interface Rule {
  /** Folder (relative to the repo root, posix) the rule applies to. */
  layer: string;
  /** Folders this layer must not import from. */
  forbiddenFolders: string[];
  /** Bare specifiers this layer must not import ('node:' matches every Node built-in). */
  forbiddenPackages: string[];
  /** When set, the only bare packages allowed. */
  allowedPackages?: string[];
}

const NODE_BUILTINS = new Set([
  'fs',
  'path',
  'os',
  'http',
  'https',
  'net',
  'crypto',
  'child_process',
  'url',
  'util',
  'stream',
  'events',
  'buffer',
  'zlib',
  'module',
  'worker_threads',
]);

export const RULES: Rule[] = [
  {
    layer: 'src/shared',
    forbiddenFolders: ['src/main', 'src/renderer'],
    forbiddenPackages: ['node:', 'electron'],
    allowedPackages: ['zod'],
  },
  {
    layer: 'src/main/core',
    forbiddenFolders: ['src/main/electron', 'src/main/headless', 'src/main/simulators', 'src/renderer'],
    forbiddenPackages: ['electron'],
  },
  {
    layer: 'src/main/simulators',
    // The simulators speak their protocols with their own names, so the client's wire modules are off
    // limits: a wrong name on one side must fail the conformance tests (tests/wire/), not change both.
    forbiddenFolders: ['src/main/electron', 'src/main/headless', 'src/renderer', 'src/main/core/specter'],
    forbiddenPackages: ['electron'],
  },
  {
    layer: 'src/main/headless',
    forbiddenFolders: ['src/main/electron', 'src/renderer'],
    forbiddenPackages: ['electron'],
  },
  { layer: 'src/main/electron', forbiddenFolders: ['src/main/headless', 'src/renderer'], forbiddenPackages: [] },
  { layer: 'src/renderer', forbiddenFolders: ['src/main'], forbiddenPackages: ['node:', 'electron'] },
];

const IMPORT_PATTERN =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every module specifier a source text imports. */
export function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(IMPORT_PATTERN)) {
    const specifier = match[1] ?? match[2] ?? match[3] ?? match[4];
    if (specifier) found.push(specifier);
  }
  return found;
}

const toPosix = (p: string) => p.split(path.sep).join('/');

/** Check one file (path relative to root, posix) with its source text. */
export function checkFile(relativeFile: string, source: string): LayerViolation[] {
  const rule = RULES.filter((r) => relativeFile.startsWith(`${r.layer}/`)).sort(
    (a, b) => b.layer.length - a.layer.length,
  )[0];
  if (!rule) return [];
  const violations: LayerViolation[] = [];
  for (const specifier of importSpecifiers(source)) {
    if (specifier.startsWith('.')) {
      const target = toPosix(path.posix.normalize(path.posix.join(path.posix.dirname(relativeFile), specifier)));
      for (const folder of rule.forbiddenFolders) {
        if (target === folder || target.startsWith(`${folder}/`)) {
          violations.push({ file: relativeFile, specifier, rule: `${rule.layer} must not import from ${folder}` });
        }
      }
      continue;
    }
    const bare = specifier.startsWith('@')
      ? specifier.split('/').slice(0, 2).join('/')
      : (specifier.split('/')[0] ?? '');
    const isBuiltin = specifier.startsWith('node:') || NODE_BUILTINS.has(bare);
    for (const pkg of rule.forbiddenPackages) {
      if ((pkg === 'node:' && isBuiltin) || bare === pkg) {
        violations.push({
          file: relativeFile,
          specifier,
          rule: `${rule.layer} must not import ${pkg === 'node:' ? 'Node built-ins' : pkg}`,
        });
      }
    }
    if (rule.allowedPackages && !isBuiltin && !rule.allowedPackages.includes(bare)) {
      violations.push({
        file: relativeFile,
        specifier,
        rule: `${rule.layer} may only import ${rule.allowedPackages.join(', ')}`,
      });
    }
  }
  return violations;
}

/** Check every .ts/.tsx file under src. */
export function checkTree(root: string): LayerViolation[] {
  const violations: LayerViolation[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(entry.name)) {
        violations.push(...checkFile(toPosix(path.relative(root, full)), fs.readFileSync(full, 'utf8')));
      }
    }
  };
  walk(path.join(root, 'src'));
  return violations;
}

/**
 * The unit of `src/main/core/<path>` for the cycle check: its folder directly under core/, or the
 * file name for a file at core/'s top level.
 */
export function coreUnit(relativeToCore: string): string {
  const [first, ...rest] = relativeToCore.split('/');
  return rest.length > 0 ? (first ?? '') : (first ?? '').replace(/\.tsx?$/, '');
}

/** Import edges between units inside core/ (type-only imports count too): unit → units it imports. */
export function coreUnitGraph(files: ReadonlyMap<string, string>): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const [file, source] of files) {
    if (!file.startsWith('src/main/core/')) continue;
    const from = coreUnit(file.slice('src/main/core/'.length));
    if (!graph.has(from)) graph.set(from, new Set());
    for (const specifier of importSpecifiers(source)) {
      if (!specifier.startsWith('.')) continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
      if (!target.startsWith('src/main/core/')) continue;
      const to = coreUnit(target.slice('src/main/core/'.length));
      if (to !== from) graph.get(from)?.add(to);
    }
  }
  return graph;
}

/** Every import cycle between units of core/, each as a path that starts and ends at the same unit. */
export function findCycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (unit: string) => {
    state.set(unit, 'open');
    stack.push(unit);
    for (const next of [...(graph.get(unit) ?? [])].sort()) {
      if (state.get(next) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const key = [...cycle.slice(0, -1)].sort().join(',');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(unit, 'done');
  };
  for (const unit of [...graph.keys()].sort()) if (!state.has(unit)) visit(unit);
  return cycles;
}

/** The cycles between folders (and top-level files) inside src/main/core of the tree at root. */
export function coreCycles(root: string): string[][] {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(entry.name))
        files.set(toPosix(path.relative(root, full)), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(path.join(root, 'src/main/core'));
  return findCycles(coreUnitGraph(files));
}
