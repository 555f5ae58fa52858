import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

// The JSON schema electron-builder ships, and the YAML reader it loads electron-builder.yml with.
const schemaFile = require.resolve('app-builder-lib/scheme.json');
const yaml = createRequire(require.resolve('app-builder-lib/package.json'))('js-yaml') as {
  load: (text: string) => unknown;
};
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));

const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const errorsOf = (value: unknown) =>
  validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);

describe('electron-builder.yml', () => {
  it('is valid against the schema electron-builder ships', () => {
    expect(errorsOf(config)).toEqual([]);
  });

  it('the check refuses an unknown key, at the top and inside a platform', () => {
    expect(validate({ ...config, outputDir: 'release' })).toBe(false);
    expect(validate.errors?.[0]?.params).toEqual({ additionalProperty: 'outputDir' });
    expect(validate({ ...config, win: { target: 'nsis', installerIcon: 'x.ico' } })).toBe(false);
  });

  it('packages the Electron main that package.json names, and builds the Windows installer with NSIS', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(config.extraMetadata).toMatchObject({ main: pkg.main });
    expect(config.win).toMatchObject({ target: 'nsis' });
  });
});
