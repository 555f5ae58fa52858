import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkFile,
  checkTree,
  coreCycles,
  coreUnitGraph,
  findCycles,
  importSpecifiers,
} from '../../scripts/layer-rules';

const root = path.resolve(import.meta.dirname, '../..');

describe('layer rules', () => {
  it('the source tree has no forbidden import', () => {
    expect(checkTree(root)).toEqual([]);
  });

  it('no Specter simulator file imports the Specter client modules (src/main/core/specter)', () => {
    const dir = path.join(root, 'src/main/simulators');
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    expect(files).toContain(path.join('specter', 'server.ts'));
    const offending = files.flatMap((file) =>
      importSpecifiers(fs.readFileSync(path.join(dir, file), 'utf8'))
        .filter((s) => s.startsWith('.'))
        .map((s) =>
          path
            .relative(root, path.resolve(dir, path.dirname(file), s))
            .split(path.sep)
            .join('/'),
        )
        .filter((target) => target === 'src/main/core/specter' || target.startsWith('src/main/core/specter/'))
        .map((target) => `${file} → ${target}`),
    );
    expect(offending).toEqual([]);
  });

  it('has no import cycle between folders inside src/main/core', () => {
    expect(coreCycles(root)).toEqual([]);
  });

  it('finds a cycle between two folders of core, also through type-only imports and top-level files', () => {
    const graph = coreUnitGraph(
      new Map([
        ['src/main/core/engine/a.ts', `import type { B } from '../flows/b';`],
        ['src/main/core/flows/b.ts', `import { c } from '../app-context';`],
        ['src/main/core/app-context.ts', `import { a } from './engine/a';\nimport { x } from './engine/x';`],
        ['src/main/core/store/s.ts', `import { y } from '../engine/a';`],
      ]),
    );
    expect(findCycles(graph)).toEqual([['app-context', 'engine', 'flows', 'app-context']]);
    expect(
      findCycles(
        new Map([
          ['a', new Set(['b'])],
          ['b', new Set<string>()],
        ]),
      ),
    ).toEqual([]);
  });

  it('finds static, side-effect, dynamic and require imports', () => {
    const src = `import a from 'x';\nimport './y';\nexport { b } from "../z";\nconst c = await import('w');\nrequire('v');`;
    expect(importSpecifiers(src)).toEqual(['x', './y', '../z', 'w', 'v']);
  });

  it.each([
    [
      'src/renderer/App.tsx',
      `import { openDatabase } from '../main/core/store/database';`,
      'src/renderer must not import from src/main',
    ],
    ['src/main/core/x.ts', `import { app } from 'electron';`, 'src/main/core must not import electron'],
    [
      'src/main/core/x.ts',
      `import { startHttpBridge } from '../headless/http-bridge';`,
      'src/main/core must not import from src/main/headless',
    ],
    ['src/shared/x.ts', `import fs from 'node:fs';`, 'src/shared must not import Node built-ins'],
    ['src/shared/x.ts', `import path from 'path';`, 'src/shared must not import Node built-ins'],
    ['src/shared/x.ts', `import axios from 'axios';`, 'src/shared may only import zod'],
    [
      'src/main/simulators/s.ts',
      `import { BrowserWindow } from 'electron';`,
      'src/main/simulators must not import electron',
    ],
    [
      'src/main/simulators/specter/server.ts',
      `import { ACTION } from '../../core/specter/wire';`,
      'src/main/simulators must not import from src/main/core/specter',
    ],
    [
      'src/main/simulators/specter/render.ts',
      `export { specterKey } from '../../core/specter/key';`,
      'src/main/simulators must not import from src/main/core/specter',
    ],
    [
      'src/main/simulators/specter/server.ts',
      `const wire = await import('../../core/specter');`,
      'src/main/simulators must not import from src/main/core/specter',
    ],
  ])('rejects a forbidden import in %s', (file, source, rule) => {
    const violations = checkFile(file, source);
    expect(violations.map((v) => v.rule)).toContain(rule);
  });

  it.each([
    ['src/main/electron/main.ts', `import { app } from 'electron';\nimport { x } from '../core/app-context';`],
    ['src/shared/api.ts', `import { z } from 'zod';\nimport type { A } from './credentials';`],
    ['src/renderer/App.tsx', `import { useState } from 'react';\nimport type { Api } from '../shared/api';`],
  ])('allows what the layer may import in %s', (file, source) => {
    expect(checkFile(file, source)).toEqual([]);
  });
});
