//! Which files the client attaches to: markdown under a folder that holds `.chant/` (specs get
//! diagnostics; research and other markdown there get hover, links and references), never every
//! markdown file on the machine.
// Pure (no `vscode` import) so it is unit-tested without an editor. Paths are file-system paths
// (`Uri.fsPath`): backslashes and drive letters on Windows.

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
  platform: NodeJS.Platform,
): string[] {
  const p = flavour(platform);
  const roots = new Set<string>();
  for (const folder of folders) {
    const root = folderRoot(folder, hasChantDir, platform);
    if (root !== undefined) {
      roots.add(root);
    }
  }
  for (const file of foundChantFiles) {
    const root = rootOfChantFile(file, platform);
    if (root !== undefined) {
      roots.add(root);
    }
  }
  const sorted = [...roots].sort();
  return sorted.filter((root) => !sorted.some((other) => other !== root && isInside(root, other, p)));
}

/**
 * The chant root a folder lies in: the folder or its nearest ancestor with `.chant/`. Projects
 * found below such a folder are nested in that root and fold into it, so the caller need not
 * search the folder for them (at 100,000 specs that search held the server back for seconds).
 */
export function folderRoot(
  folder: string,
  hasChantDir: (dir: string) => boolean,
  platform: NodeJS.Platform,
): string | undefined {
  const p = flavour(platform);
  return firstAncestor(p.normalize(folder), hasChantDir, p);
}

/** `/a/b/.chant/specs/x.md` → `/a/b`; `undefined` when the path has no `.chant` folder. */
export function rootOfChantFile(file: string, platform: NodeJS.Platform): string | undefined {
  const p = flavour(platform);
  const chantDir = firstAncestor(p.dirname(p.normalize(file)), (dir) => p.basename(dir) === '.chant', p);
  return chantDir === undefined ? undefined : p.dirname(chantDir);
}

/**
 * One filter per root. VS Code matches a filter's pattern against the document's `fsPath`: a `/`
 * in the pattern matches `/` or `\`, and the match is case-sensitive, so on Windows the root is
 * written with `/` and its drive letter (lower case in `fsPath`, often upper case elsewhere)
 * as a `[cC]` class. Glob characters in the root are bracketed so they match literally.
 */
export function documentSelector(roots: readonly string[], platform: NodeJS.Platform): DocumentFilter[] {
  return roots.map((root) => ({
    scheme: 'file',
    language: 'markdown',
    pattern: `${rootPattern(root, platform)}/**/*.md`,
  }));
}

function rootPattern(root: string, platform: NodeJS.Platform): string {
  if (platform !== 'win32') {
    return escapeGlob(root.replace(/\/+$/, ''));
  }
  const slashed = escapeGlob(root.replaceAll('\\', '/').replace(/\/+$/, ''));
  return slashed.replace(/^([A-Za-z]):/, (_, d: string) => `[${d.toLowerCase()}${d.toUpperCase()}]:`);
}

/** VS Code's glob reads `[x]` as a one-character class, so `[*]` matches a literal `*`. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[{}]/g, (ch) => `[${ch}]`);
}

/** The first of `start` and its ancestors that `matches`. */
function firstAncestor(
  start: string,
  matches: (dir: string) => boolean,
  p: path.PlatformPath,
): string | undefined {
  let dir = start;
  for (;;) {
    if (matches(dir)) {
      return dir;
    }
    const parent = p.dirname(dir);
    if (parent === dir) {
      return undefined;
    }
    dir = parent;
  }
}

/** Whether `child` is strictly below `parent` (case-insensitive on Windows, as its paths are). */
function isInside(child: string, parent: string, p: path.PlatformPath): boolean {
  const rel = p.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !p.isAbsolute(rel);
}

function flavour(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}
