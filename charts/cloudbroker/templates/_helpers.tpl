{{/* The release's full name, at most 63 characters (an RFC 1123 label). */}}
{{- define "cloudbroker.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "cloudbroker.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector labels of one component (api, worker, migrate). */}}
{{- define "cloudbroker.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "cloudbroker.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "cloudbroker.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* An image of one host: registry/repository:tag. */}}
{{- define "cloudbroker.image" -}}
{{- $repository := index .root.Values.image .host -}}
{{- $tag := default .root.Chart.AppVersion .root.Values.image.tag -}}
{{- if .root.Values.image.registry -}}
{{- printf "%s/%s:%s" .root.Values.image.registry $repository $tag -}}
{{- else -}}
{{- printf "%s:%s" $repository $tag -}}
{{- end -}}
{{- end -}}

{{/* Where the worker writes an export's files before they go to the database (an emptyDir of its own). */}}
{{- define "cloudbroker.exportScratch" -}}/var/cache/cloudbroker/exports{{- end -}}

{{/* Where the master key Secret is mounted. */}}
{{- define "cloudbroker.keyFolder" -}}/etc/cloudbroker/master-key{{- end -}}

{{/*
The settings every process shares (docs/operations.md#configuration): engines, keys, listen address, providers.
Secrets come from the existing Secrets, never from values.
*/}}
{{- define "cloudbroker.env" -}}
- name: ASPNETCORE_URLS
  value: "http://+:8080"
- name: HOME
  value: /tmp
- name: CloudBroker__DataDirectory
  value: /var/lib/cloudbroker
- name: CloudBroker__Database__Provider
  value: Postgres
- name: CloudBroker__Database__ConnectionString
  valueFrom:
    secretKeyRef:
      name: {{ required "database.existingSecret is required (a Secret with the PostgreSQL connection string)" .Values.database.existingSecret }}
      key: {{ .Values.database.connectionStringKey }}
{{- if .Values.database.listenConnectionStringKey }}
- name: CloudBroker__Database__ListenConnectionString
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.existingSecret }}
      key: {{ .Values.database.listenConnectionStringKey }}
{{- end }}
- name: CloudBroker__Database__MaxPoolSize
  value: {{ .Values.database.maxPoolSize | quote }}
- name: CloudBroker__Bus__Transport
  value: RabbitMq
- name: CloudBroker__Bus__RabbitMq__Uri
  valueFrom:
    secretKeyRef:
      name: {{ required "rabbitmq.existingSecret is required (a Secret with the AMQP URI)" .Values.rabbitmq.existingSecret }}
      key: {{ .Values.rabbitmq.uriKey }}
- name: CloudBroker__Bus__RabbitMq__PrefetchCount
  value: {{ .Values.rabbitmq.prefetchCount | quote }}
- name: CloudBroker__BootstrapAdminKey
  valueFrom:
    secretKeyRef:
      name: {{ required "bootstrapAdminKey.existingSecret is required (a Secret with a key of at least 32 characters)" .Values.bootstrapAdminKey.existingSecret }}
      key: {{ .Values.bootstrapAdminKey.key }}
- name: CloudBroker__Secrets__KeyFile
  value: {{ printf "%s/current" (include "cloudbroker.keyFolder" .) }}
{{- range $i, $key := .Values.masterKey.previousKeys }}
- name: CloudBroker__Secrets__PreviousKeyFiles__{{ $i }}
  value: {{ printf "%s/previous-%d" (include "cloudbroker.keyFolder" $) $i }}
{{- end }}
{{- if not .Values.testProviders.enabled }}
- name: CloudBroker__Providers__mock__Enabled
  value: "false"
- name: CloudBroker__Providers__libvirt__Enabled
  value: "false"
{{- end }}
{{- if .Values.telemetry.otlp.endpoint }}
- name: CloudBroker__Telemetry__Otlp__Endpoint
  value: {{ .Values.telemetry.otlp.endpoint | quote }}
- name: CloudBroker__Telemetry__Otlp__Protocol
  value: {{ .Values.telemetry.otlp.protocol | quote }}
{{- if .Values.telemetry.otlp.headersSecret }}
- name: CloudBroker__Telemetry__Otlp__Headers
  valueFrom:
    secretKeyRef:
      name: {{ .Values.telemetry.otlp.headersSecret }}
      key: {{ .Values.telemetry.otlp.headersKey }}
{{- end }}
{{- end }}
- name: CloudBroker__Telemetry__Prometheus__Enabled
  value: {{ .Values.telemetry.prometheus.enabled | quote }}
{{- end -}}

{{/* The volumes every pod has: a writable /tmp and data folder (the root filesystem is read-only) and the master key. */}}
{{- define "cloudbroker.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.scratchSizeLimit }}
- name: data
  emptyDir:
    sizeLimit: {{ .Values.scratchSizeLimit }}
- name: master-key
  secret:
    secretName: {{ required "masterKey.existingSecret is required (a Secret with the master key file)" .Values.masterKey.existingSecret }}
    # 0440, owned by root and the pod's fsGroup: readable by the broker's group only, as its key-file rule demands.
    defaultMode: 288 # 0440 in octal, written in decimal so every YAML reader agrees
    items:
      - key: {{ .Values.masterKey.key }}
        path: current
      {{- range $i, $key := .Values.masterKey.previousKeys }}
      - key: {{ $key }}
        path: {{ printf "previous-%d" $i }}
      {{- end }}
{{- end -}}

{{- define "cloudbroker.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
- name: data
  mountPath: /var/lib/cloudbroker
- name: master-key
  mountPath: {{ include "cloudbroker.keyFolder" . }}
  readOnly: true
{{- end -}}

{{- define "cloudbroker.probes" -}}
startupProbe:
  httpGet: { path: /healthz, port: http }
  periodSeconds: 2
  failureThreshold: 60
livenessProbe:
  httpGet: { path: /healthz, port: http }
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
readinessProbe:
  httpGet: { path: /readyz, port: http }
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 2
{{- end -}}
