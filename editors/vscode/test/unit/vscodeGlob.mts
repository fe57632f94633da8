//! Test helper: the part of VS Code's glob matching (src/vs/base/common/glob.ts) that the
//! extension's document selector patterns use, so tests can check a pattern against the
//! `Uri.fsPath` VS Code would match it with, on any platform.
// Rules copied from that file: the pattern splits on `/`; a `/` between segments matches `/` or
// `\`; `**` spans folders; `*` and `?` stay inside one segment; `[...]` is a character class;
// everything else (backslashes too) is literal; the match is case-sensitive.

const SEP = '[/\\\\]';
const NOT_SEP = '[^/\\\\]';

export function vscodeGlobMatches(pattern: string, fsPath: string): boolean {
  return new RegExp(`^${globRegExp(pattern)}$`).test(fsPath);
}

function globRegExp(pattern: string): string {
  const segments = pattern.split('/');
  let out = '';
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '**') {
      out += `(?:${SEP}|${NOT_SEP}+${SEP}${last ? `|${SEP}${NOT_SEP}+` : ''})*?`;
      return;
    }
    out += segmentRegExp(segment);
    const next = segments[index + 1];
    if (!last && (next !== '**' || index + 2 < segments.length)) {
      out += SEP;
    }
  });
  return out;
}

function segmentRegExp(segment: string): string {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i];
    if (ch === '[') {
      const end = segment.indexOf(']', i + 2);
      out += `[${escape(segment.slice(i + 1, end))}]`;
      i = end;
    } else if (ch === '*') {
      out += `${NOT_SEP}*?`;
    } else if (ch === '?') {
      out += NOT_SEP;
    } else if (ch === '{') {
      throw new Error(`braces are not used by the extension's patterns: ${segment}`);
    } else {
      out += escape(ch);
    }
  }
  return out;
}

function escape(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}
