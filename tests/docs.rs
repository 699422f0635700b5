//! What users read. Every example in the API docs names `nn::` paths only: a user's crate depends
//! on `nn`, and `nn_core::…` copied into it does not compile. Neither the API docs nor the README
//! speak of documents a user does not have, except the course notes, which the README introduces.
//! And no link points into a dependency's docs, which `cargo doc --no-deps` does not build: such
//! links render as plain text, so they take an explicit address.

use std::path::{Path, PathBuf};

/// The Rust files below `dir`, at any depth.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("a source directory") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            files.push(path);
        }
    }
    files
}

/// Every doc-comment line of the library sources, the generated code's included, as
/// `file:line: text`.
fn doc_lines() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut lines = Vec::new();
    for dir in ["src", "nn-core/src", "nn-macros/src/expand"] {
        for file in rust_files(&root.join(dir)) {
            let text = std::fs::read_to_string(&file).expect("a readable source file");
            for (number, line) in text.lines().enumerate() {
                let code = line.trim_start();
                if code.starts_with("///") || code.starts_with("//!") {
                    lines.push(format!("{}:{}: {code}", file.display(), number + 1));
                }
            }
        }
    }
    lines
}

/// Words for documents a user does not have.
fn unknown_document(text: &str) -> bool {
    let text = text.to_lowercase();
    ["the seed", "seed's", "seed document", "design card"]
        .iter()
        .any(|word| text.contains(word))
}

#[test]
fn doc_examples_name_nn_paths_only() {
    let offending: Vec<_> = doc_lines()
        .into_iter()
        .filter(|line| line.contains("nn_core::"))
        .collect();
    assert!(offending.is_empty(), "{offending:#?}");
}

#[test]
fn docs_speak_of_no_document_the_user_lacks() {
    let mut offending: Vec<_> = doc_lines()
        .into_iter()
        .filter(|line| unknown_document(line))
        .collect();
    let readme = include_str!("../README.md");
    offending.extend(
        readme
            .lines()
            .enumerate()
            .filter(|(_, line)| unknown_document(line))
            .map(|(number, line)| format!("README.md:{}: {line}", number + 1)),
    );
    assert!(offending.is_empty(), "{offending:#?}");
}

/// Dependencies whose items `nn` does not re-export, so that rustdoc has no page to link to.
const UNDOCUMENTED_CRATES: [&str; 7] = [
    "rand_pcg",
    "libm",
    "multiversion",
    "bytemuck",
    "safetensors",
    "flate2",
    "indicatif",
];

#[test]
fn no_doc_link_points_into_an_undocumented_dependency() {
    let offending: Vec<_> = doc_lines()
        .into_iter()
        .filter(|line| {
            UNDOCUMENTED_CRATES.iter().any(|krate| {
                let link = format!("[`{krate}::");
                line.match_indices(&link).any(|(at, _)| {
                    // `[`rand_pcg::Pcg32`](https://…)` and `[`rand_pcg::Pcg32`][Pcg32]` are fine.
                    let rest = &line[at + link.len()..];
                    let after = rest.split_once("`]").map_or("", |(_, after)| after);
                    !(after.starts_with('(') || after.starts_with('['))
                })
            })
        })
        .collect();
    assert!(offending.is_empty(), "{offending:#?}");
}
