// Validates Kubernetes manifests (YAML, several documents per file; "-" reads stdin) against the
// API schemas of Kubernetes (kubernetes-models: types, required fields, enums, formats), KEDA
// (@kubernetes-models/keda) and CloudNativePG (@kubernetes-models/cloudnative-pg), and, for Kubernetes' own kinds, strictly: a field the API does
// not define is an error (from @kubernetes/client-node's type maps), as `kubectl apply
// --validate=strict` would say. Exits 1 on any error, or if its own self-test does not fail.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import * as models from "@kubernetes/client-node/dist/gen/models/all.js";

const SCHEMAS = {
  "v1/Namespace": "kubernetes-models/v1/Namespace",
  "v1/ServiceAccount": "kubernetes-models/v1/ServiceAccount",
  "v1/ConfigMap": "kubernetes-models/v1/ConfigMap",
  "v1/Secret": "kubernetes-models/v1/Secret",
  "v1/Service": "kubernetes-models/v1/Service",
  "apps/v1/Deployment": "kubernetes-models/apps/v1/Deployment",
  "networking.k8s.io/v1/Ingress": "kubernetes-models/networking.k8s.io/v1/Ingress",
  "autoscaling/v2/HorizontalPodAutoscaler": "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler",
  "policy/v1/PodDisruptionBudget": "kubernetes-models/policy/v1/PodDisruptionBudget",
  "keda.sh/v1alpha1/ScaledObject": "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject",
  "keda.sh/v1alpha1/TriggerAuthentication": "@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication",
  // CloudNativePG's CRDs (@kubernetes-models/cloudnative-pg 2.0.0, generated from the operator's
  // published CRD schemas of its 1.27 API; pinned with its integrity hash in package-lock.json)
  "postgresql.cnpg.io/v1/Cluster": "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster",
  "postgresql.cnpg.io/v1/Pooler": "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Pooler",
  "postgresql.cnpg.io/v1/ScheduledBackup": "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/ScheduledBackup",
};

async function schemaErrors(object) {
  const key = `${object.apiVersion}/${object.kind}`;
  const module = SCHEMAS[key];
  if (!module) {
    return [`no schema known for ${key}`];
  }
  const Model = (await import(module))[object.kind];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [error.message];
  }
}

// the client library's class for a Kubernetes kind: apps/v1 Deployment -> V1Deployment
function modelOf(object) {
  const version = object.apiVersion.split("/").pop();
  return models[version.charAt(0).toUpperCase() + version.slice(1) + object.kind];
}

function unknownFields(value, type, path) {
  if (value === null || value === undefined) return [];
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    return Array.isArray(value) ? value.flatMap((item, i) => unknownFields(item, array[1], `${path}[${i}]`)) : [];
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    return Object.entries(value).flatMap(([k, v]) => unknownFields(v, map[1], `${path}.${k}`));
  }
  const model = models[type];
  if (!model || typeof model.getAttributeTypeMap !== "function" || typeof value !== "object") return [];
  const attributes = new Map(model.getAttributeTypeMap().map((a) => [a.baseName, a.type]));
  return Object.entries(value).flatMap(([k, v]) =>
    attributes.has(k) ? unknownFields(v, attributes.get(k), `${path}.${k}`) : [`${path}.${k}: unknown field (${type})`],
  );
}

async function errorsOf(object) {
  const errors = await schemaErrors(object);
  const model = modelOf(object);
  if (model) {
    errors.push(...unknownFields(object, model.name, object.kind));
  }
  return errors;
}

async function documents(source) {
  const text = source === "-" ? readFileSync(0, "utf8") : readFileSync(source, "utf8");
  return parseAllDocuments(text)
    .map((document) => document.toJS())
    .filter((object) => object !== null);
}

// The validator must be able to fail: a Deployment with a misspelt field, one with a wrong type,
// a ScaledObject and a CloudNativePG Cluster with wrong types are rejected, or nothing it says can
// be trusted.
async function selfTest() {
  const deployment = () => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "self-test" },
    spec: {
      selector: { matchLabels: { app: "x" } },
      template: { metadata: { labels: { app: "x" } }, spec: { containers: [{ name: "x", image: "x" }] } },
    },
  });
  const good = deployment();
  const misspelt = deployment();
  misspelt.spec.template.spec.containers[0].readinesProbe = { httpGet: { path: "/", port: 80 } };
  const mistyped = deployment();
  mistyped.spec.replicas = "two";
  const scaled = {
    apiVersion: "keda.sh/v1alpha1",
    kind: "ScaledObject",
    metadata: { name: "self-test" },
    spec: { scaleTargetRef: { name: "x" }, maxReplicaCount: "many", triggers: [{ type: "cpu", metadata: {} }] },
  };
  const cluster = {
    apiVersion: "postgresql.cnpg.io/v1",
    kind: "Cluster",
    metadata: { name: "self-test" },
    spec: { instances: "three", storage: { size: "1Gi" }, postgresql: { synchronous: { method: "all-of-them", number: 1 } } },
  };
  const ok = (await errorsOf(good)).length === 0;
  const rejected = await Promise.all(
    [misspelt, mistyped, scaled, cluster].map(async (o) => (await errorsOf(o)).length > 0),
  );
  if (!ok || rejected.includes(false)) {
    console.error(`validate: self-test failed (valid accepted: ${ok}, invalid rejected: ${rejected})`);
    process.exit(1);
  }
}

await selfTest();
let failures = 0;
let checked = 0;
for (const source of process.argv.slice(2)) {
  for (const object of await documents(source)) {
    const name = `${source === "-" ? "stdin" : source}: ${object.kind}/${object.metadata?.name}`;
    const errors = await errorsOf(object);
    checked++;
    if (errors.length > 0) {
      failures++;
      console.error(`${name}\n  ${errors.join("\n  ")}`);
    } else {
      console.log(`${name}: valid`);
    }
  }
}
if (checked === 0) {
  console.error("validate: no manifests given");
  process.exit(1);
}
console.log(`validate: ${checked} objects, ${failures} invalid`);
process.exit(failures > 0 ? 1 : 0);
