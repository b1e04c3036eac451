//! guidesmith: documentation-as-code for step-by-step setup guides.
//!
//! Pipeline: config -> load -> model -> lint -> render -> site -> output.
//! See ARCHITECTURE.md for the codemap and invariants.

pub mod calendar;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod diag;
pub mod fs;
pub mod inputs;
pub mod lint;
pub mod load;
pub mod mdbook;
pub mod model;
pub mod output;
pub mod pdf;
pub mod provenance;
pub mod render;
pub mod serve;
pub mod site;
pub mod suggest;
