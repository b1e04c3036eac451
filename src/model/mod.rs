//! The data model: guides, catalogs and customer values as plain data.
//!
//! Invariant: nothing in `model/` does I/O. Types here are what the loader
//! deserialises (with source spans kept through [`Spanned`]) and what every
//! later stage (lint, render, site) reads.

pub mod catalog;
pub mod condition;
pub mod guide;
pub mod schema;
pub mod text;

pub use catalog::{CaseRule, Catalog, Label, LabelContext, LabelKind};
pub use condition::Condition;
pub use guide::{Guide, Input, InputKind, Record, Section, Step, Verified};
pub use serde_saphyr::Spanned;
