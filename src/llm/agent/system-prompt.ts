import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads a prompt file of src/llm/prompts. Beside the compiled code first (nest-cli copies the .md
 * files into dist), then the source tree, so ts-node, jest and `node dist` all find it.
 */
export function loadPrompt(name: string): string {
  const candidates = [join(__dirname, '..', 'prompts', name), join(process.cwd(), 'src', 'llm', 'prompts', name)];
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`prompt ${name} not found (looked in ${candidates.join(', ')})`);
  return readFileSync(found, 'utf8');
}
