//! Checks the shapes of JSON values the server sends to the extension's commands.
// Pure (no `vscode` import) so it is unit-tested without an editor.

export interface Position {
  line: number;
  character: number;
}

export interface Location {
  uri: string;
  range: { start: Position; end: Position };
}

export interface ShowReferencesArgs {
  uri: string;
  position: Position;
  locations: Location[];
}

/** `[uri, position, locations]`, the argument list of the server's `chant-lsp.showReferences`. */
export function parseShowReferences(args: readonly unknown[]): ShowReferencesArgs | undefined {
  const [uri, position, locations] = args;
  if (typeof uri !== 'string' || !isPosition(position) || !Array.isArray(locations)) {
    return undefined;
  }
  if (!locations.every(isLocation)) {
    return undefined;
  }
  return { uri, position, locations };
}

/** The `markdown` of a `chant-lsp.prDescription` answer; undefined for `null` or a bad shape. */
export function prMarkdown(answer: unknown): string | undefined {
  if (typeof answer !== 'object' || answer === null) {
    return undefined;
  }
  const markdown = (answer as { markdown?: unknown }).markdown;
  return typeof markdown === 'string' ? markdown : undefined;
}

function isPosition(value: unknown): value is Position {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const v = value as Record<string, unknown>;
  return Number.isInteger(v.line) && Number.isInteger(v.character);
}

function isLocation(value: unknown): value is Location {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const v = value as Record<string, unknown>;
  const range = v.range as Record<string, unknown> | undefined;
  return typeof v.uri === 'string' && range !== undefined && isPosition(range.start) && isPosition(range.end);
}
