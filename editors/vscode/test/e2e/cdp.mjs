//! A minimal Chrome DevTools Protocol client for the browser tests: finds the port headless
//! Chromium chose (`--remote-debugging-port=0` writes it to the profile's DevToolsActivePort),
//! attaches to the page whose address starts with `urlPrefix`, and sends commands.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it answers something truthy; throws after `ms`. */
export async function until(probe, what, ms = 120000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/** `send(method, params)` answers the command's result; the socket closes with `close()`. */
export async function connect(profile, urlPrefix) {
  const port = await until(
    async () => fs.readFileSync(path.join(profile, 'DevToolsActivePort'), 'utf8').split('\n')[0],
    'DevToolsActivePort',
  );
  const page = await until(async () => {
    const targets = await (await fetch(`http://127.0.0.1:${port}/json`)).json();
    return targets.find((t) => t.type === 'page' && t.url.startsWith(urlPrefix));
  }, `a page at ${urlPrefix}`);
  const socket = new WebSocket(page.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let next = 0;
  const pending = new Map();
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data);
    const resolve = pending.get(message.id);
    if (resolve) {
      pending.delete(message.id);
      resolve(message);
    }
  };
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = ++next;
      pending.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)));
      socket.send(JSON.stringify({ id, method, params }));
    });
  return { send, close: () => socket.close() };
}
