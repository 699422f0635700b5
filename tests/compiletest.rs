//! Shape bugs and DSL mistakes are compile errors: each case in `tests/ui/` must fail to compile
//! with the error recorded beside it (`.stderr`, written by the toolchain in `rust-toolchain.toml`).
//! Regenerate with `TRYBUILD=overwrite cargo test --test compiletest`, then read every diff.

#[test]
fn ui() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
