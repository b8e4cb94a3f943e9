//! The configuration every property test file runs with: its number of
//! cases drawn from one fixed seed, so that `cargo test` tries the same
//! cases every time and a failure in CI is a failure on any machine. The
//! saved failures of a file's `.proptest-regressions` (next to it) run
//! first.
//!
//! To search further, give another seed and more cases:
//! `PROPTEST_RNG_SEED=$RANDOM PROPTEST_CASES=3000 cargo test --test props_formats`;
//! a failure found so is saved in the regressions file, to be kept with the
//! fix (and a plain test of the smallest case).

use proptest::test_runner::{Config, FileFailurePersistence, RngSeed};

/// The seed when `PROPTEST_RNG_SEED` gives none.
const SEED: u64 = 20_250_310;

/// `cases` cases (or `PROPTEST_CASES`) from the fixed seed (or
/// `PROPTEST_RNG_SEED`), failures saved beside the test file.
pub fn config(cases: u32) -> Config {
    let given = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    let mut config = Config::default();
    if !given("PROPTEST_CASES") {
        config.cases = cases;
    }
    if !given("PROPTEST_RNG_SEED") {
        config.rng_seed = RngSeed::Fixed(SEED);
    }
    // (the default looks for the crate's lib.rs beside the tests, warns
    // that there is none and falls back to this)
    config.failure_persistence = Some(Box::new(FileFailurePersistence::WithSource(
        "proptest-regressions",
    )));
    config
}
