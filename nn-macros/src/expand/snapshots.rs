//! Snapshots of the generated code, so that a change to its shape shows in review as a diff of
//! Rust, not only as tests that still pass: each test expands one declaration, prints it as
//! formatted Rust and compares it with `tests/expand/NAME.rs`. After a change to the generated
//! code, `NN_BLESS=1 cargo test -p nn-macros` writes the new snapshots, to commit with it.

use std::path::PathBuf;

/// The code `network!` generates for `declaration`, formatted, with the number that makes its
/// module's name unique in a compilation (which depends on the order tests run in) left out.
fn expansion(declaration: &str) -> String {
    let tokens = super::networks(declaration.parse().expect("the declaration lexes"));
    let file: syn::File = syn::parse2(tokens).expect("the expansion is Rust");
    without_module_numbers(&prettyplease::unparse(&file))
}

/// `code` with each `__nn_network_NAME_7` written `__nn_network_NAME_N`.
fn without_module_numbers(code: &str) -> String {
    const MODULE: &str = "__nn_network_";
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(start) = rest.find(MODULE) {
        let after = start + MODULE.len();
        let name_end = after
            + rest[after..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len() - after);
        let name = &rest[after..name_end];
        let stem = name.trim_end_matches(|c: char| c.is_ascii_digit());
        out.push_str(&rest[..after]);
        out.push_str(stem);
        if stem.len() < name.len() {
            out.push('N');
        }
        rest = &rest[name_end..];
    }
    out.push_str(rest);
    out
}

/// Compares the expansion of `declaration` with the snapshot `name`, or writes it with
/// `NN_BLESS=1`.
fn check(name: &str, declaration: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/expand")
        .join(format!("{name}.rs"));
    let actual = format!(
        "// network! {{ {declaration} }}\n\n{}",
        expansion(declaration)
    );
    if std::env::var_os("NN_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("a directory")).expect("it is created");
        std::fs::write(&path, &actual).expect("the snapshot is written");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if actual != expected {
        let line = actual
            .lines()
            .zip(expected.lines())
            .position(|(a, e)| a != e)
            .unwrap_or_else(|| actual.lines().count().min(expected.lines().count()));
        panic!(
            "the expansion differs from {} from line {}: `{}` where the snapshot has `{}`; \
             if the change is meant, run `NN_BLESS=1 cargo test -p nn-macros` and commit the diff",
            path.display(),
            line + 1,
            actual.lines().nth(line).unwrap_or("(the end)"),
            expected.lines().nth(line).unwrap_or("(the end)"),
        );
    }
}

#[test]
fn module_numbers_are_left_out() {
    assert_eq!(
        without_module_numbers("use __nn_network_Mlp2_17::Mlp2; __nn_network_X_3 y"),
        "use __nn_network_Mlp2_N::Mlp2; __nn_network_X_N y"
    );
}

#[test]
fn a_small_network() {
    check(
        "small",
        "pub struct Mlp = 2 => relu 3 => relu 2 => identity 2;",
    );
}

#[test]
fn a_network_trained_in_blocks() {
    check("blocked", "struct Mnist = 784 => relu 128 => softmax 10;");
}

#[test]
fn a_convolutional_network() {
    check(
        "convolutional",
        "struct Cnn = [1, 8, 8] => relu conv2d(4, 3x3, same) => max_pool2d(2x2) => softmax 10;",
    );
}

#[test]
fn a_residual_network() {
    check(
        "residual",
        "struct Res = 4 => relu residual { => relu 4 => identity 4 } => relu residual { => relu 2 } shortcut { => identity 2 } => softmax 3;",
    );
}

#[test]
fn a_batch_normalised_network() {
    check(
        "batch_norm",
        "struct Bn = [1, 4, 4] => conv2d(2, 3x3, same) => relu batch_norm() => softmax 3;",
    );
}
