# Sourced by the scripts: where the tools are and how to build. No side effects besides exports.
export PATH="$HOME/.cargo/bin:$PATH"
export WEGWIJZER_TOOLS="${WEGWIJZER_TOOLS:-$HOME/.cache/wegwijzer-tools}"
export PATH="$WEGWIJZER_TOOLS/node_modules/.bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# Wasm builds only: applies the Debian rust-web fallback when setup chose it (see
# ../shared/notes/toolchain.md). Host tests keep rustup's cargo, so call this in a subshell.
use_wasm_toolchain() {
    local marker
    marker="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/.cache/use-debian-rust"
    [ -f "$marker" ] || return 0
    export WEGWIJZER_DEBIAN_RUST=1
    export PATH="/usr/bin:$PATH"
    export RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1
    export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
    [ -e /usr/bin/rust-lld ] || export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld
}

# The generated benchmark endpoint with $1 initiatives in scripts/.cache/bench/$1, written again
# when the generator or the format changed since (a stamp of their sources), so a benchmark never
# measures data in an older format. Prints the folder.
bench_data() {
    local n="$1" root dir stamp
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    dir="scripts/.cache/bench/$n"
    stamp=$(cd "$root" && cat crates/publish/src/bin/gen_sample/*.rs crates/core/src/model.rs crates/publish/src/*.rs scripts/gen-sample-data | sha256sum | cut -c1-16)
    if [ ! -f "$root/$dir/index.json" ] || [ "$(cat "$root/$dir/.stamp" 2>/dev/null)" != "$stamp" ]; then
        echo "generating $n initiatives into $dir" >&2
        rm -rf "${root:?}/$dir"
        (cd "$root" && scripts/gen-sample-data --initiatives "$n" --out "$dir" >&2)
        echo "$stamp" > "$root/$dir/.stamp"
    fi
    echo "$dir"
}
