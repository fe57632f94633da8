//! Turns the server's stderr (tracing lines: `<time>  INFO <target>: <message>`) into leveled
//! lines for VS Code's log channel, so an INFO line does not show up as an error.
// Pure (no `vscode` import) so it is unit-tested without an editor.

export type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export interface LogLine {
  level: Level;
  /** The line without the server's own timestamp and level (the channel adds its own). */
  text: string;
}

const TRACING_LINE = /^\S+Z\s+(TRACE|DEBUG|INFO|WARN|ERROR)\s+(.*)$/;

/** One stderr line; a line in another shape (a panic message, say) is reported as an error. */
export function parseLogLine(line: string): LogLine {
  const match = TRACING_LINE.exec(line);
  if (match === null) {
    return { level: 'error', text: line };
  }
  return { level: match[1].toLowerCase() as Level, text: match[2] };
}

/** Cuts a byte stream's text into whole lines; keeps the unfinished tail for the next chunk. */
export class LineSplitter {
  private pending = '';

  push(chunk: string): string[] {
    const text = this.pending + chunk;
    const lines = text.split(/\r?\n/);
    this.pending = lines.pop() ?? '';
    return lines.filter((l) => l.length > 0);
  }

  flush(): string[] {
    const rest = this.pending;
    this.pending = '';
    return rest.length > 0 ? [rest] : [];
  }
}
