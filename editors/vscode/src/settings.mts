//! Turns the extension's settings into the object chant-lsp reads (initializationOptions and
//! workspace/didChangeConfiguration): `{ chantLsp: { diagnostics: { severity }, includeArchive } }`.
// Pure (no `vscode` import) so it is unit-tested without an editor.

export const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'] as const;
export type SeveritySetting = (typeof SEVERITIES)[number];

/** The settings the server understands, as the server expects them. */
export interface ServerSettings {
  chantLsp: {
    diagnostics: { severity: Record<string, SeveritySetting> };
    includeArchive: boolean;
  };
}

/** Reads one setting below `chantLsp.`; `vscode.workspace.getConfiguration('chantLsp').get`. */
export type SettingReader = (key: string) => unknown;

/** Keeps only entries the server accepts, so a typo shows up here as a warning, not as silence. */
export function serverSettings(read: SettingReader): { settings: ServerSettings; problems: string[] } {
  const problems: string[] = [];
  const severity: Record<string, SeveritySetting> = {};
  const raw = read('diagnostics.severity');
  if (raw !== undefined && raw !== null) {
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push('chantLsp.diagnostics.severity must be an object of code → severity');
    } else {
      for (const [code, value] of Object.entries(raw as Record<string, unknown>)) {
        const level = typeof value === 'string' ? value.toLowerCase() : value;
        if (typeof level === 'string' && (SEVERITIES as readonly string[]).includes(level)) {
          severity[code] = level as SeveritySetting;
        } else {
          problems.push(
            `chantLsp.diagnostics.severity.${code}: "${String(value)}" is not one of ${SEVERITIES.join(', ')}`,
          );
        }
      }
    }
  }
  const includeArchive = read('includeArchive') === true;
  return { settings: { chantLsp: { diagnostics: { severity }, includeArchive } }, problems };
}

/** Whether a configuration change touches a setting that needs a new server process. */
export function needsRestart(affects: (section: string) => boolean): boolean {
  return affects('chantLsp.server.path');
}
