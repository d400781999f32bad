#!/usr/bin/env bash
# The Data Pipeline with the strata command alone: sync the production source, bring its masked master to that
# sync (masked, users reset), then STAGES environments in parallel, each a data pod of masked data cut down to a
# referentially complete subset, bookmarked as it was handed over and the bookmark shared. Each step prints its
# time; the exit code is 0 only if every stage succeeded.
#
#   export STRATA_URL=http://127.0.0.1:8080 STRATA_TOKEN=...   # or: strata login
#   SOURCE=demo-clinic MASKED=demo-clinic-masked examples/pipeline.sh
#
# SOURCE and MASKED name an existing source and its masked dataset (make demo makes both); STAGES (default 6);
# SHARE_WITH a user to share each bookmark with (default: everyone); PREFIX (default pipeline) names the pods, and
# the pods of this prefix from an earlier run are deleted first (their shared bookmarks stay: each run's are named
# after it, <pod>-<RUN>). SUBSET_TABLE (default patients) and SUBSET_PERCENT (default 10) say what each environment
# keeps: that share of the root table's rows and every row they need or that needs them; SUBSET_PERCENT=100 keeps
# everything. Where the subset is made, SUBSET_FROM:
#   dataset (default)  once per sync, for every environment: a second masked dataset of the source, SUBSETTED
#                      (default <MASKED>-<SUBSET_TABLE>-<SUBSET_PERCENT>), with the master's ruleset, user reset and
#                      roles to disable and the subset, made on the first run and brought to each sync beside the
#                      master; it subsets first and masks only what it keeps. Every pod is a thin clone of it.
#   pod                in every environment: each pod is a clone of the masked master, subset in place
#                      (strata vdb subset), the same work once per environment.
# TEMPLATE (default <SUBSETTED>-only, or <MASKED>-only with SUBSET_FROM=pod) is made of that dataset when missing.
set -uo pipefail

SOURCE=${SOURCE:?name the production source: SOURCE=...}
MASKED=${MASKED:?name its masked dataset: MASKED=...}
STAGES=${STAGES:-6}
SHARE_WITH=${SHARE_WITH:-}
PREFIX=${PREFIX:-pipeline}
RUN=${RUN:-$(date -u +%Y%m%dt%H%M%S)}
STRATA=${STRATA:-strata}
SUBSET_TABLE=${SUBSET_TABLE:-patients}
SUBSET_PERCENT=${SUBSET_PERCENT:-10}
SUBSET_FROM=${SUBSET_FROM:-dataset}
case $SUBSET_FROM in
    dataset) [[ $SUBSET_PERCENT == 100 ]] && SUBSET_FROM=none ;;
    pod) ;;
    *) echo "SUBSET_FROM must be dataset or pod, not '$SUBSET_FROM'" >&2 && exit 2 ;;
esac
SUBSETTED=${SUBSETTED:-$MASKED-$SUBSET_TABLE-$SUBSET_PERCENT}
if [[ $SUBSET_FROM == dataset ]]; then
    PODS_OF=$SUBSETTED
else
    PODS_OF=$MASKED
fi
TEMPLATE=${TEMPLATE:-$PODS_OF-only}

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

# subsetted: SUBSETTED brought to the source's newest snapshot; made first, like the master, if it is missing.
subsetted() {
    local master file code
    if "$STRATA" masked show "$SUBSETTED" > /dev/null 2>&1; then
        "$STRATA" masked sync "$SUBSETTED"
        return
    fi
    master=$("$STRATA" masked show "$MASKED" -o json) || return
    file=$(mktemp) || return
    jq -n --arg table "$SUBSET_TABLE" --argjson percent "$SUBSET_PERCENT" \
        '{roots: [{table: $table, percent: $percent}]}' > "$file"
    local options=(--source "$SOURCE" --ruleset "$(jq -r .ruleset <<<"$master")" --subset "$file" --wait)
    [[ $(jq -r .resetUsers <<<"$master") == false ]] && options+=(--keep-passwords)
    for role in $(jq -r '.disableRoles // [] | .[]' <<<"$master"); do
        options+=(--disable-role "$role")
    done
    "$STRATA" masked create "$SUBSETTED" "${options[@]}"
    code=$?
    rm -f "$file"
    return $code
}

stage() {
    local n=$1 pod=$PREFIX-$n share=()
    local bookmark=$pod-$RUN
    [[ -n $SHARE_WITH ]] && share=(--user "$SHARE_WITH")
    step "stage $n: data pod $pod from $TEMPLATE" "$STRATA" pod create "$pod" --template "$TEMPLATE" --wait &&
        if [[ $SUBSET_FROM == pod ]]; then
            step "stage $n: subset, $SUBSET_PERCENT% of $SUBSET_TABLE" subset "$pod"
        fi &&
        step "stage $n: bookmark $bookmark" "$STRATA" pod bookmark "$pod" "$bookmark" --wait &&
        step "stage $n: share $bookmark${SHARE_WITH:+ with $SHARE_WITH}" "$STRATA" bookmark share "$bookmark" \
            "${share[@]}" &&
        echo "stage $n: done, $pod ready"
}

begin=$(now)
deletes=()
for pod in $("$STRATA" pod list -o json | jq -r --arg prefix "$PREFIX-" '.[].name | select(startswith($prefix))'); do
    step "delete $pod of an earlier run" "$STRATA" pod delete "$pod" --wait &
    deletes+=($!)
done
for pid in "${deletes[@]}"; do
    wait "$pid" || exit
done
step "sync $SOURCE" "$STRATA" source sync "$SOURCE" --wait || exit
master=
if [[ $SUBSET_FROM == dataset ]]; then
    # Both follow the sync by themselves. The environments are made of the subset only, so they need not wait for
    # the master: it is waited for at the end, and the pipeline fails if it did.
    step "masked master $MASKED at that sync (masked, users reset)" "$STRATA" masked sync "$MASKED" &
    master=$!
    if ! step "masked subset $SUBSETTED at that sync ($SUBSET_PERCENT% of $SUBSET_TABLE, masked, users reset)" \
        subsetted; then
        wait "$master"
        exit 1
    fi
else
    step "masked master $MASKED at that sync (masked, users reset)" "$STRATA" masked sync "$MASKED" || exit
fi
if ! "$STRATA" template show "$TEMPLATE" > /dev/null 2>&1; then
    if ! step "template $TEMPLATE of $PODS_OF" "$STRATA" template create "$TEMPLATE" --dataset "$PODS_OF"; then
        [[ -n $master ]] && wait "$master"
        exit 1
    fi
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
master_failed=0
if [[ -n $master ]] && ! wait "$master"; then
    master_failed=1
fi
printf '[%s s] the whole pipeline: %s of %s stages succeeded%s\n' "$(since "$begin")" "$((STAGES - failed))" \
    "$STAGES" "$([[ $master_failed == 1 ]] && echo ", the masked master FAILED")"
exit $((failed + master_failed > 0 ? 1 : 0))
