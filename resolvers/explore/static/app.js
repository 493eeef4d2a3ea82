// Sundhedsgraf explorer: plain JavaScript over the public GraphQL API.
// Views are chosen by the URL fragment (#/person/ID, ...); every view reads
// what it shows with one or two GraphQL requests and builds DOM nodes (never
// HTML strings, so names and quotes are always text).
'use strict';

const API = '/graphql';

// ---------------------------------------------------------------------------
// GraphQL

async function gql(query, variables) {
  const res = await fetch(API, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ query, variables: variables || {} }),
  });
  let body;
  try {
    body = await res.json();
  } catch (e) {
    throw new Error('API-svaret kunne ikke læses (HTTP ' + res.status + ')');
  }
  if (body.errors && body.errors.length) {
    throw new Error(body.errors.map((e) => e.message).join('; '));
  }
  if (!res.ok) throw new Error('API-fejl (HTTP ' + res.status + ')');
  return body.data;
}

// features tells which optional parts of the schema the server has: the
// network and the transition planner came later than the rest, and a
// server without them (or without introspection) still gets a full page.
let featuresPromise = null;
function features() {
  if (!featuresPromise) {
    featuresPromise = gql('{ q: __type(name: "Query") { fields { name } } hc: __type(name: "HealthCouncil") { fields { name } } }')
      .then((d) => {
        const names = (t) => new Set(((t && t.fields) || []).map((f) => f.name));
        return { network: names(d.q).has('network'), transition: names(d.hc).has('transition') };
      })
      .catch(() => ({ network: false, transition: false }));
  }
  return featuresPromise;
}

const SRC = 'fragment Src on Source { fileName lines { start end } quote origin note uncertain document { id title date } }';

// ---------------------------------------------------------------------------
// DOM helpers

// h builds an element: h('a', {href: '#'}, 'text', child, [more]).
function h(tag, attrs, ...children) {
  const svg = tag.startsWith('svg:');
  const el = svg
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.setAttribute('class', v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

const view = () => document.getElementById('view');

function setStatus(text) {
  document.getElementById('status').textContent = text || '';
}

// ---------------------------------------------------------------------------
// Words

const KIND = {
  PERSON: 'Person', BODY: 'Organ', CLUSTER: 'Sundhedsklynge', HEALTH_COUNCIL: 'Sundhedsråd',
  ORGANISATION: 'Organisation', MUNICIPALITY: 'Kommune', REGION: 'Region', INITIATIVE: 'Initiativ',
  AGENDA_ITEM: 'Dagsordenspunkt', MEETING: 'Møde', DOCUMENT: 'Dokument',
};
const ROLE = {
  CHAIR: 'Formand', CO_CHAIR: 'Medformand', VICE_CHAIR: 'Næstformand', MEMBER: 'Medlem',
  OBSERVER: 'Observatør', SECRETARIAT: 'Sekretariat', SUBSTITUTE: 'Stedfortræder', GUEST: 'Gæst',
  ADMINISTRATIVE: 'Administration',
};
const STATUS = {
  PRESENT: 'Til stede', SUBSTITUTE: 'Stedfortræder', SENT_APOLOGIES: 'Afbud', ABSENT: 'Fraværende',
};
const LEVEL = { POLITICAL: 'Politisk niveau', PROFESSIONAL_STRATEGIC: 'Fagligt strategisk niveau', OTHER: 'Andet' };
const BODY_KIND = {
  POLITICAL_LEVEL: 'Politisk niveau', PROFESSIONAL_STRATEGIC_LEVEL: 'Fagligt strategisk niveau',
  STEERING_GROUP: 'Styregruppe', IMPLEMENTATION_GROUP: 'Implementeringsgruppe', AD_HOC_GROUP: 'Ad hoc-gruppe',
  COORDINATION_FORUM: 'Koordinationsforum', THEME_COMMITTEE: 'Temaudvalg', WORKING_GROUP: 'Arbejdsgruppe',
  EXECUTIVE_COMMITTEE: 'Forretningsudvalg', HEALTH_COUNCIL: 'Sundhedsråd', COMMITTEE: 'Udvalg', OTHER: 'Andet',
};
const OUTCOME = {
  APPROVED: 'Godkendt', NOTED: 'Taget til efterretning', DISCUSSED: 'Drøftet', REJECTED: 'Afvist',
  POSTPONED: 'Udsat', OTHER: 'Andet',
};

const dateFmt = new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
function date(d) {
  if (!d) return 'uden dato';
  const t = new Date(d + 'T00:00:00Z');
  return isNaN(t) ? d : dateFmt.format(t);
}
const kr = (n) => (n === null || n === undefined ? '–' : 'kr. ' + new Intl.NumberFormat('da-DK').format(n));
function period(a, b) {
  if (!a && !b) return '';
  if (a === b) return date(a);
  return (a ? date(a) : '…') + ' – ' + (b ? date(b) : '…');
}

// route returns the fragment of a node's view, by the prefix of its id.
function route(id) {
  const type = String(id).split(':')[0];
  const page = {
    person: 'person', body: 'body', meeting: 'meeting', cluster: 'cluster', council: 'council',
    municipality: 'municipality', org: 'organisation', initiative: 'initiative', item: 'item',
  }[type];
  return page ? '#/' + page + '/' + encodeURIComponent(id) : null;
}

function link(node, text) {
  if (!node) return null;
  const href = route(node.id);
  const label = text || node.name || node.title || node.id;
  return href ? h('a', { href }, label) : label;
}

// seen says when a seat without stated dates shows in the minutes.
function seen(m) {
  return m.firstSeen ? 'set ' + period(m.firstSeen, m.lastSeen) : '';
}

function sources(list) {
  if (!list || !list.length) return h('span', { class: 'muted' }, 'ingen kilde');
  return h('ul', { class: 'sources' }, list.map((s) => {
    const lines = s.lines.start === s.lines.end ? 'linje ' + s.lines.start : 'linje ' + s.lines.start + '–' + s.lines.end;
    return h('li', {},
      h('span', { class: 'doc', title: s.document ? s.document.title : null }, s.fileName),
      ', ', lines,
      s.quote ? [' ', h('q', {}, s.quote)] : null,
      s.uncertain ? h('span', { class: 'tag warn' }, 'usikker') : null,
      s.note ? h('span', { class: 'note' }, ' (' + s.note + ')') : null);
  }));
}

function table(caption, head, rows, attrs) {
  return h('table', attrs || {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows));
}

function section(title, ...children) {
  return h('section', { 'aria-label': title }, h('h2', {}, title), children);
}

function empty(text) {
  return h('p', { class: 'muted' }, text);
}

// ---------------------------------------------------------------------------
// Views

async function homeView() {
  const d = await gql('{ stats { documents facts { kind count } } }');
  const n = (k) => (d.stats.facts.find((f) => f.kind === k) || { count: 0 }).count;
  return [
    h('h1', {}, 'Udforsk det tværsektorielle sundhedssamarbejde'),
    h('p', { class: 'lead' },
      'Søg efter en person, et organ eller en sundhedsklynge. Se hvem der sidder hvor – med kilde – ',
      'hvem der deltog i et møde, netværket i en klynge og sundhedsrådenes overgangsplan.'),
    h('ul', { class: 'stats' },
      h('li', {}, h('strong', {}, d.stats.documents), ' dokumenter'),
      h('li', {}, h('strong', {}, n('PERSON')), ' personer'),
      h('li', {}, h('strong', {}, n('BODY')), ' organer'),
      h('li', {}, h('strong', {}, n('MEETING')), ' møder'),
      h('li', {}, h('strong', {}, n('CLUSTER')), ' klynger'),
      h('li', {}, h('strong', {}, n('HEALTH_COUNCIL')), ' sundhedsråd')),
  ];
}

const SEARCH = `query Search($text: String!, $types: [Kind!]) {
  search(text: $text, types: $types, first: 40) {
    kind score snippet
    node {
      id
      ... on Person { name party organisation { name } memberships { id role body { id name } } }
      ... on Body { name kind cluster { name } }
      ... on Cluster { name region { name } }
      ... on HealthCouncil { name region { name } }
      ... on Organisation { name }
      ... on Municipality { name }
      ... on Region { name }
      ... on Initiative { name amountDKK cluster { name } }
      ... on AgendaItem { title meeting { id date body { name } } }
      ... on Meeting { date body { name } }
    }
  }
}`;

async function searchView(text, kind) {
  document.getElementById('q').value = text;
  document.getElementById('kind').value = kind || '';
  const d = await gql(SEARCH, { text, types: kind ? [kind] : null });
  const hits = d.search;
  const items = hits.map((hit) => {
    const n = hit.node;
    let target = n;
    let title = n.name || n.title || hit.snippet;
    if (hit.kind === 'MEETING') title = n.body.name + ', ' + date(n.date);
    const extra = [];
    if (n.party) extra.push(' (' + n.party + ')');
    if (n.organisation) extra.push(', ' + n.organisation.name);
    if (n.cluster) extra.push(' – ' + n.cluster.name);
    if (n.region) extra.push(' – ' + n.region.name);
    if (hit.kind === 'INITIATIVE' && n.amountDKK !== null) extra.push(', ' + kr(n.amountDKK));
    if (hit.kind === 'AGENDA_ITEM') {
      target = n.meeting;
      extra.push(' – ' + n.meeting.body.name + ', ' + date(n.meeting.date));
    }
    let seats = null;
    if (n.memberships && n.memberships.length) {
      seats = h('ul', { class: 'seats', 'aria-label': 'Sæder' }, n.memberships.map((m) =>
        h('li', { 'data-membership': m.id }, ROLE[m.role] || m.role, ' i ', link(m.body))));
    }
    return h('li', { class: 'hit', 'data-kind': hit.kind },
      h('span', { class: 'tag' }, KIND[hit.kind] || hit.kind), ' ',
      h('a', { href: route(target.id) || '#/' }, title), extra,
      hit.snippet && hit.snippet !== title ? h('div', { class: 'snippet' }, hit.snippet) : null,
      seats);
  });
  return [
    h('h1', {}, 'Søgning: ', h('q', {}, text)),
    hits.length
      ? h('ol', { class: 'hits', id: 'hits', 'aria-label': 'Søgeresultater' }, items)
      : empty('Intet fundet. Prøv en del af navnet; æ, ø og å kan også skrives ae, oe og aa.'),
  ];
}

const PERSON = `query Person($id: ID!) {
  person(id: $id) {
    id name aliases party titles organisation { id name }
    memberships {
      id role title party startDate endDate firstSeen lastSeen
      onBehalfOf { id name }
      body { id name kind cluster { id name } healthCouncil { id name } }
      sources { ...Src }
    }
    attendance(first: 200) {
      totalCount
      nodes { id status items note substituteFor { id name } meeting { id date body { id name } } }
    }
    substitutedBy { id participant { id name } meeting { id date body { name } } }
    attendanceRate { meetings attended missed rate }
    sources { ...Src }
  }
} ` + SRC;

async function personView(id) {
  const p = (await gql(PERSON, { id })).person;
  if (!p) return notFound();
  const rows = p.memberships.map((m) => h('tr', { 'data-membership': m.id },
    h('td', {}, link(m.body), m.body.cluster ? h('div', { class: 'muted' }, link(m.body.cluster)) : null),
    h('td', {}, ROLE[m.role] || m.role, m.title ? h('div', { class: 'muted' }, m.title) : null),
    h('td', {}, m.onBehalfOf ? link(m.onBehalfOf) : '–'),
    h('td', {}, period(m.startDate, m.endDate) || seen(m)),
    h('td', {}, sources(m.sources))));
  const rate = p.attendanceRate;
  const att = p.attendance.nodes.map((a) => h('tr', {},
    h('td', {}, link(a.meeting, a.meeting.body.name + ', ' + date(a.meeting.date))),
    h('td', {}, STATUS[a.status] || a.status,
      a.substituteFor ? [' for ', link(a.substituteFor)] : null,
      a.items ? ' (punkt ' + a.items + ')' : null)));
  return [
    h('p', { class: 'kicker' }, 'Person'),
    h('h1', {}, p.name, p.party ? h('span', { class: 'party' }, ' (' + p.party + ')') : null),
    h('dl', { class: 'facts' },
      p.organisation ? [h('dt', {}, 'Organisation'), h('dd', {}, link(p.organisation))] : null,
      p.titles.length ? [h('dt', {}, 'Titler'), h('dd', {}, p.titles.join(', '))] : null,
      p.aliases.length ? [h('dt', {}, 'Også skrevet'), h('dd', {}, p.aliases.join(', '))] : null,
      rate.meetings ? [h('dt', {}, 'Fremmøde'), h('dd', {},
        rate.attended + ' af ' + (rate.attended + rate.missed) + ' møder',
        rate.rate !== null ? ' (' + Math.round(rate.rate * 100) + ' %)' : '')] : null),
    section('Sæder',
      rows.length
        ? table('Hvor ' + p.name + ' sidder, med kilder', ['Organ', 'Rolle', 'For', 'Periode', 'Kilde'], rows, { id: 'memberships' })
        : empty('Ingen kendte sæder.')),
    section('Møder', att.length ? table(null, ['Møde', 'Deltagelse'], att) : empty('Ingen registrerede møder.')),
    p.substitutedBy.length
      ? section('Stedfortrædere', h('ul', {}, p.substitutedBy.map((a) =>
        h('li', {}, link(a.participant), ' mødte for ', p.name, ' i ', link(a.meeting, a.meeting.body.name + ', ' + date(a.meeting.date))))))
      : null,
  ];
}

const BODY = `query Body($id: ID!) {
  body(id: $id) {
    id name kind level aliases
    cluster { id name } healthCouncil { id name } parent { id name } children { id name }
    members { id role title firstSeen lastSeen startDate endDate person { id name party } onBehalfOf { id name } sources { ...Src } }
    meetings(first: 200) { totalCount nodes { id date planned location } }
    attendanceRate { meetings rate }
    sources { ...Src }
  }
} ` + SRC;

async function bodyView(id) {
  const b = (await gql(BODY, { id })).body;
  if (!b) return notFound();
  const rows = b.members.map((m) => h('tr', { 'data-membership': m.id },
    h('td', {}, link(m.person), m.person.party ? ' (' + m.person.party + ')' : ''),
    h('td', {}, ROLE[m.role] || m.role, m.title ? h('div', { class: 'muted' }, m.title) : null),
    h('td', {}, m.onBehalfOf ? link(m.onBehalfOf) : '–'),
    h('td', {}, period(m.startDate, m.endDate) || seen(m)),
    h('td', {}, sources(m.sources))));
  return [
    h('p', { class: 'kicker' }, BODY_KIND[b.kind] || 'Organ'),
    h('h1', {}, b.name),
    h('dl', { class: 'facts' },
      b.cluster ? [h('dt', {}, 'Sundhedsklynge'), h('dd', {}, link(b.cluster))] : null,
      b.healthCouncil ? [h('dt', {}, 'Sundhedsråd'), h('dd', {}, link(b.healthCouncil))] : null,
      b.parent ? [h('dt', {}, 'Under'), h('dd', {}, link(b.parent))] : null,
      b.children.length ? [h('dt', {}, 'Grupper under'), h('dd', {}, b.children.map((c, i) => [i ? ', ' : '', link(c)]))] : null,
      b.aliases.length ? [h('dt', {}, 'Også kaldt'), h('dd', {}, b.aliases.join(', '))] : null,
      b.attendanceRate.rate !== null ? [h('dt', {}, 'Fremmøde'), h('dd', {}, Math.round(b.attendanceRate.rate * 100) + ' %')] : null),
    section('Medlemmer', rows.length ? table('Hvem der sidder i ' + b.name + ', med kilder', ['Person', 'Rolle', 'For', 'Periode', 'Kilde'], rows, { id: 'members' }) : empty('Ingen kendte medlemmer.')),
    section('Møder', b.meetings.nodes.length
      ? h('ul', {}, b.meetings.nodes.map((m) => h('li', {}, link(m, date(m.date)), m.planned ? ' (planlagt)' : '', m.location ? ', ' + m.location : '')))
      : empty('Ingen kendte møder.')),
    section('Kilder', sources(b.sources)),
  ];
}

const MEETING = `query Meeting($id: ID!) {
  meeting(id: $id) {
    id date time location planned level body { id name } cluster { id name }
    attendance {
      id status items note
      participant { id name party organisation { id name } }
      substituteFor { id name }
      sources { ...Src }
    }
    items { id number title result }
    sources { ...Src }
  }
} ` + SRC;

async function meetingView(id) {
  const m = (await gql(MEETING, { id })).meeting;
  if (!m) return notFound();
  const groups = ['PRESENT', 'SUBSTITUTE', 'SENT_APOLOGIES', 'ABSENT'].map((st) => {
    const list = m.attendance.filter((a) => a.status === st);
    if (!list.length) return null;
    const rows = list.map((a) => h('tr', { 'data-attendance': a.status },
      h('td', {}, link(a.participant), a.participant.party ? ' (' + a.participant.party + ')' : ''),
      h('td', {}, a.participant.organisation ? link(a.participant.organisation) : ''),
      st === 'SUBSTITUTE' ? h('td', {}, a.substituteFor ? link(a.substituteFor) : 'ukendt') : null,
      h('td', {}, a.items ? 'punkt ' + a.items : '', a.note ? h('div', { class: 'muted' }, a.note) : null),
      h('td', {}, sources(a.sources))));
    const head = st === 'SUBSTITUTE'
      ? ['Person', 'Organisation', 'Stedfortræder for', 'Bemærkning', 'Kilde']
      : ['Person', 'Organisation', 'Bemærkning', 'Kilde'];
    return h('section', { 'aria-label': STATUS[st], class: 'att att-' + st.toLowerCase() },
      h('h3', {}, STATUS[st], ' ', h('span', { class: 'count' }, '(' + list.length + ')')),
      table(null, head, rows));
  });
  return [
    h('p', { class: 'kicker' }, 'Møde'),
    h('h1', {}, link(m.body), ', ', date(m.date)),
    h('dl', { class: 'facts' },
      m.cluster ? [h('dt', {}, 'Sundhedsklynge'), h('dd', {}, link(m.cluster))] : null,
      m.level ? [h('dt', {}, 'Niveau'), h('dd', {}, LEVEL[m.level] || m.level)] : null,
      m.time ? [h('dt', {}, 'Tid'), h('dd', {}, m.time)] : null,
      m.location ? [h('dt', {}, 'Sted'), h('dd', {}, m.location)] : null,
      m.planned ? [h('dt', {}, 'Status'), h('dd', {}, 'Planlagt')] : null),
    section('Fremmøde', m.attendance.length ? groups : empty('Referatet nævner ingen deltagere.')),
    m.items.length ? section('Dagsorden', h('ol', { class: 'items' }, m.items.map((it) =>
      h('li', { value: it.number }, it.title, it.result ? h('span', { class: 'tag' }, OUTCOME[it.result] || it.result) : null)))) : null,
    section('Kilder', sources(m.sources)),
  ];
}

const CLUSTER = `query Cluster($id: ID!) {
  cluster(id: $id) {
    id name code hospitals note uncertain variants region { id name }
    municipalities { id name healthCouncil { id name } }
    bodies {
      id name kind level parent { id }
      members { id role person { id name party } onBehalfOf { id name kind } }
    }
    meetings(first: 200) { totalCount nodes { id date planned body { name } } }
    initiatives(first: 500) { totalCount nodes { id name amountDKK startDate endDate ownerName } }
  }
}`;

async function clusterView(id) {
  const [d, f] = await Promise.all([gql(CLUSTER, { id }), features()]);
  const c = d.cluster;
  if (!c) return notFound();
  let net = null;
  if (f.network) {
    try {
      net = apiNetwork(c, (await gql(NETWORK, { id })).network);
    } catch (err) {
      console.warn('network(...) failed, drawing the cluster from its bodies:', err.message);
    }
  }
  if (!net) net = clusterNetwork(c);
  const inits = c.initiatives.nodes.map((i) => h('tr', {},
    h('td', {}, link(i)), h('td', { class: 'num' }, kr(i.amountDKK)), h('td', {}, period(i.startDate, i.endDate)), h('td', {}, i.ownerName)));
  return [
    h('p', { class: 'kicker' }, 'Sundhedsklynge'),
    h('h1', {}, c.name),
    h('dl', { class: 'facts' },
      c.region ? [h('dt', {}, 'Region'), h('dd', {}, c.region.name)] : null,
      c.hospitals ? [h('dt', {}, 'Sygehus'), h('dd', {}, c.hospitals)] : null,
      c.variants.length ? [h('dt', {}, 'Også kaldt'), h('dd', {}, c.variants.join(', '))] : null,
      [h('dt', {}, 'Kommuner'), h('dd', {}, c.municipalities.map((m, i) => [i ? ', ' : '', link(m)]))],
      c.uncertain ? [h('dt', {}, 'Bemærk'), h('dd', {}, 'Referencedata er usikre. ', c.note)] : null),
    section('Netværk', networkFigure(net, c.name)),
    section('Organer', c.bodies.length ? h('ul', {}, c.bodies.map((b) =>
      h('li', {}, link(b), ' – ', BODY_KIND[b.kind] || b.kind, ', ', b.members.length + ' medlemmer'))) : empty('Ingen kendte organer.')),
    section('Møder', c.meetings.nodes.length ? h('ul', {}, c.meetings.nodes.map((m) =>
      h('li', {}, link(m, m.body.name + ', ' + date(m.date)), m.planned ? ' (planlagt)' : ''))) : empty('Ingen kendte møder.')),
    section('Initiativer', inits.length ? table(null, ['Initiativ', 'Beløb', 'Periode', 'Ejer'], inits) : empty('Ingen kendte initiativer.')),
  ];
}

const NETWORK = `query Network($id: ID!) {
  network(kind: PERSON_BODY, cluster: $id) { nodes { id kind label degree community } edges { from to weight } }
}`;

// apiNetwork draws the API's person–body network of a cluster, with the
// cluster, its municipalities and the bodies' hierarchy around it; the
// cluster query adds on whose behalf each person sits and their roles.
function apiNetwork(c, api) {
  const base = clusterNetwork(c);
  const known = new Map(base.nodes.map((n) => [n.id, n]));
  const roles = new Map(base.edges.filter((e) => e.kind === 'seat').map((e) => [e.a + ' ' + e.b, e.role]));
  const nodes = new Map();
  nodes.set(c.id, known.get(c.id));
  for (const n of api.nodes) {
    const kind = { PERSON: 'person', BODY: 'body' }[n.kind] || 'other';
    nodes.set(n.id, Object.assign({}, known.get(n.id) || {}, { id: n.id, kind, label: n.label, degree: n.degree, community: n.community }));
  }
  for (const n of base.nodes) {
    if (n.kind === 'body' && !nodes.has(n.id)) nodes.set(n.id, n); // bodies without members
  }
  const parent = new Map(c.bodies.map((b) => [b.id, b.parent ? b.parent.id : null]));
  const edges = [];
  for (const n of nodes.values()) {
    if (n.kind !== 'body') continue;
    const p = parent.get(n.id);
    edges.push({ a: n.id, b: p && nodes.has(p) ? p : c.id, kind: 'part' });
  }
  for (const e of api.edges) {
    const from = nodes.get(e.from);
    const [person, body] = from && from.kind === 'person' ? [e.from, e.to] : [e.to, e.from];
    edges.push({ a: person, b: body, kind: 'seat', role: roles.get(person + ' ' + body), weight: e.weight });
  }
  for (const m of c.municipalities) {
    nodes.set(m.id, known.get(m.id));
    edges.push({ a: m.id, b: c.id, kind: 'part' });
  }
  return { nodes: [...nodes.values()], edges, source: 'network' };
}

// clusterNetwork turns a cluster's bodies, members and municipalities into
// nodes and edges.
function clusterNetwork(c) {
  const nodes = new Map();
  const edges = [];
  const add = (id, kind, label, extra) => {
    if (!nodes.has(id)) nodes.set(id, Object.assign({ id, kind, label }, extra || {}));
    return nodes.get(id);
  };
  add(c.id, 'cluster', c.name);
  const bodyIDs = new Set(c.bodies.map((b) => b.id));
  for (const b of c.bodies) {
    add(b.id, 'body', b.name);
    edges.push({ a: b.id, b: b.parent && bodyIDs.has(b.parent.id) ? b.parent.id : c.id, kind: 'part' });
    for (const m of b.members) {
      const side = m.onBehalfOf ? m.onBehalfOf.kind : '';
      const n = add(m.person.id, 'person', m.person.name, { side: side, party: m.person.party });
      if (!n.side && side) n.side = side;
      edges.push({ a: m.person.id, b: b.id, kind: 'seat', role: m.role });
    }
  }
  for (const m of c.municipalities) {
    add(m.id, 'municipality', m.name);
    edges.push({ a: m.id, b: c.id, kind: 'part' });
  }
  return { nodes: [...nodes.values()], edges, source: 'bodies' };
}

// layout places nodes with a force simulation (Fruchterman–Reingold):
// every pair repels, every edge pulls, a weak pull keeps the graph centred
// and the step size cools linearly. Deterministic: the start is a circle.
function layout(nodes, edges, w, h, iterations) {
  const n = nodes.length;
  const index = new Map(nodes.map((nd, i) => [nd.id, i]));
  const k = Math.sqrt((w * h) / Math.max(n, 1)) * 0.75;
  const cx = w / 2;
  const cy = h / 2;
  nodes.forEach((nd, i) => {
    const a = (2 * Math.PI * i) / n;
    const r = Math.min(w, h) * (nd.kind === 'person' ? 0.42 : 0.2);
    nd.x = cx + r * Math.cos(a);
    nd.y = cy + r * Math.sin(a);
  });
  // Seats pull more weakly than the structure (cluster, bodies,
  // municipalities), so a body's many members spread out around it.
  const links = edges.map((e) => [index.get(e.a), index.get(e.b), e.kind === 'seat' ? 0.3 : 1])
    .filter(([a, b]) => a !== undefined && b !== undefined);
  const t0 = w / 8;
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  for (let it = 0; it < iterations; it++) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let x = nodes[i].x - nodes[j].x;
        let y = nodes[i].y - nodes[j].y;
        let d = Math.hypot(x, y);
        if (d < 0.01) { x = 0.01 * (i - j); y = 0.01; d = Math.hypot(x, y); }
        const f = (k * k) / d;
        dx[i] += (x / d) * f; dy[i] += (y / d) * f;
        dx[j] -= (x / d) * f; dy[j] -= (y / d) * f;
      }
    }
    for (const [a, b, pull] of links) {
      const x = nodes[a].x - nodes[b].x;
      const y = nodes[a].y - nodes[b].y;
      const d = Math.max(Math.hypot(x, y), 0.01);
      const f = (pull * d * d) / k;
      dx[a] -= (x / d) * f; dy[a] -= (y / d) * f;
      dx[b] += (x / d) * f; dy[b] += (y / d) * f;
    }
    const t = t0 * (1 - it / iterations) + 0.5;
    for (let i = 0; i < n; i++) {
      dx[i] += (cx - nodes[i].x) * 0.05 * k / 10;
      dy[i] += (cy - nodes[i].y) * 0.05 * k / 10;
      const d = Math.hypot(dx[i], dy[i]);
      if (d > 0) {
        nodes[i].x += (dx[i] / d) * Math.min(d, t);
        nodes[i].y += (dy[i] / d) * Math.min(d, t);
      }
    }
  }
  fit(nodes, w, h, 40);
}

// fit scales and moves the nodes to fill the w×h box, less a margin.
function fit(nodes, w, h, margin) {
  if (!nodes.length) return;
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const x0 = Math.min(...xs);
  const y0 = Math.min(...ys);
  const dw = Math.max(Math.max(...xs) - x0, 1);
  const dh = Math.max(Math.max(...ys) - y0, 1);
  const s = Math.min((w - 2 * margin) / dw, (h - 2 * margin) / dh, 3);
  const ox = (w - dw * s) / 2;
  const oy = (h - dh * s) / 2;
  for (const n of nodes) {
    n.x = ox + (n.x - x0) * s;
    n.y = oy + (n.y - y0) * s;
  }
}

const LEAD = { CHAIR: true, CO_CHAIR: true, VICE_CHAIR: true };
const RADIUS = { cluster: 16, body: 11, municipality: 8, person: 6, other: 6 };
const SIDE_LABEL = { REGION: 'region', MUNICIPALITY: 'kommune', GP_ASSOCIATION: 'almen praksis (PLO)' };

function networkFigure(net, name) {
  const W = 960;
  const H = 640;
  layout(net.nodes, net.edges, W, H, 300);
  const byID = new Map(net.nodes.map((n) => [n.id, n]));
  const svg = h('svg:svg', {
    viewBox: '0 0 ' + W + ' ' + H, class: 'network', role: 'group', id: 'network',
    'aria-label': 'Netværk for ' + name + ': ' + net.nodes.length + ' knuder og ' + net.edges.length + ' forbindelser',
  });
  const lines = h('svg:g', { class: 'edges', 'aria-hidden': 'true' });
  for (const e of net.edges) {
    const a = byID.get(e.a);
    const b = byID.get(e.b);
    if (!a || !b) continue;
    lines.append(h('svg:line', {
      x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: b.x.toFixed(1), y2: b.y.toFixed(1),
      class: 'edge edge-' + e.kind + (LEAD[e.role] ? ' edge-lead' : ''), 'data-edge': e.a + ' ' + e.b,
    }));
  }
  svg.append(lines);
  const order = ['person', 'municipality', 'body', 'cluster'];
  const sorted = [...net.nodes].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  for (const n of sorted) {
    const href = route(n.id);
    const what = { cluster: 'Klynge', body: 'Organ', municipality: 'Kommune', person: 'Person' }[n.kind] || 'Knude';
    const g = h('svg:g', {
      class: 'node node-' + n.kind + (n.side ? ' side-' + n.side.toLowerCase() : ''),
      transform: 'translate(' + n.x.toFixed(1) + ' ' + n.y.toFixed(1) + ')',
      tabindex: href ? 0 : null, role: href ? 'link' : null,
      'aria-label': what + ': ' + n.label,
    });
    const go = () => { if (href) location.hash = href; };
    g.addEventListener('click', go);
    g.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); go(); } });
    g.append(
      h('svg:title', {}, what + ': ' + n.label + (n.side ? ' (' + (SIDE_LABEL[n.side] || n.side.toLowerCase()) + ')' : '')),
      h('svg:circle', { r: RADIUS[n.kind], 'data-node': n.id, 'data-kind': n.kind }),
      label(n, W));
    svg.append(g);
  }
  const legend = h('ul', { class: 'legend', 'aria-label': 'Signaturforklaring' },
    h('li', {}, h('span', { class: 'dot node-cluster' }), 'klynge'),
    h('li', {}, h('span', { class: 'dot node-body' }), 'organ'),
    h('li', {}, h('span', { class: 'dot node-municipality' }), 'kommune'),
    h('li', {}, h('span', { class: 'dot side-region' }), 'person for regionen'),
    h('li', {}, h('span', { class: 'dot side-municipality' }), 'person for en kommune'),
    h('li', {}, h('span', { class: 'dot side-gp_association' }), 'person for almen praksis'),
    h('li', {}, h('span', { class: 'dot node-person' }), 'anden person'));
  return h('figure', { class: 'net', 'data-source': net.source }, svg,
    h('figcaption', {}, legend, 'Klik eller tryk Enter på en knude for at åbne den. ',
      'Samme oplysninger står som lister under Organer og på hvert organs side.'));
}

// label places a node's name: clusters and bodies below the node, the rest
// beside it, growing towards the middle, so no label runs off the picture.
function label(n, W) {
  const r = RADIUS[n.kind];
  if (n.kind === 'cluster' || n.kind === 'body') {
    return h('svg:text', { x: 0, y: r + 13, class: 'label', 'text-anchor': 'middle' }, shorten(n.label));
  }
  if (n.x < W * 0.6) return h('svg:text', { x: r + 3, y: 4, class: 'label' }, n.label);
  return h('svg:text', { x: -(r + 3), y: 4, class: 'label', 'text-anchor': 'end' }, n.label);
}

function shorten(s) {
  const t = s.replace(/^Sundhedsklynge(n)? [^-–]+ [-–] /, '');
  return t.length > 34 ? t.slice(0, 32) + '…' : t;
}

// count says "1 initiativ" or "3 initiativer".
function count(n, one, many) {
  return n + ' ' + (n === 1 ? one : many);
}

const COUNCILS = '{ healthCouncils(first: 100) { nodes { id name region { name } municipalities { id } } } }';
const CLUSTERS = '{ clusters(first: 100) { nodes { id name region { name } municipalities { id } } } }';

async function listView(kind) {
  if (kind === 'clusters') {
    const d = await gql(CLUSTERS);
    return [h('h1', {}, 'Sundhedsklynger'), h('ul', { class: 'cols' }, d.clusters.nodes.map((c) =>
      h('li', {}, link(c), h('span', { class: 'muted' }, ' – ' + (c.region ? c.region.name : '') + ', ' + c.municipalities.length + ' kommuner'))))];
  }
  if (kind === 'councils') {
    const d = await gql(COUNCILS);
    return [h('h1', {}, 'Sundhedsråd fra 2027'),
      h('p', { class: 'lead' }, 'Vælg et sundhedsråd for at se overgangsplanen: kommunerne, de klynger de kommer fra, og de initiativer der kører.'),
      h('ul', { class: 'cols' }, d.healthCouncils.nodes.map((c) =>
        h('li', {}, link(c), h('span', { class: 'muted' }, ' – ' + (c.region ? c.region.name : '') + ', ' + c.municipalities.length + ' kommuner'))))];
  }
  const d = await gql('{ meetings(first: 500) { nodes { id date planned body { name } cluster { name } attendance { status } } } }');
  const rows = d.meetings.nodes.map((m) => h('tr', {},
    h('td', {}, link(m, date(m.date))), h('td', {}, m.body.name), h('td', {}, m.cluster ? m.cluster.name : ''),
    h('td', { class: 'num' }, m.planned ? 'planlagt' : m.attendance.length ? String(m.attendance.length) : '–')));
  return [h('h1', {}, 'Møder'), table(null, ['Dato', 'Organ', 'Klynge', 'Deltagere'], rows)];
}

const COUNCIL = `query Council($id: ID!) {
  healthCouncil(id: $id) {
    id name code region { id name } body { id name }
    municipalities { id name clusters { inReference inMinutes cluster { id name municipalities { id name } } } }
    members { id role person { id name } onBehalfOf { id name } }
  }
}`;

async function councilView(id, params) {
  const on = /^\d{4}-\d{2}-\d{2}$/.test(params.get('on') || '') ? params.get('on') : '2027-01-01';
  if ((await features()).transition) {
    try {
      return await transitionView(id, on);
    } catch (err) {
      console.warn('transition failed, planning from the reference data:', err.message);
    }
  }
  return referenceTransitionView(id, on);
}

// dateForm picks the date the plan is for.
function dateForm(id, on, text) {
  return h('form', { class: 'inline', onsubmit: (ev) => {
    ev.preventDefault();
    const v = ev.target.elements.on.value;
    location.hash = '#/council/' + encodeURIComponent(id) + (v ? '?on=' + v : '');
  } },
  h('label', { for: 'on' }, text),
  h('input', { id: 'on', name: 'on', type: 'date', value: on }),
  h('button', { type: 'submit' }, 'Vis'));
}

const TRANSITION = `query Transition($id: ID!, $on: Date) {
  healthCouncil(id: $id) {
    id name region { name } body { id name } members { id }
    municipalities { id name }
    transition(cutover: $on) {
      cutover
      predecessors {
        cluster { id name } sharedMunicipalityCount municipalityCount splits uncertain
        otherCouncils { id name } shared { name uncertain municipality { id } }
      }
      money { totalDKK runningDKK endingAtCutoverDKK proRataDKK withAmount withoutAmount
        perCluster { cluster { id } totalDKK runningDKK endingAtCutoverDKK share proRataDKK initiatives } }
      initiatives { initiative { id } name amountDKK startDate endDate status orphaned ownerName cluster { id } }
      inSeveralClusters { id name }
    }
  }
}`;

const TSTATUS = { RUNNING: 'Kører videre', ENDS_AT_CUTOVER: 'Slutter ved overgangen' };

// transitionView shows the API's transition plan (healthCouncil.transition).
async function transitionView(id, on) {
  const c = (await gql(TRANSITION, { id, on })).healthCouncil;
  if (!c) return notFound();
  const t = c.transition;
  const money = new Map(t.money.perCluster.map((m) => [m.cluster.id, m]));
  const blocks = t.predecessors.map((p) => {
    const mine = t.initiatives.filter((i) => i.cluster && i.cluster.id === p.cluster.id);
    const m = money.get(p.cluster.id);
    const rows = mine.map((i) => h('tr', {},
      h('td', {}, link({ id: i.initiative.id, name: i.name })),
      h('td', { class: 'num' }, kr(i.amountDKK)),
      h('td', {}, period(i.startDate, i.endDate) || 'ingen periode angivet'),
      h('td', {}, TSTATUS[i.status] || i.status, i.orphaned ? h('span', { class: 'tag warn' }, 'mister ejer') : null),
      h('td', {}, i.ownerName)));
    return h('section', { class: 'pred', 'aria-label': p.cluster.name, 'data-cluster': p.cluster.id },
      h('h3', {}, link(p.cluster), p.uncertain ? h('span', { class: 'tag warn' }, 'usikker') : null),
      h('p', {}, 'Kommuner herfra: ', p.shared.map((r, j) => [j ? ', ' : '', link({ id: r.municipality.id, name: r.name })]),
        ' (' + p.sharedMunicipalityCount + ' af klyngens ' + p.municipalityCount + ')'),
      p.splits ? h('p', { class: 'muted' }, 'Klyngen deles: resten går til ', p.otherCouncils.map((o, j) => [j ? ', ' : '', link(o)]), '.') : null,
      m ? h('p', { class: 'muted' }, 'Beløb: ', kr(m.runningDKK), ' kører videre, ', kr(m.endingAtCutoverDKK), ' slutter ved overgangen; forholdsmæssig andel ',
        kr(m.proRataDKK), ' (' + Math.round(m.share * 100) + ' %).') : null,
      rows.length
        ? table(count(mine.length, 'initiativ', 'initiativer'), ['Initiativ', 'Beløb', 'Periode', 'Ved overgangen', 'Ejer'], rows)
        : empty('Ingen initiativer kører ved overgangen.'));
  });
  const mo = t.money;
  return [
    h('p', { class: 'kicker' }, 'Sundhedsråd – overgangsplan'),
    h('h1', {}, c.name),
    h('dl', { class: 'facts' },
      c.region ? [h('dt', {}, 'Region'), h('dd', {}, c.region.name)] : null,
      [h('dt', {}, 'Kommuner'), h('dd', {}, c.municipalities.map((m, i) => [i ? ', ' : '', link(m)]))],
      c.body ? [h('dt', {}, 'Som organ'), h('dd', {}, link(c.body), ' (' + c.members.length + ' kendte medlemmer)')] : null,
      [h('dt', {}, 'Overgang'), h('dd', {}, date(t.cutover))],
      [h('dt', {}, 'Klyngemidler'), h('dd', {}, kr(mo.runningDKK) + ' kører videre, ' + kr(mo.endingAtCutoverDKK) + ' slutter; forholdsmæssigt ' + kr(mo.proRataDKK),
        h('div', { class: 'muted' }, count(mo.withAmount, 'initiativ', 'initiativer') + ' med beløb, ' + mo.withoutAmount + ' uden'))]),
    section('Klynger rådet afløser', dateForm(id, t.cutover, 'Overgangsdato '), blocks.length ? blocks : empty('Ingen af kommunerne er knyttet til en klynge.')),
    t.inSeveralClusters.length ? section('Personer i flere af klyngerne', h('ul', {}, t.inSeveralClusters.map((p) => h('li', {}, link(p))))) : null,
  ];
}

// referenceTransitionView plans from the reference data (council →
// municipalities → clusters) and the initiatives running on a date, for a
// server without healthCouncil.transition.
async function referenceTransitionView(id, on) {
  const c = (await gql(COUNCIL, { id })).healthCouncil;
  if (!c) return notFound();
  // The predecessor clusters: every cluster one of the council's
  // municipalities takes part in, by the reference data or the minutes.
  const mine = new Set(c.municipalities.map((m) => m.id));
  const clusters = new Map();
  for (const m of c.municipalities) {
    for (const mc of m.clusters) {
      if (!clusters.has(mc.cluster.id)) clusters.set(mc.cluster.id, { cluster: mc.cluster, from: [], minutesOnly: [] });
      const e = clusters.get(mc.cluster.id);
      e.from.push(m);
      if (!mc.inReference) e.minutesOnly.push(m);
    }
  }
  const list = [...clusters.values()];
  let inits = {};
  if (list.length) {
    const vars = { on };
    const fields = list.map((e, i) => {
      vars['c' + i] = e.cluster.id;
      return 'c' + i + ': initiatives(filter: {cluster: $c' + i + ', runningOn: $on}, first: 500) { totalCount nodes { id name amountDKK startDate endDate ownerName } }';
    });
    const q = 'query Running($on: Date!, ' + list.map((_, i) => '$c' + i + ': ID!').join(', ') + ') { ' + fields.join(' ') + ' }';
    inits = await gql(q, vars);
  }
  const blocks = list.map((e, i) => {
    const r = inits['c' + i];
    const others = e.cluster.municipalities.filter((m) => !mine.has(m.id));
    const total = r.nodes.reduce((s, x) => s + (x.amountDKK || 0), 0);
    const rows = r.nodes.map((x) => h('tr', {},
      h('td', {}, link(x)), h('td', { class: 'num' }, kr(x.amountDKK)), h('td', {}, period(x.startDate, x.endDate) || 'ingen periode angivet'), h('td', {}, x.ownerName)));
    return h('section', { class: 'pred', 'aria-label': e.cluster.name, 'data-cluster': e.cluster.id },
      h('h3', {}, link(e.cluster)),
      h('p', {}, 'Kommuner herfra: ', e.from.map((m, j) => [j ? ', ' : '', link(m)]),
        e.minutesOnly.length ? h('span', { class: 'tag warn' }, 'kun i referater: ' + e.minutesOnly.map((m) => m.name).join(', ')) : null),
      others.length ? h('p', { class: 'muted' }, 'Klyngen omfatter også ', others.map((m) => m.name).join(', '), ', som hører til et andet sundhedsråd.') : null,
      rows.length
        ? table(count(r.totalCount, 'initiativ', 'initiativer') + (total ? ', i alt ' + kr(total) + ' hvor beløbet er angivet' : ', ingen med angivet beløb'), ['Initiativ', 'Beløb', 'Periode', 'Ejer'], rows)
        : empty('Ingen kørende initiativer kendt pr. ' + date(on) + '.'));
  });
  return [
    h('p', { class: 'kicker' }, 'Sundhedsråd – overgangsplan'),
    h('h1', {}, c.name),
    h('dl', { class: 'facts' },
      c.region ? [h('dt', {}, 'Region'), h('dd', {}, c.region.name)] : null,
      [h('dt', {}, 'Kommuner'), h('dd', {}, c.municipalities.map((m, i) => [i ? ', ' : '', link(m)]))],
      c.body ? [h('dt', {}, 'Som organ'), h('dd', {}, link(c.body), ' (' + c.members.length + ' kendte medlemmer)')] : null),
    section('Klynger rådet afløser', dateForm(id, on, 'Initiativer der kører pr. '),
      h('p', { class: 'muted' }, 'Et initiativ uden slutdato regnes som kørende.'),
      list.length ? blocks : empty('Ingen af kommunerne er knyttet til en klynge.')),
  ];
}

const MUNICIPALITY = `query M($id: ID!) { municipality(id: $id) {
  id name code region { name } healthCouncil { id name }
  clusters { inReference inMinutes cluster { id name } sources { ...Src } }
  conflicts { id reason sources { ...Src } }
} } ` + SRC;

async function municipalityView(id) {
  const m = (await gql(MUNICIPALITY, { id })).municipality;
  if (!m) return notFound();
  return [
    h('p', { class: 'kicker' }, 'Kommune'),
    h('h1', {}, m.name),
    h('dl', { class: 'facts' },
      m.region ? [h('dt', {}, 'Region'), h('dd', {}, m.region.name)] : null,
      m.healthCouncil ? [h('dt', {}, 'Sundhedsråd fra 2027'), h('dd', {}, link(m.healthCouncil))] : null),
    section('Klynger', h('ul', {}, m.clusters.map((mc) => h('li', {}, link(mc.cluster),
      mc.inReference ? h('span', { class: 'tag' }, 'reference') : null,
      mc.inMinutes ? h('span', { class: 'tag' }, 'referater') : null,
      mc.sources.length ? sources(mc.sources) : null)))),
    m.conflicts.length ? section('Uoverensstemmelser', h('ul', {}, m.conflicts.map((x) => h('li', {}, x.reason, sources(x.sources))))) : null,
  ];
}

const ORGANISATION = `query O($id: ID!) { organisation(id: $id) {
  id name kind aliases parent { id name } municipality { id name }
  people { id name }
  memberships { id role person { id name } body { id name } sources { ...Src } }
  initiatives { id name amountDKK }
} } ` + SRC;

async function organisationView(id) {
  const o = (await gql(ORGANISATION, { id })).organisation;
  if (!o) return notFound();
  const rows = o.memberships.map((m) => h('tr', {}, h('td', {}, link(m.person)), h('td', {}, link(m.body)), h('td', {}, ROLE[m.role] || m.role), h('td', {}, sources(m.sources))));
  return [
    h('p', { class: 'kicker' }, 'Organisation'),
    h('h1', {}, o.name),
    h('dl', { class: 'facts' },
      o.parent ? [h('dt', {}, 'Del af'), h('dd', {}, link(o.parent))] : null,
      o.municipality ? [h('dt', {}, 'Kommune'), h('dd', {}, link(o.municipality))] : null,
      o.aliases.length ? [h('dt', {}, 'Også kaldt'), h('dd', {}, o.aliases.join(', '))] : null),
    section('Sæder på vegne af ' + o.name, rows.length ? table(null, ['Person', 'Organ', 'Rolle', 'Kilde'], rows) : empty('Ingen kendte sæder.')),
    o.initiatives.length ? section('Initiativer', h('ul', {}, o.initiatives.map((i) => h('li', {}, link(i), i.amountDKK !== null ? ', ' + kr(i.amountDKK) : '')))) : null,
  ];
}

const INITIATIVE = `query I($id: ID!) { initiative(id: $id) {
  id name aliases amountDKK amountAppliedDKK startDate endDate ownerName
  cluster { id name } body { id name } agendaItem { id title meeting { id date body { name } } }
  organisations { id name } leads { id name }
  sources { ...Src }
} } ` + SRC;

async function initiativeView(id) {
  const i = (await gql(INITIATIVE, { id })).initiative;
  if (!i) return notFound();
  return [
    h('p', { class: 'kicker' }, 'Initiativ'),
    h('h1', {}, i.name),
    h('dl', { class: 'facts' },
      [h('dt', {}, 'Beløb'), h('dd', {}, kr(i.amountDKK), i.amountAppliedDKK !== null ? ' (ansøgt ' + kr(i.amountAppliedDKK) + ')' : '')],
      period(i.startDate, i.endDate) ? [h('dt', {}, 'Periode'), h('dd', {}, period(i.startDate, i.endDate))] : null,
      i.ownerName ? [h('dt', {}, 'Ejer'), h('dd', {}, i.ownerName)] : null,
      i.cluster ? [h('dt', {}, 'Sundhedsklynge'), h('dd', {}, link(i.cluster))] : null,
      i.body ? [h('dt', {}, 'Organ'), h('dd', {}, link(i.body))] : null,
      i.agendaItem ? [h('dt', {}, 'Besluttet'), h('dd', {}, link(i.agendaItem.meeting, i.agendaItem.meeting.body.name + ', ' + date(i.agendaItem.meeting.date)), ': ', i.agendaItem.title)] : null,
      i.organisations.length ? [h('dt', {}, 'Deltagere'), h('dd', {}, i.organisations.map((o, j) => [j ? ', ' : '', link(o)]))] : null,
      i.leads.length ? [h('dt', {}, 'Ansvarlige'), h('dd', {}, i.leads.map((p, j) => [j ? ', ' : '', link(p)]))] : null),
    section('Kilder', sources(i.sources)),
  ];
}

async function itemView(id) {
  const d = await gql('query A($id: ID!) { agendaItem(id: $id) { meeting { id } } }', { id });
  if (!d.agendaItem) return notFound();
  location.replace(route(d.agendaItem.meeting.id));
  return null;
}

function notFound() {
  return [h('h1', {}, 'Ikke fundet'), h('p', {}, 'Den side findes ikke (længere). ', h('a', { href: '#/' }, 'Til forsiden'))];
}

// ---------------------------------------------------------------------------
// Router

const VIEWS = {
  search: (arg, params) => searchView(arg, params.get('kind')),
  person: personView, body: bodyView, meeting: meetingView, cluster: clusterView,
  council: councilView, municipality: municipalityView, organisation: organisationView,
  initiative: initiativeView, item: itemView,
  clusters: () => listView('clusters'), councils: () => listView('councils'), meetings: () => listView('meetings'),
};

let generation = 0;

async function render() {
  const mine = ++generation;
  const frag = location.hash.replace(/^#\/?/, '');
  const [path, query] = frag.split('?');
  const params = new URLSearchParams(query || '');
  const slash = path.indexOf('/');
  const name = slash < 0 ? path : path.slice(0, slash);
  const arg = slash < 0 ? '' : decodeURIComponent(path.slice(slash + 1));
  const fn = VIEWS[name] || homeView;
  document.body.dataset.state = 'loading';
  document.body.dataset.view = VIEWS[name] ? name : 'home';
  setStatus('Henter …');
  try {
    const content = await fn(arg, params);
    if (mine !== generation || content === null) return;
    const v = view();
    v.replaceChildren();
    append(v, [content]);
    const h1 = v.querySelector('h1');
    document.title = (h1 ? h1.textContent + ' – ' : '') + 'Sundhedsgraf';
    setStatus('');
    document.body.dataset.state = 'ready';
  } catch (err) {
    if (mine !== generation) return;
    view().replaceChildren(h('div', { class: 'error', role: 'alert' }, 'Noget gik galt: ', err.message));
    setStatus('');
    document.body.dataset.state = 'error';
  }
}

function start() {
  document.getElementById('search').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = document.getElementById('q').value.trim();
    if (!q) return;
    const kind = document.getElementById('kind').value;
    location.hash = '#/search/' + encodeURIComponent(q) + (kind ? '?kind=' + kind : '');
  });
  window.addEventListener('hashchange', () => {
    render().then(() => {
      // Move focus to the new content so keyboard and screen reader users
      // start reading there, as after a page load.
      if (document.activeElement === document.body || !document.getElementById('view').contains(document.activeElement)) {
        if (!document.getElementById('search').contains(document.activeElement)) document.getElementById('main').focus({ preventScroll: true });
      }
    });
  });
  render();
}

start();
