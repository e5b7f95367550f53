#!/usr/bin/env bash
# Proves the lowest aws-cdk-lib and constructs the README states (package.json peerDependencies): compiles src/ and runs
# the unit tests against exactly those releases. A change that needs a newer release fails here instead of silently
# raising the floor.
source "$(dirname "$0")/lane.sh"
# PEER_FLOOR=<version> tries another release (e.g. one below the floor, to see this check fail).
floor=${PEER_FLOOR:-$(node -p "require('$root/package.json').peerDependencies['aws-cdk-lib'].replace(/^[\\^~]/, '')")}
constructs=$(node -p "require('$root/package.json').peerDependencies.constructs.replace(/^[\\^~]/, '')")
echo "peer floor: aws-cdk-lib ${floor}, constructs ${constructs} (in ${tmp})"
lane_install "aws-cdk-lib@${floor}" "constructs@${constructs}"
test "$(lane_version aws-cdk-lib)" = "$floor"
test "$(lane_version constructs)" = "$constructs"

lane_compile
echo "peer floor: src/ compiles against aws-cdk-lib ${floor} and constructs ${constructs}"
lane_jest
echo "peer floor: unit tests pass against aws-cdk-lib ${floor} and constructs ${constructs}"
