//! Labelled data sets from CSV files into fixed-size arrays: the rows `f1,f2,…,fN,label` of
//! scikit-learn's data files, plain or gzip-compressed.
//!
//! Every problem in a file is a [`DataError`] that names the line; nothing panics.
//!
//! # Examples
//!
//! ```
//! use nn::data::{DataError, read_csv};
//!
//! let csv = "5.1,3.5,1.4,0.2,0\n6.3,3.3,6.0,2.5,2\n";
//! let samples: Vec<([f32; 4], usize)> = read_csv(csv.as_bytes(), 3, 0)?;
//! assert_eq!(samples[1], ([6.3, 3.3, 6.0, 2.5], 2));
//!
//! let error = read_csv::<f32, 4>("5.1,3.5,1.4,0\n".as_bytes(), 3, 0).unwrap_err();
//! assert_eq!(error.to_string(), "line 1: 4 columns, expected 5 (4 features and a label)");
//! # Ok::<(), DataError>(())
//! ```

use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::read::GzDecoder;
use nn_core::Scalar;

/// A sample: its features and its class.
pub type Sample<T, const N: usize> = ([T; N], usize);

/// What is wrong with a data file.
#[derive(Debug)]
pub enum DataError {
    /// The file could not be opened.
    Open {
        /// Its path.
        path: PathBuf,
        /// The cause.
        error: std::io::Error,
    },
    /// The file could not be read, or its compression is corrupt or truncated.
    Io {
        /// The line being read, from 1.
        line: usize,
        /// The cause.
        error: std::io::Error,
    },
    /// A row with the wrong number of columns.
    Columns {
        /// The line, from 1.
        line: usize,
        /// The columns found.
        found: usize,
        /// The columns expected: the features and a label.
        expected: usize,
    },
    /// A feature that is not a number.
    Number {
        /// The line, from 1.
        line: usize,
        /// The column, from 1.
        column: usize,
        /// The text found.
        text: String,
    },
    /// A feature that is NaN or infinite.
    NonFinite {
        /// The line, from 1.
        line: usize,
        /// The column, from 1.
        column: usize,
    },
    /// A label that is not a class index below the number of classes.
    Label {
        /// The line, from 1.
        line: usize,
        /// The text found.
        text: String,
        /// The number of classes.
        classes: usize,
    },
    /// A header that does not describe the expected data.
    Header {
        /// The line, from 1.
        line: usize,
        /// What was expected.
        expected: &'static str,
        /// The text found.
        found: String,
    },
    /// The file ends before all the rows its header or its data set promise.
    Rows {
        /// The rows read.
        found: usize,
        /// The rows expected.
        expected: usize,
    },
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Open { path, error } => write!(f, "cannot open {}: {error}", path.display()),
            Self::Io { line, error } => write!(f, "line {line}: cannot read the file: {error}"),
            Self::Columns {
                line,
                found,
                expected,
            } => write!(
                f,
                "line {line}: {found} columns, expected {expected} ({} features and a label)",
                expected - 1
            ),
            Self::Number { line, column, text } => {
                write!(f, "line {line}, column {column}: `{text}` is not a number")
            }
            Self::NonFinite { line, column } => {
                write!(f, "line {line}, column {column}: NaN or infinite value")
            }
            Self::Label {
                line,
                text,
                classes,
            } => write!(
                f,
                "line {line}: the label `{text}` is not a class index from 0 to {}",
                classes.saturating_sub(1)
            ),
            Self::Header {
                line,
                expected,
                found,
            } => {
                write!(f, "line {line}: the header `{found}` is not {expected}")
            }
            Self::Rows { found, expected } => {
                write!(
                    f,
                    "the file has {found} rows, expected {expected}: truncated?"
                )
            }
        }
    }
}

impl std::error::Error for DataError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Open { error, .. } | Self::Io { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// Reads rows `f1,…,fN,label` after skipping `header_lines` lines; blank lines are skipped.
///
/// # Errors
///
/// A [`DataError`] naming the line of the first problem.
pub fn read_csv<T: Scalar, const N: usize>(
    reader: impl Read,
    classes: usize,
    header_lines: usize,
) -> Result<Vec<Sample<T, N>>, DataError> {
    parse_rows(numbered_lines(reader).skip(header_lines), classes)
}

/// The lines of `reader`, numbered from 1.
fn numbered_lines(reader: impl Read) -> impl Iterator<Item = Result<(usize, String), DataError>> {
    BufReader::new(reader)
        .lines()
        .enumerate()
        .map(|(index, line)| {
            line.map(|line| (index + 1, line))
                .map_err(|error| DataError::Io {
                    line: index + 1,
                    error,
                })
        })
}

/// Every non-blank line as a sample.
fn parse_rows<T: Scalar, const N: usize>(
    lines: impl Iterator<Item = Result<(usize, String), DataError>>,
    classes: usize,
) -> Result<Vec<Sample<T, N>>, DataError> {
    lines
        .filter(|line| !matches!(line, Ok((_, text)) if text.trim().is_empty()))
        .map(|line| line.and_then(|(number, text)| parse_row(&text, number, classes)))
        .collect()
}

/// One row: `N` features, then a label below `classes`.
fn parse_row<T: Scalar, const N: usize>(
    line: &str,
    number: usize,
    classes: usize,
) -> Result<Sample<T, N>, DataError> {
    let fields: Vec<&str> = line.split(',').map(str::trim).collect();
    let Some((label, features)) = fields
        .split_last()
        .filter(|(_, features)| features.len() == N)
    else {
        return Err(DataError::Columns {
            line: number,
            found: fields.len(),
            expected: N + 1,
        });
    };
    let mut values = [T::ZERO; N];
    for (column, (slot, text)) in values.iter_mut().zip(features).enumerate() {
        let value: f64 = text.parse().map_err(|_| DataError::Number {
            line: number,
            column: column + 1,
            text: (*text).to_owned(),
        })?;
        if !value.is_finite() {
            return Err(DataError::NonFinite {
                line: number,
                column: column + 1,
            });
        }
        *slot = T::from_f64(value);
    }
    let class = label
        .parse::<usize>()
        .ok()
        .filter(|&class| class < classes)
        .ok_or_else(|| DataError::Label {
            line: number,
            text: (*label).to_owned(),
            classes,
        })?;
    Ok((values, class))
}

/// Opens `path`, decompressing it if its name ends in `.gz`.
fn open(path: &Path) -> Result<Box<dyn Read>, DataError> {
    let file = File::open(path).map_err(|error| DataError::Open {
        path: path.to_owned(),
        error,
    })?;
    if path.extension().is_some_and(|extension| extension == "gz") {
        Ok(Box::new(GzDecoder::new(file)))
    } else {
        Ok(Box::new(file))
    }
}

/// scikit-learn's `digits.csv.gz`: 1,797 images of 8x8 pixels valued 0..16, labelled 0..9.
///
/// # Errors
///
/// A [`DataError`] naming the line of the first problem, or [`DataError::Rows`] when the file does
/// not have exactly 1,797 rows.
pub fn digits<T: Scalar>(path: impl AsRef<Path>) -> Result<Vec<Sample<T, 64>>, DataError> {
    const ROWS: usize = 1797;
    let samples = read_csv(open(path.as_ref())?, 10, 0)?;
    if samples.len() != ROWS {
        return Err(DataError::Rows {
            found: samples.len(),
            expected: ROWS,
        });
    }
    Ok(samples)
}

/// scikit-learn's `iris.csv`: a header `150,4,setosa,versicolor,virginica`, then 150 flowers of 4
/// measurements labelled 0..2.
///
/// # Errors
///
/// A [`DataError`] naming the line of the first problem, or [`DataError::Rows`] when the file has
/// fewer or more rows than its header says.
pub fn iris<T: Scalar>(path: impl AsRef<Path>) -> Result<Vec<Sample<T, 4>>, DataError> {
    let mut lines = numbered_lines(open(path.as_ref())?);
    let header = lines
        .next()
        .transpose()?
        .map(|(_, text)| text)
        .unwrap_or_default();
    let fields: Vec<&str> = header.trim().split(',').collect();
    let rows = match fields.as_slice() {
        [rows, "4", _, _, _] => rows.parse::<usize>().ok(),
        _ => None,
    };
    let rows = rows.ok_or_else(|| DataError::Header {
        line: 1,
        expected: "`ROWS,4,CLASS,CLASS,CLASS`",
        found: header.trim().to_owned(),
    })?;
    let samples = parse_rows(lines, 3)?;
    if samples.len() != rows {
        return Err(DataError::Rows {
            found: samples.len(),
            expected: rows,
        });
    }
    Ok(samples)
}
