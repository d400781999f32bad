{{/*
A Service and a Deployment for the router or one of the four services that are not the storage node; called with a
dict of:
  root            the chart's context ($)
  component       router, ingest, masking, provisioning or catalog
  env             the container's environment (YAML list text), JAVA_TOOL_OPTIONS and extraEnv come after it
  volumes, mounts the pod's volumes and the container's mounts (YAML list text)
  automountToken  whether the pod gets its ServiceAccount's token (only those that call the API server)
  replicas        how many pods (default 1)
  strategy        RollingUpdate, or Recreate (default) for a service that runs as one instance
  serviceType     the Service's type (default ClusterIP)
*/}}
{{- define "strata.deployment" -}}
{{- $root := .root }}
{{- $ctx := dict "root" $root "component" .component }}
{{- $values := index $root.Values (include "strata.valuesKey" .component) }}
{{- $port := index (include "strata.ports" $root | fromYaml) .component }}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "strata.componentName" $ctx }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "strata.componentLabels" $ctx | nindent 4 }}
spec:
  type: {{ .serviceType | default "ClusterIP" }}
  selector:
    {{- include "strata.selectorLabels" $ctx | nindent 4 }}
  ports:
    - name: http
      port: {{ $port }}
      targetPort: http
      protocol: TCP
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "strata.componentName" $ctx }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "strata.componentLabels" $ctx | nindent 4 }}
spec:
  replicas: {{ .replicas | default 1 }}
  strategy:
    type: {{ .strategy | default "Recreate" }}
  selector:
    matchLabels:
      {{- include "strata.selectorLabels" $ctx | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "strata.componentLabels" $ctx | nindent 8 }}
      annotations:
        checksum/config: {{ include (print $root.Template.BasePath "/config.yaml") $root | sha256sum }}
    spec:
      serviceAccountName: {{ include "strata.serviceAccountName" $ctx }}
      automountServiceAccountToken: {{ .automountToken | default false }}
      # Service links would put STRATA_<SERVICE>_PORT=tcp://... into the environment, where the services'
      # configuration reads STRATA_* variables.
      enableServiceLinks: false
      securityContext:
        {{- include "strata.podSecurityContext" $root | nindent 8 }}
      {{- with $root.Values.image.pullSecrets }}
      imagePullSecrets:
        {{- range . }}
        - name: {{ . }}
        {{- end }}
      {{- end }}
      {{- with $root.Values.scheduling.nodeSelector }}
      nodeSelector:
        {{- range $label, $value := . }}
        {{ $label }}: {{ $value | quote }}
        {{- end }}
      {{- end }}
      {{- with $root.Values.scheduling.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $root.Values.scheduling.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .component }}
          image: {{ include "strata.image" $ctx }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $port }}
              protocol: TCP
          env:
            {{- .env | trim | nindent 12 }}
            - name: JAVA_TOOL_OPTIONS
              value: {{ $values.javaOpts | quote }}
            {{- with $values.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          {{- include "strata.probes" $root | nindent 10 }}
          resources:
            {{- toYaml $values.resources | nindent 12 }}
          securityContext:
            {{- include "strata.containerSecurityContext" $root | nindent 12 }}
          volumeMounts:
            {{- .mounts | trim | nindent 12 }}
      volumes:
        {{- .volumes | trim | nindent 8 }}
{{- end }}
