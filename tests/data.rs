//! The data loaders: the real files load, and damaged ones give a typed error that names the line.

use std::io::Write;
use std::path::PathBuf;

use flate2::Compression;
use flate2::write::GzEncoder;
use nn::data::{self, DataError};

const DIGITS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/digits.csv.gz");
const IRIS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/iris.csv");

/// A file in the temporary directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, contents: &[u8]) -> Self {
        let path = std::env::temp_dir().join(format!("nn-data-{}-{name}", std::process::id()));
        std::fs::write(&path, contents).unwrap();
        Self(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn gzip(text: &str) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(text.as_bytes()).unwrap();
    encoder.finish().unwrap()
}

fn digits_text() -> String {
    let mut text = String::new();
    let mut decoder = flate2::read::GzDecoder::new(std::fs::File::open(DIGITS).unwrap());
    std::io::Read::read_to_string(&mut decoder, &mut text).unwrap();
    text
}

#[test]
fn the_real_files_load() {
    let digits = data::digits::<f32>(DIGITS).unwrap();
    assert_eq!(digits.len(), 1797);
    // The first image of scikit-learn's `load_digits()` is a 0 that starts 0, 0, 5, 13, 9, 1.
    assert_eq!(
        (&digits[0].0[..6], digits[0].1),
        (&[0.0, 0.0, 5.0, 13.0, 9.0, 1.0][..], 0)
    );
    assert!(
        digits
            .iter()
            .all(|(pixels, label)| *label < 10 && pixels.iter().all(|p| (0.0..=16.0).contains(p)))
    );
    let mut counts = [0; 10];
    for (_, label) in &digits {
        counts[*label] += 1;
    }
    assert_eq!(counts, [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);

    let iris = data::iris::<f64>(IRIS).unwrap();
    assert_eq!(iris.len(), 150);
    assert_eq!(iris[0], ([5.1, 3.5, 1.4, 0.2], 0));
    assert_eq!(iris[149], ([5.9, 3.0, 5.1, 1.8], 2));
}

#[track_caller]
fn digits_error(name: &str, contents: &[u8]) -> DataError {
    let file = TempFile::new(name, contents);
    data::digits::<f32>(&file.0).unwrap_err()
}

#[test]
fn damaged_digits_files_are_typed_errors() {
    let text = digits_text();
    let lines: Vec<&str> = text.lines().collect();

    // A truncated download: the gzip stream ends early.
    let whole = std::fs::read(DIGITS).unwrap();
    let error = digits_error("truncated.csv.gz", &whole[..whole.len() / 2]);
    assert!(
        matches!(error, DataError::Io { line, .. } if line > 1),
        "{error:?}"
    );

    // Bytes that are not gzip at all.
    let error = digits_error(
        "corrupt.csv.gz",
        b"\x1f\x8b\x08\x00garbage that is not deflate",
    );
    assert!(matches!(error, DataError::Io { line: 1, .. }), "{error:?}");

    // A row cut short: the last line loses its label.
    let mut short = lines.clone();
    let cut = &lines[1796][..lines[1796].rfind(',').unwrap()];
    short[1796] = cut;
    let error = digits_error("short.csv.gz", &gzip(&short.join("\n")));
    assert_eq!(
        error.to_string(),
        "line 1797: 64 columns, expected 65 (64 features and a label)"
    );

    // Fewer rows than the data set has.
    let error = digits_error("rows.csv.gz", &gzip(&lines[..1000].join("\n")));
    assert_eq!(
        error.to_string(),
        "the file has 1000 rows, expected 1797: truncated?"
    );

    // A value that is not a number, a NaN, a label out of range.
    let mut bad = lines.clone();
    let replaced = lines[9].replacen('0', "x", 1);
    bad[9] = &replaced;
    assert_eq!(
        digits_error("number.csv.gz", &gzip(&bad.join("\n"))).to_string(),
        "line 10, column 1: `x` is not a number"
    );
    let replaced = lines[9].replacen('0', "NaN", 1);
    bad[9] = &replaced;
    assert_eq!(
        digits_error("nan.csv.gz", &gzip(&bad.join("\n"))).to_string(),
        "line 10, column 1: NaN or infinite value"
    );
    let replaced = format!("{},10", &lines[9][..lines[9].rfind(',').unwrap()]);
    bad[9] = &replaced;
    assert_eq!(
        digits_error("label.csv.gz", &gzip(&bad.join("\n"))).to_string(),
        "line 10: the label `10` is not a class index from 0 to 9"
    );

    // An empty file, compressed or not.
    for empty in [gzip(""), Vec::new()] {
        let error = digits_error("empty.csv.gz", &empty);
        assert_eq!(error.to_string(), "the file holds no rows of data");
        assert!(matches!(error, DataError::Empty { header_lines: 0 }));
    }
    let missing = data::digits::<f32>("/nonexistent/digits.csv.gz").unwrap_err();
    assert!(
        missing
            .to_string()
            .starts_with("cannot open /nonexistent/digits.csv.gz"),
        "{missing}"
    );
}

#[test]
fn damaged_iris_files_are_typed_errors() {
    let text = std::fs::read_to_string(IRIS).unwrap();
    let iris_error = |name: &str, contents: &str| {
        let file = TempFile::new(name, contents.as_bytes());
        data::iris::<f32>(&file.0).unwrap_err()
    };
    assert_eq!(
        iris_error("empty.csv", "").to_string(),
        "the file holds no rows of data"
    );
    let header_only = text.lines().next().unwrap();
    assert_eq!(
        iris_error("header.csv", header_only).to_string(),
        "the file holds no rows of data after its 1 header line(s)"
    );
    let without_header: String = text.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(
        iris_error("headless.csv", &without_header).to_string(),
        "line 1: the header `5.1,3.5,1.4,0.2,0` is not `ROWS,4,CLASS,CLASS,CLASS`"
    );
    let truncated: String = text.lines().take(100).collect::<Vec<_>>().join("\n");
    assert_eq!(
        iris_error("truncated.csv", &truncated).to_string(),
        "the file has 99 rows, expected 150: truncated?"
    );
    let wide = text.replacen("4.9,3.0,1.4,0.2,0", "4.9,3.0,1.4,0.2,0.1,0", 1);
    assert_eq!(
        iris_error("wide.csv", &wide).to_string(),
        "line 3: 6 columns, expected 5 (4 features and a label)"
    );
    let invalid_utf8 = [text.as_bytes(), &[0xff, 0xfe, b'\n']].concat();
    let file = TempFile::new("utf8.csv", &invalid_utf8);
    assert!(matches!(
        data::iris::<f32>(&file.0).unwrap_err(),
        DataError::Io { line: 152, .. }
    ));
}

#[test]
fn gzip_is_told_by_its_first_bytes_not_by_the_name() {
    let text = "1.5,2.5,1\n";
    for (name, contents) in [
        ("gzip-named-plain.csv", gzip(text)),
        ("plain-named-gzip.csv.gz", text.as_bytes().to_vec()),
    ] {
        let file = TempFile::new(name, &contents);
        let samples = data::read_csv::<f32, 2>(data::open(&file.0).unwrap(), 2, 0).unwrap();
        assert_eq!(samples, [([1.5, 2.5], 1)], "{name}");
    }
    let missing = data::open("/nonexistent/data.csv").err().unwrap();
    assert_eq!(
        missing.to_string(),
        "cannot open /nonexistent/data.csv: No such file or directory (os error 2)"
    );
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let samples = data::read_csv::<f64, 2>("\u{feff}1,2,0\n3,4,1\n".as_bytes(), 2, 0).unwrap();
    assert_eq!(samples, [([1.0, 2.0], 0), ([3.0, 4.0], 1)]);
    let samples = data::read_csv::<f64, 2>("\u{feff}a,b,label\n3,4,1\n".as_bytes(), 2, 1).unwrap();
    assert_eq!(samples, [([3.0, 4.0], 1)]);
}

#[test]
fn files_without_rows_are_errors() {
    for (text, header_lines, message) in [
        ("", 0, "the file holds no rows of data"),
        ("\n  \n", 0, "the file holds no rows of data"),
        (
            "a,b,label\n",
            1,
            "the file holds no rows of data after its 1 header line(s)",
        ),
    ] {
        let error = data::read_csv::<f32, 2>(text.as_bytes(), 2, header_lines).unwrap_err();
        assert_eq!(error.to_string(), message);
    }
}

#[test]
fn regression_files_have_float_targets() {
    // The regression of the course notes, f(x) = 3 x0 + 2 x1, with two targets: f and -f.
    let csv = "x0,x1,f,-f\n0.5,0.25,2.0,-2.0\n\n1.0,0.0,3.0,-3.0\n";
    let file = TempFile::new("regression.csv.gz", &gzip(csv));
    let samples: Vec<([f64; 2], [f64; 2])> =
        data::read_regression_csv(data::open(&file.0).unwrap(), 1).unwrap();
    assert_eq!(
        samples,
        [([0.5, 0.25], [2.0, -2.0]), ([1.0, 0.0], [3.0, -3.0])]
    );

    let error = |text: &str| {
        data::read_regression_csv::<f32, 2, 1>(text.as_bytes(), 0)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        error("1,2\n"),
        "line 1: 2 columns, expected 3 (2 features and 1 target)"
    );
    assert_eq!(
        error("1,2,3\n1,2,three\n"),
        "line 2, column 3: `three` is not a number"
    );
    assert_eq!(
        error("1,2,inf\n"),
        "line 1, column 3: NaN or infinite value"
    );
    assert_eq!(
        data::read_regression_csv::<f32, 1, 3>("1,2\n".as_bytes(), 0)
            .unwrap_err()
            .to_string(),
        "line 1: 2 columns, expected 4 (1 feature and 3 targets)"
    );
}
