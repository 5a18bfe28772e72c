// Runs what the chart renders against the real broker, without a cluster: the migration Job's command, then the API
// and worker Deployments' commands with their rendered environment (Secrets resolved to the test PostgreSQL and
// RabbitMQ, the master key written where the Secret volume projects it, mode 0440; the pod's paths mapped into a
// temporary folder, the listen address to a free loopback port). Passes when the Job exits 0 and both processes
// answer /readyz 200, the API accepts the bootstrap key from its Secret and the worker builds an export in the scratch
// volume the chart gives it: the setting names the chart uses are the
// broker's. Usage: node smoke.mjs <rendered.yaml> <repository root>. Prints PASS/FAIL lines.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, chmodSync, readFileSync, rmSync, existsSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import * as yaml from "js-yaml";

const [rendered, root] = process.argv.slice(2);
const objects = yaml.loadAll(readFileSync(rendered, "utf8")).filter((o) => o);
const find = (kind, suffix) => objects.find((o) => o.kind === kind && o.metadata.name.endsWith(suffix));
const work = mkdtempSync(join(tmpdir(), "cb-helm-smoke-"));
const name = `cb_helm_smoke_${process.pid}`;
const adminKey = "cb-helm-smoke-admin-key-" + randomBytes(12).toString("hex");
const secrets = {
  "cloudbroker-database": { connectionString: `${process.env.CB_TEST_POSTGRES};Database=${name}` },
  "cloudbroker-rabbitmq": { uri: process.env.CB_TEST_RABBITMQ.replace(/\/$/, "") + "/" + name },
  "cloudbroker-admin-key": { bootstrapAdminKey: adminKey },
  "cloudbroker-master-key": { "master.key": randomBytes(32).toString("base64") + "\n" },
};
const hosts = { "cloudbroker/api": "CloudBroker.Api", "cloudbroker/worker": "CloudBroker.Worker" };
const results = [];
const children = [];
const check = (name, ok, why) => results.push(ok ? `PASS smoke: ${name}` : `FAIL smoke: ${name}: ${why}`);

const freePort = () => new Promise((resolve) => {
  const server = createServer().listen(0, "127.0.0.1", () => { const { port } = server.address(); server.close(() => resolve(port)); });
});

// The pod's paths, mapped into this run's folder.
function podPaths(component) {
  return [["/etc/cloudbroker/master-key", join(work, "keys")], ["/var/lib/cloudbroker", join(work, component, "data")], ["/tmp/cloudbroker", join(work, component, "tmp")], ["/var/cache/cloudbroker", join(work, component, "cache")]];
}

function projectVolumes(spec) {
  for (const volume of spec.volumes ?? []) {
    if (!volume.secret) continue;
    mkdirSync(join(work, "keys"), { recursive: true });
    for (const item of volume.secret.items) {
      const file = join(work, "keys", item.path);
      writeFileSync(file, secrets[volume.secret.secretName][item.key]);
      chmodSync(file, volume.secret.defaultMode); // what the kubelet gives it (owner and fsGroup: ours here)
    }
  }
}

async function environment(container, component) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CloudBroker") && !k.startsWith("ASPNETCORE")));
  const port = await freePort();
  for (const e of container.env) {
    let value = e.valueFrom ? secrets[e.valueFrom.secretKeyRef.name]?.[e.valueFrom.secretKeyRef.key] : e.value;
    if (value === undefined) throw new Error(`${e.name}: Secret ${JSON.stringify(e.valueFrom)} is not one the chart documents`);
    for (const [pod, here] of podPaths(component)) value = value.split(pod).join(here);
    env[e.name] = e.name === "ASPNETCORE_URLS" ? `http://127.0.0.1:${port}` : value;
  }
  mkdirSync(join(work, component, "tmp"), { recursive: true });
  return { env, port };
}

function command(container) {
  const host = hosts[container.image.split("/").slice(-2).join("/").split(":")[0]];
  return [join(root, "services", host, "bin", "Release", "net10.0", host + ".dll"), ...(container.args ?? [])];
}

async function waitReady(url, seconds) {
  const until = Date.now() + seconds * 1000;
  let last = "no answer";
  while (Date.now() < until) {
    try {
      const response = await fetch(url);
      last = `${response.status} ${await response.text()}`;
      if (response.status === 200) return [true, last];
    } catch (e) { last = e.message; }
    await new Promise((r) => setTimeout(r, 500));
  }
  return [false, last];
}

const rabbit = (verb) => spawnSync("bash", [join(root, "tests/services/rabbitmq.sh"), verb, name], { encoding: "utf8" });
try {
  const vhost = rabbit("add-vhost");
  check("a vhost of its own on the test RabbitMQ", vhost.status === 0, vhost.stderr);

  const job = find("Job", "-migrate").spec.template.spec;
  const { env: jobEnv } = await environment(job.containers[0], "migrate");
  const migrate = spawnSync("dotnet", command(job.containers[0]), { env: jobEnv, encoding: "utf8", timeout: 180000 });
  check("the migration Job's command and environment migrate a fresh database", migrate.status === 0 && /Applied \d+ migration/.test(migrate.stdout),
    `exit ${migrate.status}: ${(migrate.stdout + migrate.stderr).slice(-600)}`);

  const started = [];
  for (const component of ["api", "worker"]) {
    const spec = find("Deployment", "-" + component).spec.template.spec;
    projectVolumes(spec);
    const container = spec.containers[0];
    const { env, port } = await environment(container, component);
    const child = spawn("dotnet", command(container), { env, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout.on("data", (d) => (log += d));
    child.stderr.on("data", (d) => (log += d));
    children.push(child);
    started.push({ component, port, log: () => log, probe: container.readinessProbe.httpGet.path });
  }

  for (const { component, port, log, probe } of started) {
    const [ready, answer] = await waitReady(`http://127.0.0.1:${port}${probe}`, 120);
    check(`the ${component} Deployment's environment starts the broker and ${probe} answers 200`, ready, `${answer}\n${log().slice(-1500)}`);
    if (ready) check(`the ${component} process runs the ${component} role`, answer.includes(`"roles":"${component === "api" ? "api" : "worker"}"`), answer);
  }

  const api = started.find((s) => s.component === "api");
  const me = await fetch(`http://127.0.0.1:${api.port}/api/me`, { headers: { Authorization: `Bearer ${adminKey}` } }).catch((e) => ({ status: e.message }));
  check("the API takes the bootstrap admin key from its Secret", me.status === 200, `GET /api/me answered ${me.status}`);

  // An export built by the worker as rendered: its files written in the scratch volume the chart gives it (then emptied).
  const auth = { Authorization: `Bearer ${adminKey}`, "Content-Type": "application/json" };
  const month = new Date().toISOString().slice(0, 7);
  const accepted = await fetch(`http://127.0.0.1:${api.port}/api/exports`, { method: "POST", headers: auth, body: JSON.stringify({ tenantId: "system", billingPeriod: month }) });
  let exported = { status: `POST answered ${accepted.status}` };
  if (accepted.status === 202) {
    const location = accepted.headers.get("location");
    for (let i = 0; i < 120 && !["succeeded", "failed"].includes(exported.status); i++) {
      await new Promise((r) => setTimeout(r, 500));
      exported = await (await fetch(`http://127.0.0.1:${api.port}${location}`, { headers: auth })).json();
    }
  }
  const scratch = join(work, "worker", "cache", "exports");
  check("the worker builds an export in its scratch volume and empties it", exported.status === "succeeded" && existsSync(scratch) && readdirSync(scratch).length === 0,
    `export ${JSON.stringify(exported).slice(0, 400)}; ${scratch} ${existsSync(scratch) ? "holds " + readdirSync(scratch).join(", ") : "was never made"}`);
} catch (e) {
  check("the smoke run", false, e.stack);
} finally {
  for (const child of children) child.kill("SIGTERM");
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.on("exit", r)))));
  rabbit("delete-vhost");
  const db = Object.fromEntries(process.env.CB_TEST_POSTGRES.split(";").map((p) => p.split("=")).map(([k, v]) => [k.toLowerCase(), v]));
  spawnSync("psql", ["-h", db.host, "-p", db.port, "-U", db.username, "-d", "postgres", "-c", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`],
    { env: { ...process.env, PGPASSWORD: db.password }, encoding: "utf8" });
  rmSync(work, { recursive: true, force: true });
  console.log(results.join("\n"));
}
