#!/usr/bin/env bash
# The Data Pipeline with the strata command alone: sync the production source, bring its masked master to that
# sync (masked, users reset), then STAGES environments in parallel, each a data pod of the masked data, cut down to
# a referentially complete subset, bookmarked as it was handed over and the bookmark shared. Each step prints its
# time; the exit code is 0 only if every stage succeeded.
#
#   export STRATA_URL=http://127.0.0.1:8080 STRATA_TOKEN=...   # or: strata login
#   SOURCE=demo-clinic MASKED=demo-clinic-masked examples/pipeline.sh
#
# SOURCE and MASKED name an existing source and its masked dataset (make demo makes both); TEMPLATE (default
# <MASKED>-only) is made of the masked dataset when missing; STAGES (default 6); SHARE_WITH a user to share each
# bookmark with (default: everyone); PREFIX (default pipeline) names the pods, and the pods of this prefix from an
# earlier run are deleted first (their shared bookmarks stay: each run's are named after it, <pod>-<RUN>).
# SUBSET_TABLE (default patients) and SUBSET_PERCENT (default 10) say what each environment keeps: that share of the
# root table's rows and every row they need or that needs them; SUBSET_PERCENT=100 keeps everything and skips it.
set -uo pipefail

SOURCE=${SOURCE:?name the production source: SOURCE=...}
MASKED=${MASKED:?name its masked dataset: MASKED=...}
TEMPLATE=${TEMPLATE:-$MASKED-only}
STAGES=${STAGES:-6}
SHARE_WITH=${SHARE_WITH:-}
PREFIX=${PREFIX:-pipeline}
RUN=${RUN:-$(date -u +%Y%m%dt%H%M%S)}
STRATA=${STRATA:-strata}
SUBSET_TABLE=${SUBSET_TABLE:-patients}
SUBSET_PERCENT=${SUBSET_PERCENT:-10}

now() { date +%s.%N; }
since() { awk -v start="$1" -v end="$(now)" 'BEGIN { printf "%6.2f", end - start }'; }

# step WHAT COMMAND...: runs the command quietly, prints its time, or its error and fails.
step() {
    local what=$1 start output
    shift
    start=$(now)
    if output=$("$@" 2>&1); then
        printf '[%s s] %s\n' "$(since "$start")" "$what"
    else
        local code=$?
        printf '[%s s] %s FAILED (exit %s): %s\n' "$(since "$start")" "$what" "$code" "$(tail -n 1 <<<"$output")"
        return "$code"
    fi
}

# subset POD: every virtual database of the pod keeps SUBSET_PERCENT % of SUBSET_TABLE, with what it references.
subset() {
    local vdb
    [[ $SUBSET_PERCENT == 100 ]] && return 0
    for vdb in $("$STRATA" pod show "$1" -o json | jq -r '.vdbs[].vdbName'); do
        "$STRATA" vdb subset "$vdb" --table "$SUBSET_TABLE" --percent "$SUBSET_PERCENT" --wait || return
    done
}

stage() {
    local n=$1 pod=$PREFIX-$n share=()
    local bookmark=$pod-$RUN
    [[ -n $SHARE_WITH ]] && share=(--user "$SHARE_WITH")
    step "stage $n: data pod $pod from $TEMPLATE" "$STRATA" pod create "$pod" --template "$TEMPLATE" --wait &&
        step "stage $n: subset, $SUBSET_PERCENT% of $SUBSET_TABLE" subset "$pod" &&
        step "stage $n: bookmark $bookmark" "$STRATA" pod bookmark "$pod" "$bookmark" --wait &&
        step "stage $n: share $bookmark${SHARE_WITH:+ with $SHARE_WITH}" "$STRATA" bookmark share "$bookmark" \
            "${share[@]}" &&
        echo "stage $n: done, $pod ready"
}

begin=$(now)
for pod in $("$STRATA" pod list -o json | jq -r --arg prefix "$PREFIX-" '.[].name | select(startswith($prefix))'); do
    step "delete $pod of an earlier run" "$STRATA" pod delete "$pod" --wait || exit
done
step "sync $SOURCE" "$STRATA" source sync "$SOURCE" --wait || exit
step "masked master $MASKED at that sync (masked, users reset)" "$STRATA" masked sync "$MASKED" || exit
if ! "$STRATA" template show "$TEMPLATE" > /dev/null 2>&1; then
    step "template $TEMPLATE of $MASKED" "$STRATA" template create "$TEMPLATE" --dataset "$MASKED" || exit
fi

pids=()
for n in $(seq 1 "$STAGES"); do
    stage "$n" &
    pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do
    wait "$pid" || failed=$((failed + 1))
done
printf '[%s s] the whole pipeline: %s of %s stages succeeded\n' "$(since "$begin")" "$((STAGES - failed))" "$STAGES"
exit $((failed > 0 ? 1 : 0))
