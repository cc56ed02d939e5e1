// Copies the dashboard's browser libraries from node_modules into the webroot (run after `npm ci`).
// The copies are committed so `mvn verify` needs neither npm nor a CDN.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, '..', 'resources', 'webroot', 'vendor');
mkdirSync(target, { recursive: true });
const files = [
  ['sockjs-client/dist/sockjs.min.js', 'sockjs.min.js'],
  ['@vertx/eventbus-bridge-client.js/vertx-eventbus.js', 'vertx-eventbus.js'],
  ['uplot/dist/uPlot.iife.min.js', 'uPlot.iife.min.js'],
  ['uplot/dist/uPlot.min.css', 'uPlot.min.css'],
];
for (const [from, to] of files) {
  copyFileSync(join(here, 'node_modules', from), join(target, to));
  console.log(`vendored ${from} -> webroot/vendor/${to}`);
}
