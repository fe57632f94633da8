//! Takes the README's pictures of the extension: waits for the probe to ask for a picture
//! (`NAME.request` in the pictures folder), captures the workbench page in headless Chromium over
//! the DevTools protocol into `NAME.png`, and answers with `NAME.done`. Stops at `finished`.
//
//   node shoot.mjs CHROMIUM_PROFILE_DIR PICTURES_DIR
import * as fs from 'node:fs';
import * as path from 'node:path';

const [profile, dir] = process.argv.slice(2);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(probe, what, ms = 120000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

// Chromium writes the port it chose (--remote-debugging-port=0) on the first line of this file.
const port = await until(async () => fs.readFileSync(path.join(profile, 'DevToolsActivePort'), 'utf8').split('\n')[0], 'DevToolsActivePort');
const page = await until(async () => {
  const targets = await (await fetch(`http://127.0.0.1:${port}/json`)).json();
  return targets.find((t) => t.type === 'page' && t.url.startsWith('http://127.0.0.1'));
}, 'the workbench page');
const socket = new WebSocket(page.webSocketDebuggerUrl);
await new Promise((resolve, reject) => {
  socket.onopen = resolve;
  socket.onerror = reject;
});
let next = 0;
const pending = new Map();
socket.onmessage = (event) => {
  const message = JSON.parse(event.data);
  pending.get(message.id)?.(message);
};
const send = (method, params = {}) =>
  new Promise((resolve) => {
    const id = ++next;
    pending.set(id, resolve);
    socket.send(JSON.stringify({ id, method, params }));
  });

for (;;) {
  if (fs.existsSync(path.join(dir, 'finished'))) break;
  const request = fs.readdirSync(dir).find((f) => f.endsWith('.request'));
  if (request === undefined) {
    await sleep(200);
    continue;
  }
  const name = request.slice(0, -'.request'.length);
  const shot = await send('Page.captureScreenshot', { format: 'png' });
  fs.writeFileSync(path.join(dir, `${name}.png`), Buffer.from(shot.result.data, 'base64'));
  fs.rmSync(path.join(dir, request));
  fs.writeFileSync(path.join(dir, `${name}.done`), '');
  console.log(`== vscode screenshots: ${name}.png`);
}
fs.rmSync(path.join(dir, 'finished'));
socket.close();
