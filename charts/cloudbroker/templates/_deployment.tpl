{{/* One host's Deployment; .component is "api" or "worker", .spec its values. */}}
{{- define "cloudbroker.deployment" -}}
{{- $root := .root -}}
{{- $spec := index $root.Values .component -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "cloudbroker.fullname" $root }}-{{ .component }}
  labels:
    {{- include "cloudbroker.labels" $root | nindent 4 }}
    app.kubernetes.io/component: {{ .component }}
spec:
  {{- if not $spec.autoscaling.enabled }}
  replicas: {{ $spec.replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "cloudbroker.selectorLabels" . | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate: { maxUnavailable: 0, maxSurge: 1 }
  template:
    metadata:
      labels:
        {{- include "cloudbroker.selectorLabels" . | nindent 8 }}
        {{- with $root.Values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- if or $root.Values.podAnnotations $root.Values.telemetry.prometheus.enabled }}
      annotations:
        {{- if $root.Values.telemetry.prometheus.enabled }}
        prometheus.io/scrape: "true"
        prometheus.io/port: "8080"
        prometheus.io/path: /metrics
        {{- end }}
        {{- with $root.Values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- end }}
    spec:
      serviceAccountName: {{ include "cloudbroker.serviceAccountName" $root }}
      automountServiceAccountToken: false
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- range . }}
        - name: {{ . }}
        {{- end }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      # A process stops taking work on SIGTERM; in-flight steps are redelivered or re-driven if it is killed.
      terminationGracePeriodSeconds: 30
      containers:
        - name: {{ .component }}
          image: {{ include "cloudbroker.image" (dict "root" $root "host" .component) }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
          env:
            - name: CloudBroker__Roles
              value: {{ .component }}
            {{- include "cloudbroker.env" $root | nindent 12 }}
            {{- if eq .component "worker" }}
            - name: CloudBroker__Accounting__Exports__ScratchFolder
              value: {{ include "cloudbroker.exportScratch" $root }}
            {{- end }}
            {{- with $spec.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          {{- include "cloudbroker.probes" $root | nindent 10 }}
          securityContext:
            {{- toYaml $root.Values.containerSecurityContext | nindent 12 }}
          resources:
            {{- toYaml $spec.resources | nindent 12 }}
          volumeMounts:
            {{- include "cloudbroker.volumeMounts" $root | nindent 12 }}
            {{- if eq .component "worker" }}
            - name: export-scratch
              mountPath: {{ include "cloudbroker.exportScratch" $root }}
            {{- end }}
      volumes:
        {{- include "cloudbroker.volumes" $root | nindent 8 }}
        {{- if eq .component "worker" }}
        # The worker builds exports: their files are written here first, apart from /tmp and its smaller limit.
        - name: export-scratch
          emptyDir:
            sizeLimit: {{ $root.Values.exportScratchSizeLimit }}
        {{- end }}
      {{- with $spec.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $spec.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $spec.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end -}}

{{/* One host's HorizontalPodAutoscaler and PodDisruptionBudget. */}}
{{- define "cloudbroker.scaling" -}}
{{- $root := .root -}}
{{- $spec := index $root.Values .component -}}
{{- if $spec.autoscaling.enabled }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "cloudbroker.fullname" $root }}-{{ .component }}
  labels:
    {{- include "cloudbroker.labels" $root | nindent 4 }}
    app.kubernetes.io/component: {{ .component }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "cloudbroker.fullname" $root }}-{{ .component }}
  minReplicas: {{ $spec.autoscaling.minReplicas }}
  maxReplicas: {{ $spec.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $spec.autoscaling.targetCPUUtilizationPercentage }}
{{- end }}
{{- if $spec.podDisruptionBudget.enabled }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "cloudbroker.fullname" $root }}-{{ .component }}
  labels:
    {{- include "cloudbroker.labels" $root | nindent 4 }}
    app.kubernetes.io/component: {{ .component }}
spec:
  minAvailable: {{ $spec.podDisruptionBudget.minAvailable }}
  selector:
    matchLabels:
      {{- include "cloudbroker.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end -}}
