// Kroniek's web page: plain JavaScript over the JSON API, no build step, nothing from elsewhere.
// Views (hash routes): #/ timeline, #/entity/ID?as_of=DATE, #/doc/ID?claim=ID, #/entities,
// #/docs, #/conflicts, #/search?q=.
// Offsets from the API are UTF-8 byte offsets; texts are sliced as bytes (see `byteText`).

const main = document.getElementById('main');
const card = document.getElementById('card');

// ---------------------------------------------------------------- helpers

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function api(path) {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    throw new ApiError(res.status, (body && body.error && body.error.message) || res.statusText);
  }
  return body;
}

/** Builds an element: h('a', {href: '#/'}, 'text', child). */
function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const kid of kids.flat(Infinity)) {
    if (kid === null || kid === undefined || kid === false) continue;
    el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  return el;
}

function enc(s) {
  return encodeURIComponent(s);
}

function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** A text with byte offsets: slice(start, end) by UTF-8 bytes. */
function byteText(text) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  return { length: bytes.length, slice: (a, b) => dec.decode(bytes.subarray(a, b)) };
}

const CERTAINTY_HELP = {
  confirmed: 'stated as established, or confirmed by a party in a position to know',
  reported: 'attributed to a source, stated without hedging',
  hedged: 'softened by a hedge (zou, waarschijnlijk, reportedly, ...)',
  unconfirmed: 'the text says it is not (yet) confirmed',
  denied: 'a source denies it',
};

function badge(certainty, cues) {
  const why = CERTAINTY_HELP[certainty] || '';
  const cueText = cues && cues.length ? ` · cues: ${cues.join(', ')}` : '';
  return h('span', { class: `badge cert-${certainty}`, title: `${certainty}: ${why}${cueText}` }, certainty);
}

function predicateText(ev) {
  const p = ev.predicate;
  const rel = ev.relation;
  const labels = {
    death: 'killed or died',
    alive: 'alive',
    capture: 'captured',
    attack: 'attack',
    reward: 'reward',
    count: 'count',
    leadership: 'leads',
    statement: 'statement',
  };
  if (p === 'location') {
    return { at: 'is at', left: 'left', not_at: 'is not at' }[rel] || 'location';
  }
  return labels[p] || p;
}

function setTitle(...parts) {
  document.title = ['Kroniek', ...parts].filter(Boolean).join(' · ');
}

function setNav(name) {
  for (const a of document.querySelectorAll('[data-nav]')) {
    a.classList.toggle('active', a.dataset.nav === name);
  }
}

function show(...nodes) {
  main.replaceChildren(...nodes.flat(Infinity).filter((n) => n !== null && n !== undefined && n !== false));
  hideCard();
}

function problem(err) {
  const status = err instanceof ApiError ? ` (${err.status})` : '';
  return h('div', { class: 'problem', role: 'alert' }, h('strong', {}, `Cannot show this${status}: `), err.message);
}

function docLink(doc, claim, label) {
  return h('a', { href: `#/doc/${enc(doc)}${qs({ claim })}`, class: 'doc-link' }, label || doc);
}

function entityLink(id, name) {
  return h('a', { href: `#/entity/${enc(id)}`, class: 'entity-link', dataset: { entity: id } }, name);
}

/** One report of a claim: certainty, when it was said, by whom, the sentence. */
function reportItem(r) {
  return h(
    'li',
    { class: `report${r.duplicate ? ' duplicate' : ''}`, dataset: { claim: r.id } },
    badge(r.certainty, r.cues),
    ' ',
    h('span', { class: 'said', title: 'when it was said' }, r.said_on || 'undated'),
    ' ',
    h('span', { class: 'who', title: 'who says so' }, r.source || 'the article itself'),
    r.duplicate ? h('span', { class: 'dup', title: 'this article repeats another; not counted as independent evidence' }, ' (copy)') : null,
    ' · ',
    docLink(r.doc, r.id),
    r.when ? h('span', { class: 'happened', title: 'when it happened, according to this report' }, ` · happened ${r.when}`) : null,
    h('q', { class: 'sentence' }, r.text),
  );
}

// ---------------------------------------------------------------- hover card

function showCard(target, lines) {
  card.replaceChildren(...lines);
  card.hidden = false;
  const r = target.getBoundingClientRect();
  const top = window.scrollY + r.bottom + 6;
  let left = window.scrollX + r.left;
  const width = Math.min(420, window.innerWidth - 16);
  if (left + width > window.scrollX + window.innerWidth - 8) left = window.scrollX + window.innerWidth - width - 8;
  card.style.top = `${top}px`;
  card.style.left = `${Math.max(8, left)}px`;
  card.style.maxWidth = `${width}px`;
}

function hideCard() {
  card.hidden = true;
}

// ---------------------------------------------------------------- views

async function timelineView(params) {
  setNav('timeline');
  const query = {
    entity: params.get('entity'),
    from: params.get('from'),
    to: params.get('to'),
    predicate: params.get('predicate'),
    certainty: params.get('certainty'),
  };
  const [tl, ents] = await Promise.all([
    api(`/api/timeline${qs(query)}`),
    api('/api/entities?limit=200'),
  ]);
  setTitle('Timeline', tl.entity && tl.entity.name);

  const go = (changes) => {
    const next = { ...query, ...changes };
    location.hash = `#/${qs(next)}`;
  };
  const entitySelect = h(
    'select',
    { id: 'filter-entity', 'aria-label': 'Entity', onchange: (e) => go({ entity: e.target.value }) },
    h('option', { value: '' }, 'All entities'),
    ents.entities.map((e) =>
      h('option', { value: e.id, selected: tl.entity && tl.entity.id === e.id }, `${e.name} (${e.type}, ${e.mentions})`),
    ),
  );
  const selected = new Set((query.certainty || '').split(',').filter(Boolean));
  const certBoxes = Object.keys(CERTAINTY_HELP).map((c) =>
    h(
      'label',
      { class: 'check', title: CERTAINTY_HELP[c] },
      h('input', {
        type: 'checkbox',
        value: c,
        checked: selected.has(c),
        onchange: (e) => {
          if (e.target.checked) selected.add(c);
          else selected.delete(c);
          go({ certainty: [...selected].join(',') });
        },
      }),
      badge(c),
    ),
  );
  const dateInput = (name, label) =>
    h(
      'label',
      {},
      `${label} `,
      h('input', {
        type: 'date',
        id: `filter-${name}`,
        value: query[name] && query[name].length === 10 ? query[name] : '',
        onchange: (e) => go({ [name]: e.target.value }),
      }),
    );
  const predicateSelect = h(
    'select',
    { id: 'filter-predicate', 'aria-label': 'What happened', onchange: (e) => go({ predicate: e.target.value }) },
    h('option', { value: '' }, 'Anything'),
    ['death', 'alive', 'location', 'capture', 'attack', 'leadership', 'reward', 'count'].map((p) =>
      h('option', { value: p, selected: query.predicate === p }, p === 'location' ? 'location' : predicateText({ predicate: p })),
    ),
  );
  const filters = h(
    'form',
    { class: 'filters', onsubmit: (e) => e.preventDefault() },
    h('label', {}, 'Entity ', entitySelect),
    h('label', {}, 'What ', predicateSelect),
    dateInput('from', 'From'),
    dateInput('to', 'To'),
    h('span', { class: 'checks' }, 'Certainty ', certBoxes),
    h('button', { type: 'button', onclick: () => (location.hash = '#/') }, 'Clear'),
  );

  const heading = h(
    'h1',
    {},
    'Timeline',
    tl.entity ? h('span', { class: 'sub' }, ' of ', entityLink(tl.entity.id, tl.entity.name)) : null,
  );
  const intro = h(
    'p',
    { class: 'intro' },
    'What happened, in the order it happened; under each event, who reported it, when, and how sure.',
  );
  if (!tl.events.length) {
    return show(heading, filters, h('p', { class: 'empty' }, 'No events match.'));
  }
  const list = h(
    'ol',
    { class: 'timeline', id: 'timeline' },
    tl.events.map((ev) => {
      const pred = predicateText({ predicate: ev.predicate, relation: ev.reports[0] && ev.reports[0].relation });
      return h(
        'li',
        { class: 'event', dataset: { event: ev.id, predicate: ev.predicate } },
        h('div', { class: 'when' }, ev.when || 'undated'),
        h(
          'div',
          { class: 'what' },
          h(
            'h3',
            {},
            entityLink(ev.subject, ev.subject_name),
            ' ',
            h('span', { class: 'pred' }, pred),
            ev.reports[0] && ev.reports[0].object ? h('span', { class: 'object' }, ` ${ev.reports[0].object}`) : null,
            ev.place ? h('span', { class: 'place' }, ` · ${ev.place}`) : null,
          ),
          h(
            'p',
            { class: 'meta' },
            `${ev.independent_documents} independent article${ev.independent_documents === 1 ? '' : 's'}, ${ev.reports.length} report${ev.reports.length === 1 ? '' : 's'}`,
          ),
          h('ul', { class: 'reports' }, ev.reports.map(reportItem)),
        ),
      );
    }),
  );
  show(heading, intro, filters, list, conflictSection(tl.conflicts, 'Conflicts among these claims'));
}

function conflictSection(conflicts, title) {
  if (!conflicts || !conflicts.length) return null;
  return h(
    'section',
    { class: 'conflicts' },
    h('h2', {}, title),
    h(
      'ul',
      {},
      conflicts.map((c) =>
        h(
          'li',
          { class: 'conflict', dataset: { kind: c.kind || '' } },
          h('span', { class: 'kind' }, c.kind || 'conflict'),
          ' ',
          c.summary || c.claims.join(', '),
          c.reports ? h('ul', { class: 'reports' }, c.reports.map(reportItem)) : null,
        ),
      ),
    ),
  );
}

async function entityView(id, params) {
  setNav('entities');
  const detail = await api(`/api/entities/${enc(id)}`);
  const story = await storyInfo();
  const asOf = params.get('as_of') || story.latest_day || '';
  const status = await api(`/api/entities/${enc(id)}/status${qs({ as_of: asOf })}`);
  const s = detail.summary;
  setTitle(s.name);

  const claimsById = new Map(detail.claims.map((c) => [c.id, c]));
  const days = detail.history.map((step) => step.date);
  const setAsOf = (value) => {
    if (value) location.hash = `#/entity/${enc(id)}${qs({ as_of: value })}`;
  };
  const dateInput = h('input', {
    type: 'date',
    id: 'as-of',
    value: status.as_of,
    'aria-label': 'As of date',
    onchange: (e) => setAsOf(e.target.value),
  });
  const stepButtons = h(
    'span',
    { class: 'steps' },
    h('button', {
      type: 'button',
      id: 'as-of-prev',
      title: 'the previous day something was said',
      onclick: () => setAsOf([...days].reverse().find((d) => d < status.as_of)),
    }, '◀ earlier'),
    h('button', {
      type: 'button',
      id: 'as-of-next',
      title: 'the next day something was said',
      onclick: () => setAsOf(days.find((d) => d > status.as_of)),
    }, 'later ▶'),
  );

  const latest = Object.entries(status.latest);
  const statusBox = h(
    'section',
    { class: 'status', id: 'status', 'aria-live': 'polite' },
    h('h2', {}, `Status as of ${status.as_of}`),
    latest.length
      ? h(
          'dl',
          {},
          latest.map(([pred, c]) => [
            h('dt', { dataset: { predicate: pred } }, predicateText({ predicate: pred, relation: c.relation })),
            h(
              'dd',
              { dataset: { predicate: pred, claim: c.id } },
              badge(c.certainty, c.cues),
              ' ',
              c.object ? `${c.object} · ` : '',
              c.place ? `${c.place} · ` : '',
              c.when ? `happened ${c.when} · ` : '',
              `said ${c.said_on || 'undated'} by ${c.source || 'the article'} · `,
              docLink(c.doc, c.id),
            ),
          ]),
        )
      : h('p', { class: 'empty' }, 'Nothing was known yet.'),
    h(
      'p',
      { class: 'meta', id: 'known-count' },
      `${status.known.length} claim${status.known.length === 1 ? '' : 's'} known by then; ${status.later} said later.`,
    ),
    status.conflicts.length
      ? h(
          'div',
          { class: 'open-conflicts', id: 'open-conflicts' },
          h('h3', {}, `Open conflicts (${status.conflicts.length})`),
          h('ul', {}, status.conflicts.map((c) => h('li', { class: 'conflict' }, h('span', { class: 'kind' }, c.kind || 'conflict'), ' ', c.summary || ''))),
        )
      : h('p', { class: 'meta', id: 'open-conflicts' }, 'No open conflicts as of this date.'),
  );

  const history = h(
    'section',
    { class: 'history' },
    h('h2', {}, 'Status history'),
    detail.history.length
      ? h(
          'ol',
          { id: 'history' },
          detail.history.map((step) =>
            h(
              'li',
              { class: step.date > status.as_of ? 'later' : 'known', dataset: { date: step.date } },
              h('button', { type: 'button', class: 'day', title: 'show the status as of this day', onclick: () => setAsOf(step.date) }, step.date),
              h(
                'ul',
                { class: 'reports' },
                step.said.map((cid) => claimsById.get(cid)).filter(Boolean).map(reportItem),
              ),
            ),
          ),
        )
      : h('p', { class: 'empty' }, 'No dated claims about this entity.'),
  );

  const e = detail.entity;
  const mentionsByDoc = new Map();
  for (const m of e.mentions) {
    if (!mentionsByDoc.has(m.doc)) mentionsByDoc.set(m.doc, []);
    mentionsByDoc.get(m.doc).push(m.text);
  }
  const about = h(
    'section',
    { class: 'about' },
    h('h2', {}, 'Names and mentions'),
    e.aliases.length ? h('p', {}, 'Also written: ', e.aliases.join(', ')) : null,
    h(
      'ul',
      {},
      [...mentionsByDoc].map(([doc, texts]) => h('li', {}, docLink(doc), ` · ${texts.length}× `, h('span', { class: 'meta' }, [...new Set(texts)].join(', ')))),
    ),
    e.merges && e.merges.length
      ? h(
          'details',
          {},
          h('summary', {}, `Why these names were merged (${e.merges.length})`),
          h('ul', {}, e.merges.map((m) => h('li', {}, h('code', {}, m.rule), ' ', m.explanation || m.strings.join(' ~ ')))),
        )
      : null,
  );

  show(
    h(
      'h1',
      { id: 'entity-name' },
      s.name,
      h('span', { class: `type type-${s.type}` }, s.type),
    ),
    h(
      'div',
      { class: 'as-of' },
      h('label', { for: 'as-of' }, 'As of '),
      dateInput,
      stepButtons,
      h('a', { href: `#/${qs({ entity: id })}`, class: 'button-link' }, 'Timeline of this entity'),
    ),
    statusBox,
    history,
    conflictSection(detail.conflicts, 'All conflicts about this entity'),
    about,
  );
}

async function docView(id, params) {
  setNav('docs');
  const d = await api(`/api/documents/${enc(id)}`);
  const doc = d.document;
  setTitle(doc.title || doc.id);
  const text = byteText(doc.text);

  // Every annotation with its explanation.
  const anns = [];
  for (const t of d.timexes) {
    anns.push({
      kind: 'timex', start: t.start, end: t.end, rank: 2,
      lines: () => [
        h('strong', {}, `Time expression · ${t.type}`),
        h('div', {}, `value ${t.value}${t.mod ? ` (${t.mod})` : ''}${t.earliest ? ` · ${t.earliest} to ${t.latest}` : ''}`),
        h('div', {}, `anchored on: ${t.anchor}`),
        t.rule ? h('div', { class: 'rule' }, `rule ${t.rule}`) : null,
      ],
    });
  }
  for (const m of d.mentions) {
    anns.push({
      kind: 'mention', start: m.start, end: m.end, rank: 2, entity: m.entity, type: m.type,
      lines: () => [
        h('strong', {}, `Name · ${m.type}`),
        h('div', {}, `entity ${m.name} (${m.entity})`),
        h('div', { class: 'rule' }, `rule ${m.rule} · score ${Number(m.score).toFixed(2)}`),
      ],
    });
  }
  for (const c of d.claims) {
    const claimLines = () => [
      h('strong', {}, `Claim ${c.id} · ${c.subject_name} ${predicateText(c)}`),
      h('div', {}, badge(c.certainty, c.cues), c.cues && c.cues.length ? ` certainty cues: ${c.cues.join(', ')}` : ' no certainty cues'),
      c.source ? h('div', {}, `source: ${c.source.text}`) : h('div', {}, 'asserted by the article itself'),
      c.cue ? h('div', {}, `attribution cue: ${c.cue.text}`) : null,
      h('div', {}, `evidence: "${c.trigger.text}"${c.place_name ? ` · place ${c.place_name}` : ''}`),
      c.when ? h('div', {}, `happened: ${c.when}`) : null,
      c.said_on ? h('div', {}, `said: ${c.said_on}`) : null,
      c.rule ? h('div', { class: 'rule' }, `rule ${c.rule}`) : null,
    ];
    anns.push({ kind: 'claim', start: c.start, end: c.end, rank: 0, claim: c.id, certainty: c.certainty, lines: claimLines });
    anns.push({ kind: 'trigger', start: c.trigger.start, end: c.trigger.end, rank: 1, claim: c.id, lines: null });
    if (c.cue) anns.push({ kind: 'cue', start: c.cue.start, end: c.cue.end, rank: 1, claim: c.id, lines: null });
    if (c.source) anns.push({ kind: 'source', start: c.source.start, end: c.source.end, rank: 1, claim: c.id, lines: null });
  }

  const cuts = new Set([0, text.length]);
  for (const a of anns) {
    if (a.start >= 0 && a.end <= text.length && a.start < a.end) {
      cuts.add(a.start);
      cuts.add(a.end);
    }
  }
  const points = [...cuts].sort((x, y) => x - y);
  const focus = params.get('claim');
  const body = doc.body || [0, text.length];
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    const piece = text.slice(a, b);
    const over = anns.filter((x) => x.start <= a && x.end >= b).sort((x, y) => x.rank - y.rank);
    const outside = b <= body[0] || a >= body[1];
    if (!over.length) {
      pieces.push(outside ? h('span', { class: 'outside' }, piece) : piece);
      continue;
    }
    const classes = ['ann'];
    const data = {};
    for (const x of over) {
      classes.push(x.kind);
      if (x.kind === 'claim') {
        classes.push(`cert-${x.certainty}`);
        data.claim = x.claim;
        if (x.claim === focus) classes.push('focus');
      }
      if (x.kind === 'mention') {
        classes.push(`type-${x.type}`);
        data.entity = x.entity;
      }
    }
    // The card is built when shown: one part per annotation covering this piece.
    const cardParts = () => over.filter((x) => x.lines).map((x) => h('div', { class: `card-part card-${x.kind}` }, x.lines()));
    const span = h('span', { class: classes.join(' '), dataset: data, tabindex: data.entity ? 0 : null }, piece);
    span.addEventListener('mouseenter', () => showCard(span, cardParts()));
    span.addEventListener('focus', () => showCard(span, cardParts()));
    span.addEventListener('mouseleave', hideCard);
    span.addEventListener('blur', hideCard);
    if (data.entity) {
      span.addEventListener('click', () => (location.hash = `#/entity/${enc(data.entity)}`));
      span.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') location.hash = `#/entity/${enc(data.entity)}`;
      });
    }
    pieces.push(span);
  }

  const p = doc.published || {};
  const meta = h(
    'p',
    { class: 'meta' },
    `${doc.id} · ${doc.language} · published `,
    h('strong', {}, p.value || 'unknown'),
    ` (${p.source}${p.source === 'inferred' ? `, confidence ${Number(p.confidence).toFixed(2)}` : ''})`,
    doc.outlet ? ` · ${doc.outlet}` : '',
    doc.url ? [' · ', h('span', { class: 'url' }, doc.url)] : null,
  );
  const evidence =
    p.evidence && p.evidence.length && p.source === 'inferred'
      ? h('details', {}, h('summary', {}, 'Why this date'), h('ul', {}, p.evidence.map((e) => h('li', {}, e))))
      : null;
  const dup = doc.duplicate_of
    ? h('p', { class: 'note' }, `Repeats `, docLink(doc.duplicate_of.doc), ` (${doc.duplicate_of.kind}, similarity ${doc.duplicate_of.similarity}); its claims are not counted as independent evidence.`)
    : null;
  const legend = h(
    'p',
    { class: 'legend' },
    h('span', { class: 'ann timex' }, 'time expression'),
    ' ',
    h('span', { class: 'ann mention type-PER' }, 'person'),
    ' ',
    h('span', { class: 'ann mention type-ORG' }, 'organisation'),
    ' ',
    h('span', { class: 'ann mention type-LOC' }, 'place'),
    ' ',
    h('span', { class: 'ann claim cert-reported' }, 'claim'),
    ' ',
    h('span', { class: 'ann claim cue' }, 'attribution cue'),
    ' ',
    h('span', { class: 'ann claim source' }, 'source'),
    ' · hover for rule, evidence and certainty cues',
  );
  const claimList = h(
    'aside',
    { class: 'claims' },
    h('h2', {}, `Claims (${d.claims.length})`),
    d.claims.length
      ? h(
          'ol',
          {},
          d.claims.map((c) =>
            h(
              'li',
              { dataset: { claim: c.id } },
              h('a', { href: `#/doc/${enc(doc.id)}${qs({ claim: c.id })}` }, c.id),
              ' ',
              badge(c.certainty, c.cues),
              ' ',
              entityLink(c.subject, c.subject_name),
              ` ${predicateText(c)}`,
              c.place_name ? ` · ${c.place_name}` : '',
              c.when ? ` · ${c.when}` : '',
            ),
          ),
        )
      : h('p', { class: 'empty' }, 'No claims found.'),
  );
  show(
    h('h1', {}, doc.title || doc.id),
    meta,
    evidence,
    dup,
    legend,
    h('div', { class: 'doc-layout' }, h('article', { class: 'text', id: 'doc-text', lang: doc.language }, pieces), claimList),
  );
  if (focus) {
    const el = main.querySelector(`.claim.focus`);
    if (el) el.scrollIntoView({ block: 'center' });
  }
}

async function entitiesView(params) {
  setNav('entities');
  setTitle('Entities');
  const q = params.get('q') || '';
  const list = await api(`/api/entities${qs({ q })}`);
  const input = h('input', { type: 'search', id: 'entity-q', value: q, placeholder: 'Any spelling of a name', 'aria-label': 'Find an entity' });
  const form = h(
    'form',
    { class: 'filters', onsubmit: (e) => { e.preventDefault(); location.hash = `#/entities${qs({ q: input.value.trim() })}`; } },
    input,
    h('button', { type: 'submit' }, 'Find'),
  );
  show(
    h('h1', {}, 'Entities'),
    form,
    list.entities.length
      ? h(
          'table',
          { class: 'list' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Type'), h('th', {}, 'Also written'), h('th', { class: 'num' }, 'Mentions'))),
          h(
            'tbody',
            {},
            list.entities.map((e) =>
              h('tr', {}, h('td', {}, entityLink(e.id, e.name)), h('td', {}, h('span', { class: `type type-${e.type}` }, e.type)), h('td', {}, e.aliases.join(', ')), h('td', { class: 'num' }, e.mentions)),
            ),
          ),
        )
      : h('p', { class: 'empty' }, q ? `No entity matches “${q}”.` : 'No entities yet.'),
  );
}

async function docsView() {
  setNav('docs');
  setTitle('Articles');
  const list = await api('/api/documents?limit=1000');
  show(
    h('h1', {}, `Articles (${list.total})`),
    h(
      'table',
      { class: 'list' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Published'), h('th', {}, 'Article'), h('th', {}, 'Outlet'), h('th', {}, 'Lang'), h('th', { class: 'num' }, 'Times'), h('th', { class: 'num' }, 'Names'), h('th', { class: 'num' }, 'Claims'))),
      h(
        'tbody',
        {},
        list.documents.map((d) =>
          h(
            'tr',
            {},
            h('td', {}, d.published.value || '—', h('div', { class: 'meta' }, d.published.source)),
            h('td', {}, docLink(d.id, null, d.title || d.id), h('div', { class: 'meta' }, d.lead), d.duplicate_of ? h('div', { class: 'note' }, `repeats ${d.duplicate_of.doc}`) : null),
            h('td', {}, d.outlet || ''),
            h('td', {}, d.language),
            h('td', { class: 'num' }, d.timexes),
            h('td', { class: 'num' }, d.mentions),
            h('td', { class: 'num' }, d.claims),
          ),
        ),
      ),
    ),
  );
}

async function conflictsView() {
  setNav('conflicts');
  setTitle('Conflicts');
  const list = await api('/api/conflicts');
  show(
    h('h1', {}, 'Conflicts'),
    h('p', { class: 'intro' }, 'Claims that cannot all be true.'),
    list.conflicts.length ? conflictSection(list.conflicts, `${list.conflicts.length} conflicts`) : h('p', { class: 'empty' }, 'No conflicts.'),
  );
}

function highlighted(snippet, matches) {
  const text = byteText(snippet.text);
  const out = [];
  let at = 0;
  for (const m of matches) {
    const a = m.start - snippet.start;
    const b = m.end - snippet.start;
    if (a < at || b > text.length) continue;
    out.push(text.slice(at, a), h('mark', {}, text.slice(a, b)));
    at = b;
  }
  out.push(text.slice(at, text.length));
  return out;
}

async function searchView(params) {
  setNav('');
  const q = params.get('q') || '';
  setTitle('Search', q);
  document.getElementById('search-input').value = q;
  if (!q) return show(h('h1', {}, 'Search'), h('p', { class: 'empty' }, 'Type words in the search box.'));
  const res = await api(`/api/search${qs({ q })}`);
  show(
    h('h1', {}, `Search: ${q}`),
    res.hits.length
      ? h(
          'ol',
          { class: 'hits' },
          res.hits.map((hit) =>
            h(
              'li',
              {},
              h('span', { class: `kind kind-${hit.kind}` }, hit.kind),
              ' ',
              hit.certainty ? [badge(hit.certainty), ' '] : null,
              docLink(hit.doc, hit.claim, hit.title || hit.doc),
              h('p', { class: 'snippet' }, highlighted(hit.snippet, hit.matches)),
            ),
          ),
        )
      : h('p', { class: 'empty' }, 'Nothing found.'),
  );
}

// ---------------------------------------------------------------- story line and routing

let storyCache = null;
async function storyInfo(refresh) {
  if (!storyCache || refresh) storyCache = await api('/api/story');
  return storyCache;
}

async function storyLine() {
  const s = await storyInfo(true);
  const range = s.first_published ? ` · ${s.first_published} → ${s.last_published}` : '';
  document.getElementById('story-line').textContent = `${s.documents} articles${range} · ${s.events} events · ${s.conflicts} conflicts`;
}

async function route() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query] = hash.split('?');
  const params = new URLSearchParams(query || '');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  main.setAttribute('aria-busy', 'true');
  try {
    if (parts.length === 0 || parts[0] === 'timeline') await timelineView(params);
    else if (parts[0] === 'entity' && parts[1]) await entityView(parts[1], params);
    else if (parts[0] === 'doc' && parts[1]) await docView(parts[1], params);
    else if (parts[0] === 'entities') await entitiesView(params);
    else if (parts[0] === 'docs') await docsView();
    else if (parts[0] === 'conflicts') await conflictsView();
    else if (parts[0] === 'search') await searchView(params);
    else show(problem(new ApiError(404, `no page ${path}`)));
  } catch (err) {
    show(problem(err));
  } finally {
    main.removeAttribute('aria-busy');
    main.dataset.view = parts[0] || 'timeline';
    // A counter that goes up with every view shown (tests wait on it).
    main.dataset.rendered = String(Number(main.dataset.rendered || 0) + 1);
  }
}

document.getElementById('search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const q = document.getElementById('search-input').value.trim();
  location.hash = `#/search${qs({ q })}`;
});
window.addEventListener('hashchange', route);
storyLine().catch(() => {});
route();
