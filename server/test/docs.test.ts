import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const documents = ['README.md', ...fs.readdirSync(path.join(root, 'docs')).map((name) => `docs/${name}`)].filter(
  (file) => file.endsWith('.md'),
);

/** Markdown links and backticked paths that point at a file, from one document. */
function referencesOf(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
  // A path that leaves the repository, written as code rather than linked.
  const paths = [...text.matchAll(/`(\.\.\/[^`\s]+)`/g)].map((m) => m[1]!);
  return [...links, ...paths].filter((ref) => !/^(https?:|mailto:|#)/.test(ref)).map((ref) => ref.split('#')[0]!);
}

describe('the documentation', () => {
  it('links only to files inside the repository, and every one of them exists', () => {
    const broken: string[] = [];
    for (const file of documents) {
      for (const ref of referencesOf(file)) {
        const target = path.resolve(root, path.dirname(file), ref);
        if (!target.startsWith(root + path.sep) || !fs.existsSync(target)) broken.push(`${file}: ${ref}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('holds the design the README points to', () => {
    expect(referencesOf('README.md')).toContain('docs/architecture.md');
  });
});
