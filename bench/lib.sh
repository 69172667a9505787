# Shared by the bench scripts (sourced, from the repository's root).

# Build the release binary and the corpus generator, and generate the
# deterministic corpus of $1 articles into the folder $2 unless it exists.
build_with_corpus() {
  local n=$1 corpus=$2
  echo "== build" >&2
  cargo build --release --quiet --bin readout --example gen_corpus
  if [ ! -d "$corpus" ]; then
    echo "== generating $n articles" >&2
    target/release/examples/gen_corpus --articles "$n" --out "$corpus" >&2
  fi
}
