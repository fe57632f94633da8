//! Test-only companion extension: when the workspace holds `chant-e2e.json`, it opens specs,
//! asks the chant-lsp extension's providers what a user would, and writes one result per check.
// Plain JavaScript, so the test needs no build step for it.

const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const WAIT_MS = 60000;

async function activate() {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder === undefined) {
    return;
  }
  const requestFile = path.join(folder.uri.fsPath, 'chant-e2e.json');
  if (!fs.existsSync(requestFile)) {
    return;
  }
  const request = JSON.parse(fs.readFileSync(requestFile, 'utf8'));
  const report = new Report(request.resultFile);
  try {
    await runChecks(folder.uri.fsPath, request, report);
  } catch (err) {
    report.check('probe', false, `stopped: ${err && err.stack ? err.stack : String(err)}`);
  }
  report.finish();
}

class Report {
  constructor(file) {
    this.file = file;
    this.checks = [];
    this.write(false);
  }
  check(name, ok, detail) {
    this.checks.push({ name, ok: Boolean(ok), detail: String(detail) });
    this.write(false);
    return Boolean(ok);
  }
  finish() {
    this.write(true);
  }
  write(done) {
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ done, checks: this.checks }, null, 2));
    fs.renameSync(tmp, this.file);
  }
}

/** Polls `probe` until it answers something truthy or the wait runs out; answers the last value. */
async function waitFor(probe, ms = WAIT_MS) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await probe();
    } catch (err) {
      last = undefined;
    }
    if (last || Date.now() > end) {
      return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function codeOf(diagnostic) {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

function lineOf(document, needle) {
  for (let i = 0; i < document.lineCount; i++) {
    if (document.lineAt(i).text.includes(needle)) {
      return i;
    }
  }
  return -1;
}

function titleLine(file) {
  return fs.readFileSync(file, 'utf8').split(/\r?\n/).findIndex((l) => l.startsWith('# '));
}

async function open(root, rel) {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(root, rel)));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

async function runChecks(root, request, report) {
  const extension = vscode.extensions.getExtension('chant-lsp.chant-lsp');
  const active = await waitFor(async () => extension && extension.isActive);
  if (!report.check('extension active', active, extension ? `isActive=${extension.isActive}` : 'not installed')) {
    return;
  }

  // (0) The server came from where the test expects (the binary bundled in the package when the
  // test runs with nothing on PATH and no setting).
  const server = await waitFor(async () => extension.exports && extension.exports.server);
  const inPackage = server !== undefined && server.path.startsWith(extension.extensionPath + path.sep);
  report.check(
    'server source',
    server !== undefined && server.source === request.serverSource && (server.source !== 'bundled' || inPackage),
    server ? `${server.source}: ${server.path}` : 'no server started',
  );

  // (1) Diagnostics on the spec: codes and 0-based lines, sorted.
  const spec = await open(root, request.spec);
  const seen = () =>
    vscode.languages
      .getDiagnostics(spec.uri)
      .map((d) => `${codeOf(d)}@${d.range.start.line}`)
      .sort();
  const want = [...request.specDiagnostics].sort();
  const same = await waitFor(async () => JSON.stringify(seen()) === JSON.stringify(want));
  report.check('diagnostics', same, `got ${JSON.stringify(seen())}, want ${JSON.stringify(want)}`);

  // (2) Go to definition on the depends_on id lands on the target spec's title line.
  const depLine = lineOf(spec, request.dependency);
  const depPos = new vscode.Position(depLine, spec.lineAt(depLine).text.indexOf(request.dependency) + 2);
  const targetFile = path.join(root, request.dependencyFile);
  const definitions = await waitFor(async () => {
    const found = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', spec.uri, depPos);
    return found && found.length > 0 ? found : undefined;
  });
  const first = definitions && definitions[0];
  const uri = first && (first.targetUri || first.uri);
  const range = first && (first.targetSelectionRange || first.targetRange || first.range);
  report.check(
    'definition',
    uri && uri.fsPath === targetFile && range.start.line === titleLine(targetFile),
    uri ? `${uri.fsPath}:${range.start.line}` : 'no definition',
  );

  // (3) Hover on the id previews the target spec.
  const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', spec.uri, depPos);
  const hoverText = (hovers || [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
  const targetTitle = fs.readFileSync(targetFile, 'utf8').split(/\r?\n/)[titleLine(targetFile)].slice(2);
  report.check('hover', hoverText.includes(targetTitle), hoverText.slice(0, 200) || 'no hover');

  // (4) UTF-16 positions: a finding after non-ASCII text on the same line.
  const criteria = await open(root, request.criteriaSpec);
  // The finding covers the quoted scalar, quotes included; JavaScript strings index in UTF-16.
  const quoted = `"${request.missingPath}"`;
  const pathLine = lineOf(criteria, quoted);
  const column = criteria.lineAt(pathLine).text.indexOf(quoted);
  const missing = await waitFor(async () =>
    vscode.languages.getDiagnostics(criteria.uri).find((d) => codeOf(d) === 'missing-file'),
  );
  const at = missing && `${missing.range.start.line}:${missing.range.start.character}`;
  report.check(
    'utf-16 columns',
    missing && missing.range.start.line === pathLine && missing.range.start.character === column,
    `missing-file at ${at}, the quoted path starts at ${pathLine}:${column}`,
  );

  // (5) "Mark done" is offered on the unchecked criterion, and applying it checks the box.
  const boxLine = lineOf(criteria, '- [ ] one');
  const boxRange = new vscode.Range(boxLine, 0, boxLine, 0);
  const actions = async () =>
    (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', criteria.uri, boxRange)) || [];
  const done = await waitFor(async () => (await actions()).find((a) => a.title === 'Mark done'));
  const titles = (await actions()).map((a) => a.title);
  report.check('code action offered', done && done.edit, `actions: ${JSON.stringify(titles)}`);
  if (done && done.edit) {
    await vscode.workspace.applyEdit(done.edit);
    const text = criteria.lineAt(boxLine).text;
    report.check('code action applied', text === '- [x] one', `line now "${text}"`);
  }

  // (6) A research note (markdown that is not a spec) is attached too: references list the
  // specs that name it in their frontmatter (which VS Code's markdown support cannot see), and
  // the note itself as the declaration.
  const research = await open(root, request.research);
  const references =
    (await vscode.commands.executeCommand('vscode.executeReferenceProvider', research.uri, new vscode.Position(0, 0))) ||
    [];
  const referring = [...new Set(references.map((l) => path.relative(root, l.uri.fsPath)))].sort();
  report.check(
    'references to a research note',
    JSON.stringify(referring) === JSON.stringify([...request.researchReferrers].sort()),
    JSON.stringify(referring),
  );

  // (7) The spec's code lenses run the extension's client-side command (the references peek).
  await vscode.window.showTextDocument(spec, { preview: false });
  const lenses = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', spec.uri)) || [];
  const peek = lenses.find((l) => l.command && l.command.command === 'chant-lsp.showReferences');
  let peeked = 'no lens with chant-lsp.showReferences';
  if (peek) {
    await vscode.commands.executeCommand(peek.command.command, ...(peek.command.arguments || []));
    peeked = `"${peek.command.title}" ran`;
  }
  report.check('code lens references', peek !== undefined, peeked);

  // (8) The extension's own command writes the PR description section into the spec.
  await vscode.window.showTextDocument(spec, { preview: false });
  const filled = await vscode.commands.executeCommand('chantLsp.fillPrDescription');
  const section = lineOf(spec, '## Prepared PR Description');
  report.check('fill PR description', filled === true && section >= 0, `applied=${filled}, section line ${section}`);

  // (9) "Copy PR description" answers the markdown it put on the clipboard.
  const copied = await vscode.commands.executeCommand('chantLsp.copyPrDescription');
  report.check(
    'copy PR description',
    typeof copied === 'string' && copied.includes(request.prDescriptionMentions),
    typeof copied === 'string' ? copied.slice(0, 120) : String(copied),
  );

  // (10) The "Chant Specs" tree, read through the extension's exported tree provider: the
  // groups with their counts, and the blocker under the blocked spec.
  const graph = extension.exports.graph;
  const outline = () => treeOutline(graph.tree);
  const treeSame = await waitFor(async () => JSON.stringify(outline()) === JSON.stringify(request.tree));
  report.check('specs tree', treeSame, `got ${JSON.stringify(outline())}, want ${JSON.stringify(request.tree)}`);
  report.check(
    'status bar counts',
    graph.tree.statusText === request.statusBar,
    `got "${graph.tree.statusText}", want "${request.statusBar}"`,
  );

  // (11) "Show Dependency Graph" opens a webview whose SVG has one node per graph node (the
  // webview counts its <g class="node"> elements after drawing and posts the number back).
  await vscode.commands.executeCommand('chantLsp.showDependencyGraph');
  const whole = await waitFor(async () => graph.lastRender && graph.lastRender.spec === undefined && graph.lastRender);
  report.check(
    'dependency graph webview',
    whole &&
      whole.svgNodes === request.graphNodes &&
      whole.graphNodes === request.graphNodes &&
      whole.svgOpenable === whole.graphOpenable,
    whole
      ? `svg nodes ${whole.svgNodes}, graph nodes ${whole.graphNodes}, want ${request.graphNodes}; ` +
          `clickable ${whole.svgOpenable}, with a path ${whole.graphOpenable}`
      : 'nothing drawn',
  );

  // (11b) The graph view: readable labels at 100 %, and zoom, search, the status filter and
  // "focus current spec" each change what the webview shows (it reports its view after each).
  await graphViewChecks(graph.lastGraphPanel, request, report);

  // (12) "Show Graph of This Spec" draws the spec's neighbourhood.
  const blocked = await open(root, request.blockedSpec);
  await vscode.commands.executeCommand('chantLsp.showSpecGraph', blocked.uri);
  const focused = await waitFor(async () => graph.lastRender && graph.lastRender.spec !== undefined && graph.lastRender);
  report.check(
    'spec graph webview',
    focused && focused.svgNodes === request.specGraphNodes && focused.graphNodes === request.specGraphNodes,
    focused
      ? `${focused.spec}: svg nodes ${focused.svgNodes}, graph nodes ${focused.graphNodes}, want ${request.specGraphNodes}`
      : 'nothing drawn',
  );

  // (13) A click on a node opens its spec (the webview posts the node's id; the click itself
  // happens in the browser, which the probe cannot reach, so the probe sends the same id).
  const opened = await graph.openNode(request.openNode.id);
  const editorFile = vscode.window.activeTextEditor && vscode.window.activeTextEditor.document.uri.fsPath;
  report.check(
    'graph node opens its spec',
    opened === true && editorFile === path.join(root, request.openNode.file),
    `opened=${opened}, active editor ${editorFile}`,
  );

  // (14) An edit that changes a spec's status refreshes the tree (the server's indexChanged).
  const running = await open(root, request.editSpec.file);
  const statusLine = lineOf(running, request.editSpec.from);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(running.uri, running.lineAt(statusLine).range, request.editSpec.to);
  await vscode.workspace.applyEdit(edit);
  const refreshed = await waitFor(async () => JSON.stringify(outline()) === JSON.stringify(request.treeAfterEdit));
  report.check(
    'specs tree refreshed',
    refreshed,
    `got ${JSON.stringify(outline())}, want ${JSON.stringify(request.treeAfterEdit)}`,
  );

  // (15) "Restart Server" brings up a new server that answers again.
  await vscode.commands.executeCommand('chantLsp.restartServer');
  const again = await waitFor(async () => {
    const found = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', spec.uri, depPos);
    return found && found.length > 0 ? found : undefined;
  });
  report.check('restart server', again !== undefined, again ? 'definition answered after the restart' : 'no answer');

  // (16) chant's CLI on a spec, through the recording stand-in named in chantLsp.chant.path.
  await actionChecks(root, request, report, graph);
}

async function graphViewChecks(panel, request, report) {
  if (!report.check('graph panel', panel !== undefined, panel ? 'open' : 'no graph panel')) {
    return;
  }
  const render = panel.lastRender;
  report.check('graph layout time', render && render.layoutMs >= 0, render ? `${render.layoutMs} ms` : 'not drawn');
  const actual = await panel.command('actual');
  report.check(
    'graph labels at 100 %',
    actual.zoom === 100 && actual.labelPx >= 11,
    `zoom ${actual.zoom} %, label ${actual.labelPx} px`,
  );
  const zoomed = await panel.command('zoomIn');
  report.check(
    'graph zoom',
    zoomed.zoom === 150 && zoomed.labelPx > actual.labelPx && (zoomed.x !== actual.x || zoomed.y !== actual.y),
    `zoom ${zoomed.zoom} %, label ${zoomed.labelPx} px, at ${zoomed.x},${zoomed.y} (was ${actual.x},${actual.y})`,
  );
  const found = await panel.command('search', request.graphSearch.text);
  report.check(
    'graph search',
    JSON.stringify(found.matches) === JSON.stringify(request.graphSearch.matches) &&
      found.dimmed === request.graphNodes - found.matches.length,
    `matches ${JSON.stringify(found.matches)}, dimmed ${found.dimmed} of ${request.graphNodes}`,
  );
  await panel.command('search', '');
  const filtered = await panel.command('filter', 'completed');
  report.check(
    'graph status filter',
    filtered.dimmed === request.graphNodes - request.graphCompleted,
    `dimmed ${filtered.dimmed}, want ${request.graphNodes - request.graphCompleted}`,
  );
  await panel.command('filter', '');
  const before = await panel.command('fit');
  const focused = await panel.command('focus');
  report.check(
    'graph focus current spec',
    focused.focused === request.graphFocus && focused.zoom >= 100 && (focused.x !== before.x || focused.y !== before.y),
    `focused ${focused.focused} at ${focused.zoom} %, ${focused.x},${focused.y} (fit was ${before.x},${before.y})`,
  );
}

/** The stand-in's log: one JSON object `{ args, cwd }` per run. */
function recorded(file) {
  return fs.existsSync(file)
    ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line))
    : [];
}

async function actionChecks(root, request, report, graph) {
  const actions = graph.actions;
  report.check('chant found', actions.chantPath === request.chant.path, `chant: ${actions.chantPath}`);
  if (request.screenshots) {
    await screenshots(root, request, graph);
  }
  const ran = async (want) =>
    waitFor(async () => recorded(request.chant.record).find((r) => JSON.stringify(r.args) === JSON.stringify(want)), 30000);
  const lensOn = async (rel, command) => {
    const doc = await open(root, rel);
    const lens = await waitFor(async () => {
      const lenses = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri)) || [];
      return lenses.find((l) => l.command && l.command.command === command);
    });
    return { doc, lens };
  };
  for (const want of request.chant.lenses) {
    const { doc, lens } = await lensOn(want.file, want.command);
    const line = lens && lens.range.start.line;
    const title = lens && lens.command.title;
    let detail = lens ? `"${title}" on line ${line}` : 'no lens';
    let ok = lens !== undefined && title === want.title && line === titleLine(path.join(root, want.file));
    if (lens) {
      const sent = await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments || []), want.options);
      const run = await ran(want.args);
      ok = ok && sent === want.line && run !== undefined && run.cwd === root;
      detail += `; typed "${sent}"; ran ${run ? `${JSON.stringify(run.args)} in ${run.cwd}` : 'nothing'}`;
    }
    report.check(`lens ${want.title} on ${path.basename(doc.uri.fsPath)}`, ok, detail);
  }
  // The tree's context menu passes the tree item.
  const specItem = (id) => {
    for (const group of graph.tree.getChildren()) {
      const found = graph.tree.getChildren(group).find((s) => s.node && s.node.id === id);
      if (found) return found;
    }
    return undefined;
  };
  const item = specItem(request.chant.menu.id);
  const menuLine = item && (await vscode.commands.executeCommand('chantLsp.cancel', item));
  const menuRun = item && (await ran(['cancel', request.chant.menu.id]));
  report.check(
    'tree menu: cancel',
    menuLine === `${request.chant.path} cancel ${request.chant.menu.id}` && menuRun !== undefined,
    `typed "${menuLine}", ran ${menuRun ? JSON.stringify(menuRun.args) : 'nothing'}`,
  );
  // The palette acts on the spec in the editor.
  await open(root, request.chant.palette.file);
  const paletteLine = await vscode.commands.executeCommand('chantLsp.show');
  const paletteRun = await ran(['show', request.chant.palette.id]);
  report.check(
    'palette: show',
    paletteLine === `${request.chant.path} show ${request.chant.palette.id}` && paletteRun !== undefined,
    `typed "${paletteLine}", ran ${paletteRun ? JSON.stringify(paletteRun.args) : 'nothing'}`,
  );
  const names = vscode.window.terminals.map((t) => t.name);
  report.check('terminals named after the specs', request.chant.terminals.every((n) => names.includes(n)), JSON.stringify(names));

  // New Spec with chant: `chant add TITLE`, then the spec chant created is open.
  const added = await vscode.commands.executeCommand('chantLsp.newSpec', request.chant.newTitle);
  const addRun = await ran(['add', request.chant.newTitle]);
  const active = vscode.window.activeTextEditor && vscode.window.activeTextEditor.document.uri.fsPath;
  report.check(
    'new spec with chant',
    addRun !== undefined && added && active === path.join(root, request.chant.addedFile),
    `ran ${addRun ? JSON.stringify(addRun.args) : 'nothing'}; active editor ${active}`,
  );

  // Without chant: no action lenses, the tree says how to install it, New Spec writes the file.
  // The workspace's settings override the machine's (where the test named the stand-in).
  await vscode.workspace.getConfiguration('chantLsp').update('chant.path', '', vscode.ConfigurationTarget.Workspace);
  const gone = await waitFor(async () => actions.chantPath === undefined);
  const ready = await open(root, request.chant.lenses[0].file);
  const lenses = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', ready.uri)) || [];
  const actionLenses = lenses.filter((l) => l.command && /^chantLsp\.(work|approve|finalize)$/.test(l.command.command));
  report.check(
    'no chant: actions hidden',
    gone && actionLenses.length === 0 && (graph.treeMessage || '').includes('install'),
    `chant ${actions.chantPath}, action lenses ${actionLenses.length}, tree message "${graph.treeMessage}"`,
  );
  const written = await vscode.commands.executeCommand('chantLsp.newSpec', request.chant.newTitle);
  const writtenFile = written && written.fsPath;
  const text = writtenFile && fs.existsSync(writtenFile) ? fs.readFileSync(writtenFile, 'utf8') : '';
  const activeNow = vscode.window.activeTextEditor && vscode.window.activeTextEditor.document.uri.fsPath;
  report.check(
    'new spec without chant',
    writtenFile !== undefined &&
      new RegExp(request.chant.idPattern).test(path.basename(writtenFile, '.md')) &&
      path.dirname(writtenFile) === path.join(root, '.chant', 'specs') &&
      text === request.chant.skeleton &&
      activeNow === writtenFile,
    `${writtenFile}: ${JSON.stringify(text)}; active editor ${activeNow}`,
  );
}

/** The README's pictures: the probe sets the scene, shoot.mjs captures the page. */
async function screenshots(root, request, graph) {
  const dir = request.screenshots;
  const shoot = async (name) => {
    await new Promise((resolve) => setTimeout(resolve, 2500));
    fs.writeFileSync(path.join(dir, `${name}.request`), '');
    await waitFor(async () => fs.existsSync(path.join(dir, `${name}.done`)), 60000);
    fs.rmSync(path.join(dir, `${name}.done`), { force: true });
  };
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
  await vscode.commands.executeCommand('workbench.files.action.collapseExplorerFolders');
  const spec = await open(root, request.chant.lenses[0].file);
  await vscode.commands.executeCommand('chantLsp.specs.focus');
  await waitFor(async () => {
    const lenses = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', spec.uri)) || [];
    return lenses.some((l) => l.command && l.command.command === 'chantLsp.work');
  });
  await shoot('vscode-tree-and-lenses');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('chantLsp.showDependencyGraph');
  await waitFor(async () => graph.lastRender && graph.lastRender.spec === undefined);
  await vscode.commands.executeCommand('workbench.action.joinAllGroups');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await graph.lastGraphPanel.command('fit');
  await shoot('vscode-graph');
  fs.writeFileSync(path.join(dir, 'finished'), '');
}

/** The tree as `label: child, child` lines, a blocked spec's blockers in brackets. */
function treeOutline(tree) {
  const label = (item) => {
    const l = tree.getTreeItem(item).label;
    return typeof l === 'string' ? l : l.label;
  };
  return tree.getChildren().map((group) => {
    const specs = tree.getChildren(group).map((spec) => {
      const blockers = tree.getChildren(spec).map(label);
      return blockers.length > 0 ? `${label(spec)} [${blockers.join(', ')}]` : label(spec);
    });
    return `${label(group)}: ${specs.join(', ')}`;
  });
}

module.exports = { activate, deactivate() {} };
