// The views, in the order of the navigation. A view is
// { id, hash, label (an i18n key), mount(main) → { update(reason), unmount() },
//   focus?(rest) } and reads the shared state (state.js). A new view is one
// more module here.

import plan from './plan.js';
import compare from './compare.js';
import meeting from './meeting.js';
import vote from './vote.js';
import exportView from './export.js';

export const views = [plan, compare, meeting, vote, exportView];

export function viewForHash(hash) {
  const [name, ...rest] = hash.replace(/^#/, '').split('-');
  const view = views.find((v) => v.hash === name) ?? views[0];
  return { view, rest: rest.join('-') };
}
