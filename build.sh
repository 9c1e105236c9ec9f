#!/usr/bin/env bash
# Builds and tests Coordinator through build.cake: ./build.sh --target=Test (see build.cake for targets).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Colour codes only help on a terminal; in CI logs they break up the lines people and tools read.
if [[ ! -t 1 ]]; then
  export NO_COLOR="${NO_COLOR:-1}"
fi

# Cake parses arguments even after "--" as its own (a --target there would replace ours), so those
# reach build.cake through the environment instead, each ended by a newline.
cake_args=()
while (($#)) && [[ $1 != -- ]]; do
  cake_args+=("$1")
  shift
done
export COORD_PASSTHROUGH_ARGS=
shift || true # the "--" itself
if (($#)); then
  printf -v COORD_PASSTHROUGH_ARGS '%s\n' "$@"
fi

dotnet tool restore </dev/null
dotnet cake build.cake "${cake_args[@]}"
