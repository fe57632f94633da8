//! Which files the client attaches to: markdown under a folder that holds `.chant/` (specs get
//! diagnostics; research and other markdown there get hover, links and references), never every
//! markdown file on the machine.
// Pure (no `vscode` import) so it is unit-tested without an editor.

import * as path from 'node:path';

export interface DocumentFilter {
  scheme: string;
  language: string;
  pattern: string;
}

/**
 * The chant roots for a set of workspace folders: the folder itself or the nearest ancestor with a
 * `.chant/` directory (a folder opened inside a chant project), plus the roots of `.chant` files
 * found below it (a monorepo with several projects). Sorted, without duplicates or roots nested
 * in another root.
 */
export function chantRoots(
  folders: readonly string[],
  foundChantFiles: readonly string[],
  hasChantDir: (dir: string) => boolean,
): string[] {
  const roots = new Set<string>();
  for (const folder of folders) {
    const root = ancestorWithChant(folder, hasChantDir);
    if (root !== undefined) {
      roots.add(root);
    }
  }
  for (const file of foundChantFiles) {
    const root = rootOfChantFile(file);
    if (root !== undefined) {
      roots.add(root);
    }
  }
  const sorted = [...roots].sort();
  return sorted.filter((root) => !sorted.some((other) => other !== root && isInside(root, other)));
}

/** `/a/b/.chant/specs/x.md` → `/a/b`; `undefined` when the path has no `.chant` segment. */
export function rootOfChantFile(file: string): string | undefined {
  const parts = file.split('/');
  const at = parts.lastIndexOf('.chant');
  if (at <= 0) {
    return at === 0 ? '/' : undefined;
  }
  return parts.slice(0, at).join('/') || '/';
}

/** One filter per root; glob characters in the root are bracketed so they match literally. */
export function documentSelector(roots: readonly string[]): DocumentFilter[] {
  return roots.map((root) => ({
    scheme: 'file',
    language: 'markdown',
    pattern: `${escapeGlob(root.replace(/\/+$/, ''))}/**/*.md`,
  }));
}

/** VS Code's glob reads `[x]` as a one-character class, so `[*]` matches a literal `*`. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[{}]/g, (ch) => `[${ch}]`);
}

function ancestorWithChant(folder: string, hasChantDir: (dir: string) => boolean): string | undefined {
  let dir = path.posix.normalize(folder);
  for (;;) {
    if (hasChantDir(dir)) {
      return dir;
    }
    const parent = path.posix.dirname(dir);
    if (parent === dir) {
      return undefined;
    }
    dir = parent;
  }
}

function isInside(child: string, parent: string): boolean {
  const prefix = parent.endsWith('/') ? parent : `${parent}/`;
  return child.startsWith(prefix);
}
