// Hit Predictor web page: plain ES module, no framework, no build step; talks to the API on the same origin.
import { parseCsv, toCsv } from './csv.js';

const TIERS = ['Viral', 'Hit', 'Mid', 'Flop'];
const MAX_BATCH = 1000;
const DEBOUNCE_MS = 250;
const TYPING_PAUSE_MS = 900;
const TABLE_ROWS_SHOWN = 500;
const BAD_GROUPS_SHOWN = 200;
const CLOSE_CALL = 0.10;
const KEYS = ['C', 'C♯/D♭', 'D', 'D♯/E♭', 'E', 'F', 'F♯/G♭', 'G', 'G♯/A♭', 'A', 'A♯/B♭', 'B'];

// How the page shows each track field. Only presentation lives here (control, step, starting value, slider end, the
// seconds shown for the duration); each field's label, hint, range and unit come from the API's track schema
// (components.schemas.Track in api/openapi.json), the one the API checks tracks against.
const FIELD_VIEWS = [
  fraction('danceability', 0.6),
  fraction('energy', 0.65),
  fraction('valence', 0.45),
  fraction('acousticness', 0.25),
  fraction('instrumentalness', 0),
  fraction('speechiness', 0.05),
  fraction('liveness', 0.12),
  { name: 'loudness', kind: 'slider', step: 0.1, value: -7 },
  { name: 'tempo', kind: 'slider', step: 0.1, value: 120 },
  {
    name: 'duration_ms', kind: 'slider', step: 1, value: 210, sliderMax: 900, scale: 1000, unit: 'seconds',
    note: 'Entered here in seconds (the slider goes to 15 min); sent as duration_ms.',
  },
  { name: 'key', kind: 'select', value: 0, group: 'musical', options: [[-1, 'Not detected'], ...KEYS.map((k, i) => [i, k])] },
  { name: 'mode', kind: 'select', value: 1, group: 'musical', options: [[1, 'Major'], [0, 'Minor']] },
  {
    name: 'time_signature', kind: 'select', value: 4, group: 'musical',
    options: [[0, '0 (not detected)'], [1, '1/4'], [2, '2/4'], [3, '3/4'], [4, '4/4'], [5, '5/4'], [6, '6/4'], [7, '7/4']],
  },
  { name: 'explicit', kind: 'checkbox', value: false, group: 'musical' },
];

function fraction(name, value) {
  return { name, kind: 'slider', step: 0.01, value };
}

/** Joins each field's view with its rule from the served track schema; a field the schema lacks is an error, never a guess. */
function fieldsFrom(document) {
  const properties = document?.components?.schemas?.Track?.properties;
  if (!properties) throw new Error('it has no Track schema');
  return FIELD_VIEWS.map((view) => {
    const rule = properties[view.name];
    if (!rule || typeof rule.title !== 'string' || typeof rule['x-hint'] !== 'string'
      || typeof rule.minimum !== 'number' || typeof rule.maximum !== 'number') {
      throw new Error(`its Track schema does not describe ${view.name} (title, x-hint, minimum, maximum)`);
    }
    const scale = view.scale ?? 1;
    return {
      ...view,
      label: rule.title,
      help: view.note ? `${rule['x-hint']} ${view.note}` : rule['x-hint'],
      unit: view.unit ?? rule['x-unit'] ?? '',
      min: rule.minimum / scale,
      max: rule.maximum / scale,
    };
  });
}

const $ = (id) => document.getElementById(id);

const state = {
  card: null,
  features: [],
  scoreTimer: 0,
  scoreSeq: 0,
  scoreAbort: null,
  last: null,
  pinned: null,
  typed: new Set(), // fields the user set by hand: an audio file's analysis leaves them as they are
};

// ---------- formatting ----------

const pct = (p) => `${(p * 100).toFixed(1)}%`;
const num = (n, digits = 3) => Number(n).toFixed(digits);
const count = (n) => Number(n).toLocaleString('en-US');

/** Rounds probabilities to tenths of a percent so that the four shown add up to exactly 100.0 (largest remainder). */
function roundedPercents(probabilities) {
  const raw = TIERS.map((t) => (probabilities[t] ?? 0) * 1000);
  const floors = raw.map(Math.floor);
  let missing = 1000 - floors.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - floors[i], i]).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (missing <= 0) break;
    floors[i] += 1;
    missing -= 1;
  }
  return Object.fromEntries(TIERS.map((t, i) => [t, floors[i] / 10]));
}

function formatDate(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  return `${date}, ${time} UTC`;
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'text') node.textContent = value;
    else if (name === 'className') node.className = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

// ---------- API ----------

const delay = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/** Reads an error response as problem details; anything else becomes a readable one. */
async function readProblem(response) {
  try {
    const body = await response.json();
    if (body && typeof body === 'object') return { status: response.status, ...body };
  } catch {
    // not JSON: described below
  }
  return { status: response.status, title: `The service answered ${response.status} ${response.statusText}.` };
}

function problemText(problem) {
  return [problem.title, problem.detail].filter(Boolean).join(' ');
}

async function postScore(body, signal, explain = false) {
  const response = await fetch(explain ? 'api/score?explain=true' : 'api/score', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
  if (response.ok) return { ok: true, value: await response.json() };
  return { ok: false, problem: await readProblem(response), retryAfter: Number(response.headers.get('Retry-After')) || 0 };
}

function setServiceStatus(text, kind) {
  const status = $('service-status');
  status.textContent = text;
  status.dataset.kind = kind;
}

/** Waits until the service has a model loaded, saying so and retrying as Retry-After asks. */
async function waitForModel() {
  for (;;) {
    let response;
    try {
      response = await fetch('api/health', { cache: 'no-store' });
    } catch {
      setServiceStatus('Cannot reach the service. Trying again in 5 seconds…', 'warn');
      await delay(5000);
      continue;
    }
    if (response.ok) return response.json();
    const retry = Math.min(Math.max(Number(response.headers.get('Retry-After')) || 5, 1), 60);
    const problem = await readProblem(response);
    const reason = response.status === 503 ? 'The model is loading' : 'The service is not ready';
    setServiceStatus(`${reason}${problem.detail ? ` (${problem.detail})` : ''}. Trying again in ${retry} s…`, 'warn');
    await delay(retry * 1000);
  }
}

async function loadFields() {
  const response = await fetch('api/openapi.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(problemText(await readProblem(response)));
  return fieldsFrom(await response.json());
}

async function loadCard() {
  const response = await fetch('api/model', { cache: 'no-store' });
  if (!response.ok) throw new Error(problemText(await readProblem(response)));
  return response.json();
}

// ---------- the form ----------

function buildForm(card, fields) {
  const used = new Set(card.features);
  state.features = fields.filter((f) => used.has(f.name));
  const audio = $('audio-features');
  const musical = $('musical-features');
  audio.querySelectorAll('.field').forEach((n) => n.remove());
  musical.querySelectorAll('.field').forEach((n) => n.remove());
  for (const feature of state.features) {
    (feature.group === 'musical' ? musical : audio).append(buildControl(feature));
  }
  musical.hidden = !state.features.some((f) => f.group === 'musical');

  const list = $('genre-list');
  list.replaceChildren(...card.genres.map((g) => el('option', { value: g })));
  $('genre-hint').textContent =
    `Type to filter the ${card.genres.length} genres the model knows. Leave it empty to score without genre (the model trained without it answers).`;
  const genre = $('genre');
  genre.placeholder = 'for example pop';
  if (!genre.value) genre.value = card.genres.includes('pop') ? 'pop' : '';
  for (const id of ['genre', 'reset', 'pin', 'csv-file']) $(id).disabled = false;
}

function buildControl(f) {
  const id = f.name;
  const unitText = f.kind === 'slider' ? rangeText(f) : '';
  const label = el('label', { for: id, id: `${id}-label` }, f.label, unitText ? el('span', { className: 'unit', text: ` ${unitText}` }) : null);
  const help = el('p', { id: `${id}-help`, className: 'hint', text: f.help });
  const error = el('p', { id: `${id}-error`, className: 'error', hidden: true });
  const described = `${id}-help ${id}-error`;
  const field = el('div', { className: `field field-${f.kind}`, 'data-field': f.name });

  if (f.kind === 'slider') {
    const range = el('input', {
      type: 'range', id: `${id}-range`, min: f.min, max: f.sliderMax ?? f.max, step: f.step, value: f.value,
      'aria-labelledby': `${id}-label`, 'aria-describedby': described,
    });
    const number = el('input', {
      type: 'number', id, name: id, min: f.min, max: f.max, step: f.step, value: f.value, inputmode: 'decimal',
      'aria-describedby': described,
    });
    range.addEventListener('input', () => { number.value = range.value; changed(f); });
    number.addEventListener('input', () => {
      const value = Number(number.value);
      if (number.value !== '' && Number.isFinite(value)) range.value = String(value);
      changed(f);
    });
    field.append(label, el('div', { className: 'slider-row' }, range, number), help, error);
  } else if (f.kind === 'select') {
    const select = el('select', { id, name: id, 'aria-describedby': described },
      el('option', { value: '', text: 'Unknown' }),
      ...f.options.map(([value, text]) => el('option', { value, text })));
    select.value = String(f.value);
    select.addEventListener('change', () => changed(f));
    field.append(label, select, help, error);
  } else {
    const box = el('input', { type: 'checkbox', id, name: id, 'aria-describedby': described });
    box.checked = f.value;
    box.addEventListener('change', () => changed(f));
    field.append(el('div', { className: 'check-row' }, box, label), help, error);
  }
  return field;
}

function rangeText(f) {
  const shown = (n) => n.toLocaleString('en-US', { maximumFractionDigits: 3 }).replace('-', '−');
  if (f.scale) return `(${f.unit}, ${shown(f.min)} to ${shown(f.max)})`;
  return `(${shown(f.min)} to ${shown(f.max)}${f.unit ? ` ${f.unit}` : ''})`;
}

function changed(feature) {
  state.typed.add(feature.name);
  delete document.querySelector(`[data-field="${feature.name}"]`)?.dataset.source;
  clearFieldError(feature.name);
  scheduleScore();
}

/** Marks a field as measured or assumed from an audio file (shown beside its label), or clears the mark. */
function markSource(name, source) {
  const field = document.querySelector(`[data-field="${name}"]`);
  if (!field) return;
  if (source) field.dataset.source = source;
  else delete field.dataset.source;
}

function clearFeature(f) {
  const input = $(f.name);
  if (f.kind === 'checkbox') return;
  input.value = '';
}

function readForm() {
  const track = {};
  for (const f of state.features) {
    const input = $(f.name);
    if (f.kind === 'checkbox') {
      track[f.name] = input.checked;
    } else if (f.kind === 'select') {
      if (input.value !== '') track[f.name] = Number(input.value);
    } else if (input.value.trim() !== '' && Number.isFinite(Number(input.value))) {
      const value = Number(input.value);
      track[f.name] = f.scale ? Math.round(value * f.scale) : value;
    }
  }
  const genre = $('genre').value.trim();
  if (genre) track.genre = genre;
  return track;
}

function setFeature(f, value) {
  const input = $(f.name);
  if (f.kind === 'checkbox') {
    input.checked = value;
  } else if (f.kind === 'select') {
    input.value = String(value);
  } else {
    const shown = f.scale ? Math.round((value / f.scale) * 1000) / 1000 : value;
    input.value = String(shown);
    $(`${f.name}-range`).value = String(shown);
  }
}

function resetForm() {
  state.typed.clear();
  for (const f of state.features) {
    setFeature(f, f.value);
    markSource(f.name, null);
  }
  $('genre').value = state.card.genres.includes('pop') ? 'pop' : '';
  clearAllErrors();
  scoreNow();
}

/** Fills the form from a pasted JSON object; says what it filled and what it could not use. */
function fillFromJson() {
  const message = $('json-message');
  const box = $('json');
  let object;
  try {
    object = JSON.parse(box.value);
  } catch (error) {
    showMessage(message, `That is not valid JSON: ${error.message}`, true);
    box.setAttribute('aria-invalid', 'true');
    return;
  }
  if (Array.isArray(object) && object.length === 1) [object] = object;
  if (!object || typeof object !== 'object' || Array.isArray(object)) {
    showMessage(message, 'Paste one JSON object, such as {"energy": 0.8, "tempo": 120}.', true);
    box.setAttribute('aria-invalid', 'true');
    return;
  }
  box.removeAttribute('aria-invalid');
  const filled = [];
  const problems = [];
  for (const f of state.features) {
    if (!(f.name in object) || object[f.name] === null) continue;
    let value = object[f.name];
    if (f.kind === 'checkbox') {
      const text = String(value).toLowerCase();
      if (['true', '1'].includes(text)) value = true;
      else if (['false', '0'].includes(text)) value = false;
      else { problems.push(`${f.name}: expected true or false`); continue; }
    } else {
      value = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof value !== 'number' || !Number.isFinite(value)) { problems.push(`${f.name}: not a number`); continue; }
      if (f.kind === 'select' && !f.options.some(([v]) => v === value)) { problems.push(`${f.name}: ${value} is not an option`); continue; }
    }
    setFeature(f, value);
    filled.push(f.name);
  }
  const genre = object.genre ?? object.track_genre;
  if (typeof genre === 'string') {
    $('genre').value = genre;
    filled.push('genre');
  }
  if (filled.length === 0) {
    showMessage(message, `No field of the form was found in that object${problems.length ? ` (${problems.join('; ')})` : ''}.`, true);
    return;
  }
  const left = state.features.filter((f) => !filled.includes(f.name)).map((f) => f.label.toLowerCase());
  showMessage(message,
    `Filled ${filled.length} field${filled.length === 1 ? '' : 's'}.`
    + (left.length ? ` Kept as they were: ${left.join(', ')}.` : '')
    + (problems.length ? ` Not used: ${problems.join('; ')}.` : ''), problems.length > 0);
  clearAllErrors();
  scoreNow();
}

/**
 * Sends an audio file to /api/analyze, fills the fields it measured (marked as measured or assumed), leaves every other
 * field unknown unless the user typed it, and scores the form.
 */
async function analyzeFile(file) {
  const message = $('audio-message');
  showMessage(message, `Analysing ${file.name}…`, false);
  const genre = $('genre').value.trim();
  let response;
  try {
    response = await fetch(`api/analyze${genre ? `?genre=${encodeURIComponent(genre)}` : ''}`, {
      method: 'POST',
      headers: { 'Content-Type': file.type || 'application/octet-stream' },
      body: file,
    });
  } catch (error) {
    showMessage(message, `${file.name} could not be sent: ${error.message}`, true);
    return;
  }
  if (!response.ok) {
    const problem = await readProblem(response);
    showMessage(message, `${file.name}: ${problemText(problem)}`, true);
    return;
  }
  const analysis = await response.json();
  const measured = new Set(analysis.measured ?? []);
  const assumed = new Set(analysis.assumed ?? []);
  const filled = [];
  for (const f of state.features) {
    const value = analysis.features?.[f.name];
    if ((measured.has(f.name) || assumed.has(f.name)) && typeof value === 'number') {
      setFeature(f, value);
      markSource(f.name, measured.has(f.name) ? 'measured' : 'assumed');
      state.typed.delete(f.name);
      filled.push(f);
    } else if (!state.typed.has(f.name)) {
      clearFeature(f);
      markSource(f.name, null);
    }
  }
  const describe = (f) => `${f.label.toLowerCase()} ${describeValue(f, analysis.features[f.name])}`;
  const warnings = (analysis.warnings ?? []).join(' ');
  showMessage(message,
    `Measured from ${file.name}: ${filled.filter((f) => measured.has(f.name)).map(describe).join(', ')}`
    + (assumed.size ? `; assumed: ${filled.filter((f) => assumed.has(f.name)).map(describe).join(', ')}` : '')
    + '. The other fields are unknown unless you type them.' + (warnings ? ` ${warnings}` : ''), false);
  clearAllErrors();
  scoreNow();
}

function showMessage(node, text, isError) {
  node.textContent = text;
  node.classList.toggle('error', Boolean(isError));
}

// ---------- field errors ----------

function fieldFor(path) {
  const name = path.replace(/^\$\.?/, '');
  if (name === 'genre' || name === 'track_genre') return 'genre';
  return state.features.some((f) => f.name === name) ? name : null;
}

function showFieldError(field, messages) {
  const error = $(`${field}-error`);
  const label = field === 'genre' ? 'Genre' : state.features.find((f) => f.name === field).label;
  const text = messages.join(' ');
  error.textContent = field === 'duration_ms' ? `${label} (sent in milliseconds) ${text}` : `${label} ${text}`;
  error.hidden = false;
  $(field).setAttribute('aria-invalid', 'true');
  $(`${field}-range`)?.setAttribute('aria-invalid', 'true');
}

function clearFieldError(field) {
  const error = $(`${field}-error`);
  if (!error) return;
  error.hidden = true;
  error.textContent = '';
  $(field).removeAttribute('aria-invalid');
  $(`${field}-range`)?.removeAttribute('aria-invalid');
}

function clearAllErrors() {
  clearFieldError('genre');
  for (const f of state.features) clearFieldError(f.name);
  const resultError = $('result-error');
  resultError.hidden = true;
  resultError.textContent = '';
}

// ---------- scoring one track ----------

function scheduleScore(wait = DEBOUNCE_MS) {
  clearTimeout(state.scoreTimer);
  state.scoreTimer = setTimeout(scoreNow, wait);
}

/** Empty (average over genres) or one the model knows; while a name is being typed the page waits a little longer. */
function isKnownGenre(text) {
  const name = text.trim().toLowerCase();
  return name === '' || state.card.genres.some((g) => g.toLowerCase() === name);
}

async function scoreNow() {
  clearTimeout(state.scoreTimer);
  state.scoreAbort?.abort();
  const abort = new AbortController();
  state.scoreAbort = abort;
  const seq = ++state.scoreSeq;
  const track = readForm();
  $('result').setAttribute('aria-busy', 'true');
  let answer;
  try {
    answer = await postScore(track, abort.signal);
  } catch (error) {
    if (error.name === 'AbortError') return;
    answer = { ok: false, problem: { title: 'Cannot reach the service.', detail: 'Check the connection; the form is kept.' } };
  }
  if (seq !== state.scoreSeq) return;
  $('result').removeAttribute('aria-busy');
  if (answer.ok) {
    clearAllErrors();
    showResult(answer.value, track);
    if (answer.value.modelVersion !== state.card.version) refreshCard();
    explain(track, answer.value, seq);
  } else {
    showProblem(answer.problem, answer.retryAfter);
  }
}

function showProblem(problem, retryAfter) {
  clearAllErrors();
  const general = [];
  for (const [path, messages] of Object.entries(problem.errors ?? {})) {
    const field = fieldFor(path);
    if (field) showFieldError(field, messages);
    else general.push(`${path}: ${messages.join(' ')}`);
  }
  const fieldCount = Object.keys(problem.errors ?? {}).length - general.length;
  const resultError = $('result-error');
  if (problem.status === 503) {
    resultError.textContent = `The model is loading${problem.detail ? ` (${problem.detail})` : ''}. Trying again${retryAfter ? ` in ${retryAfter} s` : ''}…`;
    setTimeout(() => scheduleScore(), Math.max(retryAfter, 2) * 1000);
  } else if (fieldCount > 0 && general.length === 0) {
    resultError.textContent = fieldCount === 1
      ? 'Fix the field marked in the form to see a result.'
      : `Fix the ${fieldCount} fields marked in the form to see a result.`;
    if (state.last) resultError.textContent += ' The result shown is for the previous values.';
  } else {
    resultError.textContent = [problemText(problem), ...general].filter(Boolean).join(' ');
  }
  resultError.hidden = false;
  $('result-announce').textContent = resultError.textContent;
  $('result-mini').replaceChildren(el('span', { className: 'mini-error', text: resultError.textContent }));
  $('result-main').classList.add('stale');
  $('levers').hidden = true;
  const firstBad = document.querySelector('#track-form [aria-invalid="true"]');
  firstBad?.closest('.field')?.scrollIntoView({ block: 'nearest' });
}

function showResult(result, track) {
  state.last = { result, track };
  $('result-empty').hidden = true;
  const main = $('result-main');
  main.hidden = false;
  main.classList.remove('stale');
  const shown = roundedPercents(result.probabilities);
  const tier = $('tier');
  tier.textContent = result.tier;
  tier.dataset.tier = result.tier;
  $('tier-probability').textContent = `${shown[result.tier].toFixed(1)}%`;
  $('certainty').textContent = certainty(result.probabilities, result.predictionSet, result.tier);
  $('result-announce').textContent = `${result.tier}, ${shown[result.tier].toFixed(1)}%. ${$('certainty').textContent}`;

  const pinned = state.pinned?.result.probabilities;
  $('bars').replaceChildren(...TIERS.map((t) => {
    const p = result.probabilities[t] ?? 0;
    const fill = el('span', { className: 'bar-fill', 'data-tier': t });
    fill.style.width = `${(p * 100).toFixed(2)}%`;
    const track = el('span', { className: 'bar-track', 'aria-hidden': 'true' }, fill);
    if (pinned) {
      const mark = el('span', { className: 'bar-pin', title: `Pinned: ${pct(pinned[t] ?? 0)}` });
      mark.style.left = `${((pinned[t] ?? 0) * 100).toFixed(2)}%`;
      track.append(mark);
    }
    const delta = pinned ? deltaText(p - (pinned[t] ?? 0)) : '';
    return el('li', { className: t === result.tier ? 'bar top' : 'bar', 'data-tier': t },
      el('span', { className: 'bar-label', text: t }),
      track,
      el('span', { className: 'bar-value', text: `${shown[t].toFixed(1)}%` }),
      delta ? el('span', { className: 'bar-delta', text: delta }) : null);
  }));

  const mini = $('result-mini');
  mini.replaceChildren(
    el('span', { className: 'tier-badge', 'data-tier': result.tier, text: result.tier }),
    el('strong', { text: `${shown[result.tier].toFixed(1)}%` }),
    el('span', { text: TIERS.filter((t) => t !== result.tier).map((t) => `${t} ${shown[t].toFixed(1)}%`).join(' · ') }));
  mini.hidden = false;

  const note = $('genre-note');
  const missing = result.missing ?? [];
  note.hidden = !result.genreAveraged && missing.length === 0;
  note.textContent = result.genreAveraged
    ? `No genre given: the probabilities are averaged over all ${state.card.genres.length} genres, weighted by how common each is in the training data.`
    : missing.length > 0
      ? `Unknown: ${missing.join(', ')}. Answered by the ${result.model} model; what it reads but you left empty is averaged over real training tracks.`
      : '';
  $('pin').disabled = false;
}

function deltaText(d) {
  const points = d * 100;
  if (Math.abs(points) < 0.05) return '±0.0';
  return `${points > 0 ? '+' : '−'}${Math.abs(points).toFixed(1)}`;
}

/**
 * Says plainly how sure the model is, from the calibrated probabilities and the prediction set: "Fairly sure"
 * only when the set holds a single tier; otherwise the set is named as the honest answer. When the tier shown
 * is not the most probable one (the decision rule weighs Viral, Hit and Mid up so they are not missed), it says so.
 */
function certainty(probabilities, predictionSet, shown) {
  const [first, second] = TIERS.map((t) => [t, probabilities[t] ?? 0]).sort((a, b) => b[1] - a[1]);
  const gap = first[1] - second[1];
  const tiers = predictionSet?.tiers ?? [];
  const level = predictionSet?.level ? `${Math.round(predictionSet.level * 100)} % set` : 'prediction set';
  const likely = tiers.length > 1 ? ` Likely ${orList(tiers)} (${level}).` : '';
  if (tiers.length === 1) {
    return `Fairly sure: ${tiers[0]} (${level} holds only ${tiers[0]}).`;
  }
  if (shown && shown !== first[0]) {
    return `${shown} is flagged at ${pct(probabilities[shown] ?? 0)}, though ${first[0]} is more probable (${pct(first[1])}).${likely}`;
  }
  if (gap < CLOSE_CALL) {
    return `Close call: ${first[0]} (${pct(first[1])}) and ${second[0]} (${pct(second[1])}) are nearly level.${likely}`;
  }
  return `Leaning ${first[0]}: ${Math.round(gap * 100)} points ahead of ${second[0]}.${likely}`;
}

function orList(items) {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

// ---------- compare (pin) ----------

function pin() {
  if (!state.last) return;
  state.pinned = state.last;
  const { result } = state.pinned;
  $('unpin').hidden = false;
  const note = $('pin-note');
  note.hidden = false;
  note.textContent = `Pinned: ${result.tier} (${pct(result.probabilities[result.tier])}). Change the form to compare; the marks on the bars show the pinned result and the signed numbers the change in percentage points.`;
  $('pin').textContent = 'Pin this one instead';
  showResult(state.last.result, state.last.track);
}

function unpin() {
  state.pinned = null;
  $('unpin').hidden = true;
  $('pin-note').hidden = true;
  $('pin').textContent = 'Pin this result to compare';
  if (state.last) showResult(state.last.result, state.last.track);
  $('pin').focus();
}

// ---------- what the model responds to ----------

/**
 * Asks the API to explain the track (?explain=true) and lists the features that move the shown tier's probability
 * most away from the genre's typical track (Shapley contributions, signed, largest first), each with where the
 * track's value sits among the genre's Viral and Hit tracks.
 */
async function explain(track, result, seq) {
  let answer;
  try {
    answer = await postScore(track, undefined, true);
  } catch {
    return;
  }
  if (seq !== state.scoreSeq) return;
  const intro = $('levers-intro');
  const list = $('lever-list');
  $('levers').hidden = false;
  if (!answer.ok) {
    intro.textContent = `No explanation: ${problemText(answer.problem)}`;
    list.replaceChildren();
    return;
  }
  const explanation = answer.value.explanation;
  if (!explanation) {
    intro.textContent = `No explanation: ${answer.value.explanationNote ?? 'the service gave none.'}`;
    list.replaceChildren();
    return;
  }
  const top = result.tier;
  const genre = explanation.benchmark?.genre ?? track.genre;
  intro.textContent = `${top} is ${pct(explanation.baseline[top])} for a typical ${genre} track (each feature at that genre's median) `
    + `and ${pct(answer.value.probabilities[top])} for this one. The features that account for the difference most, in points of ${top}:`;
  const movers = explanation.contributions.filter((c) => Math.abs(c[top]) >= 0.001)
    .sort((a, b) => Math.abs(b[top]) - Math.abs(a[top])).slice(0, 5);
  list.replaceChildren(...movers.map((c) => el('li', { text: describeContribution(c, top, explanation.benchmark) })));
  if (movers.length === 0) list.replaceChildren(el('li', { text: `No feature moves ${top} by a tenth of a point from the typical track.` }));
}

function describeContribution(c, top, benchmark) {
  const f = state.features.find((x) => x.name === c.feature);
  const label = f?.label ?? c.feature;
  let show = (value) => (f ? describeValue(f, value) : String(value));
  if (c.value !== c.reference && show(c.value) === show(c.reference)) show = (value) => precise(f, value);
  const points = (c[top] * 100).toFixed(1);
  const signed = c[top] > 0 ? `+${points}` : points.replace('-', '−');
  const percentile = benchmark?.percentiles?.[c.feature];
  const among = percentile === undefined ? ''
    : `; ${ordinal(Math.round(percentile))} percentile among the ${benchmark.tracks} ${benchmark.genre} tracks that reached ${benchmark.tiers.join(' or ')}`;
  return `${label} ${show(c.value)} (typical ${show(c.reference)}): ${signed} points${among}.`;
}

/** Four significant digits, for two values that the usual rounding would show alike. */
function precise(f, value) {
  const shown = String(Number(Number(f?.scale ? value / f.scale : value).toPrecision(4))).replace('-', '−');
  const unit = f?.scale ? 's' : f?.unit;
  return unit ? `${shown} ${unit}` : shown;
}

function ordinal(n) {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

function describeValue(f, value) {
  if (f.kind === 'checkbox') return value ? 'ticked' : 'unticked';
  if (f.kind === 'select') return `“${f.options.find(([v]) => v === value)?.[1] ?? value}”`;
  if (f.scale) return `${Math.round(value / f.scale)} s`;
  return `${String(Number(Number(value).toFixed(2))).replace('-', '−')}${f.unit ? ` ${f.unit}` : ''}`;
}

// ---------- the model card ----------

function showCard(card) {
  state.card = card;
  $('model-empty').hidden = true;
  $('model-card').hidden = false;
  $('card-version').textContent = card.version;
  $('card-created').textContent = formatDate(card.createdAt);
  const split = card.split ?? {};
  $('card-data').textContent = `${count(card.hygiene.afterDeduplication)} tracks from ${card.dataset.name} after cleaning `
    + `(${count(card.hygiene.rowsRead)} rows read, duplicates and excluded genres removed); `
    + `trained on ${count(split.trainRows)}, tested on ${count(split.testRows)} held out (${split.description ?? 'held-out split'}).`;
  const settings = card.trainer.settings ?? {};
  $('card-trainer').textContent = `${card.trainer.name}${settings.trees ? `, ${settings.trees} trees` : ''}`
    + `${settings.leaves ? ` of up to ${settings.leaves} leaves` : ''}; ${card.features.length - 1} track features plus genre `
    + `(${card.genres.length} genres); fitted in ${Number(card.trainingSeconds).toFixed(1)} s.`;

  const m = card.metrics;
  const b = m.majorityBaseline;
  $('baseline-head').textContent = `Always “${b.tier}” (baseline)`;
  $('card-metrics-caption').textContent = `On ${count(split.testRows)} held-out tracks. The baseline always answers the commonest tier, ${b.tier}.`;
  $('card-metrics').tBodies[0].replaceChildren(
    metricRow('Accuracy (share right)', pct(m.accuracy), pct(b.accuracy)),
    metricRow('Macro-F1 (all four tiers count alike)', num(m.macroF1), num(b.macroF1)),
    metricRow('Log-loss (lower is better)', num(m.logLoss), num(b.logLoss)));
  const grouped = m.artistGrouped;
  $('card-artist').textContent = grouped
    ? `With whole artists held out (no artist on both sides): accuracy ${pct(grouped.accuracy)}, macro-F1 ${num(grouped.macroF1)}, the stricter figure to expect for a new artist.`
    : 'The stricter test with whole artists held out was not run for this model.';

  const c = card.tiers.cutoffs;
  const ranges = { Viral: `${c.viral} and up`, Hit: `${c.hit}–${c.viral - 1}`, Mid: `${c.mid}–${c.hit - 1}`, Flop: `below ${c.mid}` };
  $('card-tiers').tBodies[0].replaceChildren(...TIERS.map((t) => {
    const per = m.perTier?.[t] ?? {};
    return el('tr', {},
      el('th', { scope: 'row' }, el('span', { className: 'tier-badge small', 'data-tier': t, text: t })),
      el('td', { text: ranges[t] }),
      el('td', { className: 'num', text: pct(card.tiers.shares?.[t] ?? 0) }),
      el('td', { className: 'num', text: per.precision === undefined ? '–' : num(per.precision, 2) }),
      el('td', { className: 'num', text: per.recall === undefined ? '–' : num(per.recall, 2) }),
      el('td', { className: 'num', text: per.f1 === undefined ? '–' : num(per.f1, 2) }));
  }));
  setServiceStatus(`Model ${card.version} · held-out accuracy ${pct(m.accuracy)} (baseline ${pct(b.accuracy)})`, 'ok');
}

function metricRow(name, model, baseline) {
  return el('tr', {}, el('th', { scope: 'row', text: name }), el('td', { className: 'num', text: model }), el('td', { className: 'num', text: baseline }));
}

async function refreshCard() {
  try {
    const card = await loadCard();
    const genresChanged = card.genres.join() !== state.card.genres.join() || card.features.join() !== state.card.features.join();
    showCard(card);
    if (genresChanged) {
      buildForm(card);
      scheduleScore();
    }
  } catch {
    // the next score tries again
  }
}

// ---------- batch CSV ----------

/** Turns parsed CSV rows into tracks, by header name; rows that cannot be read become bad rows. */
function rowsToTracks(rows, features) {
  const [header, ...records] = rows;
  const names = header.cells.map((h) => h.trim().toLowerCase());
  const index = (name) => names.indexOf(name);
  const numeric = features.filter((f) => f !== 'track_genre' && f !== 'genre');
  const genreAt = index('track_genre') >= 0 ? index('track_genre') : index('genre');
  if (genreAt < 0 && numeric.every((f) => f === 'explicit' || index(f) < 0)) {
    return { fatal: `The header has none of the track's columns (track_genre, ${numeric.filter((f) => f !== 'explicit').join(', ')}). Columns are found by name, as in the Spotify Tracks Dataset; any of them may be left out.` };
  }
  const good = [];
  const bad = [];
  for (const record of records) {
    if (record.cells.length === 1 && record.cells[0].trim() === '') continue;
    if (record.cells.length !== header.cells.length) {
      bad.push({ line: record.line, reason: `has ${record.cells.length} fields, the header has ${header.cells.length}` });
      continue;
    }
    const track = {};
    const reasons = [];
    for (const name of numeric) {
      const at = index(name);
      if (at < 0) continue;
      const text = record.cells[at].trim();
      if (name === 'explicit') {
        const lower = text.toLowerCase();
        if (lower === 'true' || lower === '1') track.explicit = true;
        else if (lower === 'false' || lower === '0' || lower === '') track.explicit = false;
        else reasons.push(`explicit: must be True/False or 1/0, got '${text}'`);
      } else if (text === '') {
        continue;
      } else if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
        reasons.push(`${name}: not a number, got '${text.length > 30 ? `${text.slice(0, 30)}…` : text}'`);
      } else {
        track[name] = Number(text);
      }
    }
    if (genreAt >= 0 && record.cells[genreAt].trim() !== '') track.genre = record.cells[genreAt].trim();
    if (reasons.length === 0 && Object.keys(track).every((k) => k === 'explicit')) reasons.push("gives none of the track's inputs: every cell is empty");
    if (reasons.length > 0) bad.push({ line: record.line, reason: reasons.join('; ') });
    else good.push({ line: record.line, cells: record.cells, track });
  }
  return { header: header.cells, good, bad };
}

/** Scores items in chunks; a chunk with bad tracks is re-sent without them, so the good rows are still scored. */
async function scoreRows(items, bad, progress) {
  let size = MAX_BATCH;
  let done = 0;
  for (let start = 0; start < items.length;) {
    let chunk = items.slice(start, start + size);
    const chunkLength = chunk.length;
    for (let attempt = 0; chunk.length > 0; attempt += 1) {
      const answer = await postScore({ tracks: chunk.map((i) => i.track) });
      if (answer.ok) {
        answer.value.results.forEach((r, i) => { chunk[i].result = r; });
        break;
      }
      const { problem } = answer;
      if (problem.status === 413 && size > 1) {
        size = Math.max(1, Math.floor(size / 2));
        chunk = null;
        break;
      }
      if (problem.status === 503 && attempt < 10) {
        progress(`The model is loading; trying again in ${answer.retryAfter || 5} s…`);
        await delay((answer.retryAfter || 5) * 1000);
        continue;
      }
      if (problem.status === 429 && attempt < 30) {
        progress(`The service is busy with other large requests; trying again in ${answer.retryAfter || 1} s…`);
        await delay((answer.retryAfter || 1) * 1000);
        continue;
      }
      const rejected = new Map();
      for (const [path, messages] of Object.entries(problem.errors ?? {})) {
        const match = /^tracks\[(\d+)\]\.?(.*)$/.exec(path);
        if (!match) continue;
        const i = Number(match[1]);
        rejected.set(i, [...(rejected.get(i) ?? []), `${match[2] || 'track'}: ${messages.join(' ')}`]);
      }
      if (problem.status !== 400 || rejected.size === 0) {
        throw new Error(problemText(problem) || `The service answered ${problem.status}.`);
      }
      for (const [i, reasons] of rejected) bad.push({ line: chunk[i].line, reason: reasons.join('; ') });
      chunk = chunk.filter((_, i) => !rejected.has(i));
    }
    if (chunk === null) continue;
    start += chunkLength;
    done += chunkLength;
    progress(`Scored ${count(done)} of ${count(items.length)} rows…`);
  }
}

async function scoreFile(file) {
  const status = $('batch-status');
  $('batch-bad').hidden = true;
  $('batch-done').hidden = true;
  showMessage(status, `Reading ${file.name}…`, false);
  const text = await file.text();
  const parsed = parseCsv(text);
  const bad = parsed.errors.map((e) => ({ ...e }));
  if (parsed.rows.length < 1) {
    showMessage(status, `${file.name} is empty.`, true);
    return;
  }
  const tracks = rowsToTracks(parsed.rows, state.card.features);
  if (tracks.fatal) {
    showMessage(status, `${file.name} cannot be scored: ${tracks.fatal}`, true);
    return;
  }
  bad.push(...tracks.bad);
  try {
    await scoreRows(tracks.good, bad, (text) => showMessage(status, text, false));
  } catch (error) {
    showMessage(status, `Scoring stopped: ${error.message}`, true);
    showBad(bad);
    return;
  }
  const scored = tracks.good.filter((i) => i.result);
  showBad(bad);
  showScored(file.name, tracks.header, scored);
  showMessage(status, `${file.name}: ${count(scored.length)} row${scored.length === 1 ? '' : 's'} scored`
    + `${bad.length ? `, ${count(bad.length)} not scored (listed below)` : ''}.`, false);
}

function showBad(bad) {
  const groups = new Map();
  for (const b of bad) groups.set(b.reason, [...(groups.get(b.reason) ?? []), b.line]);
  const items = [...groups].map(([reason, lines]) => ({ reason, lines: lines.sort((a, b) => a - b) }))
    .sort((a, b) => a.lines[0] - b.lines[0]);
  const shown = items.slice(0, BAD_GROUPS_SHOWN).map(({ reason, lines }) => el('li', {},
    el('strong', { text: lines.length === 1 ? `Line ${lines[0]}: ` : `Lines ${lineRanges(lines)} (${count(lines.length)} rows): ` }), reason));
  if (items.length > BAD_GROUPS_SHOWN) shown.push(el('li', { text: `…and ${count(items.length - BAD_GROUPS_SHOWN)} more problems.` }));
  $('batch-bad-title').textContent = `${count(bad.length)} row${bad.length === 1 ? '' : 's'} not scored`;
  $('batch-bad-list').replaceChildren(...shown);
  $('batch-bad').hidden = bad.length === 0;
}

/** Sorted line numbers as ranges: 3, 7–9, 12 (at most 12 ranges, then "…"). */
function lineRanges(lines) {
  const ranges = [];
  for (const line of lines) {
    const last = ranges.at(-1);
    if (last && line === last[1] + 1) last[1] = line;
    else ranges.push([line, line]);
  }
  const text = ranges.slice(0, 12).map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(', ');
  return ranges.length > 12 ? `${text}, …` : text;
}

function showScored(fileName, header, scored) {
  const names = header.map((h) => h.trim().toLowerCase());
  const nameAt = names.indexOf('track_name');
  const artistAt = names.indexOf('artists');
  const tiers = Object.fromEntries(TIERS.map((t) => [t, 0]));
  for (const s of scored) tiers[s.result.tier] += 1;
  $('batch-summary').textContent = TIERS.map((t) => `${t} ${count(tiers[t])}`).join(' · ');
  $('batch-table').tBodies[0].replaceChildren(...scored.slice(0, TABLE_ROWS_SHOWN).map((s) => {
    const shown = roundedPercents(s.result.probabilities);
    const title = nameAt >= 0 ? s.cells[nameAt] : '';
    const artist = artistAt >= 0 ? s.cells[artistAt] : '';
    return el('tr', {},
      el('td', { className: 'num', text: s.line }),
      el('td', { text: [title, artist].filter(Boolean).join(' — ') || '–' }),
      el('td', { text: s.track.genre ?? 'all (averaged)' }),
      el('td', {}, el('span', { className: 'tier-badge small', 'data-tier': s.result.tier, text: s.result.tier })),
      ...TIERS.map((t) => el('td', { className: 'num', text: `${shown[t].toFixed(1)}%` })));
  }));
  $('batch-table-caption').textContent = scored.length > TABLE_ROWS_SHOWN
    ? `Scored rows: the first ${count(TABLE_ROWS_SHOWN)} of ${count(scored.length)}; the download has them all`
    : `Scored rows (${count(scored.length)})`;

  const out = [[...header, 'predicted_tier', 'p_viral', 'p_hit', 'p_mid', 'p_flop', 'prediction_set'],
    ...scored.map((s) => [...s.cells, s.result.tier, ...TIERS.map((t) => (s.result.probabilities[t] ?? 0).toFixed(6)),
      (s.result.predictionSet?.tiers ?? []).join('|')])];
  const link = $('download');
  if (link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([toCsv(out)], { type: 'text/csv;charset=utf-8' }));
  link.download = `${fileName.replace(/\.csv$/i, '')}-scored.csv`;
  $('batch-done').hidden = false;
}

// ---------- start ----------

async function start() {
  $('reset').addEventListener('click', resetForm);
  $('fill').addEventListener('click', fillFromJson);
  $('pin').addEventListener('click', pin);
  $('unpin').addEventListener('click', unpin);
  $('genre').addEventListener('input', () => {
    clearFieldError('genre');
    scheduleScore(isKnownGenre($('genre').value) ? DEBOUNCE_MS : TYPING_PAUSE_MS);
  });
  $('genre').addEventListener('change', () => scheduleScore());
  $('track-form').addEventListener('submit', (event) => { event.preventDefault(); scoreNow(); });
  $('csv-file').addEventListener('change', (event) => {
    const [file] = event.target.files;
    if (file) scoreFile(file);
  });
  $('audio-file').addEventListener('change', (event) => {
    const [file] = event.target.files;
    if (file) analyzeFile(file);
  });
  const drop = $('audio-drop');
  drop.addEventListener('dragover', (event) => { event.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    const [file] = event.dataTransfer.files;
    if (file) analyzeFile(file);
  });

  await waitForModel();
  let fields;
  try {
    fields = await loadFields();
  } catch (error) {
    setServiceStatus(`The track form cannot be shown: the API's track schema (api/openapi.json) could not be read (${error.message}).`, 'error');
    $('result-empty').textContent = 'No form without the track schema: reload the page to try again.';
    return;
  }
  let card;
  for (;;) {
    try {
      card = await loadCard();
      break;
    } catch (error) {
      setServiceStatus(`The model card could not be read (${error.message}). Trying again in 5 s…`, 'warn');
      await delay(5000);
    }
  }
  showCard(card);
  buildForm(card, fields);
  $('result-empty').textContent = 'Scoring…';
  scoreNow();
}

start();
