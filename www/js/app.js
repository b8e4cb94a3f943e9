import init, { Workspace } from '../pkg/amend.js';

await init();
const json = await (await fetch('examples/alingsas-ks-2023-217/case.json')).text();
const ws = new Workspace(json);
const main = document.getElementById('main');
main.replaceChildren();
for (const b of ws.blocks()) {
  const el = document.createElement(b.type === 'heading' ? `h${Math.min(b.level, 6)}` : 'p');
  el.textContent = b.text;
  main.append(el);
}
