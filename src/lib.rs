//! guidesmith: documentation-as-code for step-by-step setup guides.
//!
//! Pipeline: config -> load -> model -> lint -> render -> site -> output.
//! See ARCHITECTURE.md for the codemap and invariants.

pub mod inputs;
pub mod model;
