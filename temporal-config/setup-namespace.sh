#!/usr/bin/env bash
# Creates the croupier namespace and its search attributes on a Temporal cluster. Idempotent.
# Usage: TEMPORAL_ADDRESS=temporal.example:7233 bash temporal-config/setup-namespace.sh
# The dev server does this by itself from its command-line flags.
set -euo pipefail
NS=${CROUPIER_TEMPORAL_NAMESPACE:-croupier}
RETENTION=${CROUPIER_TEMPORAL_RETENTION:-30d}
# Where closed histories go when retention ends (archival/archival.yaml enables the filestore
# provider on the server): e.g. file:///var/lib/temporal/archival. Empty: no archival (the dev
# server, which has none). The URIs cannot be changed once enabled.
ARCHIVAL=${CROUPIER_TEMPORAL_ARCHIVAL_URI:-}
archival=()
if [ -n "$ARCHIVAL" ]; then
  archival=(--history-archival-state enabled --history-uri "$ARCHIVAL/history"
    --visibility-archival-state enabled --visibility-uri "$ARCHIVAL/visibility")
fi

temporal operator namespace describe --namespace "$NS" >/dev/null 2>&1 ||
  temporal operator namespace create --namespace "$NS" --retention "$RETENTION" "${archival[@]}" \
    --description "Croupier game sessions and poker tables"

for attribute in CroupierUserId CroupierGameId CroupierSessionStatus; do
  temporal operator search-attribute create --namespace "$NS" --name "$attribute" --type Keyword 2>/dev/null ||
    echo "search attribute $attribute exists"
done
temporal operator search-attribute list --namespace "$NS"
