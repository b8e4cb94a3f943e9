// Fields of a case file that the engine does not know (written by another
// tool, a newer version, or misspelt by hand): found when a case is opened
// and put back, each into the struct it was in, in every case file the app
// writes, so that opening and saving a case never drops a field. The same
// walk as the core's `fields` module (which the command-line tool uses),
// over the shape the engine gives (`caseShape`).

/** The unknown fields of case object `obj`: {path, holder, field, didYouMean, value}. */
export function unknownFields(obj, shape, nearest) {
  const out = [];
  walk(obj, shape, [], out, nearest);
  return out;
}

function walk(v, shape, holder, out, nearest) {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return;
  for (const [k, value] of Object.entries(v)) {
    if (!shape.fields.includes(k)) {
      out.push({ path: pathOf(holder, k), holder: [...holder], field: k, didYouMean: nearest(k, shape.fields) ?? null, value });
      continue;
    }
    const child = shape.children.find((c) => c.field === k);
    if (!child) continue;
    holder.push({ field: k });
    if (child.list) {
      (Array.isArray(value) ? value : []).forEach((item, index) => {
        holder.push(typeof item?.id === 'string' ? { id: item.id } : { index });
        walk(item, child.shape, holder, out, nearest);
        holder.pop();
      });
    } else {
      walk(value, child.shape, holder, out, nearest);
    }
    holder.pop();
  }
}

function pathOf(holder, field) {
  let s = '';
  for (const step of holder) {
    if ('field' in step) s += s ? `.${step.field}` : step.field;
    else s += `[${'id' in step ? step.id : step.index}]`;
  }
  return s ? `${s}.${field}` : field;
}

/** Case file text `json` with the unknown fields put back (two-space JSON, as the engine writes it). */
export function restoreFields(json, unknown) {
  if (unknown.length === 0) return json;
  const obj = JSON.parse(json);
  for (const u of unknown) {
    const holder = find(obj, u.holder);
    if (holder && typeof holder === 'object' && !Array.isArray(holder) && !(u.field in holder)) holder[u.field] = u.value;
  }
  return `${JSON.stringify(obj, null, 2)}\n`;
}

/** The structs a case leaves out when they hold only defaults (as in the engine's fields.rs). */
const EMPTY_OK = ['procedure', 'style', 'meeting', 'base'];

function find(v, holder) {
  for (const step of holder) {
    if (v === null || typeof v !== 'object') return null;
    if ('field' in step && !Array.isArray(v) && v[step.field] === undefined && EMPTY_OK.includes(step.field)) v[step.field] = {};
    if ('field' in step) v = Array.isArray(v) ? undefined : v[step.field];
    else if ('index' in step) v = Array.isArray(v) ? v[step.index] : undefined;
    else v = Array.isArray(v) ? v.find((item) => item?.id === step.id) : undefined;
    if (v === undefined) return null;
  }
  return v;
}
