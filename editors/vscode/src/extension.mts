//! The VS Code extension's entry point: starts chant-lsp over stdio for chant workspaces and
//! registers the extension's commands.

import { type ChildProcess, spawn } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

import { registerCommands } from './commands.mts';
import { isDirectory, isExecutable } from './files.mts';
import { GraphFeatures, indexChangedCapability } from './graphFeatures.mts';
import { chantRoots, documentSelector, folderRoot } from './selector.mts';
import { LineSplitter, parseLogLine } from './serverLog.mts';
import { resolveServerPath, type ServerSource } from './serverPath.mts';
import { needsRestart, serverSettings } from './settings.mts';

const CLIENT_ID = 'chantLsp';
const CLIENT_NAME = 'chant-lsp';
const SOURCE_NAMES: Record<ServerSource, string> = {
  setting: 'chantLsp.server.path',
  bundled: 'bundled with the extension',
  PATH: 'found on PATH',
  cargo: "found in Cargo's bin folder",
};

/** The running client, if any; commands read it through `Session`. */
export class Session {
  client: LanguageClient | undefined;
  /** The binary the running client started, and where the lookup found it (the tests read it). */
  server: { path: string; source: ServerSource } | undefined;
  private process: ChildProcess | undefined;
  private lifecycle: Promise<void> = Promise.resolve();
  readonly output: vscode.LogOutputChannel;
  /** The specs tree, status bar and graph webviews (the tests read them). */
  readonly graph: GraphFeatures;
  private readonly context: vscode.ExtensionContext;

  constructor(context: vscode.ExtensionContext) {
    this.context = context;
    this.output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
    this.graph = new GraphFeatures(context.extensionUri, this.output);
    context.subscriptions.push(this.graph);
  }

  async start(): Promise<void> {
    const roots = await findChantRoots();
    if (roots.length === 0) {
      this.output.info('no folder with a .chant/ directory is open; chant-lsp is not started');
      return;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const config = vscode.workspace.getConfiguration(CLIENT_ID);
    const resolved = resolveServerPath(config.get<string>('server.path'), {
      pathVariable: process.env.PATH,
      home: os.homedir() || undefined,
      cargoHome: process.env.CARGO_HOME,
      extensionDir: this.context.extensionPath,
      workspaceFolder: folder,
      platform: process.platform,
      isExecutable,
    });
    if (!resolved.ok) {
      this.output.error(resolved.message);
      void reportMissingServer(resolved.message);
      return;
    }
    const { settings, problems } = serverSettings((key) => config.get(key));
    for (const problem of problems) {
      this.output.warn(problem);
    }
    this.output.info(`starting ${resolved.path} (${SOURCE_NAMES[resolved.source]}) for ${roots.join(', ')}`);
    const command = resolved.path;
    this.server = { path: resolved.path, source: resolved.source };
    // Spawned here rather than by the client so the server's stderr reaches the log channel
    // with each line's own level (the client would log every stderr line as an error).
    const server: ServerOptions = async () => {
      const child = spawn(command, ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      this.process = child;
      this.forwardStderr(child);
      return { reader: child.stdout!, writer: child.stdin! };
    };
    const options: LanguageClientOptions = {
      documentSelector: documentSelector(roots, process.platform),
      initializationOptions: settings,
      outputChannel: this.output,
      // The server reads `chantLsp.*` from didChangeConfiguration; unknown keys are ignored there.
      synchronize: { configurationSection: CLIENT_ID },
    };
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, server, options);
    client.registerFeature(indexChangedCapability);
    this.client = client;
    try {
      await client.start();
      this.graph.attach(client, roots);
    } catch (err) {
      this.output.error(`chant-lsp did not start: ${String(err)}`);
      void vscode.window.showErrorMessage(`chant-lsp did not start: ${String(err)}`, 'Show Output').then((pick) => {
        if (pick !== undefined) {
          this.output.show();
        }
      });
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    const child = this.process;
    this.client = undefined;
    this.process = undefined;
    this.server = undefined;
    this.graph.detach();
    if (client !== undefined) {
      try {
        await client.stop();
      } catch (err) {
        this.output.warn(`stopping chant-lsp: ${String(err)}`);
      }
    }
    // The server exits on `exit`; one that does not answer is not left behind.
    if (child !== undefined && child.exitCode === null) {
      child.kill();
    }
  }

  private forwardStderr(child: ChildProcess): void {
    const lines = new LineSplitter();
    const log = (line: string) => {
      const { level, text } = parseLogLine(line);
      this.output[level](`[server] ${text}`);
    };
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => lines.push(chunk).forEach(log));
    child.on('exit', (code, signal) => {
      lines.flush().forEach(log);
      if (code !== 0 && code !== null) {
        this.output.error(`chant-lsp exited with code ${code}`);
      } else if (signal !== null) {
        this.output.warn(`chant-lsp stopped by ${signal}`);
      }
    });
    child.on('error', (err) => this.output.error(`chant-lsp: ${String(err)}`));
  }

  /** Stops and starts again; restarts asked for while one runs wait their turn. */
  restart(): Promise<void> {
    this.lifecycle = this.lifecycle
      .then(() => this.stop())
      .then(() => this.start())
      .catch((err: unknown) => this.output.error(`restarting chant-lsp: ${String(err)}`));
    return this.lifecycle;
  }

  subscribe(item: vscode.Disposable): void {
    this.context.subscriptions.push(item);
  }
}

let session: Session | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<Session> {
  session = new Session(context);
  const current = session;
  context.subscriptions.push(current.output);
  registerCommands(current);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (needsRestart((section) => event.affectsConfiguration(section))) {
        void current.restart();
      }
    }),
    // A folder added or removed may add or remove a chant root, which changes the selector.
    vscode.workspace.onDidChangeWorkspaceFolders(() => void current.restart()),
  );
  await current.restart();
  return current;
}

export async function deactivate(): Promise<void> {
  await session?.stop();
  session = undefined;
}

async function findChantRoots(): Promise<string[]> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  const found: string[] = [];
  const hasChantDir = (dir: string) => isDirectory(path.join(dir, '.chant'));
  for (const folder of folders) {
    // Only a folder outside every chant root is searched for projects below it: what a search
    // finds under a root folds into that root anyway.
    if (folderRoot(folder.uri.fsPath, hasChantDir, process.platform) !== undefined) {
      continue;
    }
    const pattern = new vscode.RelativePattern(folder, '**/.chant/{config.md,specs/*.md}');
    const files = await vscode.workspace.findFiles(pattern, '**/{node_modules,target,.git}/**', 50);
    found.push(...files.map((uri) => uri.fsPath));
  }
  return chantRoots(
    folders.map((f) => f.uri.fsPath),
    found,
    hasChantDir,
    process.platform,
  );
}

async function reportMissingServer(message: string): Promise<void> {
  const pick = await vscode.window.showErrorMessage(message, 'Open Settings', 'Show Output');
  if (pick === 'Open Settings') {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'chantLsp.server.path');
  } else if (pick === 'Show Output') {
    session?.output.show();
  }
}
