// Validates rendered chart output against the Kubernetes schemas (kubernetes-models) and, for the default
// values, asserts what an operator relies on: secure pod defaults, probes, the migration hook, the key's mount.
// Usage: node validate.mjs <rendered.yaml> [--defaults]. Prints one "PASS name" / "FAIL name: why" line per check.
import { readFileSync } from "node:fs";
import * as yaml from "js-yaml";

const [file, mode] = process.argv.slice(2);
const label = file.split("/").pop();
const results = [];
const check = async (name, fn) => {
  try {
    await fn();
    results.push(`PASS ${label}: ${name}`);
  } catch (e) {
    results.push(`FAIL ${label}: ${name}: ${e.message.split("\n")[0]}`);
  }
};
const expect = (condition, why) => {
  if (!condition) throw new Error(why);
};

// apiVersion "apps/v1" → kubernetes-models/apps/v1/<Kind>; the core group "v1" → kubernetes-models/v1/<Kind>.
async function model(object) {
  const module = await import(`kubernetes-models/${object.apiVersion}/${object.kind}`);
  return new module[object.kind](object);
}

const objects = yaml.loadAll(readFileSync(file, "utf8")).filter((o) => o);
for (const object of objects) {
  const name = `${object.kind}/${object.metadata?.name} matches the Kubernetes schema`;
  try {
    (await model(object)).validate();
    results.push(`PASS ${label}: ${name}`);
  } catch (e) {
    results.push(`FAIL ${label}: ${name}: ${e.message.split("\n")[0]}`);
  }
}

if (mode === "--defaults") {
  const find = (kind, suffix) => objects.find((o) => o.kind === kind && o.metadata.name.endsWith(suffix));
  const deployments = ["-api", "-worker"].map((s) => find("Deployment", s));
  const job = find("Job", "-migrate");

  // The validator must refuse a wrong object, or every PASS above means nothing.
  await check("the schema validator refuses a Deployment with replicas as a string", () => {
    const broken = structuredClone(deployments[0]);
    broken.spec.replicas = "two";
    let refused = false;
    return model(broken).then((m) => {
      try { m.validate(); } catch { refused = true; }
      expect(refused, "replicas: \"two\" was accepted");
    });
  });

  for (const pod of [...deployments, job]) {
    const what = `${pod.kind}/${pod.metadata.name}`;
    const spec = pod.spec.template.spec;
    await check(`${what} runs non-root with RuntimeDefault seccomp and an fsGroup`, () => {
      expect(spec.securityContext.runAsNonRoot === true, "runAsNonRoot is not true");
      expect(spec.securityContext.runAsUser > 0, "runAsUser is root");
      expect(spec.securityContext.fsGroup > 0, "no fsGroup: the 0440 key file would not be readable");
      expect(spec.securityContext.seccompProfile?.type === "RuntimeDefault", "seccomp is not RuntimeDefault");
      expect(spec.automountServiceAccountToken === false, "a service account token is mounted");
    });
    for (const c of spec.containers) {
      await check(`${what} container ${c.name}: read-only root, no capabilities, no escalation, a writable /tmp`, () => {
        expect(c.securityContext.readOnlyRootFilesystem === true, "root filesystem is writable");
        expect(c.securityContext.allowPrivilegeEscalation === false, "privilege escalation allowed");
        expect(JSON.stringify(c.securityContext.capabilities?.drop) === '["ALL"]', "capabilities not all dropped");
        const tmp = c.volumeMounts.find((m) => m.mountPath === "/tmp");
        expect(tmp && spec.volumes.find((v) => v.name === tmp.name)?.emptyDir, "no emptyDir on /tmp");
      });
    }
  }

  for (const d of deployments) {
    const what = `Deployment/${d.metadata.name}`;
    const spec = d.spec.template.spec;
    const c = spec.containers[0];
    const env = Object.fromEntries(c.env.map((e) => [e.name, e]));
    await check(`${what} probes /healthz (liveness, startup) and /readyz (readiness) on the http port`, () => {
      expect(c.livenessProbe.httpGet.path === "/healthz", "liveness is not /healthz");
      expect(c.startupProbe.httpGet.path === "/healthz", "startup is not /healthz");
      expect(c.readinessProbe.httpGet.path === "/readyz", "readiness is not /readyz");
      expect(c.ports.some((p) => p.name === "http" && p.containerPort === 8080), "no http port 8080");
    });
    await check(`${what} listens on every address of the pod, on 8080`, () => {
      expect(env.ASPNETCORE_URLS?.value === "http://+:8080", `ASPNETCORE_URLS is ${env.ASPNETCORE_URLS?.value}`);
    });
    await check(`${what} mounts the master key read-only, mode 0440, and points the broker at it`, () => {
      const volume = spec.volumes.find((v) => v.secret);
      expect(volume.secret.defaultMode === 0o440, `defaultMode is ${volume.secret.defaultMode?.toString(8)}`);
      const mount = c.volumeMounts.find((m) => m.name === volume.name);
      expect(mount.readOnly === true, "the key is mounted writable");
      expect(env.CloudBroker__Secrets__KeyFile.value === `${mount.mountPath}/current`, "KeyFile is not the mounted file");
    });
    await check(`${what} takes every secret from an existing Secret, none inline`, () => {
      for (const key of ["CloudBroker__Database__ConnectionString", "CloudBroker__Bus__RabbitMq__Uri", "CloudBroker__BootstrapAdminKey"]) {
        expect(env[key]?.valueFrom?.secretKeyRef?.name, `${key} is not from a Secret`);
        expect(env[key].value === undefined, `${key} has an inline value`);
      }
    });
    await check(`${what} builds exports in a scratch volume of the worker's own, not in /tmp`, () => {
      const folder = env.CloudBroker__Accounting__Exports__ScratchFolder?.value;
      const mount = c.volumeMounts.find((m) => m.mountPath === folder);
      const volume = mount && spec.volumes.find((v) => v.name === mount.name);
      if (c.name === "worker") {
        expect(folder && folder !== "/tmp" && !folder.startsWith("/tmp/"), `the scratch folder is ${folder}`);
        expect(volume?.emptyDir?.sizeLimit === "2Gi", `no 2Gi emptyDir mounted on ${folder}`);
        expect(!mount.readOnly, "the scratch volume is read-only");
      } else {
        expect(folder === undefined, `the ${c.name} (which builds no export) is given a scratch folder`);
      }
    });
    await check(`${what} turns the embedded test providers off`, () => {
      expect(env.CloudBroker__Providers__mock__Enabled?.value === "false", "mock provider on");
      expect(env.CloudBroker__Providers__libvirt__Enabled?.value === "false", "libvirt test host on");
    });
  }

  await check("the migration Job is a pre-install/pre-upgrade hook that runs `migrate` with the database only", () => {
    const a = job.metadata.annotations;
    expect(a["helm.sh/hook"] === "pre-install,pre-upgrade", `hook is ${a["helm.sh/hook"]}`);
    expect(a["helm.sh/hook-delete-policy"].includes("before-hook-creation"), "an old Job would block the next upgrade");
    const c = job.spec.template.spec.containers[0];
    expect(JSON.stringify(c.args) === '["migrate"]', `args are ${JSON.stringify(c.args)}`);
    expect(!c.env.some((e) => e.name.startsWith("CloudBroker__Bus")), "the Job is given the bus");
    expect(job.spec.template.spec.serviceAccountName === undefined, "the hook names a ServiceAccount the release has not made yet");
  });
  await check("a NetworkPolicy selects each component", () => {
    for (const component of ["api", "worker", "migrate"]) {
      expect(objects.some((o) => o.kind === "NetworkPolicy" && o.spec.podSelector.matchLabels["app.kubernetes.io/component"] === component), `none for ${component}`);
    }
  });
  await check("each Deployment has a PodDisruptionBudget", () => {
    expect(find("PodDisruptionBudget", "-api") && find("PodDisruptionBudget", "-worker"), "missing");
  });
}

console.log(results.join("\n"));
