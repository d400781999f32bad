{{/* Names, labels and the settings several templates share. */}}

{{/* The chart's name. */}}
{{- define "strata.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The prefix of every object's name: the release name, with the chart's name unless it holds it already. */}}
{{- define "strata.fullname" -}}
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

{{/* The name of a component's objects; called with (dict "root" $ "component" "ingest"). */}}
{{- define "strata.componentName" -}}
{{- printf "%s-%s" (include "strata.fullname" .root) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every object. */}}
{{- define "strata.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "strata.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: strata
{{- end }}

{{/* The labels that select a component's pods; called with (dict "root" $ "component" "ingest"). */}}
{{- define "strata.selectorLabels" -}}
app.kubernetes.io/name: {{ include "strata.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Every label of a component's objects; called with (dict "root" $ "component" "ingest"). */}}
{{- define "strata.componentLabels" -}}
{{ include "strata.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* The HTTP port of each component, as the services' application.properties set them. */}}
{{- define "strata.ports" -}}
router: 8080
ingest: 8081
storage-node: 8082
masking: 8083
provisioning: 8084
catalog: 8085
{{- end }}

{{/* A component's image; called with (dict "root" $ "component" "ingest"). */}}
{{- define "strata.image" -}}
{{- $image := .root.Values.image }}
{{- $own := (index .root.Values (include "strata.valuesKey" .component)).image }}
{{- $repository := $own.repository | default (printf "%s/%s%s" $image.registry $image.repositoryPrefix .component) }}
{{- printf "%s:%s" $repository ($own.tag | default $image.tag | default .root.Chart.AppVersion) }}
{{- end }}

{{/* The values key of a component: storage-node → storageNode. */}}
{{- define "strata.valuesKey" -}}
{{- . | camelcase | untitle }}
{{- end }}

{{/* Where the services keep their state in the container ($STRATA_HOME). */}}
{{- define "strata.home" -}}
/var/lib/strata
{{- end }}

{{/* The ServiceAccount of a component; called with (dict "root" $ "component" "ingest"). */}}
{{- define "strata.serviceAccountName" -}}
{{- include "strata.componentName" . }}
{{- end }}

{{/* The ConfigMap every service reads its settings from. */}}
{{- define "strata.configName" -}}
{{- printf "%s-config" (include "strata.fullname" .) }}
{{- end }}

{{/* The Secret with the token key pair. */}}
{{- define "strata.jwtSecret" -}}
{{- .Values.jwt.existingSecret | default (printf "%s-jwt" (include "strata.fullname" .)) }}
{{- end }}

{{/* The Secret of masking keys. */}}
{{- define "strata.maskingKeysSecret" -}}
{{- .Values.masking.keys.existingSecret | default (printf "%s-masking-keys" (include "strata.fullname" .)) }}
{{- end }}

{{/* The Secret with the secret store's master key. */}}
{{- define "strata.secretStoreSecret" -}}
{{- .Values.secretStore.existingSecret | default (printf "%s-secret-store" (include "strata.fullname" .)) }}
{{- end }}

{{/* The Secret with the first admin's password. */}}
{{- define "strata.adminSecret" -}}
{{- .Values.catalog.adminPassword.existingSecret | default (printf "%s-admin" (include "strata.fullname" .)) }}
{{- end }}

{{/* The Strimzi Kafka cluster's name. */}}
{{- define "strata.kafkaName" -}}
{{- printf "%s-kafka" (include "strata.fullname" .) }}
{{- end }}

{{/* The Strimzi API version: v1 where the cluster serves it (Strimzi 0.49 and later), else v1beta2. */}}
{{- define "strata.strimziApiVersion" -}}
{{- if .Values.kafka.strimzi.apiVersion }}
{{- .Values.kafka.strimzi.apiVersion }}
{{- else if .Capabilities.APIVersions.Has "kafka.strimzi.io/v1/Kafka" }}
{{- "kafka.strimzi.io/v1" }}
{{- else }}
{{- "kafka.strimzi.io/v1beta2" }}
{{- end }}
{{- end }}

{{/* The broker the services use: Strimzi's bootstrap Service, or the external one. */}}
{{- define "strata.kafkaBootstrap" -}}
{{- if .Values.kafka.strimzi.enabled }}
{{- printf "%s-kafka-bootstrap.%s.svc:9092" (include "strata.kafkaName" .) .Release.Namespace }}
{{- else }}
{{- required "kafka.bootstrapServers is required unless kafka.strimzi.enabled" .Values.kafka.bootstrapServers }}
{{- end }}
{{- end }}

{{/* The CloudNativePG cluster's name. */}}
{{- define "strata.postgresqlName" -}}
{{- printf "%s-postgresql" (include "strata.fullname" .) }}
{{- end }}

{{/* The PostgreSQL server's host: CloudNativePG's read-write Service, or the external one. */}}
{{- define "strata.postgresqlHost" -}}
{{- if .Values.postgresql.cloudnativepg.enabled }}
{{- printf "%s-rw.%s.svc" (include "strata.postgresqlName" .) .Release.Namespace }}
{{- else }}
{{- required "postgresql.host is required unless postgresql.cloudnativepg.enabled" .Values.postgresql.host }}
{{- end }}
{{- end }}

{{/* A service's JDBC URL; called with (dict "root" $ "database" "ingest"). */}}
{{- define "strata.jdbcUrl" -}}
{{- $pg := .root.Values.postgresql }}
{{- $port := ternary 5432 $pg.port $pg.cloudnativepg.enabled }}
{{- printf "jdbc:postgresql://%s:%v/%s%s" (include "strata.postgresqlHost" .root) $port $pg.databasePrefix .database }}
{{- with $pg.parameters }}{{ printf "?%s" . }}{{ end }}
{{- end }}

{{/* The namespaces Strata works in, as a JSON list; empty when it works in all of them. */}}
{{- define "strata.namespaces" -}}
{{- if .Values.kubernetes.allNamespaces }}
{{- list | toJson }}
{{- else }}
{{- .Values.kubernetes.namespaces | default (list .Release.Namespace) | uniq | toJson }}
{{- end }}
{{- end }}

{{/* The pod-level security context of the services: the images' non-root user. */}}
{{- define "strata.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 1001
runAsGroup: 1001
fsGroup: 1001
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* The container-level security context of the services. */}}
{{- define "strata.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
{{- end }}

{{/* Health probes on Quarkus's endpoints, on the container's port named http. */}}
{{- define "strata.probes" -}}
startupProbe:
  httpGet:
    path: /q/health/live
    port: http
  periodSeconds: 2
  failureThreshold: 60
livenessProbe:
  httpGet:
    path: /q/health/live
    port: http
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
readinessProbe:
  httpGet:
    path: /q/health/ready
    port: http
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 3
{{- end }}

{{/* The environment every service shares (the router has its own); called with (dict "root" $ "database" "x"). */}}
{{- define "strata.serviceEnv" -}}
{{- $config := include "strata.configName" .root }}
{{- $pg := .root.Values.postgresql -}}
- name: STRATA_HOME
  value: {{ include "strata.home" . }}
- name: STRATA_HTTP_HOST
  value: 0.0.0.0
- name: STRATA_KAFKA_BOOTSTRAP
  valueFrom:
    configMapKeyRef:
      name: {{ $config }}
      key: kafka-bootstrap-servers
- name: STRATA_EVENTS_TOPIC_PREFIX
  valueFrom:
    configMapKeyRef:
      name: {{ $config }}
      key: topic-prefix
- name: STRATA_DB_URL
  valueFrom:
    configMapKeyRef:
      name: {{ $config }}
      key: db-url-{{ .database }}
{{- if $pg.cloudnativepg.enabled }}
- name: STRATA_DB_USER
  valueFrom:
    secretKeyRef:
      name: {{ include "strata.postgresqlName" .root }}-app
      key: username
- name: STRATA_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "strata.postgresqlName" .root }}-app
      key: password
{{- else }}
- name: STRATA_DB_USER
  valueFrom:
    configMapKeyRef:
      name: {{ $config }}
      key: db-user
- name: STRATA_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $pg.passwordSecret.name }}
      key: {{ $pg.passwordSecret.key }}
{{- end }}
{{- include "strata.jwtEnv" .root }}
{{- end }}

{{/* The algorithm tokens are verified with, for every service and the router. */}}
{{- define "strata.jwtEnv" }}
- name: MP_JWT_VERIFY_PUBLICKEY_ALGORITHM
  valueFrom:
    configMapKeyRef:
      name: {{ include "strata.configName" . }}
      key: jwt-algorithm
{{- end }}

{{/*
The volumes every component has: a writable $STRATA_HOME and /tmp, and the public key of the tokens (the private one
too for the catalog, which signs); called with (dict "root" $ "signs" true|false).
*/}}
{{- define "strata.baseVolumes" -}}
- name: home
  emptyDir: {}
- name: tmp
  emptyDir: {}
- name: jwt
  secret:
    secretName: {{ include "strata.jwtSecret" .root }}
    defaultMode: 288  # 0440: the group (fsGroup) reads it
    items:
      - key: public.pem
        path: public.pem
      {{- if .signs }}
      - key: private.pem
        path: private.pem
      {{- end }}
{{- end }}

{{/* Where the base volumes are mounted. */}}
{{- define "strata.baseMounts" -}}
- name: home
  mountPath: {{ include "strata.home" . }}
- name: tmp
  mountPath: /tmp
- name: jwt
  mountPath: {{ include "strata.home" . }}/secrets/jwt
  readOnly: true
{{- end }}

{{/* The secret store that ingest, masking and provisioning share: its claim and its master key. */}}
{{- define "strata.secretStoreVolumes" -}}
- name: secret-store
  persistentVolumeClaim:
    claimName: {{ include "strata.fullname" . }}-secret-store
- name: master-key
  secret:
    secretName: {{ include "strata.secretStoreSecret" . }}
    defaultMode: 288  # 0440: the group (fsGroup) reads it
{{- end }}

{{/* Where the secret store is mounted. */}}
{{- define "strata.secretStoreMounts" -}}
- name: secret-store
  mountPath: {{ include "strata.home" . }}/secrets/store
- name: master-key
  mountPath: {{ include "strata.home" . }}/secrets/master.key
  subPath: master.key
  readOnly: true
{{- end }}

{{- /*
A service's operator switch, and the namespaces it watches (those its Roles cover); called with a dict of root and
enabled.
*/}}
{{- define "strata.operatorEnv" -}}
- name: STRATA_KUBERNETES_OPERATOR
  value: {{ .enabled | quote }}
{{- if .enabled }}
- name: QUARKUS_OPERATOR_SDK_NAMESPACES
  value: {{ include "strata.namespaces" .root | fromJsonArray | join "," | default "JOSDK_ALL_NAMESPACES" | quote }}
{{- end }}
{{- end }}
