//! A new spec written the way `chant add "TITLE"` writes one, for when chant is not installed:
//! chant's id scheme (local date, base-36 sequence, random base-36 suffix) and its skeleton
//! (`type: code`, `status: pending`, the title; a long description split into title and body).
// Pure (no `vscode` import) so it is unit-tested without an editor.

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** The local date as chant formats it (`%Y-%m-%d`). */
export function localDate(now: Date): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1, 2)}-${pad(now.getDate(), 2)}`;
}

/** chant's `format_base36`: zero-padded to `width`, longer when the number needs it. */
export function formatBase36(n: number, width: number): string {
  return n.toString(36).padStart(width, '0');
}

/** chant's `parse_base36` (lowercase digits only). */
function parseBase36(text: string): number | undefined {
  if (text === '' || [...text].some((c) => !BASE36.includes(c))) {
    return undefined;
  }
  return [...text].reduce((n, c) => n * 36 + BASE36.indexOf(c), 0);
}

/**
 * chant's `generate_id`: the highest sequence among `.chant/specs/` file names of that date
 * (members included, sub-folders and the archive not), plus one; then a random suffix.
 * `random` answers numbers in [0, 1), like `Math.random`.
 */
export function nextSpecId(fileNames: readonly string[], date: string, random: () => number): string {
  let max = 0;
  for (const name of fileNames) {
    if (!name.startsWith(date) || !name.endsWith('.md')) {
      continue;
    }
    const parts = name.slice(0, -'.md'.length).split('-');
    const seq = parts.length >= 5 ? parseBase36(parts[3]) : undefined;
    if (seq !== undefined) {
      max = Math.max(max, seq);
    }
  }
  let suffix = '';
  for (let i = 0; i < 3; i++) {
    suffix += BASE36[Math.floor(random() * 36) % 36];
  }
  return `${date}-${formatBase36(max + 1, 3)}-${suffix}`;
}

/** The file `chant add DESCRIPTION` writes (without a template, prompt or approval). */
export function specSkeleton(description: string): string {
  const { title, body } = splitDescription(description);
  return `---\ntype: code\nstatus: pending\n---\n\n# ${title}${body}\n`;
}

/**
 * chant's split of a description longer than 80 bytes: at the first newline, else after the
 * first period followed by a space or ending the text; the rest becomes the body.
 */
function splitDescription(description: string): { title: string; body: string } {
  if (Buffer.byteLength(description, 'utf8') <= 80) {
    return { title: description, body: '' };
  }
  let at = description.indexOf('\n');
  if (at < 0) {
    const period = /\.(?= |$)/.exec(description);
    at = period === null ? -1 : period.index + 1;
  }
  if (at < 0) {
    return { title: description, body: '' };
  }
  const rest = description.slice(at).trim();
  return rest === '' ? { title: description, body: '' } : { title: description.slice(0, at).trim(), body: `\n${rest}` };
}

/** The id in `chant add`'s first line of output (`Created <id>`), colours or not. */
export function createdId(stdout: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const plain = stdout.replace(/\u001b\[[0-9;]*m/g, '');
  return /^Created (\S+)/m.exec(plain)?.[1];
}
