// A generated plan for the browser benchmarks: 100 pages of Swedish-looking
// prose in chapters and sections, in amend's structured form (`#` headings,
// a form feed between pages), with 200 amendments that do not overlap
// (rewordings, deletions, sentences added at a section's end).

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = ('kommunen nämnden verksamheten ska bör kan planen arbetet kostnaderna lokaler skolor förskolor '
  + 'omsorgen invånarna budgeten resurser effektivt långsiktigt samverkan uppföljning ekonomin '
  + 'förvaltningen bolagen styrelsen utredningen åtgärder behov kvalitet inom genom samt också '
  + 'därför dessutom särskilt tydligt gemensamt årligen').split(' ');

export function generate(pages = 100, amendments = 200, seed = 217) {
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const sentence = (n) => {
    const words = Array.from({ length: 9 + Math.floor(r() * 10) }, () => pick(WORDS));
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    words.splice(3, 0, `punkt${n}`);
    return `${words.join(' ')}.`;
  };
  const lines = ['# Genererad plan för prestandamätning', ''];
  const paragraphs = []; // { n, section }
  const sections = [];
  let n = 0;
  let words = 0;
  const perPage = 420;
  let page = 1;
  for (let ch = 1; page <= pages; ch++) {
    lines.push(`## ${ch} Kapitel ${ch}`, '');
    for (let sec = 1; sec <= 6 && page <= pages; sec++) {
      const heading = `Avsnitt ${ch}.${sec}`;
      sections.push(heading);
      lines.push(`### ${heading}`, '');
      for (let p = 0; p < 5; p++) {
        const sentences = Array.from({ length: 3 + Math.floor(r() * 3) }, () => sentence(++n));
        paragraphs.push({ first: n - sentences.length + 1, last: n, section: heading });
        const text = sentences.join(' ');
        lines.push(text, '');
        words += text.split(' ').length;
        if (words > page * perPage) {
          lines.push('\f');
          page++;
        }
      }
    }
  }
  const members = [
    { id: 'aa', name: 'Anna Andersson', party: 'S' },
    { id: 'bb', name: 'Bo Berg', party: 'M' },
    { id: 'cc', name: 'Cecilia Ek', party: 'C' },
    { id: 'dd', name: 'David Lind', party: 'V' },
    { id: 'ee', name: 'Eva Strand', party: 'MP' },
  ];
  const list = [];
  const used = new Set();
  for (let i = 0; i < amendments; i++) {
    let p;
    do p = Math.floor(r() * paragraphs.length); while (used.has(p));
    used.add(p);
    const para = paragraphs[p];
    const k = para.first;
    const kind = i % 4;
    let op;
    if (kind === 0 || kind === 1) op = { action: 'replace', quote: `punkt${k}`, text: `punkt${k} och mer därtill` };
    else if (kind === 2) op = { action: 'delete', quote: `punkt${k + 1}` };
    else op = { action: 'insert', position: 'end', heading: para.section, as: 'sentence', text: `Ett tillägg nummer ${i}.` };
    if (kind === 3 && list.some((a) => a.ops[0].heading === para.section)) {
      op = { action: 'replace', quote: `punkt${k}`, text: `punkt${k} ändrad` };
    }
    const m = members[i % members.length];
    list.push({ id: `a${i + 1}`, proposer: m.id, kind: op.action === 'insert' ? 'addition' : 'change', wording: `Förslag ${i + 1}`, ops: [op] });
  }
  return JSON.stringify({
    format: 'amend/1',
    title: 'Genererad plan (100 sidor, 200 förslag)',
    plan: { format: 'structured', text: lines.join('\n') },
    members,
    amendments: list,
  });
}
