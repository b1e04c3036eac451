//! JSON Schemas (draft-07) for guide and catalog files, generated from the
//! model types themselves, so the schema editors validate against cannot
//! drift from what the loader accepts. Doc comments become descriptions.

use schemars::generate::SchemaSettings;
use serde_json::Value;

use super::{Catalog, Guide};

/// The schema of a guide file (`content/guides/*.yaml`).
pub fn guide() -> Value {
    generate::<Guide>(
        "guidesmith guide",
        "https://guidesmith.dev/schemas/guide.schema.json",
    )
}

/// The schema of a catalog file (`content/labels/*.yaml`).
pub fn catalog() -> Value {
    generate::<Catalog>(
        "guidesmith UI-label catalog",
        "https://guidesmith.dev/schemas/catalog.schema.json",
    )
}

fn generate<T: schemars::JsonSchema>(title: &str, id: &str) -> Value {
    let generator = SchemaSettings::draft07().for_deserialize().into_generator();
    let mut schema =
        serde_json::to_value(generator.into_root_schema_for::<T>()).expect("schema serializes");
    schema["title"] = Value::from(title);
    schema["$id"] = Value::from(id);
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guide_schema_is_strict_draft_07() {
        let s = guide();
        assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#");
        assert_eq!(s["additionalProperties"], false);
        let required: Vec<&str> = s["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        for f in ["id", "title", "summary", "product", "verified", "sections"] {
            assert!(required.contains(&f), "{f} not required: {required:?}");
        }
        assert!(s["properties"]["inputs"].is_object());
    }

    #[test]
    fn catalog_schema_lists_label_kinds() {
        let text = catalog().to_string();
        for kind in ["picklist-value", "external-client-app", "insensitive"] {
            assert!(text.contains(kind), "{kind}");
        }
    }
}
