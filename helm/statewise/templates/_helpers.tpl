{{/*
Names, labels and the pieces every service's pods share. The four services differ only in
the values under their key and in the environment built below, so one pod template serves
all four ("statewise.service.podTemplate"), called from each service's own files.
*/}}

{{- define "statewise.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "statewise.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "statewise.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* A component's resource name: <fullname>-<component>, kept within 63 characters. */}}
{{- define "statewise.componentName" -}}
{{- printf "%s-%s" (include "statewise.fullname" .root) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "statewise.labels" -}}
helm.sh/chart: {{ include "statewise.chart" .root }}
{{ include "statewise.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: statewise
{{- end }}

{{/* Selector labels: name, instance and component; immutable once deployed. */}}
{{- define "statewise.selectorLabels" -}}
app.kubernetes.io/name: {{ include "statewise.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* The values key of a service: gateway, sessionService, orderService, inventoryService. */}}
{{- define "statewise.valuesKey" -}}
{{- .component | camelcase | untitle }}
{{- end }}

{{/* The image of a service: registry/repository:tag[@digest]; the tag never empty. */}}
{{- define "statewise.serviceImage" -}}
{{- $service := index .root.Values (include "statewise.valuesKey" .) }}
{{- $tag := default .root.Chart.AppVersion .root.Values.image.tag }}
{{- printf "%s/%s:%s" .root.Values.image.registry $service.repository $tag }}
{{- with $service.digest }}@{{ . }}{{ end }}
{{- end }}

{{/* A third-party image from {registry, repository, tag, digest}. */}}
{{- define "statewise.image" -}}
{{- printf "%s/%s:%s" .registry .repository .tag }}
{{- with .digest }}@{{ . }}{{ end }}
{{- end }}

{{- define "statewise.secretName" -}}
{{- default (printf "%s-secrets" (include "statewise.fullname" .)) .Values.auth.existingSecret }}
{{- end }}

{{/* The service ports, as in each service's application.yml. */}}
{{- define "statewise.port" -}}
{{- get (dict "gateway" "8080" "inventory-service" "8081" "session-service" "8082" "order-service" "8083") .component }}
{{- end }}

{{- define "statewise.managementPort" -}}
{{- get (dict "gateway" "9080" "inventory-service" "9081" "session-service" "9082" "order-service" "9083") .component }}
{{- end }}

{{/* In memory mode session-service is a StatefulSet behind a headless Service. */}}
{{- define "statewise.memoryMode" -}}
{{- if eq .Values.sessionMode "memory" }}true{{ end }}
{{- end }}

{{- define "statewise.publicUrl" -}}
{{- if .Values.publicUrl }}
{{- .Values.publicUrl }}
{{- else if and .Values.ingress.enabled .Values.ingress.hosts }}
{{- $host := (first .Values.ingress.hosts).host }}
{{- printf "%s://%s" (ternary "https" "http" (gt (len .Values.ingress.tls) 0)) $host }}
{{- else if and .Values.httpRoute.enabled .Values.httpRoute.hostnames }}
{{- printf "http://%s" (first .Values.httpRoute.hostnames) }}
{{- else }}
{{- print "http://localhost:8080" }}
{{- end }}
{{- end }}

{{/* host:port list of the Sentinels the services ask for the primary. */}}
{{- define "statewise.redisSentinels" -}}
{{- if eq .Values.redis.mode "external" }}
{{- join "," .Values.redis.external.sentinels }}
{{- else }}
{{- $name := include "statewise.componentName" (dict "root" . "component" "sentinel") }}
{{- $nodes := list }}
{{- range $i := until (int .Values.redis.sentinel.replicaCount) }}
{{- $nodes = append $nodes (printf "%s-%d.%s-headless.%s.svc.%s:26379" $name $i $name $.Release.Namespace $.Values.clusterDomain) }}
{{- end }}
{{- join "," $nodes }}
{{- end }}
{{- end }}

{{- define "statewise.redisPasswordEnabled" -}}
{{- if or (eq .Values.redis.mode "internal") .Values.redis.external.passwordEnabled }}true{{ end }}
{{- end }}

{{/* The PostgreSQL host the services connect to: always the primary. */}}
{{- define "statewise.postgresHost" -}}
{{- if eq .Values.postgresql.mode "external" }}
{{- .Values.postgresql.external.host }}
{{- else if eq .Values.postgresql.mode "cloudnativepg" }}
{{- printf "%s-rw" (include "statewise.componentName" (dict "root" . "component" "postgresql")) }}
{{- else }}
{{- include "statewise.componentName" (dict "root" . "component" "postgresql") }}
{{- end }}
{{- end }}

{{- define "statewise.postgresPort" -}}
{{- if eq .Values.postgresql.mode "external" }}{{ .Values.postgresql.external.port }}{{ else }}5432{{ end }}
{{- end }}

{{- define "statewise.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "statewise.secretName" .root }}
      key: {{ .key }}
{{- end }}

{{/*
The environment of a service: the same variables the local stack passes
(infra/local-stack LocalStack.java), with Kubernetes Service names instead of loopback ports.
*/}}
{{- define "statewise.service.env" -}}
{{- $root := .root }}
{{- $c := .component }}
{{- $ns := $root.Release.Namespace }}
{{- $uses := dict "redis" (has $c (list "gateway" "session-service" "inventory-service")) "db" (has $c (list "session-service" "order-service" "inventory-service")) -}}
- name: JAVA_TOOL_OPTIONS
  value: {{ $root.Values.javaToolOptions | quote }}
- name: STATEWISE_INSTANCEID
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
{{ include "statewise.secretEnv" (dict "root" $root "name" "STATEWISE_IDENTITY_KEYS" "key" $root.Values.auth.keys.identityKeys) }}
{{- if $uses.redis }}
- name: STATEWISE_REDIS_MASTER
  value: {{ $root.Values.redis.masterName | quote }}
- name: STATEWISE_REDIS_SENTINELS
  value: {{ include "statewise.redisSentinels" $root | quote }}
{{- if include "statewise.redisPasswordEnabled" $root }}
{{ include "statewise.secretEnv" (dict "root" $root "name" "SPRING_DATA_REDIS_PASSWORD" "key" $root.Values.auth.keys.redisPassword) }}
{{- end }}
{{- end }}
{{- if $uses.db }}
- name: STATEWISE_DB_HOST
  value: {{ include "statewise.postgresHost" $root | quote }}
- name: STATEWISE_DB_PORT
  value: {{ include "statewise.postgresPort" $root | quote }}
- name: STATEWISE_DB_USER
  value: {{ $root.Values.postgresql.username | quote }}
{{ include "statewise.secretEnv" (dict "root" $root "name" "STATEWISE_DB_PASSWORD" "key" $root.Values.auth.keys.postgresPassword) }}
{{- end }}
{{- $inventory := printf "http://%s:8081" (include "statewise.componentName" (dict "root" $root "component" "inventory-service")) }}
{{- if eq $c "gateway" }}
- name: STATEWISE_IDENTITY_SIGNINGKEY
  value: {{ $root.Values.auth.identitySigningKeyId | quote }}
- name: STATEWISE_GATEWAY_SESSION_MODE
  value: {{ $root.Values.sessionMode | quote }}
- name: STATEWISE_GATEWAY_TRUSTED_PROXIES
  value: {{ include "statewise.gatewayTrustedProxies" $root | quote }}
- name: STATEWISE_GATEWAY_RATE_LIMIT_MODE
  value: {{ $root.Values.gateway.rateLimit.mode | quote }}
- name: STATEWISE_GATEWAY_RATE_LIMIT_SYNC_INTERVAL
  value: {{ $root.Values.gateway.rateLimit.syncInterval | quote }}
- name: MANAGEMENT_TRACING_SAMPLING_PROBABILITY
  value: {{ $root.Values.gateway.tracing.samplingProbability | quote }}
- name: STATEWISE_GATEWAY_PUBLIC_URL
  value: {{ include "statewise.publicUrl" $root | quote }}
- name: STATEWISE_GATEWAY_ALLOWED_ORIGINS
  value: {{ join "," (prepend $root.Values.gateway.allowedOrigins (include "statewise.publicUrl" $root)) | quote }}
- name: STATEWISE_INVENTORY_INSTANCES
  value: {{ printf "%s?management-port=9081" $inventory | quote }}
- name: STATEWISE_ORDER_INSTANCES
  value: {{ printf "http://%s:8083?management-port=9083" (include "statewise.componentName" (dict "root" $root "component" "order-service")) | quote }}
- name: STATEWISE_SESSION_INSTANCES
  value: {{ include "statewise.sessionInstances" $root | quote }}
{{- else if eq $c "session-service" }}
- name: STATEWISE_SESSION_STORE
  value: {{ $root.Values.sessionMode | quote }}
- name: STATEWISE_SESSION_TIMEOUT
  value: {{ $root.Values.sessionService.sessionTimeout | quote }}
- name: STATEWISE_COOKIE_SECURE
  value: {{ $root.Values.cookieSecure | quote }}
- name: STATEWISE_TRUSTED_PROXIES
  value: {{ $root.Values.sessionService.trustedProxies | quote }}
- name: STATEWISE_INVENTORY_URL
  value: {{ $inventory | quote }}
- name: STATEWISE_ADMIN_EMAIL
  value: {{ $root.Values.auth.adminEmail | quote }}
{{ include "statewise.secretEnv" (dict "root" $root "name" "STATEWISE_ADMIN_PASSWORD" "key" $root.Values.auth.keys.adminPassword) }}
{{- else if eq $c "order-service" }}
{{- /* the same list as the gateway's: the Service, which balances behind it */}}
- name: STATEWISE_INVENTORY_INSTANCES
  value: {{ printf "%s?management-port=9081" $inventory | quote }}
{{- end }}
{{- end }}

{{/*
Whose X-Forwarded-For the gateway believes: gateway.trustedProxies, or when it is null the
private ranges if only an Ingress/HTTPRoute or the cluster can reach the gateway (ClusterIP).
*/}}
{{- define "statewise.gatewayTrustedProxies" -}}
{{- if kindIs "string" .Values.gateway.trustedProxies }}
{{- .Values.gateway.trustedProxies }}
{{- else if eq .Values.gateway.service.type "ClusterIP" -}}
10\.\d{1,3}\.\d{1,3}\.\d{1,3}|192\.168\.\d{1,3}\.\d{1,3}|172\.(1[6-9]|2[0-9]|3[0-1])\.\d{1,3}\.\d{1,3}|fd[0-9a-f]{2}:.*
{{- end }}
{{- end }}

{{/*
The session-service instances the gateway balances over. redis mode: the Service (any pod
serves any browser). memory mode: every StatefulSet pod by its own DNS name, because the
gateway's sticky cookie must name one pod, which a Service cannot.
*/}}
{{- define "statewise.sessionInstances" -}}
{{- $name := include "statewise.componentName" (dict "root" . "component" "session-service") }}
{{- if include "statewise.memoryMode" . }}
{{- $pods := list }}
{{- range $i := until (int .Values.sessionService.replicaCount) }}
{{- $pods = append $pods (printf "http://%s-%d.%s-headless.%s.svc.%s:8082?management-port=9082" $name $i $name $.Release.Namespace $.Values.clusterDomain) }}
{{- end }}
{{- join "," $pods }}
{{- else }}
{{- printf "http://%s:8082?management-port=9082" $name }}
{{- end }}
{{- end }}

{{/* The pod template of a service: probes on the management port, security, /tmp. */}}
{{- define "statewise.service.podTemplate" -}}
{{- $root := .root }}
{{- $values := index $root.Values (include "statewise.valuesKey" .) -}}
metadata:
  labels:
    {{- include "statewise.labels" . | nindent 4 }}
  annotations:
    {{- /* a new generated or rotated secret restarts the pods */}}
    checksum/secrets: {{ include (print $root.Template.BasePath "/secrets.yaml") $root | sha256sum }}
    {{- with $values.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  {{- with $root.Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  automountServiceAccountToken: false
  enableServiceLinks: false
  terminationGracePeriodSeconds: {{ $root.Values.termination.gracePeriodSeconds }}
  securityContext:
    {{- toYaml $root.Values.podSecurityContext | nindent 4 }}
  {{- if $root.Values.topologySpread.enabled }}
  topologySpreadConstraints:
    - maxSkew: 1
      topologyKey: kubernetes.io/hostname
      whenUnsatisfiable: {{ $root.Values.topologySpread.nodeWhenUnsatisfiable }}
      labelSelector:
        matchLabels:
          {{- include "statewise.selectorLabels" . | nindent 10 }}
    - maxSkew: 1
      topologyKey: topology.kubernetes.io/zone
      whenUnsatisfiable: {{ $root.Values.topologySpread.zoneWhenUnsatisfiable }}
      labelSelector:
        matchLabels:
          {{- include "statewise.selectorLabels" . | nindent 10 }}
  {{- end }}
  {{- with $values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $values.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: {{ .component }}
      image: {{ include "statewise.serviceImage" . | quote }}
      imagePullPolicy: {{ $root.Values.image.pullPolicy }}
      securityContext:
        {{- toYaml $root.Values.containerSecurityContext | nindent 8 }}
      ports:
        - name: http
          containerPort: {{ include "statewise.port" . }}
          protocol: TCP
        - name: management
          containerPort: {{ include "statewise.managementPort" . }}
          protocol: TCP
      env:
        {{- include "statewise.service.env" . | nindent 8 }}
        {{- with $values.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      startupProbe:
        httpGet:
          path: /actuator/health/liveness
          port: management
        periodSeconds: {{ $root.Values.probes.startup.periodSeconds }}
        failureThreshold: {{ $root.Values.probes.startup.failureThreshold }}
      livenessProbe:
        httpGet:
          path: /actuator/health/liveness
          port: management
        periodSeconds: {{ $root.Values.probes.liveness.periodSeconds }}
        timeoutSeconds: {{ $root.Values.probes.liveness.timeoutSeconds }}
        failureThreshold: {{ $root.Values.probes.liveness.failureThreshold }}
      readinessProbe:
        httpGet:
          path: /actuator/health/readiness
          port: management
        periodSeconds: {{ $root.Values.probes.readiness.periodSeconds }}
        timeoutSeconds: {{ $root.Values.probes.readiness.timeoutSeconds }}
        failureThreshold: {{ $root.Values.probes.readiness.failureThreshold }}
      lifecycle:
        preStop:
          sleep:
            seconds: {{ $root.Values.termination.preStopSleepSeconds }}
      resources:
        {{- toYaml $values.resources | nindent 8 }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: 256Mi
{{- end }}

{{/* Security context of the datastore containers: the images' own non-root users. */}}
{{- define "statewise.datastoreContainerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .runAsUser }}
runAsGroup: {{ .runAsUser }}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "statewise.datastorePodSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .runAsUser }}
runAsGroup: {{ .runAsUser }}
fsGroup: {{ .runAsUser }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/*
The secret values, base64-encoded, decided once per render and shared by every template
that needs them (the Secret, and the CloudNativePG owner Secret that must carry the same
PostgreSQL password): the cluster's existing Secret when there is one (lookup), else new
random values. Memoised on .Values because each template renders separately.
*/}}
{{- define "statewise.secretData" -}}
{{- if not (hasKey .Values "__secretData") }}
{{- $existing := (lookup "v1" "Secret" .Release.Namespace (include "statewise.secretName" .)) | default dict }}
{{- $data := (get $existing "data") | default dict }}
{{- $keys := .Values.auth.keys }}
{{- $generated := dict }}
{{- if not .Values.auth.existingSecret }}
{{- /* 32 random bytes as base64: a 256-bit HMAC key, as IdentityTokens requires */}}
{{- $_ := set $generated $keys.identityKeys (printf "%s:%s" .Values.auth.identitySigningKeyId (randAlphaNum 32 | b64enc) | b64enc) }}
{{- $_ := set $generated $keys.adminPassword (randAlphaNum 24 | b64enc) }}
{{- $_ := set $generated $keys.postgresPassword (randAlphaNum 32 | b64enc) }}
{{- $_ := set $generated $keys.redisPassword (randAlphaNum 32 | b64enc) }}
{{- end }}
{{- $_ := set .Values "__secretData" (merge (deepCopy $data) $generated) }}
{{- end }}
{{- toJson .Values.__secretData }}
{{- end }}
