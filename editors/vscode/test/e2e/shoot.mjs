//! Takes the README's pictures of the extension: waits for the probe to ask for a picture
//! (`NAME.request` in the pictures folder), captures the workbench page in headless Chromium over
//! the DevTools protocol into `NAME.png`, and answers with `NAME.done`. Stops at `finished`.
//
//   node shoot.mjs CHROMIUM_PROFILE_DIR PICTURES_DIR
import * as fs from 'node:fs';
import * as path from 'node:path';

import { connect, sleep } from './cdp.mjs';

const [profile, dir] = process.argv.slice(2);
const { send, close } = await connect(profile, 'http://127.0.0.1');

for (;;) {
  if (fs.existsSync(path.join(dir, 'finished'))) break;
  const request = fs.readdirSync(dir).find((f) => f.endsWith('.request'));
  if (request === undefined) {
    await sleep(200);
    continue;
  }
  const name = request.slice(0, -'.request'.length);
  const shot = await send('Page.captureScreenshot', { format: 'png' });
  fs.writeFileSync(path.join(dir, `${name}.png`), Buffer.from(shot.data, 'base64'));
  fs.rmSync(path.join(dir, request));
  fs.writeFileSync(path.join(dir, `${name}.done`), '');
  console.log(`== vscode screenshots: ${name}.png`);
}
fs.rmSync(path.join(dir, 'finished'));
close();
