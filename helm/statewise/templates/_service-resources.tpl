{{/*
The resources every service has, one definition each; templates/<service>/*.yaml call them
with (dict "root" . "component" "<service>").
*/}}

{{- define "statewise.service.deployment" -}}
{{- $values := index .root.Values (include "statewise.valuesKey" .) }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "statewise.componentName" . }}
  labels:
    {{- include "statewise.labels" . | nindent 4 }}
spec:
  {{- /* the HPA owns the count when it is on; a rendered count would reset it on upgrade */}}
  {{- if not $values.autoscaling.enabled }}
  replicas: {{ $values.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 3
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1
  selector:
    matchLabels:
      {{- include "statewise.selectorLabels" . | nindent 6 }}
  template:
    {{- include "statewise.service.podTemplate" . | nindent 4 }}
{{- end }}

{{- define "statewise.service.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "statewise.componentName" . }}
  labels:
    {{- include "statewise.labels" . | nindent 4 }}
spec:
  type: {{ if eq .component "gateway" }}{{ .root.Values.gateway.service.type }}{{ else }}ClusterIP{{ end }}
  {{- if and (eq .component "gateway") (ne .root.Values.gateway.service.type "ClusterIP") }}
  externalTrafficPolicy: {{ .root.Values.gateway.service.externalTrafficPolicy }}
  {{- end }}
  selector:
    {{- include "statewise.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ if eq .component "gateway" }}{{ .root.Values.gateway.service.port }}{{ else }}{{ include "statewise.port" . }}{{ end }}
      targetPort: http
      protocol: TCP
    {{- /* the gateway and order-service poll readiness here; Prometheus scrapes it */}}
    - name: management
      port: {{ include "statewise.managementPort" . }}
      targetPort: management
      protocol: TCP
{{- end }}

{{- define "statewise.service.hpa" -}}
{{- $values := index .root.Values (include "statewise.valuesKey" .) }}
{{- if and $values.autoscaling.enabled (not (and (eq .component "session-service") (include "statewise.memoryMode" .root))) }}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "statewise.componentName" . }}
  labels:
    {{- include "statewise.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "statewise.componentName" . }}
  minReplicas: {{ $values.autoscaling.minReplicas }}
  maxReplicas: {{ $values.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $values.autoscaling.targetCPUUtilizationPercentage }}
  behavior:
    scaleDown:
      # a JVM's CPU settles after start-up; scaling down slowly avoids flapping
      stabilizationWindowSeconds: 300
{{- end }}
{{- end }}

{{- define "statewise.service.pdb" -}}
{{- $values := index .root.Values (include "statewise.valuesKey" .) }}
{{- if $values.pdb.enabled }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "statewise.componentName" . }}
  labels:
    {{- include "statewise.labels" . | nindent 4 }}
spec:
  minAvailable: {{ $values.pdb.minAvailable }}
  {{- /* a pod stuck not ready must not block node drains */}}
  unhealthyPodEvictionPolicy: AlwaysAllow
  selector:
    matchLabels:
      {{- include "statewise.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end }}

{{/* Pods of the release with the given component: a NetworkPolicy peer. */}}
{{- define "statewise.peer" -}}
- podSelector:
    matchLabels:
      {{- include "statewise.selectorLabels" . | nindent 6 }}
{{- end }}

{{- define "statewise.monitoringPeer" -}}
- namespaceSelector:
    matchLabels:
      kubernetes.io/metadata.name: {{ .root.Values.networkPolicy.monitoringNamespace }}
{{- end }}

{{/*
Who may call a service, as the services really call each other: the gateway calls all
three; session-service asks inventory-service whether a product exists; order-service
reserves at inventory-service. The same callers poll readiness on the management port.
*/}}
{{- define "statewise.service.callers" -}}
{{- get (dict "inventory-service" (list "gateway" "session-service" "order-service") "session-service" (list "gateway") "order-service" (list "gateway")) .component | toJson }}
{{- end }}

{{/* Who polls a service's readiness on its management port, besides Prometheus. */}}
{{- define "statewise.service.readinessPollers" -}}
{{- get (dict "inventory-service" (list "gateway" "order-service") "session-service" (list "gateway") "order-service" (list "gateway")) .component | toJson }}
{{- end }}

{{- define "statewise.service.networkPolicy" -}}
{{- if .root.Values.networkPolicy.enabled }}
{{- $root := .root }}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "statewise.componentName" . }}
  labels:
    {{- include "statewise.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "statewise.selectorLabels" . | nindent 6 }}
  policyTypes: [Ingress]
  ingress:
    {{- if eq .component "gateway" }}
    # the only door: its HTTP port from anywhere (or the peers named in networkPolicy.gatewayFrom)
    - ports:
        - port: http
          protocol: TCP
      {{- with $root.Values.networkPolicy.gatewayFrom }}
      from:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    - ports:
        - port: management
          protocol: TCP
      from:
        {{- include "statewise.monitoringPeer" . | nindent 8 }}
    {{- else }}
    - ports:
        - port: http
          protocol: TCP
      from:
        {{- range $caller := include "statewise.service.callers" . | fromJsonArray }}
        {{- include "statewise.peer" (dict "root" $root "component" $caller) | nindent 8 }}
        {{- end }}
    - ports:
        - port: management
          protocol: TCP
      from:
        {{- include "statewise.monitoringPeer" . | nindent 8 }}
        {{- range $poller := include "statewise.service.readinessPollers" . | fromJsonArray }}
        {{- include "statewise.peer" (dict "root" $root "component" $poller) | nindent 8 }}
        {{- end }}
    {{- end }}
{{- end }}
{{- end }}
