import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProjectRoot, publicDir } from './web-page';

describe('findProjectRoot', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'web-page-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds the folder with package.json from the compiled location (dist/src/web)', () => {
    writeFileSync(join(root, 'package.json'), '{}');
    const compiled = join(root, 'dist', 'src', 'web');
    mkdirSync(compiled, { recursive: true });
    expect(findProjectRoot(compiled)).toBe(root);
  });

  it('finds the folder with package.json from the source location (src/web)', () => {
    writeFileSync(join(root, 'package.json'), '{}');
    const source = join(root, 'src', 'web');
    mkdirSync(source, { recursive: true });
    expect(findProjectRoot(source)).toBe(root);
  });

  it('names the start folder when no package.json is above it', () => {
    const lonely = join(root, 'a', 'b');
    mkdirSync(lonely, { recursive: true });
    // The temp folder lives outside any project, so the walk reaches the filesystem root.
    expect(() => findProjectRoot(lonely)).toThrow(lonely);
  });

  it('points the public folder of this repository at the page', () => {
    expect(publicDir()).toBe(join(__dirname, '..', '..', 'public'));
  });
});
