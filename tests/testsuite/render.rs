//! Render checks on the shipped guide (added when render lands).
