//! Customer values: validation and normalisation of a guide's typed inputs.
//!
//! STUB INTERFACE (to be completed): `resolve` turns raw text values into
//! [`Values`], or returns every problem at once.

use std::collections::BTreeMap;

use crate::model::{Guide, InputKind};

/// Resolved values for one guide and one customer, looked up by reference
/// (`environment`, `environment.host`, `book.product`).
#[derive(Debug, Clone, Default)]
pub struct Values {
    map: BTreeMap<String, String>,
}

impl Values {
    /// The value text for a reference, if set.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.map.get(key).map(String::as_str)
    }

    /// Insert a resolved value (used by `resolve` and by tests).
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<String>) {
        self.map.insert(key.into(), value.into());
    }

    /// All resolved references and values, sorted.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.map.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// One problem with the supplied values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputProblem {
    /// The input (or unknown name) concerned.
    pub name: String,
    pub message: String,
}

/// The facets an input of this kind offers as `{{ name.facet }}`.
pub fn facets(kind: InputKind) -> &'static [&'static str] {
    match kind {
        InputKind::MyDomain => &["host", "url", "sandbox", "lightning_host"],
        _ => &[],
    }
}

/// Validate raw values (from `--set` and `--values`) against the guide's inputs.
/// Book variables are available as `book.<name>`.
pub fn resolve(
    guide: &Guide,
    book_vars: &BTreeMap<String, String>,
    raw: &BTreeMap<String, String>,
) -> Result<Values, Vec<InputProblem>> {
    let mut values = Values::default();
    for (k, v) in book_vars {
        values.insert(format!("book.{k}"), v.clone());
    }
    let _ = raw;
    let _ = guide;
    Ok(values)
}
