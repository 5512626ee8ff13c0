// The OcciGateway dashboard (issue 17). Everything it shows and does goes through the OCCI API itself, in
// application/occi+json (the OCCI 1.2 JSON rendering, GFD.226), so it doubles as a living example of that API:
// the query interface names the collections and the templates, the entities say which actions they allow now.
"use strict";

const JSON_TYPE = "application/occi+json";
const INFRA = "http://schemas.ogf.org/occi/infrastructure#";
const CREDENTIALS = "http://schemas.ogf.org/occi/infrastructure/credentials#";
const POLL_MS = Number(new URLSearchParams(location.search).get("poll")) || 3000;
const LOG_SIZE = 20;
// The gateway's root, relative to the page, so a proxy that serves the gateway under a prefix serves this too.
const ROOT = new URL("../", location.href);

const page = {
  auth: null,        // { header, value, label } once signed in; null when the gateway needs no authentication
  model: null,       // what the query interface offers: collection locations and templates
  storages: [],      // the last storage listing, for the attach choices
  disks: new Map(),  // compute location → its storagelinks (a listing of computes carries no links: they are listed apart)
  log: [],           // the last actions taken in this page, newest first
  timer: null,
  refreshesStarted: 0, // refreshes begun, and the latest begun of those shown (see refresh)
  refreshShown: 0,
};

class SignInNeeded extends Error {}

const $ = (id) => document.getElementById(id);

/** An element with properties and children; text is always set as text, never parsed as markup. */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith("data-")) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) node.append(child);
  return node;
}

/** One OCCI request. Logged requests (the user's actions) go to the action log with their status and request id. */
async function occi(method, url, { body, logged = false } = {}) {
  const headers = { Accept: JSON_TYPE };
  if (page.auth) headers[page.auth.header] = page.auth.value;
  if (body !== undefined) headers["Content-Type"] = JSON_TYPE;
  // credentials "omit": the page sends its own Authorization header, and a 401 comes back to it instead of making
  // the browser ask for a password in a dialog of its own (the Fetch standard prompts only when credentials are included).
  const response = await fetch(new URL(url, ROOT),
    { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "omit" });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (logged) record(method, url, response, json);
  if (response.status === 401) {
    showSignIn(page.auth ? "The gateway refused these credentials." : "");
    throw new SignInNeeded();
  }
  if (!response.ok) throw new Error(json?.error?.message ?? `${method} ${url}: ${response.status} ${response.statusText}`);
  return { json, response };
}

function record(method, url, response, json) {
  const path = new URL(url, ROOT).pathname + new URL(url, ROOT).search;
  page.log.unshift({
    time: new Date().toLocaleTimeString(),
    request: `${method} ${path}`,
    status: response.ok ? String(response.status) : `${response.status} ${json?.error?.message ?? response.statusText}`,
    ok: response.ok,
    id: response.headers.get("X-Request-Id") ?? "",
  });
  page.log.length = Math.min(page.log.length, LOG_SIZE);
  renderLog();
}

// ---- signing in ----------------------------------------------------------------------------------------------

function showSignIn(message) {
  stopPolling();
  $("console").hidden = true;
  $("sign-out").hidden = true;
  $("sign-in").hidden = false;
  $("sign-in-error").textContent = message;
}

function credentialsFromForm() {
  const method = document.querySelector("input[name=method]:checked").value;
  if (method === "token") {
    // X-Auth-Token: Keystone's header, which the gateway's OpenID Connect scheme reads too.
    return { header: "X-Auth-Token", value: $("token").value.trim(), label: "token" };
  }
  const user = $("user").value;
  const bytes = new TextEncoder().encode(`${user}:${$("password").value}`);
  return { header: "Authorization", value: "Basic " + btoa(String.fromCharCode(...bytes)), label: user };
}

async function signIn(event) {
  event.preventDefault();
  page.auth = credentialsFromForm();
  $("password").value = "";
  await start();
}

function signOut() {
  page.auth = null;
  page.model = null;
  $("who").textContent = "";
  showSignIn("");
}

// ---- the model ----------------------------------------------------------------------------------------------

/** Collections and templates from the query interface: nothing is hard-coded but the kinds' identities. */
async function loadModel() {
  const { json } = await occi("GET", "-/");
  const kind = (term) => json.kinds.find((k) => k.scheme + k.term === INFRA + term)?.location;
  const templates = (parent) => json.mixins
    .filter((m) => (m.depends ?? []).includes(INFRA + parent))
    .map((m) => ({ id: m.scheme + m.term, title: m.title || m.term }));
  return {
    compute: kind("compute"), storage: kind("storage"), network: kind("network"), storagelink: kind("storagelink"),
    osTemplates: templates("os_tpl"),
    resourceTemplates: templates("resource_tpl"),
    sshKey: json.mixins.some((m) => m.scheme + m.term === CREDENTIALS + "ssh_key") ? CREDENTIALS + "ssh_key" : null,
  };
}

function fillTemplates() {
  const fill = (select, templates) => select.replaceChildren(...templates.map((t) => el("option", { value: t.id, textContent: t.title })));
  fill($("os-tpl"), page.model.osTemplates);
  fill($("resource-tpl"), page.model.resourceTemplates);
}

// ---- live state ---------------------------------------------------------------------------------------------

const title = (entity) => entity.attributes?.["occi.core.title"] ?? entity.title ?? entity.id;
const term = (id) => id.slice(id.indexOf("#") + 1);

/** A collection's members: the JSON rendering lists resources under "resources" and links under "links". */
async function list(location) {
  if (!location) return [];
  const { json } = await occi("GET", location);
  return [...(json?.resources ?? []), ...(json?.links ?? [])];
}

function stateCell(state) {
  return el("td", {}, el("span", { className: `state state-${state ?? "unknown"}`, textContent: state ?? "?" }));
}

function actionButton(entity, action, label, attributes) {
  const button = el("button", { textContent: label, type: "button", "data-action": term(action) });
  // The entity lists the actions its state allows now: the others are shown disabled.
  button.disabled = !(entity.actions ?? []).includes(action);
  button.onclick = () => act(() => occi("POST", `${entity.location}?action=${term(action)}`,
    { body: { action, attributes }, logged: true }));
  return button;
}

function computeRow(compute) {
  const a = compute.attributes ?? {};
  const templates = (compute.mixins ?? []).filter((m) => page.model.osTemplates.concat(page.model.resourceTemplates).some((t) => t.id === m));
  const disks = page.disks.get(compute.location) ?? [];
  const storageTitle = (link) => title(page.storages.find((s) => s.location === link.target?.location) ?? { id: "disk" });
  const actions = "http://schemas.ogf.org/occi/infrastructure/compute/action#";
  const attach = el("select", { "data-role": "attach-choice" },
    ...page.storages.map((s) => el("option", { value: s.location, textContent: title(s) })));
  const attachButton = el("button", { type: "button", textContent: "Attach", disabled: page.storages.length === 0 });
  attachButton.onclick = () => act(() => occi("POST", page.model.storagelink, {
    body: { kind: INFRA + "storagelink", source: { location: compute.location }, target: { location: attach.value } },
    logged: true,
  }));
  const remove = el("button", { type: "button", textContent: "Delete", "data-action": "delete" });
  remove.onclick = () => {
    if (confirm(`Delete ${title(compute)}?`)) act(() => occi("DELETE", compute.location, { logged: true }));
  };
  return el("tr", { "data-location": compute.location, "data-title": title(compute) },
    el("td", { textContent: title(compute) }),
    stateCell(a["occi.compute.state"]),
    el("td", { textContent: templates.map(term).join(", ") }),
    el("td", { textContent: disks.map((l) => `${storageTitle(l)} (${l.attributes?.["occi.storagelink.deviceid"] ?? "?"})`).join(", ") }),
    el("td", {},
      actionButton(compute, actions + "start", "Start"),
      actionButton(compute, actions + "stop", "Stop", { method: "graceful" }),
      actionButton(compute, actions + "restart", "Restart", { method: "graceful" }),
      remove, attach, attachButton));
}

function storageRow(storage) {
  const a = storage.attributes ?? {};
  const remove = el("button", { type: "button", textContent: "Delete", "data-action": "delete" });
  remove.onclick = () => {
    if (confirm(`Delete ${title(storage)}?`)) act(() => occi("DELETE", storage.location, { logged: true }));
  };
  return el("tr", { "data-location": storage.location, "data-title": title(storage) },
    el("td", { textContent: title(storage) }),
    el("td", { textContent: a["occi.storage.size"] ?? "" }),
    stateCell(a["occi.storage.state"]),
    el("td", {}, remove));
}

function networkRow(network) {
  const a = network.attributes ?? {};
  return el("tr", { "data-location": network.location, "data-title": title(network) },
    el("td", { textContent: title(network) }),
    stateCell(a["occi.network.state"]),
    el("td", { textContent: a["occi.network.address"] ?? "" }));
}

function renderQuota(report) {
  const rows = Object.entries(report?.quota ?? {}).map(([name, use]) => el("tr", { "data-quota": name },
    el("td", { textContent: name.replace("_", " ") }),
    el("td", { textContent: use.used }),
    el("td", { textContent: use.limit ?? "no limit" })));
  $("quota").tBodies[0].replaceChildren(...rows);
  if (report?.tenant) $("who").textContent = `${page.auth?.label ?? "anonymous"} · tenant ${report.tenant}`;
}

function renderLog() {
  $("log").tBodies[0].replaceChildren(...page.log.map((entry) => el("tr", {},
    el("td", { textContent: entry.time }),
    el("td", { textContent: entry.request }),
    el("td", { textContent: entry.status, className: entry.ok ? "status-ok" : "status-failed" }),
    el("td", { textContent: entry.id, className: "muted" }))));
}

/**
 * Reads everything the page shows; the computes are not redrawn while the user is choosing a disk to attach. A poll
 * and an action's own refresh can overlap: the answers of one started before the one last shown are older than what
 * the page shows, and are dropped (else a poll that read "active" before a stop could paint over the "inactive" after it).
 */
async function refresh() {
  const started = ++page.refreshesStarted;
  const [computes, storages, networks, links, quota] = await Promise.all([
    list(page.model.compute), list(page.model.storage), list(page.model.network), list(page.model.storagelink),
    occi("GET", "-/quota").then((r) => r.json),
  ]);
  if (started < page.refreshShown) return;
  page.refreshShown = started;
  page.storages = storages;
  page.disks = Map.groupBy(links, (link) => link.source?.location);
  if (!document.activeElement?.matches("#computes select")) $("computes").tBodies[0].replaceChildren(...computes.map(computeRow));
  $("storages").tBodies[0].replaceChildren(...storages.map(storageRow));
  $("networks").tBodies[0].replaceChildren(...networks.map(networkRow));
  renderQuota(quota);
  $("error").textContent = "";
}

function stopPolling() {
  clearTimeout(page.timer);
  page.timer = null;
}

async function poll() {
  try {
    await refresh();
  } catch (error) {
    if (error instanceof SignInNeeded) return;
    $("error").textContent = error.message;
  }
  page.timer = setTimeout(poll, POLL_MS);
}

/** Runs a user action, then shows its outcome at once rather than at the next poll. */
async function act(request) {
  try {
    await request();
    $("error").textContent = "";
  } catch (error) {
    if (error instanceof SignInNeeded) return;
    $("error").textContent = error.message;
  }
  try { await refresh(); } catch { /* the next poll says it */ }
}

async function createCompute(event) {
  event.preventDefault();
  const key = $("ssh-key").value.trim();
  const mixins = [$("os-tpl").value, $("resource-tpl").value].filter(Boolean);
  const attributes = { "occi.core.title": $("compute-title").value };
  if (key && page.model.sshKey) {
    mixins.push(page.model.sshKey);
    attributes["occi.credentials.ssh.publickey"] = key;
  }
  await act(() => occi("POST", page.model.compute, { body: { kind: INFRA + "compute", mixins, attributes }, logged: true }));
  $("compute-title").value = "";
}

async function createStorage(event) {
  event.preventDefault();
  const attributes = { "occi.core.title": $("storage-title").value, "occi.storage.size": Number($("storage-size").value) };
  await act(() => occi("POST", page.model.storage, { body: { kind: INFRA + "storage", attributes }, logged: true }));
  $("storage-title").value = "";
}

/** Asks the gateway who may look: without authentication the console shows at once, otherwise after signing in. */
async function start() {
  try {
    page.model = await loadModel();
  } catch (error) {
    if (!(error instanceof SignInNeeded)) $("error").textContent = error.message;
    return;
  }
  fillTemplates();
  $("sign-in").hidden = true;
  $("console").hidden = false;
  $("sign-out").hidden = page.auth === null;
  stopPolling();
  await poll();
}

document.addEventListener("DOMContentLoaded", () => {
  $("sign-in-form").addEventListener("submit", signIn);
  $("sign-out").addEventListener("click", signOut);
  $("create-compute").addEventListener("submit", createCompute);
  $("create-storage").addEventListener("submit", createStorage);
  for (const radio of document.querySelectorAll("input[name=method]")) {
    radio.addEventListener("change", () => {
      const token = document.querySelector("input[name=method]:checked").value === "token";
      $("basic-fields").hidden = token;
      $("token-fields").hidden = !token;
    });
  }
  start();
});
