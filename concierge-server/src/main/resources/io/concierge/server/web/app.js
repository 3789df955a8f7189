// Concierge dashboard: plain JavaScript over the JSON API (/openapi.json), no build step.
'use strict';

const TERMINAL = ['COMPLETED', 'FAILED', 'HALTED'];
const session = { token: sessionStorage.getItem('concierge.token') || '', timers: [], stream: null, view: 0 };

// ---------- helpers ----------

/** Builds an element: h('a', {href: '#'}, 'text', child...). Text is always text, never HTML. */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

class ApiError extends Error {
  constructor(status, kind, message) { super(message); this.status = status; this.kind = kind; }
}

async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (session.token) headers.Authorization = 'Bearer ' + session.token;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
  if (res.status === 401) showTokenBox();
  if (!res.ok) {
    const err = data && data.error ? data.error : { kind: 'http_' + res.status, message: res.status + ' ' + res.statusText };
    throw new ApiError(res.status, err.kind, err.message);
  }
  return data;
}

function errorBox(err) {
  return h('div', { class: 'error', role: 'alert' }, h('span', { class: 'kind' }, err.kind || 'error'), err.message || String(err));
}

function statusBadge(status) {
  return h('span', { class: 'status ' + status }, status);
}

function shortId(id) { return id.length > 14 ? id.slice(0, 14) + '…' : id; }
function time(iso) { return iso ? new Date(iso).toLocaleString() : ''; }
function clock(iso) { return iso ? new Date(iso).toISOString().slice(11, 23) : ''; }
function seconds(value) { return value === null || value === undefined ? '' : Number(value).toFixed(2) + ' s'; }
// An input value as text: the API sends typed values (false, 0.5) and null for an unset one.
function valueText(value) { return value === null || value === undefined ? '' : String(value); }
function bytes(n) { return n < 1024 ? n + ' B' : n < 1048576 ? (n / 1024).toFixed(1) + ' KiB' : (n / 1048576).toFixed(1) + ' MiB'; }

function every(ms, fn) {
  fn();
  session.timers.push(setInterval(fn, ms));
}

/** Replaces a container's content only when the data it shows changed, so typing is never lost. */
function update(container, data, render) {
  const signature = JSON.stringify(data);
  if (container.dataset.signature === signature) return;
  container.dataset.signature = signature;
  container.replaceChildren(...[].concat(render(data)));
}

function showTokenBox() {
  document.getElementById('token-box').hidden = false;
}

// ---------- routing ----------

function route() {
  session.timers.forEach(clearInterval);
  session.timers = [];
  if (session.stream) { session.stream.abort(); session.stream = null; }
  session.view++;
  const view = document.getElementById('view');
  const fromPath = location.pathname.match(/^\/jobs\/([^/]+)$/);
  const fromHash = location.hash.match(/^#\/jobs\/([^/]+)$/);
  const jobId = fromHash ? decodeURIComponent(fromHash[1]) : fromPath && !location.hash ? decodeURIComponent(fromPath[1]) : null;
  if (jobId) renderJob(view, jobId); else renderHome(view);
}

// ---------- home: new job + jobs table ----------

function renderHome(view) {
  const sentence = h('textarea', { id: 'sentence', placeholder: 'e.g. Normalize podcast episode.wav to -14 LUFS', required: true });
  const feedback = h('div', { id: 'create-feedback' });
  const submit = h('button', { id: 'create', type: 'submit' }, 'Create job and plan');
  const form = h('form', { id: 'new-job' }, h('label', { for: 'sentence' }, 'What should be done?'), sentence,
    h('div', { class: 'row' }, submit, h('span', { class: 'muted' }, 'synthesize → create job → plan; you approve next')), feedback);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    feedback.replaceChildren();
    submit.disabled = true;
    let job = null;
    try {
      const intent = await api('POST', '/api/intents', { text: sentence.value });
      job = await api('POST', '/api/jobs', { intent_id: intent.id });
      await api('POST', '/api/jobs/' + encodeURIComponent(job.id) + '/plan', {});
      location.hash = '#/jobs/' + encodeURIComponent(job.id);
    } catch (err) {
      feedback.append(errorBox(err));
      if (job) feedback.append(h('p', {}, 'The job was created but not planned: ',
        h('a', { href: '#/jobs/' + encodeURIComponent(job.id) }, 'open ' + job.id), ' to fix its inputs.'));
    } finally {
      submit.disabled = false;
    }
  });
  const list = { status: sessionStorage.getItem('concierge.tab') || '', q: '', pages: [], next: null, counts: null, loading: false };
  const tabs = h('div', { class: 'tabs', id: 'status-tabs', role: 'tablist' });
  const search = h('input', { id: 'search', type: 'search', placeholder: 'Search id, sentence or package', 'aria-label': 'Search jobs' });
  const jobsBody = h('div', { id: 'jobs' }, h('p', { class: 'empty' }, 'Loading…'));
  const more = h('button', { id: 'more', class: 'secondary', hidden: true, onclick: () => loadPage(false) }, 'Older jobs');
  const jobsError = h('div');
  const summary = h('span', { id: 'jobs-total', class: 'muted' });
  view.replaceChildren(
    h('section', { class: 'card' }, h('h2', {}, 'New job'), form),
    h('section', { class: 'card' }, h('div', { class: 'list-head' }, h('h2', {}, 'Jobs'), summary),
      tabs, h('div', { class: 'row search' }, search), jobsError, jobsBody, h('div', { class: 'row' }, more)));
  const current = session.view;

  function query(extra) {
    const params = new URLSearchParams();
    if (list.status) params.set('status', list.status);
    if (list.q) params.set('q', list.q);
    for (const [k, v] of Object.entries(extra || {})) params.set(k, v);
    return params.toString();
  }

  function renderTabs() {
    const counts = list.counts;
    const names = ['', 'DRAFT', 'PLANNED', 'APPROVED', 'RUNNING', 'COMPLETED', 'FAILED', 'HALTED'];
    tabs.replaceChildren(...names.map((name) => {
      const count = counts ? (name ? counts.by_status[name] || 0 : counts.all) : '';
      return h('button', { type: 'button', role: 'tab', class: 'tab' + (list.status === name ? ' active' : ''),
        'data-status': name || 'ALL', 'aria-selected': list.status === name ? 'true' : 'false',
        onclick: () => { list.status = name; sessionStorage.setItem('concierge.tab', name); renderTabs(); loadPage(true); } },
        name ? name.charAt(0) + name.slice(1).toLowerCase() : 'All', ' ', h('span', { class: 'count' }, String(count)));
    }));
  }

  function renderRows() {
    const jobs = list.pages.flat();
    jobsBody.replaceChildren(jobsTable(jobs, list.status || list.q));
    more.hidden = !list.next;
  }

  async function loadCounts() {
    const counts = await api('GET', '/api/jobs/counts?' + query());
    if (current !== session.view) return;
    list.counts = counts;
    renderTabs();
  }

  /** First page (fresh) or the next one, newest first, 50 at a time. */
  async function loadPage(fresh) {
    if (list.loading && !fresh) return;
    list.loading = true;
    try {
      const extra = { order: 'newest', limit: '50' };
      if (!fresh && list.next) extra.cursor = list.next;
      const headers = { Accept: 'application/json' };
      if (session.token) headers.Authorization = 'Bearer ' + session.token;
      const res = await fetch('/api/jobs?' + query(extra), { headers });
      if (res.status === 401) showTokenBox();
      const data = await res.json();
      if (!res.ok) throw new ApiError(res.status, data.error.kind, data.error.message);
      if (current !== session.view) return;
      if (fresh) list.pages = [];
      list.pages.push(data);
      list.next = res.headers.get('X-Next-Cursor');
      summary.textContent = res.headers.get('X-Total-Count') + ' shown by this filter';
      jobsError.replaceChildren();
      renderRows();
    } catch (err) {
      jobsError.replaceChildren(errorBox(err));
    } finally {
      list.loading = false;
    }
  }

  /** A job changed (from the stream): update its row, or add it on top when it now belongs here. */
  function changed(job) {
    const matches = (!list.status || job.status === list.status)
      && (!list.q || list.q.toLowerCase().split(/\s+/).every((w) => (job.id + ' ' + job.intent_text + ' ' + job.package_id).toLowerCase().includes(w)));
    let found = false;
    list.pages = list.pages.map((page) => page.flatMap((old) => {
      if (old.id !== job.id) return [old];
      found = true;
      return matches ? [job] : [];
    }));
    if (!found && matches) {
      if (!list.pages.length) list.pages.push([]);
      list.pages[0].unshift(job);
      list.pages[0].sort((a, b) => (a.id < b.id ? 1 : -1));
    }
    renderRows();
  }

  let typing = null;
  search.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => { list.q = search.value.trim(); loadCounts().catch(() => {}); loadPage(true); }, 250);
  });

  renderTabs();
  loadCounts().catch((err) => jobsError.replaceChildren(errorBox(err)));
  loadPage(true);
  const controller = new AbortController();
  session.stream = controller;
  readStream('/api/jobs/stream', controller.signal, (type, data) => {
    if (current !== session.view) return;
    if (type === 'counts') {
      if (!list.q) { list.counts = JSON.parse(data); renderTabs(); } else loadCounts().catch(() => {});
    } else if (type === 'job') changed(JSON.parse(data));
    else if (type === 'reset') { loadCounts().catch(() => {}); loadPage(true); }
  }).catch((err) => { if (err.name !== 'AbortError') jobsError.replaceChildren(errorBox(err)); });
}

function jobsTable(jobs, filtered) {
  if (!jobs.length) return h('p', { class: 'empty' }, filtered ? 'No job matches.' : 'No jobs yet: type a sentence above.');
  const rows = jobs.map((job) => h('tr', { 'data-job-id': job.id },
    h('td', { 'data-label': 'Job' }, h('a', { class: 'mono', href: '#/jobs/' + encodeURIComponent(job.id) }, shortId(job.id))),
    h('td', { 'data-label': 'Sentence' }, job.intent_text),
    h('td', { class: 'mono', 'data-label': 'Package' }, job.package_ref),
    h('td', { 'data-label': 'Status' }, statusBadge(job.status)),
    h('td', { class: 'muted', 'data-label': 'Updated' }, time(job.updated_at))));
  return h('table', { id: 'jobs-table', class: 'stack' },
    h('thead', {}, h('tr', {}, ['Job', 'Sentence', 'Package', 'Status', 'Updated'].map((t) => h('th', {}, t)))),
    h('tbody', {}, rows));
}

// ---------- job page ----------

function renderJob(view, jobId) {
  const parts = {
    head: h('div'), actions: h('div', { class: 'actions', id: 'actions' }), decision: h('div'), error: h('div', { id: 'job-error' }),
    inputs: h('div'), plan: h('div'), trail: h('div'), steps: h('div'), artifacts: h('div'),
    log: h('pre', { class: 'log', id: 'log' }),
    planCharts: h('div', { id: 'plan-charts' }), charts: h('div', { id: 'charts' }),
    chartsCard: h('section', { class: 'card', id: 'charts-card', hidden: true }),
  };
  parts.chartsCard.append(h('h2', {}, 'Charts'), parts.charts);
  view.replaceChildren(
    h('p', {}, h('a', { href: '#/' }, '← all jobs')),
    h('section', { class: 'card' }, h('div', { class: 'job-head' }, parts.head, parts.actions), parts.decision, parts.error),
    h('div', { class: 'grid' },
      h('section', { class: 'card' }, h('h2', {}, 'Inputs'), parts.inputs),
      h('section', { class: 'card' }, h('h2', {}, 'Approval trail'), parts.trail)),
    h('section', { class: 'card' }, h('h2', {}, 'Plan'), parts.plan, parts.planCharts),
    h('div', { class: 'grid' },
      h('section', { class: 'card' }, h('h2', {}, 'Steps of the latest run'), parts.steps),
      h('section', { class: 'card' }, h('h2', {}, 'Artifacts'), parts.artifacts)),
    parts.chartsCard,
    h('section', { class: 'card' }, h('h2', {}, 'Live log'), parts.log));

  const current = session.view;
  const state = { job: null, progress: {} };
  const fail = (err) => parts.error.replaceChildren(errorBox(err));
  const act = async (fn) => {
    parts.error.replaceChildren();
    try { await fn(); await refresh(); } catch (err) { fail(err); }
  };
  const base = '/api/jobs/' + encodeURIComponent(jobId);

  async function refresh() {
    const job = await api('GET', base);
    if (current !== session.view) return;
    state.job = job;
    update(parts.head, [job.id, job.status, job.intent_text, job.package_ref], () => [
      h('h1', {}, job.intent_text),
      h('div', { class: 'meta' }, h('span', { id: 'job-status', class: 'status ' + job.status, 'data-status': job.status }, job.status),
        h('span', { class: 'mono muted' }, job.id), h('span', { class: 'mono muted' }, job.package_ref),
        h('span', { class: 'muted' }, 'created ' + time(job.created_at)),
        h('a', { href: base + '/report', id: 'report-link', target: '_blank', rel: 'noopener', onclick: openReport },
          'Report'))]);
    update(parts.actions, job.status, () => actions(job));
    // an open approve or deny form stays: it carries the plan hash the person saw, and the server
    // refuses it if the job moved on meanwhile, which the form then shows
    update(parts.inputs, [job.status, job.inputs], () => inputsForm(job));
    update(parts.trail, job.approval_log, trail);
    const [plan, status, artifacts] = await Promise.all([
      job.plan_id ? api('GET', base + '/plan') : Promise.resolve(null),
      api('GET', base + '/status'),
      job.last_run_id ? api('GET', base + '/artifacts') : Promise.resolve([]),
    ]);
    if (current !== session.view) return;
    update(parts.plan, plan, planView);
    state.lastStatus = status;
    if (status.last_run && status.last_run.id !== state.progressRun) { state.progress = {}; state.progressRun = status.last_run.id; }
    update(parts.steps, [status, state.progress], () => stepsView(status, state.progress));
    update(parts.artifacts, artifacts, artifactsView);
    // charts change only when a run ends or the plan changes: fetched then, not every second
    const chartsKey = [job.status, job.plan_id, job.last_run_id].join(' ');
    if (state.chartsKey !== chartsKey) {
      const charts = await api('GET', base + '/charts');
      if (current !== session.view) return;
      state.chartsKey = chartsKey;
      update(parts.planCharts, charts.plan, planChartsView);
      update(parts.charts, charts.run, chartsView);
      parts.chartsCard.hidden = !charts.run.length;
    }
  }

  /** The report is behind the same token as the API: with one, fetch it with the header and open the copy. */
  async function openReport(event) {
    if (!session.token) return;
    event.preventDefault();
    const res = await fetch(base + '/report', { headers: { Authorization: 'Bearer ' + session.token } });
    if (!res.ok) { fail(new ApiError(res.status, 'http_' + res.status, 'the report could not be loaded')); return; }
    const url = URL.createObjectURL(new Blob([await res.text()], { type: 'text/html' }));
    window.open(url, '_blank', 'noopener');
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  function actions(job) {
    const buttons = [];
    const s = job.status;
    if (s === 'DRAFT' || s === 'PLANNED' || TERMINAL.includes(s) && s !== 'COMPLETED') {
      buttons.push(h('button', { id: 'plan', class: 'secondary', onclick: () => act(() => api('POST', base + '/plan', {})) },
        s === 'DRAFT' ? 'Plan' : 'Re-plan'));
    }
    if (s === 'PLANNED') buttons.push(h('button', { id: 'approve', onclick: approveForm }, 'Approve…'));
    if (s === 'PLANNED' || s === 'APPROVED') buttons.push(h('button', { id: 'deny', class: 'danger', onclick: denyForm }, 'Deny…'));
    if (s === 'APPROVED') buttons.push(h('button', { id: 'run', onclick: () => run({}) }, 'Run'));
    if (s === 'FAILED' || s === 'HALTED') {
      buttons.push(h('button', { id: 'resume', onclick: () => run({ resume: true }) }, 'Resume'));
      buttons.push(h('button', { id: 'run', class: 'secondary', onclick: () => run({}) }, 'Run again'));
    }
    if (s === 'COMPLETED') buttons.push(h('button', { id: 'run', class: 'secondary', onclick: () => run({ force: true }) }, 'Run again'));
    if (s === 'RUNNING') buttons.push(h('button', { id: 'halt', class: 'danger', onclick: () => act(() => api('POST', base + '/halt', {})) }, 'Halt'));
    return buttons;
  }

  function run(options) {
    act(async () => {
      await api('POST', base + '/run', options);
      startLog(true);
    });
  }

  function approveForm() {
    const job = state.job;
    const by = h('input', { id: 'approver', placeholder: 'your name', value: localStorage.getItem('concierge.approver') || '' });
    const note = h('input', { id: 'approval-note', placeholder: 'note (optional)' });
    const confirm = h('button', { id: 'confirm-approve', type: 'submit' }, 'Confirm approval');
    const feedback = h('div', { id: 'approve-feedback' });
    const names = Object.keys(job.inputs);
    // what is approved: this exact plan (by hash) with these inputs; an edit afterwards voids it
    const what = h('div', { class: 'approving', id: 'approve-what' },
      h('p', {}, 'You approve plan ', h('span', { class: 'mono', id: 'approve-plan-hash', title: job.plan_hash }, job.plan_hash),
        ' of ', h('span', { class: 'mono' }, job.package_ref), '. Editing the inputs or re-planning afterwards voids the approval.'),
      names.length ? h('table', { class: 'kv', id: 'approve-inputs' }, h('tbody', {}, names.map((name) => h('tr', {},
        h('td', { class: 'mono' }, name), h('td', { class: 'mono' }, job.inputs[name] === null ? '—' : valueText(job.inputs[name]))))))
        : h('p', { class: 'muted' }, 'No inputs.'));
    const form = h('form', { class: 'row' }, h('label', { for: 'approver' }, 'Approve as'), by, note, confirm,
      h('button', { type: 'button', class: 'secondary', onclick: () => parts.decision.replaceChildren() }, 'Cancel'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (by.value.trim()) localStorage.setItem('concierge.approver', by.value.trim());
      feedback.replaceChildren();
      confirm.disabled = true;
      try {
        await api('POST', base + '/approve', { by: by.value.trim() || null, note: note.value, plan_hash: job.plan_hash });
        parts.decision.replaceChildren();
        await refresh();
      } catch (err) {
        // e.g. self-approval refused by policy, or the plan changed meanwhile: say so where the eye is
        feedback.replaceChildren(errorBox(err));
      } finally {
        confirm.disabled = false;
      }
    });
    parts.decision.replaceChildren(h('div', { class: 'decision' }, what, form, feedback,
      h('p', { class: 'muted' }, 'With a token, the approval is recorded under the token\'s name.')));
    by.focus();
  }

  function denyForm() {
    const by = h('input', { id: 'denier', placeholder: 'your name', value: localStorage.getItem('concierge.approver') || '' });
    const reason = h('input', { id: 'deny-reason', placeholder: 'why? (required)', required: true, size: 40 });
    const form = h('form', { class: 'row' }, h('label', { for: 'deny-reason' }, 'Deny'), reason, by,
      h('button', { id: 'confirm-deny', class: 'danger', type: 'submit' }, 'Confirm denial'),
      h('button', { type: 'button', class: 'secondary', onclick: () => parts.decision.replaceChildren() }, 'Cancel'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      act(async () => {
        await api('POST', base + '/deny', { by: by.value.trim() || null, reason: reason.value });
        parts.decision.replaceChildren();
      });
    });
    parts.decision.replaceChildren(h('div', { class: 'decision' }, form));
    reason.focus();
  }

  function inputsForm(job) {
    const names = Object.keys(job.inputs);
    if (!names.length) return h('p', { class: 'empty' }, 'This package takes no inputs.');
    const editable = job.status === 'DRAFT' || job.status === 'PLANNED';
    if (!editable) {
      return h('table', { class: 'kv' }, h('tbody', {}, names.map((name) => h('tr', {},
        h('td', { class: 'mono' }, name), h('td', { class: 'mono' }, job.inputs[name] === null ? '—' : valueText(job.inputs[name]))))));
    }
    const fields = {};
    const rows = names.map((name) => {
      fields[name] = h('input', { name, value: valueText(job.inputs[name]), size: 28 });
      return h('tr', {}, h('td', { class: 'mono' }, name), h('td', {}, fields[name]));
    });
    const table = h('table', { class: 'kv' }, h('tbody', {}, rows));
    const form = h('form', {}, table, h('div', { class: 'row' },
      h('button', { type: 'submit', class: 'secondary', id: 'save-inputs' }, 'Save and re-plan')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const changed = {};
      for (const name of names) if (fields[name].value !== valueText(job.inputs[name])) changed[name] = fields[name].value;
      act(async () => {
        if (Object.keys(changed).length) await api('PATCH', base + '/inputs', changed);
        await api('POST', base + '/plan', {});
      });
    });
    return form;
  }

  function startLog(fresh) {
    if (session.stream) session.stream.abort();
    if (fresh) parts.log.replaceChildren();
    const controller = new AbortController();
    session.stream = controller;
    readStream(base + '/events/stream', controller.signal, (type, data) => {
      if (current !== session.view) return;
      if (type === 'end') {
        refresh().catch(fail);
        return;
      }
      const event = JSON.parse(data);
      if (event.type === 'step.progress') {
        // one bar per running step instead of a flood of lines
        const p = event.payload || {};
        if (p.step_id !== undefined && p.fraction !== undefined) {
          state.progress = Object.assign({}, state.progress, { [p.step_id]: { fraction: p.fraction, message: p.message || '' } });
          if (state.lastStatus) update(parts.steps, [state.lastStatus, state.progress], () => stepsView(state.lastStatus, state.progress));
        }
        return;
      }
      const line = logLine(event);
      parts.log.append(line);
      while (parts.log.childNodes.length > 500) parts.log.firstChild.remove();
      parts.log.scrollTop = parts.log.scrollHeight;
      refresh().catch(fail);
    }).catch((err) => { if (err.name !== 'AbortError') parts.log.append(h('span', { class: 'bad' }, 'log stream: ' + err.message + '\n')); });
  }

  every(1000, () => refresh().catch(fail));
  startLog(true);
}

/** Reads Server-Sent Events with fetch (so that the Authorization header can be sent). */
async function readStream(path, signal, onEvent) {
  const headers = { Accept: 'text/event-stream' };
  if (session.token) headers.Authorization = 'Bearer ' + session.token;
  const res = await fetch(path, { headers, signal });
  if (!res.ok) throw new Error('HTTP ' + res.status);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let type = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) type = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) onEvent(type, data.join('\n'));
    }
  }
}

function logLine(event) {
  const p = event.payload || {};
  const cls = /completed$/.test(event.type) ? 'ok' : /(failed|halted)$/.test(event.type) ? 'bad' : 'ty';
  let detail = p.step_id ? p.step_id : '';
  if (event.type === 'step.progress' && p.fraction !== undefined) detail += ' ' + Math.round(p.fraction * 100) + '%';
  if (p.duration !== undefined) detail += ' ' + seconds(p.duration);
  if (p.error) detail += ' ' + p.error;
  if (p.reason) detail += ' ' + p.reason;
  if (p.message && event.type === 'step.progress') detail += ' ' + p.message;
  return h('span', {}, h('span', { class: 't' }, clock(event.timestamp)), '  ', h('span', { class: cls }, event.type.padEnd(15)),
    ' ', detail, '\n');
}

function trail(log) {
  if (!log.length) return h('p', { class: 'empty' }, 'No decisions yet.');
  return h('ul', { class: 'trail', id: 'approval-trail' }, log.map((a) => h('li', {},
    h('strong', {}, a.action), ' by ', h('strong', { class: 'approver' }, a.by), ' ', h('span', { class: 'muted' }, time(a.at)),
    a.note ? h('div', { class: 'muted' }, '“' + a.note + '”') : null)));
}

function planView(plan) {
  if (!plan) return h('p', { class: 'empty' }, 'No plan yet.');
  return [
    h('p', { class: 'muted' }, 'Plan ', h('span', { class: 'mono' }, plan.id), ' from ', h('span', { class: 'mono' }, plan.package_ref),
      ' · approval ', plan.approval_required ? 'required' : 'not required', ' · retries ', String(plan.max_retries),
      ' · timeout ', String(plan.timeout_seconds), ' s'),
    h('table', { id: 'plan-steps' },
      h('thead', {}, h('tr', {}, ['Step', 'Worker', 'Inputs', 'Params'].map((t) => h('th', {}, t)))),
      h('tbody', {}, plan.steps.map((s) => h('tr', {},
        h('td', { class: 'mono' }, s.id),
        h('td', { class: 'mono' }, s.worker + '@' + s.worker_version),
        h('td', { class: 'mono' }, Object.entries(s.inputs).map(([k, v]) => h('div', {}, k + ' = ' + valueText(v)))),
        h('td', { class: 'mono' }, Object.entries(s.params).map(([k, v]) => h('div', {}, k + ' = ' + valueText(v))))))))];
}

function stepsView(status, progress) {
  if (!status.last_run) return h('p', { class: 'empty' }, 'Not run yet.');
  const run = status.last_run;
  const longest = Math.max(0.001, ...status.steps.map((s) => s.duration_seconds || 0));
  return [
    h('p', { class: 'muted' }, 'Run ', h('span', { class: 'mono' }, run.id), ' started ', time(run.started_at),
      run.ended_at ? ' · ended ' + time(run.ended_at) : '', run.error ? h('div', { class: 'error' }, run.error) : null),
    h('table', { id: 'step-timeline', class: 'stack' },
      h('thead', {}, h('tr', {}, ['Step', 'State', 'Tries', 'Duration', ''].map((t) => h('th', {}, t)))),
      h('tbody', {}, status.steps.map((s) => {
        const live = (progress || {})[s.step_id];
        let cell;
        if (s.state === 'running' && live) {
          // the step's own progress, as its worker reports it
          const pct = Math.round(100 * Math.min(1, Math.max(0, live.fraction)));
          const meter = h('progress', { max: '100', value: String(pct), class: 'step-progress', 'data-step': s.step_id });
          cell = h('div', {}, meter, h('span', { class: 'muted' }, ' ' + pct + '% ' + live.message));
        } else {
          const bar = h('div', { class: 'bar ' + s.state });
          bar.style.width = s.duration_seconds ? Math.max(2, Math.round(100 * s.duration_seconds / longest)) + '%' : (s.state === 'running' ? '30%' : '0');
          cell = bar;
        }
        return h('tr', {}, h('td', { class: 'mono', 'data-label': 'Step' }, s.step_id),
          h('td', { class: 'state ' + s.state, 'data-label': 'State' }, s.state),
          h('td', { 'data-label': 'Tries' }, String(s.attempts)), h('td', { 'data-label': 'Duration' }, seconds(s.duration_seconds)),
          h('td', { class: 'wide' }, cell));
      })))];
}

// ---------- charts: SVG drawn by the server from the recorded series ----------

/** The server's SVG as a node: parsed as an SVG document (never as HTML) and adopted into the page. */
function svgNode(text) {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = doc.documentElement;
  if (!root || root.nodeName !== 'svg') return h('p', { class: 'empty' }, 'This chart could not be drawn.');
  return document.importNode(root, true);
}

/** A tabular preview (a validation's problem rows): cells as text, the failing ones marked. */
function tableFigure(chart) {
  const t = chart.table;
  return h('figure', { class: 'chart', 'data-kind': chart.kind, 'data-step': chart.step_id },
    h('h3', {}, chart.title, h('span', { class: 'muted' }, ' · step ' + chart.step_id)),
    h('div', { class: 'table-scroll' }, h('table', { class: 'problem-rows' },
      h('thead', {}, h('tr', {}, h('th', {}, ''), t.columns.map((c) => h('th', {}, c)))),
      h('tbody', {}, t.rows.flatMap((row) => [
        h('tr', { 'data-label': row.label }, h('th', { class: 'mono' }, row.label),
          row.cells.map((cell, i) => row.failing.includes(i)
            ? h('td', { class: 'mono failing', title: 'failing' + (row.note ? ': ' + row.note : '') }, cell)
            : h('td', { class: 'mono' }, cell))),
        row.note ? h('tr', { class: 'note' }, h('td', {}, ''), h('td', { colspan: String(row.cells.length), class: 'muted' }, row.note)) : null,
      ])))),
    h('figcaption', {}, chart.caption, chart.artifact ? ' Values: ' + chart.artifact + '.' : ''));
}

function chartFigure(chart) {
  if (chart.table) return tableFigure(chart);
  // a step whose input cannot be measured cheaply before the run says why instead
  if (!chart.svg) return h('p', { class: 'muted chart-note', 'data-step': chart.step_id }, chart.title + ': ' + chart.caption);
  return h('figure', { class: 'chart', 'data-kind': chart.kind, 'data-step': chart.step_id },
    h('h3', {}, chart.title, h('span', { class: 'muted' }, ' · step ' + chart.step_id)),
    svgNode(chart.svg),
    h('figcaption', {}, chart.caption, chart.artifact ? ' Values: ' + chart.artifact + '.' : ''));
}

function chartsView(charts) {
  return charts.map(chartFigure);
}

function planChartsView(charts) {
  return charts.map(chartFigure);
}

function artifactsView(artifacts) {
  if (!artifacts.length) return h('p', { class: 'empty' }, 'None yet.');
  return h('table', { id: 'artifacts' },
    h('thead', {}, h('tr', {}, ['Name', 'Size', 'SHA-256'].map((t) => h('th', {}, t)))),
    h('tbody', {}, artifacts.map((a) => h('tr', {},
      h('td', {}, h('a', { href: a.url, class: 'artifact', download: a.name, onclick: (e) => download(e, a) }, a.name)),
      h('td', {}, bytes(a.size)),
      h('td', { class: 'mono muted', title: a.sha256 }, a.sha256.slice(0, 16) + '…')))));
}

/** With a token a plain link cannot authenticate: fetch the file with the header and save it. */
async function download(event, artifact) {
  if (!session.token) return;
  event.preventDefault();
  const res = await fetch(artifact.url, { headers: { Authorization: 'Bearer ' + session.token } });
  if (!res.ok) return;
  const url = URL.createObjectURL(await res.blob());
  const link = h('a', { href: url, download: artifact.name });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

// ---------- start ----------

document.getElementById('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  session.token = document.getElementById('token').value.trim();
  sessionStorage.setItem('concierge.token', session.token);
  document.getElementById('token-box').hidden = true;
  route();
});
window.addEventListener('hashchange', route);
route();
